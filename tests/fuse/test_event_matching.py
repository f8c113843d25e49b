"""Event matching across sides (fuse/events.py, fuse/ledger.py): a readout naming several talks shares both
parties of the other side's bilateral readout; one shared party of two is no match; an undated report published
before the day the other dates the act to is not that act; agentless talks on a leader's site are the leader's;
dating words are no shared words; a report matching two clusters days apart joins the better and merges nothing
that would stretch a cluster past the date window; a report dated by its own words cannot tell an act dated to a
later day (in the dated report's zone, with a slack for midnight); a role in an international organization is its
holder; undated talks may lie a day further apart; a date carried over from another sentence is no dating."""

from __future__ import annotations

from sitroom.config import FuseOptions
from sitroom.fuse.actors import ActorRegistry
from sitroom.fuse.events import (
    UNDATED,
    event_mentions,
    linked,
    match_score,
    told_before,
)
from sitroom.fuse.ledger import Fusion
from sitroom.model import Actor, Article, Event, Evidence, Record, TimeExpression

UA = "President of Ukraine (president.gov.ua)"
US = "The White House"
NAMES = {"Z": "Volodymyr Zelenskyy", "B": "Joseph Biden", "M": "Emmanuel Macron", "S": "Olaf Scholz",
         "J": "Boris Johnson", "P": "Vladimir Putin"}


def _ev(aid: str, text: str) -> Evidence:
    return Evidence(aid, 0, len(text), text=text)


def _readout(aid: str, outlet: str, published: str, sentence: str, parties: str, *, date: str | None = None,
             first: bool = True, extra: list[Actor] | None = None) -> Record:
    """A record with one CONSULT event; ``parties`` are keys of NAMES, the first the first party (left out of
    actor1 when ``first`` is off: "A conversation took place with Biden")."""
    actors = [Actor(f"A{k}", NAMES[k], "person") for k in parties] + (extra or [])
    ids = [f"A{k}" for k in parties]
    times = [TimeExpression("T1", _ev(aid, "today"), start=date, granularity="day")] if date else []
    event = Event(id="E1", trigger=_ev(aid, "spoke"), plover_category="CONSULT", plover_mode="phone",
                  actor1=ids[0] if first else None, actor2=ids[1] if first else ids[0],
                  assoc_actors=ids[2:] if first else ids[1:], time="T1" if date else None,
                  evidence=_ev(aid, sentence))
    article = Article(id=aid, text=f"{sentence} ({aid})", outlet=outlet, published=published)
    return Record(article=article, actors=actors, events=[event], times=times)


def _mentions(*records: Record):
    registry = ActorRegistry()
    registry.observe(records)
    return [event_mentions(r, registry)[0] for r in records]


def test_a_readout_of_several_talks_shares_both_parties_of_the_bilateral_one() -> None:
    """22 February: Zelenskyy "discussed the situation with Macron, Scholz, Biden and Johnson"; the White House:
    "President Biden spoke with President Zelenskyy"."""
    summary, bilateral = _mentions(
        _readout("ua", UA, "2022-02-22T02:48:00+02:00", "he had discussed the situation with French President"
                 " Emmanuel Macron, German Chancellor Olaf Scholz, US President Joseph Biden", "ZMSBJ"),
        _readout("us", US, "2022-02-22T01:37:00+00:00", "Today after President Putin's speech, President Biden"
                 " both spoke with President Zelenskyy", "BZ", date="2022-02-22"))
    options = FuseOptions()
    assert match_score(summary, bilateral, options) >= options.event_threshold
    assert linked(summary, bilateral, options)


def test_one_shared_party_of_two_is_no_match() -> None:
    """Zelenskyy-Johnson and Biden-Johnson are two calls, though both name Johnson (the overlap rule for several
    talks needs two shared parties)."""
    one, two = _mentions(
        _readout("ua", UA, "2022-03-07T12:00:00+02:00", "I spoke with Prime Minister of the United Kingdom Boris"
                 " Johnson about defence support", "ZJ"),
        _readout("us", US, "2022-03-07T20:00:00+00:00", "President Biden held a call with Prime Minister Johnson"
                 " on energy", "BJ"))
    assert match_score(one, two, FuseOptions()) < FuseOptions().event_threshold
    assert not linked(one, two, FuseOptions())


def test_an_undated_report_published_before_the_dated_act_is_not_it() -> None:
    """Zelenskyy's site on 3 March: "he spoke about this with US President Joseph Biden" (the 1 March call); the
    White House dates the next call to 4 March. Published on 5 March, the same words could tell it."""
    early, dated, late = _mentions(
        _readout("ua", UA, "2022-03-03T22:55:00+02:00", "he spoke about this with US President Joseph Biden", "ZB"),
        _readout("us", US, "2022-03-05T02:00:00+00:00", "the President spoke with President Zelenskyy", "BZ",
                 date="2022-03-04"),
        _readout("ua2", UA, "2022-03-05T10:00:00+02:00", "he spoke about this with US President Joseph Biden", "ZB"))
    assert told_before(early, dated) and told_before(dated, early)
    assert not linked(early, dated, FuseOptions())
    assert not told_before(late, dated) and linked(late, dated, FuseOptions())


def test_agentless_talks_on_a_leaders_site_are_the_leaders() -> None:
    """"A conversation took place with US President Biden" in the President of Ukraine's address: its first party
    is the President (the outlet's office, held by the person its texts name with that title)."""
    holder = Actor("AH", "President of Ukraine Volodymyr Zelenskyy", "person")
    (mention,) = _mentions(_readout("ua", UA, "2022-03-30T23:53:00+03:00",
                                    "A conversation took place with US President Biden", "B", first=False,
                                    extra=[holder]))
    assert len(mention.actors) == 2 and any("zelenski" in key for key in mention.actors)


def test_dating_words_are_not_shared_words() -> None:
    (mention,) = _mentions(_readout("ua", UA, "2022-03-06T12:22:00+02:00",
                                    "I talked about it again with President Biden last night", "ZB"))
    assert "last" not in mention.words and "night" not in mention.words and "biden" in mention.words


def test_a_report_between_two_calls_days_apart_merges_neither_into_the_other() -> None:
    """A call dated 4 March and one dated 6 March (the same two leaders), then a report dated 5 March that matches
    both: it joins the better match, and the two calls stay two clusters (no cluster spans more than the date
    window)."""
    fusion = Fusion()
    fusion.add([_readout("us1", US, "2022-03-05T02:00:00+00:00", "last night, the President not only spoke with"
                         " President Zelenskyy", "BZ", date="2022-03-04"),
                _readout("us2", US, "2022-03-06T00:56:00+00:00", "President Joseph R. Biden, Jr. spoke this evening"
                         " with President Volodymyr Zelenskyy of Ukraine", "BZ", date="2022-03-06")])
    assert len(fusion.events) == 2
    fusion.add([_readout("ua", UA, "2022-03-06T12:22:00+02:00", "I talked about it again with President Joseph"
                         " Biden and President Volodymyr Zelenskyy of Ukraine", "ZB", date="2022-03-05")])
    clusters = sorted(sorted(c.members) for c in fusion.clusters("event"))
    assert clusters == [["ua/E1", "us2/E1"], ["us1/E1"]]
    assert all(entry.action != "merge" for entry in fusion.log)


def test_a_place_named_like_a_party_is_not_where_the_talks_were() -> None:
    """"met with ... US Secretary of Defense Lloyd Austin" placed in Austin, Texas: the place is the party misread,
    so it cannot keep the meeting apart from the State Department's "met with President Zelenskyy ... in Kyiv"."""
    from sitroom.model import Place, PlaceMention

    record = _readout("ua", UA, "2022-04-25T09:08:00+03:00", "Zelenskyy met with US Secretary of State Antony"
                      " Blinken and US Secretary of Defense Lloyd Austin", "ZB")
    record.actors.append(Actor("AL", "Lloyd Austin", "person"))
    record.events[0].actor2 = "AL"
    record.places = [PlaceMention("P1", _ev("ua", "Austin"), Place("geonames:4671654", "Austin", "PPLA2", "US",
                                                                    "Texas", lat=30.27, lon=-97.74), "exact")]
    record.events[0].places = ["P1"]
    (mention,) = _mentions(record)
    assert mention.place == "" and mention.place_rank == 9


def test_a_report_dated_by_its_words_cannot_tell_an_act_dated_after_it_was_published() -> None:
    """22 February: the White House's "Today after President Putin's speech, President Biden both spoke with
    President Zelenskyy" (published 01:37 UTC on the 22nd, dated the 22nd) and Zelenskyy's site naming the talks
    of that day are one call; Biden's "I spoke late last night to President Zelenskyy", published on the 24th and
    dated the 23rd, is the next call, though the same two leaders are in it and its day is within the window."""
    summary = _readout("ua", UA, "2022-02-22T02:48:00+02:00", "he had discussed the situation with French"
                       " President Emmanuel Macron, German Chancellor Olaf Scholz, US President Joseph Biden", "ZMSBJ")
    today = _readout("us1", US, "2022-02-22T01:37:16+00:00", "Today after President Putin's speech, President"
                     " Biden both spoke with President Zelenskyy", "BZ", date="2022-02-22")
    night = _readout("us2", US, "2022-02-24T21:48:33+00:00", "I spoke late last night to President Zelenskyy of"
                     " Ukraine and I assured him", "BZ", date="2022-02-23")
    first, second = _mentions(today, night)
    assert told_before(first, second) and not linked(first, second, FuseOptions())
    fusion = Fusion()
    fusion.add([summary, today, night])
    assert sorted(sorted(c.members) for c in fusion.clusters("event")) == [["ua/E1", "us1/E1"], ["us2/E1"]]


def test_the_day_an_act_is_dated_to_begins_in_the_zone_of_the_report_and_the_slack_absorbs_midnight() -> None:
    """Kyiv dates a call to 5 March, a day that began at 22:00 UTC on the 4th: a readout dating its call to the 4th
    and published 13 hours before then (09:00 UTC) cannot tell it, one published 11 hours before (11:00 UTC: within told_before_slack_hours, as a
    "today" read near midnight can be a day off) can; taken in UTC, the day would have begun two hours later and
    the second readout too would be 13 hours early."""
    kyiv = _readout("ua", UA, "2022-03-05T09:00:00+02:00", "Half an hour after midnight I spoke with President"
                    " Biden", "ZB", date="2022-03-05")
    early = _readout("us1", US, "2022-03-04T09:00:00+00:00", "President Biden spoke with President Zelenskyy today",
                     "BZ", date="2022-03-04")
    later = _readout("us2", US, "2022-03-04T11:00:00+00:00", "President Biden spoke with President Zelenskyy today",
                     "BZ", date="2022-03-04")
    dated, before, within = _mentions(kyiv, early, later)
    assert FuseOptions().told_before_slack_hours == 12
    assert told_before(dated, before) and not told_before(dated, within)
    assert told_before(dated, within, FuseOptions(told_before_slack_hours=10))


RU = "Kremlin (en.kremlin.ru)"


def _meeting(aid: str, outlet: str, published: str, sentence: str, first: Actor, second: Actor,
             event_type: str = "") -> Record:
    """A record with one undated meeting (or, with ``event_type``, an ACLED-typed act) between two actors."""
    event = Event(id="E1", trigger=_ev(aid, "met"), plover_category="CONSULT", plover_mode="meet",
                  event_type=event_type, actor1=first.id, actor2=second.id, evidence=_ev(aid, sentence))
    article = Article(id=aid, text=f"{sentence} ({aid})", outlet=outlet, published=published)
    return Record(article=article, actors=[first, second], events=[event])


def test_a_role_in_an_organization_is_its_holder_across_outlets() -> None:
    """"Secretary-General of the United Nations Antonio Guterres" (the Kremlin), "UN Secretary-General António
    Guterres" (Kyiv) and "The U.N. Secretary-General" (a White House briefing): one role, one person."""
    from sitroom.fuse.actors import role_key

    assert role_key("Secretary-General of the United Nations") == role_key("UN Secretary-General") \
        == role_key("The U.N. Secretary-General") == "secretary general of @UN"
    assert role_key("NATO Secretary General") == "secretary general of @NATO"
    assert role_key("European Council President", UA) == "president of @ECO"  # not Ukraine's, from the outlet
    assert role_key("the President", UA) == "president of UA"
    kremlin = _meeting("ru", RU, "2022-04-26T20:10:00+03:00", "Vladimir Putin is holding a meeting with"
                       " Secretary-General of the United Nations Antonio Guterres in the Kremlin",
                       Actor("A1", "Vladimir Putin", "person"),
                       Actor("A2", "Secretary-General of the United Nations Antonio Guterres", "person"))
    briefing = _meeting("us", US, "2022-04-28T22:20:00+00:00", "The U.N. Secretary-General met with President"
                        " Putin", Actor("A1", "The U.N. Secretary-General", "person"),
                        Actor("A2", "President Putin", "person"))
    registry = ActorRegistry()
    registry.observe([kremlin, briefing])
    keys = [registry.key(briefing, a) for a in briefing.actors]
    assert keys == [registry.key(kremlin, kremlin.actors[1]), registry.key(kremlin, kremlin.actors[0])]


def test_an_undated_later_mention_of_talks_looks_back_past_the_window_and_violence_does_not() -> None:
    """The White House asked about the Secretary-General's meeting with Putin two days after the Kremlin's readout
    (undated: it happened on or before the briefing) is that meeting; a shelling told undated two days later is
    not the first one, nor is a meeting the later report dates to its own day."""
    putin, guterres = Actor("A1", "Vladimir Putin", "person"), Actor("A2", "Antonio Guterres", "person")
    kremlin = _meeting("ru", RU, "2022-04-26T20:10:00+03:00", "Vladimir Putin is holding a meeting with Antonio"
                       " Guterres in the Kremlin", putin, guterres)
    briefing = _meeting("us", US, "2022-04-28T22:20:00+00:00", "Antonio Guterres met with President Vladimir Putin",
                        guterres, putin)
    options = FuseOptions(undated_lookback_days=1)
    first, later = _mentions(kremlin, briefing)
    assert later.day - first.day == 2 > options.date_window_days
    assert linked(first, later, options)
    assert not linked(first, later, FuseOptions())  # off by default (bench/fuse.py)
    fusion = Fusion(options)
    fusion.add([kremlin, briefing])
    assert [sorted(c.members) for c in fusion.clusters("event")] == [["ru/E1", "us/E1"]]

    shelled, again = _mentions(
        _meeting("ua1", UA, "2022-04-26T20:10:00+03:00", "Vladimir Putin's forces shelled Antonio Guterres's town",
                 putin, guterres, event_type="Explosions/Remote violence"),
        _meeting("ua2", UA, "2022-04-28T20:10:00+03:00", "Vladimir Putin's forces shelled Antonio Guterres's town",
                 putin, guterres, event_type="Explosions/Remote violence"))
    assert not linked(shelled, again, options)
    dated = briefing
    dated.times = [TimeExpression("T1", _ev("us", "today"), start="2022-04-28", granularity="day")]
    dated.events[0].time = "T1"
    (today,) = _mentions(dated)
    assert not linked(first, today, options)


def test_a_date_carried_over_from_another_sentence_is_not_the_reports_dating_of_the_act() -> None:
    """The Kremlin's undated readout of the Putin-Xi call (15 June) and a State Department briefing the next day,
    "in a recent phone call with Russian President Putin, Chinese President Xi Jinping said ...", whose event the
    extractor dated by a "today" fifty sentences earlier: one call. Had the briefing dated the call to the 16th
    in its own sentence, the Kremlin's readout, published on the 15th, could not tell it."""
    NAMES.update({"X": "Xi Jinping"})
    kremlin = _readout("ru", RU, "2022-06-15T16:00:00+03:00", "Vladimir Putin had a telephone conversation with"
                       " President of the People's Republic of China Xi Jinping", "PX")
    briefing = _readout("us", "U.S. Department of State", "2022-06-16T23:46:36+00:00", "in a recent phone call with"
                        " President – Russian President Putin, Chinese President Xi Jinping said", "XP",
                        date="2022-06-16")
    event = briefing.events[0]
    event.trigger = Evidence("us", 0, 10, sentence=170, text="phone call")
    event.evidence = Evidence("us", 0, 40, sentence=170, text=event.evidence.text)
    briefing.times[0].evidence = Evidence("us", 0, 5, sentence=117, text="today")
    readout, carried = _mentions(kremlin, briefing)
    assert carried.date_rank == UNDATED and carried.day == readout.day + 1
    assert linked(readout, carried, FuseOptions())
    briefing.times[0].evidence = Evidence("us", 0, 5, sentence=170, text="today")
    readout, own = _mentions(kremlin, briefing)
    assert own.date_rank == 1 and told_before(readout, own) and not linked(readout, own, FuseOptions())
