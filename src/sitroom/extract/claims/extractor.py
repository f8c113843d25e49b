"""The claims extractor: the cue finders over every token, signed words, the outermost claims, quote
continuation, then Claims with their sources, targets, speakers, verification notes and dates. It keeps only what
it loaded (``ClaimResources``); each call makes a ``DocContext`` for its Doc and passes it down."""

from __future__ import annotations

from spacy.tokens import Doc

from sitroom.extract.actors import ActorIndex, load_actor_lexicon
from sitroom.extract.claims import linking
from sitroom.extract.claims.context import ClaimResources, DocContext
from sitroom.extract.claims.continuation import around_parts, continued_quotes
from sitroom.extract.claims.cue_extent import load_extent_table
from sitroom.extract.claims.cue_model import CANDIDATE_POS, load_cue_model
from sitroom.extract.claims.dates import dates
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.finders import chosen_finders
from sitroom.extract.claims.lexicon import load_claim_lexicon
from sitroom.extract.claims.options import ClaimOptions
from sitroom.extract.claims.responses import references, target, verify
from sitroom.extract.claims.scheme import SCHEMES, as_reported
from sitroom.extract.claims.signed import signed_words
from sitroom.extract.claims.source import source_actor, source_mention
from sitroom.extract.claims.span_tagger import SpanOptions, load_span_tagger, read_spans
from sitroom.extract.claims.spans import chars, trim
from sitroom.extract.claims.speakers import speakers
from sitroom.extract.claims.tagger import (
    RefineOptions,
    features,
    load_tagger,
    refine,
    rule_spans,
    segments,
)
from sitroom.extract.claims.transcript import framed_drafts
from sitroom.extract.doc import evidence, register_extensions, require_inputs
from sitroom.model import Claim, ClaimKind, Evidence

COMPONENT_NAME = "sitroom_claims"
# Cue lemmas of an outlet's or reporter's frame, which gives way to an attribution inside its content.
FRAME_CUES = frozenset({"report", "write"})


class ClaimExtractor:
    """Sets ``doc._.claims``: list[Claim]; adds the actors it meets as sources to ``doc._.actors``."""

    def __init__(self, options: ClaimOptions | None = None) -> None:
        register_extensions()
        self.options = options or ClaimOptions()
        if self.options.scheme not in SCHEMES:
            raise ValueError(f"sitroom_claims: scheme {self.options.scheme!r} is not one of {', '.join(SCHEMES)}")
        self.finders = chosen_finders(self.options.finders)
        self.resources = ClaimResources(
            options=self.options,
            lexicon=load_claim_lexicon(self.options.data_dir),
            cue_model=load_cue_model(self.options.data_dir) if self.options.cue_threshold < 1.0 else None,
            extent_table=load_extent_table(self.options.data_dir),
        )
        self.actor_lexicon = load_actor_lexicon(self.options.actor_data_dir)
        self.tagger = load_tagger(self.options.data_dir) if self.options.tagger else None
        self.refine_options = RefineOptions(self.options.tagger_extend, self.options.tagger_cue_threshold)
        self.span_tagger = load_span_tagger(self.options.data_dir) if self.options.tagger \
            and self.options.span_tagger else None
        # a content its cue splits is two parts in PolNeAR's scheme; a news coder codes the one claim (as
        # continuation.split_quotation does)
        self.span_options = SpanOptions(self.options.span_threshold, self.options.scheme != "reported",
                                        self.options.span_margin)

    def __call__(self, doc: Doc) -> Doc:
        ctx = self.context(doc)
        unrecorded: list[tuple[int, int]] = []
        found = self.find(ctx)
        drafts = self.in_scheme(ctx, found, unrecorded)
        if self.tagger is not None and doc._.encoding is not None and len(doc):
            # the accurate profile: the shared encoder ran, so the learned tagger reads the rules' drafts (those
            # the scheme left out too, so it does not find them again as cues of its own)
            dropped = [d for d in found if not any(d is k for k in drafts)]
            rows = features(doc, doc._.encoding, ctx.lexicon, rule_spans(drafts + dropped))
            pieces = segments(doc)
            if self.span_tagger is not None:  # each claim's own boundaries, read for its cue
                drafts = read_spans(doc, drafts, rows, pieces, self.span_tagger, self.span_options)
            refined = refine(doc, drafts + dropped, self.tagger.probabilities(rows, pieces), self.refine_options)
            drafts = self.in_scheme(ctx, [d for d in refined if not any(d is x for x in dropped)], unrecorded)
        if self.options.scheme == "reported":  # a printed speech's paragraphs, a source's list items: claims
            drafts = framed_drafts(ctx, drafts, unrecorded)
        doc._.unrecorded_cues = unrecorded
        claims = build(ctx, drafts)
        doc._.actors = ctx.index.actors
        doc._.claims = claims
        return doc

    def in_scheme(self, ctx: DocContext, drafts: list[Draft], unrecorded: list[tuple[int, int]]) -> list[Draft]:
        """The drafts the configured scheme records (claims.scheme), the others' cues added to ``unrecorded``.
        Read before the tagger too, so it extends the contents the scheme settled ("said this": the sentence
        before)."""
        if self.options.scheme != "reported":
            return drafts
        kept = as_reported(ctx, drafts)
        unrecorded.extend(d.cue for d in drafts if not any(k is d for k in kept))
        return kept

    def context(self, doc: Doc) -> DocContext:
        """The Doc's context for one call (the trainer of the tagger reads the drafts through it too)."""
        require_inputs(doc, COMPONENT_NAME, ("actors",))  # the sources join the actors component's index
        return DocContext.of(doc, self.resources, ActorIndex.from_doc(doc, self.actor_lexicon))

    def find(self, ctx: DocContext) -> list[Draft]:
        """Every claim's draft: the first finder's for each token, the signed words, then the outermost of those
        with their kinds, and the quote paragraphs that continue them."""
        drafts: list[Draft] = []
        for token in ctx.doc:
            draft = next((d for _, finder in self.finders if (d := finder(ctx, token)) is not None), None)
            if draft is not None:
                drafts.append(draft)
        signed = signed_words(ctx)
        drafts = [d for d in drafts if not any(s.content[0] < d.content[1] and d.content[0] < s.content[1]
                                               for s in signed)]  # signed words have their one speaker
        drafts = outermost(ctx, drafts + signed)
        for draft in drafts:
            if draft.kind != "hedged" and not draft.signed:
                draft.kind = kind(ctx, draft)
        return drafts + continued_quotes(ctx, drafts) + around_parts(ctx, drafts)


def outermost(ctx: DocContext, drafts: list[Draft]) -> list[Draft]:
    """Drop claims whose cue lies inside another claim's content (each token belongs to one attribution), but
    for a cue the parse coordinated with the reported clause's verb where its form says it goes with the outer
    cue ("said he would order a review and warned against hackers": said/warned, not order/warned), or a
    participle closing the content after a comma ("said he didn't believe it, arguing that ..."); the outer
    content then stops before it, and the outer source is its source. A claim whose cue verb another cue has
    grown over ("appeared" in "appeared to suggest that ...") gives way to it."""
    doc = ctx.doc
    drafts = [d for d in drafts if not any(
        o is not d and o.cue[0] <= doc[d.cue_token].idx < o.cue[1] and d.content[0] <= doc[o.cue_token].idx
        < d.content[1] for o in drafts)]
    if ctx.options.scheme == "reported":
        drafts = without_frames(drafts)
    kept = []
    for draft in drafts:
        outer = [o for o in drafts if o is not draft and o.content[0] <= draft.cue[0] < o.content[1]]
        if not outer:
            kept.append(draft)
            continue
        verb, cue = doc[draft.cue_token], doc[outer[0].cue_token]
        coordinated = verb.dep_ == "conj" and verb.head.head == cue and verb.tag_ == cue.tag_ != verb.head.tag_
        trailing = verb.dep_ == "advcl" and verb.tag_ == "VBG" and doc[verb.left_edge.i - 1].text == "," \
            and draft.content[1] >= outer[0].content[1]  # "said he didn't believe it, arguing that ..."
        if len(outer) > 1 or not (coordinated or trailing):
            continue
        first = doc.char_span(*outer[0].content, alignment_mode="expand")
        cut = (min(t.i for t in verb.subtree if t.i > verb.head.i) if coordinated else verb.left_edge.i) \
            if first is not None else 0
        trimmed = trim(doc, first.start, cut - 1) if first is not None else None
        if trimmed is None:
            continue
        outer[0].content = chars(doc, *trimmed)
        draft.source, draft.source_token = outer[0].source, outer[0].source_token
        draft.mention, draft.whole_source = outer[0].mention, outer[0].whole_source
        kept.append(draft)
    return kept


def without_frames(drafts: list[Draft]) -> list[Draft]:
    """An outlet's or a reporter's frame around another attribution ("Jennifer Rankin writes: ... Macron warned
    that ...", "ISW said this ..., Ukrinform reports") gives way to the attribution inside it, which is the claim
    a news coder records (the reported scheme; PolNeAR keeps the outer one)."""
    return [d for d in drafts if not (d.cue_lemma in FRAME_CUES and not d.signed and any(
        o is not d and d.content[0] <= o.cue[0] < d.content[1] for o in drafts))]


def kind(ctx: DocContext, draft: Draft) -> ClaimKind:
    """Direct when the content is a quotation, mixed when one starts inside it, else indirect."""
    start, end = draft.content
    if ctx.in_quote(start, end) is not None:
        return "direct"
    if any(start <= q_start < end for q_start, _ in ctx.quotes):
        return "mixed"
    return "indirect"


def build(ctx: DocContext, drafts: list[Draft]) -> list[Claim]:
    """The Claims of the drafts in cue order (ids C1, C2, ...), with their sources resolved to actors, then the
    claims they answer, first-person speakers, verification notes and dates."""
    doc = ctx.doc
    claims: list[Claim] = []
    drafts = sorted(drafts, key=lambda d: d.cue[0])
    ctx.index.reported = [d.content for d in drafts]  # names inside what was said are not salient antecedents
    for number, draft in enumerate(drafts, 1):
        source_id = None
        mention = None
        if draft.source is not None:
            span = doc.char_span(*draft.source, alignment_mode="expand")
            actor = source_actor(ctx, draft, span) if span is not None else None
            source_id = actor.id if actor else None
            mention = evidence(doc, *source_mention(ctx, draft))
        first = min(draft.cue[0], draft.content[0], *(draft.source or ()))
        last = max(draft.cue[1], draft.content[1], *(draft.source or ()))
        claim = Claim(
            id=f"C{number}", source=source_id, source_mention=mention,
            cue=evidence(doc, *draft.cue), content=evidence(doc, *draft.content), cue_lemma=draft.cue_lemma,
            kind=draft.kind, stance=draft.stance,
            channel=evidence(doc, *draft.channel) if draft.channel else None,
            evidence=sentences(ctx, first, last), confidence=confidence(ctx, draft),
        )
        if draft.kind == "hedged":
            linking.add_verification(claim, "reported", evidence(doc, *draft.cue))  # the hedge says it is reported
        claims.append(claim)
    refs = references(ctx, claims)
    for claim in claims:
        claim.target_claim = target(ctx, claim, claims, refs)
    speakers(ctx, drafts, claims)
    verify(ctx, claims, refs)
    dates(ctx, claims, drafts)
    return claims


def confidence(ctx: DocContext, draft: Draft) -> float | None:
    """The tagger's P(cue) where it read the Doc, else the cue model's for a verb or noun cue, else None."""
    if draft.confidence is not None:
        return round(draft.confidence, 3)
    token = ctx.doc[draft.cue_token]
    if ctx.cue_model is None or token.pos_ not in CANDIDATE_POS:
        return None
    in_quote = ctx.in_quote(token.idx, token.idx + len(token.text)) is not None
    return round(ctx.cue_model.probability(token, in_quote), 3)


def sentences(ctx: DocContext, start: int, end: int) -> Evidence:
    """The whole sentences the characters [start, end) touch, as the claim's evidence."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return evidence(doc, start, end)
    first = ctx.sent(span[0]).start_char
    last = ctx.sent(span[-1]).end_char
    return evidence(doc, first, len(ctx.text[:last].rstrip()))
