"""Persistence behind one interface: SQLite (the embedded, zero-setup default) or PostgreSQL (shared by a team or
by many writers at once), picked by the location's form."""

from sitroom.config import StoreOptions
from sitroom.store.base import BatchResult, Store
from sitroom.store.sqlite import SQLiteStore

POSTGRES_SCHEMES = ("postgres://", "postgresql://")


def open_store(location: str, options: StoreOptions | None = None) -> Store:
    """The store at `location`: a ``postgresql://`` (or ``postgres://``) URL, else a SQLite file path."""
    options = options or StoreOptions()
    if location.startswith(POSTGRES_SCHEMES):
        from sitroom.store.postgres import PostgresStore  # psycopg is loaded only by those who use it

        return PostgresStore(location, connect_timeout_s=options.connect_timeout_s)
    return SQLiteStore(location, quick_check=options.quick_check)


__all__ = ["BatchResult", "Store", "SQLiteStore", "open_store"]
