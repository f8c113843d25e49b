"""Fixtures of the API tests: the ledger of api_ledger.py in a SQLite store in a temporary folder, and clients
over it with the default [api] options or with given ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_ledger import ClientFactory, fill, ledger_records
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.config import ApiOptions, Config
from sitroom.store import SQLiteStore


@pytest.fixture(scope="session")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "ledger.db"
    with SQLiteStore(path) as store:
        fill(store, ledger_records())
    return path


@pytest.fixture
def make_client(ledger_db: Path, tmp_path: Path) -> Iterator[ClientFactory]:
    """A client over the ledger (read-only use), or over a fresh copy of it (``copy=True``, for writes), with
    the [api] options given."""
    opened: list[SQLiteStore] = []

    def make(copy: bool = False, **api: object) -> TestClient:
        path = ledger_db
        if copy:
            path = tmp_path / "ledger.db"
            with SQLiteStore(ledger_db) as source, SQLiteStore(path) as target:
                source.db.backup(target.db)
        store = SQLiteStore(path)
        opened.append(store)
        config = Config(api=ApiOptions(**api))  # type: ignore[arg-type]
        return TestClient(create_app(config, store))

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def client(make_client: ClientFactory) -> TestClient:
    return make_client()
