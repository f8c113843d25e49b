"""Persistence behind one interface: SQLite (embedded default); other backends implement :class:`Store`."""

from sitroom.config import StoreOptions
from sitroom.store.base import BatchResult, Store
from sitroom.store.sqlite import SQLiteStore


def open_store(location: str, options: StoreOptions | None = None) -> Store:
    """The store at `location`: a SQLite file path (``postgresql://`` URLs are for a later backend)."""
    options = options or StoreOptions()
    if location.startswith(("postgres://", "postgresql://")):
        raise NotImplementedError("the PostgreSQL backend is not built yet; use a SQLite file path")
    return SQLiteStore(location, quick_check=options.quick_check)


__all__ = ["BatchResult", "Store", "SQLiteStore", "open_store"]
