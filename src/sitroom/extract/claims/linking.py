"""Which claim answers which, and which claim a verification phrase qualifies: the part of those rules that needs
no parse. It works on model objects and strings only and imports no spaCy, so fusion can link claims across
articles with the same rules; ``responses`` reads the parse into the plain facts these functions take (a noun's
cue lemmas, its possessor's actor, the sentence a phrase is in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitroom.model import Claim, Evidence, VerificationNote, Verification

# The cue lemmas of a claim noun that names no cue in particular: any earlier claim will do, the latest first.
ANY_CUE = "*"


def response_sources(claim: Claim) -> tuple[str | None, str | None]:
    """(source to avoid, source to prefer) for the claim ``claim``'s nominal content refers to: a response (a
    denial, no comment) answers someone else's claim; an assertion about 'the report' is about its source's own."""
    if claim.stance != "assert":
        return claim.source, None
    return None, claim.source


def referent(claims: list[Claim], before: int, cue_lemmas: tuple[str, ...], references: frozenset[str], *,
             owner: str | None = None, exclude: str | None = None, exclude_source: str | None = None,
             prefer_source: str | None = None) -> str | None:
    """The id of the claim a claim noun names: among the claims whose cue comes before ``before`` (not ``exclude``,
    not the ``references``, claims that are themselves a noun pointing back), those of the noun's possessor
    (``owner``) where it has any, then without ``exclude_source`` and with ``prefer_source`` where that leaves
    any; of those, the one whose cue lemma the noun names first (``cue_lemmas``, in order of preference), the
    latest among equals."""
    candidates = [c for c in claims if c.cue.start < before and c.id != exclude and c.id not in references]
    if owner is not None:
        owned = [c for c in candidates if c.source == owner]
        candidates = owned or candidates
    if exclude_source is not None:
        candidates = [c for c in candidates if c.source != exclude_source] or candidates
    if prefer_source is not None:
        candidates = [c for c in candidates if c.source == prefer_source] or candidates
    if not candidates:
        return None

    def rank(c: Claim) -> tuple[int, int]:
        order = cue_lemmas.index(c.cue_lemma) if c.cue_lemma in cue_lemmas else len(cue_lemmas)
        if ANY_CUE in cue_lemmas:
            order = 0
        return (-order, c.cue.start)

    return max(candidates, key=rank).id


def verification_phrases(text: str, patterns: Iterable[tuple[str, re.Pattern[str]]]) -> list[tuple[str, int, int]]:
    """(status, start, end) of every verification phrase in ``text``: the patterns in order, a later match that
    overlaps an earlier one dropped."""
    found: list[tuple[str, int, int]] = []
    for status, pattern in patterns:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for _, s, e in found):
                continue
            found.append((status, match.start(), match.end()))
    return found


def claim_containing(claims: list[Claim], offset: int) -> Claim | None:
    """The first claim whose content holds the character at ``offset`` (a phrase inside what was said)."""
    return next((c for c in claims if c.content.start <= offset < c.content.end), None)


def claim_sourced_at(claims: list[Claim], offset: int) -> Claim | None:
    """The first claim whose source as written holds ``offset`` ("unconfirmed reports said ...")."""
    return next((c for c in claims if c.source_mention and c.source_mention.start <= offset < c.source_mention.end),
                None)


def latest_claim_of(claims: list[Claim], source: str, before: int) -> Claim | None:
    """The latest claim by ``source`` whose cue starts before ``before``."""
    owned = [c for c in claims if c.source == source and c.cue.start < before]
    return owned[-1] if owned else None


def nearest_claim(claims: list[Claim], start: int, end: int, offset: int) -> Claim | None:
    """Of the claims whose cue lies in [start, end) (a sentence), the one whose cue is nearest ``offset``;
    failing that, the latest whose cue comes before ``offset``."""
    inside = [c for c in claims if start <= c.cue.start < end]
    if inside:
        return min(inside, key=lambda c: abs(c.cue.start - offset))
    earlier = [c for c in claims if c.cue.start < offset]
    return earlier[-1] if earlier else None


def add_verification(claim: Claim, status: Verification, evidence: Evidence) -> None:
    """Note on ``claim`` that the text qualifies it ("could not be independently verified")."""
    claim.verification.append(VerificationNote(status, evidence))
