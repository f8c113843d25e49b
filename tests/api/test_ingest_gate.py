"""POST /api/ingest: off unless [api] ingest_token is set (404); then 401 without a bearer token, 403 with a
wrong one; with the right one the documents are stored through the run layer, each bad one with its reason."""

from __future__ import annotations

from api_ledger import ClientFactory

TOKEN = "s3cret-token"
DOCUMENT = {"id": "u1", "outlet": "Example News", "published": "2024-10-21", "title": "Drones over Odesa",
            "text": "Russian drones attacked the port of Odesa overnight, the regional governor said on Monday. "
                    "Air defences shot down most of them, the Ukrainian air force said."}


def test_ingest_is_off_by_default(make_client: ClientFactory) -> None:
    reply = make_client().post("/api/ingest", json={"documents": [DOCUMENT]},
                               headers={"Authorization": f"Bearer {TOKEN}"})
    assert reply.status_code == 404 and "ingest is off" in reply.json()["detail"]


def test_a_missing_token_is_401_and_a_wrong_one_403(make_client: ClientFactory) -> None:
    client = make_client(copy=True, ingest_token=TOKEN)
    missing = client.post("/api/ingest", json={"documents": [DOCUMENT]})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/ingest", json={"documents": [DOCUMENT]}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and "not [api] ingest_token" in wrong.json()["detail"]
    assert client.get("/api/counts").json()["counts"]["articles"] == 3


def test_with_the_token_documents_are_stored_and_bad_ones_named(make_client: ClientFactory) -> None:
    client = make_client(copy=True, ingest_token=TOKEN)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    reply = client.post("/api/ingest", headers=auth, json={"documents": [
        DOCUMENT, {"id": "u2", "text": "Too short."},
        {"id": "u3", "text": "Дрони атакували порт Одеси вночі, повідомив губернатор області у понеділок зранку."}]})
    assert reply.status_code == 200, reply.text
    result = reply.json()
    assert (result["stored"], result["failed"], result["skipped"]) == (1, 1, 1)
    reasons = {p["status"]: p["reason"] for p in result["problems"]}
    assert reasons["error"] == "missing_text" and reasons["skipped"].startswith("language")
    (stored,) = client.get("/api/articles", params={"outlet": "Example News"}).json()["rows"]
    assert stored["title"] == "Drones over Odesa" and stored["published"] == "2024-10-21"
    again = client.post("/api/ingest", headers=auth, json={"documents": [DOCUMENT]}).json()
    assert (again["stored"], again["unchanged"]) == (0, 1)


def test_an_ingest_body_is_bounded_by_its_own_setting(make_client: ClientFactory) -> None:
    client = make_client(copy=True, ingest_token=TOKEN, max_ingest_bytes=500)
    reply = client.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"documents": [DOCUMENT, DOCUMENT, DOCUMENT]})
    assert reply.status_code == 413 and "max_ingest_bytes" in reply.json()["detail"]
    empty = client.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"}, json={"documents": []})
    assert empty.status_code == 422 and "documents" in empty.json()["detail"]
