"""A small learned scorer for reporting cues outside the lexicon: is this verb (or noun) introducing what someone
says, thinks, wants or does about a proposition? News attribution has a long tail of such words ("pooh-poohed",
"lambasted", "weighs plans for", "criticism of"); a lexicon cannot list them, the parse and the lemma together can
score them.

Logistic regression over hashed features of a verb or noun token (lemma, its dependency role, which complements it
takes, what its subject is, whether it sits in a quotation; a noun's features apart from a verb's, one regression
each), trained on PolNeAR train by ``sitroom.train.cue_model``. This module is the run-time half: the features and
the shipped weights (``data/claims/cue_model.npz``, sparse, < 1 MB).
"""

from __future__ import annotations

import io
import zlib
from functools import lru_cache

import numpy as np
from spacy.tokens import Token

from sitroom.extract.claims.lexicon import data_name
from sitroom.lexicons import LexiconError, read_bytes

MODEL_FILE = data_name("cue_model.npz")
DIMENSIONS = 1 << 18
# The parts of speech scored: verbs ("lambasted") and nouns ("criticism of", "his call for").
CANDIDATE_POS = ("VERB", "NOUN")


def hash_feature(feature: str) -> int:
    """The weight index of a named feature."""
    return zlib.crc32(feature.encode("utf-8")) % DIMENSIONS


def features(token: Token, in_quote: bool) -> list[str]:
    """The named features of a candidate token; a noun's ("criticism of", "questions about", "Trump's plan to")
    live apart from a verb's, so the two kinds of cue learn their own weights in one model."""
    named = _features(token, in_quote)
    if token.pos_ == "NOUN":
        return ["N:" + f for f in named]
    return named


def _features(token: Token, in_quote: bool) -> list[str]:
    lemma = token.lemma_.lower()
    out = ["bias", f"lem={lemma}", f"dep={token.dep_}", f"tag={token.tag_}", f"lem+dep={lemma}|{token.dep_}",
           f"hdep={token.head.dep_}", f"q={in_quote}", f"q+lem={in_quote}|{lemma}"]
    doc = token.doc
    if token.i > 0:
        out.append(f"prev={doc[token.i - 1].lower_}")
    if token.i + 1 < len(doc):
        out.append(f"next={doc[token.i + 1].lower_}")
        out.append(f"lem+next={lemma}|{doc[token.i + 1].lower_}")
    if token.head is not token:
        out.append(f"hlem={token.head.lemma_.lower()}")
        out.append(f"hlem+dep={token.head.lemma_.lower()}|{token.dep_}")
    out.append(f"size={min(sum(1 for _ in token.subtree) // 5, 6)}")
    for child in token.children:
        label = child.dep_
        if label == "dobj":
            out.append(f"obj={child.ent_type_ or child.pos_}")
            out.append(f"lem+obj={lemma}|{child.ent_type_ or child.pos_}")
        if label == "prep":
            label = f"prep:{child.lower_}"
            out.append(f"lem+{label}={lemma}")
        out.append(f"ch={label}")
        out.append(f"lem+ch={lemma}|{label}")
        if child.dep_ in ("nsubj", "nsubjpass"):
            kind = child.ent_type_ or child.pos_
            out.append(f"subj={kind}")
            out.append(f"subj+lem={kind}|{lemma}")
            if child.pos_ == "PRON":
                out.append(f"subjw={child.lower_}")
        if child.dep_ == "ccomp":
            mark = next((m.lower_ for m in child.children if m.dep_ == "mark"), "-")
            out.append(f"mark={mark}")
    return out


class CueModel:
    """P(cue | verb) from hashed features; dense weights, read-only once loaded (one model serves every thread)."""

    def __init__(self, weights: np.ndarray) -> None:
        self.weights = weights

    @classmethod
    def from_bytes(cls, data: bytes) -> CueModel:
        """The model an ``.npz`` of sparse weights (``index``, ``value``) holds."""
        stored = np.load(io.BytesIO(data))
        weights = np.zeros(DIMENSIONS, dtype=np.float32)
        weights[stored["index"]] = stored["value"]
        return cls(weights)

    def probability(self, token: Token, in_quote: bool) -> float:
        score = float(sum(self.weights[hash_feature(f)] for f in features(token, in_quote)))
        return 1.0 / (1.0 + np.exp(-score))


@lru_cache(maxsize=4)
def load_cue_model(data_dir: str = "") -> CueModel | None:
    """The shipped model (or ``data_dir``'s cue_model.npz), or None where there is none (the lexicon alone then
    decides)."""
    try:
        data = read_bytes(MODEL_FILE, data_dir)
    except LexiconError:
        return None
    return CueModel.from_bytes(data)
