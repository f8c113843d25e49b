"""A ledger of N articles to store the same way into any backend: the demo corpus's texts (repeated with new ids and
a changed first line where N passes its 220), hand-built records over their words, ingest problems, extraction
failures, new versions, a record of an older text, and clusters that merge. Used by the backend identity test and
by bench/store.py; it needs no spaCy (the records are made here, not extracted)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from sitroom.model import (
    Actor, Article, Claim, Cluster, ClusterMember, Event, Evidence, ExtractionFailure, IngestError, Place,
    PlaceMention, Record, Skipped, TimeExpression,
)
from sitroom.store.base import ClusterChange, Store

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo.jsonl"
# Outlets in several scripts (the "contains" filters fold them), and none for some articles.
OUTLETS = ("Ukrinform (УКРІНФОРМ)", "Élysée", "100% News", "")
PLACES = (("geonames:706483", "Kharkiv", "Kharkivska"), ("geonames:703448", "Kyiv", "Kyiv City"),
          ("geonames:698740", "Odesa", "Odeska"))


def articles(n: int) -> list[Article]:
    """``n`` articles: the demo corpus's, then copies with new ids and texts ("Round r." in front)."""
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        row, round_ = rows[i % len(rows)], i // len(rows)
        text = row["text"] if round_ == 0 else f"Round {round_}. {row['text']}"
        published = row.get("published") if i % 17 else None  # some articles carry no date
        out.append(Article(
            id=row["id"] if round_ == 0 else f"{row['id']}~{round_}", text=text, title=row.get("title", ""),
            outlet=OUTLETS[i % len(OUTLETS)] if i % 3 == 0 else row.get("outlet", ""), url=row.get("url", ""),
            published=published, content_hash=hashlib.sha256(text.encode()).hexdigest(), source_format="jsonl",
            extra={"n": i},
        ))
    return out


def _words(text: str, start: int) -> Evidence:
    """The first word at or after ``start``, as evidence."""
    match = re.compile(r"\w+").search(text, start) or re.compile(r"\w+").search(text)
    assert match is not None
    return Evidence("", match.start(), match.end(), 0, match.group())


def record(article: Article, i: int) -> Record:
    """A record over the article's own words: an actor, a claim or two, a time, a place, an event."""
    text = article.text

    def ev(at: int) -> Evidence:
        found = _words(text, at % max(len(text), 1))
        return Evidence(article.id, found.start, found.end, 0, found.text)

    place_id, place_name, admin1 = PLACES[i % len(PLACES)]
    day = f"2022-0{1 + i % 9}-{1 + i % 28:02d}"
    claims = [Claim(id="C1", source="A1", source_mention=ev(0), cue=ev(40), content=ev(80),
                    stance=("assert", "deny", "no_comment")[i % 3])]
    if i % 4 == 0:
        claims.append(Claim(id="C2", source="A2", source_mention=None, cue=ev(200), content=ev(260), stance="deny",
                            kind="direct", target_claim="C1"))
    return Record(
        article=article,
        actors=[Actor(id="A1", name=("Government of Russia", "Government of Ukraine", "Zelensky")[i % 3],
                      kind="government"),
                Actor(id="A2", name="Ministry of Defence (Україна)", kind="military")],
        claims=claims,
        times=[TimeExpression(id="T1", evidence=ev(120), value=day, start=day, end=day)],
        places=[PlaceMention(id="P1", evidence=ev(160), place=Place(id=place_id, name=place_name, country="UA",
                                                                     admin1=admin1), precision="exact")],
        events=[Event(id="E1", trigger=ev(300), event_type=("Explosions/Remote violence", "Battles")[i % 2],
                      actor1="A1", actor2="A2" if i % 5 == 0 else None, places=["P1"], time="T1")],
    )


def clusters(records: list[Record], size: int) -> list[Cluster]:
    """Event clusters of ``size`` records each, their members' evidence kept."""
    out = []
    for c, first in enumerate(range(0, len(records), size)):
        group = records[first:first + size]
        members = [f"{r.article.id}/E1" for r in group]
        detail = [ClusterMember(m, r.events[0].trigger, source=r.actors[0].name, figure=c % 3 or None)
                  for m, r in zip(members, group)]
        out.append(Cluster(id=f"ev-{c:04d}", kind="event", members=members, independent_sources=1 + c % 4,
                           status=("single_source", "corroborated")[c % 2], label=group[0].events[0].trigger.text,
                           event_type=group[0].events[0].event_type, date=group[0].times[0].start,
                           place=PLACES[c % 3][1], admin1=PLACES[c % 3][2], country="UA",
                           latitude=50.0 + c / 100, longitude=36.2, fatalities=c % 5 or None, detail=detail))
    return out


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def fill(store: Store, n: int = 1000, batch: int = 100) -> None:
    """Store the ledger of ``n`` articles in ``store``, batch by batch, as a run would."""
    arts = articles(n)
    for b, part in enumerate(_batches(arts, batch)):
        problems = [IngestError(source=f"feed-{b}.jsonl", item=f"line {b}", reason="bad_json", detail="Expecting ','"),
                    Skipped(source=f"feed-{b}.jsonl:{b + 1}", reason="language", detail="detected de")]
        store.add_batch([*part[: len(part) // 2], *problems, *part[len(part) // 2:]], f"run-{b}")
    store.add_batch(arts[:batch], "again")  # the same articles again: nothing changes
    corrected = [Article(**{**a.__dict__, "text": a.text + " (Corrected.)",
                            "content_hash": a.content_hash[:-8] + "corrected"}) for a in arts[: n // 50]]
    stale = [store.article(a.id) for a in arts[: n // 50]]
    store.add_batch(corrected, "corrections")  # new versions of the first articles
    stored = [store.article(a.id) for a in arts]
    records = [record(a, i) for i, a in enumerate(stored) if a is not None]
    for part in _batches(records, batch):
        outcomes: list[Record | ExtractionFailure] = list(part[1:])
        failed = part[0].article
        outcomes.append(ExtractionFailure(failed.id, "component_error", "sitroom_events", "ValueError: boom",
                                          failed.content_hash))
        store.put_records(outcomes, "pipeline-1")
    store.put_records([record(a, 0) for a in stale if a is not None], "pipeline-1")  # older texts: not stored
    fused = clusters(records, 5)
    store.put_clusters(fused, log=[ClusterChange("create", c.id, member=c.members[0]) for c in fused])
    merged = Cluster(**{**fused[0].__dict__, "members": fused[0].members + fused[1].members,
                        "detail": fused[0].detail + fused[1].detail, "independent_sources": 7})
    store.put_clusters([merged], removed=[fused[1].id], log=[ClusterChange("merge", merged.id, other=fused[1].id)])
