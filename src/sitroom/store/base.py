"""The store interface every backend implements, so stages never depend on one database.

Lists come as pages with keyset cursors (``after`` = the opaque ``next`` of the page before), so a caller can
walk a million rows without holding them and without OFFSET scans; ``iter_*`` walk all pages. Rows are typed
(``store.rows``); the SQL is the backend's business.
"""

from __future__ import annotations

import abc
import base64
import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sitroom.model import Article, Cluster, ExtractionFailure, IngestError, Record, Skipped
from sitroom.store.rows import (
    ClaimField, ClaimRow, ClusterKind, ClusterLogRow, ClusterRow, EventField, EventRow, ProblemRow, ProblemStage,
)

IngestItem = Article | IngestError | Skipped
Row = TypeVar("Row")
# Rows a page holds unless the caller asks for fewer; the most it may ask for.
DEFAULT_PAGE_SIZE = 500
MAX_PAGE_SIZE = 10_000


class StoreError(RuntimeError):
    """A store that cannot be used as asked: not a sitroom database, unreadable, read-only, full. One line."""


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
class RecordsResult:
    stored: int = 0
    failed: int = 0  # articles extraction could not read, logged with their reason
    stale: int = 0  # records read from a text the article no longer has (re-ingested meanwhile): not stored

    def add(self, other: RecordsResult) -> None:
        self.stored += other.stored
        self.failed += other.failed
        self.stale += other.stale


@dataclass
class ArticleFilter:
    outlet: str | None = None  # substring, case-insensitive
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    text: str | None = None  # substring of the title or outlet, case-insensitive (search)


@dataclass
class ClaimFilter:
    source: str | None = None  # substring of the source's name, case-insensitive
    stance: str | None = None
    article_id: str | None = None
    since: str | None = None  # the article's publication date, ISO, inclusive
    until: str | None = None
    verification: str | None = None  # one of the claim's verification statuses
    text: str | None = None  # substring of the content, source or cue, case-insensitive (search)
    # The status of the claim cluster holding the claim (fusion's judgement across sources); single_source also
    # takes a claim in no claim cluster, which stands alone.
    status: str | None = None


@dataclass
class EventFilter:
    event_type: str | None = None  # ACLED event type, sub-event type or PLOVER category
    since: str | None = None
    until: str | None = None
    region: str | None = None  # admin1 or country, substring
    actor: str | None = None  # substring of actor1 or actor2
    article_id: str | None = None
    text: str | None = None  # substring of the trigger, location or actors, case-insensitive (search)
    min_confidence: float | None = None  # Event.confidence at least this (an unscored event does not meet it)


@dataclass
class ProblemFilter:
    stage: ProblemStage | None = None
    run: str | None = None  # an ingest run


@dataclass
class ClusterFilter:
    kind: ClusterKind | None = None
    status: str | None = None  # single_source, corroborated, contested, denied, retracted
    since: str | None = None  # ISO date, inclusive (clusters with a date)
    until: str | None = None
    min_size: int | None = None  # at least this many members
    article_id: str | None = None  # clusters holding a member of this article
    region: str | None = None  # substring of the place, admin1 or country
    text: str | None = None  # substring of the label or place, case-insensitive (search)
    # Cluster.confidence at least this: event clusters only (claim clusters and unscored events do not meet it).
    min_confidence: float | None = None


@dataclass(frozen=True)
class ClusterChange:
    """One change fusion made, to be logged: create, join, merge (``other`` absorbed), remove (a member
    whose record is gone or changed), split (``member`` moved to the new cluster ``other``)."""

    action: str
    cluster: str
    other: str = ""
    member: str = ""


@dataclass
class Page(Generic[Row]):
    rows: list[Row]
    next: str | None = None  # pass as ``after`` for the following page; None on the last


def encode_cursor(key: tuple[Any, ...]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode("utf-8")).decode("ascii")


def decode_cursor(cursor: str, width: int) -> tuple[Any, ...]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, UnicodeError) as error:
        raise ValueError(f"not a cursor this store gave out: {cursor!r}") from error
    if not isinstance(key, list) or len(key) != width or not all(_is_key_value(v) for v in key):
        raise ValueError(f"not a cursor this store gave out: {cursor!r}")
    return tuple(key)


def _is_key_value(value: Any) -> bool:
    """What a keyset holds: text and numbers a database compares (a forged cursor's lists, objects or integers
    past 64 bits would fail inside the query instead)."""
    if isinstance(value, bool) or value is None:
        return value is None
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    return isinstance(value, (str, float))


def page_size(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE_SIZE
    if limit < 1:
        raise ValueError(f"a page holds at least 1 row, not {limit}")
    return min(limit, MAX_PAGE_SIZE)


def walk(fetch: Callable[[str | None], Page[Row]]) -> Iterator[Row]:
    """Every row of every page, fetching the next page only when the last row of this one is taken."""
    after: str | None = None
    while True:
        page = fetch(after)
        yield from page.rows
        if page.next is None:
            return
        after = page.next


class Store(abc.ABC):
    # --- writing ------------------------------------------------------------------------------------------

    @abc.abstractmethod
    def add_batch(self, items: Iterable[IngestItem], run: str) -> BatchResult:
        """Store one batch in one transaction: all of it or, on a crash, none of it."""

    @abc.abstractmethod
    def put_records(
        self, outcomes: Iterable[Record | ExtractionFailure], pipeline: str
    ) -> RecordsResult:
        """Store extraction records (replacing older ones) and failures in one transaction. A record read from
        a text the article no longer has is not stored (the article stays pending)."""

    # --- articles -----------------------------------------------------------------------------------------

    @abc.abstractmethod
    def article(self, article_id: str) -> Article | None:
        """By id, or by a unique prefix of one (as git takes commits)."""

    @abc.abstractmethod
    def articles_page(self, where: ArticleFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[Article]: ...

    def iter_articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        return walk(lambda after: self.articles_page(where, after))

    @abc.abstractmethod
    def article_ids(self, where: ArticleFilter | None = None) -> list[str]: ...

    # --- extraction records -------------------------------------------------------------------------------

    @abc.abstractmethod
    def ids_to_extract(self, pipeline: str, force: bool = False) -> list[str]:
        """Articles with no record, or one read from another text or by another pipeline; not those that
        failed with this text and pipeline (``force`` takes every article)."""

    @abc.abstractmethod
    def record(self, article_id: str) -> Record | None: ...

    def iter_records(self, where: ArticleFilter | None = None) -> Iterator[Record]:
        for article in self.iter_articles(where):
            record = self.record(article.id)
            if record is not None:
                yield record

    @abc.abstractmethod
    def claims_page(self, where: ClaimFilter | None = None, after: str | None = None,
                    limit: int | None = None) -> Page[ClaimRow]: ...

    def iter_claims(self, where: ClaimFilter | None = None) -> Iterator[ClaimRow]:
        return walk(lambda after: self.claims_page(where, after))

    @abc.abstractmethod
    def events_page(self, where: EventFilter | None = None, after: str | None = None,
                    limit: int | None = None) -> Page[EventRow]: ...

    def iter_events(self, where: EventFilter | None = None) -> Iterator[EventRow]:
        return walk(lambda after: self.events_page(where, after))

    # --- fusion clusters ----------------------------------------------------------------------------------

    @abc.abstractmethod
    def put_clusters(self, clusters: Iterable[Cluster], removed: Iterable[str] = (),
                     log: Iterable[ClusterChange] = ()) -> int:
        """Store clusters (replacing the stored version of each, members included), delete the ``removed``
        ids (merged away) and append ``log``, in one transaction; the number of clusters written."""

    @abc.abstractmethod
    def cluster(self, cluster_id: str) -> Cluster | None:
        """By id, or a unique prefix of one: the cluster with every member and its evidence."""

    @abc.abstractmethod
    def clusters_page(self, where: ClusterFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[ClusterRow]:
        """Clusters, the most independent sources first, then the largest, then by id."""

    def iter_clusters(self, where: ClusterFilter | None = None) -> Iterator[ClusterRow]:
        return walk(lambda after: self.clusters_page(where, after))

    def iter_cluster_bodies(self, where: ClusterFilter | None = None) -> Iterator[Cluster]:
        """Every cluster with its members (what fusion restores its state from)."""
        for row in self.iter_clusters(where):
            cluster = self.cluster(row.id)
            if cluster is not None:
                yield cluster

    def cluster_bodies_page(self, where: ClusterFilter | None = None, after: str | None = None,
                            limit: int | None = None) -> Page[Cluster]:
        """The clusters of ``clusters_page`` (same filter, order and cursors), each in full but for its ``detail``
        (the members' evidence, which ``cluster`` gives): point, precision, actors, members, what a map or a
        timeline draws. A backend may read it without reading the detail at all."""
        page = self.clusters_page(where, after, limit)
        bodies = (self.cluster(row.id) for row in page.rows)
        return Page([dataclasses.replace(c, detail=[]) for c in bodies if c is not None], page.next)

    @abc.abstractmethod
    def cluster_log_page(self, cluster_id: str | None = None, after: str | None = None,
                         limit: int | None = None) -> Page[ClusterLogRow]:
        """What fusion changed, oldest first (of one cluster, where given)."""

    def iter_cluster_log(self, cluster_id: str | None = None) -> Iterator[ClusterLogRow]:
        return walk(lambda after: self.cluster_log_page(cluster_id, after))

    # --- bookkeeping --------------------------------------------------------------------------------------

    @abc.abstractmethod
    def problems_page(self, where: ProblemFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[ProblemRow]: ...

    def iter_problems(self, where: ProblemFilter | None = None) -> Iterator[ProblemRow]:
        return walk(lambda after: self.problems_page(where, after))

    @abc.abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abc.abstractmethod
    def count_claims_by(self, column: ClaimField, limit: int = 10) -> list[tuple[str, int]]:
        """The most frequent values of a claim field, for summaries."""

    @abc.abstractmethod
    def count_events_by(self, column: EventField, limit: int = 10) -> list[tuple[str, int]]: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
