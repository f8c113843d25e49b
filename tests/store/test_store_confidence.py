"""Event and cluster confidence in the store: kept beside each row, filtered on (min_confidence), NULL where it
was never scored, and backfilled from the stored JSON when an older store is upgraded. Every backend."""

from __future__ import annotations

import sqlite3

from sitroom.model import Article, Cluster, ClusterMember, Event, Evidence, Record
from sitroom.store import open_store
from sitroom.store.base import ClusterFilter, EventFilter


def _record(article: Article) -> Record:
    events = [Event(id=f"E{i}", trigger=Evidence(article.id, 0, 4, text="Body"), event_type="Battles",
                    confidence=value) for i, value in enumerate((0.45, 0.6, 0.85, None))]
    return Record(article=article, events=events)


def _cluster(i: int, confidence: float | None, kind: str = "event") -> Cluster:
    member = f"a1/E{i}"
    return Cluster(id=f"{kind[:2]}-{i:03d}", kind=kind, members=[member], label=f"cluster {i}", date="2022-03-02",
                   detail=[ClusterMember(member, Evidence("a1", 0, 4, text="Body"))], confidence=confidence)


def _fill(location: str) -> None:
    with open_store(location) as store:
        store.add_batch([Article(id="a1", text="Body text", content_hash="h1")], "r")
        store.put_records([_record(store.article("a1"))], "p")
        store.put_clusters([_cluster(0, 0.45), _cluster(1, 0.6), _cluster(2, None), _cluster(3, None, "claim")])


def test_rows_carry_it_and_min_confidence_keeps_those_at_or_above(any_store_location: str) -> None:
    _fill(any_store_location)
    with open_store(any_store_location) as store:
        assert [e.confidence for e in store.iter_events()] == [0.45, 0.6, 0.85, None]
        assert [e.event_id for e in store.iter_events(EventFilter(min_confidence=0.6))] == ["E1", "E2"]
        assert [e.event_id for e in store.iter_events(EventFilter(min_confidence=0.9))] == []
        rows = {r.id: r.confidence for r in store.iter_clusters()}
        assert rows == {"ev-000": 0.45, "ev-001": 0.6, "ev-002": None, "cl-003": None}
        assert [r.id for r in store.iter_clusters(ClusterFilter(min_confidence=0.5))] == ["ev-001"]
        bodies = store.cluster_bodies_page(ClusterFilter(min_confidence=0.4)).rows
        assert sorted((c.id, c.confidence) for c in bodies) == [("ev-000", 0.45), ("ev-001", 0.6)]


def test_an_older_sqlite_store_is_backfilled_from_its_json(tmp_path) -> None:
    path = str(tmp_path / "old.db")
    _fill(path)
    db = sqlite3.connect(path)  # as the store was before migration 0008
    db.executescript("ALTER TABLE events DROP COLUMN confidence; ALTER TABLE clusters DROP COLUMN confidence;"
                     " PRAGMA user_version = 7;")
    db.close()
    with open_store(path) as store:
        assert store.schema_version == 8
        assert [e.confidence for e in store.iter_events()] == [0.45, 0.6, 0.85, None]
        assert [r.id for r in store.iter_clusters(ClusterFilter(min_confidence=0.5))] == ["ev-001"]
