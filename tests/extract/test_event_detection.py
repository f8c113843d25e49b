"""The learned event detector (extract.event_detection) and where the events component uses it: the clause it
reads, that it only drops events where the encoder read the Doc (the accurate profile), and its file."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from sitroom.extract.encoder.runtime import MODEL_SHA256
from sitroom.extract.event_detection import EventDetector, fit, load_detector
from sitroom.extract.events import EventExtractor, detection_clause


def _toy(n: int = 40) -> tuple[np.ndarray, list[list[str]], list[int]]:
    """Two classes apart on the first axis, with a word each: 'shelled' events and 'would' hypotheticals."""
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, 8)).astype(np.float32)
    labels = [i % 2 for i in range(n)]
    vectors[:, 0] += np.where(np.array(labels) == 1, 3.0, -3.0)
    words = [["forces", "shelled", "the", "town"] if y else ["forces", "would", "shell", "it"] for y in labels]
    return vectors, words, labels


def test_fit_separates_and_round_trips_byte_for_byte() -> None:
    vectors, words, labels = _toy()
    detector = fit(vectors, words, labels, encoder_sha256="abc")
    event = np.eye(8, dtype=np.float32)[0][None, :]
    assert detector.probability(event, ["forces", "shelled", "the", "town"]) > 0.9
    assert detector.probability(-event, ["forces", "would", "shell", "it"]) < 0.1
    data = detector.to_bytes()
    again = EventDetector.from_bytes(data)
    assert again.to_bytes() == data
    assert again.encoder_sha256 == "abc"
    assert fit(vectors, words, labels, encoder_sha256="abc").to_bytes() == data  # deterministic
    assert abs(again.probability(event, ["shelled"]) - detector.probability(event, ["shelled"])) < 1e-2


def test_fit_needs_both_labels() -> None:
    vectors, words, _ = _toy(4)
    with pytest.raises(ValueError, match="both labels"):
        fit(vectors, words, [1, 1, 1, 1])


def test_the_shipped_detector_matches_the_encoder_and_is_small() -> None:
    detector = load_detector("", MODEL_SHA256)
    assert detector is not None, "data/events/event_detector.npz is missing: run sitroom train event-detector"
    assert detector.encoder_sha256 == MODEL_SHA256
    assert len(detector.to_bytes()) < 1_000_000


def _clause(nlp: Language, text: str, trigger: str) -> str:
    doc = nlp(text)
    head = next(t for t in doc if t.text == trigger)
    return " ".join(t.text for t in detection_clause(head, head))


def test_the_clause_keeps_its_frame_and_leaves_parallel_clauses_out(nlp_model: Language) -> None:
    assert _clause(nlp_model, "If Russia invades Ukraine, sanctions will follow.", "invades").startswith("If Russia")
    assert "urged" in _clause(nlp_model, "Officials urged Russia to withdraw its troops.", "withdraw")
    shelled = _clause(nlp_model, "Russian forces shelled Kharkiv on Monday, and Ukraine said it would respond.",
                      "shelled")
    assert "Kharkiv" in shelled and "respond" not in shelled


class FixedDetector:
    """Stands in for EventDetector: the same probability for every clause."""

    def __init__(self, probability: float) -> None:
        self.value = probability
        self.calls = 0

    def probability(self, rows: np.ndarray, tokens: list[str]) -> float:
        self.calls += 1
        assert rows.shape == (len(tokens), 384)
        return self.value


TEXT = "Russian forces shelled the village of Bilohorivka on Monday, killing two civilians."


def _events(nlp: Language, detector: FixedDetector, encoded: bool) -> list:
    with nlp.select_pipes(disable=["sitroom_events"]):
        doc = nlp(TEXT)
    doc._.encoding = np.ones((len(doc), 384), dtype=np.float32) if encoded else None
    rules = nlp.get_pipe("sitroom_events")
    extractor = EventExtractor(rules.lex, rules.merge_window, detector=detector, keep_at_least=0.5)  # type: ignore[arg-type]
    return extractor(doc)._.events


def test_the_detector_drops_events_only_where_the_encoder_read_the_doc(nlp_base: Language) -> None:
    assert _events(nlp_base, FixedDetector(0.9), encoded=True)
    doubtful = FixedDetector(0.1)
    assert _events(nlp_base, doubtful, encoded=True) == []
    assert doubtful.calls >= 1
    unread = FixedDetector(0.1)
    assert _events(nlp_base, unread, encoded=False)  # the fast profile: the rules alone
    assert unread.calls == 0
