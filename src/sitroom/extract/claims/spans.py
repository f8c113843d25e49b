"""Token ranges over the parse, as the claim rules cut them, and the dependency labels they share."""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Labels of a cue's children that are its subject.
SUBJECT_DEPS = ("nsubj", "csubj")


def trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Token range [first, last] without punctuation at either end or a conjunction at its end (a leading "But"
    stays, as PolNeAR marks it)."""
    while first <= last and doc[first].is_punct and doc[first].text not in "“\"":
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].dep_ == "cc") and doc[last].text not in "”\"":
        last -= 1
    return (first, last) if first <= last else None


def subtree_range(token: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    indices = [t.i for t in token.subtree if not exclude or t.i not in exclude]
    return min(indices), max(indices)


def chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)
