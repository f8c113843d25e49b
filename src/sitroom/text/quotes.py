"""Quotations in plain text: where each one starts and ends, as character offsets, before any parse.

The one quote finder: the claims component reads quotes with it, and the cue model's features (in training and at
run time) mark with it whether a word sits inside a quotation.
"""

from __future__ import annotations

OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTES = '"'


def quote_spans(text: str, continued: bool = False) -> list[tuple[int, int]]:
    """[start, end) of every quotation, marks included; curly quotes pair up, a straight one toggles. Two
    apostrophes are one straight quote: the New York Times archive writes ''...'' for both marks (PolNeAR's NYT
    articles quote that way only), and its quotations are otherwise invisible to every rule that reads quotes.
    A quotation left open at a paragraph's end is dropped, unless ``continued`` and the next paragraph opens with
    a quote mark: news style quotes a speech over several paragraphs so, each one a quotation (the claims
    component reads them; the learned files were trained without them)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    skip = False
    for i, char in enumerate(text):
        if skip:
            skip = False
            continue
        if char == "'" and text[i + 1:i + 2] == "'":
            char, skip = STRAIGHT_QUOTES[0], True
        if char in OPEN_QUOTES or (char in STRAIGHT_QUOTES and start is None):
            start = i
        elif (char in CLOSE_QUOTES or char in STRAIGHT_QUOTES) and start is not None:
            spans.append((start, i + 2 if skip else i + 1))
            start = None
        elif char == "\n" and start is not None and text[i + 1:i + 2] == "\n":
            if continued and text[i:].lstrip()[:1] in OPEN_QUOTES + STRAIGHT_QUOTES:
                spans.append((start, len(text[:i].rstrip())))  # '“... \n\n“...': the speech goes on
            start = None  # a quote left open at a paragraph end closes there (news style reopens it)
    return spans


def quote_around(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first of ``quotes`` that holds the characters [start, end), if any."""
    for q_start, q_end in quotes:
        if q_start <= start and end <= q_end:
            return q_start, q_end
    return None
