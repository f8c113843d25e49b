from __future__ import annotations

import sqlite3

import pytest

from sitroom.model import (
    Actor, Article, Claim, Event, Evidence, IngestError, PlaceMention, Place, Record, Skipped, TimeExpression,
)
from sitroom.store import SQLiteStore, open_store
from sitroom.store.base import ArticleFilter, EventFilter
from sitroom.store.sqlite import migrations


def article(i: int, text: str = "Body text", **kw) -> Article:
    return Article(id=f"id{i:03d}", text=f"{text} {i}", title=f"T{i}", content_hash=f"h{text}{i}", **kw)


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        yield s


def test_schema_is_migrated_to_the_last_version(store):
    assert store.schema_version == migrations()[-1][0]
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_migrate_twice(tmp_path):
    SQLiteStore(tmp_path / "s.db").close()
    with SQLiteStore(tmp_path / "s.db") as again:
        assert again.schema_version == migrations()[-1][0]


def test_same_articles_twice_changes_nothing(store):
    first = store.add_batch([article(1), article(2)], "r1")
    counts = store.counts()
    second = store.add_batch([article(1), article(2)], "r2")
    assert (first.stored, second.stored, second.unchanged) == (2, 0, 2)
    assert store.counts() == counts


def test_changed_text_at_same_id_is_a_new_version(store):
    store.add_batch([article(1)], "r1")
    result = store.add_batch([article(1, text="Corrected")], "r2")
    assert result.updated == 1
    current = store.article("id001")
    assert current.version == 2 and current.text.startswith("Corrected")
    assert store.counts()["article_versions"] == 1


def test_an_earlier_version_seen_again_changes_nothing(store):
    store.add_batch([article(1), article(1, text="Corrected")], "r1")
    counts = store.counts()
    again = store.add_batch([article(1), article(1, text="Corrected")], "r2")
    assert (again.unchanged, again.updated) == (2, 0)
    assert store.counts() == counts and store.article("id001").text.startswith("Corrected")


def test_problems_are_logged_once_per_item_with_their_reason(store):
    bad = IngestError(source="a.bin", reason="binary", detail="NUL bytes")
    skipped = Skipped(source="b.txt", reason="language", detail="detected de")
    result = store.add_batch([article(1), bad, skipped], "r1")
    store.add_batch([bad], "r2")
    assert (result.stored, result.failed, result.skipped) == (1, 1, 1)
    rows = store.problems()
    assert [(r["source"], r["reason"], r["status"]) for r in rows] == [
        ("a.bin", "binary", "error"), ("b.txt", "language", "skipped")
    ]
    assert rows[0]["run"] == "r2"


def test_a_failed_batch_stores_nothing(store):
    class Boom(Exception):
        pass

    def items():
        yield article(1)
        raise Boom

    with pytest.raises(Boom):
        store.add_batch(items(), "r1")
    assert store.counts()["articles"] == 0


def test_article_filters_and_prefix_lookup(store):
    store.add_batch(
        [article(1, outlet="Kremlin", published="2022-03-01"), article(2, outlet="President of Ukraine",
                                                                       published="2022-04-01")], "r")
    assert [a.id for a in store.articles(ArticleFilter(outlet="ukraine"))] == ["id002"]
    assert [a.id for a in store.articles(ArticleFilter(since="2022-03-15"))] == ["id002"]
    assert [a.id for a in store.articles(ArticleFilter(until="2022-03-01"))] == ["id001"]
    assert store.article("id00") is None  # ambiguous prefix
    assert store.article("id002").title == "T2"


def _record(a: Article) -> Record:
    ev = lambda s, e: Evidence(a.id, s, e, 0, a.text[s:e])  # noqa: E731
    return Record(
        article=a,
        actors=[Actor(id="A1", name="Government of Russia", kind="government")],
        claims=[Claim(id="C1", source="A1", source_mention=ev(0, 4), cue=ev(5, 9), content=ev(10, 14), stance="deny")],
        times=[TimeExpression(id="T1", evidence=ev(0, 4), value="2022-03-02", start="2022-03-02", end="2022-03-02")],
        places=[PlaceMention(id="P1", evidence=ev(0, 4), place=Place(id="geonames:1", name="Kharkiv", country="UA",
                                                                      admin1="Kharkivska"), precision="exact")],
        events=[Event(id="E1", trigger=ev(5, 9), event_type="Explosions/Remote violence", actor1="A1", places=["P1"],
                      time="T1")],
    )


def test_records_round_trip_and_feed_the_listings(store):
    a = article(1, text="Body text of some length")
    store.add_batch([a], "r")
    assert store.ids_to_extract("p1") == ["id001"]
    store.put_records([_record(store.article("id001"))], "p1")
    assert store.ids_to_extract("p1") == []
    assert store.ids_to_extract("p2") == ["id001"]  # another pipeline re-extracts
    assert store.record("id001") == _record(store.article("id001"))
    (claim,) = store.claims(stance="deny")
    assert claim["source"] == "Government of Russia"
    (event,) = store.events(EventFilter(region="kharkiv", since="2022-03-01"))
    assert event["event_date"] == "2022-03-02" and event["location"] == "Kharkiv"
    assert store.events(EventFilter(actor="ukraine")) == []


def test_tally_counts_values_and_refuses_unknown_columns(store):
    store.add_batch([article(1)], "r")
    store.put_records([_record(store.article("id001"))], "p1")
    assert store.tally("claims", "stance") == [("deny", 1)]
    with pytest.raises(ValueError):
        store.tally("claims", "content; DROP TABLE claims")


def test_new_version_drops_the_stale_record(store):
    store.add_batch([article(1)], "r")
    store.put_records([_record(store.article("id001"))], "p1")
    store.add_batch([article(1, text="Changed")], "r2")
    assert store.record("id001") is None and store.claims() == []
    assert store.ids_to_extract("p1") == ["id001"]


def test_open_store_refuses_unbuilt_backends(tmp_path):
    with pytest.raises(NotImplementedError):
        open_store("postgresql://localhost/sitroom")
    assert isinstance(open_store(str(tmp_path / "x.db")), SQLiteStore)


def test_database_passes_integrity_check(store):
    store.add_batch([article(i) for i in range(50)], "r")
    assert store.integrity() == "ok"
    assert isinstance(store.db, sqlite3.Connection)
