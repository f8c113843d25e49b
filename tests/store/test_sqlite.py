"""What the SQLite backend adds to the store contract: migrations, WAL, integrity, open_store by path."""

from __future__ import annotations

import sqlite3

import pytest

from sitroom.model import Article
from sitroom.store import SQLiteStore, open_store
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


def test_open_store_refuses_unbuilt_backends(tmp_path):
    with pytest.raises(NotImplementedError):
        open_store("postgresql://localhost/sitroom")
    assert isinstance(open_store(str(tmp_path / "x.db")), SQLiteStore)


def test_database_passes_integrity_check(store):
    store.add_batch([article(i) for i in range(50)], "r")
    assert store.integrity() == "ok"
    assert isinstance(store.db, sqlite3.Connection)
