"""sitroom.train.event_detector: what the examples hold (both labels from each framed source, never the news set),
the per-text vector cache, and the held-out AUC."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from sitroom.train.event_detector import (
    NEGATIVE_FRAMES,
    POSITIVE_FRAMES,
    auc,
    encoded,
    examples,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "events").exists(),
                                  reason=f"evaluation data not found at {SHARED}")


def test_auc_counts_pairs_and_ties() -> None:
    assert auc(np.array([1, 0, 1, 0]), np.array([0.9, 0.1, 0.8, 0.3])) == 1.0
    assert auc(np.array([1, 0]), np.array([0.5, 0.5])) == 0.5
    assert auc(np.array([1, 0, 0]), np.array([0.2, 0.9, 0.1])) == 0.5


class CountingEncoder:
    """Stands in for SentenceEncoder: one row of ones per word, and how many sentences it was given."""

    hidden = 4

    def __init__(self) -> None:
        self.sentences = 0

    def encode(self, sentences: list[list[str]]) -> list[np.ndarray]:
        self.sentences += len(sentences)
        return [np.ones((len(words), self.hidden), dtype=np.float32) * (i + 1) for i, words in enumerate(sentences)]


def test_the_cache_encodes_only_new_texts(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    first = encoded([["a", "b"], ["c"]], encoder, tmp_path)  # type: ignore[arg-type]
    assert encoder.sentences == 2
    again = encoded([["c"], ["a", "b"], ["d"]], encoder, tmp_path)  # type: ignore[arg-type]
    assert encoder.sentences == 3  # only "d" was new
    assert np.allclose(again[1], first[0]) and np.allclose(again[0], first[1])


def test_frames_hold_the_text() -> None:
    assert all("{x}" in frame for frame in NEGATIVE_FRAMES + POSITIVE_FRAMES)


@needs_shared
def test_examples_have_both_labels_from_each_source() -> None:
    items = examples(SHARED / "eval/events/acled_notes",
                     SHARED / "eval/events/plover_gsr_cameo/PLOVER_GSR_CAMEO.json",
                     SHARED / "eval/attribution/polnear", acled_every=40)
    by = Counter((item.origin, item.label) for item in items)
    assert by[("acled", 1)] > 300 and by[("framed-negative", 0)] > 150 and by[("framed-claim", 1)] > 50
    assert by[("plover", 1)] > 300 and by[("plover-framed-negative", 0)] == 2 * by[("plover", 1)]
    assert by[("polnear", 0)] > 1000
    assert not any(item.origin.startswith("news") for item in items)
    negated = next(item.text for item in items if item.origin == "framed-negative")
    assert any(frame.split("{x}")[0] in negated for frame in NEGATIVE_FRAMES)
