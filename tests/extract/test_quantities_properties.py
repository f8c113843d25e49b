"""Property tests for the quantity parser (text/numbers.py) and sitroom_quantities: any text -> no exception;
each Quantity's evidence is its text slice and its bounds are ordered (low <= value <= high where set).

A vague count is the exception the lexicon documents: its value is the figure ACLED codes for the word
("dozens" = 12, see sitroom.acled), which may lie under the range read from it (24-99); it never lies above."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.extract.quantities import QuantityTagger
from sitroom.extract.times import TimeTagger
from sitroom.text.numbers import parse_number

# Examples per property: parse_number is pure (microseconds), the component parses each text (~5 ms).
NUMBER_EXAMPLES = 500
QUANTITY_EXAMPLES = 200

WORDS = st.sampled_from([
    "0", "1", "12", "1,200", "30,415", "1,2,3", ",", "1.5", "0.5", "1e9", "99999999999999999999999", "-3",
    "a", "an", "one", "two", "twenty-four", "ninety nine", "dozen", "a dozen", "a hundred", "hundred", "thousand",
    "million", "billion", "tens of thousands", "several", "a few", "dozens", "hundreds", "some", "about",
    "nearly", "more than", "at least", "up to", "fewer than", "between", "and", "to", "-", "–", "or", "from",
    "people", "children", "soldiers", "civilians", "killed", "injured", "were", "$", "€", "£", "UAH", "per cent",
    "%", "km", "years", "days", "no one", "the two", "\n", ".",
])
TEXTS = st.lists(WORDS | st.text(max_size=6), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=NUMBER_EXAMPLES)
@given(TEXTS | st.text(max_size=30))
def test_parse_number_any_text(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, (int, float)) and not math.isnan(value) and value >= 0)


@settings(max_examples=NUMBER_EXAMPLES)
@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_reads_digits_back(number: int) -> None:
    assert parse_number(f"{number:,}") == number
    assert parse_number(str(number)) == number


@pytest.mark.parametrize("text", [",", ",,", ",5", "1,,"])
def test_parse_number_commas(text: str) -> None:
    """Found by the property above: "," alone raised ValueError (float(""))."""
    assert parse_number(text) == (None if text.startswith(",") else 1.0)


@pytest.fixture(scope="module")
def quantities(nlp_model):
    times, tagger = TimeTagger(), QuantityTagger()

    def run(text: str):
        doc = nlp_model(text)
        doc._.published = None
        doc._.published_inferred = None
        return doc, tagger(times(doc))._.quantities

    return run


@settings(max_examples=QUANTITY_EXAMPLES)
@given(TEXTS)
def test_quantities_any_text(quantities, text: str) -> None:
    doc, found = quantities(text)
    for quantity in found:
        for evidence in (quantity.evidence, quantity.unit_evidence):
            if evidence is not None:
                assert 0 <= evidence.start < evidence.end <= len(doc.text)
                assert doc.text[evidence.start:evidence.end] == evidence.text
        value = None if quantity.approximation == "vague" else quantity.value
        bounds = [b for b in (quantity.low, value, quantity.high) if b is not None]
        assert bounds or quantity.value is not None, quantity
        assert bounds == sorted(bounds), quantity
        if quantity.value is not None and quantity.high is not None:
            assert quantity.value <= quantity.high, quantity
