"""The API tests' ledger, made by hand: three articles (two outlets reporting the seed's claims and a
strike on Kharkiv, a third on a Donetsk strike), their records, and the clusters the run layer's fusion makes of
them, in a SQLite store in a temporary folder. Clients over it with the default options or with given ones."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from fastapi.testclient import TestClient

from sitroom.ingest import content_hash
from sitroom.model import (
    Actor, Article, Claim, Event, Evidence, Place, PlaceMention, Record, TimeExpression, VerificationNote,
)
from sitroom.run.batch import fuse_store
from sitroom.store import SQLiteStore

ZELENSKIY = "North Korea has sent soldiers and weapons to Russia"
SHELLS = "Pyongyang supplies artillery shells and short-range missiles to Moscow"
STRIKE = "A Russian missile strike hit Kharkiv on Sunday, killing three people."
DONETSK = "Shelling hit Pokrovsk in Donetsk Oblast on Friday, killing two civilians."
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class Text:
    """An article's text built sentence by sentence, giving the Evidence of any words in it."""

    def __init__(self, article_id: str, sentences: list[str]) -> None:
        self.article_id = article_id
        self.text = "\n\n".join(sentences)

    def ev(self, words: str, after: int = 0) -> Evidence:
        start = self.text.index(words, after)
        return Evidence(self.article_id, start, start + len(words), text=words)


KHARKIV = Place("geonames:706483", "Kharkiv", "PPLA", "UA", "Kharkiv Oblast", lat=49.98, lon=36.25)
POKROVSK = Place("geonames:704508", "Pokrovsk", "PPL", "UA", "Donetsk Oblast", lat=48.28, lon=37.18)


def seed_record(article_id: str, outlet: str, speaker: str, published: str = "2024-10-14") -> Record:
    """The seed's shape: Zelenskiy's claim, the intelligence service's claim the Kremlin denies, a strike."""
    text = Text(article_id, [
        f"{speaker} said {ZELENSKIY}.",
        f"South Korean intelligence said {SHELLS}.",
        "The Kremlin denied those claims.",
        STRIKE,
        f"Reporting by {outlet}. {HOSTILE}",
    ])
    article = Article(id=article_id, text=text.text, title=f"{outlet} on North Korea", outlet=outlet,
                      published=published, content_hash=content_hash(text.text), url=f"https://{outlet}.example/a")
    actors = [Actor("A1", speaker, "person", country="UA"),
              Actor("A2", "Military Forces of Russia", "military", country="RU"),
              Actor("A3", "South Korean intelligence service", "organization", country="KR"),
              Actor("A4", "Government of Russia", "government", country="RU")]
    claims = [
        Claim("C1", "A1", text.ev(speaker), text.ev("said"), text.ev(ZELENSKIY), stance="assert",
              verification=[VerificationNote("unverified", text.ev(ZELENSKIY))]),
        Claim("C2", "A3", text.ev("South Korean intelligence"), text.ev("said", text.text.index("South")),
              text.ev(SHELLS)),
        Claim("C3", "A4", text.ev("The Kremlin"), text.ev("denied"), text.ev("those claims"), stance="deny",
              target_claim="C2"),
    ]
    places = [PlaceMention("P1", text.ev("Kharkiv"), KHARKIV, "exact")]
    times = [TimeExpression("T1", text.ev("on Sunday"), start=published, end=published, granularity="day")]
    events = [Event("E1", text.ev("strike"), event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack", actor1="A2", places=["P1"], time="T1",
                    evidence=text.ev(STRIKE))]
    return Record(article=article, actors=actors, claims=claims, events=events, places=places, times=times)


def donetsk_record() -> Record:
    text = Text("donetsk", [DONETSK, "Ukraine's General Staff reported the attack."])
    article = Article(id="donetsk", text=text.text, title="Pokrovsk shelled", outlet="Ukrainska Pravda",
                      published="2024-10-20", content_hash=content_hash(text.text))
    actors = [Actor("A1", "Military Forces of Russia", "military", country="RU"),
              Actor("A2", "General Staff of Ukraine", "military", country="UA")]
    claims = [Claim("C1", "A2", text.ev("Ukraine's General Staff"), text.ev("reported"), text.ev("the attack"))]
    places = [PlaceMention("P1", text.ev("Pokrovsk"), POKROVSK, "exact")]
    times = [TimeExpression("T1", text.ev("on Friday"), start="2024-10-18", end="2024-10-18", granularity="day")]
    events = [Event("E1", text.ev("Shelling"), event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack", actor1="A1", places=["P1"], time="T1",
                    evidence=text.ev(DONETSK))]
    return Record(article=article, actors=actors, claims=claims, events=events, places=places, times=times)


def ledger_records() -> list[Record]:
    return [seed_record("seed", "RFE/RL", "Volodymyr Zelenskiy"),
            seed_record("kyivpost", "Kyiv Post", "Volodymyr Zelensky"),
            donetsk_record()]


def fill(store: SQLiteStore, records: list[Record]) -> None:
    """Articles, their records and the clusters, as ingest, extract and fuse store them."""
    store.add_batch([dataclasses.replace(r.article) for r in records], run="test")
    result = store.put_records(records, pipeline="test")
    assert result.stored == len(records)
    fuse_store(store)


# make_client(copy=False, **[api] options) -> a TestClient over the ledger (a fresh copy of it with copy=True).
ClientFactory = Callable[..., TestClient]
