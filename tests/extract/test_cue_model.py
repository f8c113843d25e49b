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
