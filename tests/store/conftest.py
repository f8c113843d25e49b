"""Stores for the contract tests: a SQLite file, and a PostgreSQL schema of its own per test (dropped after) on
the server SITROOM_TEST_POSTGRES names (a URL; .ci/postgres.sh starts one). Without that server the PostgreSQL
cases skip, saying why."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

POSTGRES_ENV = "SITROOM_TEST_POSTGRES"
BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The test server's URL, or a skip naming what is missing."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set (a postgresql:// URL; .ci/postgres.sh starts a server and sets it)")
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as error:
        pytest.skip(f"{POSTGRES_ENV}={url} is unreachable: {str(error).strip().splitlines()[0]}")
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose tables land in a new, empty schema, dropped with everything in it after the test."""
    from sitroom.store.postgres import scratch_schema

    with scratch_schema(postgres_server, "sitroom_test_") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def any_store_location(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a store of each backend goes: a SQLite file path, a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return request.getfixturevalue("postgres_url")
