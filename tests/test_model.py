"""The lossless JSON form: every model object comes back from to_dict output as it was, nested ones included."""

from __future__ import annotations

import pytest

from sitroom.model import (
    Actor, Article, Casualty, Claim, Cluster, ClusterMember, Event, Evidence, Place, PlaceMention, Record,
    VerificationNote, from_dict, from_json, to_dict, to_json,
)


def _ev(start: int, end: int, text: str) -> Evidence:
    return Evidence("a1", start, end, sentence=0, text=text)


def _record() -> Record:
    article = Article(id="a1", text="Kyiv said strikes hit Kharkiv.", outlet="X", published="2024-10-14",
                      extra={"feed": {"title": "t", "tags": ["a", "b"]}}, language_shares={"en": 0.9})
    claim = Claim(id="C1", source="A1", source_mention=_ev(0, 4, "Kyiv"), cue=_ev(5, 9, "said"),
                  content=_ev(10, 29, "strikes hit Kharkiv"), channel=None, confidence=0.75,
                  verification=[VerificationNote("unverified", _ev(0, 4, "Kyiv"))])
    place = PlaceMention("P1", _ev(22, 29, "Kharkiv"), Place("geonames:706483", "Kharkiv", lat=49.98, lon=36.25,
                                                            alternate_names=["Charkiw"]), "exact")
    event = Event(id="E1", trigger=_ev(10, 17, "strikes"), places=["P1"],
                  casualties=[Casualty("killed", quantity=None, evidence=None)], confidence=0.82)
    return Record(article=article, actors=[Actor("A1", "Government of Ukraine", "government", aliases=["Kyiv"])],
                  claims=[claim], events=[event], places=[place])


def test_a_record_comes_back_equal_through_dicts_and_json() -> None:
    record = _record()
    assert from_dict(Record, to_dict(record)) == record
    assert from_json(Record, to_json(record)) == record
    back = from_dict(Record, to_dict(record))
    assert isinstance(back.claims[0].verification[0].evidence, Evidence)
    assert isinstance(back.places[0].place, Place) and back.places[0].place.alternate_names == ["Charkiw"]
    assert back.claims[0].channel is None and back.article.extra == {"feed": {"title": "t", "tags": ["a", "b"]}}


def test_an_event_stored_before_its_confidence_existed_reads_as_unscored() -> None:
    data = to_dict(_record())
    assert data["events"][0]["confidence"] == 0.82
    del data["events"][0]["confidence"]
    assert from_dict(Record, data).events[0].confidence is None


def test_a_cluster_with_members_comes_back_equal() -> None:
    cluster = Cluster(id="ev-1", kind="event", members=["a1/E1"], latitude=49.98, longitude=36.25,
                      detail=[ClusterMember("a1/E1", _ev(10, 17, "strikes"), figure=3)])
    assert from_dict(Cluster, to_dict(cluster)) == cluster


def test_an_unknown_field_is_an_error_naming_the_class_and_field() -> None:
    data = to_dict(_record())
    data["claims"][0]["speaker"] = "x"
    with pytest.raises(ValueError, match=r"Claim: unknown fields \['speaker'\]"):
        from_dict(Record, data)
