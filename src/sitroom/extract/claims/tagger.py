"""The learned attribution tagger of the accurate profile: a token tagger over the shared encoder that reads what the
rules found and corrects it, as a second reader would.

Each token gets PolNeAR's role tags (BIO over source, cue and content) from a one-layer BiLSTM whose input is the
token's encoder vector (``doc._.encoding``), its part of speech and dependency label (and its children's labels),
whether it sits in a quotation, whether its lemma is a cue or a claim noun of the lexicon, and the role the rules
gave it (the drafts of the cue finders). Trained on PolNeAR train by ``python -m sitroom.train.attribution``;
this module is the run-time half: the features (the trainer uses these same functions), the ONNX file
(``data/claims/attribution_tagger.onnx``, run with onnxruntime; no torch at run time) and how its probabilities
refine the drafts:

- a draft's content grows over the adjacent tokens the tagger reads as content (PolNeAR's content runs to the end
  of the reported clause more often than the parse's subtree does);
- a cue the tagger is sure of where no rule found one becomes a claim, with the tagger's content and source runs;
- every draft gets a confidence: the tagger's probability that its cue is a cue.

A sequence is a paragraph, cut at sentence starts to at most ``MAX_TOKENS`` tokens (the trainer's unit too).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.tokens import Doc

from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.lexicon import ClaimLexicon, data_name
from sitroom.extract.claims.spans import chars, trim
from sitroom.lexicons import LexiconError, read_bytes
from sitroom.text.quotes import quote_spans

MODEL_FILE = data_name("attribution_tagger.onnx")
# The tag set, in the model's output order.
TAGS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")
ROLES = ("source", "cue", "content")
# The longest sequence: a paragraph is cut at a sentence start before this many tokens (PolNeAR train: 97 % of its
# paragraphs are shorter; the rest are transcripts and lists).
MAX_TOKENS = 200
# spaCy's English part-of-speech and dependency labels (en_core_web_sm's parser), one feature each.
POS_LABELS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
              "SCONJ", "SYM", "VERB", "X", "SPACE")
DEP_LABELS = ("ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "cc",
              "ccomp", "compound", "conj", "dative", "dep", "det", "dobj", "expl", "intj", "mark", "meta", "neg",
              "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd", "parataxis", "pcomp", "pobj", "poss",
              "preconj", "predet", "prep", "prt", "punct", "quantmod", "relcl", "xcomp", "case")


class TaggerMissing(LexiconError):
    """No tagger file where one was asked for."""


@dataclass(frozen=True)
class RefineOptions:
    """How the tagger's probabilities change the drafts (ClaimOptions.tagger_* set them; their figures are there)."""

    extend_threshold: float = 0.7  # a token next to a content joins it at P(content) above this; 1.0: never
    cue_threshold: float = 0.9  # a tagger cue run where no rule found a claim is one at P(cue) above this; 1.0: never
    reach: int = 25  # the most tokens between a learned cue and its content or source run


def segments(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end): the paragraphs, each cut at sentence starts into pieces of <= MAX_TOKENS."""
    paragraphs: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if "\n" in token.text_with_ws or token.i == len(doc) - 1:
            paragraphs.append((start, token.i + 1))
            start = token.i + 1
    sent_starts = [sent.start for sent in doc.sents] if doc.has_annotation("SENT_START") else []
    pieces: list[tuple[int, int]] = []
    for first, end in paragraphs:
        while end - first > MAX_TOKENS:
            cut = max((s for s in sent_starts if first < s <= first + MAX_TOKENS), default=first + MAX_TOKENS)
            pieces.append((first, cut))
            first = cut
        if end > first:
            pieces.append((first, end))
    return pieces


def rule_spans(drafts: Iterable[Draft]) -> list[tuple[tuple[int, int] | None, tuple[int, int], tuple[int, int]]]:
    """The (source, cue, content) character spans of the rules' drafts: the tagger's view of them."""
    return [(draft.mention or draft.source, draft.cue, draft.content) for draft in drafts]


def features(doc: Doc, encoding: np.ndarray, lexicon: ClaimLexicon,
             found: Sequence[tuple[tuple[int, int] | None, tuple[int, int], tuple[int, int]]]) -> np.ndarray:
    """One float32 row a token: encoder vector, parse labels, quotation, lexicon and the rules' roles (B and I of
    source, cue, content from ``found``, character spans)."""
    size = len(doc)
    parse = np.zeros((size, len(POS_LABELS) + 2 * len(DEP_LABELS) + 3), dtype=np.float32)
    pos = {label: i for i, label in enumerate(POS_LABELS)}
    dep = {label: i for i, label in enumerate(DEP_LABELS)}
    children = len(POS_LABELS) + len(DEP_LABELS)
    for token in doc:
        if token.pos_ in pos:
            parse[token.i, pos[token.pos_]] = 1
        if token.dep_ in dep:
            parse[token.i, len(POS_LABELS) + dep[token.dep_]] = 1
        for child in token.children:
            if child.dep_ in dep:
                parse[token.i, children + dep[child.dep_]] = 1
        parse[token.i, -2] = token.is_sent_start is True
        parse[token.i, -1] = token.i > token.head.i
    for start, end in quote_spans(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            parse[span.start:span.end, -3] = 1
    words = np.zeros((size, 3), dtype=np.float32)
    for token in doc:
        lemma = token.lemma_.lower()
        words[token.i] = (lemma in lexicon.cues, lemma in lexicon.claim_nouns, "\n" in token.text_with_ws)
    rules = np.zeros((size, 2 * len(ROLES)), dtype=np.float32)
    for parts in found:
        for role, part in enumerate(parts):
            span = doc.char_span(*part, alignment_mode="expand") if part is not None else None
            if span is not None and len(span):
                rules[span.start:span.end, 2 * role + 1] = 1
                rules[span.start, 2 * role] = 1
    return np.hstack([encoding.astype(np.float32), parse, words, rules])


def cpu_session(model: bytes, threads: int = 1) -> Any:
    """An onnxruntime session on the CPU for one of the claims' small learned files (tagger, span tagger): quiet,
    ``threads`` intra-op threads, one inter-op. onnxruntime is imported here, so the fast profile never loads it."""
    import onnxruntime

    settings = onnxruntime.SessionOptions()
    settings.intra_op_num_threads = threads
    settings.inter_op_num_threads = 1
    settings.log_severity_level = 3
    return onnxruntime.InferenceSession(model, settings, providers=["CPUExecutionProvider"])


class AttributionTagger:
    """The loaded ONNX model: features of a Doc in, tag probabilities [tokens, len(TAGS)] out. Keeps no state
    between calls."""

    def __init__(self, model: bytes, threads: int = 1) -> None:
        self.session = cpu_session(model, threads)
        self.width = int(self.session.get_inputs()[0].shape[-1])

    def probabilities(self, rows: np.ndarray, pieces: Sequence[tuple[int, int]]) -> np.ndarray:
        """Each token's tag probabilities; a token outside every piece (none, by construction) stays "O"."""
        if rows.shape[1] != self.width:
            raise LexiconError(f"{MODEL_FILE}: the model reads {self.width} features a token, the features are "
                               f"{rows.shape[1]} (retrain it: python -m sitroom.train.attribution)")
        out = np.zeros((len(rows), len(TAGS)), dtype=np.float32)
        out[:, 0] = 1.0
        for start, end in pieces:  # one sequence a call: the BiLSTM is cheap, padding would cost as much
            feeds = {"features": rows[None, start:end]}
            out[start:end] = self.session.run(None, feeds)[0][0]
        return out


@lru_cache(maxsize=4)
def load_tagger(data_dir: str = "") -> AttributionTagger | None:
    """The shipped tagger (or ``data_dir``'s), or None where there is none."""
    try:
        return AttributionTagger(read_bytes(MODEL_FILE, data_dir))
    except LexiconError:
        return None


def role_probability(probabilities: np.ndarray, role: str) -> np.ndarray:
    """P(token has ``role``): its B and I tags together."""
    first = 1 + 2 * ROLES.index(role)
    return probabilities[:, first] + probabilities[:, first + 1]


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """The [start, end) runs of True."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2])]


def refine(doc: Doc, drafts: list[Draft], probabilities: np.ndarray, options: RefineOptions) -> list[Draft]:
    """The drafts with their contents grown over the tagger's content, each with a confidence, plus a claim for
    each tagger cue no draft covers."""
    content = role_probability(probabilities, "content")
    cue = role_probability(probabilities, "cue")
    taken = np.zeros(len(doc), dtype=bool)
    for draft in drafts:
        cue_span = doc.char_span(*draft.cue, alignment_mode="expand")
        span = doc.char_span(*draft.content, alignment_mode="expand")
        if cue_span is not None and len(cue_span):
            draft.confidence = float(cue[cue_span.start:cue_span.end].max())
            taken[cue_span.start:cue_span.end] = True
        if draft.rule_content is not None:  # the span tagger read this claim's own boundaries: they stay
            span = doc.char_span(*draft.rule_content, alignment_mode="expand")
        if span is None or not len(span) or cue_span is None:
            continue
        first, end = span.start, span.end
        cue_tokens = range(cue_span.start, cue_span.end)
        while end < len(doc) and content[end] > options.extend_threshold and end not in cue_tokens:
            end += 1
        while first > 0 and content[first - 1] > options.extend_threshold and first - 1 not in cue_tokens:
            first -= 1
        if draft.rule_content is None:
            draft.content = chars(doc, first, end - 1)
        taken[first:end] = True
        if draft.source is not None:
            source = doc.char_span(*draft.source, alignment_mode="expand")
            if source is not None:
                taken[source.start:source.end] = True
    return drafts + learned_drafts(doc, probabilities, taken, options)


def learned_drafts(doc: Doc, probabilities: np.ndarray, taken: np.ndarray, options: RefineOptions) -> list[Draft]:
    """A claim for each run of tokens the tagger reads as a cue above the threshold, outside what the drafts
    cover, with the nearest content run (required) and source run (if one is within reach)."""
    cue = role_probability(probabilities, "cue")
    contents = [r for r in runs(role_probability(probabilities, "content") > 0.5) if not taken[r[0]:r[1]].any()]
    sources = [r for r in runs(role_probability(probabilities, "source") > 0.5) if not taken[r[0]:r[1]].any()]
    out: list[Draft] = []
    for first, end in runs(cue > options.cue_threshold):
        if taken[first:end].any() or not any(t.is_alpha for t in doc[first:end]):
            continue

        def gap(run: tuple[int, int], first: int = first, end: int = end) -> int:
            return min(abs(run[0] - end), abs(first - run[1]))

        content = min(contents, key=gap, default=None)
        if content is None or gap(content) > options.reach:
            continue
        words = trim(doc, content[0], content[1] - 1)
        if words is None:
            continue
        source = min(sources, key=gap, default=None)
        if source is not None and gap(source) > options.reach:
            source = None
        contents.remove(content)
        if source is not None:
            sources.remove(source)
            taken[source[0]:source[1]] = True
        taken[first:end] = taken[content[0]:content[1]] = True
        head = max(doc[first:end], key=lambda t: (t.pos_ in ("VERB", "NOUN"), -t.i))
        out.append(Draft(
            cue=chars(doc, first, end - 1), cue_token=head.i, cue_lemma=head.lemma_.lower(),
            content=chars(doc, *words),
            source=chars(doc, source[0], source[1] - 1) if source is not None else None,
            source_token=max(doc[source[0]:source[1]], key=lambda t: t.pos_ in ("PROPN", "NOUN")).i
            if source is not None else None,
            kind="indirect", stance="assert", confidence=float(cue[first:end].max()), learned=True))
    return out
