from __future__ import annotations

import pytest

from sitroom.config import NlpOptions
from sitroom.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(NlpOptions(pipeline=[]))


def test_a_title_without_full_stop_is_its_own_sentence(nlp):
    doc = nlp("Zelenskiy Claims North Korea Sending Soldiers\n\nUkrainian media reported that six soldiers were killed.")
    assert [s.text.strip() for s in doc.sents] == [
        "Zelenskiy Claims North Korea Sending Soldiers", "Ukrainian media reported that six soldiers were killed."
    ]


def test_a_single_line_break_does_not_cut_a_wrapped_sentence(nlp):
    doc = nlp("Officials said the shelling of the\ndistrict continued overnight.")
    assert len(list(doc.sents)) == 1


def test_it_can_be_switched_off():
    nlp = load_pipeline(NlpOptions(pipeline=[], paragraph_boundaries=False))
    assert "sitroom_paragraphs" not in nlp.pipe_names
