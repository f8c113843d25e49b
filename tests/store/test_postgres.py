"""What the PostgreSQL backend adds to the store contract: the same migrations as SQLite in its own dialect, a
schema of something else left alone, read-only opens, errors that name the server (never the password), writers
side by side (one transaction per batch, ids locked so that batches sharing articles queue), and a kill -9 mid-
ingest that leaves whole batches only."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from test_crash import WAIT_LIMIT_S, ingest, write_corpus

from sitroom.config import StoreOptions
from sitroom.model import Article, Cluster
from sitroom.store import open_store
from sitroom.store.base import ArticleFilter, StoreError
from sitroom.store.postgres import ID_LOCKS_AT_MOST, PostgresStore, migrations
from sitroom.store.sqlite import migrations as sqlite_migrations

WRITERS = 4
SHARED = 20


def race(write: Callable[[int], None]) -> None:
    """Run write(w) for each of WRITERS writers in threads at once and wait for all of them."""
    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def article(i: int, text: str = "Body text", prefix: str = "id", **kw) -> Article:
    return Article(id=f"{prefix}{i:03d}", text=f"{text} {i}", title=f"T{i}", content_hash=f"h{text}{i}", **kw)


def test_the_migrations_are_sqlites_in_postgresql_dialect(postgres_url):
    assert [(n, name) for n, name, _ in migrations()] == [(n, name) for n, name, _ in sqlite_migrations()]
    with PostgresStore(postgres_url) as store:
        assert store.schema_version == migrations()[-1][0]
        columns = store._rows("SELECT table_name, column_name, collation_name FROM information_schema.columns"
                              " WHERE table_schema = current_schema() AND data_type = 'text'"
                              " AND table_name != 'sitroom_migrations'")
        assert columns and {c["collation_name"] for c in columns if c["column_name"] != "body"} == {"C"}
    with PostgresStore(postgres_url) as again:  # reopening migrates nothing
        assert again._one("SELECT count(*) AS n FROM sitroom_migrations")["n"] == len(migrations())


def test_stores_opened_at_once_migrate_once(postgres_url):
    opened: list[PostgresStore] = []
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(PostgresStore(postgres_url))
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and len(opened) == WRITERS
    assert opened[0]._one("SELECT count(*) AS n FROM sitroom_migrations")["n"] == len(migrations())
    for store in opened:
        store.close()


def test_a_schema_of_something_else_is_left_alone(postgres_url, postgres_server):
    with psycopg.connect(postgres_url, autocommit=True) as other:
        other.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(StoreError, match="not a sitroom store .its tables: invoices"):
        PostgresStore(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as other:
        tables = other.execute("SELECT table_name FROM information_schema.tables"
                               " WHERE table_schema = current_schema()").fetchall()
    assert tables == [("invoices",)]


def test_read_only_lists_but_does_not_write(postgres_url):
    with PostgresStore(postgres_url) as store:
        store.add_batch([article(1)], "r")
    with PostgresStore(postgres_url, read_only=True) as reader:
        assert [a.id for a in reader.iter_articles()] == ["id001"]
        with pytest.raises(StoreError, match="read-only: cannot store a batch"):
            reader.add_batch([article(2)], "r")


def test_an_unreachable_server_is_one_line_without_the_password():
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://analyst:hunter2@127.0.0.1:1/ledger", StoreOptions(connect_timeout_s=2))
    message = str(caught.value)
    assert message.startswith("cannot reach PostgreSQL at postgresql://analyst@127.0.0.1:1/ledger")
    assert "hunter2" not in message and "\n" not in message


def test_a_nul_character_is_kept_in_the_article_and_dropped_from_its_list_columns(postgres_url):
    with PostgresStore(postgres_url) as store:
        store.add_batch([article(1, outlet="Wire\x00 Service")], "r")
        assert store.article("id001").outlet == "Wire\x00 Service"
        assert [a.id for a in store.iter_articles(ArticleFilter(outlet="wire service"))] == ["id001"]


def test_writers_side_by_side_store_each_article_once_and_each_new_version_once(postgres_url):
    """Four writers ingest the same shared articles (in opposite orders, so unordered locks would deadlock) and
    their own, then all send the same corrected texts: each article is stored once, each correction makes one
    new version, not four."""
    results: dict[int, list] = {}
    failures: list[BaseException] = []
    PostgresStore(postgres_url).close()  # migrated before the race

    def write(w: int) -> None:
        try:
            with open_store(postgres_url) as store:
                shared = [article(i) for i in range(SHARED)]
                own = [article(i, prefix=f"w{w}-") for i in range(10)]
                order = shared if w % 2 else shared[::-1]
                first = store.add_batch(order[: SHARED // 2] + own + order[SHARED // 2:], f"run-{w}")
                corrected = [article(i, text="Corrected") for i in range(SHARED)]
                second = store.add_batch(corrected if w % 2 else corrected[::-1], f"fix-{w}")
                results[w] = [first, second]
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    race(write)
    assert not failures
    firsts, seconds = [r[0] for r in results.values()], [r[1] for r in results.values()]
    assert sum(r.stored for r in firsts) == SHARED + 10 * WRITERS
    assert sum(r.unchanged for r in firsts) == SHARED * (WRITERS - 1)
    assert sum(r.updated for r in seconds) == SHARED and sum(r.unchanged for r in seconds) == SHARED * (WRITERS - 1)
    with open_store(postgres_url) as store:
        counts = store.counts()
        assert counts["articles"] == SHARED + 10 * WRITERS and counts["article_versions"] == SHARED
        assert {store.article(f"id{i:03d}").version for i in range(SHARED)} == {2}


def _articles_in(url: str) -> int:
    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except psycopg.Error:
        return 0  # not migrated yet


def test_kill_minus_nine_mid_ingest_then_rerun(tmp_path: Path, postgres_url: str) -> None:
    corpus, config = tmp_path / "big.jsonl", tmp_path / "c.toml"
    documents, batch, kill_after = 1500, 50, 200
    write_corpus(corpus, documents)
    config.write_text(f"[ingest]\nbatch_size = {batch}\n")
    process = ingest(corpus, postgres_url, config)  # type: ignore[arg-type]  # the CLI's --db takes the URL
    deadline = time.monotonic() + WAIT_LIMIT_S
    while _articles_in(postgres_url) < kill_after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "ingest finished before it could be killed: raise documents"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = _articles_in(postgres_url)
    assert kill_after <= partial < documents and partial % batch == 0, "a batch was half-stored"

    rerun = ingest(corpus, postgres_url, config)  # type: ignore[arg-type]
    assert rerun.wait(timeout=WAIT_LIMIT_S) == 0, rerun.stderr.read().decode()
    with open_store(postgres_url) as store:
        assert store.counts()["articles"] == documents


def test_a_batch_of_more_clusters_than_the_lock_table_holds_is_stored(postgres_url):
    """A fusion pass over 1,000 articles wrote ~20,000 clusters in one transaction; one advisory lock per id ran
    PostgreSQL out of lock-table memory ('out of shared memory', default max_locks_per_transaction 64)."""
    clusters = [Cluster(id=f"ev-{i:05d}", kind="event", label=f"event {i}") for i in range(20_000)]
    with open_store(postgres_url) as store:
        assert store.put_clusters(clusters) == 20_000
        assert store.counts()["clusters"] == 20_000


def test_a_large_batch_and_small_ones_racing_on_the_same_ids_each_store_once(postgres_url):
    """A batch above ID_LOCKS_AT_MOST takes the whole namespace; small ones take their ids and the namespace
    shared. Racing on the same articles, every article is still stored once and corrected once."""
    PostgresStore(postgres_url).close()
    large = ID_LOCKS_AT_MOST + 8
    failures: list[BaseException] = []
    results: dict[int, list] = {}

    def write(w: int) -> None:
        try:
            with open_store(postgres_url) as store:
                ids = range(large) if w == 0 else range(w, large, WRITERS)
                first = store.add_batch([article(i) for i in ids], f"run-{w}")
                second = store.add_batch([article(i, text="Corrected") for i in ids], f"fix-{w}")
                results[w] = [first, second]
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    race(write)
    assert not failures
    assert sum(r[0].stored for r in results.values()) == large
    with open_store(postgres_url) as store:
        assert store.counts()["articles"] == large
        assert {store.article(f"id{i:03d}").version for i in range(large)} == {2}
