"""The briefing tests' fixture: the hand-made ledger of brief_ledger.py in a temporary SQLite store."""

from __future__ import annotations

import pytest
from brief_ledger import fill

from sitroom.store import SQLiteStore


@pytest.fixture()
def ledger(tmp_path):
    """The hand-made store, open."""
    store = SQLiteStore(str(tmp_path / "brief.db"))
    fill(store)
    yield store
    store.close()
