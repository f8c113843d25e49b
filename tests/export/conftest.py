"""Fixtures of the exporters' tests: the hand-made ledger (export_ledger.py), and an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_ledger import Ledger, build_ledger

from sitroom.store import SQLiteStore


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    return build_ledger(tmp_path_factory.mktemp("ledger") / "ledger.db")


@pytest.fixture
def empty_store(tmp_path: Path):
    with SQLiteStore(tmp_path / "empty.db") as store:
        yield store


@pytest.fixture
def store(ledger: Ledger):
    with SQLiteStore(ledger.path) as opened:
        yield opened
