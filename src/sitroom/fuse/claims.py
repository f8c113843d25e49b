"""Claim clusters: the same proposition from different sources, and its status across the corpus.

Claims are grouped by the content words they share (the overlap coefficient of the two word sets, at least
``claim_overlap``), found through a MinHash index of those words so a claim is compared with a few, not all;
a denial or a "no comment" that answers a claim (its ``target_claim``, linked in the article by the rules of
``extract.claims.linking``) joins the cluster of the claim it answers. Status, with the members that make it so:

- retracted: a member retracts it;
- denied: a member denies it and the denier is its target (named in what the claim says, by name or country);
- contested: a member denies it or asserts its negation, and is not its target;
- corroborated: asserted by two or more independent sources (another speaker, or another article that is not
  a copy of the first nor crediting the same agency);
- single_source otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sitroom.fuse.actors import ActorRegistry, countries
from sitroom.fuse.mentions import MentionCluster
from sitroom.fuse.sources import SourceIndex
from sitroom.model import Evidence, Record
from sitroom.text.shingles import content_word_set, shared_words

NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "neither", "nor", "without", "deny", "denied"})
STATUS_ORDER = ("retracted", "denied", "contested", "corroborated", "single_source")


@dataclass(slots=True)
class ClaimMention:
    member: str
    article_id: str
    source_key: str
    source_name: str
    source_country: str
    stance: str
    day: int | None
    words: tuple[str, ...]  # content_word_set: distinct, sorted, interned
    negated: bool
    target: str | None  # member id of the claim it answers
    evidence: Evidence
    content: str


def claim_mentions(record: Record, registry: ActorRegistry) -> list[ClaimMention]:
    actors = {a.id: a for a in record.actors}
    published = record.article.published
    day = None
    if published and len(published) >= 10:
        try:
            day = dt.date.fromisoformat(published[:10]).toordinal()
        except ValueError:
            day = None
    out = []
    for claim in record.claims:
        actor = actors.get(claim.source) if claim.source else None
        key = registry.key(record, actor) if actor else "unnamed:" + (claim.source_mention.text.lower()
                                                                     if claim.source_mention else "")
        raw = claim.content.text
        tokens = set(w.lower() for w in raw.split())
        out.append(ClaimMention(
            member=f"{record.article.id}/{claim.id}", article_id=record.article.id, source_key=key,
            source_name=registry.display(key) if actor else (claim.source_mention.text if claim.source_mention else ""),
            source_country=(actor.country if actor else "") or _key_country(key),
            stance=claim.stance, day=day, words=content_word_set(raw),
            negated=bool(tokens & NEGATIONS) or "n't" in raw,
            target=f"{record.article.id}/{claim.target_claim}" if claim.target_claim else None,
            evidence=claim.content, content=raw,
        ))
    return out


def _key_country(key: str) -> str:
    kind, _, rest = key.partition(":")
    return rest if kind in ("government", "military") else ""


ClaimCluster = MentionCluster[ClaimMention]


def same_proposition(a: ClaimMention, b: ClaimMention, min_overlap: float, min_words: int) -> float:
    """The overlap coefficient of two claims' content words (0 when either is too short to say)."""
    if len(a.words) < min_words or len(b.words) < min_words:
        return 0.0
    score = shared_words(a.words, b.words) / min(len(a.words), len(b.words))
    return score if score >= min_overlap else 0.0


def is_target(denier: ClaimMention, claim: ClaimMention) -> bool:
    """Whether the denier is what the claim is about: named in it, or its country named in it by name,
    demonym or seat of government ("Moscow" for the Kremlin)."""
    text = claim.content.lower()
    if denier.source_name and denier.source_name.lower() in text:
        return True
    surname = denier.source_name.split()[-1].lower() if denier.source_name else ""
    if surname and len(surname) > 3 and surname in text:
        return True
    if not denier.source_country:
        return False
    _, lookup = countries()
    aliases = [alias for alias, iso in lookup.items() if iso == denier.source_country and len(alias) > 2]
    return any(re.search(r"\b" + re.escape(alias) + r"\b", text) for alias in aliases)


def status(cluster: ClaimCluster, sources: SourceIndex) -> tuple[str, list[str], int]:
    """(status, the members that make it so, independent asserting sources)."""
    asserts = [m for m in cluster.members if m.stance == "assert"]
    units = {(sources.root(m.article_id), m.source_key) for m in asserts}
    independent = len({u for u in units})
    positive = [m for m in asserts if not m.negated]
    retracts = [m.member for m in cluster.members if m.stance == "retract"]
    if retracts:
        return "retracted", retracts, independent
    denials = [m for m in cluster.members if m.stance == "deny"]
    subject = positive or asserts
    denied = [d.member for d in denials if any(is_target(d, c) for c in subject if c.source_key != d.source_key)]
    if denied:
        return "denied", denied, independent
    contest = [d.member for d in denials]
    if positive:
        speakers = {m.source_key for m in positive}
        contest += [m.member for m in asserts if m.negated and m.source_key not in speakers]
    if contest:
        return "contested", contest, independent
    if independent >= 2:
        first: dict[tuple[str, str], str] = {}
        for m in asserts:
            first.setdefault((sources.root(m.article_id), m.source_key), m.member)
        return "corroborated", sorted(first.values()), independent
    return "single_source", [m.member for m in asserts[:1]], independent
