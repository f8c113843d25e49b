"""The learned cue scorer at run time: deterministic features, the shipped weights load, and they separate obvious
cases."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.extract.claims.cue_model import DIMENSIONS, MODEL_FILE, CueModel, features, load_cue_model
from sitroom.lexicons import read_bytes


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
    assert len(read_bytes(MODEL_FILE)) < 5 * 1024 * 1024
    model = load_cue_model()
    assert model is not None
    said = nlp("The minister said that the bridge was destroyed.")[2]
    ate = nlp("The minister ate an apple at noon.")[2]
    assert model.probability(said, False) > 0.5 > model.probability(ate, False)


def test_noun_features_live_apart_from_verb_features(nlp: Language) -> None:
    doc = nlp("The minister rejected criticism of the plan.")
    noun = doc[3]
    assert noun.pos_ == "NOUN" and all(name.startswith("N:") for name in features(noun, in_quote=False))
    assert not any(name.startswith("N:") for name in features(doc[2], in_quote=False))


def test_a_data_dir_model_replaces_the_shipped_one(tmp_path) -> None:
    weights = np.zeros(DIMENSIONS, dtype=np.float32)
    np.savez_compressed(tmp_path / "cue_model.npz", index=np.array([3], dtype=np.int32),
                        value=np.array([2.0], dtype=np.float16))
    model = load_cue_model(str(tmp_path))
    assert isinstance(model, CueModel)
    weights[3] = 2.0
    assert np.array_equal(model.weights, weights)
