"""Bytes to text, or a specific reason why not (binary, undecodable), and a record of what reading changed.

Shared by every reader. Nothing is changed without a word: bytes that are no text become U+FFFD, mojibake is
repaired by ftfy where it is sure, NUL and control characters are dropped, and each is counted in a
:class:`Changes` that the reader stamps on the Article (``decoding``, ``replaced_bytes``, ``dropped_controls``,
``repaired_mojibake``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy

from sitroom.ingest.article import ItemError
from sitroom.model import Article

# Magic numbers of common non-text files, named in the error so a user sees what was fed in.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
    (b"SQLite format 3", "SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Calibrated by hand on Western-European texts saved as latin-1/cp1252 (under 10 % non-ASCII letters) versus
# random bytes (over 45 %): a cp1252 reading above this share of non-ASCII characters is garbage, not text.
MAX_NON_ASCII_SHARE = 0.3
# A UTF-8 text with up to this share of corrupt bytes is read with U+FFFD for them (pages in the wild carry a
# few); set by hand: one bad byte per 100 characters is damage, more is another encoding or garbage (read as
# cp1252 when that reads as text, below; else still as UTF-8 with U+FFFD, counted, when not garbage).
MAX_BAD_UTF8_SHARE = 0.01
# Bytes that are not UTF-8 are read as cp1252 only when that reading looks like text: at most this share of its
# non-ASCII characters out of place (a letter outside CP1252_LETTERS, an uppercase letter after a lowercase one
# as in "striÀke", a mark outside CP1252_MARKS or glued between two letters). Measured on the shared corpus and
# the demo corpus saved as cp1252 (879 texts with non-ASCII characters): none out of place, all read back as
# cp1252 (tests/ingest/test_decode.py keeps this); one random byte 0x80-0xff put into each of their 1,756 texts
# made ASCII is caught as damage in 53 % of them (the rest read, as before, as cp1252, and recorded so), two bytes
# in 77 %, three in 89 %, five in 98 %.
MAX_MISPLACED_SHARE = 0.1
# Letters and marks of text written in cp1252: the Western European alphabets and typography. Left out: ÿ Ÿ ƒ (a
# few French names; a hook f) and the marks ftfy finds almost only in mojibake (¤ ¦ ¨ ¬ ¯ ¸ ˆ ˜ † ‡ ‰ ª º).
CP1252_LETTERS = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþŒœŠšŽž"
CP1252_MARKS = "‘’‚“”„–—…•€£¥¢©®™°±§¶·«»‹›¿¡×÷½¼¾²³¹µ´\xa0\xad"
WORD_MARKS = "’‘–—…·\xad"  # marks that sit between two letters in real text ("don’t", "and…that", "l·l")
# NUL bytes above this share make a file binary; below it they are stray damage and dropped (set by hand).
MAX_NUL_SHARE = 0.001
# Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary.
MAX_CONTROL_SHARE = 0.01
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # all but tab, newline, carriage return, form feed
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")  # unpaired (a JSON "\\udc80"): no character, cannot be stored
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_LINE_RE = re.compile(r"[^\n]*\n?")
_DECLARED_RE = re.compile(
    rb"""<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)|<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# ftfy where it is sure: only its encoding repairs, which act where its badness measure finds mojibake (C1
# controls inside mojibake included); nothing that changes clean text (no quote uncurling, width folding,
# ligatures, NFC, entity unescaping), and no blanket cp1252 reading of C1 controls (fix_c1_controls): a C1
# control its measure does not find in mojibake is dropped and counted as a control.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_c1_controls=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


@dataclass(frozen=True)
class Changes:
    """What reading did to an input's text; stamped on its Article so that no change goes without a word."""

    encoding: str = ""  # codec the bytes were read with; "" when the reader was given text
    replaced: int = 0  # U+FFFD put in for bytes (or lone surrogates) that are no text
    dropped: int = 0  # NUL and other control characters taken out
    repaired: int = 0  # lines whose mojibake ftfy repaired

    def __add__(self, other: Changes) -> Changes:
        return Changes(
            self.encoding or other.encoding,
            self.replaced + other.replaced,
            self.dropped + other.dropped,
            self.repaired + other.repaired,
        )

    def stamp(self, article: Article) -> Article:
        """Record the changes on ``article``; a U+FFFD counts only when it is in the article's text."""
        article.decoding = self.encoding
        article.replaced_bytes = min(self.replaced, article.text.count("\ufffd"))
        article.dropped_controls = self.dropped
        article.repaired_mojibake = self.repaired
        return article


def sniff_magic(data: bytes) -> str:
    """The name of a known binary format ``data`` starts with, or ''."""
    return next((name for magic, name in MAGIC if data.startswith(magic)), "")


def declared_encoding(data: bytes) -> str:
    """The encoding a document declares near its start (XML declaration or <meta charset>), or ''."""
    match = _DECLARED_RE.search(data[:4096])
    return (match.group(1) or match.group(2)).decode("ascii", "replace") if match else ""


def _utf16_without_bom(data: bytes) -> str:
    """'utf-16-le'/'utf-16-be' when NULs sit at every other byte as in ASCII-heavy UTF-16, else ''."""
    sample = data[:4096]
    if len(sample) < 4:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return ""


def _replacing(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded with U+FFFD for what is not ``encoding``, and how many U+FFFD that put in."""
    text = data.decode(encoding, errors="replace")
    found = text.count("\ufffd")
    return text, found - data.decode(encoding, errors="ignore").count("\ufffd") if found else 0


def decode_utf8(data: bytes) -> tuple[str, int]:
    """(text, U+FFFD put in) for UTF-8 with at most MAX_BAD_UTF8_SHARE corrupt bytes, else ItemError."""
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError as error:
        where = f"{error.reason} at byte {error.start}"
    text, bad = _replacing(data, "utf-8")
    if _is_damage(bad, text):
        return text, bad
    raise ItemError("undecodable", f"not UTF-8 ({where}; {bad} bad sequences in {len(data)} bytes)")


def _is_damage(bad: int, text: str) -> bool:
    return bad <= MAX_BAD_UTF8_SHARE * len(text)


def decode_bytes(data: bytes, declared: str = "") -> tuple[str, Changes]:
    """Decode with a BOM, else UTF-8, else ``declared``, else cp1252 when it reads as text; raise ItemError.

    A UTF-8 text with a few corrupt bytes keeps its text with U+FFFD in place of the bad bytes (counted), unless
    the bytes read as cp1252 text (more bad bytes than valid multi-byte characters, each character in its place,
    see MAX_MISPLACED_SHARE). NUL bytes are kept for :func:`tidy_text` to drop and count. Text in no known
    encoding, or with many NULs or control characters, is an error.
    """
    if not data.strip():
        raise ItemError("empty", "no content" if not data else "only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(*_replacing(data[len(bom) :], encoding), encoding)
    magic = sniff_magic(data)
    if magic:
        raise ItemError("binary", f"{magic}, not text")
    nuls = data.count(0)
    if nuls:
        encoding = _utf16_without_bom(data)
        if encoding:
            return _checked(*_replacing(data, encoding), encoding)
        if nuls > MAX_NUL_SHARE * len(data):
            raise ItemError("binary", f"{nuls} NUL bytes in {len(data)}: not a text file")
    try:
        return _checked(data.decode("utf-8"), 0, "utf-8")
    except UnicodeDecodeError as error:
        where = f"{error.reason} at byte {error.start}"
    if declared:
        try:
            return _checked(data.decode(declared), 0, codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    lenient, bad = _replacing(data, "utf-8")
    text = data.decode("cp1252", errors="replace")
    misplaced = misplaced_share(text) > MAX_MISPLACED_SHARE
    if _is_damage(bad, lenient) and (misplaced or len(_NON_ASCII_RE.findall(lenient)) - bad >= bad):
        return _checked(lenient, bad, "utf-8")
    non_ascii = len(_NON_ASCII_RE.findall(text)) / max(len(text), 1)
    if non_ascii > MAX_NON_ASCII_SHARE:
        raise ItemError(
            "undecodable",
            f"not UTF-8 ({where}); as cp1252 {non_ascii:.0%} of it is non-ASCII, so it is not text in a known encoding",
        )
    if misplaced:  # no cp1252 text either: say which bytes are no text rather than guess letters for them
        return _checked(lenient, bad, "utf-8")
    return _checked(text, text.count("\ufffd"), "cp1252")


def misplaced_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are out of place in text written in cp1252."""
    positions = [match.start() for match in _NON_ASCII_RE.finditer(text)]
    misplaced = sum(1 for at in positions if _misplaced(text, at))
    return misplaced / len(positions) if positions else 0.0


def _misplaced(text: str, at: int) -> bool:
    char = text[at]
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if char in CP1252_LETTERS:
        return char.isupper() and before.islower() or char.islower() and before.isupper() and after.isupper()
    if char in CP1252_MARKS:
        return before.isalpha() and after.isalpha() and char not in WORD_MARKS
    return True


def _checked(text: str, replaced: int, encoding: str) -> tuple[str, Changes]:
    nuls = text.count("\x00")
    controls = len(_CONTROL_RE.findall(text)) - nuls
    if controls > MAX_CONTROL_SHARE * max(len(text) - nuls, 1):
        raise ItemError("binary", f"{controls} control characters in {len(text) - nuls}: not a text file")
    if not text.replace("\x00", "").strip():
        raise ItemError("empty", "only whitespace")
    return text, Changes(encoding=encoding, replaced=replaced)


def read_text_bytes(data: bytes, declared: str = "") -> tuple[str, Changes]:
    """Bytes of one document as tidy text (:func:`decode_bytes`, then :func:`tidy_text`), with what changed."""
    text, changes = decode_bytes(data, declared)
    return tidy_text(text, changes)


def tidy_text(text: str, changes: Changes | None = None) -> tuple[str, Changes]:
    """Mojibake repaired (where ftfy is sure), then controls dropped and lone surrogates replaced; all counted.

    ``changes`` (what decoding did before) is added to. Repair comes first: C1 controls are part of some mojibake.
    """
    text, repaired = repair_mojibake(text)
    text, dropped, replaced = scrub_controls(text)
    return text, (changes or Changes()) + Changes(replaced=replaced, dropped=dropped, repaired=repaired)


def repair_mojibake(text: str) -> tuple[str, int]:
    """(text, lines changed) with the mojibake ftfy is sure of repaired line by line ("donâ€™t" -> "don’t")."""
    if text.isascii():
        return text, 0
    lines, repaired = [], 0
    for match in _LINE_RE.finditer(text):
        line = match.group()
        fixed = line if line.isascii() else ftfy.fix_text(line, _FTFY)
        repaired += fixed != line
        lines.append(fixed)
    return "".join(lines), repaired


def scrub_controls(text: str) -> tuple[str, int, int]:
    """(text, controls dropped, lone surrogates replaced by U+FFFD): NUL and the C0/C1 controls but tab, newline,
    carriage return and form feed go; an unpaired surrogate, which no encoding can write, becomes U+FFFD."""
    text, dropped = _CONTROL_RE.subn("", text)
    text, replaced = _SURROGATE_RE.subn("\ufffd", text)
    return text, dropped, replaced
