"""Each filter of the list endpoints is the store's filter: date, region, actor, type, status, stance, text."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _rows(client: TestClient, path: str, **params: object) -> list[dict]:
    reply = client.get(path, params=params)
    assert reply.status_code == 200, reply.text
    return reply.json()["rows"]


def test_claims_by_stance_source_verification_article_and_date(client: TestClient) -> None:
    denials = _rows(client, "/api/claims", stance="deny")
    assert {(r["article_id"], r["source"], r["content"]) for r in denials} == {
        ("seed", "Government of Russia", "those claims"), ("kyivpost", "Government of Russia", "those claims")}
    assert {r["article_id"] for r in _rows(client, "/api/claims", source="ZELENSK")} == {"seed", "kyivpost"}
    unverified = _rows(client, "/api/claims", verification="unverified")
    assert {r["claim_id"] for r in unverified} == {"C1"} and len(unverified) == 2
    assert [r["claim_id"] for r in _rows(client, "/api/claims", article_id="donetsk")] == ["C1"]
    assert {r["article_id"] for r in _rows(client, "/api/claims", since="2024-10-15")} == {"donetsk"}
    assert {r["article_id"] for r in _rows(client, "/api/claims", until="2024-10-14")} == {"seed", "kyivpost"}


def test_events_by_region_actor_type_and_date(client: TestClient) -> None:
    assert [r["article_id"] for r in _rows(client, "/api/events", region="donetsk")] == ["donetsk"]
    assert len(_rows(client, "/api/events", region="Kharkiv Oblast")) == 2
    assert len(_rows(client, "/api/events", actor="military forces of russia")) == 3
    assert _rows(client, "/api/events", actor="Ukraine") == []
    assert len(_rows(client, "/api/events", type="Shelling/artillery/missile attack")) == 3
    assert _rows(client, "/api/events", type="Protests") == []
    assert [r["event_date"] for r in _rows(client, "/api/events", since="2024-10-15")] == ["2024-10-18"]
    assert {r["article_id"] for r in _rows(client, "/api/events", until="2024-10-17")} == {"seed", "kyivpost"}


def test_clusters_by_kind_status_region_size_and_article(client: TestClient) -> None:
    events = _rows(client, "/api/clusters", kind="event")
    assert {r["place"] for r in events} == {"Kharkiv", "Pokrovsk"}
    (denied,) = _rows(client, "/api/clusters", status="denied")
    assert "artillery shells" in denied["label"] and denied["kind"] == "claim"
    assert [r["place"] for r in _rows(client, "/api/clusters", region="donetsk")] == ["Pokrovsk"]
    assert all(r["size"] >= 2 for r in _rows(client, "/api/clusters", min_size=2))
    assert len(_rows(client, "/api/clusters", article_id="donetsk")) == 2
    assert [r["date"] for r in _rows(client, "/api/clusters", kind="event", since="2024-10-15")] == ["2024-10-18"]


def test_articles_by_outlet_and_date_without_their_text(client: TestClient) -> None:
    (kyiv,) = _rows(client, "/api/articles", outlet="kyiv post")
    assert kyiv["id"] == "kyivpost" and "text" not in kyiv and kyiv["published"] == "2024-10-14"
    assert [r["id"] for r in _rows(client, "/api/articles", since="2024-10-15")] == ["donetsk"]


def test_one_article_its_record_and_one_cluster(client: TestClient) -> None:
    article = client.get("/api/articles/seed").json()
    assert article["outlet"] == "RFE/RL" and "North Korea has sent soldiers" in article["text"]
    record = client.get("/api/articles/seed/record").json()
    claim = record["claims"][0]
    assert article["text"][claim["content"]["start"]:claim["content"]["end"]] == claim["content"]["text"]
    assert record["places"][0]["place"]["lat"] == 49.98
    (row,) = _rows(client, "/api/clusters", kind="event", region="Kharkiv")
    cluster = client.get(f"/api/clusters/{row['id']}").json()
    assert sorted(cluster["members"]) == ["kyivpost/E1", "seed/E1"]
    assert (cluster["latitude"], cluster["longitude"]) == (49.98, 36.25)
    assert {m["evidence"]["article_id"] for m in cluster["detail"]} == {"seed", "kyivpost"}
    assert client.get(f"/api/clusters/{row['id'][:6]}").json()["id"] == row["id"]  # a unique prefix
    history = client.get(f"/api/clusters/{row['id']}/history").json()["rows"]
    assert {h["action"] for h in history} >= {"create"}


def test_places_tally_the_regions_and_countries_of_events(client: TestClient) -> None:
    places = client.get("/api/places").json()
    assert places["regions"] == [{"name": "Kharkiv Oblast", "events": 2}, {"name": "Donetsk Oblast", "events": 1}]
    assert places["countries"] == [{"name": "UA", "events": 3}]


def test_search_finds_claims_events_clusters_and_articles_by_their_words(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "ARTILLERY shells"}).json()
    assert {r["claim_id"] for r in found["claims"]["rows"]} == {"C2"} and len(found["claims"]["rows"]) == 2
    assert [r["status"] for r in found["clusters"]["rows"]] == ["denied"]
    assert found["events"]["rows"] == [] and found["articles"]["rows"] == []
    places = client.get("/api/search", params={"q": "pokrovsk"}).json()
    assert [r["article_id"] for r in places["events"]["rows"]] == ["donetsk"]
    assert [r["place"] for r in places["clusters"]["rows"]] == ["Pokrovsk"]
    assert [r["id"] for r in client.get("/api/search", params={"q": "shelled"}).json()["articles"]["rows"]] == [
        "donetsk"]
    literal = client.get("/api/search", params={"q": "%"}).json()
    assert all(not literal[kind]["rows"] for kind in ("claims", "events", "clusters", "articles"))
    assert client.get("/api/claims", params={"q": "pyongyang", "limit": 1}).json()["next"] is not None


def test_counts_are_the_store_s(client: TestClient) -> None:
    counts = client.get("/api/counts").json()["counts"]
    assert (counts["articles"], counts["claims"], counts["events"], counts["clusters"]) == (3, 7, 3, 5)


def test_claims_by_their_clusters_status_before_paging(client: TestClient) -> None:
    """The status filter is the store's, applied before the page is cut: a page of one holds a claim of that
    status, not the first claim of the list, filtered away."""
    (denied,) = _rows(client, "/api/cluster-bodies", status="denied")
    by_status = _rows(client, "/api/claims", status="denied", limit=100)
    assert {f"{r['article_id']}/{r['claim_id']}" for r in by_status} == set(denied["members"])
    assert ("Government of Russia", "those claims") in {(r["source"], r["content"]) for r in by_status}
    first = _rows(client, "/api/claims", status="denied", limit=1)
    assert len(first) == 1 and first[0] in by_status and first[0] != _rows(client, "/api/claims", limit=1)[0]
    lone = _rows(client, "/api/claims", status="single_source", limit=100)
    assert lone and not {r["claim_id"] + r["article_id"] for r in lone} & {r["claim_id"] + r["article_id"]
                                                                           for r in by_status}
    assert len(lone) + len(by_status) <= len(_rows(client, "/api/claims", limit=100))
    assert client.get("/api/claims", params={"status": "doubtful"}).status_code == 422
