"""JSON Lines: one document per line (id, outlet, url, title, published, text), streamed, never loaded whole.

This is the format of the shared corpus. Each bad line becomes an IngestError naming its line number; the lines
around it are read as usual.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from sitroom.config import IngestOptions
from sitroom.ingest.article import ItemError, article_from_text, reader_error
from sitroom.ingest.decode import Changes, decode_utf8, tidy_text
from sitroom.ingest.language import gate_article
from sitroom.model import Article, IngestError, Skipped

STRING_FIELDS = ("outlet", "url", "title", "author", "licence", "license")
KNOWN_FIELDS = {"id", "text", "published", *STRING_FIELDS}
_CHUNK = 1 << 16


def iter_lines(stream: IO[bytes], max_line_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line over ``max_line_bytes``, which is skipped unread."""
    number = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = stream.readline(_CHUNK)
            yield number, None
            continue
        yield number, line


def read_jsonl(
    stream: IO[bytes], *, source: str, options: IngestOptions | None = None
) -> Iterator[Article | IngestError | Skipped]:
    """Every line of ``stream`` as an Article, an IngestError (with the line number) or a Skipped."""
    options = options or IngestOptions()
    for number, raw in iter_lines(stream, options.max_item_bytes):
        where = f"{source}:{number}"
        if raw is None:
            yield IngestError(where, "too_large", f"line {number} is over {options.max_item_bytes} bytes", str(number))
            continue
        if not raw.strip():
            continue
        try:
            record, changes = parse_line(raw, number)
            article = article_from_record(record, where, options, changes)
        except ItemError as error:
            yield error.record(where, str(number))
            continue
        except Exception as error:  # noqa: BLE001 - one line must not stop the file
            yield reader_error(where, error, str(number))
            continue
        yield gate_article(article, where, options)


def parse_line(raw: bytes, number: int) -> tuple[dict[str, Any], Changes]:
    """The JSON object on one line and what decoding it changed, or ItemError(undecodable / malformed_json).

    A line with a few corrupt bytes (decode_utf8) is read with U+FFFD for them; JSON text is UTF-8, no guessing.
    """
    try:
        text, replaced = decode_utf8(raw)
    except ItemError as error:
        raise ItemError(error.reason, f"line {number}: {error.detail}") from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise ItemError("malformed_json", f"line {number}: {error.msg} at column {error.colno}") from None
    except RecursionError:  # valid JSON nested deeper than the parser goes: no article is that shape
        raise ItemError("malformed_json", f"line {number}: nested too deeply to read") from None
    if not isinstance(record, dict):
        raise ItemError("malformed_json", f"line {number}: a JSON {type(record).__name__}, not an object")
    return record, Changes(encoding="utf-8", replaced=replaced)


def article_from_record(
    record: dict[str, Any], source: str, options: IngestOptions, changes: Changes | None = None
) -> Article:
    """An Article from one corpus record; wrong field types and a missing text are ItemErrors.

    Its text and string fields are tidied (tidy_text: a JSON "\\u0000" is a NUL, a "\\udc80" a lone surrogate)
    and what that changed is counted with ``changes``, what decoding the line did.
    """
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ItemError("missing_text", "no 'text' field" if text is None else "'text' is empty")
    _expect_str("text", text)
    for name in STRING_FIELDS:
        if record.get(name) is not None:
            _expect_str(name, record[name])
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        _expect_str("published", published)
    source_id = record.get("id")
    if source_id is not None and not isinstance(source_id, (str, int)):
        _expect_str("id", source_id)
    extra: dict[str, Any] = {"source_id": str(source_id)} if source_id is not None else {}
    others = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    if others:
        extra["source_fields"] = others
    changes = changes or Changes()
    fields: dict[str, str] = {}
    for name in ("text", *STRING_FIELDS):
        fields[name], more = tidy_text(record.get(name) or "")
        changes += more
    article = article_from_text(
        fields["text"],
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=published,
        author=fields["author"],
        source_format="jsonl",
        source_path=source,
        min_text_chars=options.min_text_chars,
        extra=extra,
    )
    article.licence = fields["licence"] or fields["license"]
    return changes.stamp(article)


def _expect_str(name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise ItemError("malformed_json", f"field {name!r} is a JSON {_json_type(value)}, expected a string")


def _json_type(value: Any) -> str:
    return {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}.get(type(value), "value")
