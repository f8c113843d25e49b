"""Fixtures the extractor tests share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.extract.times import TimeTagger
from sitroom.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp_model() -> Language:
    """The spaCy model (and its sentence rules) without the sitroom extractors, loaded once per session: for
    tests that run one component by hand on a parsed Doc."""
    return load_pipeline(NlpOptions(pipeline=[]))


TimesOf = Callable[..., Doc]


@pytest.fixture(scope="session")
def times_tagger(nlp_model: Language) -> Callable[[bool, dt.date | None], TimesOf]:
    """A maker of ``run(text, published=...)``: sitroom_times alone on the model's parse of ``text`` published on
    that day (``infer_publication`` as given; ``published`` defaults to the maker's day)."""

    def make(infer_publication: bool, default_published: dt.date | None) -> TimesOf:
        tagger = TimeTagger(infer_publication=infer_publication)

        def run(text: str, published: dt.date | None = default_published) -> Doc:
            doc = nlp_model(text)
            doc._.published = published
            doc._.published_inferred = None
            return tagger(doc)

        return run

    return make


@pytest.fixture(scope="session")
def only_time() -> Callable[[Doc, str], object]:
    """The one time expression of a Doc whose evidence is exactly ``text`` (failing with what was found)."""

    def find(doc: Doc, text: str) -> object:
        found = [t for t in doc._.times if t.evidence.text == text]
        assert found, f"{text!r} not found in {[t.evidence.text for t in doc._.times]}"
        return found[0]

    return find
