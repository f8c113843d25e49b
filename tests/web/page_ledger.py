"""A small hand-made ledger for the page's browser tests: three articles, their records and clusters.

Every Evidence is cut from its article's text by the words it quotes, so offsets are right by construction; one
article and one cluster label carry script-like strings (a <script> element, an onerror= attribute) that the page
must show as text and never run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sitroom.model import (
    Actor, Article, Claim, Cluster, ClusterMember, Event, Evidence, Place, PlaceMention, Record, TimeExpression,
)
from sitroom.store import open_store

SCRIPT = '<script>window.__pwned = "script";</script>'
ONERROR = '<img src="x" onerror="window.__pwned = \'onerror\'">'

KYIV_TEXT = (
    "Zelenskiy says North Korean troops are in Russia\n\n"
    "Ukrainian President Volodymyr Zelenskiy said that North Korea has sent soldiers to Russia. "
    "The Kremlin did not comment.\n\n"
    "Russia claimed on October 13 that it had captured the town of Mykhaylivka, south of Pokrovsk.\n\n"
    f"A reader pasted {SCRIPT} and {ONERROR} under the story; both are text."
)
KHARKIV_TEXT = (
    "Shelling in Kharkiv region\n\n"
    f"Shelling hit villages of the Kharkiv region overnight {ONERROR}, officials said on October 12.\n\n"
    "The Kremlin denied that Pyongyang supplies shells and missiles to Moscow.\n\n"
    "Russia said it has evacuated some 30,415 people in October from areas bordering Ukraine.\n\n"
    "The evacuees were placed in temporary shelters across Russia."
)
PROTEST_TEXT = "Protest in an unnamed town\n\nHundreds protested against mobilisation on October 14, organisers said."


@dataclass(frozen=True)
class Expected:
    """What the page must show for the ledger: cluster ids by how they are drawn, and one claim's spans."""

    point: str  # an event at a town: a point on the map
    region: str  # an event somewhere in an oblast: a shaded disc, no pin
    country: str  # an event somewhere in Russia: the country shaded
    country2: str  # another one there: one shading for both
    unplaced: str  # an event with no place: on the timeline only
    claim: str  # "<article id>/<claim id>" of Zelenskiy's claim
    claim_source: str
    claim_cue: str
    claim_content: str
    claim_sentence: str
    denied_claim: str


EXPECTED = Expected(
    point="ev-mykhaylivka", region="ev-kharkiv-oblast", country="ev-russia-evacuation",
    country2="ev-russia-shelters", unplaced="ev-protest",
    claim="kyiv01/C1", claim_source="Ukrainian President Volodymyr Zelenskiy", claim_cue="said",
    claim_content="North Korea has sent soldiers to Russia",
    claim_sentence="Ukrainian President Volodymyr Zelenskiy said that North Korea has sent soldiers to Russia.",
    denied_claim="kharkiv01/C1",
)


def _article(article_id: str, outlet: str, published: str, text: str) -> Article:
    title = text.split("\n", 1)[0]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=article_id, text=text, title=title, outlet=outlet, published=published, content_hash=digest,
                   url=f"https://example.org/{article_id}", source_format="txt")


def _cut(article: Article, words: str, after: str = "") -> Evidence:
    """The Evidence of the first `words` in the article (after the first `after`, when given)."""
    start = article.text.index(words, article.text.index(after) if after else 0)
    return Evidence(article.id, start, start + len(words), None, words)


def _place(name: str, feature: str, lat: float, lon: float, admin1: str = "", country: str = "UA") -> Place:
    return Place(id=f"test:{name}", name=name, feature=feature, country=country, admin1=admin1, lat=lat, lon=lon)


def records() -> list[Record]:
    kyiv = _article("kyiv01", "Kyiv Test Daily", "2024-10-13T20:00:00+03:00", KYIV_TEXT)
    kharkiv = _article("kharkiv01", "Kharkiv Test News", "2024-10-12T09:00:00+03:00", KHARKIV_TEXT)
    protest = _article("protest01", "Test Wire", "2024-10-14T12:00:00+00:00", PROTEST_TEXT)
    zelenskiy = Actor(id="A1", name="Volodymyr Zelenskiy", kind="person", country="UA",
                      mentions=[_cut(kyiv, EXPECTED.claim_source)])
    russia = Actor(id="A2", name="Government of Russia", kind="government", country="RU",
                   mentions=[_cut(kyiv, "Russia claimed")])
    kremlin = Actor(id="A1", name="Government of Russia", kind="government", country="RU",
                    mentions=[_cut(kharkiv, "The Kremlin")])
    mykhaylivka = PlaceMention(id="P1", evidence=_cut(kyiv, "Mykhaylivka"), precision="exact",
                               place=_place("Mykhaylivka", "PPL", 48.0722, 37.3853, "Donetsk Oblast"))
    kyiv_record = Record(
        article=kyiv, id=kyiv.id, actors=[zelenskiy, russia],
        claims=[
            Claim(id="C1", source="A1", source_mention=_cut(kyiv, EXPECTED.claim_source),
                  cue=_cut(kyiv, EXPECTED.claim_cue, EXPECTED.claim_source),
                  content=_cut(kyiv, EXPECTED.claim_content), evidence=_cut(kyiv, EXPECTED.claim_sentence),
                  kind="indirect", stance="assert", confidence=0.93),
            Claim(id="C2", source="A2", source_mention=_cut(kyiv, "Russia", "comment."),
                  cue=_cut(kyiv, "claimed"), content=_cut(kyiv, "it had captured the town of Mykhaylivka"),
                  evidence=_cut(kyiv, "Russia claimed on October 13 that it had captured the town of Mykhaylivka, "
                                      "south of Pokrovsk."), stance="assert"),
        ],
        places=[mykhaylivka],
        times=[TimeExpression(id="T1", evidence=_cut(kyiv, "October 13"), value="2024-10-13", start="2024-10-13",
                              end="2024-10-13", granularity="day")],
        events=[Event(id="E1", trigger=_cut(kyiv, "captured"), event_type="Battles",
                      sub_event_type="Non-state actor overtakes territory", actor1="A2", places=["P1"], time="T1",
                      territory_change="captured", evidence=_cut(kyiv, "it had captured the town of Mykhaylivka"))],
    )
    kharkiv_region = PlaceMention(id="P1", evidence=_cut(kharkiv, "Kharkiv region", "Shelling hit"),
                                  precision="admin1",
                                  place=_place("Kharkiv Oblast", "ADM1", 49.65, 36.65, "Kharkiv Oblast"))
    russia_place = PlaceMention(id="P2", evidence=_cut(kharkiv, "Russia said"), precision="country",
                                place=_place("Russia", "country", 61.5, 99.0, country="RU"))
    kharkiv_record = Record(
        article=kharkiv, id=kharkiv.id, actors=[kremlin],
        claims=[Claim(id="C1", source="A1", source_mention=_cut(kharkiv, "The Kremlin"),
                      cue=_cut(kharkiv, "denied"), content=_cut(kharkiv, "Pyongyang supplies shells and missiles"),
                      evidence=_cut(kharkiv, "The Kremlin denied that Pyongyang supplies shells and missiles to "
                                             "Moscow."), stance="deny")],
        places=[kharkiv_region, russia_place],
        events=[
            Event(id="E1", trigger=_cut(kharkiv, "Shelling", "\n"), event_type="Explosions/Remote violence",
                  sub_event_type="Shelling/artillery/missile attack", places=["P1"],
                  evidence=_cut(kharkiv, f"Shelling hit villages of the Kharkiv region overnight {ONERROR}")),
            Event(id="E2", trigger=_cut(kharkiv, "evacuated"), event_type="Strategic developments",
                  sub_event_type="Other", places=["P2"], evidence=_cut(kharkiv, "it has evacuated some 30,415 people")),
            Event(id="E3", trigger=_cut(kharkiv, "placed"), event_type="Displacement", places=["P2"],
                  evidence=_cut(kharkiv, "The evacuees were placed in temporary shelters across Russia.")),
        ],
    )
    protest_record = Record(
        article=protest, id=protest.id,
        events=[Event(id="E1", trigger=_cut(protest, "protested"), event_type="Protests",
                      sub_event_type="Peaceful protest",
                      evidence=_cut(protest, "Hundreds protested against mobilisation"))],
    )
    return [kyiv_record, kharkiv_record, protest_record]


def _member(record: Record, item_id: str, source: str, stance: str = "") -> ClusterMember:
    """A cluster member of one claim or event of a record, with that item's evidence."""
    item = {**{c.id: c for c in record.claims}, **{e.id: e for e in record.events}}[item_id]
    assert item.evidence is not None
    return ClusterMember(member=f"{record.article.id}/{item_id}", evidence=item.evidence, source=source,
                         stance=stance)


def clusters(recs: list[Record]) -> list[Cluster]:
    kyiv, kharkiv, protest = recs
    shelling_label = f"Shelling hit villages of the Kharkiv region overnight {ONERROR}"
    return [
        Cluster(id=EXPECTED.point, kind="event", members=["kyiv01/E1"], independent_sources=1, status="single_source",
                label="Russia claimed it had captured the town of Mykhaylivka", event_type="Battles",
                sub_event_type="Non-state actor overtakes territory", date="2024-10-13", date_granularity="day",
                place="Mykhaylivka", admin1="Donetsk Oblast", country="UA", latitude=48.0722, longitude=37.3853,
                precision="exact", actors=["Military Forces of Russia (2000-)"], confidence=0.8,
                detail=[_member(kyiv, "E1", "Government of Russia")]),
        Cluster(id=EXPECTED.region, kind="event", members=["kharkiv01/E1"], independent_sources=1,
                status="single_source", label=shelling_label, event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack", date="2024-10-12", date_granularity="day",
                place="Kharkiv Oblast", admin1="Kharkiv Oblast", country="UA", latitude=49.65, longitude=36.65,
                precision="admin1", fatalities=0, confidence=0.55, detail=[_member(kharkiv, "E1", "officials")]),
        Cluster(id=EXPECTED.country, kind="event", members=["kharkiv01/E2"], independent_sources=1,
                status="single_source", label="Russia said it has evacuated some 30,415 people",
                event_type="Strategic developments", sub_event_type="Other", date="2024-10-01",
                date_granularity="month", place="Russia", country="RU", latitude=61.5, longitude=99.0,
                precision="country", actors=["Government of Russia (2000-)"], confidence=0.6,
                detail=[_member(kharkiv, "E2", "Government of Russia")]),
        Cluster(id=EXPECTED.country2, kind="event", members=["kharkiv01/E3"], independent_sources=1,
                status="single_source", label="The evacuees were placed in temporary shelters across Russia.",
                event_type="Displacement", date="2024-10-12", date_granularity="day", place="Russia", country="RU",
                latitude=61.5, longitude=99.0, precision="country",
                detail=[_member(kharkiv, "E3", "Government of Russia")]),
        Cluster(id=EXPECTED.unplaced, kind="event", members=["protest01/E1"], independent_sources=1,
                status="single_source", label="Hundreds protested against mobilisation", event_type="Protests",
                sub_event_type="Peaceful protest", date="2024-10-14", date_granularity="day", confidence=0.45,
                detail=[_member(protest, "E1", "organisers")]),
        Cluster(id="cl-zelenskiy-troops", kind="claim", members=["kyiv01/C1"], independent_sources=1,
                status="single_source", label=EXPECTED.claim_content,
                detail=[_member(kyiv, "C1", "Volodymyr Zelenskiy", "assert")]),
        Cluster(id="cl-shells-denied", kind="claim", members=[EXPECTED.denied_claim], independent_sources=1,
                status="denied", label="Pyongyang supplies shells and missiles",
                detail=[_member(kharkiv, "C1", "Government of Russia", "deny")]),
    ]


def build(path: str) -> Expected:
    """Write the ledger to a new SQLite store at `path`."""
    recs = records()
    store = open_store(path)
    try:
        store.add_batch([r.article for r in recs], run="web-test")
        result = store.put_records(recs, pipeline="web-test")
        assert result.stored == len(recs), result
        store.put_clusters(clusters(recs))
    finally:
        store.close()
    return EXPECTED
