"""Dates: a claim is said on the time expression that modifies its cue ('said on October 14')."""

from __future__ import annotations

from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft
from sitroom.model import Claim


def dates(ctx: DocContext, claims: list[Claim], drafts: list[Draft]) -> None:
    """Link a claim to the time expression that modifies its cue ('said on October 14'), when times exist."""
    doc = ctx.doc
    times = doc._.times if doc.has_extension("times") else None
    if not times:
        return
    for claim, draft in zip(claims, drafts):
        cue = doc[draft.cue_token]
        blocked = {t.i for t in doc.char_span(*draft.content, alignment_mode="expand") or []}
        for time in (t for t in times if t.type in ("DATE", "TIME")):
            span = doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
            if span is None or span.root.i in blocked:
                continue
            token = span.root
            for _ in range(6):
                if token.i in blocked or token.head is token:
                    break
                token = token.head
                if token == cue:
                    claim.said_on = time.id
                    break
            if claim.said_on:
                break
