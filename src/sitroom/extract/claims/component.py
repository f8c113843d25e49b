"""The ``sitroom_claims`` spaCy factory: a thin layer over ``ClaimExtractor``; the options are ``ClaimOptions``'s
(see there for what each does and how it was measured)."""

from __future__ import annotations

from spacy.language import Language

from sitroom.extract.claims.extractor import ClaimExtractor
from sitroom.extract.claims.options import ClaimOptions


@Language.factory(
    "sitroom_claims",
    requires=["token.dep", "token.tag", "doc._.actors"],  # and doc._.encoding where the encoder ran (optional)
    assigns=["doc._.claims", "doc._.actors"],
    default_config=ClaimOptions().config(),
)


def make_claims(nlp: Language, name: str, data_dir: str, actor_data_dir: str, quote_window: int,
                objects_as_content: bool, clause_verbs_as_cues: bool, cue_threshold: float,
                agent_in_cue: bool, skip_quoted_cues: bool, lexicon_floor: float,
                continuation_chars: int, negated_cues: bool,
                speaker_sentences: int, noun_threshold: float, tagger: bool, tagger_extend: float,
                tagger_cue_threshold: float, finders: list[str], scheme: str = "reported",
                span_tagger: bool = False, span_threshold: float = 0.3,
                span_margin: float = 10.0) -> ClaimExtractor:
    return ClaimExtractor(ClaimOptions(
        data_dir=data_dir, actor_data_dir=actor_data_dir, quote_window=quote_window,
        objects_as_content=objects_as_content, clause_verbs_as_cues=clause_verbs_as_cues,
        cue_threshold=cue_threshold, agent_in_cue=agent_in_cue, skip_quoted_cues=skip_quoted_cues,
        lexicon_floor=lexicon_floor, continuation_chars=continuation_chars, negated_cues=negated_cues,
        speaker_sentences=speaker_sentences, noun_threshold=noun_threshold, tagger=tagger,
        tagger_extend=tagger_extend, tagger_cue_threshold=tagger_cue_threshold, finders=tuple(finders),
        scheme=scheme, span_tagger=span_tagger, span_threshold=span_threshold,
        span_margin=span_margin))
