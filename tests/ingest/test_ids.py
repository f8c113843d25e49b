"""Stable ids: canonical URLs, text hashes, versions."""

from __future__ import annotations

from sitroom.ingest import article_from_text, article_id, canonical_url, content_hash

TEXT = "Officials said the power plant had been shut down after the strike, the third this month."


def test_canonical_url_drops_what_does_not_select_content() -> None:
    assert (
        canonical_url("HTTPS://WWW.Example.COM:443/News/Story?id=7&utm_source=x&fbclid=abc#comments")
        == "https://www.example.com/News/Story?id=7"
    )
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("http://example.com:8080/a") == "http://example.com:8080/a"
    assert canonical_url("") == ""


def test_same_url_same_id_and_changed_text_is_a_new_version() -> None:
    first = article_from_text(TEXT, url="https://example.com/a?utm_medium=rss")
    second = article_from_text(TEXT + " Repairs will take weeks.", url="https://example.com/a#top")
    assert first.id == second.id
    assert first.content_hash != second.content_hash


def test_without_url_the_normalized_text_decides() -> None:
    assert article_id(text="A  B\nc") == article_id(text="a b c")
    assert article_id(text="a b c") != article_id(text="a b d")
    assert article_id(url="https://example.com/a").startswith("u")
    assert article_id(text="a b c").startswith("t")


def test_content_hash_is_of_the_exact_text() -> None:
    assert content_hash("a") != content_hash("a ")
    assert len(content_hash("a")) == 64
