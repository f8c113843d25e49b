"""Event matching across sides (fuse/events.py, fuse/ledger.py): a readout naming several talks shares both
parties of the other side's bilateral readout; one shared party of two is no match; an undated report published
before the day the other dates the act to is not that act; agentless talks on a leader's site are the leader's;
dating words are no shared words; a report matching two clusters days apart joins the better and merges nothing
that would stretch a cluster past the date window."""

from __future__ import annotations

from sitroom.config import FuseOptions
from sitroom.fuse.actors import ActorRegistry
from sitroom.fuse.events import event_mentions, linked, match_score, told_before
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
