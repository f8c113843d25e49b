"""Bytes to text, or a specific reason why not: binary, undecodable. Shared by every reader."""

from __future__ import annotations

import codecs
import re

from sitroom.ingest.article import ItemError

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
# few); set by hand: one bad byte per 100 characters is damage, more is another encoding or garbage.
MAX_BAD_UTF8_SHARE = 0.01
# NUL bytes above this share make a file binary; below it they are stray damage and dropped (set by hand).
MAX_NUL_SHARE = 0.001
# Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary.
MAX_CONTROL_SHARE = 0.01
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # all but tab, newline, carriage return, form feed
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def sniff_magic(data: bytes) -> str:
    """The name of a known binary format ``data`` starts with, or ''."""
    return next((name for magic, name in MAGIC if data.startswith(magic)), "")


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


def decode_bytes(data: bytes, declared: str = "") -> str:
    """Decode with a BOM, else UTF-8, else ``declared``, else cp1252 when it reads as text; raise ItemError.

    A UTF-8 text with a few corrupt bytes (more valid multi-byte characters than bad bytes) keeps its text with
    U+FFFD in place of the bad bytes; a few stray NUL bytes are dropped. Text in no known encoding, or with many
    NULs or control characters, is an error.
    """
    if not data.strip():
        raise ItemError("empty", "no content" if not data else "only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom) :].decode(encoding, errors="replace"))
    magic = sniff_magic(data)
    if magic:
        raise ItemError("binary", f"{magic}, not text")
    nuls = data.count(0)
    if nuls:
        encoding = _utf16_without_bom(data)
        if encoding:
            return _checked(data.decode(encoding, errors="replace"))
        if nuls > MAX_NUL_SHARE * len(data):
            raise ItemError("binary", f"{nuls} NUL bytes in {len(data)}: not a text file")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        where = f"{error.reason} at byte {error.start}"
    if declared:
        try:
            return _checked(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if len(_NON_ASCII_RE.findall(lenient)) - bad >= bad and bad <= MAX_BAD_UTF8_SHARE * len(lenient):
        return _checked(lenient)
    text = data.decode("cp1252", errors="replace")
    non_ascii = len(_NON_ASCII_RE.findall(text)) / max(len(text), 1)
    if non_ascii > MAX_NON_ASCII_SHARE:
        raise ItemError(
            "undecodable",
            f"not UTF-8 ({where}); as cp1252 {non_ascii:.0%} of it is non-ASCII, so it is not text in a known encoding",
        )
    return _checked(text)


def _checked(text: str) -> str:
    text = text.replace("\x00", "")
    controls = len(_CONTROL_RE.findall(text))
    if controls > MAX_CONTROL_SHARE * max(len(text), 1):
        raise ItemError("binary", f"{controls} control characters in {len(text)}: not a text file")
    if not text.strip():
        raise ItemError("empty", "only whitespace")
    return text
