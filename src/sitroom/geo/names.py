"""Place-name keys: romanization, normalization, the spelling skeleton, town codes and demonym stems.

The many romanizations of one Ukrainian or Russian name (Kharkiv/Kharkov, Mykhaylivka/Mikhaylovka/Михайлівка) meet
in one *skeleton* (the rules of data/places/skeleton.tsv), which the gazetteer indexes and queries by. The tables
are data files read through :mod:`sitroom.lexicons`; nothing here knows the gazetteer file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sitroom import lexicons

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4})$")  # "SEA", "NYC", "L.A.": IATA codes and abbreviations
_INITIALS = re.compile(r"\b[a-z](?: [a-z]\b)+")
_EXTRA_LATIN = str.maketrans({"ß": "ss", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d",
                              "þ": "th", "ħ": "h"})


def _rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated table under data/places."""
    return lexicons.read_rows(f"places/{name}")


@lru_cache(maxsize=1)
def _cyrillic_table() -> tuple[dict[str, str], dict[str, str]]:
    inner: dict[str, str] = {}
    initial: dict[str, str] = {}
    for row in _rows("cyrillic_latin.tsv"):
        inner[row[0]] = row[1] if len(row) > 1 else ""
        initial[row[0]] = row[2] if len(row) > 2 and row[2] else inner[row[0]]
    return inner, initial


@lru_cache(maxsize=1)
def _skeleton_rules() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(row[0]), row[1] if len(row) > 1 else "") for row in _rows("skeleton.tsv")]


@lru_cache(maxsize=1)
def skeleton_countries() -> frozenset[str]:
    """Countries where a match by skeleton alone counts (data/places/skeleton_countries.tsv)."""
    return frozenset(row[0] for row in _rows("skeleton_countries.tsv"))


def romanize(text: str) -> str:
    """Latin spelling of a Cyrillic name (KMU 2010 for Ukrainian letters); Latin text passes through."""
    if not _CYRILLIC.search(text):
        return text
    inner, initial = _cyrillic_table()
    out: list[str] = []
    previous_letter = False
    for char in text:
        lower = char.lower()
        table = inner if previous_letter else initial
        if lower in table:
            value = table[lower]
            out.append(value.capitalize() if char != lower else value)
        else:
            out.append(char)
        previous_letter = char.isalpha()
    return "".join(out)


def normalize(name: str) -> str:
    """Lowercase ASCII words: accents, apostrophes and dots dropped, other punctuation a space ("U.S." -> "us")."""
    text = romanize(name).casefold().translate(_EXTRA_LATIN)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’ʼ`.]", "", text)
    text = _NON_WORD.sub(" ", text).strip()
    text = _INITIALS.sub(lambda m: m.group(0).replace(" ", ""), text)  # "u s a" (from "U. S. A.") -> "usa"
    return text[4:] if text.startswith("the ") else text


def is_code(name: str) -> bool:
    """Whether a name is written as a code: two to four capitals or dotted initials ("SEA", "NYC", "L.A.")."""
    return bool(_CODE.match(name))


def code_key(name: str) -> str:
    """The key of a town's code name ("SEA", an airport code of Seattle): it matches a name in capitals only, so "Sea"
    of "Black Sea" and "The" are no town. Codes of countries and admin units ("USA", "B.C.") stay plain names."""
    return "code:" + normalize(name)


def skeleton(name: str) -> str:
    """The romanization-blind key of a name: normalize, then the rules of data/places/skeleton.tsv."""
    text = normalize(name)
    for pattern, replacement in _skeleton_rules():
        text = pattern.sub(replacement, text)
    return text


# --- demonyms and unit words ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _demonym_rules() -> tuple[dict[str, str], list[tuple[str, str]]]:
    irregular: dict[str, str] = {}
    rules: list[tuple[str, str]] = []
    for row in _rows("demonyms.tsv"):
        if row[0] == "irregular":
            irregular[row[1]] = row[2]
        elif row[0] == "suffix":
            rules.append((row[1], row[2] if len(row) > 2 else ""))
    return irregular, rules


def lexicon_place_name(word: str) -> bool:
    """Whether data/places/demonyms.tsv names a place by this whole word or phrase ("EU", "America")."""
    return word in _demonym_rules()[0]


def demonym_stems(word: str) -> list[str]:
    """The place names a demonym or adjective may stand for, in the order to try them: its irregular entry, then
    the stem of each suffix rule that fits ("Syrian" -> "Syria")."""
    irregular, rules = _demonym_rules()
    names = [irregular[word]] if word in irregular else []
    lower = word.lower()
    # A stem shorter than four letters would meet country codes: "Kazan" is not "KAZ" (Kazakhstan) + "-an".
    names += [word[: len(word) - len(suffix)] + to for suffix, to in rules if lower.endswith(suffix)
              and len(word) - len(suffix) + len(to) >= 4]
    return names


@lru_cache(maxsize=1)
def admin_terms() -> dict[str, list[str]]:
    """Words that name an admin unit ("region", "oblast") and English display suffixes (data/places)."""
    return {k: v for k, v in lexicons.read_json("places/admin_terms.json").items() if not k.startswith("_")}
