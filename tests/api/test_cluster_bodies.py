"""GET /api/cluster-bodies: the /api/clusters list, each cluster in full but for its evidence (the web page's data)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _get(client: TestClient, path: str, **params: object) -> dict:
    reply = client.get(path, params=params)
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_bodies_follow_the_list_and_carry_what_the_map_draws(client: TestClient) -> None:
    rows = _get(client, "/api/clusters", kind="event")["rows"]
    bodies = _get(client, "/api/cluster-bodies", kind="event")["rows"]
    assert [b["id"] for b in bodies] == [r["id"] for r in rows]  # same order, same filter
    for body in bodies:
        full = _get(client, f"/api/clusters/{body['id']}")
        assert full["detail"] and body["detail"] == []  # the evidence stays with /api/clusters/{id}
        assert {k: v for k, v in full.items() if k != "detail"} == {k: v for k, v in body.items() if k != "detail"}
    kharkiv = next(b for b in bodies if b["place"] == "Kharkiv")
    assert kharkiv["precision"] and kharkiv["latitude"] == 49.98 and kharkiv["longitude"] == 36.25
    assert kharkiv["members"] and all("/" in m for m in kharkiv["members"])


def test_bodies_take_the_list_filters_and_cursors(client: TestClient) -> None:
    (denied,) = _get(client, "/api/cluster-bodies", status="denied")["rows"]
    assert denied["kind"] == "claim" and denied["members"]
    everything = _get(client, "/api/cluster-bodies")["rows"]
    first = _get(client, "/api/cluster-bodies", limit=1)
    assert first["next"] and [b["id"] for b in first["rows"]] == [everything[0]["id"]]
    second = _get(client, "/api/cluster-bodies", limit=1, after=first["next"])
    assert [b["id"] for b in second["rows"]] == [everything[1]["id"]]
    assert client.get("/api/cluster-bodies", params={"after": "not-a-cursor"}).status_code == 422
