"""From raw text plus metadata to one Article: every reader ends here, so cleaning and ids are the same for all."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sitroom.ingest.clean import LinePatterns, clean_lines
from sitroom.ingest.ids import article_id, content_hash
from sitroom.model import Article, IngestError, Span


class ItemError(Exception):
    """One input item that cannot become an Article; carries the IngestError reason code and a human detail."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail

    def record(self, source: str, item: str = "") -> IngestError:
        return IngestError(source=source, reason=self.reason, detail=self.detail, item=item)


def reader_error(source: str, error: Exception, item: str = "") -> IngestError:
    """A reader failure nobody foresaw, on one item: recorded like a bad item so the batch goes on, and visible."""
    return IngestError(source=source, reason="reader_error", detail=f"{type(error).__name__}: {error}", item=item)


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def normalize_published(value: Any) -> str | None:
    """An ISO date or timezone-aware datetime string, or None; a naive datetime keeps only its date (no guess)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        return value.isoformat()
    elif isinstance(value, str):
        text = value.strip()
        if _DATE_RE.match(text):
            try:
                return dt.date.fromisoformat(text).isoformat()
            except ValueError:
                return None
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    if parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat()


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    url: str = "",
    outlet: str = "",
    published: Any = None,
    source_format: str = "txt",
    source_path: str = "",
    author: str = "",
    title_line: bool | None = None,
    caption_ranges: list[tuple[int, int]] | None = None,
    min_text_chars: int = 1,
    patterns: LinePatterns | None = None,
    extra: dict[str, Any] | None = None,
) -> Article:
    """Clean ``text`` line by line and build the Article; raises ItemError("missing_text") when nothing is left.

    With no ``title`` given and ``title_line`` not False, the first line is the title when a blank line follows
    it (the plain-text convention). ``caption_ranges`` are [start, end) offsets into ``text`` of lines that are
    photo captions; they stay in the clean text and are listed in ``Article.captions``. ``published`` that is not
    a valid ISO date/datetime is dropped (kept in ``extra["published_raw"]``), never guessed.
    """
    if title_line is None:
        title_line = title is None
    found_title = ""
    if title_line:
        found_title = _title_line(text)
        title_line = bool(found_title)
    cleaned = clean_lines(text, patterns=patterns, title_line=title_line)
    body = cleaned.text
    if len(body.strip()) < max(min_text_chars, 1):
        size = len(body.strip())
        detail = f"{size} characters of body text after cleaning, under the minimum of {min_text_chars}"
        raise ItemError("missing_text", detail if size else "no body text after cleaning")
    extra = dict(extra or {})
    normalized = normalize_published(published)
    if published not in (None, "") and normalized is None:
        extra["published_raw"] = str(published)
    if any(clean != source for clean, source, _ in cleaned.segments):
        extra["source_offsets"] = [list(s) for s in cleaned.segments]
    the_id = article_id(url, body)
    captions = []
    for start, end in caption_ranges or []:
        clean_start, clean_end = cleaned.to_clean(start), cleaned.to_clean(end)
        if clean_start is not None and clean_end is not None and clean_end > clean_start:
            captions.append(Span(clean_start, clean_end, "caption", body[clean_start:clean_end]))
    captions.extend(Span(start, end, "caption", body[start:end]) for start, end in cleaned.captions)
    return Article(
        id=the_id,
        text=body,
        title=(title if title is not None else found_title).strip(),
        outlet=outlet.strip(),
        url=url.strip(),
        published=normalized,
        credits=cleaned.credits,
        captions=captions,
        removed=cleaned.removed,
        dateline=cleaned.dateline,
        author=author.strip(),
        source_format=source_format,
        source_path=source_path,
        content_hash=content_hash(body),
        extra=extra,
    )


def _title_line(text: str) -> str:
    """The first line when a blank line follows it and it is short enough to be a headline."""
    head, newline, rest = text.partition("\n")
    if not newline or len(head.strip()) > 300 or not head.strip():
        return ""
    second = rest.partition("\n")[0]
    return head.strip() if not second.strip() else ""
