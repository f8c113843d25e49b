"""Decoding says what it changed: bad bytes become U+FFFD (counted), mojibake is repaired by ftfy where it is sure
(counted), NUL and control characters are dropped (counted); real cp1252 files still read as cp1252."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sitroom.config import IngestOptions
from sitroom.ingest import read_paths
from sitroom.ingest.decode import decode_bytes, repair_mojibake, scrub_controls
from sitroom.ingest.jsonl import read_jsonl
from sitroom.model import Article, from_dict, to_dict, to_json

TEXT = (
    "Regional officials said on Monday that the evacuation of villages along the border would continue, "
    "and that buses would leave twice a day from the central square."
)
OLD_RECORD = (
    '{"id": "ta08a7b0666f5cc2a", "text": "A firefighter extinguishes the remains of an unidentified missile.", '
    '"title": "Zelenskiy Claims North Korea Sending Soldiers", "outlet": "", "url": "", "published": "2024-10-14", '
    '"published_inferred": false, "published_evidence": [], "language": "en", "credits": ["AFP", "dpa"], '
    '"captions": [], "removed": [{"kind": "title", "text": "Zelenskiy Claims North Korea Sending Soldiers", '
    '"line": 1, "source_start": 0, "source_end": 45}], "author": "", "source_format": "txt", "source_path": "a.txt", '
    '"licence": "", "content_hash": "5a0f", "version": 1, "ingested_at": null, "extra": {"source_offsets": [[0, 47, 66]]}}'
)


def read_one(tmp_path: Path, name: str, data: bytes) -> Article:
    (tmp_path / name).write_bytes(data)
    (item,) = list(read_paths([tmp_path / name]))
    assert isinstance(item, Article), item
    return item


def test_a_few_bad_bytes_in_ascii_text_are_u_fffd_not_cp1252(tmp_path: Path) -> None:
    """Finding 4a: 'stri\\xc0ke' read as cp1252 gave 'striÀke'; it is damaged UTF-8, and it is said so."""
    data = (TEXT + " The stri\xc0ke hit Freedom Sq\xffare at dawn. " + TEXT).encode("latin-1")
    article = read_one(tmp_path, "damaged.txt", data)
    assert "stri\ufffdke" in article.text and "Sq\ufffdare" in article.text
    assert "\u00c0" not in article.text and "\u00ff" not in article.text
    assert (article.decoding, article.replaced_bytes) == ("utf-8", 2)


def test_real_cp1252_text_still_reads_as_cp1252(tmp_path: Path) -> None:
    words = "\u201cWe will stay,\u201d said the caf\u00e9 owner in S\u00e3o Paulo \u2013 na\u00efve or not. "
    article = read_one(tmp_path, "cp1252.txt", (TEXT + " " + words * 3).encode("cp1252"))
    assert "\u201cWe will stay,\u201d said the caf\u00e9 owner in S\u00e3o Paulo" in article.text
    assert (article.decoding, article.replaced_bytes) == ("cp1252", 0)
    one = read_one(tmp_path, "one.txt", ("Caf\u00e9 owners in the old town said " + TEXT).encode("cp1252"))
    assert one.text.startswith("Caf\u00e9 owners") and one.decoding == "cp1252"


def test_valid_utf8_is_recorded_as_utf8_and_unchanged(tmp_path: Path) -> None:
    words = TEXT + " \u201cWe will rebuild,\u201d the mayor of Kyiv said."
    article = read_one(tmp_path, "good.txt", words.encode())
    assert article.text == words
    assert (article.decoding, article.replaced_bytes, article.dropped_controls, article.repaired_mojibake) == (
        "utf-8", 0, 0, 0)


def test_decode_counts_the_replacement_characters_it_put_in() -> None:
    good = ("\u201cWe will rebuild,\u201d the mayor said. " * 20).encode("utf-8")
    text, changes = decode_bytes(good[:100] + b"\xff" + good[101:] + "\ufffd".encode())  # one U+FFFD was there
    assert changes.encoding == "utf-8" and changes.replaced == 1 and text.count("\ufffd") == 2


def test_mojibake_is_repaired_and_counted(tmp_path: Path) -> None:
    """Finding 4b: UTF-8 read as cp1252 somewhere upstream ('donâ€™t') was kept as it came."""
    broken = "The mayor said \u00e2\u20ac\u0153we don\u00e2\u20ac\u2122t give up\u00e2\u20ac\x9d in the caf\u00c3\u00a9."
    article = read_one(tmp_path, "mojibake.txt", f"{TEXT}\n\n{broken}\n\n{TEXT}\n".encode())
    assert "The mayor said \u201cwe don\u2019t give up\u201d in the caf\u00e9." in article.text
    assert article.repaired_mojibake == 1  # one line repaired
    assert article.decoding == "utf-8"


def test_repair_leaves_clean_text_alone() -> None:
    clean = "Caf\u00e9 owners in S\u00e3o Paulo and Z\u00fcrich said \u201cno\u201d \u2013 5 \u00b0C, \u00a35, na\u00efve."
    assert repair_mojibake(clean) == (clean, 0)
    assert repair_mojibake("He said \"don't\" and left.") == ("He said \"don't\" and left.", 0)


def test_nul_and_control_characters_from_jsonl_are_dropped_and_counted() -> None:
    """Finding 4c: '\\u0000' (and other controls) in a JSON string reached the article text."""
    text = TEXT[:40] + "\x00" + TEXT[40:80] + "\x07\x1b" + TEXT[80:]
    line = json.dumps({"id": "1", "url": "https://example.com/1", "text": text}).encode() + b"\n"
    (article,) = list(read_jsonl(io.BytesIO(line), source="c.jsonl", options=IngestOptions()))
    assert isinstance(article, Article)
    assert article.text == TEXT and article.dropped_controls == 3
    assert article.decoding == "utf-8"


def test_lone_surrogates_from_jsonl_become_u_fffd_and_the_article_can_be_stored() -> None:
    line = b'{"id": "1", "text": "' + TEXT[:50].encode() + b'\\udc80' + TEXT[50:].encode() + b'"}\n'
    (article,) = list(read_jsonl(io.BytesIO(line), source="c.jsonl", options=IngestOptions()))
    assert isinstance(article, Article) and "\ufffd" in article.text and article.replaced_bytes == 1
    to_json(article).encode("utf-8")  # a lone surrogate would raise here, and in the store


def test_a_few_bad_bytes_in_a_jsonl_line_are_u_fffd() -> None:
    line = json.dumps({"id": "1", "text": TEXT}).encode().replace(b"square", b"sq\xffare") + b"\n"
    (article,) = list(read_jsonl(io.BytesIO(line), source="c.jsonl", options=IngestOptions()))
    assert isinstance(article, Article) and "sq\ufffdare" in article.text and article.replaced_bytes == 1


def test_scrub_keeps_tabs_newlines_and_form_feeds() -> None:
    assert scrub_controls("a\tb\nc\rd\fe") == ("a\tb\nc\rd\fe", 0, 0)
    assert scrub_controls("a\x00b\x85c\udc80") == ("abc\ufffd", 2, 1)


def test_records_stored_before_the_new_fields_still_read() -> None:
    old = json.loads(OLD_RECORD)  # an Article as stored at ca4cc24, before the decoding and language fields
    article = from_dict(Article, old)
    assert article.text == old["text"] and article.removed[0].kind == "title"
    assert (article.decoding, article.replaced_bytes, article.dropped_controls, article.repaired_mojibake) == (
        "", 0, 0, 0)
    assert (article.mixed_language, article.language_shares) == (False, {})
    assert from_dict(Article, to_dict(article)) == article


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_other_encodings_are_named(tmp_path: Path, encoding: str) -> None:
    article = read_one(tmp_path, f"{encoding}.txt", TEXT.encode(encoding))
    assert article.text == TEXT and article.decoding == {"utf-16": "utf-16-le", "utf-8-sig": "utf-8"}.get(
        encoding, encoding)


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.exists(), reason=f"shared corpus not at {CORPUS}")
def test_the_corpus_saved_as_cp1252_reads_back_as_cp1252() -> None:
    """The calibration of MAX_MISPLACED_SHARE: real cp1252 text has its characters in place."""
    read = 0
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            data = json.loads(line)["text"].encode("cp1252", errors="replace")
            if data.isascii():
                continue
            text, changes = decode_bytes(data)
            assert (changes.encoding, text) == ("cp1252", data.decode("cp1252")), path
            read += 1
    assert read > 500
