"""A claim as the finders first mark it: character offsets of its parts, before actors and ids are given."""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.model import ClaimKind, Stance


@dataclass
class Draft:
    cue: tuple[int, int]  # char offsets
    cue_token: int
    cue_lemma: str
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_token: int | None
    kind: ClaimKind
    stance: Stance
    channel: tuple[int, int] | None = None
    whole_source: bool = False  # the source mention is the whole noun phrase, appositions and clauses included
    mention: tuple[int, int] | None = None  # the source as written where it is not ``source`` ("who" said)
    signed: bool = False  # the source signed the words (a quotation line, a post); see build for its kind
    confidence: float | None = None  # the learned tagger's P(cue) where it read the Doc (claims.tagger)
    learned: bool = False  # the tagger found it where no rule did (claims.tagger.learned_drafts)
    # the rules' content where the span tagger replaced it (claims.span_tagger): the tagger leaves the new one as it
    # is, and marks what it would have grown the rules' one over as taken, as before
    rule_content: tuple[int, int] | None = None
