"""Selection: what a period's report holds, under which topic, how each item stands and what it cites."""

from __future__ import annotations

from sitroom.brief import BriefRequest, build
from sitroom.brief.briefing import Briefing, Item
from sitroom.brief.topics import AID_DIPLOMACY, CIVILIANS, FRONT_LINE, OTHER, STRIKES, topic_of_event, topic_of_words
from sitroom.model import iter_evidence

OCTOBER = BriefRequest("2024-10-01", "2024-10-31")


def _items(briefing: Briefing) -> dict[str, Item]:
    return {i.key: i for s in briefing.sections for t in s.threads for i in t.items}


def test_each_event_goes_with_the_claims_that_report_it_under_its_topic(ledger) -> None:
    briefing = build(ledger, OCTOBER)
    items = _items(briefing)
    assert set(items) == {"ev-strike", "ev-capture", "ev-evac", "cl-air"}  # ev-old is September's
    assert [c.cluster_id for c in items["ev-strike"].claims] == ["cl-strike"]
    assert [c.cluster_id for c in items["ev-capture"].claims] == ["cl-capture"]
    assert (items["ev-strike"].topic, items["ev-capture"].topic) == ("strikes", "front_line")
    assert (items["ev-evac"].topic, items["cl-air"].topic) == ("civilians", "aid_diplomacy")
    assert [s.topic for s in briefing.sections] == ["front_line", "strikes", "civilians", "aid_diplomacy"]
    assert (items["ev-strike"].thread, items["ev-evac"].thread, items["cl-air"].thread) == (
        "Kharkiv Oblast", "Zaporizhzhia Oblast", "Volodymyr Zelensky")
    assert briefing.event_clusters == 3 and briefing.claim_clusters == 4


def test_a_claim_says_who_asserts_who_denies_and_who_reported_it(ledger) -> None:
    strike = _items(build(ledger, OCTOBER))["ev-strike"]
    (claim,) = strike.claims
    assert claim.status == "denied" and claim.in_dispute
    assert claim.standing == "asserted by Oleh Syniehubov; denied by Government of Russia (as “The Kremlin”)"
    asserted, denied = claim.attributions
    assert (asserted.source, asserted.standing, asserted.cue, asserted.reported_by) == (
        "Oleh Syniehubov", "asserted", "said", "Kyiv Independent")
    assert (denied.source, denied.named_as, denied.standing, denied.cue) == (
        "Government of Russia", "The Kremlin", "denied", "denied")
    assert strike.event.standing == "claimed by Oleh Syniehubov; denied by Government of Russia (as “The Kremlin”)"


def test_an_unverified_note_and_a_hedged_figure_are_kept(ledger) -> None:
    evacuation = _items(build(ledger, OCTOBER))["ev-evac"]
    (claim,) = evacuation.claims
    assert claim.standing == "asserted by officials; unverified" and claim.in_dispute
    (check,) = claim.attributions[0].checks
    assert check.status == "unverified" and check.citation.quote == "could not be independently verified"
    (figure,) = evacuation.event.reports[0].figures
    assert (figure.what, figure.words, figure.approximator, figure.approximation, figure.value) == (
        "evacuated", "about 1,500", "about", "approx", 1500)


def test_fatalities_give_acled_s_conservative_figure_and_each_report_s_own(ledger) -> None:
    strike = _items(build(ledger, OCTOBER))["ev-strike"].event
    assert strike.fatalities == 3 and [r.figure for r in strike.reports] == [3]
    (killed,) = strike.reports[0].figures
    assert (killed.words, killed.low, killed.approximation, killed.victims) == (
        "at least three", 3, "at_least", "civilians")


def test_every_citation_is_the_article_s_own_words_at_its_offsets(ledger) -> None:
    briefing = build(ledger, OCTOBER)
    texts = {a: ledger.article(a).text for a in ("kyiv", "wire")}
    citations = [c for item in _items(briefing).values() for c in _citations(item)]
    assert len(citations) > 10
    for citation in citations:
        assert texts[citation.article_id][citation.start:citation.end] == citation.quote
        assert citation.outlet in ("Kyiv Independent", "Reuters")
        assert citation.link == f"/#article={citation.article_id}&start={citation.start}&end={citation.end}"


def _citations(item: Item):
    from sitroom.brief.briefing import Citation

    def walk(obj):
        if isinstance(obj, Citation):
            yield obj
        elif hasattr(obj, "__dataclass_fields__"):
            for name in obj.__dataclass_fields__:
                yield from walk(getattr(obj, name))
        elif isinstance(obj, tuple):
            for x in obj:
                yield from walk(x)
    return list(walk(item))


def test_ranking_key_developments_and_disputes(ledger) -> None:
    briefing = build(ledger, BriefRequest("2024-10-01", "2024-10-31"))
    # All single-source: the larger item (an event and its two-member claim) first, then by confidence.
    assert [p.key for p in briefing.key_developments] == ["ev-strike", "ev-capture", "ev-evac", "cl-air"]
    assert [(p.key, p.claim.cluster_id) for p in briefing.disputes] == [
        ("ev-strike", "cl-strike"), ("ev-evac", "cl-evac")]
    assert [s.article_id for s in briefing.sources] == ["kyiv", "wire"]


def test_limits_come_from_the_request(ledger) -> None:
    from sitroom.config import BriefOptions

    options = BriefOptions(key_developments=1, items_per_topic=1, evidence_link="")
    briefing = build(ledger, BriefRequest("2024-10-01", "2024-10-31", options=options))
    assert [p.key for p in briefing.key_developments] == ["ev-strike"]
    assert all(sum(len(t.items) for t in s.threads) == 1 for s in briefing.sections)
    assert all(not c.link for i in _items(briefing).values() for c in _citations(i))


def test_topics_follow_the_record_s_coding_then_the_claim_s_words() -> None:
    assert topic_of_event("Strategic developments", "Other", ["AID/military"], [], False) is AID_DIPLOMACY
    assert topic_of_event("Strategic developments", "Arrests", [], [], False) is OTHER
    assert topic_of_event("", "", ["ASSAULT/occupy"], [], False) is FRONT_LINE
    assert topic_of_event("", "", ["CONSULT/visit"], [], False) is AID_DIPLOMACY
    assert topic_of_event("Explosions/Remote violence", "Air/drone strike", [], [], True) is FRONT_LINE
    assert topic_of_event("", "", [], ["evacuated"], False) is CIVILIANS
    assert topic_of_event("", "", [], [], False) is None
    assert topic_of_words(["a drone strike killed two"]) is STRIKES
    assert topic_of_words(["the army captured the village"]) is FRONT_LINE
    assert topic_of_words(["nothing to see"]) is OTHER


def test_the_briefing_is_the_data_model_s_json(ledger) -> None:
    from sitroom.model import to_dict

    data = to_dict(build(ledger, OCTOBER))
    assert data["date_from"] == "2024-10-01" and data["sections"][0]["title"] == FRONT_LINE.title
    assert not list(iter_evidence(data))  # citations are the report's own type, not model.Evidence
