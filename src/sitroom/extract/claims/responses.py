"""Responses and verification over the parse: which earlier claim a nominal content answers ('those claims',
"Zelenskiy's assertions"), and which claim a verification phrase qualifies. The parse is read here into plain
facts; the choice among claims is ``linking``'s."""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.extract.actors import noun_phrase
from sitroom.extract.claims import linking
from sitroom.extract.claims.context import DocContext
from sitroom.extract.doc import evidence
from sitroom.model import Claim

# Labels a verification phrase's words may hang from before the verb whose clause it qualifies.
PHRASE_DEPS = ("aux", "auxpass", "neg", "advmod", "dobj", "amod")
# The most words of a content that is only a noun pointing back ("those claims"), not a claim of its own.
REFERENCE_WORDS = 4


def references(ctx: DocContext, claims: list[Claim]) -> frozenset[str]:
    """Ids of the claims whose content is only a claim noun pointing back ("denied the reports"): no claim refers
    to them."""
    found = set()
    for claim in claims:
        span = ctx.doc.char_span(claim.content.start, claim.content.end, alignment_mode="expand")
        if span is not None and span.root.pos_ == "NOUN" and ctx.claim_noun(span.root) \
                and len(span) <= REFERENCE_WORDS:
            found.add(claim.id)
    return frozenset(found)


def target(ctx: DocContext, claim: Claim, claims: list[Claim], refs: frozenset[str]) -> str | None:
    """The earlier claim that a nominal content ('those claims', "Zelenskiy's assertions") refers to."""
    span = ctx.doc.char_span(claim.content.start, claim.content.end, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("NOUN", "PROPN") or not ctx.claim_noun(span.root):
        return None
    exclude_source, prefer_source = linking.response_sources(claim)
    return noun_referent(ctx, span.root, claim.cue.start, claims, refs, exclude_source=exclude_source,
                         prefer_source=prefer_source, exclude=claim.id)


def noun_referent(ctx: DocContext, noun: Token, before: int, claims: list[Claim], refs: frozenset[str],
                  exclude_source: str | None = None, prefer_source: str | None = None,
                  exclude: str | None = None) -> str | None:
    """The claim a noun names (``linking.referent``), its possessor read from the parse."""
    cue_lemmas = ctx.lexicon.claim_nouns.get(noun.lemma_.lower(), (linking.ANY_CUE,))
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    owner = None
    if possessor is not None:
        actor = ctx.index.resolve(noun_phrase(possessor) if possessor.pos_ != "PRON"
                                  else ctx.doc[possessor.i:possessor.i + 1], create=False)
        owner = actor.id if actor is not None else None
    return linking.referent(claims, before, cue_lemmas, refs, owner=owner, exclude=exclude,
                            exclude_source=exclude_source, prefer_source=prefer_source)


def verify(ctx: DocContext, claims: list[Claim], refs: frozenset[str]) -> None:
    """Attach each verification phrase ("could not be independently verified") to the claim it qualifies."""
    for status, start, end in linking.verification_phrases(ctx.text, ctx.lexicon.verification):
        claim = verified_claim(ctx, start, end, claims, refs)
        if claim is not None:
            linking.add_verification(claim, status, evidence(ctx.doc, start, end))  # type: ignore[arg-type]


def verified_claim(ctx: DocContext, start: int, end: int, claims: list[Claim], refs: frozenset[str]) -> Claim | None:
    """The claim the phrase at [start, end) qualifies: the one it sits in; the one whose source is the noun it
    modifies ("unconfirmed reports"); the one a claim noun in its clause or its subject refers to ("The reports
    could not be ...", "... to back up his claim"); else the nearest in its sentence, else the latest before."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not claims:
        return None
    inside = linking.claim_containing(claims, start)
    if inside is not None:
        return inside
    verb = span.root
    while verb.dep_ in PHRASE_DEPS and verb.head is not verb:
        verb = verb.head
    sent = ctx.sent(verb)
    if span.root.dep_ == "amod" and ctx.claim_noun(span.root.head):
        sourced = linking.claim_sourced_at(claims, span.root.head.idx)
        if sourced is not None:
            return sourced
    by_id = {c.id: c for c in claims}
    nouns = [t for t in verb.subtree if ctx.claim_noun(t) and t.pos_ == "NOUN"]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for noun in nouns:
        found = noun_referent(ctx, noun, start, claims, refs)
        if found is not None:
            return by_id[found]
    if subject is not None:
        actor = ctx.index.resolve(noun_phrase(subject), create=False)
        if actor is not None:
            owned = linking.latest_claim_of(claims, actor.id, end)
            if owned is not None:
                return owned
    return linking.nearest_claim(claims, sent.start_char, sent.end_char, start)
