"""The ACLED typer's trainer: its written definitions, the vector cache, and the threshold calibration."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sitroom.acled import SUB_EVENT_TYPES
from sitroom.eval.acled_notes import definitions
from sitroom.train.acled_types import calibrated_threshold, encoded


def test_the_definitions_name_known_sub_types_and_cover_the_thinnest() -> None:
    rows = definitions()
    known = {sub for _, sub in SUB_EVENT_TYPES}
    assert rows and all(label in known and text.strip() for label, text in rows)
    labels = {label for label, _ in rows}
    assert {"Chemical weapon", "Suicide bomb"} <= labels


class _CountingEncoder:
    """Stands in for the shared encoder: one vector a word (its length), and counts its calls."""

    hidden = 2

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        self.calls += 1
        return [np.array([[len(w), 1.0] for w in words], dtype=np.float32) for words in sentences]


def test_the_cache_returns_the_same_vectors_without_encoding_again(tmp_path: Path) -> None:
    encoder = _CountingEncoder()
    words = [["rebels", "clashed"], ["a"]]
    first = encoded(words, encoder, tmp_path)  # type: ignore[arg-type]
    second = encoded(words, encoder, tmp_path)  # type: ignore[arg-type]
    assert encoder.calls == 1 and np.array_equal(first, second) and first.shape == (2, 2)
    encoded([["other"]], encoder, tmp_path)  # type: ignore[arg-type]
    assert encoder.calls == 2
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)


def test_the_threshold_keeps_what_is_more_often_right_than_wrong() -> None:
    probabilities = np.array([0.95, 0.9, 0.8, 0.6, 0.5, 0.4, 0.3])
    correct = np.array([True, True, True, True, False, False, True])
    # kept down to 0.6: 4 right; 0.5 and 0.4 wrong, then 0.3 right: the net peaks at 0.6
    assert calibrated_threshold(probabilities, correct) == 0.6
    assert calibrated_threshold(np.array([]), np.array([], dtype=bool)) == 0.0
