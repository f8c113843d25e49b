"""What every exporter shares: the filter a user gives, the exporter type the CLI and the HTTP API call, and the walk
over a store's clusters that yields one cluster body at a time.

An exporter never writes a file: ``stream`` yields the export's bytes in chunks, and whoever called it (the CLI,
an HTTP response) decides where they go. Nothing reads a whole table: rows come from the store's keyset-paged
iterators, so a million clusters stream in the memory of one page and one chunk.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from sitroom.config import ExportOptions
from sitroom.lexicons import read_rows
from sitroom.model import Cluster
from sitroom.store.base import ArticleFilter, ClusterFilter, Store
from sitroom.store.rows import ClusterKind, ClusterRow

# Why a cluster is left out under ExportFilter.min_confidence (ExportStats.skipped key).
BELOW_MIN_CONFIDENCE = "below_min_confidence"
# The data file of ACLED's country names, ISO numeric codes and regions.
ACLED_COUNTRIES = "acled/countries.tsv"
CLUSTER_KINDS: tuple[ClusterKind, ...] = ("event", "claim")


class ExportError(ValueError):
    """An export that cannot run as asked (an unknown exporter, a malformed filter): one line naming the cause."""


@dataclass(frozen=True)
class Country:
    iso2: str
    iso_numeric: int
    name: str  # as ACLED spells it
    region: str  # ACLED's region


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO 3166-1 alpha-2 -> the country as ACLED exports it (data/acled/countries.tsv)."""
    return {row[0]: Country(row[0], int(row[1]), row[2], row[3]) for row in read_rows(ACLED_COUNTRIES)}


def country_code(value: str) -> str:
    """The ISO alpha-2 code a user means by ``UA``, ``ua`` or ``Ukraine``; ExportError when it is neither."""
    wanted = value.strip()
    table = countries()
    if wanted.upper() in table:
        return wanted.upper()
    for country in table.values():
        if country.name.casefold() == wanted.casefold():
            return country.iso2
    raise ExportError(f"unknown country {value!r}: give an ISO 3166-1 alpha-2 code (UA) or a name (Ukraine)")


def _iso_day(label: str, value: str | None) -> str | None:
    """The day as YYYY-MM-DD (the form the store compares), from any ISO form of it ("20241014" too)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ExportError(f"{label}: not an ISO date (YYYY-MM-DD): {value!r}") from None


@dataclass(frozen=True)
class ExportFilter:
    """What to export. Dates are ISO days, both ends inclusive: a cluster's event date, a record's publication
    day. ``country`` is an ISO alpha-2 code or a name; ``admin1`` a case-insensitive part of the region's name.
    ``kind`` picks event or claim clusters for the ``clusters`` export (the ACLED-shaped exports are events).
    ``min_confidence`` (0-1) keeps the event clusters whose confidence (Cluster.confidence: the rule strength of
    the best-read report, a ranking score, not a probability) is at least this; an unscored cluster (fused before
    events were scored) and a claim cluster do not meet it. Records (``jsonl``) are whole and take none."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    kind: ClusterKind | None = None
    min_confidence: float | None = None

    def checked(self) -> ExportFilter:
        """The filter with its country as a code; ExportError naming the first malformed field."""
        since, until = _iso_day("from", self.since), _iso_day("to", self.until)
        if since and until and since > until:
            raise ExportError(f"from {since} is after to {until}")
        if self.kind is not None and self.kind not in CLUSTER_KINDS:
            raise ExportError(f"kind: one of {', '.join(CLUSTER_KINDS)}, not {self.kind!r}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise ExportError(f"min-confidence: a number from 0 to 1, not {self.min_confidence!r}")
        country = country_code(self.country) if self.country else None
        return replace(self, since=since, until=until, country=country, admin1=self.admin1 or None)

    def cluster_filter(self, kind: ClusterKind | None) -> ClusterFilter:
        """The store's filter for what it can select itself (kind and dates); the place is matched per row."""
        return ClusterFilter(kind=kind, since=self.since, until=self.until)

    def article_filter(self) -> ArticleFilter:
        return ArticleFilter(since=self.since, until=self.until)

    def confidence_meets(self, confidence: float | None) -> bool:
        return self.min_confidence is None or (confidence is not None and confidence >= self.min_confidence)

    def place_matches(self, country: str, admin1: str) -> bool:
        if self.country and country.upper() != self.country:
            return False
        return not self.admin1 or self.admin1.casefold() in admin1.casefold()


@dataclass
class ExportStats:
    """What an export wrote: its rows, and the items it left out by reason (a PLOVER-only event is not an
    ACLED event), so the CLI can say why an export is shorter than the cluster count."""

    rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


StreamFunction = Callable[[Store, ExportFilter, ExportOptions, ExportStats], Iterator[bytes]]


@dataclass(frozen=True)
class Exporter:
    """One export format. ``stream(store, where)`` yields its bytes in chunks; ``media_type`` and ``suffix`` are
    what an HTTP response and a file name need."""

    name: str
    media_type: str
    suffix: str
    description: str
    write: StreamFunction
    kinds: tuple[ClusterKind, ...] = ("event",)  # the ExportFilter kinds it takes (none: it exports records)
    options: ExportOptions = field(default_factory=ExportOptions)

    def stream(self, store: Store, where: ExportFilter | None = None,
               stats: ExportStats | None = None) -> Iterator[bytes]:
        """The export's bytes. The filter is checked here, before the first chunk (ExportError), so a caller
        can refuse a bad request before it starts a response."""
        checked = (where or ExportFilter()).checked()
        if checked.kind is not None and checked.kind not in self.kinds:
            takes = f"takes kind {' or '.join(self.kinds)}" if self.kinds else "exports records, not clusters"
            raise ExportError(f"the {self.name} export {takes}, not kind {checked.kind!r}")
        if checked.min_confidence is not None and not self.kinds:
            raise ExportError(f"the {self.name} export writes whole records (each event with its confidence) and"
                              " takes no min-confidence; the clusters, acled, geojson and parquet exports do")
        return self.write(store, checked, self.options, stats if stats is not None else ExportStats())

    def configured(self, options: ExportOptions) -> Exporter:
        return replace(self, options=options)


def clusters_of(store: Store, where: ExportFilter, kind: ClusterKind | None,
                stats: ExportStats | None = None) -> Iterator[tuple[ClusterRow, Cluster]]:
    """The clusters the filter selects, each with its stored body, one at a time (those below its minimum
    confidence are counted in ``stats``, where given)."""
    for row in store.iter_clusters(where.cluster_filter(kind)):
        if not where.place_matches(row.country, row.admin1):
            continue
        if not where.confidence_meets(row.confidence):
            if stats is not None:
                stats.skipped[BELOW_MIN_CONFIDENCE] += 1
            continue
        body = store.cluster(row.id)
        if body is not None and body.id == row.id:
            yield row, body


def epoch_seconds(iso: str) -> int | None:
    """Unix time of an ISO timestamp (ACLED's ``timestamp`` column); None when it is not one."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return int(moment.timestamp())
