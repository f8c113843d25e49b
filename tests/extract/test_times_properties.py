"""Property tests for sitroom_times: any text with any publication date (or none) -> no exception, and every
TimeExpression's evidence is the slice of the text it names, with its first day no later than its last."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.extract.times import TimeTagger

# Examples per property (the spaCy parse of each text dominates: about 5 ms each).
TIME_EXAMPLES = 200

# Words of the time grammar, numbers at and past the edges of the calendar, and separators.
WORDS = st.sampled_from([
    "January", "Feb.", "March", "31", "29", "0", "00", "99", "February 30", "2024", "9999", "0001", "10000",
    "1990s", "the 2020s", "Monday", "last", "next", "this", "ago", "earlier", "later", "years", "year", "months",
    "weeks", "days", "hours", "decades", "centuries", "Q1", "Q5", "quarter", "fourth", "the first", "summer",
    "winter", "spring", "morning", "tonight", "yesterday", "today", "tomorrow", "every", "since", "until",
    "between", "and", "from", "to", "on", "in", "at", "of", "-", "–", "/", ",", ".", "2024-10-14", "2024-13-45",
    "0000-00-00", "14/10/2024", "99/99/9999", "10:30", "25:99", "a.m.", "p.m.", "GMT", "Christmas", "Easter",
    "999999999999", "a year and a half", "two", "twenty-one", "a dozen", "several", "said", "will", "had", "\n\n",
    # whole phrases, which random joins of single words rarely make
    "next year", "last year", "next month", "last quarter", "next quarter", "a century ago", "next century",
    "two years later", "a decade earlier", "10,000 years ago", "in the coming weeks", "last winter", "next summer",
    "the previous week", "the same quarter a year earlier", "on January 1", "on December 31", "by 9999",
])
TEXTS = st.lists(WORDS | st.text(max_size=8), min_size=1, max_size=25).map(" ".join)
# The calendar's edges (a bogus "published" of 9999-12-31 or 0001-01-01 is read as given) weigh as much as the rest.
EDGES = st.sampled_from([dt.date(1, 1, 1), dt.date(1, 3, 1), dt.date(9999, 12, 31), dt.date(9999, 1, 1), dt.date(100, 1, 1)])
PUBLISHED = st.none() | EDGES | st.dates() | st.datetimes()


@pytest.fixture(scope="module")
def tag(nlp_model):
    tagger = TimeTagger(infer_publication=True)

    def run(text: str, published: dt.date | None):
        doc = nlp_model(text)
        doc._.published = published
        doc._.published_inferred = None
        return doc, tagger(doc)._.times

    return run


@settings(max_examples=TIME_EXAMPLES)
@given(TEXTS, PUBLISHED)
def test_any_text_any_date(tag, text: str, published: dt.date | None) -> None:
    doc, found = tag(text, published)
    for expression in found:
        evidence = expression.evidence
        assert 0 <= evidence.start < evidence.end <= len(doc.text)
        assert doc.text[evidence.start:evidence.end] == evidence.text
        if expression.start and expression.end:
            assert dt.date.fromisoformat(expression.start) <= dt.date.fromisoformat(expression.end), expression


@pytest.mark.parametrize(("text", "published"), [
    ("next year in 9999", dt.date(9999, 12, 31)),
    ("the 1990s and next month", dt.date(9999, 12, 1)),
    ("last quarter", dt.date(1, 1, 2)),
    ("1 century ago", dt.date(50, 1, 1)),
    ("next century", dt.date(9950, 1, 1)),
])
def test_dates_past_the_calendar_get_no_value(tag, text: str, published: dt.date) -> None:
    """Found by the property above: these raised ValueError and failed the whole article's extraction."""
    doc, found = tag(text, published)
    assert all(doc.text[t.evidence.start:t.evidence.end] == t.evidence.text for t in found)
