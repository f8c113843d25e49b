"""The HTML report: autoescaped, so an article's `<script>` or `onerror=` is text on the page, never markup; no
script of its own, a Content-Security-Policy that forbids any, and links only to evidence and http(s) sources."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from sitroom.brief import BriefError, BriefRequest, build, render
from sitroom.brief.html import safe_url

OCTOBER = BriefRequest("2024-10-01", "2024-10-31")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data) -> None:
        self.text.append(data)


def _page(ledger) -> tuple[str, _Page]:
    text = render(build(ledger, OCTOBER), "html")
    page = _Page()
    page.feed(text)
    return text, page


def test_article_markup_is_text_on_the_page(ledger) -> None:
    text, page = _page(ledger)
    assert "script" not in page.tags and "img" not in page.tags
    assert not any(name.startswith("on") for name, _ in page.attributes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x onerror=alert(3)&gt;" in text
    words = html.unescape("".join(page.text))
    assert "<script>alert(1)</script> more *air defence* [systems](javascript:alert(2)) &" in words


def test_links_go_to_evidence_anchors_and_http_sources_only(ledger) -> None:
    _, page = _page(ledger)
    hrefs = [value for name, value in page.attributes if name == "href"]
    assert hrefs and all(h.startswith(("/#article=", "#item-", "https://")) for h in hrefs)
    assert "/#article=kyiv&start=125&end=135" in hrefs and "#item-ev-strike" in hrefs


def test_the_page_has_a_policy_against_scripts(ledger) -> None:
    text, page = _page(ledger)
    assert "script-src 'none'" in text and "default-src 'none'" in text
    assert page.tags[:2] == ["html", "head"]


def test_the_page_says_what_the_markdown_says(ledger) -> None:
    _, page = _page(ledger)
    words = html.unescape(" ".join(page.text))
    assert "Denied by Government of Russia (as “The Kremlin”) (“denied”), reported by Kyiv Independent" in words
    assert "evacuated: about 1,500 people (civilians) (approximate, “about”)" in words
    assert "Claims in dispute" in words and "Kyiv Independent · kyiv · sentence 2 · chars 125-135" in words


def test_unsafe_source_urls_are_not_links() -> None:
    assert safe_url("javascript:alert(1)") == "" and safe_url(" data:text/html,x") == ""
    assert safe_url("https://example.org/a") == "https://example.org/a"


def test_an_unknown_format_is_refused(ledger) -> None:
    with pytest.raises(BriefError, match="format must be one of md, html"):
        render(build(ledger, OCTOBER), "pdf")
