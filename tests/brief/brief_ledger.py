"""A small hand-made ledger for the briefing tests (the ``ledger`` fixture of conftest.py): three articles, their records and clusters, in a temporary
SQLite store (no pipeline; each test file reads it in well under a second).

- kyiv (Kyiv Independent, 2024-10-14): a missile strike on Kharkiv that killed "at least three" (the governor's
  claim, denied by the Kremlin), and Russia's claim to have captured Vovchansk.
- wire (Reuters, 2024-10-19): an evacuation of "about 1,500 people" from Zaporizhzhia, unverified; and
  Zelensky on air defence, in words that try to be markup.
- old (TASS, 2024-09-01): a battle in Donetsk Oblast, outside October.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.ingest.ids import content_hash
from sitroom.model import (
    Actor, Article, Casualty, Claim, Cluster, ClusterMember, Event, Evidence, Place, PlaceMention, Quantity, Record,
    TimeExpression, VerificationNote,
)
from sitroom.store import SQLiteStore

HOSTILE = ("partners will send <script>alert(1)</script> more *air defence* [systems](javascript:alert(2))"
           " & <img src=x onerror=alert(3)>")


@dataclass
class Text:
    """An article's text built sentence by sentence, so every piece's offsets are known."""

    article_id: str
    sentences: list[str] = field(default_factory=list)

    def add(self, sentence: str) -> int:
        self.sentences.append(sentence)
        return len(self.sentences) - 1

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def span(self, index: int, phrase: str) -> Evidence:
        start = len(" ".join(self.sentences[:index])) + (1 if index else 0)
        offset = self.sentences[index].index(phrase)
        return Evidence(self.article_id, start + offset, start + offset + len(phrase), index, phrase)


def _article(text: Text, outlet: str, published: str, title: str) -> Article:
    return Article(id=text.article_id, text=text.text, title=title, outlet=outlet, published=published,
                   content_hash=content_hash(text.text), url=f"https://example.org/{text.article_id}")


KHARKIV = Place("geonames:706483", "Kharkiv", "PPLA", "UA", "Kharkiv Oblast", "UA-63", lat=49.98, lon=36.25)
VOVCHANSK = Place("geonames:690548", "Vovchansk", "PPL", "UA", "Kharkiv Oblast", "UA-63", lat=50.29, lon=36.94)
ZAPORIZHZHIA = Place("geonames:687700", "Zaporizhzhia", "PPLA", "UA", "Zaporizhzhia Oblast", "UA-23", lat=47.82,
                     lon=35.19)
POKROVSK = Place("geonames:704508", "Pokrovsk", "PPL", "UA", "Donetsk Oblast", "UA-14", lat=48.28, lon=37.18)


def kyiv_record() -> Record:
    t = Text("kyiv")
    s0 = t.add("Governor Oleh Syniehubov said a Russian missile strike on Kharkiv killed at least three people on"
               " Sunday.")
    s1 = t.add("The Kremlin denied the report.")
    s2 = t.add("Russia claimed its forces had captured Vovchansk.")
    actors = [
        Actor("A1", "Oleh Syniehubov", "person", "UA", mentions=[t.span(s0, "Governor Oleh Syniehubov")]),
        Actor("A2", "Government of Russia", "government", "RU", mentions=[t.span(s1, "The Kremlin")]),
        Actor("A3", "Military Forces of Russia", "military", "RU"),
    ]
    claims = [
        Claim("C1", "A1", t.span(s0, "Governor Oleh Syniehubov"), t.span(s0, "said"),
              t.span(s0, "a Russian missile strike on Kharkiv killed at least three people on Sunday"),
              cue_lemma="say", said_on="T1", confidence=0.9),
        Claim("C2", "A2", t.span(s1, "The Kremlin"), t.span(s1, "denied"), t.span(s1, "the report"), stance="deny",
              target_claim="C1", confidence=0.8),
        Claim("C3", "A2", t.span(s2, "Russia"), t.span(s2, "claimed"), t.span(s2, "its forces had captured Vovchansk"),
              confidence=0.95),
    ]
    quantities = [Quantity("Q1", t.span(s0, "at least three"), low=3, approximator="at least",
                           approximation="at_least", unit="people")]
    places = [PlaceMention("P1", t.span(s0, "Kharkiv"), KHARKIV, "exact"),
              PlaceMention("P2", t.span(s2, "Vovchansk"), VOVCHANSK, "exact")]
    times = [TimeExpression("T1", t.span(s0, "Sunday"), value="2024-10-13", start="2024-10-13", end="2024-10-13",
                            granularity="day")]
    events = [
        Event("E1", t.span(s0, "missile strike"), "Political violence", "Explosions/Remote violence",
              "Shelling/artillery/missile attack", "ASSAULT", "heavy-weapons", actor1="A3", places=["P1"], time="T1",
              casualties=[Casualty("killed", "Q1", "civilians")], reported_by=["C1"],
              evidence=t.span(s0, "a Russian missile strike on Kharkiv killed at least three people")),
        Event("E2", t.span(s2, "captured"), "Political violence", "Battles", "Armed clash", "ASSAULT", "occupy",
              actor1="A3", places=["P2"], territory_change="captured", reported_by=["C3"],
              evidence=t.span(s2, "its forces had captured Vovchansk")),
    ]
    article = _article(t, "Kyiv Independent", "2024-10-14", "Strike on Kharkiv")
    return Record(article, "kyiv", actors, claims, events, places, times, quantities)


def wire_record() -> Record:
    t = Text("wire")
    s0 = t.add("Officials said about 1,500 people were evacuated from Zaporizhzhia.")
    s1 = t.add("The figure could not be independently verified.")
    s2 = t.add(f"Volodymyr Zelensky said {HOSTILE}.")
    actors = [Actor("A1", "officials", "government"), Actor("A2", "Volodymyr Zelensky", "person", "UA")]
    claims = [
        Claim("C1", "A1", t.span(s0, "Officials"), t.span(s0, "said"),
              t.span(s0, "about 1,500 people were evacuated from Zaporizhzhia"),
              verification=[VerificationNote("unverified", t.span(s1, "could not be independently verified"))]),
        Claim("C2", "A2", t.span(s2, "Volodymyr Zelensky"), t.span(s2, "said"), t.span(s2, HOSTILE), confidence=0.7),
    ]
    quantities = [Quantity("Q1", t.span(s0, "about 1,500"), value=1500, approximator="about", approximation="approx",
                           unit="people")]
    places = [PlaceMention("P1", t.span(s0, "Zaporizhzhia"), ZAPORIZHZHIA, "exact")]
    events = [Event("E1", t.span(s0, "evacuated"), "", "Displacement", "Evacuation", places=["P1"],
                    casualties=[Casualty("evacuated", "Q1", "civilians")], reported_by=["C1"],
                    evidence=t.span(s0, "about 1,500 people were evacuated from Zaporizhzhia"))]
    article = _article(t, "Reuters", "2024-10-19", "Evacuations")
    return Record(article, "wire", actors, claims, events, places, [], quantities)


def old_record() -> Record:
    t = Text("old")
    s0 = t.add("Fighting continued near Pokrovsk.")
    places = [PlaceMention("P1", t.span(s0, "Pokrovsk"), POKROVSK, "near")]
    events = [Event("E1", t.span(s0, "Fighting"), "Political violence", "Battles", "Armed clash", places=["P1"],
                    evidence=t.span(s0, "Fighting continued near Pokrovsk"))]
    return Record(_article(t, "TASS", "2024-09-01", "Front"), "old", [], [], events, places)


def _member(record: Record, item_id: str, **fields) -> ClusterMember:
    found = next(x for x in [*record.claims, *record.events] if x.id == item_id)
    evidence = found.content if isinstance(found, Claim) else (found.evidence or found.trigger)
    return ClusterMember(f"{record.article.id}/{item_id}", evidence, **fields)


def clusters(kyiv: Record, wire: Record, old: Record) -> list[Cluster]:
    def make(cid, kind, members, **fields):
        return Cluster(cid, kind, [m.member for m in members], detail=members,
                       label=members[0].evidence.text, **fields)

    return [
        make("ev-strike", "event", [_member(kyiv, "E1", source="Military Forces of Russia", figure=3)],
             independent_sources=1, event_type="Explosions/Remote violence",
             sub_event_type="Shelling/artillery/missile attack", date="2024-10-13", date_granularity="day",
             place="Kharkiv", admin1="Kharkiv Oblast", country="UA", precision="exact", fatalities=3,
             actors=["Military Forces of Russia"]),
        make("cl-strike", "claim", [_member(kyiv, "C1", source="Oleh Syniehubov", stance="assert"),
                                    _member(kyiv, "C2", source="Government of Russia", stance="deny", role="denies")],
             independent_sources=1, status="denied", status_claims=["kyiv/C2"]),
        make("ev-capture", "event", [_member(kyiv, "E2", source="Military Forces of Russia")],
             independent_sources=1, event_type="Battles", sub_event_type="Armed clash", date="2024-10-14",
             place="Vovchansk", admin1="Kharkiv Oblast", country="UA", precision="exact",
             actors=["Military Forces of Russia"]),
        make("cl-capture", "claim", [_member(kyiv, "C3", source="Government of Russia", stance="assert")],
             independent_sources=1),
        make("ev-evac", "event", [_member(wire, "E1")], independent_sources=1, event_type="Displacement",
             sub_event_type="Evacuation", date="2024-10-19", place="Zaporizhzhia", admin1="Zaporizhzhia Oblast",
             country="UA", precision="exact"),
        make("cl-evac", "claim", [_member(wire, "C1", source="officials", stance="assert")], independent_sources=1),
        make("cl-air", "claim", [_member(wire, "C2", source="Volodymyr Zelensky", stance="assert")],
             independent_sources=1),
        make("ev-old", "event", [_member(old, "E1")], independent_sources=1, event_type="Battles",
             sub_event_type="Armed clash", date="2024-09-01", date_granularity="day", place="Pokrovsk",
             admin1="Donetsk Oblast", country="UA", precision="near"),
    ]


def fill(store: SQLiteStore) -> None:
    records = [kyiv_record(), wire_record(), old_record()]
    store.add_batch([r.article for r in records], "test")
    store.put_records(records, "test")
    store.put_clusters(clusters(*records))
