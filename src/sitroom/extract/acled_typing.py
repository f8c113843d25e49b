"""ACLED sub-event typing, learned: which of ACLED's 25 sub-event types a clause reports, with a probability, or
nothing when the model is unsure.

Softmax regression over two blocks of features of a text: the shared encoder's vector of it (the mean of its
words' vectors, L2-normalised; :func:`pooled`) and hashed word unigrams and bigrams (lower-cased, digits as 0;
:func:`text_features`). Trained on ACLED's coder notes (../shared/eval/events/acled_notes, cleaned of their
formulas) by ``sitroom.train.acled_types``, which fits it with :func:`fit`; the shipped weights are
``data/events/acled_types.npz`` (float16, with the label list and the encoder's SHA-256 inside). Pure numpy, no
spaCy: the caller hands over the vector and the words.

The weights are ACLED's data turned into numbers: Armed Conflict Location & Event Data (acleddata.com); see
data/events/acled_types.NOTICE.txt.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from sitroom.acled import SUB_EVENT_TYPES
from sitroom.extract.npz import Adam, load_learned, npz_bytes, unit

MODEL_FILE = "events/acled_types.npz"
# Hashed n-gram buckets.
HASH_DIMENSIONS = 1 << 16
# Below this top probability the typer abstains. Calibrated on the random dev split of the notes (2,009 notes;
# sitroom.train.acled_types.calibrated_threshold): the cut that keeps the most (right - wrong) predictions, i.e.
# below it the predictions were right less often than wrong. At 0.4, 2.2 % of dev abstains.
ABSTAIN_BELOW = 0.4
EVENT_TYPE_OF: dict[str, str] = {sub: event for event, sub in SUB_EVENT_TYPES}
_DIGIT = str.maketrans("0123456789", "0000000000")


def pooled(rows: np.ndarray) -> np.ndarray:
    """A text's vector from its words' vectors [words, hidden]: the mean of the rows that are not all zero (words
    with no piece), L2-normalised; zeros when there is none."""
    rows = np.asarray(rows, dtype=np.float32)
    kept = rows[np.any(rows != 0, axis=1)] if len(rows) else rows
    if not len(kept):
        return np.zeros(rows.shape[-1] if rows.ndim == 2 else 0, dtype=np.float32)
    return unit(kept.mean(axis=0))


def text_features(tokens: Sequence[str]) -> np.ndarray:
    """The hashed n-gram buckets of a text's words (unigrams and bigrams, lower-cased, digits as 0), sorted and
    without repeats."""
    words = [token.lower().translate(_DIGIT) for token in tokens if token.strip()]
    grams = [f"u={w}" for w in words] + [f"b={a} {b}" for a, b in zip(words, words[1:])]
    return np.unique(np.array([zlib.crc32(g.encode("utf-8")) % HASH_DIMENSIONS for g in grams], dtype=np.int64))


@dataclass(frozen=True)
class FitOptions:
    """How a typer is fitted; the defaults are the shipped model's (chosen on the notes' random dev split)."""
    encoder_weight: float = 1.0  # scale of the encoder block (0: n-grams only)
    ngram_weight: float = 1.0  # scale of the n-gram block, whose rows have norm 1 (0: encoder only)
    l2: float = 1e-5
    epochs: int = 150
    step: float = 0.05  # Adam's step
    class_weight_power: float = 0.5  # examples of a class weigh (its count)^-power, normalised (0: unweighted)


class AcledTyper:
    """The fitted weights: ``dense`` [hidden, classes] over the encoder vector, ``hashed`` [buckets, classes] over
    the n-grams, ``bias`` [classes]; read-only once made (one typer serves every thread)."""

    def __init__(self, labels: Sequence[str], dense: np.ndarray, hashed: np.ndarray, bias: np.ndarray,
                 encoder_weight: float, ngram_weight: float, encoder_sha256: str) -> None:
        self.labels = tuple(labels)
        self.dense = np.asarray(dense, dtype=np.float32)
        self.hashed = np.asarray(hashed, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.encoder_weight = float(encoder_weight)
        self.ngram_weight = float(ngram_weight)
        self.encoder_sha256 = encoder_sha256

    def probabilities(self, vector: np.ndarray, tokens: Sequence[str]) -> np.ndarray:
        """P(sub-type | text) over :attr:`labels`; ``vector`` is the text's mean encoder vector (normalised here)."""
        scores = self.bias.astype(np.float64)
        if self.encoder_weight:
            scores = scores + self.encoder_weight * (unit(np.asarray(vector, dtype=np.float32)) @ self.dense)
        buckets = text_features(tokens)
        if self.ngram_weight and len(buckets):
            scores = scores + self.ngram_weight / np.sqrt(len(buckets)) * self.hashed[buckets].sum(axis=0)
        return _softmax(scores[None, :])[0]

    def top(self, vector: np.ndarray, tokens: Sequence[str], k: int = 3) -> list[tuple[str, str, float]]:
        """The k likeliest readings, best first: (sub_event_type, event_type, probability)."""
        probabilities = self.probabilities(vector, tokens)
        order = np.argsort(-probabilities, kind="stable")[:k]
        return [(self.labels[i], EVENT_TYPE_OF[self.labels[i]], float(probabilities[i])) for i in order]

    def classify(self, vector: np.ndarray, tokens: Sequence[str], threshold: float = ABSTAIN_BELOW
                 ) -> tuple[str, str, float] | None:
        """(sub_event_type, event_type, probability) of the likeliest reading, or None below ``threshold``."""
        best = self.top(vector, tokens, 1)[0]
        return best if best[2] >= threshold else None

    def to_bytes(self) -> bytes:
        """The typer as an ``.npz`` (float16 weights; only the n-gram rows that are not zero), byte for byte the
        same for the same weights: the zip entries carry a fixed date."""
        rows = np.flatnonzero(np.any(self.hashed != 0, axis=1)).astype(np.int32)
        arrays = {
            "labels": np.array(self.labels), "encoder_sha256": np.array(self.encoder_sha256),
            "weights": np.array([self.encoder_weight, self.ngram_weight], dtype=np.float32),
            "dense": self.dense.astype(np.float16), "bias": self.bias.astype(np.float32),
            "hashed_rows": rows, "hashed": self.hashed[rows].astype(np.float16),
        }
        return npz_bytes(arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> AcledTyper:
        stored = np.load(io.BytesIO(data), allow_pickle=False)
        hashed = np.zeros((HASH_DIMENSIONS, len(stored["labels"])), dtype=np.float32)
        hashed[stored["hashed_rows"]] = stored["hashed"]
        encoder_weight, ngram_weight = (float(w) for w in stored["weights"])
        return cls([str(label) for label in stored["labels"]], stored["dense"], hashed, stored["bias"],
                   encoder_weight, ngram_weight, str(stored["encoder_sha256"]))


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def fit(vectors: np.ndarray, words: Sequence[Sequence[str]], labels: Sequence[str],
        options: FitOptions | None = None, encoder_sha256: str = "") -> AcledTyper:
    """A typer fitted on texts (their pooled vectors and words) and their sub-types: full-batch Adam over the
    weighted softmax loss with L2, in a fixed order with zero initial weights, so the same input gives the same
    weights. The classes are ACLED's 25 in :data:`SUB_EVENT_TYPES` order, whether or not each has examples."""
    options = options or FitOptions()
    classes = [sub for _, sub in SUB_EVENT_TYPES]
    index = {label: i for i, label in enumerate(classes)}
    y = np.array([index[label] for label in labels], dtype=np.int64)
    n, hidden = len(y), vectors.shape[1]
    dense_x = options.encoder_weight * np.stack([unit(v) for v in vectors]).astype(np.float64)
    buckets = [text_features(tokens) for tokens in words]
    lengths = np.array([len(b) for b in buckets], dtype=np.int64)
    rows = np.repeat(np.arange(n), lengths)
    cols = np.concatenate(buckets) if n else np.zeros(0, dtype=np.int64)
    values = options.ngram_weight / np.sqrt(np.maximum(np.repeat(lengths, lengths), 1))
    by_col = np.argsort(cols, kind="stable")
    used, starts = np.unique(cols[by_col], return_index=True)
    counts = np.bincount(y, minlength=len(classes)).astype(np.float64)
    weight = np.where(counts[y] > 0, counts[y], 1.0) ** -options.class_weight_power
    weight *= n / weight.sum()
    target = np.zeros((n, len(classes)))
    target[np.arange(n), y] = 1.0
    params = [np.zeros((hidden, len(classes))), np.zeros((len(used), len(classes))), np.zeros(len(classes))]
    adam = Adam(params, options.step)
    local = np.searchsorted(used, cols)
    row_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    nonempty = lengths > 0
    for epoch in range(1, options.epochs + 1):
        dense, hashed, bias = params
        scores = dense_x @ dense + bias
        if len(cols):
            contributions = hashed[local] * values[:, None]
            sums = np.add.reduceat(contributions, row_starts[nonempty], axis=0)
            scores[nonempty] += sums
        error = (_softmax(scores) - target) * (weight / n)[:, None]
        grad_hashed = np.zeros_like(hashed)
        if len(cols):
            spread = (error[rows] * values[:, None])[by_col]
            grad_hashed = np.add.reduceat(spread, starts, axis=0)
        grads = [dense_x.T @ error + options.l2 * dense, grad_hashed + options.l2 * hashed, error.sum(axis=0)]
        adam.step(grads, epoch)
    full = np.zeros((HASH_DIMENSIONS, len(classes)))
    full[used] = params[1]
    return AcledTyper(classes, params[0], full, params[2], options.encoder_weight, options.ngram_weight,
                      encoder_sha256)


@lru_cache(maxsize=4)
def load_typer(data_dir: str = "", encoder_sha256: str = "") -> AcledTyper | None:
    """The shipped typer (or ``data_dir``'s acled_types.npz), None where there is none; ModelMismatch when
    ``encoder_sha256`` is given and the file was trained over another encoder."""
    return load_learned(MODEL_FILE, data_dir, AcledTyper.from_bytes, encoder_sha256,
                        "python -m sitroom.train.acled_types")
