"""The one quote finder: curly marks pair up, straight ones toggle, doubled apostrophes are a straight mark."""

from __future__ import annotations

from sitroom.text.quotes import quote_around, quote_spans


def test_quote_spans_pair_curly_and_straight_marks() -> None:
    text = 'He said "yes" and “no”.'
    assert [text[s:e] for s, e in quote_spans(text)] == ['"yes"', "“no”"]


def test_quote_spans_read_doubled_apostrophes_as_a_straight_mark() -> None:
    text = "''We're a content provider,'' Mr. King's aide told me, ''nothing else.''"
    assert [text[s:e] for s, e in quote_spans(text)] == ["''We're a content provider,''", "''nothing else.''"]


def test_a_quote_left_open_closes_at_the_paragraph_end() -> None:
    text = "“We stay.\n\nThe mayor left."
    assert quote_spans(text) == []
    assert quote_spans("“a” and “b”") == [(0, 3), (8, 11)]


def test_quote_around_finds_the_quotation_that_holds_a_range() -> None:
    quotes = quote_spans('He said "we stay" today.')
    assert quote_around(quotes, 9, 11) == (8, 17)
    assert quote_around(quotes, 0, 2) is None


def test_a_quote_left_open_before_a_paragraph_that_reopens_it_is_a_quotation_when_asked() -> None:
    text = "“We stay.\n\n“We will rebuild,” she said.\n\nThe mayor left."
    assert [text[s:e] for s, e in quote_spans(text, continued=True)] == ["“We stay.", "“We will rebuild,”"]
    assert [text[s:e] for s, e in quote_spans(text)] == ["“We will rebuild,”"]
    assert quote_spans("“We stay.\n\nThe mayor left.", continued=True) == []
