"""Indexed text search (migration 0007) finds exactly what the full scan found before it, on both backends: the
same rows in the same order, page by page, for values that are hard on an index (case in several scripts,
diacritics, apostrophes, LIKE's % and _, FTS5's own syntax, values under 3 characters, the empty value); the
index follows every write (re-ingest, re-extraction, clusters replaced and removed), survives SQLite's VACUUM, and
is filled in for a store made before it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sitroom.model import Actor, Article, Claim, Cluster, Event, Evidence, Record
from sitroom.store import SQLiteStore, open_store
from sitroom.store.base import ArticleFilter, ClaimFilter, ClusterFilter, EventFilter, Store
from sitroom.store.sqlite import SQLITE, migrations

TEXTS = (
    "Zelenskiy said North Korean troops were deployed",
    "ЗЕЛЕНСЬКИЙ заявив про Михайлівку",
    "Mykhaylivka (Михайлівка) was captured, Moscow said",
    "Élysée Palace: Macron's statement on aid",
    "Kyiv’s mayor spoke of Mar'inka",
    "100% of the 5_000 shells arrived",
    "Die Straße nach Kyjiw",
    "ΣΊΣΥΦΟΣ and σίσυφος",
    'He said "no comment" AND NEAR(x) * -y ^z',
    "İstanbul talks on grain",
)
QUERIES = (
    "zelenskiy", "ZELENSKIY", "ЗЕЛЕНСЬКИЙ", "зеленський", "михайлівк", "Mykhaylivka", "élysée", "ÉLYSÉE", "elysee",
    "macron's", "macron’s", "kyiv’s", "kyiv's", "mar'inka", "'", "100%", "%", "_", "5_0", "0%", "% of", "straße",
    "STRASSE", "ss", "σίσυφος", "ΣΊΣΥΦΟΣ", '"no comment"', '"', 'no comment" AND', "AND", "NEAR(x)", "*", "x) *",
    "-y", "^z", "istanbul", "İstanbul", "a", "zz", "ай", "no such words here", "s said", "troops were", "said",
    "Reporter", "Outlet", "\\", "a\\b",
)
SEARCHES: dict[str, tuple[str, type]] = {
    "claims": ("claims_page", ClaimFilter),
    "events": ("events_page", EventFilter),
    "clusters": ("clusters_page", ClusterFilter),
    "articles": ("articles_page", ArticleFilter),
}


def _record(i: int, text: str) -> Record:
    aid = f"s{i:02d}"
    whole = Evidence(aid, 0, len(text), text=text)
    article = Article(id=aid, text=text, title=text, outlet=f"Outlet {i}", published=f"2024-05-{1 + i % 3:02d}",
                      content_hash=f"h{i}")
    actor = Actor("A1", f"Reporter {text[:12]}", "person")
    claim = Claim("C1", "A1", whole, Evidence(aid, 0, 3, text=text[:3]), whole)
    event = Event("E1", whole, event_type="Battles", actor1="A1")
    return Record(article=article, actors=[actor], claims=[claim], events=[event])


def _cluster(i: int, text: str) -> Cluster:
    return Cluster(id=f"cl-{i:02d}", kind="claim", members=[f"s{i:02d}/C1"], label=text, place=text[-8:])


def _fill(store: Store, texts: tuple[str, ...] = TEXTS) -> None:
    records = [_record(i, text) for i, text in enumerate(texts)]
    store.add_batch([r.article for r in records], run="r1")
    store.put_records(records, pipeline="p")
    store.put_clusters([_cluster(i, text) for i, text in enumerate(texts)])


def _ids(row: Any) -> str:
    return row.id if hasattr(row, "id") else f"{row.article_id}/{getattr(row, 'claim_id', '')}{getattr(row, 'event_id', '')}"


def found(store: Store, table: str, value: str | None) -> list[str]:
    """Every row the text search takes, read two to a page (so the narrowing meets the cursor too)."""
    method, make = SEARCHES[table]
    rows, after = [], None
    while True:
        page = getattr(store, method)(make(text=value), after, 2)
        rows += [_ids(row) for row in page.rows]
        if page.next is None:
            return rows
        after = page.next


def everything(store: Store) -> dict[tuple[str, str | None], list[str]]:
    return {(table, q): found(store, table, q) for table in SEARCHES for q in (*QUERIES, "", None)}


@contextmanager
def scanning(store: Store) -> Iterator[None]:
    """The search without its index: SQLite's filters before migration 0007; PostgreSQL with bitmap scans (the
    only way it reads a GIN index) turned off."""
    if isinstance(store, SQLiteStore):
        indexed, store.dialect = store.dialect, SQLITE
        try:
            yield
        finally:
            store.dialect = indexed
    else:
        store.db.execute("SET enable_bitmapscan = off")  # type: ignore[attr-defined]
        try:
            yield
        finally:
            store.db.execute("RESET enable_bitmapscan")  # type: ignore[attr-defined]


@contextmanager
def by_index(store: Store) -> Iterator[None]:
    """PostgreSQL pushed onto its indexes (no sequential scan, no plain index scan): the GIN indexes are read."""
    if isinstance(store, SQLiteStore):
        yield
        return
    store.db.execute("SET enable_seqscan = off")  # type: ignore[attr-defined]
    store.db.execute("SET enable_indexscan = off")  # type: ignore[attr-defined]
    try:
        yield
    finally:
        store.db.execute("RESET enable_seqscan")  # type: ignore[attr-defined]
        store.db.execute("RESET enable_indexscan")  # type: ignore[attr-defined]


@pytest.fixture
def store(any_store_location: str) -> Iterator[Store]:
    with open_store(any_store_location) as opened:
        _fill(opened)
        yield opened


def test_the_index_finds_what_the_scan_found(store: Store) -> None:
    with scanning(store):
        before = everything(store)
    with by_index(store):
        after = everything(store)
    assert after == before
    assert everything(store) == before  # and with the planner (SQLite: the store) choosing freely


def test_what_search_finds_is_a_case_insensitive_substring(store: Store) -> None:
    """The values pinned one by one, beside the comparison: a substring of any searched column, case folded in
    every script, % and _ and FTS5's syntax read as themselves, no diacritic folded away."""
    expect = {
        "ЗЕЛЕНСЬКИЙ": ["s01"], "михайлівк": ["s01", "s02"], "ÉLYSÉE": ["s03"], "elysee": [], "macron's": ["s03"],
        "macron’s": [], "kyiv’s": ["s04"], "100%": ["s05"], "5_0": ["s05"], "0%": ["s05"], "_": ["s05"],
        '"no comment"': ["s08"], "NEAR(x)": ["s08"], "x) *": ["s08"], "*": ["s08"], "σίσυφος": ["s07"],
        "no such words here": [], "zz": [], "\\": [],
    }
    with by_index(store):
        for value, articles in expect.items():
            assert sorted({row.split("/")[0] for row in found(store, "claims", value)}) == articles, value
            assert sorted(found(store, "articles", value)) == articles, value
    assert len(found(store, "claims", "")) == len(TEXTS)  # no value: no filter
    # SQLite folds with casefold (ß is ss), PostgreSQL with ICU's lowercasing (ß stays ß): the one documented gap.
    assert found(store, "claims", "STRASSE") == (["s06/C1"] if isinstance(store, SQLiteStore) else [])


def test_the_index_follows_every_write(store: Store) -> None:
    # A new version of an article drops its claims and events; re-extraction writes new ones.
    changed = _record(0, "Budanov said the bridge at Chasiv Yar held")
    changed.article.content_hash = "h0-v2"
    store.add_batch([changed.article], run="r2")
    assert found(store, "claims", "zelenskiy") == []
    assert found(store, "articles", "zelenskiy") == []
    assert found(store, "articles", "chasiv yar") == ["s00"]
    store.put_records([changed], pipeline="p")
    assert found(store, "claims", "chasiv yar") == ["s00/C1"]
    assert found(store, "events", "chasiv yar") == ["s00/E1"]
    # A cluster replaced, another removed.
    store.put_clusters([_cluster(1, "Pokrovsk direction")], removed=["cl-02"])
    assert found(store, "clusters", "pokrovsk") == ["cl-01"]
    assert found(store, "clusters", "михайлівк") == []
    with scanning(store):
        before = everything(store)
    assert everything(store) == before


def test_vacuum_keeps_the_index_linked(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "v.db") as store:
        _fill(store)
        store.put_clusters([], removed=["cl-00", "cl-03"])  # gaps in the rowids, which VACUUM may close
        store.db.execute("VACUUM")
        with scanning(store):
            before = everything(store)
        assert everything(store) == before
        assert found(store, "clusters", "kyiv’s") == ["cl-04"]


def test_a_store_made_before_the_index_gets_it_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        _fill(store)
        with scanning(store):
            before = everything(store)
        for table in SEARCHES:  # back to migration 0006's schema, rows and all
            store.db.execute(f"DROP TABLE {table}_search")
            store.db.execute(f"DROP INDEX {table}_search_id")
            store.db.execute(f"ALTER TABLE {table} DROP COLUMN search_id")
        for table in ("events", "clusters"):  # migration 0008's confidence columns
            store.db.execute(f"ALTER TABLE {table} DROP COLUMN confidence")
        store.db.execute("PRAGMA user_version=6")
    with SQLiteStore(path) as store:
        assert store.schema_version == migrations()[-1][0]
        assert store.db.execute("SELECT count(*) FROM claims_search").fetchone()[0] == len(TEXTS)
        assert everything(store) == before


def test_postgres_reads_its_trigram_indexes(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        _fill(store)
        with by_index(store):
            plan = "\n".join(row["QUERY PLAN"] for row in store.db.execute(  # type: ignore[attr-defined]
                "EXPLAIN SELECT claim_id FROM claims c WHERE " + store.dialect.contains.format(column="c.content"),
                ("%михайлівк%",)))
        assert "claims_content_search" in plan
