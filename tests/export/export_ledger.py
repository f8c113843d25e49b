"""A small ledger built by hand for the exporters' tests: five articles, their records, fused by the real fusion step.

- ``kyivpost`` and ``rferl`` report one missile strike on Kharkiv (13 October 2024, an exact town) with different
  fatality figures (3; "at least two"): one event cluster of two independent sources, coded with 2 fatalities;
- ``ukrinform`` reports a clash somewhere in Donetsk Oblast in the week of 28 October (admin1, week precision);
- ``tass`` reports talks (a PLOVER category, no ACLED event) and a planned offensive (not an event that happened),
  and a claim; ``unian`` reports shelling of Kherson with no date of its own, and shelling placed only at Ukraine
  (which ACLED would not code).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from sitroom.fuse.ledger import cluster_id
from sitroom.ingest.ids import content_hash
from sitroom.model import (
    Actor, Article, Casualty, Claim, Event, Evidence, Place, PlaceMention, Quantity, Record, TimeExpression,
)
from sitroom.run.batch import fuse_store
from sitroom.store import SQLiteStore

WORDS = "front line energy grid sanctions talks aid winter budget parliament grain port drone air defence".split()

KHARKIV = Place("geonames:706483", "Kharkiv", "PPLA", "UA", "Kharkiv Oblast", "UA-63", "Kharkivskyi raion",
                lat=49.98081, lon=36.25272)
DONETSK = Place("iso:UA-14", "Donetsk Oblast", "ADM1", "UA", "Donetsk Oblast", "UA-14", lat=48.0159, lon=37.8028)
KHERSON = Place("geonames:706448", "Kherson", "PPLA", "UA", "Kherson Oblast", "UA-65", "Khersonskyi raion",
                lat=46.63542, lon=32.61687)
UKRAINE = Place("iso:UA", "Ukraine", "country", "UA", lat=49.0, lon=32.0)

KYIVPOST_SENTENCE = "A Russian missile strike hit Kharkiv on Sunday, killing three civilians."
RFERL_SENTENCE = "Russian missiles struck Kharkiv on Sunday, killing at least two civilians, officials said."
CLASH_SENTENCE = "Ukrainian and Russian troops fought near the front in Donetsk Oblast last week."
UNDATED_SENTENCE = "Russian forces shelled Kherson, the General Staff said."
COUNTRY_SENTENCE = "Russian artillery shelled Ukrainian positions along the whole front."


def _filler(seed: str) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 999)) for _ in range(300))


def _ev(aid: str, text: str, full: str) -> Evidence:
    start = full.index(text)
    return Evidence(aid, start, start + len(text), text=text)


def _article(aid: str, outlet: str, published: str, sentences: list[str]) -> Article:
    text = " ".join(sentences) + " " + _filler(aid)
    return Article(id=aid, text=text, title=f"{outlet} report", outlet=outlet, url=f"https://{aid}.example/1",
                   published=published, content_hash=content_hash(text))


RUSSIA = Actor("A1", "Military Forces of Russia", "military", "RU", inter_code=1)
UKRAINE_FORCES = Actor("A2", "Military Forces of Ukraine", "military", "UA", inter_code=1)
CIVILIANS = Actor("A3", "Civilians (Ukraine)", "group", "UA", inter_code=7)
WAGNER = Actor("A4", "Wagner Group", "armed_group", "RU")


def _strike(aid: str, outlet: str, sentence: str, figure: Quantity, assoc: list[str]) -> Record:
    article = _article(aid, outlet, "2024-10-14", [sentence])
    text = article.text
    places = [PlaceMention("P1", _ev(aid, "Kharkiv", text), KHARKIV, "exact")]
    times = [TimeExpression("T1", _ev(aid, "on Sunday", text), start="2024-10-13", end="2024-10-13",
                            granularity="day")]
    event = Event("E1", _ev(aid, "strike" if "strike" in sentence else "struck", text),
                  disorder_type="Political violence", event_type="Explosions/Remote violence",
                  sub_event_type="Shelling/artillery/missile attack", actor1="A1", actor2="A3", assoc_actors=assoc,
                  places=["P1"], time="T1", casualties=[Casualty("killed", figure.id, "civilians", "A3")],
                  evidence=_ev(aid, sentence, text))
    return Record(article, actors=[RUSSIA, CIVILIANS, WAGNER], events=[event], places=places, times=times,
                  quantities=[figure])


def _records() -> list[Record]:
    kyivpost = _strike("kyivpost", "Kyiv Post", KYIVPOST_SENTENCE,
                       Quantity("Q1", Evidence("kyivpost", 0, 5, text="three"), value=3), [])
    rferl = _strike("rferl", "RFE/RL", RFERL_SENTENCE,
                    Quantity("Q1", Evidence("rferl", 0, 5, text="at least two"), value=2, low=2,
                             approximator="at least", approximation="at_least"), ["A4"])

    article = _article("ukrinform", "Ukrinform", "2024-11-02", [CLASH_SENTENCE])
    text = article.text
    clash = Record(article, actors=[UKRAINE_FORCES, RUSSIA], places=[
        PlaceMention("P1", _ev("ukrinform", "Donetsk Oblast", text), DONETSK, "admin1")], times=[
        TimeExpression("T1", _ev("ukrinform", "last week", text), start="2024-10-28", end="2024-11-03",
                       granularity="week")], events=[
        Event("E1", _ev("ukrinform", "fought", text), disorder_type="Political violence", event_type="Battles",
              sub_event_type="Armed clash", actor1="A2", actor2="A1", places=["P1"], time="T1",
              evidence=_ev("ukrinform", CLASH_SENTENCE, text))])

    talks, plan = "Russian and Turkish officials held talks in Moscow.", "Russia plans an offensive on Kharkiv."
    article = _article("tass", "TASS", "2024-10-20", [talks, plan])
    text = article.text
    tass = Record(article, actors=[RUSSIA], places=[PlaceMention("P1", _ev("tass", "Kharkiv", text), KHARKIV, "exact")],
                  events=[
        Event("E1", _ev("tass", "talks", text), plover_category="CONSULT", evidence=_ev("tass", talks, text)),
        Event("E2", _ev("tass", "offensive", text), event_type="Battles", sub_event_type="Armed clash",
              actor1="A1", places=["P1"], status="planned", evidence=_ev("tass", plan, text))],
        claims=[Claim("C1", "A1", None, _ev("tass", "plans", text), _ev("tass", "an offensive on Kharkiv", text))])

    article = _article("unian", "UNIAN", "2024-10-21", [UNDATED_SENTENCE, COUNTRY_SENTENCE])
    text = article.text
    undated = Record(article, actors=[RUSSIA], places=[
        PlaceMention("P1", _ev("unian", "Kherson", text), KHERSON, "exact"),
        PlaceMention("P2", _ev("unian", "Ukrainian", text), UKRAINE, "country")], events=[
        Event("E1", _ev("unian", "shelled", text), event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", actor1="A1", places=["P1"],
              evidence=_ev("unian", UNDATED_SENTENCE, text)),
        Event("E2", _ev("unian", "shelled Ukrainian", text), event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", actor1="A1", places=["P2"],
              evidence=_ev("unian", COUNTRY_SENTENCE, text))])
    return [kyivpost, rferl, clash, tass, undated]


@dataclass
class Ledger:
    path: Path
    strike: str  # the Kharkiv strike's cluster id
    clash: str
    undated: str
    country_only: str


def build_ledger(path: Path) -> Ledger:
    records = _records()
    with SQLiteStore(path) as store:
        store.add_batch([r.article for r in records], "test")
        assert store.put_records(records, "test").stored == len(records)
        fuse_store(store)
        strike = store.cluster(cluster_id("event", "kyivpost/E1"))
        assert strike is not None and strike.members == ["kyivpost/E1", "rferl/E1"], "fusion did not join them"
    return Ledger(path, strike.id, cluster_id("event", "ukrinform/E1"), cluster_id("event", "unian/E1"),
                  cluster_id("event", "unian/E2"))
