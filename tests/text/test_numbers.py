"""sitroom.text.numbers: the one number parser, and the regex fragment that finds what it parses."""

from __future__ import annotations

import ast
import inspect
import re

import pytest

from sitroom.text import numbers
from sitroom.text.numbers import NumberWords, alternation, number_pattern, number_words, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("30,415", 30415), ("1,200", 1200), ("3", 3), ("2.5", 2.5), ("three", 3), ("Twenty-four", 24),
    ("two hundred", 200), ("1.5 million", 1_500_000), ("a dozen", 12), ("dozen", 12), ("a thousand", 1000),
    ("two  hundred\nthousand", 200_000),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["several", "dozens", "million two", "twenty-foo", "", "3 people"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_own_tables() -> None:
    words = NumberWords(numbers={"drei": 3}, scales={"tausend": 1000})
    assert parse_number("drei tausend", words) == 3000
    assert parse_number("three", words) is None


def test_packaged_tables_are_read_once() -> None:
    assert number_words() is number_words()
    assert number_words().numbers["twelve"] == 12 and number_words().scales["million"] == 1_000_000


@pytest.mark.parametrize(("text", "found"), [
    ("killed 1,200 people", "1,200"), ("some twenty-four sailors", "twenty-four"),
    ("1.5 million people", "1.5 million"), ("a dozen drones", "a dozen"),
])
def test_number_pattern_finds_what_parse_number_reads(text: str, found: str) -> None:
    match = re.search(number_pattern(), text, re.IGNORECASE)
    assert match is not None and match.group(0) == found
    assert parse_number(match.group(0)) is not None


def test_number_pattern_skips_words() -> None:
    assert re.fullmatch(number_pattern(skip=("zero",)), "zero") is None
    assert re.fullmatch(number_pattern(), "zero") is not None


def test_alternation_prefers_longer_phrases_and_any_whitespace() -> None:
    assert re.match(alternation(["a", "a few"]), "a  few").group(0) == "a  few"


def test_no_spacy() -> None:
    tree = ast.parse(inspect.getsource(numbers))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {name for name in imported if name.split(".")[0] in ("spacy", "thinc")}
