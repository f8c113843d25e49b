"""Claim clusters: the same proposition from different sources, and its status across the corpus.

Claims are grouped by the content words they share (the overlap coefficient of the two word sets, at least
``claim_overlap``), or by the concepts they share where those name two countries and two classes in common: a
claim's content words with every country, demonym or capital read as its country ("North
Korean", "Pyongyang" -> KP) and the words of data/fuse/claim_concepts.tsv as their concept ("soldiers", "troops"
-> personnel; "sent", "arrived", "deployment" -> move), figures and quantifiers left out; so Zelenskiy's "North
Korea has sent soldiers and weapons to Russia" and ISW's "several thousand North Korean troops had arrived in
Russia" are one proposition where their words share only "North Korea". Candidates are found through a MinHash
index of the words (and an index of the pairs of classes), so a claim is compared with a few, not all; a denial or a "no comment" that answers a claim (its ``target_claim``, linked in the article by the rules of
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
import sys
from dataclasses import dataclass
from functools import lru_cache

from sitroom.fuse.actors import ActorRegistry, countries
from sitroom.fuse.mentions import MentionCluster
from sitroom.fuse.sources import SourceIndex
from sitroom.lexicons import read_rows
from sitroom.model import Evidence, Record
from sitroom.text.shingles import STOPWORDS, content_word_set, shared_words, words

CONCEPTS = "fuse/claim_concepts.tsv"
# The concept that drops a word (quantifiers and figures), and the prefixes that keep concepts apart from words.
DROP = "-"
COUNTRY_PREFIX, CONCEPT_PREFIX = "@", "~"
# Concepts alone make one proposition only with this many countries in common, a predicate class and a theme
# class (what is done, to what: "~move" and "~personnel"), and the same polarity: nearly every claim of this war
# names Ukraine or Russia, so a country and a word in common is no proposition, nor is "would not provide
# weapons" the claim that weapons were supplied.
CONCEPT_COUNTRIES = 2
THEMES = frozenset({"~personnel", "~weapons"})

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
    concepts: tuple[str, ...]  # claim_concepts: distinct, sorted, interned
    negated: bool
    target: str | None  # member id of the claim it answers
    evidence: Evidence
    content: str


@lru_cache(maxsize=1)
def concept_table() -> dict[str, str]:
    """data/fuse/claim_concepts.tsv: word -> concept (DROP: left out)."""
    rows = read_rows(CONCEPTS)
    return {row[0].lower(): row[1] for row in rows[1:] if len(row) >= 2}  # the first row is the header


def claim_concepts(text: str) -> tuple[str, ...]:
    """A claim's concepts, distinct, sorted and interned (like content_word_set, which it replaces for claims):
    countries by their code (the longest name first: "North Korean" is KP, not "north" and "korean"), the
    concept table's words by their concept, figures and dropped words left out, other content words as they are."""
    _, lookup = countries()
    table = concept_table()
    tokens = words(text)
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        for width in (3, 2, 1):
            iso = lookup.get(" ".join(tokens[i:i + width])) if i + width <= len(tokens) else None
            if iso:
                found.add(COUNTRY_PREFIX + iso)
                i += width
                break
        else:
            word = tokens[i]
            i += 1
            if word in STOPWORDS or len(word) <= 1 or word.isdigit():
                continue
            concept = table.get(word)
            if concept == DROP:
                continue
            found.add(CONCEPT_PREFIX + concept if concept else word)
    return tuple(sorted(map(sys.intern, found)))


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
            stance=claim.stance, day=day, words=content_word_set(raw), concepts=claim_concepts(raw),
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
    if score < min_overlap and a.negated == b.negated and concept_keys(a.concepts) & concept_keys(b.concepts):
        shared = set(a.concepts).intersection(b.concepts)
        if sum(c[0] == COUNTRY_PREFIX for c in shared) >= CONCEPT_COUNTRIES:
            score = len(shared) / min(len(a.concepts), len(b.concepts))
    return score if score >= min_overlap else 0.0


def concept_keys(concepts: tuple[str, ...]) -> frozenset[str]:
    """The (predicate class, theme class) pairs a claim holds ("~move+~personnel"), where it names two countries:
    the keys a claim is found by for the concept rule of ``same_proposition``, which needs one in common."""
    if sum(c[0] == COUNTRY_PREFIX for c in concepts) < CONCEPT_COUNTRIES:
        return frozenset()
    classes = [c for c in concepts if c[0] == CONCEPT_PREFIX]
    return frozenset(f"{p}+{t}" for p in classes if p not in THEMES for t in classes if t in THEMES)


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
