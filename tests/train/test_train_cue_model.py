"""The cue model's trainer: the regression learns a separable feature, one regression a part of speech, and what
it saves is what the run time loads."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sitroom.extract.claims.cue_model import CueModel, load_cue_model
from sitroom.train.cue_model import save, train, train_by_kind


def test_training_learns_a_separable_feature() -> None:
    rows = [[1, 7], [1, 7], [1, 9], [1, 9]]
    weights = train(rows, np.array([1.0, 1.0, 0.0, 0.0]), epochs=50)
    model = CueModel(weights)
    assert model.weights[7] > 0 > model.weights[9]


def test_training_by_part_of_speech_adds_separate_regressions() -> None:
    rows = [[1, 7], [1, 9], [2, 8], [2, 10]]
    labels = np.array([1.0, 0.0, 0.0, 1.0])
    weights = train_by_kind(rows, labels, ["VERB", "VERB", "NOUN", "NOUN"])
    expected = train(rows[:2], labels[:2]) + train(rows[2:], labels[2:])
    assert np.allclose(weights, expected) and weights[7] > 0 > weights[9] and weights[10] > 0 > weights[8]


def test_saved_weights_load_as_the_run_time_model(tmp_path: Path) -> None:
    weights = train([[1, 7], [1, 9]], np.array([1.0, 0.0]), epochs=20)
    save(weights, tmp_path / "cue_model.npz")
    model = load_cue_model(str(tmp_path))
    assert model is not None
    assert np.allclose(model.weights, weights.astype(np.float16), atol=1e-3) and model.weights[7] > 0
