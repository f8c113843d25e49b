"""Near-duplicates: copies, truncated and reordered copies are found; different texts are not."""

from __future__ import annotations

import random

from sitroom.fuse.dedup import Deduplicator
from sitroom.model import Article

WORDS = ("strike missile region village drone forces attack city killed injured officials said governor shelling"
         " night morning energy infrastructure defence air alert train station hospital school").split()


def _text(seed: int, n: int = 400) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(n // 10):
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))


def _article(aid: str, text: str, published: str = "2024-10-14") -> Article:
    return Article(id=aid, text=text, published=published)


def test_copies_are_grouped_and_named_by_the_earliest() -> None:
    original = _text(1)
    paragraphs = original.split("\n\n")
    truncated = "\n\n".join(paragraphs[: len(paragraphs) // 2 + 1])
    reordered = "\n\n".join(reversed(paragraphs))
    dedup = Deduplicator()
    dedup.add_all([
        _article("late", reordered, "2024-10-15"), _article("first", original, "2024-10-14"),
        _article("cut", truncated, "2024-10-16"), _article("other", _text(2)),
    ])
    assert dedup.group_of("late") == dedup.group_of("cut") == "first"
    assert dedup.group_of("other") == "other"
    assert dedup.groups() == {"first": ["cut", "first", "late"]}


def test_adding_again_is_idempotent_and_order_free() -> None:
    texts = [_article(f"a{i}", _text(i % 3), f"2024-10-{10 + i}") for i in range(6)]
    one, two = Deduplicator(), Deduplicator()
    one.add_all(texts)
    one.add_all(texts)
    two.add_all(reversed(texts))
    assert one.groups() == two.groups()
    assert one.group_of("a3") == "a0"


def test_short_texts_are_not_called_copies() -> None:
    dedup = Deduplicator()
    dedup.add_all([_article("x", "Air alert in Kyiv."), _article("y", "Air alert in Kyiv.")])
    assert dedup.groups() == {}
