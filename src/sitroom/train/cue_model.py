"""Train the cue model (``sitroom.extract.claims.cue_model``) on PolNeAR train: a candidate verb or noun is
positive when its first character is in a gold Cue span. Full-batch Adagrad logistic regression with numpy, one
regression a part of speech. Reproducible (fixed order, no randomness); rebuilds ``data/claims/cue_model.npz``:

    .venv/bin/python -m sitroom.train.cue_model --data ../shared/eval/attribution/polnear --split train
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from sitroom.extract.claims.cue_model import CANDIDATE_POS, DIMENSIONS, MODEL_FILE, features, hash_feature
from sitroom.text.quotes import quote_spans
from sitroom.train.polnear import packaged_path, parsed_training_split

# Training settings, chosen on PolNeAR train (the last 84 train articles held out while choosing: verb-level
# P 0.89 R 0.74 at p >= 0.5): L2 strength, epochs and the Adagrad step.
L2 = 1e-4
EPOCHS = 200
STEP = 0.5
# Weights smaller than this are left out of the shipped (sparse) file.
KEEP_ABOVE = 1e-4


def cue_candidates(doc: Doc) -> list[Token]:
    return [t for t in doc if t.pos_ in CANDIDATE_POS]


def quote_mask(doc: Doc, quotes: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it lies in one of the quotations (character spans)."""
    mask = [False] * len(doc)
    for start, end in quotes:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                mask[i] = True
    return mask


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
    rows: list[list[int]] = []
    labels: list[float] = []
    kinds: list[str] = []
    for doc, cue_chars in zip(docs, gold_cue_chars):
        mask = quote_mask(doc, quote_spans(doc.text))
        for token in cue_candidates(doc):
            rows.append([hash_feature(f) for f in features(token, mask[token.i])])
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


def save(weights: np.ndarray, path: Path) -> None:
    """The weights as the sparse ``.npz`` the run time reads (``index``, ``value`` as float16)."""
    index = np.flatnonzero(np.abs(weights) > KEEP_ABOVE).astype(np.int32)
    np.savez_compressed(path, index=index, value=weights[index].astype(np.float16))


def main() -> None:
    args, docs, relations = parsed_training_split("Retrain the cue model on PolNeAR.", packaged_path(MODEL_FILE))
    cues = [{start for relation in doc_relations for start, _ in relation["cue"]} for doc_relations in relations]
    rows, labels, kinds = examples(docs, cues)
    save(train_by_kind(rows, labels, kinds), args.out)
    print(f"{len(docs)} texts, {len(rows)} verbs and nouns, {int(labels.sum())} cues -> {args.out}")


if __name__ == "__main__":
    main()
