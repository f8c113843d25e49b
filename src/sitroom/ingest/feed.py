"""RSS and Atom feeds with feedparser: one Article per entry, its HTML content read by the HTML reader."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
from lxml import etree
from lxml.html import fragment_fromstring

from sitroom.config import IngestOptions
from sitroom.ingest.article import ItemError, article_from_text, reader_error
from sitroom.ingest.decode import Changes, declared_encoding, decode_bytes, tidy_text
from sitroom.ingest.html import drop_fallbacks, read_html
from sitroom.ingest.language import gate_article
from sitroom.model import Article, IngestError, Skipped

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_BLOCK_TAGS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre", "br", "tr"}
_SPACE_RE = re.compile(r"[ \t\r\f\v]+")
# The feed is decoded here (decode_bytes: U+FFFD for bad bytes, counted), so feedparser is told it is UTF-8 text
# and does not guess again from the declaration (it read invalid UTF-8 as cp1252).
_AS_TEXT = {"content-type": "application/xml; charset=utf-8"}


def read_feed(
    data: bytes, *, source: str, options: IngestOptions | None = None
) -> Iterator[Article | IngestError | Skipped]:
    """Every entry of an RSS/Atom document; a document that is no feed is one IngestError("malformed_feed")."""
    options = options or IngestOptions()
    try:
        text, changes = decode_bytes(data, declared_encoding(data))
    except ItemError as error:
        yield error.record(source)
        return
    try:
        parsed = feedparser.parse(text, sanitize_html=False, resolve_relative_uris=False, response_headers=_AS_TEXT)
    except (ValueError, LookupError) as error:  # feedparser on an encoding name it cannot use ('utf\x008')
        yield IngestError(source, "malformed_feed", f"{type(error).__name__}: {error}")
        return
    if not parsed.entries:
        if parsed.get("bozo"):
            error = parsed.get("bozo_exception")
            yield IngestError(source, "malformed_feed", f"{type(error).__name__}: {error}")
        elif not parsed.get("version"):
            yield IngestError(source, "malformed_feed", "not an RSS or Atom document")
        else:
            yield Skipped(source, "empty_feed", f"{parsed.version} feed with no entries")
        return
    outlet = parsed.feed.get("title", "")
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{number}"
        try:
            yield read_entry(entry, where, outlet, options, changes)
        except ItemError as error:
            yield error.record(where, entry.get("id", "") or str(number))
        except Exception as error:  # noqa: BLE001 - one entry must not stop the feed
            yield reader_error(where, error, entry.get("id", "") or str(number))


def read_entry(
    entry: Any, source: str, outlet: str, options: IngestOptions, changes: Changes | None = None
) -> Article | IngestError | Skipped:
    """One feed entry: its fullest content (content:encoded, Atom content, else summary) as an Article.

    ``changes`` is what decoding the feed did; the entry's own title and author are tidied and counted with it.
    """
    value, kind = entry_content(entry)
    if not value.strip():
        raise ItemError("missing_text", "entry has no content or summary")
    url = entry.get("link", "")
    changes = changes or Changes()
    metadata: dict[str, str | None] = {"outlet": outlet, "published": _published(entry)}
    for name in ("title", "author"):
        metadata[name], more = tidy_text(entry.get(name, ""))
        changes += more
    if kind in _HTML_TYPES:
        page = f"<html><body><article>{value}</article></body></html>"
        result = read_html(
            page, source=source, url=url, options=options, favor_precision=False, source_format="feed", changes=changes
        )
        if isinstance(result, Article):
            for name, field_value in metadata.items():
                if field_value:
                    setattr(result, name, field_value)
            return result
        if not (isinstance(result, IngestError) and result.reason in ("missing_text", "malformed_html")):
            return result
    value, changes = tidy_text(value, changes)
    if kind in _HTML_TYPES:
        value = fragment_text(value)  # too short for trafilatura's main-text search: take the whole fragment
    article = article_from_text(
        value, url=url, source_format="feed", source_path=source, min_text_chars=options.min_text_chars, **metadata
    )
    return gate_article(changes.stamp(article), source, options)


def entry_content(entry: Any) -> tuple[str, str]:
    """(content, its MIME type): the longest of the entry's contents, else its summary."""
    contents = [c for c in entry.get("content", []) if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value", "")))
        return best["value"], best.get("type", "text/html")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), detail.get("type", "text/html")


def fragment_text(html: str) -> str:
    """Text of an HTML fragment with one paragraph per block element, without fallback text (FALLBACK_TAGS)."""
    try:
        root = drop_fallbacks(fragment_fromstring(html, create_parent="div"))
    except (etree.LxmlError, ValueError):
        return html
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element.tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if event == "start" and isinstance(element.tag, str) and element.text:
            parts.append(element.text)
        if event == "end" and element is not root and element.tail:
            parts.append(element.tail)
    return "\n\n".join(_SPACE_RE.sub(" ", p).strip() for p in "".join(parts).split("\n\n") if p.strip())


def _published(entry: Any) -> str | None:
    """The entry's publication time as an aware UTC datetime (feedparser normalizes to UTC), or None."""
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc).isoformat()
