"""A fused event's confidence: its best-read member's, kept in the cluster body and read back from a store."""

from __future__ import annotations

import random

from sitroom.fuse.events import cluster_confidence
from sitroom.fuse.ledger import Fusion
from sitroom.model import (
    Actor,
    Article,
    Cluster,
    Event,
    Evidence,
    Place,
    PlaceMention,
    Record,
    TimeExpression,
    from_json,
    to_json,
)

SENTENCE = "A Russian missile strike hit Kharkiv on Sunday, killing three people"


def _ev(aid: str, text: str) -> Evidence:
    return Evidence(aid, 0, len(text), text=text)


def _record(aid: str, outlet: str, confidence: float | None) -> Record:
    rng = random.Random(aid)
    text = " ".join(rng.choice(["grid", "port", "aid", "drone", "talks"]) + str(rng.randint(0, 999)) for _ in range(300))
    place = PlaceMention("P1", _ev(aid, "Kharkiv"), Place("geonames:706483", "Kharkiv", "PPLA", "UA",
                                                          "Kharkiv Oblast", lat=49.98, lon=36.25), "exact")
    event = Event(id="E1", trigger=_ev(aid, "strike"), event_type="Explosions/Remote violence", actor1="A1",
                  places=["P1"], time="T1", evidence=_ev(aid, SENTENCE), confidence=confidence)
    return Record(article=Article(id=aid, text=text, outlet=outlet, published="2024-10-14"),
                  actors=[Actor("A1", "Military Forces of Russia", "military", country="RU")], events=[event],
                  places=[place], times=[TimeExpression("T1", _ev(aid, "on Sunday"), start="2024-10-14",
                                                        granularity="day")])


def test_the_rule_is_the_best_scored_member_and_none_when_none_is_scored() -> None:
    assert cluster_confidence([0.45, None, 0.8, 0.6]) == 0.8
    assert cluster_confidence([None, None]) is None
    assert cluster_confidence([]) is None


def test_a_cluster_takes_its_best_read_report_and_copies_or_corroboration_do_not_lift_it() -> None:
    fusion = Fusion()
    fusion.add([_record("a", "RFE/RL", 0.55), _record("b", "Kyiv Post", 0.75), _record("c", "Reuters", None)])
    (cluster,) = fusion.clusters("event")
    assert sorted(cluster.members) == ["a/E1", "b/E1", "c/E1"] and cluster.independent_sources == 3
    assert cluster.confidence == 0.75


def test_a_cluster_of_unscored_members_has_no_confidence() -> None:
    fusion = Fusion()
    fusion.add([_record("a", "RFE/RL", None)])
    (cluster,) = fusion.clusters("event")
    assert cluster.confidence is None


def test_the_body_keeps_it_and_an_older_body_without_it_reads_as_none() -> None:
    fusion = Fusion()
    fusion.add([_record("a", "RFE/RL", 0.6)])
    (cluster,) = fusion.clusters("event")
    assert from_json(Cluster, to_json(cluster)).confidence == 0.6
    old = to_json(cluster).replace(', "confidence": 0.6', "")
    assert '"confidence"' not in old
    assert from_json(Cluster, old).confidence is None
