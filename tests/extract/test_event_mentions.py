"""One event per real-world event (extract.event_mentions), on hand-built events, and an event's confidence."""

from __future__ import annotations

from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.extract.event_mentions import Mention, merge_mentions
from sitroom.extract.events import rule_strength
from sitroom.model import (
    Article,
    Casualty,
    Event,
    Evidence,
    Place,
    PlaceMention,
    TimeExpression,
)
from sitroom.nlp import annotate

KYIV = Place("geonames:703448", "Kyiv", "PPLC", "UA", admin1="Kyiv City", admin1_code="UA-30")
UKRAINE = Place("iso:UA", "Ukraine", "country", "UA")
KHARKIV_OBLAST = Place("geonames:706482", "Kharkiv Oblast", "ADM1", "UA", admin1="Kharkiv", admin1_code="UA-63")
DONETSK_OBLAST = Place("geonames:709716", "Donetsk Oblast", "ADM1", "UA", admin1="Donetsk", admin1_code="UA-14")


def _ev(start: int, end: int) -> Evidence:
    return Evidence("a", start, end, text="x" * (end - start))


def _place(pid: str, place: Place, precision: str) -> PlaceMention:
    return PlaceMention(pid, _ev(0, 1), place, precision)  # type: ignore[arg-type]


PLACES = [_place("P1", KYIV, "exact"), _place("P2", UKRAINE, "country"), _place("P3", KHARKIV_OBLAST, "admin1"),
          _place("P4", DONETSK_OBLAST, "admin1")]
TIMES = [TimeExpression("T1", _ev(0, 1), start="2024-05-11", end="2024-05-11", granularity="day"),
         TimeExpression("T2", _ev(0, 1), start="2024-05-10", end="2024-05-10", granularity="day")]


def _event(eid: str, start: int, end: int, **fields) -> Event:
    return Event(eid, _ev(start, start + 5), evidence=_ev(start, end), **fields)


def _capture(eid: str, start: int, end: int, **fields) -> Event:
    return _event(eid, start, end, event_type="Battles", sub_event_type="Armed clash", plover_category="ASSAULT",
                  **fields)


def test_the_lead_and_the_detail_of_one_capture_are_one_event_whose_evidence_is_the_fuller() -> None:
    lead = _capture("E1", 0, 60, actor1="A1", places=["P2", "P3"], time="T1")
    detail = _capture("E2", 100, 180, places=["P2", "P3"], time="T1", reported_by=["C2"])
    merged = merge_mentions([Mention(lead, 0, False, details=3), Mention(detail, 1, False, details=8)], PLACES, TIMES)
    assert len(merged) == 1
    (event,) = merged
    assert (event.evidence.start, event.actor1, event.reported_by) == (100, "A1", ["C2"])  # the detail, with the side


def test_mentions_that_conflict_stay_apart() -> None:
    russian = _capture("E1", 0, 60, actor1="A1", places=["P3"], time="T1")
    ukrainian = _capture("E2", 100, 160, actor1="A2", places=["P3"], time="T1")  # the other side's counterattack
    elsewhere = _capture("E3", 200, 260, actor1="A1", places=["P4"], time="T1")  # another region
    earlier = _capture("E4", 300, 360, actor1="A1", places=["P3"], time="T2")  # the day before
    mentions = [Mention(e, n, False) for n, e in enumerate((russian, ukrainian, elsewhere, earlier))]
    assert len(merge_mentions(mentions, PLACES, TIMES)) == 4


def test_only_a_shared_place_or_a_back_reference_ties_two_mentions() -> None:
    # the same kind on the same day, but nothing in common: two events
    one = _capture("E1", 0, 60, actor1="A1", time="T1")
    two = _capture("E2", 100, 160, actor1="A1", time="T1")
    assert len(merge_mentions([Mention(one, 0, False), Mention(two, 3, False)], PLACES, TIMES)) == 2
    # "their meeting in Kyiv" after the meeting told in Ukraine: one meeting, placed in Kyiv
    meeting = _event("E1", 0, 90, plover_category="CONSULT", actor2="A3", places=["P2"], time="T1")
    caption = _event("E2", 500, 530, plover_category="CONSULT", places=["P1"], time="T1")
    (event,) = merge_mentions([Mention(meeting, 1, False, details=9), Mention(caption, 14, True, details=2)],
                              PLACES, TIMES)
    assert event.evidence.start == 0 and event.places == ["P2", "P1"]


def test_two_meetings_of_one_day_stay_apart() -> None:
    # a visit and the talks held during it are two events to a coder: CONSULT mentions tie by back-reference only,
    # or by sharing both parties
    visit = _event("E1", 0, 60, plover_category="CONSULT", actor1="A1", places=["P1"], time="T1")
    talks = _event("E2", 100, 160, plover_category="CONSULT", actor1="A1", actor2="A5", places=["P1"], time="T1")
    assert len(merge_mentions([Mention(visit, 0, False), Mention(talks, 2, False)], PLACES, TIMES)) == 2


def test_one_toll_not_two_counts_of_it() -> None:
    strike = _event("E1", 0, 80, sub_event_type="Shelling/artillery/missile attack", plover_category="ASSAULT",
                    places=["P1"], time="T1", casualties=[Casualty("killed", "Q1")])
    retold = _event("E2", 200, 240, sub_event_type="Shelling/artillery/missile attack", plover_category="ASSAULT",
                    places=["P1"], time="T1", casualties=[Casualty("killed", "Q2")])
    (event,) = merge_mentions([Mention(strike, 0, False, details=4), Mention(retold, 5, True)], PLACES, TIMES)
    assert [c.quantity for c in event.casualties] == ["Q1"]


def test_rule_strength_rewards_what_the_text_gives() -> None:
    places = {p.id: p for p in PLACES}
    bare = _event("E1", 0, 10, plover_category="CONSULT")
    full = _capture("E2", 0, 10, actor1="A1", places=["P1"], casualties=[Casualty("killed", "Q1")])
    assert rule_strength(bare, False, False, places) == 0.3
    assert rule_strength(full, True, True, places) == 1.0
    assert rule_strength(_capture("E3", 0, 10, places=["P2"]), True, False, places) == 0.5  # a country places less


def test_every_event_carries_a_confidence(nlp_base: Language) -> None:
    text = ("On Saturday, Russian forces shelled Kharkiv, killing two civilians. Talks are important, officials said "
            "on Saturday, after the meeting in Kyiv.")
    article = Article(id="t", text=text, published="2024-05-11T10:00:00+00:00")
    (record,) = list(annotate(nlp_base, [article], NlpOptions()))
    assert record.events and all(0.0 <= e.confidence <= 1.0 for e in record.events if e.confidence is not None)
    assert all(e.confidence is not None for e in record.events)
    shelling = next(e for e in record.events if "shelled" in e.trigger.text)
    assert shelling.confidence == max(e.confidence for e in record.events)


def test_an_act_that_began_and_is_going_on_is_one_but_a_plan_is_apart() -> None:
    began = _event("E1", 0, 80, sub_event_type="Other", plover_category="MOBILIZE", places=["P1"], time="T1")
    going_on = _event("E2", 200, 240, sub_event_type="Other", plover_category="MOBILIZE", places=["P1"],
                      status="ongoing")
    planned = _event("E3", 300, 340, sub_event_type="Other", plover_category="MOBILIZE", places=["P1"],
                     status="planned")
    merged = merge_mentions([Mention(began, 0, False, details=4), Mention(going_on, 3, True),
                             Mention(planned, 5, True)], PLACES, TIMES)
    assert [e.id for e in merged] == ["E1", "E3"]
