"""An event cluster coded as one ACLED event: the row the acled, parquet and geojson exports share.

The cluster gives the date, place, point, types and the conservative fatality figure fusion chose; the members'
records give what a cluster does not keep: the actors with their ACLED names and inter codes, the outlets, the
second-level region and each report's sentence. ACLED's rules (sitroom.acled) decide the precision codes, the
coded day of a week or month, the interaction code and the disorder type.

What ACLED would not code is left out, with its reason counted: an event fusion typed only by a PLOVER category
(diplomacy, aid: not ACLED events), one that did not happen (planned, hypothetical, canceled), one no report
dates to a month and one no report places in a region or town (all of them stay in the ``clusters`` export).
Conventions where ACLED's data has no counterpart here:

- ``event_id_cnty`` is the cluster's id (stable as the cluster grows), so a row links back to its evidence;
- an event its reports do not date is coded on the report's day with time_precision 2;
- an event placed no finer than its country is left out (ACLED codes every event at a town or a region, and a
  country's centroid would be a false pin), as is one whose place has no point in the gazetteer;
- ``fatalities`` is 0 when no report gives a figure, as in ACLED;
- ``source_scale`` and ``admin3`` stay empty (no outlet scale, no third-level regions in the gazetteer);
- ``tags`` say how many independent sources and reports the event has, and when their fatality figures differ.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sitroom import acled
from sitroom.config import ExportOptions
from sitroom.export.base import ExportFilter, ExportStats, clusters_of, countries, epoch_seconds
from sitroom.model import Actor, Cluster, ClusterMember, Event, Record
from sitroom.store.base import Store
from sitroom.store.rows import ClusterRow

# Each ACLED column's type: the CSV writes it as text, the Parquet schema and the tests check it.
COLUMN_TYPES: dict[str, type] = {
    "event_id_cnty": str, "event_date": dt.date, "year": int, "time_precision": int, "disorder_type": str,
    "event_type": str, "sub_event_type": str, "actor1": str, "assoc_actor_1": str, "inter1": int, "actor2": str,
    "assoc_actor_2": str, "inter2": int, "interaction": int, "civilian_targeting": str, "iso": int, "region": str,
    "country": str, "admin1": str, "admin2": str, "admin3": str, "location": str, "latitude": float,
    "longitude": float, "geo_precision": int, "source": str, "source_scale": str, "notes": str, "fatalities": int,
    "tags": str, "timestamp": int,
}
assert tuple(COLUMN_TYPES) == acled.EXPORT_COLUMNS, "COLUMN_TYPES must list ACLED's columns in ACLED's order"

ACLED_EVENT_TYPES = frozenset(event_type for event_type, _ in acled.SUB_EVENT_TYPES)
# Statuses of events that happened (ACLED codes attempts too: "Disrupted weapons use" is one).
CODED_STATUSES = frozenset({"occurred", "ongoing", "attempted"})
# Actor kinds ACLED codes as state forces (inter 1) when the extractor gave no inter code.
STATE_KINDS = frozenset({"military", "government"})
CIVILIAN_TARGETING = "Civilian targeting"
# ACLED separates several actors, or sources, in one cell with "; ".
SEPARATOR = "; "
# Decimal places of coordinates, as ACLED gives them (about 11 m).
COORDINATE_DIGITS = 4
# Why a cluster is not an ACLED row (ExportStats.skipped keys).
NOT_ACLED_TYPE, NOT_OCCURRED, UNDATED, DATE_TOO_COARSE = "not_acled_type", "not_occurred", "undated", "date_too_coarse"
UNPLACED, NO_POINT = "unplaced", "no_point"

_SPACE_RE = re.compile(r"\s+")


@dataclass
class Report:
    """One member report of a cluster: its event in its record, and where the record came from."""

    member: ClusterMember
    record: Record | None
    event: Event | None

    @property
    def actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.record.actors} if self.record else {}

    @property
    def outlet(self) -> str:
        return self.record.article.outlet if self.record else ""


@dataclass
class CodedEvent:
    """An event cluster as an ACLED row (column -> typed value, None for an empty cell) and the reports that
    support it (for exports that carry the evidence)."""

    row: dict[str, Any]
    cluster: Cluster
    reports: list[Report] = field(default_factory=list)


class RecordCache:
    """The last few records read, so the clusters of one article do not decode its record again each time."""

    def __init__(self, store: Store, size: int) -> None:
        self.store = store
        self.size = size
        self.kept: OrderedDict[str, Record | None] = OrderedDict()

    def get(self, article_id: str) -> Record | None:
        if article_id in self.kept:
            self.kept.move_to_end(article_id)
            return self.kept[article_id]
        record = self.store.record(article_id)
        self.kept[article_id] = record
        if len(self.kept) > self.size:
            self.kept.popitem(last=False)
        return record


def coded_events(store: Store, where: ExportFilter, options: ExportOptions,
                 stats: ExportStats) -> Iterator[CodedEvent]:
    """The event clusters the filter selects that ACLED would code, one at a time, in the store's order (the
    most independent sources first)."""
    cache = RecordCache(store, options.record_cache)
    for row, cluster in clusters_of(store, where, "event", stats):
        coded = code_cluster(row, cluster, cache, options)
        if isinstance(coded, str):
            stats.skipped[coded] += 1
            continue
        stats.rows += 1
        yield coded


def reports_of(cluster: Cluster, cache: RecordCache) -> list[Report]:
    reports = []
    for member in cluster.detail:
        article_id, _, event_id = member.member.partition("/")
        record = cache.get(article_id)
        event = next((e for e in record.events if e.id == event_id), None) if record else None
        reports.append(Report(member, record, event))
    return reports


def code_cluster(row: ClusterRow, cluster: Cluster, cache: RecordCache, options: ExportOptions) -> CodedEvent | str:
    """The cluster's ACLED row, or the reason ACLED would not code it."""
    if cluster.event_type not in ACLED_EVENT_TYPES:
        return NOT_ACLED_TYPE
    if not cluster.date:
        return UNDATED
    granularity = cluster.date_granularity
    time_precision = acled.time_precision(granularity) if granularity else acled.UNDATED_TIME_PRECISION
    if time_precision is None:
        return DATE_TOO_COARSE
    geo = acled.geo_precision(cluster.precision)
    if geo is None:
        return UNPLACED
    if cluster.latitude is None or cluster.longitude is None:
        return NO_POINT
    # The members' records are read last, for the clusters the cheap checks above kept (decoding is the cost).
    reports = reports_of(cluster, cache)
    known = [r for r in reports if r.event is not None]
    if known and not any(r.event.status in CODED_STATUSES for r in known if r.event):
        return NOT_OCCURRED
    try:
        day = dt.date.fromisoformat(acled.coded_date(cluster.date, granularity))
    except ValueError:
        return UNDATED  # not a date this module can read: nothing to code it on
    actor1, actor2, associated = _actors(known)
    inter1, inter2 = _inter(actor1), _inter(actor2)
    country = countries().get(cluster.country.upper()) if cluster.country else None
    outlets = _unique(r.outlet for r in reports)
    figures = [r.member.figure for r in reports if r.member.figure is not None]
    values: dict[str, Any] = {
        "event_id_cnty": cluster.id,
        "event_date": day,
        "year": day.year,
        "time_precision": time_precision,
        "disorder_type": acled.DISORDER_OF_EVENT_TYPE[cluster.event_type],
        "event_type": cluster.event_type,
        "sub_event_type": cluster.sub_event_type,
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": SEPARATOR.join(associated[0]),
        "inter1": inter1,
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": SEPARATOR.join(associated[1]),
        "inter2": inter2,
        "interaction": acled.interaction(inter1, inter2) if inter1 is not None else None,
        "civilian_targeting": CIVILIAN_TARGETING if acled.INTER_CIVILIANS in (inter1, inter2) else "",
        "iso": country.iso_numeric if country else None,
        "region": country.region if country else "",
        "country": country.name if country else cluster.country,
        "admin1": cluster.admin1,
        "admin2": _admin2(cluster, known),
        "admin3": "",
        "location": cluster.place or cluster.admin1,
        "latitude": round(cluster.latitude, COORDINATE_DIGITS),
        "longitude": round(cluster.longitude, COORDINATE_DIGITS),
        "geo_precision": geo,
        "source": SEPARATOR.join(outlets),
        "source_scale": "",
        "notes": notes(cluster, reports, time_precision, options.notes_max_sentences),
        "fatalities": cluster.fatalities if cluster.fatalities is not None else 0,
        "tags": _tags(cluster, figures),
        "timestamp": epoch_seconds(row.updated_at),
    }
    return CodedEvent(values, cluster, reports)


def _unique(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def _actors(reports: list[Report]) -> tuple[Actor | None, Actor | None, tuple[list[str], list[str]]]:
    """Actor 1 and 2: the names the most reports give (the first report's on a tie); the associated actors of
    each side: every report's, once, and a report's other actor 1 where it differs from the chosen one."""
    firsts = [(r.actors.get(r.event.actor1), r) for r in reports if r.event and r.event.actor1]
    seconds = [(r.actors.get(r.event.actor2), r) for r in reports if r.event and r.event.actor2]
    actor1 = _most_given([a for a, _ in firsts if a])
    actor2 = _most_given([a for a, _ in seconds if a and (actor1 is None or a.name != actor1.name)])
    chosen = {a.name for a in (actor1, actor2) if a}
    side1 = _unique([a.name for a, _ in firsts if a and a.name not in chosen])
    for r in reports:
        if r.event:
            side1 += [n for n in _unique(r.actors[a].name for a in r.event.assoc_actors if a in r.actors)
                      if n not in chosen and n not in side1]
    side2 = _unique([a.name for a, _ in seconds if a and a.name not in chosen and a.name not in side1])
    return actor1, actor2, (side1, side2)


def _most_given(actors: list[Actor]) -> Actor | None:
    if not actors:
        return None
    counts = Counter(a.name for a in actors)
    top = max(counts.values())
    return next(a for a in actors if counts[a.name] == top)


def _inter(actor: Actor | None) -> int | None:
    if actor is None:
        return None
    if actor.inter_code is not None:
        return actor.inter_code
    return acled.INTER_STATE if actor.kind in STATE_KINDS and actor.country else None


def _admin2(cluster: Cluster, reports: list[Report]) -> str:
    """The second-level region of the place the cluster is coded at, from the report that placed it there."""
    for report in reports:
        places = {p.id: p for p in report.record.places} if report.record else {}
        for mention_id in report.event.places if report.event else []:
            mention = places.get(mention_id)
            if mention and mention.place and mention.place.name == cluster.place and \
                    mention.place.admin1 == cluster.admin1:
                return mention.place.admin2
    return ""


def _tags(cluster: Cluster, figures: list[int]) -> str:
    reports = len(cluster.members)
    tags = [f"independent sources={cluster.independent_sources}", f"reports={reports}"]
    if len(set(figures)) > 1:
        tags.append("fatalities disputed")
    return SEPARATOR.join(tags)


def _when(start: dt.date, time_precision: int, undated: bool) -> str:
    """When, in words: the day, the week (from its first day) or the month the reports give."""
    spoken = f"{start.day} {start:%B} {start.year}"
    if undated:
        return f"Around {spoken} (the report's date)"
    if time_precision == 2:
        return f"In the week of {spoken}"
    if time_precision == 3:
        return f"In {start:%B} {start.year}"
    return f"On {spoken}"


def notes(cluster: Cluster, reports: list[Report], time_precision: int, max_sentences: int) -> str:
    """ACLED's ``notes``, written from the evidence: when and where, then each report's sentence (quoted, with
    its outlet; a sentence several reports share is quoted once), then the reports' fatality figures where they
    differ, beside the one coded."""
    where = ", ".join(_unique([cluster.place, cluster.admin1]))
    start = dt.date.fromisoformat((cluster.date or "")[:10])
    head = _when(start, time_precision, undated=not cluster.date_granularity)
    parts = [f"{head}{' in ' + where if where else ''}:"]
    quoted: dict[str, list[str]] = {}
    for report in reports:
        sentence = _SPACE_RE.sub(" ", report.member.evidence.text).strip()
        if sentence:
            outlets = quoted.setdefault(sentence, [])
            if report.outlet and report.outlet not in outlets:
                outlets.append(report.outlet)
    sentences = list(quoted.items())
    for sentence, outlets in sentences[:max_sentences]:
        parts.append(f'"{sentence}"' + (f" ({', '.join(outlets)})" if outlets else ""))
    if len(sentences) > max_sentences:
        rest = len(sentences) - max_sentences
        parts.append(f"And {rest} more report{'s' if rest > 1 else ''}.")
    figures = [(r.member.figure, r.outlet) for r in reports if r.member.figure is not None]
    if len({f for f, _ in figures}) > 1:
        listed = ", ".join(f"{figure} ({outlet or 'unnamed outlet'})" for figure, outlet in figures)
        parts.append(f"Fatalities reported: {listed}; coded: {cluster.fatalities}, the most conservative.")
    return " ".join(parts)
