"""Issue 14's error classes on news: the event's own place (a heading, "toward X", and a title's country, "the
President of Costa Rica", are not where it happened; an attack named as the agent, "killed by bomb attacks on the
town of Vovchansk", keeps its place), its date (an act in the past perfect outside reported speech is not dated by
the day the report is about) and its type (a note sent is a statement, not aid; an unspecified attack on a structure
is shelling)."""

from __future__ import annotations

from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.model import Article, Event
from sitroom.nlp import annotate


def _record(nlp: Language, text: str):
    article = Article(id="t", text=text, published="2024-05-11T10:00:00+00:00")
    (record,) = list(annotate(nlp, [article], NlpOptions()))
    return record


def _places(record, event: Event) -> list[str]:
    by_id = {p.id: p for p in record.places}
    return [by_id[p].evidence.text for p in event.places]


def _the_event(record, word: str) -> Event:
    return next(e for e in record.events if word in e.trigger.text)


def test_a_heading_is_not_the_events_place(nlp_base: Language) -> None:
    record = _record(nlp_base, "On Friday, Russian troops advanced toward Zaporizhzhia.")
    assert "Zaporizhzhia" not in _places(record, _the_event(record, "advanced"))
    record = _record(nlp_base, "On Friday, Russian troops advanced in Zaporizhzhia.")
    assert "Zaporizhzhia" in _places(record, _the_event(record, "advanced"))


def test_the_country_of_a_title_is_not_the_events_place(nlp_base: Language) -> None:
    record = _record(nlp_base, "On Saturday, Zelensky held negotiations with the President of Costa Rica in Kyiv.")
    assert _places(record, _the_event(record, "negotiations")) == ["Kyiv"]


def test_the_past_perfect_is_not_dated_by_the_news_day(nlp_base: Language) -> None:
    text = ("On Saturday, Putin swiftly rejected a peace plan. Volodymyr Zelenskiy had also rejected the plan.")
    record = _record(nlp_base, text)
    first, second = [e for e in record.events if "rejected" in e.trigger.text]
    assert first.time is not None
    assert second.time is None
    # reported speech keeps the frame's day: the past perfect there is the reporter's shift of tense
    record = _record(nlp_base, "On Saturday, Russia said its troops had captured five villages in the Kharkiv region.")
    assert _the_event(record, "captured").time is not None


def test_a_message_sent_is_no_aid(nlp_base: Language) -> None:
    record = _record(nlp_base, "On Monday, the Embassy of Ukraine sent an official note to the Ministry of Foreign "
                               "Affairs of Austria.")
    assert not [e for e in record.events if "sent" in e.trigger.text]
    record = _record(nlp_base, "On Monday, the United States sent weapons to Ukraine.")
    assert [e for e in record.events if "sent" in e.trigger.text]


def test_an_unspecified_attack_on_a_structure_is_shelling(nlp_base: Language) -> None:
    record = _record(nlp_base, "On Monday, Russian forces carried out an attack on a TV tower in Kharkiv.")
    attack = _the_event(record, "attack")
    assert (attack.event_type, attack.sub_event_type) == ("Explosions/Remote violence",
                                                          "Shelling/artillery/missile attack")
    record = _record(nlp_base, "On Monday, Russian forces carried out an attack on Ukrainian troops in Kharkiv.")
    assert _the_event(record, "attack").sub_event_type == "Armed clash"


def test_an_attack_named_as_the_agent_keeps_its_place(nlp_base: Language) -> None:
    record = _record(nlp_base, "On Saturday, two men were killed by guided aerial bomb attacks on the town of "
                               "Vovchansk.")
    assert "Vovchansk" in _places(record, _the_event(record, "attacks"))
