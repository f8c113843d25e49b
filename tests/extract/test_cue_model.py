"""The learned cue scorer: deterministic features, the shipped weights load, and they separate obvious cases."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.extract.cue_model import MODEL_PATH, CueModel, features, load_cue_model, train


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(NlpOptions().model)


def test_features_name_lemma_role_and_complements(nlp: Language) -> None:
    doc = nlp("The minister said that the bridge was destroyed.")
    said = doc[2]
    names = features(said, in_quote=False)
    assert "lem=say" in names and "ch=ccomp" in names and "mark=that" in names
    assert names == features(said, in_quote=False)


def test_shipped_model_scores_a_reporting_verb_above_an_action(nlp: Language) -> None:
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 5 * 1024 * 1024
    model = load_cue_model()
    assert model is not None
    said = nlp("The minister said that the bridge was destroyed.")[2]
    ate = nlp("The minister ate an apple at noon.")[2]
    assert model.probability(said, False) > 0.5 > model.probability(ate, False)


def test_training_learns_a_separable_feature() -> None:
    rows = [[1, 7], [1, 7], [1, 9], [1, 9]]
    weights = train(rows, np.array([1.0, 1.0, 0.0, 0.0]), epochs=50)
    model = CueModel(weights)
    assert model.weights[7] > 0 > model.weights[9]


def test_noun_features_live_apart_from_verb_features(nlp: Language) -> None:
    doc = nlp("The minister rejected criticism of the plan.")
    noun = doc[3]
    assert noun.pos_ == "NOUN" and all(name.startswith("N:") for name in features(noun, in_quote=False))
    assert not any(name.startswith("N:") for name in features(doc[2], in_quote=False))


def test_training_by_part_of_speech_adds_separate_regressions() -> None:
    from sitroom.extract.cue_model import train_by_kind

    rows = [[1, 7], [1, 9], [2, 8], [2, 10]]
    labels = np.array([1.0, 0.0, 0.0, 1.0])
    weights = train_by_kind(rows, labels, ["VERB", "VERB", "NOUN", "NOUN"])
    expected = train(rows[:2], labels[:2]) + train(rows[2:], labels[2:])
    assert np.allclose(weights, expected) and weights[7] > 0 > weights[9] and weights[10] > 0 > weights[8]
