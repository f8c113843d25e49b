"""An open that fails (not a sitroom store, damaged, read-only and too old) closes its SQLite connection at once
instead of leaving it, with its locks and -shm mapping, to the garbage collector. Found with the kill loop, where
a connection left open in the test process (by a helper of the test) made its later opens of the same file, after
the writer had deleted the -wal and -shm, fail as "malformed"; a failed open left its connection the same way."""

from __future__ import annotations

import gc
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sitroom.store import SQLiteStore
from sitroom.store.base import StoreError


def _open_connections() -> int:
    gc.disable()  # count what is open now, not what a collection would close
    try:
        live = 0
        for thing in gc.get_objects():
            if isinstance(thing, sqlite3.Connection):
                try:
                    thing.total_changes
                    live += 1
                except sqlite3.ProgrammingError:  # closed
                    pass
        return live
    finally:
        gc.enable()


def test_a_failed_open_leaves_no_connection_open(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
    before = _open_connections()
    with pytest.raises(StoreError, match="not a sitroom store"):
        SQLiteStore(other)
    assert _open_connections() == before
