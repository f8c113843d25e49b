"""Windows cover a long text whole, contiguously, cut at breaks (the text past 200,000 characters was lost)."""

from __future__ import annotations

import random

import pytest

from sitroom.text.windows import windows


def check_cover(text: str, spans: list[tuple[int, int]], size: int) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= size for start, end in spans) or text == ""


def test_a_short_text_is_one_window():
    assert windows("short text", 100) == [(0, 10)]
    assert windows("", 100) == [(0, 0)]


def test_cuts_fall_after_paragraph_breaks_before_line_breaks_before_spaces():
    text = ("a" * 60 + "\n\n") + ("b" * 30 + "\n") + "c" * 40
    (first, second, *_) = windows(text, 100)
    assert text[first[0]:first[1]].endswith("\n\n")
    spaced = "word " * 50
    assert all(spaced[s:e].endswith(" ") for s, e in windows(spaced, 37)[:-1])


def test_text_with_no_break_is_cut_at_the_limit():
    text = "x" * 250
    assert windows(text, 100) == [(0, 100), (100, 200), (200, 250)]


@pytest.mark.parametrize("seed", range(20))
def test_any_text_is_covered_whole(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab \n") for _ in range(rng.randrange(1, 5000)))
    size = rng.randrange(10, 700)
    check_cover(text, windows(text, size), size)


def test_a_window_size_below_one_is_refused():
    with pytest.raises(ValueError):
        windows("text", 0)
