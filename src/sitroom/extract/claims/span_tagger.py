"""The accurate profile's second learned reader: given one claim's cue, where its content and source begin and end.

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

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc

from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.lexicon import data_name
from sitroom.extract.claims.spans import chars, trim
from sitroom.extract.claims.tagger import runs
from sitroom.lexicons import LexiconError, read_bytes

MODEL_FILE = data_name("span_tagger.onnx")
# The classes, in the model's output order.
SPAN_TAGS = ("O", "source", "content")
# The marks of the one draft the model reads, after the attribution tagger's features.
MARKS = ("cue", "content", "source")


@dataclass(frozen=True)
class SpanOptions:
    """How the span tagger's classes become a draft's content (ClaimOptions.span_* set them)."""

    threshold: float = 0.5  # a token is content at P(content) above this
    split_parts: bool = True  # a content split by its cue and source is two parts (PolNeAR); False: the main one


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


class SpanTagger:
    """The loaded ONNX model: a piece's features and one draft's marks in, class probabilities [tokens, 3] out."""

    def __init__(self, model: bytes, threads: int = 1) -> None:
        import onnxruntime  # here, so the fast profile never loads a second onnxruntime session

        settings = onnxruntime.SessionOptions()
        settings.intra_op_num_threads = threads
        settings.inter_op_num_threads = 1
        settings.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(model, settings, providers=["CPUExecutionProvider"])
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


def content_parts(doc: Doc, piece: tuple[int, int], probabilities: np.ndarray, draft: Draft,
                  options: SpanOptions) -> list[tuple[int, int]]:
    """The token ranges [first, last] of the draft's content as the span tagger reads it, the main part first:
    the run of content that shares the most tokens with the rules' content (the most probable one on ties), and (split_parts) the run on the other side of the cue where
    only the cue, the source and punctuation stand between them. Empty where the tagger sees no content."""
    first = piece[0]
    content = probabilities[:, SPAN_TAGS.index("content")]
    found = [(a + first, b + first) for a, b in runs(content > options.threshold)]
    if not found:
        return []
    rule = doc.char_span(*draft.content, alignment_mode="expand")

    def shared(run: tuple[int, int]) -> int:
        return max(0, min(run[1], rule.end) - max(run[0], rule.start)) if rule is not None else 0

    main = max(found, key=lambda r: (shared(r), content[r[0] - first:r[1] - first].sum()))
    parts = [main]
    if options.split_parts:
        cue = doc.char_span(*draft.cue, alignment_mode="expand")
        source = probabilities[:, SPAN_TAGS.index("source")] > options.threshold
        for other in found:
            if other is main or cue is None:
                continue
            low, high = (other[1], main[0]) if other[1] <= main[0] else (main[1], other[0])
            between = range(low, high)
            if not (low <= cue.start and cue.end <= high):
                continue  # a second part is on the far side of the cue
            if all(cue.start <= i < cue.end or source[i - first] or doc[i].is_punct or doc[i].is_space
                   for i in between):
                parts.append(other)
    out = []
    for a, b in parts:
        trimmed = trim(doc, a, b - 1)
        if trimmed is not None:
            out.append(trimmed)
    return out


def read_spans(doc: Doc, drafts: list[Draft], rows: np.ndarray, pieces: Sequence[tuple[int, int]],
               tagger: SpanTagger, options: SpanOptions) -> list[Draft]:
    """The drafts with the contents the span tagger reads for their cues (in place), plus the second part of each
    content the cue splits (a draft with the same cue, as a continued quotation is; split_parts). A draft whose
    cue and content lie in different pieces (a continued quotation) and one the tagger sees no content for keep
    the rules' content."""
    extra: list[Draft] = []
    for draft in drafts:
        cue = doc.char_span(*draft.cue, alignment_mode="expand")
        span = doc.char_span(*draft.content, alignment_mode="expand")
        if cue is None or span is None or not len(cue) or not len(span):
            continue
        piece = piece_of(pieces, cue.start)
        if piece is None or not (piece[0] <= span.start and span.end <= piece[1]):
            continue
        probabilities = tagger.probabilities(rows[piece[0]:piece[1]], marks(doc, piece, draft))
        parts = content_parts(doc, piece, probabilities, draft, options)
        if not parts:
            continue
        draft.content, draft.read = chars(doc, *parts[0]), True
        for part in parts[1:]:
            extra.append(Draft(cue=draft.cue, cue_token=draft.cue_token, cue_lemma=draft.cue_lemma,
                               content=chars(doc, *part), source=draft.source, source_token=draft.source_token,
                               kind=draft.kind, stance=draft.stance, whole_source=draft.whole_source,
                               mention=draft.mention, confidence=draft.confidence, learned=draft.learned,
                               read=True))
    return drafts + extra
