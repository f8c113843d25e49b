"""What the environment refuses is one line naming the cause and exit status 2, never a traceback; nothing of
the user's is changed (hostile-input finding 7)."""

from __future__ import annotations

import os
import sqlite3

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store import SQLiteStore
from sitroom.store.base import StoreError

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"my notes, not a database\n" * 10)
    before = notes.read_bytes()
    result = run("articles", "--db", str(notes))
    assert result.exit_code == 2 and "not a SQLite database" in result.output
    assert notes.read_bytes() == before


def test_someone_elses_sqlite_database_is_not_switched_to_wal(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE inventory (item TEXT)")
    result = run("articles", "--db", str(other))
    assert result.exit_code == 2 and "not a sitroom store" in result.output and "inventory" in result.output
    with sqlite3.connect(other) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_store_this_process_cannot_write_opens_read_only_and_still_lists(tmp_path, monkeypatch):
    db = tmp_path / "s.db"
    SQLiteStore(db).close()
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)  # as a user without write permission
    assert SQLiteStore(db).read_only
    listed = run("articles", "--db", str(db))
    assert listed.exit_code == 0 and "0 articles" in listed.output
    refused = run("ingest", str(tmp_path / "none.txt"), "--db", str(db))
    assert refused.exit_code == 2 and "read-only" in refused.output


def test_a_read_only_store_refuses_writes_with_the_reason(tmp_path):
    db = tmp_path / "s.db"
    SQLiteStore(db).close()
    with SQLiteStore(db, read_only=True) as store:
        assert store.read_only and store.counts()["articles"] == 0
        with pytest.raises(StoreError, match="read-only"):
            store.add_batch([], "r")


def test_a_full_disk_is_reported_as_the_disk_not_as_a_failed_rollback(tmp_path):
    class FullDisk:
        """A connection whose disk fills up on the first insert (SQLite then rolls back by itself)."""

        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def execute(self, sql: str, *args):
            if sql.lstrip().upper().startswith("INSERT"):
                self.real.execute("ROLLBACK")
                raise sqlite3.OperationalError("database or disk is full")
            return self.real.execute(sql, *args)

        def __getattr__(self, name: str):
            return getattr(self.real, name)

    from sitroom.model import Article

    with SQLiteStore(tmp_path / "s.db") as store:
        real = store.db
        store.db = FullDisk(real)  # type: ignore[assignment]
        with pytest.raises(StoreError, match="full") as caught:
            store.add_batch([Article(id="a", text="t", content_hash="h")], "r")
        assert "no transaction is active" not in str(caught.value)
        store.db = real
        assert store.counts()["articles"] == 0


def test_a_missing_gazetteer_names_the_build_command(tmp_path, monkeypatch):
    monkeypatch.setenv("SITROOM_CACHE_DIR", str(tmp_path / "empty"))
    text = tmp_path / "a.txt"
    text.write_text("Shelling in Kharkiv\n\nOfficials said Russian shelling hit Kharkiv on Sunday.\n", encoding="utf-8")
    result = run("annotate", str(text))
    assert result.exit_code == 2 and "sitroom gazetteer build" in result.output


def test_a_damaged_database_is_named(tmp_path):
    db = tmp_path / "s.db"
    with SQLiteStore(db) as store:
        from sitroom.model import Article

        store.add_batch([Article(id=f"a{i}", text="t" * 3000, content_hash=f"h{i}") for i in range(40)], "r")
    data = bytearray(db.read_bytes())
    data[4096 * 2:4096 * 6] = b"\xff" * (4096 * 4)  # overwrite pages past the header
    db.write_bytes(bytes(data))
    for leftover in (tmp_path / "s.db-wal", tmp_path / "s.db-shm"):
        leftover.unlink(missing_ok=True)
    result = run("articles", "--db", str(db))
    assert result.exit_code == 2 and "damaged" in result.output
