"""The options of the claims component, one frozen dataclass; the factory's config holds the same names."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The cue finders a token is offered to, in order; the first that finds a claim there wins (see finders.FINDERS).
DEFAULT_FINDERS = ("according_to", "hedge", "bridge", "headline", "colon", "noun_cue", "learned_noun_cue",
                   "verb_cue")


@dataclass(frozen=True)
class ClaimOptions:
    """The options, each measured where it says:

    data_dir: a folder whose files replace the packaged claims data files of the same name ("" = packaged only);
        the cue model (cue_model.npz) and the cue extents (cue_extent.tsv) are read the same way.
    actor_data_dir: the same for the actor lexicon the sources resolve with.
    objects_as_content: a cue's object, infinitive or prepositional object is what was said when it has no clause
        (PolNeAR's broad attribution: "pledged to push", "praised the plan"; +recall on PolNeAR train).
    clause_verbs_as_cues: a verb outside the lexicon is a cue when it takes a that/whether/if clause ("hinted
        that"; PolNeAR dev: +recall at equal precision).
    cue_threshold: a verb outside the lexicon is a cue when the learned cue model (claims.cue_model) gives it at
        least this probability; 1.0 turns the model off. 0.45 chosen end to end on two held-out folds of 84
        PolNeAR train articles (model trained on the other 756): overlap F1 source/cue/content +0.4/+0.35/+0.3 and
        +0.3/+0.3/+0.2 over 0.5. Overlap peaks near 0.35 (+1.5/+1.6/+1.1 on one fold, exact content -0.6) but that
        adds a false claim to the seed article ('is expected to be high on the agenda').
    noun_threshold: a noun is a cue ("criticism of", "his call for") when the cue model gives it at least this
        probability and it has a content; 1.0 turns learned noun cues off.
    lexicon_floor: an asserting lexicon verb is no cue where the cue model gives it less than this ("I think" in
        passing; 0.3 chosen on PolNeAR train and dev with the verb+noun model: +0.4 overlap F1 over 0.2).
    agent_in_cue: whether a passive cue's "by" belongs to the cue ("were reported by"); PolNeAR leaves it out.
    skip_quoted_cues: a cue inside a quotation is part of the quote, not a claim of its own (PolNeAR marks one
        attribution per token; +precision on dev).
    continuation_chars: how far (characters) a cue-less quote paragraph may be from the direct quote whose speaker
        it continues (about two short news paragraphs; PolNeAR dev content exact +2.5 at 400).
    negated_cues: a negated cue is still a claim ("He doesn't think so": a denial; "has not said when": no comment,
        per cues.tsv), as PolNeAR marks them; off, only cues with a stance for negation are kept.
    speaker_sentences: the most sentences a speaker line's claim ('PENCE: ...') takes; the rest of a long turn
        keeps its own claims, whose 'I' and 'we' are the speaker.
    quote_window: characters allowed between a quotation and its cue's sentence (the seed's “...,” he said layout
        and PolNeAR train, where the cue follows the closing mark after a comma and a space).
    tagger: whether the learned attribution tagger (claims.tagger, data/claims/attribution_tagger.onnx) refines the
        drafts where the shared encoder read the Doc (the accurate profile; the fast profile has no encoding, so
        the option changes nothing there).
    tagger_extend: a token next to a draft's content joins it where the tagger gives it P(content) above this
        (1.0: never). PolNeAR dev, accurate: content exact F1 50.7 -> 53.8 at 0.7 (53.7 at 0.5, 53.6 at 0.9).
    tagger_cue_threshold: a run of tokens the tagger reads as a cue above this, where no rule found a claim, is
        a claim of its own with the tagger's content (1.0: never). 0.9 chosen on PolNeAR dev and the news dev set
        together: at 0.7 PolNeAR cue overlap F1 gains 0.8 more but the news set's claim precision falls 1.3
        (55.9 against 57.2; the learned cues there are mostly not claims a news coder records).
    span_tagger: whether the learned span tagger (claims.span_tagger, data/claims/span_tagger.onnx) reads each
        draft's content boundaries for its cue where the tagger runs (the accurate profile). Off by default: on
        PolNeAR dev it lifts accurate content exact F1 55.57 -> 56.30, but on the seed it cuts two contents a
        reader would reject ("... to support its full-scale" without "invasion of Ukraine"; the headline at its
        comma, "North Korea Sending Soldiers" without "Weapons To Russia"): it may end a span inside a noun phrase.
    span_threshold: a token counts for a draft's content where the span tagger gives it P(content) above this
        (the spans are decoded whole: span_tagger.content_parts). span_margin: the rules' content stays unless the
        span tagger's span scores this much higher (summed log odds). Both chosen on PolNeAR train with every 10th
        text held out (the model trained on the other 9/10): drafts whose content words equal the gold relation's,
        of 1,652, 1,020 at margin 1e9 (the rules' span, the tagger's second part), 1,025 at 0.5/0, 1,056 at
        0.3/10 (0.3/5: 1,047, 0.5/10: 1,015, 0.7/10: 956).
    scheme: which attributions are claims (claims.scheme): "reported", a news coder's (GUIDELINES.md of the news
        set: what a source says, denies or declines to comment on; not what it wants, plans, sees or supports), or
        "broad", PolNeAR's, which marks those too (`sitroom eval attribution` scores PolNeAR in its own scheme).
        News dev set (`sitroom eval news`): claims P/R fast 60.11/62.99 -> 80.36/67.16, accurate 59.44/62.99 ->
        79.23/67.16 (with the source rules of the same commits); PolNeAR dev is scored "broad" and is unchanged.
        Then (issue 13: framed bodies, sources as a reader resolves them, continued quotations, tagger cues need a
        proposition) fast and accurate both 86.36/79.40 (266 correct of 308, gold 335); rules read off the 24 dev
        articles, so held-out figures will be lower.
    finders: the names of the cue finders (claims.finders.FINDERS) each token is offered to, in this order; the
        first that finds a claim there wins. The default is the order the rules were tuned in.
    """

    data_dir: str = ""
    actor_data_dir: str = ""
    quote_window: int = 3
    objects_as_content: bool = True
    clause_verbs_as_cues: bool = True
    cue_threshold: float = 0.45
    agent_in_cue: bool = False
    skip_quoted_cues: bool = True
    lexicon_floor: float = 0.3
    continuation_chars: int = 400
    negated_cues: bool = True
    speaker_sentences: int = 6
    noun_threshold: float = 0.5
    tagger: bool = True
    tagger_extend: float = 0.7
    tagger_cue_threshold: float = 0.9
    span_tagger: bool = False
    span_threshold: float = 0.3
    span_margin: float = 10.0
    scheme: str = "reported"
    finders: tuple[str, ...] = DEFAULT_FINDERS

    def config(self) -> dict[str, Any]:
        """The options as a spaCy component config (lists, not tuples)."""
        return {**asdict(self), "finders": list(self.finders)}
