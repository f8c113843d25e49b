"""?min_confidence= on the events and cluster lists (and the exports): each row carries its confidence, the filter
keeps those at or above it, an unscored one does not meet it, and a value outside 0-1 is a 422."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.config import Config
from sitroom.model import Article, Cluster, ClusterMember, Event, Evidence, Record
from sitroom.store import SQLiteStore

SCORES = (0.45, 0.6, 0.85, None)


@pytest.fixture
def client(tmp_path) -> Iterator[TestClient]:
    store = SQLiteStore(str(tmp_path / "api.db"))
    store.add_batch([Article(id="a1", text="Body text", outlet="Reuters", content_hash="h1")], "r")
    events = [Event(id=f"E{i}", trigger=Evidence("a1", 0, 4, text="Body"), event_type="Battles", confidence=value)
              for i, value in enumerate(SCORES)]
    store.put_records([Record(article=store.article("a1"), events=events)], "p")
    store.put_clusters([Cluster(id=f"ev-{i}", kind="event", members=[f"a1/E{i}"], label=f"event {i}",
                                date="2022-03-02", detail=[ClusterMember(f"a1/E{i}", Evidence("a1", 0, 4, text="Body"))],
                                confidence=value) for i, value in enumerate(SCORES)]
                       + [Cluster(id="cl-0", kind="claim", members=["a1/C0"], label="claim")])
    yield TestClient(create_app(Config(), store))
    store.close()


def test_event_rows_carry_their_confidence_and_filter_on_it(client: TestClient) -> None:
    rows = client.get("/api/events").json()["rows"]
    assert [r["confidence"] for r in rows] == [0.45, 0.6, 0.85, None]
    kept = client.get("/api/events", params={"min_confidence": 0.6}).json()["rows"]
    assert [r["event_id"] for r in kept] == ["E1", "E2"]


def test_clusters_and_cluster_bodies_filter_alike(client: TestClient) -> None:
    rows = {r["id"]: r["confidence"] for r in client.get("/api/clusters").json()["rows"]}
    assert rows == {"ev-0": 0.45, "ev-1": 0.6, "ev-2": 0.85, "ev-3": None, "cl-0": None}
    listed = client.get("/api/clusters", params={"min_confidence": 0.5}).json()["rows"]
    assert sorted(r["id"] for r in listed) == ["ev-1", "ev-2"]
    bodies = client.get("/api/cluster-bodies", params={"min_confidence": 0.8, "kind": "event"}).json()["rows"]
    assert [(b["id"], b["confidence"]) for b in bodies] == [("ev-2", 0.85)]


def test_pages_resume_under_the_filter(client: TestClient) -> None:
    first = client.get("/api/clusters", params={"min_confidence": 0.4, "limit": 2}).json()
    second = client.get("/api/clusters", params={"min_confidence": 0.4, "limit": 2, "after": first["next"]}).json()
    assert sorted(r["id"] for r in first["rows"] + second["rows"]) == ["ev-0", "ev-1", "ev-2"]
    assert second["next"] is None


@pytest.mark.parametrize("path", ["/api/events", "/api/clusters", "/api/cluster-bodies", "/api/export/clusters"])
def test_a_value_outside_0_to_1_is_refused(client: TestClient, path: str) -> None:
    response = client.get(path, params={"min_confidence": 1.5})
    assert response.status_code == 422 and "min_confidence" in response.text


def test_the_export_takes_it_and_records_refuse_it(client: TestClient) -> None:
    lines = client.get("/api/export/clusters", params={"min_confidence": 0.6}).text.splitlines()
    assert len(lines) == 2
    refused = client.get("/api/export/jsonl", params={"min_confidence": 0.6})
    assert refused.status_code == 422 and "takes no min-confidence" in refused.text
