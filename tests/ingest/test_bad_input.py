"""A directory of every kind of bad file we could think of: the good files are read, each bad one is reported
with a specific reason, and nothing raises."""

from __future__ import annotations

import gzip
import json
import os
import random
from pathlib import Path

import pytest

from sitroom.config import IngestOptions
from sitroom.ingest import read_paths
from sitroom.model import Article, IngestError, Skipped

TEXT = (
    "Regional officials said on Monday that the evacuation of villages along the border would continue, "
    "and that buses would leave twice a day from the central square."
)
GERMAN = (
    "Die ukrainische Armee hat nach eigenen Angaben mehrere Angriffe im Osten des Landes abgewehrt. "
    "Der Generalstab teilte am Montag mit, dass die Kämpfe um die Stadt weiter andauern."
)
PAGE = f"<!DOCTYPE html><html><head><title>t</title></head><body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
LIMIT = 64 * 1024


def build(root: Path) -> dict[str, str]:
    """Write the test directory; returns relative path -> expected outcome ('ok' or the reason code)."""
    rng = random.Random(7)
    files: dict[str, bytes] = {
        "good.txt": f"A title\n\n{TEXT}\n".encode(),
        "good.html": PAGE.encode(),
        "good.txt.gz": gzip.compress(TEXT.encode()),
        "latin1.txt": ("Caf\u00e9 owners in the old town said " + TEXT).encode("latin-1"),
        "utf16_bom.txt": TEXT.encode("utf-16"),
        "utf16_nobom.txt": TEXT.encode("utf-16-le"),
        "folder.txt/inside.txt": TEXT.encode(),
        "binary.txt": bytes(rng.randrange(256) for _ in range(2000)),
        "empty.txt": b"",
        "blank.txt": b"  \n\n\t \n",
        "nul_bytes.txt": TEXT.encode()[:60] + b"\x00\x00\x00" + TEXT.encode()[60:],
        "control_chars.txt": bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 20,
        "latin1_garbage.txt": bytes(rng.randrange(160, 256) for _ in range(2000)),
        "truncated.txt.gz": gzip.compress(TEXT.encode() * 50)[:40],
        "bomb.txt.gz": gzip.compress(b"a" * (LIMIT * 4)),
        "huge.txt": (TEXT + "\n").encode() * (LIMIT // len(TEXT) + 10),
        "no_markup.html": b"plain words where a page should be",
        "no_main_text.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "broken.rss": b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</titl",
        "not_a_feed.xml": b"<?xml version='1.0'?><config><option name='a'/></config>",
        "lines.jsonl": b"".join([
            json.dumps({"id": "1", "url": "https://example.com/1", "text": TEXT}).encode() + b"\n",
            b'{"id": "2", "text": "broken\n',
            json.dumps({"id": "3", "title": "no text"}).encode() + b"\n",
            json.dumps({"id": "4", "text": TEXT, "outlet": ["a", "list"]}).encode() + b"\n",
        ]),
        "german.txt": GERMAN.encode(),
        "only_boilerplate.txt": b"SEE ALSO: Another story\n\nWith reporting by AFP\n",
        "too_short.txt": b"Kyiv.",
        "document.pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(100),
        "table.csv": b"a,b,c\n1,2,3\n",
        "data.json": b'{"text": "a whole JSON document"}',
        "binary.gz": gzip.compress(bytes(range(256)) * 4),
        ".hidden.txt": TEXT.encode(),
        # what reading changes is recorded on the article (test_what_reading_changed_is_recorded)
        "damaged_utf8.txt": (TEXT + " The stri\xc0ke hit Freedom Sq\xffare. " + TEXT).encode("latin-1"),
        "mojibake.txt": (TEXT + " They don\u00e2\u20ac\u2122t know.").encode(),
        "utf16_odd.txt": TEXT.encode("utf-16") + b"\x00",
        "nul_and_c1.html": PAGE.replace("Monday", "Mon\x00day \x85").encode() + b" " * 3000,
        "fallbacks.html": PAGE.replace("</article>", "<noscript>Please enable JavaScript.</noscript></article>").encode(),
        "controls.jsonl": json.dumps({"id": "c", "title": "T\u0000", "text": TEXT + "\u0000\u0007\udc80"}).encode() + b"\n",
        "mixed.txt": ("\n\n".join([TEXT] * 6 + [GERMAN] * 2)).encode(),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "loop").mkdir()
    (root / "loop" / "inner.txt").write_bytes(TEXT.replace("Monday", "Friday").encode())
    (root / "loop" / "back").symlink_to(root, target_is_directory=True)
    (root / "alias").symlink_to(root / "folder.txt", target_is_directory=True)  # read first: sorts before it
    (root / "self_link.txt").symlink_to(root / "self_link.txt")
    (root / "broken_link.txt").symlink_to(root / "nowhere.txt")
    os.mkfifo(root / "pipe.txt")
    expected = {
        "good.txt": "ok", "good.html": "ok", "good.txt.gz": "ok", "latin1.txt": "ok", "utf16_bom.txt": "ok",
        "utf16_nobom.txt": "ok", "alias/inside.txt": "ok", "folder.txt": "duplicate_path", "loop/inner.txt": "ok",
        "binary.txt": "binary", "empty.txt": "empty", "blank.txt": "empty", "nul_bytes.txt": "binary",
        "control_chars.txt": "binary", "latin1_garbage.txt": "undecodable", "truncated.txt.gz": "malformed_gzip",
        "bomb.txt.gz": "too_large", "huge.txt": "too_large", "no_markup.html": "malformed_html",
        "no_main_text.html": "missing_text", "broken.rss": "malformed_feed", "not_a_feed.xml": "malformed_feed",
        "lines.jsonl:1": "ok", "lines.jsonl:2": "malformed_json", "lines.jsonl:3": "missing_text",
        "lines.jsonl:4": "malformed_json", "german.txt": "language", "only_boilerplate.txt": "missing_text",
        "too_short.txt": "missing_text", "document.pdf.txt": "binary", "image.png": "unsupported_format",
        "table.csv": "unsupported_format", "data.json": "unsupported_format", "binary.gz": "binary",
        "loop/back": "symlink_loop", "self_link.txt": "symlink_loop", "broken_link.txt": "unreadable",
        "pipe.txt": "unsupported_format", "damaged_utf8.txt": "ok", "mojibake.txt": "ok", "utf16_odd.txt": "ok",
        "nul_and_c1.html": "ok", "fallbacks.html": "ok", "controls.jsonl:1": "ok", "mixed.txt": "ok",
    }
    if os.geteuid() != 0:  # root reads any file: the permission case cannot be made
        (root / "locked.txt").write_bytes(TEXT.encode())
        (root / "locked.txt").chmod(0)
        expected["locked.txt"] = "unreadable"
    return expected


def outcome(item: Article | IngestError | Skipped, root: Path) -> tuple[str, str]:
    where = item.source_path if isinstance(item, Article) else item.source
    relative = os.path.relpath(where, root)
    return relative, "ok" if isinstance(item, Article) else item.reason


def test_bad_files_each_get_a_reason(tmp_path: Path) -> None:
    expected = build(tmp_path)
    items = list(read_paths([tmp_path], IngestOptions(max_item_bytes=LIMIT)))
    got = dict(outcome(item, tmp_path) for item in items)
    assert got == expected
    assert len([v for v in expected.values() if v != "ok"]) >= 20
    for item in items:
        if not isinstance(item, Article):
            assert item.detail, f"{item.source}: no human-readable detail"


# file -> (decoding, replaced_bytes, dropped_controls, repaired_mojibake, mixed_language) recorded on its article
CHANGES = {
    "good.txt": ("utf-8", 0, 0, 0, False),
    "latin1.txt": ("cp1252", 0, 0, 0, False),
    "utf16_bom.txt": ("utf-16-le", 0, 0, 0, False),
    "damaged_utf8.txt": ("utf-8", 2, 0, 0, False),
    "mojibake.txt": ("utf-8", 0, 0, 1, False),
    "utf16_odd.txt": ("utf-16-le", 1, 0, 0, False),  # a truncated UTF-16 text: one U+FFFD for the odd byte
    "nul_and_c1.html": ("utf-8", 0, 2, 1, False),  # ftfy reads the C1 control \x85 as the cp1252 "…" it was
    "fallbacks.html": ("utf-8", 0, 0, 0, False),
    "controls.jsonl:1": ("utf-8", 1, 3, 0, False),
    "mixed.txt": ("utf-8", 0, 0, 0, True),
}


def test_what_reading_changed_is_recorded(tmp_path: Path) -> None:
    build(tmp_path)
    items = {outcome(i, tmp_path)[0]: i for i in read_paths([tmp_path], IngestOptions(max_item_bytes=LIMIT))}
    for name, expected in CHANGES.items():
        article = items[name]
        assert isinstance(article, Article), name
        got = (article.decoding, article.replaced_bytes, article.dropped_controls, article.repaired_mojibake,
               article.mixed_language)
        assert got == expected, name
        assert not any(c in article.text for c in "\x00\x07\x85\u00c0\u00ff") and "JavaScript" not in article.text
        article.text.encode("utf-8")  # no lone surrogate
    assert "don\u2019t" in items["mojibake.txt"].text and items["controls.jsonl:1"].title == "T"


def test_order_is_stable(tmp_path: Path) -> None:
    build(tmp_path)
    first = [outcome(i, tmp_path) for i in read_paths([tmp_path], IngestOptions(max_item_bytes=LIMIT))]
    second = [outcome(i, tmp_path) for i in read_paths([tmp_path], IngestOptions(max_item_bytes=LIMIT))]
    assert first == second
    assert first[0][0] < first[-1][0]


@pytest.mark.parametrize("name", ["missing.txt", "missing_dir/"])
def test_missing_path(tmp_path: Path, name: str) -> None:
    (item,) = list(read_paths([tmp_path / name]))
    assert isinstance(item, IngestError) and item.reason == "unreadable"


def test_damaged_utf8_keeps_its_text() -> None:
    from sitroom.ingest.decode import decode_bytes

    good = ("\u201cWe will rebuild,\u201d the mayor said. " * 20).encode("utf-8")
    damaged = good[:100] + b"\xff" + good[101:]
    text, changes = decode_bytes(damaged)
    assert "\ufffd" in text and text.count("\u201c") >= 19 and changes.replaced == 1
    text, changes = decode_bytes(("Caf\u00e9 " * 30).encode("latin-1"))
    assert text.startswith("Caf\u00e9") and changes.encoding == "cp1252"  # latin-1 is not damage
    text, changes = decode_bytes(good * 2 + b"\x00" + good)  # one stray NUL in 2,343 bytes: kept for tidy_text
    assert text.count("\x00") == 1 and changes.encoding == "utf-8"


def test_a_reader_failure_is_one_error_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitroom.ingest.files as files

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text(TEXT)
    monkeypatch.setattr(files, "read_html", broken)
    items = list(read_paths([tmp_path]))
    assert [getattr(i, "reason", "ok") for i in items] == ["reader_error", "ok"]
    assert items[0].detail == "RuntimeError: boom"


# --- the kinds of the hostile-input issue (18), one case each: its own reason or its own check, and the good
# file beside it still read (the batch goes on) --------------------------------------------------------------

LONG_ENGLISH = " ".join([TEXT] * 8)
LONG_GERMAN = " ".join([GERMAN] * 12)


def _feed(body: str, doctype: str = "") -> bytes:
    return (f"<?xml version='1.0'?>{doctype}<rss version='2.0'><channel><title>Wire</title><item><title>t</title>"
            f"<link>https://example.org/1</link><description>{body}</description></item></channel></rss>").encode()


def _gz_jsonl_truncated() -> bytes:
    lines = b"".join(json.dumps({"id": str(i), "text": TEXT}).encode() + b"\n" for i in range(200))
    whole = gzip.compress(lines)
    return whole[: len(whole) - 30]


def _texts(items: list) -> str:
    return " ".join(i.text + " " + i.title for i in items if isinstance(i, Article))


def _reasons(items: list) -> list[str]:
    return ["ok" if isinstance(i, Article) else i.reason for i in items]


def _one_article(items: list) -> Article:
    assert _reasons(items) == ["ok"], [(getattr(i, "reason", ""), getattr(i, "detail", "")) for i in items]
    return items[0]


BAD = "The strike hit the city. Residents of Freedom Sq\xffare said the stri\xc0ke was the worst of the war.".encode(
    "latin-1")
KINDS = [
    # finding 4: bytes changed without a word
    pytest.param("bad_utf8.txt", BAD,
                 lambda items: _one_article(items).text.count("\ufffd") == 2 and "\xff" not in items[0].text,
                 id="invalid-utf8-read-as-cp1252"),
    pytest.param("mojibake.txt", ("Caf\u00e9 owners in Freedom Square said " + TEXT).encode().decode("latin-1").encode(),
                 lambda items: "Caf\u00e9" in _one_article(items).text, id="mojibake-kept"),
    pytest.param("nul.jsonl", json.dumps({"id": "n", "text": TEXT[:50] + "\x00" + TEXT[50:]}).encode() + b"\n",
                 lambda items: "\x00" not in _one_article(items).text, id="nul-from-jsonl"),
    pytest.param("fallback.rss", _feed(f"&lt;p&gt;{TEXT}&lt;/p&gt;&lt;iframe&gt;Your browser cannot show this"
                                       "&lt;/iframe&gt;&lt;noscript&gt;Enable JavaScript to watch&lt;/noscript&gt;"),
                 lambda items: "JavaScript" not in _texts(items) and "browser" not in _texts(items) and _texts(items),
                 id="iframe-noscript-fallback"),
    pytest.param("mixed.txt", f"{LONG_ENGLISH}\n\n{LONG_GERMAN}\n\n{LONG_GERMAN}".encode(),
                 lambda items: isinstance(items[0], Skipped) or _one_article(items).mixed_language,
                 id="english-first-mixed-language"),
    # found here (ingest): a JSON escape of a lone surrogate is valid JSON but no text
    pytest.param("surrogate.jsonl", b'{"id": "s", "text": "' + TEXT.encode() + b' \\ud800 end"}\n',
                 lambda items: "reader_error" not in _reasons(items) and "\ud800" not in _texts(items),
                 id="lone-surrogate-escape"),
    # found by bench/fuzz.py (ingest): feedparser raised on a bad encoding name in the XML declaration
    pytest.param("enc_bytes.rss", _feed(TEXT).replace(b"version='1.0'?>", b"version='1.0' encoding='latin\x941'?>"),
                 lambda items: _reasons(items) == ["malformed_feed"] or "ok" in _reasons(items),
                 id="feed-encoding-name-not-utf8"),
    pytest.param("enc_nul.rss", _feed(TEXT).replace(b"version='1.0'?>", b"version='1.0' encoding='utf\x008'?>"),
                 lambda items: _reasons(items) in (["malformed_feed"], ["binary"]) or "ok" in _reasons(items),
                 id="feed-encoding-name-with-nul"),
    # held at f3692ea, kept here
    pytest.param("laughs.rss", _feed("&lol9;", "<!DOCTYPE rss [<!ENTITY lol 'lol'>" + "".join(
        f"<!ENTITY lol{n} '{('&lol' + (str(n - 1) if n > 1 else '') + ';') * 10}'>" for n in range(1, 10)) + "]>"),
                 lambda items: "lollol" not in _texts(items) and "reader_error" not in _reasons(items),
                 id="billion-laughs-feed"),
    pytest.param("xxe.rss", _feed(f"{LONG_ENGLISH} &xxe;", "<!DOCTYPE rss [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"),
                 lambda items: "root:" not in _texts(items) and "reader_error" not in _reasons(items), id="xxe-feed"),
    pytest.param("script.html", f"<html><body><article><p>{LONG_ENGLISH}</p><script>alert('owned')</script><style>"
                 "p {{color: red}}</style><p onclick=\"steal()\">{TEXT}</p></article></body></html>".encode(),
                 lambda items: not any(w in _one_article(items).text for w in ("alert", "color", "steal", "<")),
                 id="script-and-style-in-html"),
    pytest.param("wrong_charset.html", f"<html><head><meta charset='iso-8859-1'></head><body><article><p>Caf\u00e9 "
                 f"{LONG_ENGLISH}</p></article></body></html>".encode(),
                 lambda items: "ok" in _reasons(items), id="declared-charset-wrong"),
    pytest.param("crlf.jsonl", json.dumps({"id": "c", "text": TEXT}).encode() + b"\r\n" + json.dumps(
        {"id": "d", "text": TEXT + " Again."}).encode() + b"\r\n", lambda items: _reasons(items) == ["ok", "ok"],
                 id="jsonl-crlf"),
    pytest.param("bom.jsonl", b"\xef\xbb\xbf" + json.dumps({"id": "b", "text": TEXT}).encode() + b"\n",
                 lambda items: len(items) == 1 and _reasons(items)[0] in ("ok", "malformed_json"), id="jsonl-bom"),
    pytest.param("long_line.jsonl", json.dumps({"id": "l", "text": TEXT * 600}).encode() + b"\n" + json.dumps(
        {"id": "m", "text": TEXT}).encode() + b"\n", lambda items: _reasons(items) == ["too_large", "ok"],
                 id="jsonl-line-over-limit"),
    pytest.param("cut.jsonl.gz", _gz_jsonl_truncated(),
                 lambda items: _reasons(items)[-1] == "malformed_gzip" and set(_reasons(items)[:-1]) == {"ok"}
                 and len(items) > 1, id="jsonl-gzip-cut-midway"),
    pytest.param("deep.jsonl", b"[" * 20_000 + b"]" * 20_000 + b"\n" + json.dumps({"id": "e", "text": TEXT}).encode(),
                 lambda items: _reasons(items) == ["malformed_json", "ok"],
                 id="jsonl-deep-nesting"),
    pytest.param("number.jsonl", b'{"id": 1, "text": 5}\n{"id": [1], "text": "' + TEXT.encode() + b'"}\n',
                 lambda items: _reasons(items) == ["malformed_json", "malformed_json"], id="jsonl-wrong-types"),
    pytest.param("empty.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>",
                 lambda items: _reasons(items) == ["empty_feed"], id="feed-without-entries"),
    pytest.param("no_content.rss", _feed(""), lambda items: _reasons(items) == ["missing_text"],
                 id="feed-entry-without-content"),
    pytest.param("good.atom", f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>W</title><entry>"
                 f"<title>t</title><id>1</id><content type='html'>&lt;p&gt;{LONG_ENGLISH}&lt;/p&gt;</content></entry>"
                 "</feed>".encode(), lambda items: _reasons(items) == ["ok"], id="atom-feed"),
    pytest.param("deep.html", ("<html><body>" + "<div>" * 50_000 + TEXT + "</div>" * 50_000 + "</body></html>").encode(),
                 lambda items: "reader_error" not in _reasons(items) and len(items) == 1, id="html-deep-nesting"),
    pytest.param("bidi.txt", f"\u202e{TEXT}\u200b\u200d {TEXT}\u2066".encode(),
                 lambda items: "ok" in _reasons(items), id="bidi-and-zero-width"),
    pytest.param("only_script.html", b"<html><body><script>" + TEXT.encode() * 5 + b"</script></body></html>",
                 lambda items: _reasons(items) == ["missing_text"], id="html-text-only-in-script"),
]


@pytest.mark.parametrize(("name", "data", "check"), KINDS)
def test_hostile_kind(tmp_path: Path, name: str, data: bytes, check) -> None:
    (tmp_path / "a_good.txt").write_bytes(TEXT.encode())
    (tmp_path / name).write_bytes(data)
    items = list(read_paths([tmp_path], IngestOptions(max_item_bytes=LIMIT)))
    assert outcome(items[0], tmp_path) == ("a_good.txt", "ok"), "the batch did not go on"
    kind = items[1:]
    assert kind and all(isinstance(i, Article) or (i.reason and i.detail) for i in kind)
    assert check(kind), [(getattr(i, "reason", "ok"), getattr(i, "detail", "")) for i in kind]


def test_unreadable_paths_on_the_command_line_do_not_stop_the_rest(tmp_path: Path) -> None:
    """Finding 5: a bad path named on the command line is one failed item, the good files beside it are stored."""
    from typer.testing import CliRunner

    from sitroom.cli import app
    from sitroom.store import open_store

    (tmp_path / "good.txt").write_bytes(TEXT.encode())
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    db = tmp_path / "s.db"
    paths = [str(tmp_path / n) for n in ("missing.txt", "dangling.txt", "pipe.txt", "good.txt")]
    result = CliRunner().invoke(app, ["ingest", *paths, "--db", str(db)])
    assert result.exit_code == 1, result.output
    with open_store(str(db)) as store:
        assert store.counts()["articles"] == 1
        reasons = sorted(row.reason for row in store.iter_problems())
    assert reasons == ["unreadable", "unreadable", "unsupported_format"]


def test_the_whole_bad_corpus_through_the_cli_loses_nothing(tmp_path: Path) -> None:
    """Every kind above in one folder, ingested by the CLI: each good item stored, each bad one a problem row."""
    from typer.testing import CliRunner

    from sitroom.cli import app
    from sitroom.store import open_store

    root = tmp_path / "in"
    root.mkdir()
    build(root)
    for kind in KINDS:
        name, data, _ = kind.values
        (root / f"kind_{name}").write_bytes(data)
    options = IngestOptions(max_item_bytes=LIMIT)
    items = list(read_paths([root], options))
    good = {i.id for i in items if isinstance(i, Article)}
    bad = [i for i in items if not isinstance(i, Article)]
    config = tmp_path / "c.toml"
    config.write_text(f"[ingest]\nmax_item_bytes = {LIMIT}\n")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["--config", str(config), "ingest", str(root), "--db", str(db)])
    assert result.exit_code == 1, result.output  # some items failed, the rest were stored
    with open_store(str(db)) as store:
        assert set(store.article_ids()) == good
        problems = {(row.source, row.reason) for row in store.iter_problems()}
    assert problems == {(i.source, i.reason) for i in bad}
