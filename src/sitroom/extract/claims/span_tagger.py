"""The accurate profile's second learned reader: given one claim's cue, where its content and source begin and end.
Off by default (``ClaimOptions.span_tagger``, where the reason is measured).

The attribution tagger (``claims.tagger``) tags every token of a paragraph at once, for all its attributions
together, so its runs neither say whose content a token is nor where one claim's content stops and the next one's
begins; its own runs scored worse than the rules' spans on PolNeAR dev (content exact F1 52.6 against 54.1).
This tagger is conditioned on one draft, as citron's span taggers are on a cue: each token of the paragraph piece
around the draft's cue gets the attribution tagger's features (``tagger.features``) plus three marks (this
draft's cue, the content the rules gave it, the source the rules gave it) and a one-layer BiLSTM tags it as
outside, this claim's source or this claim's content. It learns PolNeAR's boundary conventions where the parse's
subtrees miss them: a fronted adverbial or clause that belongs to what was said ("If this argument fails, Mr
Castañeda argues, there are other tools"), the subject of a raising cue ("Melania seems to have vanished"), a
content split by its cue ("“...,” he said, “...”"), a trailing frame left out.

Trained on PolNeAR train by ``python -m sitroom.train.attribution_spans``; the ONNX file is
``data/claims/span_tagger.onnx``, run with onnxruntime (no torch at run time).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Span

from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.lexicon import data_name
from sitroom.extract.claims.spans import chars, trim
from sitroom.extract.claims.tagger import cpu_session
from sitroom.lexicons import LexiconError, read_bytes

MODEL_FILE = data_name("span_tagger.onnx")
# The classes, in the model's output order.
SPAN_TAGS = ("O", "source", "content")
# The marks of the one draft the model reads, after the attribution tagger's features.
MARKS = ("cue", "content", "source")


@dataclass(frozen=True)
class SpanOptions:
    """How the span tagger's classes become a draft's content (ClaimOptions.span_* set them)."""

    threshold: float = 0.3  # a token counts for content at P(content) above this (ClaimOptions.span_threshold)
    split_parts: bool = True  # a content split by its cue and source is two parts (PolNeAR); False: the main one
    margin: float = 10.0  # the rules' span stays unless the tagger's scores this much higher (log odds)


def marks(doc: Doc, piece: tuple[int, int], draft: Draft) -> np.ndarray:
    """The three marks of ``draft`` over the tokens of ``piece``: its cue, the rules' content, the rules' source."""
    first, end = piece
    out = np.zeros((end - first, len(MARKS)), dtype=np.float32)
    for column, part in enumerate((draft.cue, draft.content, draft.mention or draft.source)):
        span = doc.char_span(*part, alignment_mode="expand") if part is not None else None
        if span is not None:
            a, b = max(span.start, first), min(span.end, end)
            if a < b:
                out[a - first:b - first, column] = 1
    return out


def piece_of(pieces: Sequence[tuple[int, int]], token: int) -> tuple[int, int] | None:
    """The paragraph piece that holds token ``token``."""
    return next(((a, b) for a, b in pieces if a <= token < b), None)


def readable_drafts(doc: Doc, drafts: Sequence[Draft], pieces: Sequence[tuple[int, int]]
                    ) -> Iterator[tuple[Draft, Span, tuple[int, int]]]:
    """(draft, its content's tokens, its piece) for each draft the span tagger reads: its cue and content lie in one
    piece. The same selection in training (train.attribution_spans) and at run time."""
    for draft in drafts:
        cue = doc.char_span(*draft.cue, alignment_mode="expand")
        span = doc.char_span(*draft.content, alignment_mode="expand")
        if cue is None or span is None or not len(cue) or not len(span):
            continue
        piece = piece_of(pieces, cue.start)
        if piece is not None and piece[0] <= span.start and span.end <= piece[1]:
            yield draft, span, piece


class SpanTagger:
    """The loaded ONNX model: a piece's features and one draft's marks in, class probabilities [tokens, 3] out."""

    def __init__(self, model: bytes, threads: int = 1) -> None:
        self.session = cpu_session(model, threads)
        self.width = int(self.session.get_inputs()[0].shape[-1])

    def probabilities(self, rows: np.ndarray, draft_marks: np.ndarray) -> np.ndarray:
        inputs = np.hstack([rows, draft_marks]).astype(np.float32)
        if inputs.shape[1] != self.width:
            raise LexiconError(f"{MODEL_FILE}: the model reads {self.width} features a token, the features are "
                               f"{inputs.shape[1]} (retrain it: python -m sitroom.train.attribution_spans)")
        return self.session.run(None, {"features": inputs[None]})[0][0]


@lru_cache(maxsize=4)
def load_span_tagger(data_dir: str = "") -> SpanTagger | None:
    """The shipped span tagger (or ``data_dir``'s), or None where there is none."""
    try:
        return SpanTagger(read_bytes(MODEL_FILE, data_dir))
    except LexiconError:
        return None


def best_run(scores: np.ndarray, low: int, high: int) -> tuple[int, int, float] | None:
    """The run [a, b) within [low, high) whose scores sum highest (Kadane's maximum subarray), with that sum; None
    where every score is negative."""
    best: tuple[int, int, float] | None = None
    start, total = low, 0.0
    for i in range(low, high):
        if total <= 0:
            start, total = i, 0.0
        total += float(scores[i])
        if total > 0 and (best is None or total > best[2]):
            best = (start, i + 1, total)
    return best


def whole_words(doc: Doc, first: int, end: int, piece: tuple[int, int]) -> tuple[int, int]:
    """[first, end) grown so it neither starts nor ends inside a word written without spaces ("full-scale",
    "anti-Trump"): a span's edge is always a space or punctuation followed by one."""
    while end < piece[1] and not doc[end - 1].whitespace_ and not doc[end].is_space and (
            doc[end].text == "-" or doc[end - 1].text == "-" or doc[end].is_alpha and doc[end - 1].is_alpha):
        end += 1
    while first > piece[0] and not doc[first - 1].whitespace_ and (
            doc[first - 1].text == "-" or doc[first].text == "-" or doc[first - 1].is_alpha and doc[first].is_alpha):
        first -= 1
    return first, end


def content_parts(doc: Doc, piece: tuple[int, int], probabilities: np.ndarray, draft: Draft,
                  options: SpanOptions) -> list[tuple[int, int]]:
    """The token ranges [first, last] of the draft's content as the span tagger reads it, the main part first.
    Decoded as spans, not token by token: a part is the run of tokens that best explains the probabilities (each
    token in it scores log P(content) - log P(not content), so the run with the highest sum is the likeliest single
    span); the main part is the best run on the side of the cue where the rules' content is (the other side where
    only that has one), and (split_parts) a second part is the
    best run on the other side of the cue where only the cue, the source and punctuation stand between them.
    Empty where no run scores above zero (the tagger sees no content)."""
    first = piece[0]
    content = np.clip(probabilities[:, SPAN_TAGS.index("content")].astype(np.float64), 1e-6, 1 - 1e-6)
    threshold = np.log(options.threshold / (1 - options.threshold))
    scores = np.log(content) - np.log1p(-content) - threshold
    cue = doc.char_span(*draft.cue, alignment_mode="expand")
    if cue is None:
        return []
    low_cue, high_cue = max(cue.start - first, 0), min(cue.end - first, len(scores))
    scores[low_cue:high_cue] = -np.inf  # a content never holds its own cue
    rule = doc.char_span(*draft.content, alignment_mode="expand")
    runs = {"before": best_run(scores, 0, low_cue), "after": best_run(scores, high_cue, len(scores))}
    found = [r for r in runs.values() if r is not None]
    if not found:
        return []

    def shared(run: tuple[int, int, float]) -> bool:  # the side of the rules' content wins a tie
        return rule is not None and run[0] + first < rule.end and rule.start < run[1] + first

    main = max(found, key=lambda r: (shared(r), r[2]))
    if rule is not None and first <= rule.start and rule.end <= piece[1]:
        a, b = rule.start - first, rule.end - first
        held = (a, b, float(scores[a:b].sum()))
        if main[2] - held[2] < options.margin:
            main = held  # not enough evidence against the rules' span
    side = "after" if main[0] >= high_cue else "before"
    other = runs["before" if side == "after" else "after"]
    parts = [main]
    if options.split_parts and other is not None:
        source = probabilities[:, SPAN_TAGS.index("source")] > options.threshold
        low, high = (other[1], main[0]) if other[1] <= main[0] else (main[1], other[0])
        if all(low_cue <= i < high_cue or source[i] or doc[i + first].is_punct or doc[i + first].is_space
               for i in range(low, high)):
            parts.append(other)
    out = []
    for a, b, _ in parts:
        a, b = whole_words(doc, a + first, b + first, piece)
        trimmed = trim(doc, a, b - 1)
        if trimmed is not None:
            out.append(trimmed)
    return out


def read_spans(doc: Doc, drafts: list[Draft], rows: np.ndarray, pieces: Sequence[tuple[int, int]],
               tagger: SpanTagger, options: SpanOptions) -> list[Draft]:
    """The drafts with the contents the span tagger reads for their cues (in place), plus the second part of each
    content the cue splits (a draft with the same cue, as a continued quotation is; split_parts). A draft whose
    cue and content lie in different pieces (a continued quotation) and one the tagger sees no content for keep
    the rules' content. (A hedge's content holds its cue, "X has reportedly ...": the tagger reads it without the
    cue, as PolNeAR marks it; skipping hedges measured content exact 55.82 against 56.30 on dev.)"""
    extra: list[Draft] = []
    for draft, span, piece in readable_drafts(doc, drafts, pieces):
        probabilities = tagger.probabilities(rows[piece[0]:piece[1]], marks(doc, piece, draft))
        parts = content_parts(doc, piece, probabilities, draft, options)
        if not parts:
            continue
        if chars(doc, *parts[0]) != chars(doc, *(trim(doc, span.start, span.end - 1) or (span.start, span.end - 1))):
            draft.rule_content, draft.content = draft.content, chars(doc, *parts[0])  # else the rules' stays
        for part in parts[1:]:
            extra.append(Draft(cue=draft.cue, cue_token=draft.cue_token, cue_lemma=draft.cue_lemma,
                               content=chars(doc, *part), source=draft.source, source_token=draft.source_token,
                               kind=draft.kind, stance=draft.stance, whole_source=draft.whole_source,
                               mention=draft.mention, confidence=draft.confidence, learned=draft.learned))
    return drafts + extra
