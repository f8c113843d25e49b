"""One event per real-world event: the mentions of one act in an article merged into one record.

News tells an act more than once: the lead ("Russia said it had captured five villages in the Kharkiv region"), then
the detail ("its troops had 'liberated' five villages in Ukraine's Kharkiv region ... Borysivka, Ohirtseve ..."), or a
caption after the story ("their meeting in Kyiv"). The events component reads each mention as an event; a conflict
coder records one (GUIDELINES.md of the hand-coded news set: "several mentions of one strike in the article are one
event; evidence_span is its fullest mention"; ACLED's one event per actor pair, place and day).

The step works on finished :class:`~sitroom.model.Event` objects of one article, with their places and times
resolved, so it sees what the parse cannot: that "it" and "its troops" are the same side, that Kyiv lies in Ukraine.
Two mentions are one act when nothing in them conflicts and something real ties them:

- nothing conflicts: the same kind (ACLED sub-type where both have one, else the PLOVER category), both real
  (occurred or ongoing) or both of one other status (planned, canceled, attempted), no two different
  first (or second) actors, dates that overlap where both are dated, places that agree where both are placed (the
  same place, or one inside the other's region or country);
- something ties them: a place more precise than a country in common (a town, or the same region: ACLED's unit
  is one actor pair, place and day) and the same day (or neither dated), or a definite back-reference ("the
  meeting", "their talks", "this strike": a noun trigger with a definite or possessive determiner) to an act of the
  same kind told before it (the nearest such act; a caption after the story names the story's meeting).

A mention joins a group of mentions only when it conflicts with none of them and is tied to one.

Calls and meetings are kept apart more strictly: a visit and the talks held during it, or two meetings of one day, are
separate events to a coder, so two CONSULT mentions tie only by back-reference or by sharing both parties.

The merged record is the fullest mention (:func:`fullness`: how many names and figures its clause holds, "five
villages ... Borysivka, Ohirtseve, Pletenivka" over "five villages"; then how many of actor, counterpart, place
below country, date, casualties and reporting claim it gives; then the longer evidence) with what the others add: places, a date,
the actors it lacks, the reporting claims; the casualties are the fullest mention's (one toll, not two counts of it)
unless it has none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitroom.model import Event, PlaceMention, TimeExpression

# Precisions finer than a country: a place of this kind in common ties two mentions of one day.
PRECISE = frozenset({"exact", "near", "admin2", "admin1"})
# Determiners and possessives that make a noun trigger a back-reference to an act already told.
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "our"})


@dataclass(frozen=True)
class Mention:
    """What the merge reads of one event, besides the event itself."""

    event: Event
    sentence: int
    back_reference: bool  # a definite or possessive noun trigger ("their meeting")
    details: int = 0  # names and figures in its clause (proper nouns and numbers): how much it tells


def kind_of(event: Event) -> str:
    """The kind two mentions must share: the ACLED sub-type where there is one, else the PLOVER category."""
    return event.sub_event_type or event.plover_category


def _days(event: Event, times: dict[str, TimeExpression]) -> tuple[str, str] | None:
    time = times.get(event.time) if event.time else None
    if time is None or not time.start:
        return None
    return str(time.start)[:10], str(time.end or time.start)[:10]


def _located(event: Event, places: dict[str, PlaceMention]) -> list[PlaceMention]:
    return [places[p] for p in event.places if p in places and places[p].place is not None]


def _contains(outer: PlaceMention, inner: PlaceMention) -> bool:
    """The outer mention is the inner one's country or region (Ukraine holds Kyiv; the Kharkiv region holds
    Vovchansk)."""
    a, b = outer.place, inner.place
    if a is None or b is None:
        return False
    if outer.precision == "country":
        return bool(a.country) and a.country == b.country
    if outer.precision == "admin1":
        return bool(a.admin1_code) and a.admin1_code == b.admin1_code
    return False


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    return a.place is not None and b.place is not None and (a.place.id == b.place.id or a.place.name == b.place.name)


def _places_agree(a: list[PlaceMention], b: list[PlaceMention]) -> bool:
    if not a or not b:
        return True
    return any(_same_place(x, y) or _contains(x, y) or _contains(y, x) for x in a for y in b)


def _shared_precise_place(a: list[PlaceMention], b: list[PlaceMention]) -> bool:
    return any(_same_place(x, y) and x.precision in PRECISE for x in a for y in b)


def _status_class(event: Event) -> str:
    """What an act's status says of it happening: one that happened or is happening ("began on January 31", "are
    taking place") against one only planned, canceled or attempted."""
    return "real" if event.status in ("occurred", "ongoing") else event.status


def _conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def compatible(first: Mention, later: Mention, places: dict[str, PlaceMention],
               times: dict[str, TimeExpression]) -> bool:
    """Nothing in the two mentions conflicts: kind, status, actors, dates and places agree where both give them."""
    a, b = first.event, later.event
    if not kind_of(a) or kind_of(a) != kind_of(b) or _status_class(a) != _status_class(b):
        return False
    if _conflict(a.actor1, b.actor1) or _conflict(a.actor2, b.actor2):
        return False
    days_a, days_b = _days(a, times), _days(b, times)
    if days_a and days_b and (days_a[1] < days_b[0] or days_b[1] < days_a[0]):
        return False
    return _places_agree(_located(a, places), _located(b, places))


def same_act(first: Mention, later: Mention, places: dict[str, PlaceMention],
             times: dict[str, TimeExpression]) -> bool:
    """Whether ``later`` tells the act ``first`` told (see the module's rules)."""
    if not compatible(first, later, places, times):
        return False
    a, b = first.event, later.event
    if later.back_reference and later.sentence > first.sentence:
        return True
    days_a, days_b = _days(a, times), _days(b, times)
    located_a, located_b = _located(a, places), _located(b, places)
    if a.plover_category == "CONSULT" and not a.sub_event_type:
        return a.actor1 is not None and a.actor1 == b.actor1 and a.actor2 is not None and a.actor2 == b.actor2
    same_day = days_a == days_b or (days_a is not None and days_b is not None and days_a[0] == days_b[0])
    return same_day and _shared_precise_place(located_a, located_b)


def fullness(mention: Mention, places: dict[str, PlaceMention],
             times: dict[str, TimeExpression]) -> tuple[int, int, int]:
    """How fully a mention tells its act: the names and figures in its evidence, the arguments it gives, then the
    length of its evidence."""
    event = mention.event
    located = _located(event, places)
    given = [event.actor1, event.actor2, any(m.precision in PRECISE for m in located), _days(event, times),
             event.casualties, event.reported_by]
    evidence = event.evidence or event.trigger
    return mention.details, sum(bool(g) for g in given) + len(located), evidence.end - evidence.start


def _combine(keep: Event, other: Event) -> None:
    """``keep`` (the fullest mention) takes what ``other`` adds."""
    keep.places = list(dict.fromkeys([*keep.places, *other.places]))
    keep.time = keep.time or other.time
    keep.actor1 = keep.actor1 or other.actor1
    keep.actor2 = keep.actor2 or other.actor2
    keep.assoc_actors = list(dict.fromkeys([*keep.assoc_actors, *other.assoc_actors]))
    keep.casualties = keep.casualties or other.casualties
    keep.reported_by = list(dict.fromkeys([*keep.reported_by, *other.reported_by]))
    keep.territory_change = keep.territory_change or other.territory_change
    if other.confidence is not None:
        keep.confidence = max(keep.confidence or 0.0, other.confidence)


def merge_mentions(mentions: Iterable[Mention], places: Iterable[PlaceMention],
                   times: Iterable[TimeExpression]) -> list[Event]:
    """The events of one article, mentions of one act merged into its fullest mention, in the order of each act's
    first mention."""
    by_place = {p.id: p for p in places}
    by_time = {t.id: t for t in times}
    groups: list[list[Mention]] = []
    for mention in mentions:
        group = next((g for g in reversed(groups) if all(compatible(m, mention, by_place, by_time) for m in g)
                      and any(same_act(m, mention, by_place, by_time) for m in g)), None)
        if group is None:
            groups.append([mention])
        else:
            group.append(mention)
    out = []
    for group in groups:
        ranked = sorted(group, key=lambda m: fullness(m, by_place, by_time), reverse=True)
        keep = ranked[0].event
        for other in ranked[1:]:
            _combine(keep, other.event)
        out.append(keep)
    return out
