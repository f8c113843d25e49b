"""Keyset paging through the API: ?limit= and ?after= walk every row once, in the store's order."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api_ledger import ClientFactory


def _walk(client: TestClient, path: str, limit: int) -> tuple[list[dict], int]:
    rows, pages, after = [], 0, None
    while True:
        params = {"limit": limit, **({"after": after} if after else {})}
        reply = client.get(path, params=params)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert len(body["rows"]) <= limit
        rows.extend(body["rows"])
        pages += 1
        after = body["next"]
        if after is None:
            return rows, pages


def test_claims_in_pages_of_two_are_all_the_claims_once_in_order(client: TestClient) -> None:
    whole = client.get("/api/claims").json()
    assert whole["next"] is None and len(whole["rows"]) == 7
    paged, pages = _walk(client, "/api/claims", 2)
    assert pages == 4
    key = [(r["article_id"], r["claim_id"]) for r in whole["rows"]]
    assert [(r["article_id"], r["claim_id"]) for r in paged] == key


def test_every_list_pages_to_the_same_rows_as_one_page(client: TestClient) -> None:
    keys = {"/api/events": ("article_id", "event_id"), "/api/clusters": ("id",), "/api/articles": ("id",)}
    for path, key in keys.items():
        whole = client.get(path).json()["rows"]
        paged, _ = _walk(client, path, 1)
        assert [tuple(r[k] for k in key) for r in paged] == [tuple(r[k] for k in key) for r in whole], path
        assert len(whole) == {"/api/events": 3, "/api/clusters": 5, "/api/articles": 3}[path]


def test_clusters_come_most_members_first(client: TestClient) -> None:
    sizes = [row["size"] for row in client.get("/api/clusters").json()["rows"]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 4


def test_the_default_page_size_is_a_setting_and_the_limit_is_capped(make_client: ClientFactory) -> None:
    client = make_client(default_page_size=2, max_page_size=3, search_page_size=3)
    first = client.get("/api/claims").json()
    assert len(first["rows"]) == 2 and first["next"]
    refused = client.get("/api/claims", params={"limit": 4})
    assert refused.status_code == 422 and "less than or equal to 3" in refused.json()["detail"]


def test_a_cursor_carries_its_filter_s_position_not_a_new_one(client: TestClient) -> None:
    first = client.get("/api/claims", params={"article_id": "seed", "limit": 2}).json()
    rest = client.get("/api/claims", params={"article_id": "seed", "limit": 2, "after": first["next"]}).json()
    assert [r["claim_id"] for r in first["rows"] + rest["rows"]] == ["C1", "C2", "C3"]
    assert {r["article_id"] for r in rest["rows"]} == {"seed"} and rest["next"] is None
