"""POST /api/annotate: text in, the Record JSON out, as `sitroom annotate --json` prints it; a body over
[api] max_annotate_bytes is a 413 saying so before any of it is read whole; what is not a document is a 422."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api_ledger import ClientFactory

NEWS = ("Zelenskiy says North Korea sent troops\n\n"
        "Ukrainian President Volodymyr Zelenskiy said on Sunday that North Korea has sent soldiers to Russia. "
        "The Kremlin denied the reports on Monday.\n")


def test_a_body_over_the_limit_is_413_naming_the_setting(make_client: ClientFactory) -> None:
    client = make_client(max_annotate_bytes=1_000)
    reply = client.post("/api/annotate", json={"text": "x" * 2_000})
    assert reply.status_code == 413
    assert reply.json()["detail"] == "the request body is over 1,000 bytes ([api] max_annotate_bytes)"


def test_a_streamed_body_without_a_length_is_cut_at_the_limit(make_client: ClientFactory) -> None:
    client = make_client(max_annotate_bytes=1_000)

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"y" * 100
        yield b'"}'

    reply = client.post("/api/annotate", content=chunks(), headers={"content-type": "application/json"})
    assert reply.status_code == 413 and "max_annotate_bytes" in reply.json()["detail"]


def test_a_body_that_is_not_json_text_is_422(make_client: ClientFactory) -> None:
    reply = make_client().post("/api/annotate", content=b"\xff\xfe{", headers={"content-type": "application/json"})
    assert reply.status_code == 422 and reply.json()["detail"].startswith("body: ")


def test_a_false_content_length_is_400(make_client: ClientFactory) -> None:
    reply = make_client().post("/api/annotate", content=b"{}", headers={"content-length": "lots",
                                                                           "content-type": "application/json"})
    assert reply.status_code == 400 and "Content-Length is not a number" in reply.json()["detail"]


@pytest.mark.parametrize("body, words", [
    ({}, "text: Field required"),
    ({"text": ""}, "text: String should have at least 1 character"),
    ({"text": "hello", "colour": "red"}, "colour: Extra inputs are not permitted"),
    ({"text": "hello", "format": "pdf"}, "format: Input should be 'txt' or 'html'"),
    ({"text": NEWS, "published": "last week"}, "published: not an ISO 8601 date or datetime: 'last week'"),
    ({"text": "   \n\n  "}, "text: not read: missing_text"),
    ({"text": "Too short."}, "text: not read: missing_text (10 characters of body text after cleaning, under"),
])
def test_what_is_not_a_document_is_422_with_the_reader_s_reason(make_client: ClientFactory, body: dict,
                                                                 words: str) -> None:
    reply = make_client().post("/api/annotate", json=body)
    assert reply.status_code == 422, reply.text
    assert words in reply.json()["detail"]


def test_a_news_text_comes_back_as_its_record_with_the_metadata_given(make_client: ClientFactory) -> None:
    client = make_client()
    reply = client.post("/api/annotate", json={"text": NEWS, "published": "2024-10-14", "outlet": "RFE/RL"})
    assert reply.status_code == 200, reply.text
    record = reply.json()
    article = record["article"]
    assert article["title"] == "Zelenskiy says North Korea sent troops" and article["outlet"] == "RFE/RL"
    assert article["published"] == "2024-10-14"
    actors = {a["id"]: a["name"] for a in record["actors"]}
    sources = {actors.get(c["source"], "") for c in record["claims"]}
    assert any("Zelenskiy" in name for name in sources), record["claims"]
    for claim in record["claims"]:
        content = claim["content"]
        assert article["text"][content["start"]:content["end"]] == content["text"]
    service = client.app.state.service
    first, _ = service.pipeline()
    again = client.post("/api/annotate", json={"text": NEWS})
    assert again.status_code == 200 and service.pipeline()[0] is first  # loaded once, kept
    assert client.get("/api/counts").json()["counts"]["articles"] == 3  # nothing stored


def test_html_is_read_as_a_page(make_client: ClientFactory) -> None:
    page = ("<html><head><title>Strike on Kharkiv</title></head><body><article><h1>Strike on Kharkiv</h1>"
            "<p>A Russian missile strike hit Kharkiv on Sunday, killing three people, the regional governor said."
            "</p><p>Rescue teams worked through the night to clear the rubble of the apartment block.</p>"
            "</article></body></html>")
    reply = make_client().post("/api/annotate", json={"text": page, "format": "html"})
    assert reply.status_code == 200, reply.text
    text = reply.json()["article"]["text"]
    assert "missile strike hit Kharkiv" in text and "<p>" not in text
