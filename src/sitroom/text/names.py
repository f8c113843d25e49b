"""Names as written: the determiners a name may carry in running text ("the Kremlin" is "Kremlin")."""

from __future__ import annotations

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


def strip_article(text: str) -> str:
    """The name without its leading determiners and outer whitespace: "the White House" -> "White House"."""
    words = text.strip().split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)
