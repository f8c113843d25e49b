"""Word shingles with stable hashes: the one way texts are compared for near-duplication and similarity.

Hashes are CRC-32 of the normalized shingle, not Python's ``hash`` (salted per process), so fingerprints stored
today match those computed tomorrow.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib

WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to tell two claims or event sentences apart.
STOPWORDS = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been being it its this that these"
    " those he she they we i you his her their our my your them us him me has have had do does did will would"
    " shall should can could may might must not no said says say also than then there here which who whom whose"
    " what when where why how all any each other such into over about after before up down out off so very just"
    " s".split()
)


def words(text: str) -> list[str]:
    """The text's words, lowercased and accent-folded ("Zelenskyy's" -> ["zelenskyy", "s"])."""
    folded = text.lower()
    if not folded.isascii():
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return WORD.findall(folded)


def content_word_set(text: str) -> tuple[str, ...]:
    """The distinct content words, sorted, each the one interned copy of its string: a corpus's vocabulary is
    small, so the words kept for every sentence of a corpus share their strings, and a tuple of them costs 8 bytes
    a word where a frozenset costs about 50 (fusion keeps one for every event and claim)."""
    return tuple(sorted(set(map(sys.intern, content_words(text)))))


def shared_words(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many words two word tuples of ``content_word_set`` have in common."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(set(small).intersection(large))


def content_words(text: str) -> list[str]:
    """The words that carry meaning: no stopwords, no one-letter tokens."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def shingles(tokens: list[str], size: int) -> set[str]:
    """Every run of ``size`` consecutive tokens (the whole list as one when it is shorter)."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def stable_hash(shingle: str) -> int:
    """A 32-bit hash of a shingle that is the same in every process."""
    return zlib.crc32(shingle.encode("utf-8"))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def overlap(a: set[str], b: set[str]) -> float:
    """The share of the smaller set found in the larger (a truncated copy scores 1)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
