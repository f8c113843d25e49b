"""What the SQLite backend adds to the store contract: migrations, WAL, integrity, open_store by path."""

from __future__ import annotations

import sqlite3

import pytest

from sitroom.config import StoreOptions
from sitroom.model import Article
from sitroom.store import SQLiteStore, open_store
from sitroom.store.base import StoreError
from sitroom.store.sqlite import migrations


def article(i: int, text: str = "Body text", **kw) -> Article:
    return Article(id=f"id{i:03d}", text=f"{text} {i}", title=f"T{i}", content_hash=f"h{text}{i}", **kw)


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        yield s


def test_schema_is_migrated_to_the_last_version(store):
    assert store.schema_version == migrations()[-1][0]
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_migrate_twice(tmp_path):
    SQLiteStore(tmp_path / "s.db").close()
    with SQLiteStore(tmp_path / "s.db") as again:
        assert again.schema_version == migrations()[-1][0]


def test_open_store_takes_a_path_as_sqlite_and_a_url_as_postgres(tmp_path):
    with open_store(str(tmp_path / "x.db")) as store:
        assert isinstance(store, SQLiteStore)
    for scheme in ("postgresql", "postgres"):  # nothing listens on port 1: the PostgreSQL backend says so
        with pytest.raises(StoreError, match="cannot reach PostgreSQL at postgresql://u@127.0.0.1:1/sitroom"):
            open_store(f"{scheme}://u:secret@127.0.0.1:1/sitroom", StoreOptions(connect_timeout_s=2))


def test_database_passes_integrity_check(store):
    store.add_batch([article(i) for i in range(50)], "r")
    assert store.integrity() == "ok"
    assert isinstance(store.db, sqlite3.Connection)
