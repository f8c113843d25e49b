"""What the routes share: the store (one call at a time, from whichever worker thread), the options, and the
pipeline, loaded once on the first annotate."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import HTTPException

from sitroom.config import Config
from sitroom.store.base import Page, Store

if TYPE_CHECKING:
    from spacy.language import Language

T = TypeVar("T")


class Service:
    """The store behind a lock (SQLite's connection is one; the server's threads take turns) and the spaCy
    pipeline behind another (a Language object is not safe to run from two threads at once)."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self.options = config.api
        self.store = store
        self._store_lock = threading.RLock()
        self._nlp: Language | None = None
        self._nlp_lock = threading.Lock()

    def call(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """One store call, alone on the connection."""
        with self._store_lock:
            return method(*args, **kwargs)

    def page(self, method: Callable[..., Page[T]], where: Any, after: str | None, limit: int) -> Page[T]:
        """One page of a store list; a cursor this store did not give out is the client's error (422); an empty
        one is the first page."""
        after = after or None
        try:
            return self.call(method, where, after, limit)
        except ValueError as error:
            if after is not None and "cursor" in str(error):
                raise HTTPException(422, f"after: {error}") from None
            raise

    def stream(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """A streamed reply's chunks, each made with the store to itself, so other requests are answered between
        the chunks of a long export (the store's iterators fetch page by page and hold no cursor open between)."""
        while True:
            with self._store_lock:
                chunk = next(chunks, None)
            if chunk is None:
                return
            yield chunk

    def pipeline(self) -> tuple[Language, threading.Lock]:
        """The configured pipeline, loaded on first use (seconds) and kept; with the lock to run it under."""
        with self._nlp_lock:
            if self._nlp is None:
                from sitroom.nlp import load_pipeline

                self._nlp = load_pipeline(self.config.nlp)
            return self._nlp, self._nlp_lock
