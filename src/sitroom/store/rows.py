"""Flat rows for listing claims and events, derived from a Record (the Record JSON stays the source of truth)."""

from __future__ import annotations

from typing import Any

from sitroom import acled
from sitroom.model import Event, Record


def claim_rows(record: Record) -> list[dict[str, Any]]:
    actors = {a.id: a for a in record.actors}
    times = {t.id: t for t in record.times}
    rows = []
    for claim in record.claims:
        source = actors.get(claim.source) if claim.source else None
        said_on = times.get(claim.said_on) if claim.said_on else None
        rows.append(
            {
                "article_id": record.article.id,
                "claim_id": claim.id,
                "source": source.name if source else (claim.source_mention.text if claim.source_mention else ""),
                "source_kind": source.kind if source else "",
                "cue": claim.cue.text,
                "kind": claim.kind,
                "stance": claim.stance,
                "verification": ",".join(sorted({note.status for note in claim.verification})),
                "target_claim": claim.target_claim,
                "said_on": (said_on.start or said_on.value) if said_on else None,
                "content": claim.content.text,
                "start": claim.content.start,
                "end": claim.content.end,
            }
        )
    return rows


def event_rows(record: Record) -> list[dict[str, Any]]:
    return [_event_row(record, event) for event in record.events]


def _event_row(record: Record, event: Event) -> dict[str, Any]:
    actors = {a.id: a for a in record.actors}
    times = {t.id: t for t in record.times}
    places = {p.id: p for p in record.places}
    quantities = {q.id: q for q in record.quantities}
    time = times.get(event.time) if event.time else None
    located = [places[p] for p in event.places if p in places and places[p].place]
    first = located[0].place if located else None
    fatalities = acled.fatalities(event.casualties, quantities)
    return {
        "article_id": record.article.id,
        "event_id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "plover": "/".join(x for x in (event.plover_category, event.plover_mode) if x),
        "actor1": actors[event.actor1].name if event.actor1 in actors else "",
        "actor2": actors[event.actor2].name if event.actor2 in actors else "",
        "event_date": (time.start or time.value) if time else None,
        "country": first.country if first else "",
        "admin1": first.admin1 if first else "",
        "location": "; ".join(p.place.name for p in located if p.place),
        "status": event.status,
        "fatalities": fatalities,
        "trigger": event.trigger.text,
        "start": event.trigger.start,
        "end": event.trigger.end,
    }
