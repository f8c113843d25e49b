"""JSON Lines: the corpus format, streamed; each bad line is an error with its line number."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from sitroom.config import IngestOptions
from sitroom.ingest import read_paths
from sitroom.ingest.jsonl import read_jsonl
from sitroom.model import Article, IngestError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"
TEXT = "The governor said air defences shot down most of the drones overnight, and no one was hurt."


def record(**fields: object) -> bytes:
    base = {"id": "x-1", "outlet": "Example", "url": "https://example.com/1", "title": "Drones downed",
            "published": "2022-03-01T10:00:00+02:00", "text": TEXT}
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...}).encode() + b"\n"


def read(data: bytes, **options: object) -> list:
    return list(read_jsonl(io.BytesIO(data), source="c.jsonl", options=IngestOptions(**options)))


def test_good_line() -> None:
    (article,) = read(record(license="CC BY 4.0", extra={"k": 1}))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.published) == ("Drones downed", "Example", "2022-03-01T10:00:00+02:00")
    assert article.text == TEXT and article.source_format == "jsonl"
    assert article.extra["source_id"] == "x-1"
    assert article.extra["source_fields"] == {"extra": {"k": 1}}
    assert article.licence == "CC BY 4.0"
    assert article.source_path == "c.jsonl:1"


def test_bad_lines_are_reported_and_the_rest_read() -> None:
    data = b"".join([
        record(id="a", url="https://example.com/a"),
        b'{"id": "b", "text": "unterminated\n',
        record(id="c", text=...),
        record(id="d", title=12),
        b"[1, 2, 3]\n",
        b"\n",
        record(id="e", text=["a", "list"]),
        b'{"text": "caf\xe9 latin-1 bytes"}\n',
        record(id="f", url="https://example.com/f"),
    ])
    items = read(data)
    summary = [(type(i).__name__, getattr(i, "reason", ""), (i.source_path if isinstance(i, Article) else i.source).rsplit(":", 1)[1]) for i in items]
    assert summary == [
        ("Article", "", "1"),
        ("IngestError", "malformed_json", "2"),
        ("IngestError", "missing_text", "3"),
        ("IngestError", "malformed_json", "4"),
        ("IngestError", "malformed_json", "5"),
        ("IngestError", "malformed_json", "7"),
        ("IngestError", "undecodable", "8"),
        ("Article", "", "9"),
    ]
    wrong_type = items[3]
    assert isinstance(wrong_type, IngestError) and "'title'" in wrong_type.detail and wrong_type.item == "4"


def test_a_line_over_the_limit_is_skipped_unread() -> None:
    items = read(record(id="a") + record(id="big", text=TEXT * 100) + record(id="c", url="https://e.com/c"),
                 max_item_bytes=2000)
    assert [getattr(i, "reason", "ok") for i in items] == ["ok", "too_large", "ok"]


def test_gzipped_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(gzip.compress(record(id="a") + record(id="b", url="https://example.com/b")))
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]


@pytest.mark.skipif(not CORPUS.exists(), reason=f"shared corpus not at {CORPUS}")
def test_shared_corpus_reads_whole_and_stable() -> None:
    files = sorted(CORPUS.glob("*.jsonl"))
    first = [(a.id, a.content_hash) for a in read_paths(files)]
    lines = sum(1 for f in files for line in f.open(encoding="utf-8") if line.strip())
    assert len(first) == lines  # every line an article (the corpus grew from 1,120 to 1,565 items)
    assert all(isinstance(a, Article) for a in read_paths(files))
    assert first == [(a.id, a.content_hash) for a in read_paths(files)]
