"""Property tests for the readers: any bytes in, an Article or an IngestError/Skipped with a reason out, never an
exception; every Article's captions, removed lines and source offsets point at the text they name.

``ItemError`` is the documented exception (``read_file`` turns it into the IngestError it carries); ``reader_error``
is the readers' record of an exception nobody foresaw: it keeps the batch going, but a reader
that returns it on generated input has a bug, so it fails these properties too.
"""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.config import IngestOptions
from sitroom.ingest import ItemError, read_bytes
from sitroom.ingest.clean import to_source
from sitroom.ingest.decode import tidy_text
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.text import read_text
from sitroom.model import Article, IngestError, Skipped

# Examples per property: each of these runs in well under two seconds (trafilatura dominates the HTML ones).
TEXT_EXAMPLES = 150
JSONL_EXAMPLES = 150
HTML_EXAMPLES = 60
FEED_EXAMPLES = 60

OPTIONS = IngestOptions(min_text_chars=10, languages=["en"])

SENTENCE = "Officials said on Monday that the shelling of the district continued for a third day."
# Words and pieces that reach the cleaning rules (promos, credits, related links) and the markup parsers.
PIECES = st.sampled_from([
    SENTENCE, "\n", "\n\n", "\r\n", " ", "\t", "SEE ALSO: Another story", "With reporting by AFP and Reuters",
    "Live Briefing: the war", "Photo: AP", "[video]", "[/x]", "<", ">", "&amp;", "&#0;", "\x00", "\ufeff",
    "\u2028", "\x85", "\u200b", "é", "Київ", "🇺🇦", "\ufffd",
])
TEXTS = st.lists(PIECES | st.text(max_size=40), max_size=30).map("".join)


def _check(item: object) -> None:
    """The reader's contract on one item (see the module docstring)."""
    assert isinstance(item, (Article, IngestError, Skipped)), type(item)
    if isinstance(item, Article):
        assert item.text.strip(), "an Article with no text"
        for span in item.captions:
            assert 0 <= span.start < span.end <= len(item.text)
            assert item.text[span.start:span.end] == span.text
    else:
        assert item.reason and item.reason != "reader_error", (item.reason, item.detail)


def _read(data: bytes, fmt: str) -> list[Article | IngestError | Skipped]:
    """``read_bytes`` with its documented ItemError taken as the IngestError ``read_file`` makes of it."""
    try:
        return list(read_bytes(data, fmt, f"prop.{fmt}", OPTIONS))
    except ItemError as error:
        return [error.record(f"prop.{fmt}")]


def _check_offsets(article: Article, source: str) -> None:
    """Removed lines and kept segments map back to the very characters of the text as read."""
    for removed in article.removed:
        assert source[removed.source_start:removed.source_end] == removed.text
    segments = article.extra.get("source_offsets") or [[0, 0, len(article.text)]]
    for clean_start, source_start, length in segments:
        assert article.text[clean_start:clean_start + length] == source[source_start:source_start + length]
        assert to_source(segments, clean_start) == source_start


@settings(max_examples=TEXT_EXAMPLES)
@given(TEXTS)
def test_text_reader_offsets_round_trip(text: str) -> None:
    item = read_text(text, source="prop.txt", options=OPTIONS)
    _check(item)
    if isinstance(item, Article):
        _check_offsets(item, tidy_text(text)[0])  # offsets into the text as decoding left it


@settings(max_examples=TEXT_EXAMPLES)
@given(st.binary(max_size=600) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_as_text(data: bytes) -> None:
    for item in _read(data, "txt"):
        _check(item)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
RECORDS = st.fixed_dictionaries(
    {"text": st.just(SENTENCE) | TEXTS | JSON_VALUES},
    optional={
        "id": JSON_VALUES, "title": st.text(max_size=30) | JSON_VALUES,
        "outlet": st.text(max_size=20), "url": st.text(max_size=30), "published": st.text(max_size=25) | JSON_VALUES,
        "author": JSON_VALUES, "licence": st.text(max_size=10), "other": JSON_VALUES,
    },
)
LINES = st.lists(
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    | st.just({}).map(json.dumps).map(str.encode) | st.binary(max_size=80) | st.sampled_from([b"", b"{", b"[]", b"null", b'"x"', b"\xff\xfe"]),
    max_size=6,
)


@settings(max_examples=JSONL_EXAMPLES)
@given(LINES)
def test_jsonl_lines(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    items = list(read_jsonl(io.BytesIO(data), source="prop.jsonl", options=OPTIONS))
    assert len(items) <= data.count(b"\n") + 1
    for item in items:
        _check(item)
        if isinstance(item, Article):
            record = json.loads(lines[int(item.source_path.rsplit(":", 1)[1]) - 1])
            _check_offsets(item, tidy_text(record["text"])[0])  # offsets into the text as decoding left it


TAGS = st.sampled_from(["p", "div", "figure", "figcaption", "article", "script", "style", "h1", "li", "table",
                        "iframe", "noscript", "svg", "br", "title", "meta", "a", "pre", "blockquote"])
# Leaves are mostly prose, so that trafilatura finds a main text in a good share of the pages.
LEAVES = st.just(f"{SENTENCE} {SENTENCE}") | TEXTS.map(lambda t: t.replace("<", "&lt;"))
FRAGMENTS = st.recursive(
    LEAVES,
    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4)).map(
        lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"),
    max_leaves=12,
)
PAGES = st.tuples(st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0'?>", "\ufeff"]), FRAGMENTS).map(
    lambda pair: f"{pair[0]}<html><head><title>t</title></head><body>{pair[1]}</body></html>")


@settings(max_examples=HTML_EXAMPLES)
@given(PAGES.map(str.encode) | st.binary(max_size=400) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_html_reader(data: bytes) -> None:
    for item in _read(data, "html"):
        _check(item)


def _feed(entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://example.org/{n}</link><pubDate>{date}</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
        for n, (title, body, date) in enumerate(entries)
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode(
        "utf-8", "surrogatepass")


FEEDS = st.lists(
    st.tuples(st.text(max_size=20).map(lambda t: t.replace("<", "").replace("&", "")), FRAGMENTS,
              st.sampled_from(["Mon, 14 Oct 2024 10:00:00 GMT", "", "yesterday", "Mon, 99 Foo 2024", "0"])),
    max_size=4,
).map(_feed)


@settings(max_examples=FEED_EXAMPLES)
@given(FEEDS | st.binary(max_size=400))
def test_feed_reader(data: bytes) -> None:
    for item in _read(data, "feed"):
        _check(item)
