"""Fixtures the extractor tests share."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp_model() -> Language:
    """The spaCy model (and its sentence rules) without the sitroom extractors, loaded once per session: for
    tests that run one component by hand on a parsed Doc."""
    return load_pipeline(NlpOptions(pipeline=[]))
