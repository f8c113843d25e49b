"""Typed flat rows for listing and filtering claims, events and problems, derived from a Record.

The Record JSON stays the source of truth; these rows are what lists, summaries and (later) exports and the API
page through. Each backend stores them in its own tables and gives them back as these classes, never as dicts
keyed by its column names.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

from sitroom import acled
from sitroom.model import Event, Record

ProblemStage = Literal["ingest", "extract"]
# Columns a summary may count claims or events by.
ClaimField = Literal["source", "source_kind", "cue", "kind", "stance", "verification"]
EventField = Literal["event_type", "sub_event_type", "plover", "actor1", "actor2", "admin1", "country", "status"]


@dataclass(frozen=True)
class ClaimRow:
    article_id: str
    claim_id: str
    source: str
    source_kind: str
    cue: str
    kind: str
    stance: str
    verification: str  # the statuses of its verification notes, comma-separated
    target_claim: str | None
    said_on: str | None
    content: str
    start: int
    end: int
    published: str | None = None  # the article's, filled in by the store


@dataclass(frozen=True)
class EventRow:
    article_id: str
    event_id: str
    event_type: str
    sub_event_type: str
    plover: str
    actor1: str
    actor2: str
    event_date: str | None
    country: str
    admin1: str
    location: str
    status: str
    fatalities: int | None
    trigger: str
    start: int
    end: int
    published: str | None = None
    confidence: float | None = None  # Event.confidence (None: not scored)


@dataclass(frozen=True)
class ProblemRow:
    """An item that failed or was skipped at ingest, or an article extraction could not read."""

    stage: ProblemStage
    run: str
    at: str
    status: str  # error or skipped (ingest), failed (extract)
    source: str
    item: str
    reason: str
    detail: str
    article_id: str


def stored_columns(row_type: type) -> tuple[str, ...]:
    """The columns a backend stores for a row type (``published`` comes from the article)."""
    return tuple(f.name for f in fields(row_type) if f.name != "published")


def row_values(row: ClaimRow | EventRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in stored_columns(type(row))}


def claim_rows(record: Record) -> list[ClaimRow]:
    actors = {a.id: a for a in record.actors}
    times = {t.id: t for t in record.times}
    rows = []
    for claim in record.claims:
        source = actors.get(claim.source) if claim.source else None
        said_on = times.get(claim.said_on) if claim.said_on else None
        rows.append(ClaimRow(
            article_id=record.article.id,
            claim_id=claim.id,
            source=source.name if source else (claim.source_mention.text if claim.source_mention else ""),
            source_kind=source.kind if source else "",
            cue=claim.cue.text,
            kind=claim.kind,
            stance=claim.stance,
            verification=",".join(sorted({note.status for note in claim.verification})),
            target_claim=claim.target_claim,
            said_on=(said_on.start or said_on.value) if said_on else None,
            content=claim.content.text,
            start=claim.content.start,
            end=claim.content.end,
        ))
    return rows


def event_rows(record: Record) -> list[EventRow]:
    return [_event_row(record, event) for event in record.events]


def _event_row(record: Record, event: Event) -> EventRow:
    actors = {a.id: a for a in record.actors}
    times = {t.id: t for t in record.times}
    places = {p.id: p for p in record.places}
    quantities = {q.id: q for q in record.quantities}
    time = times.get(event.time) if event.time else None
    located = [places[p] for p in event.places if p in places and places[p].place]
    first = located[0].place if located else None
    fatalities = acled.fatalities(event.casualties, quantities)
    return EventRow(
        article_id=record.article.id,
        event_id=event.id,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        plover="/".join(x for x in (event.plover_category, event.plover_mode) if x),
        actor1=actors[event.actor1].name if event.actor1 in actors else "",
        actor2=actors[event.actor2].name if event.actor2 in actors else "",
        event_date=(time.start or time.value) if time else None,
        country=first.country if first else "",
        admin1=first.admin1 if first else "",
        location="; ".join(p.place.name for p in located if p.place),
        status=event.status,
        fatalities=fatalities,
        trigger=event.trigger.text,
        start=event.trigger.start,
        end=event.trigger.end,
        confidence=event.confidence,
    )


ClusterKind = Literal["event", "claim"]


@dataclass(frozen=True)
class ClusterRow:
    """One cluster in a list: what it is, how many independent sources, its status (the members are in
    ``Store.cluster``)."""

    id: str
    kind: str
    status: str
    independent_sources: int
    size: int
    event_type: str
    date: str | None
    place: str
    admin1: str
    country: str
    fatalities: int | None
    label: str
    updated_at: str
    confidence: float | None = None  # events: Cluster.confidence (None: not scored, or a claim cluster)


@dataclass(frozen=True)
class ClusterLogRow:
    seq: int
    at: str
    action: str
    cluster_id: str
    other: str
    member: str
