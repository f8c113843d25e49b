"""Where to cut a long text into windows that together cover all of it, so no character goes unread.

A cut falls at the last paragraph break before the window's end, else the last line break, else the last space,
else at the limit itself; the break's whitespace stays with the earlier window, so the windows are contiguous:
``windows[0][0] == 0``, ``windows[-1][1] == len(text)`` and each window starts where the one before ends.
"""

from __future__ import annotations

# A cut looks back at most this share of the window for a break, so windows stay near their size.
LOOK_BACK = 0.5
BREAKS = ("\n\n", "\n", " ")


def windows(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) character ranges of at most ``size`` characters each covering ``text`` whole, in order."""
    if size < 1:
        raise ValueError(f"window size must be at least 1, not {size}")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        floor = start + int(size * (1 - LOOK_BACK))
        cut = limit
        for mark in BREAKS:
            found = text.rfind(mark, floor, limit)
            if found > start:
                cut = found + len(mark)
                break
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans
