"""The store interface every backend implements, so stages never depend on one database."""

from __future__ import annotations

import abc
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sitroom.model import Article, IngestError, Record, Skipped

IngestItem = Article | IngestError | Skipped


@dataclass
class BatchResult:
    stored: int = 0  # new articles
    updated: int = 0  # a changed text at a known id: stored as a new version
    unchanged: int = 0  # the same article again: nothing written
    skipped: int = 0
    failed: int = 0
    problems: list[IngestError | Skipped] = field(default_factory=list)

    def add(self, other: BatchResult) -> None:
        self.stored += other.stored
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.failed += other.failed
        self.problems.extend(other.problems)


@dataclass
class ArticleFilter:
    outlet: str | None = None  # substring, case-insensitive
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    limit: int | None = None


@dataclass
class EventFilter:
    event_type: str | None = None  # ACLED event type, sub-event type or PLOVER category
    since: str | None = None
    until: str | None = None
    region: str | None = None  # admin1 or country, substring
    actor: str | None = None  # substring of actor1 or actor2
    limit: int | None = None


class Store(abc.ABC):
    @abc.abstractmethod
    def add_batch(self, items: Iterable[IngestItem], run: str) -> BatchResult:
        """Store one batch in one transaction: all of it or, on a crash, none of it."""

    @abc.abstractmethod
    def article(self, article_id: str) -> Article | None: ...

    @abc.abstractmethod
    def articles(self, where: ArticleFilter | None = None) -> list[Article]: ...

    @abc.abstractmethod
    def article_ids(self, where: ArticleFilter | None = None) -> list[str]: ...

    @abc.abstractmethod
    def ids_to_extract(self, pipeline: str, force: bool = False) -> list[str]:
        """Articles with no record, or one read from another text or by another pipeline."""

    @abc.abstractmethod
    def put_records(self, records: Iterable[Record], pipeline: str) -> int:
        """Store extraction records (replacing older ones) in one transaction."""

    @abc.abstractmethod
    def record(self, article_id: str) -> Record | None: ...

    @abc.abstractmethod
    def claims(self, source: str | None = None, stance: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def events(self, where: EventFilter | None = None) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def problems(self, run: str | None = None) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abc.abstractmethod
    def tally(self, table: str, column: str, limit: int = 10) -> list[tuple[str, int]]:
        """The most frequent values of claims.* or events.* columns, for summaries."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
