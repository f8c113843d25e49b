"""Errors are JSON with a specific message: 404 for an unknown id or path, 422 for a bad parameter or cursor,
never a 500 for what a client sends."""

from __future__ import annotations

import base64
import json

import pytest
from fastapi.testclient import TestClient


def _cursor(key: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


@pytest.mark.parametrize("path, words", [
    ("/api/articles/nosuch", "no article 'nosuch'"),
    ("/api/articles/nosuch/record", "no article 'nosuch'"),
    ("/api/clusters/cl-000000", "no cluster 'cl-000000'"),
    ("/api/clusters/nosuch/history", "no cluster 'nosuch'"),
    ("/api/nothing", "no such path: /api/nothing"),
])
def test_unknown_ids_and_paths_are_404_naming_them(client: TestClient, path: str, words: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 404 and reply.headers["content-type"] == "application/json"
    assert words in reply.json()["detail"]


def test_an_ambiguous_prefix_is_not_found_rather_than_a_guess(client: TestClient) -> None:
    assert client.get("/api/clusters/cl-").status_code == 404  # three claim clusters start so


@pytest.mark.parametrize("params, words", [
    ({"limit": 0}, "limit: Input should be greater than or equal to 1"),
    ({"limit": "many"}, "limit: Input should be a valid integer"),
    ({"stance": "shout"}, "stance: Input should be 'assert', 'deny', 'no_comment' or 'retract'"),
    ({"since": "yesterday"}, "since: Value error, an ISO day is YYYY-MM-DD"),
    ({"since": "2024-13-01"}, "since: Input should be a valid date"),
    ({"until": "0.0"}, "until: Value error, an ISO day is YYYY-MM-DD"),  # not a Unix time
    ({"until": "20241014"}, "until: Value error, an ISO day is YYYY-MM-DD"),
    ({"verification": "likely"}, "verification: Input should be"),
    ({"source": "x" * 201}, "source: String should have at most 200 characters"),
    ({"after": "not-a-cursor"}, "after: not a cursor this store gave out"),
    ({"after": _cursor(["2024", "a", 1])}, "after: not a cursor this store gave out"),  # one value short
    ({"after": _cursor([{"x": 1}, [], 1, "C1"])}, "after: not a cursor this store gave out"),
    ({"after": _cursor(["", "a", 2**70, "C1"])}, "after: not a cursor this store gave out"),
])
def test_bad_parameters_are_422_naming_the_parameter(client: TestClient, params: dict, words: str) -> None:
    reply = client.get("/api/claims", params=params)
    assert reply.status_code == 422, reply.text
    assert words in reply.json()["detail"]


def test_a_422_lists_every_bad_parameter(client: TestClient) -> None:
    reply = client.get("/api/clusters", params={"kind": "both", "min_size": -1})
    errors = reply.json()["errors"]
    assert reply.status_code == 422 and {e["where"] for e in errors} == {"kind", "min_size"}


def test_search_needs_words(client: TestClient) -> None:
    assert "q: Field required" in client.get("/api/search").json()["detail"]
    assert "q: String should match pattern" in client.get("/api/search", params={"q": "  \n "}).json()["detail"]


def test_the_wrong_method_is_405_and_a_body_to_a_read_endpoint_is_bounded(client: TestClient) -> None:
    reply = client.delete("/api/claims")
    assert reply.status_code == 405 and reply.json()["detail"] == "DELETE is not allowed on /api/claims"
    big = client.request("GET", "/api/claims", content=b"x" * 20_000)
    assert big.status_code == 413 and "max_body_bytes" in big.json()["detail"]


def test_a_fault_of_the_server_is_still_json_naming_it(make_client) -> None:
    client = make_client()
    client.app.state.service.store.close()  # the connection gone under the API: not the client's doing
    with TestClient(client.app, raise_server_exceptions=False) as quiet:
        reply = quiet.get("/api/counts")
    assert reply.status_code == 500 and reply.headers["content-type"] == "application/json"
    assert "internal error on /api/counts: ProgrammingError" in reply.json()["detail"]


def test_a_reply_that_does_not_start_in_time_is_504(make_client) -> None:
    import time

    client = make_client(request_timeout_s=0.2)
    store = client.app.state.service.store
    real = store.counts
    store.counts = lambda: (time.sleep(1.0), real())[1]  # a store call slower than the limit
    reply = client.get("/api/counts")
    assert reply.status_code == 504 and reply.headers["content-type"] == "application/json"
    assert reply.json()["detail"] == "no reply within 0.2 s ([api] request_timeout_s or write_timeout_s)"
    time.sleep(1.0)  # the slow call still holds the store until it ends (a thread cannot be stopped) ...
    assert client.get("/api/claims", params={"limit": 1}).status_code == 200  # ... then the next one is answered
