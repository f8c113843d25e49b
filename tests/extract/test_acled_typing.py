"""The ACLED typer's run-time half: features, a fitted model on synthetic vectors, abstention, the file format,
and the shipped file."""

from __future__ import annotations

import numpy as np
import pytest

from sitroom.acled import SUB_EVENT_TYPES
from sitroom.extract.acled_typing import (
    ABSTAIN_BELOW,
    HASH_DIMENSIONS,
    FitOptions,
    fit,
    load_typer,
    pooled,
    text_features,
)
from sitroom.extract.encoder.runtime import MODEL_SHA256
from sitroom.extract.npz import ModelMismatch


def test_pooled_is_the_unit_mean_of_the_words_that_have_a_vector() -> None:
    rows = np.array([[3.0, 0.0], [0.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    assert np.allclose(pooled(rows), [1.0, 0.0])
    assert np.allclose(pooled(np.array([[3.0, 4.0]])), [0.6, 0.8])
    assert not pooled(np.zeros((2, 4))).any()


def test_text_features_are_case_and_digit_blind_and_include_bigrams() -> None:
    assert np.array_equal(text_features(["Rebels", "shot", "3"]), text_features(["rebels", "SHOT", "7"]))
    assert len(text_features(["a", "b"])) == 3 and len(text_features(["a", "a"])) == 2
    assert all(0 <= i < HASH_DIMENSIONS for i in text_features(["protesters", "marched"]))
    assert not len(text_features([" ", ""]))


def _synthetic() -> tuple[np.ndarray, list[list[str]], list[str]]:
    """Three classes apart on the vector's axes, with a word each that agrees."""
    rng = np.random.default_rng(0)
    kinds = [("Armed clash", "clashed"), ("Peaceful protest", "protested"), ("Arrests", "arrested")]
    vectors, words, labels = [], [], []
    for n in range(60):
        axis, (label, word) = n % 3, kinds[n % 3]
        vector = rng.normal(0, 0.1, 8)
        vector[axis] += 1.0
        vectors.append(vector)
        words.append(["they", word, "today"])
        labels.append(label)
    return np.array(vectors, dtype=np.float32), words, labels


def test_fit_learns_separable_classes_over_all_25_labels() -> None:
    vectors, words, labels = _synthetic()
    typer = fit(vectors, words, labels, FitOptions(epochs=60))
    assert typer.labels == tuple(sub for _, sub in SUB_EVENT_TYPES) and len(typer.labels) == 25
    axis = np.eye(8, dtype=np.float32)
    assert typer.classify(axis[1], ["they", "protested"]) [:2] == ("Peaceful protest", "Protests")
    assert typer.classify(axis[2], ["they", "arrested"])[:2] == ("Arrests", "Strategic developments")
    top = typer.top(axis[0], ["they", "clashed"], 3)
    assert top[0][0] == "Armed clash" and top[0][2] > top[1][2] >= top[2][2]
    assert sum(typer.probabilities(axis[0], ["x"])) == pytest.approx(1.0)


def test_each_block_alone_carries_the_signal() -> None:
    vectors, words, labels = _synthetic()
    ngrams = fit(vectors, words, labels, FitOptions(encoder_weight=0.0, epochs=60))
    assert ngrams.classify(np.zeros(8), ["they", "arrested"], 0.0)[0] == "Arrests"
    dense = fit(vectors, words, labels, FitOptions(ngram_weight=0.0, epochs=60))
    assert dense.classify(np.eye(8)[1], ["they", "arrested"], 0.0)[0] == "Peaceful protest"


def test_fit_is_deterministic() -> None:
    vectors, words, labels = _synthetic()
    first, second = (fit(vectors, words, labels, FitOptions(epochs=20)).to_bytes() for _ in range(2))
    assert first == second


def test_abstains_below_the_threshold() -> None:
    vectors, words, labels = _synthetic()
    typer = fit(vectors, words, labels, FitOptions(epochs=60))
    unsure = np.zeros(8)
    probability = typer.top(unsure, [], 1)[0][2]
    assert typer.classify(unsure, [], threshold=probability + 1e-6) is None
    assert typer.classify(unsure, [], threshold=probability - 1e-6) is not None


def test_the_file_round_trips(tmp_path) -> None:
    vectors, words, labels = _synthetic()
    typer = fit(vectors, words, labels, FitOptions(epochs=30), encoder_sha256="abc")
    (tmp_path / "acled_types.npz").write_bytes(typer.to_bytes())
    loaded = load_typer(str(tmp_path))
    assert loaded is not None and loaded.labels == typer.labels and loaded.encoder_sha256 == "abc"
    assert np.allclose(loaded.probabilities(vectors[0], words[0]), typer.probabilities(vectors[0], words[0]),
                       atol=1e-2)
    with pytest.raises(ModelMismatch, match="retrain"):
        load_typer(str(tmp_path), encoder_sha256="def")


def test_the_shipped_file_loads_with_25_labels_over_the_shared_encoder() -> None:
    typer = load_typer(encoder_sha256=MODEL_SHA256)
    assert typer is not None
    assert typer.labels == tuple(sub for _, sub in SUB_EVENT_TYPES)
    assert typer.dense.shape == (384, 25) and typer.hashed.shape == (HASH_DIMENSIONS, 25)
    assert 0.0 < ABSTAIN_BELOW < 1.0
