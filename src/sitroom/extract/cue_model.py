"""A small learned scorer for reporting cues outside the lexicon: is this verb (or noun) introducing what someone
says, thinks, wants or does about a proposition? News attribution has a long tail of such words ("pooh-poohed",
"lambasted", "weighs plans for", "criticism of"); a lexicon cannot list them, the parse and the lemma together can
score them.

Logistic regression over hashed features of a verb or noun token (lemma, its dependency role, which complements it
takes, what its subject is, whether it sits in a quotation; a noun's features apart from a verb's, one regression
each), trained with numpy on PolNeAR train (a token is positive when its first character is in a gold Cue span).
The weights ship as ``data/claims/cue_model.npz`` (sparse, < 1 MB).
Retrain, reproducibly (fixed order, no randomness), with:

    .venv/bin/python -m sitroom.extract.cue_model --data ../shared/eval/attribution/polnear --split train
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "claims" / "cue_model.npz"
DIMENSIONS = 1 << 18
# The parts of speech scored: verbs ("lambasted") and nouns ("criticism of", "his call for").
CANDIDATE_POS = ("VERB", "NOUN")
# Training settings, chosen on PolNeAR train (the last 84 train articles held out while choosing: verb-level
# P 0.89 R 0.74 at p >= 0.5): L2 strength, epochs and
# the Adagrad step.
L2 = 1e-4
EPOCHS = 200
STEP = 0.5


def _hash(feature: str) -> int:
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


def cue_candidates(doc: Doc) -> list[Token]:
    return [t for t in doc if t.pos_ in CANDIDATE_POS]


def quote_mask(doc: Doc, quotes: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * len(doc)
    for start, end in quotes:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                mask[i] = True
    return mask


class CueModel:
    """P(cue | verb) from hashed features; sparse weights."""

    def __init__(self, weights: np.ndarray) -> None:
        self.weights = weights

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> CueModel:
        data = np.load(path)
        weights = np.zeros(DIMENSIONS, dtype=np.float32)
        weights[data["index"]] = data["value"]
        return cls(weights)

    def save(self, path: Path = MODEL_PATH) -> None:
        index = np.flatnonzero(np.abs(self.weights) > 1e-4).astype(np.int32)
        np.savez_compressed(path, index=index, value=self.weights[index].astype(np.float16))

    def probability(self, token: Token, in_quote: bool) -> float:
        score = float(sum(self.weights[_hash(f)] for f in features(token, in_quote)))
        return 1.0 / (1.0 + np.exp(-score))


@lru_cache(maxsize=4)
def load_cue_model(path: str = str(MODEL_PATH)) -> CueModel | None:
    """The shipped model, or None where the file is missing (the lexicon alone then decides)."""
    return CueModel.load(Path(path)) if Path(path).exists() else None


def train(rows: list[list[int]], labels: np.ndarray, epochs: int = EPOCHS) -> np.ndarray:
    """Full-batch Adagrad logistic regression over rows of hashed feature indices."""
    lengths = np.array([len(r) for r in rows])
    row_ids = np.repeat(np.arange(len(rows)), lengths)
    cols = np.concatenate([np.array(r, dtype=np.int64) for r in rows])
    weights = np.zeros(DIMENSIONS, dtype=np.float64)
    history = np.full(DIMENSIONS, 1e-8)
    for _ in range(epochs):
        scores = np.bincount(row_ids, weights=weights[cols], minlength=len(rows))
        error = 1.0 / (1.0 + np.exp(-scores)) - labels
        gradient = np.bincount(cols, weights=error[row_ids], minlength=DIMENSIONS) / len(rows) + L2 * weights
        history += gradient ** 2
        weights -= STEP * gradient / np.sqrt(history)
    return weights.astype(np.float32)


def examples(docs: list[Doc], gold_cue_chars: list[set[int]]) -> tuple[list[list[int]], np.ndarray, list[str]]:
    """Hashed features and labels of every candidate; one is positive when its first character is in a gold cue."""
    from sitroom.extract.claims import quote_spans

    rows: list[list[int]] = []
    labels: list[float] = []
    kinds: list[str] = []
    for doc, cue_chars in zip(docs, gold_cue_chars):
        mask = quote_mask(doc, quote_spans(doc.text))
        for token in cue_candidates(doc):
            rows.append([_hash(f) for f in features(token, mask[token.i])])
            labels.append(1.0 if token.idx in cue_chars else 0.0)
            kinds.append(token.pos_)
    return rows, np.array(labels), kinds


def train_by_kind(rows: list[list[int]], labels: np.ndarray, kinds: list[str]) -> np.ndarray:
    """One regression a part of speech (their features are disjoint), so the many nouns do not dilute the verbs'
    steps; the weights add up into one vector."""
    weights = np.zeros(DIMENSIONS, dtype=np.float32)
    for kind in CANDIDATE_POS:
        chosen = [i for i, k in enumerate(kinds) if k == kind]
        if chosen:
            weights += train([rows[i] for i in chosen], labels[chosen])
    return weights


def main() -> None:
    from sitroom.eval.attribution import parsed_training_split

    args, docs, relations = parsed_training_split("Retrain the cue model on PolNeAR.", MODEL_PATH)
    cues = [{start for relation in doc_relations for start, _ in relation["cue"]} for doc_relations in relations]
    rows, labels, kinds = examples(docs, cues)
    model = CueModel(train_by_kind(rows, labels, kinds))
    model.save(args.out)
    print(f"{len(docs)} texts, {len(rows)} verbs and nouns, {int(labels.sum())} cues -> {args.out}")


if __name__ == "__main__":
    main()
