"""Numbers written in digits or words ("1,200", "twenty-four", "1.5 million", "a dozen"): the one parser, and the
regular expression that finds them, for every component that reads a count.

The words come from the packaged quantities lexicon ("quantities/lexicon.json": its "numbers" and "scales"),
read through ``sitroom.lexicons``; a component given its own data folder passes its own tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom import lexicons

LEXICON = "quantities/lexicon.json"
# Digits with thousands separators ("30,415") or without, with an optional decimal part.
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Compound number words ("twenty-four", "ninety nine").
TENS = ("(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        "(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")


@dataclass(frozen=True)
class NumberWords:
    """Number words ("three": 3, "a dozen": 12) and scale words ("million": 1000000)."""

    numbers: Mapping[str, int]
    scales: Mapping[str, int]

    @classmethod
    def of(cls, lexicon: Mapping[str, Any]) -> "NumberWords":
        """The tables of a lexicon holding "numbers" and "scales" (the quantities lexicon's layout)."""
        return cls(dict(lexicon["numbers"]), dict(lexicon["scales"]))


@lru_cache(maxsize=4)
def number_words(data_dir: str = "") -> NumberWords:
    """The packaged number words, or those of ``data_dir``'s lexicon.json ("" = packaged)."""
    return NumberWords.of(lexicons.read_json(LEXICON, data_dir or None))


def parse_number(text: str, words: NumberWords | None = None) -> float | None:
    """'30,415' -> 30415, 'twenty-four' -> 24, '1.5 million' -> 1500000, 'a dozen' -> 12, 'several' -> None."""
    words = words or number_words()
    numbers, scales = words.numbers, words.scales
    text = re.sub(r"\s+", " ", text.lower().strip())
    parts = text.split(" ")
    if len(parts) >= 2 and " ".join(parts[:2]) in numbers:  # "a dozen", "a hundred"
        parts = [str(numbers[" ".join(parts[:2])])] + parts[2:]
    total = None
    for part in parts:
        if part in scales:
            total = (total if total is not None else 1) * scales[part]
            continue
        if total is not None:
            return None
        if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", part):  # a digit first: "," alone is no number
            total = float(part.replace(",", ""))
        elif part in numbers:
            total = float(numbers[part])
        elif re.fullmatch(r"[a-z]+-[a-z]+", part):
            tens, unit = part.split("-")
            if tens not in numbers or unit not in numbers:
                return None
            total = float(numbers[tens] + numbers[unit])
        else:
            return None
    return total


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of the phrases, longest first, spaces matching any run of whitespace."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


def number_pattern(words: NumberWords | None = None, skip: Iterable[str] = ()) -> str:
    """A regex fragment (no groups) matching one number as ``parse_number`` reads it: digits, a compound or
    single number word (but those in ``skip``), then up to two scale words ("1.5 million", "two hundred")."""
    words = words or number_words()
    skipped = set(skip)
    single = alternation([w for w in words.numbers if w not in skipped])
    scale = r"(?:\s+" + alternation(list(words.scales)) + r"){0,2}"
    return f"(?:(?:{DIGITS}|{TENS}|{single}){scale})"
