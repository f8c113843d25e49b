"""Cue extents at run time: the shipped table, and the cues the extractor then marks."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.extract.claims.cue_extent import TABLE_FILE, load_extent_table, neighbour_kinds
from sitroom.lexicons import locate
from sitroom.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"]))


def _cue_text(nlp: Language, text: str) -> list[str]:
    doc = nlp(text)
    return [doc.text[c.cue.start:c.cue.end] for c in doc._.claims]


def test_shipped_table_includes_auxiliaries_and_leaves_out_dates() -> None:
    assert locate(TABLE_FILE).is_file()
    table = load_extent_table()
    assert table["aux:has:left"] and table["neg:not:left"] and table["prt:out:right"]
    assert not table["npadvmod:DATE:right"] and not table["advmod:WRB:left"]
    assert not table["nsubj:NNP:left"]


@pytest.mark.parametrize(("text", "cue"), [
    ("The minister has also said that the bridge was destroyed.", "has also said"),
    ("The minister said Friday that the bridge was destroyed.", "said"),
    ("The senator called for an investigation into the attack.", "called for"),
    ("The Republican nominee continues to insist that the vote was rigged.", "continues to insist"),
    ("The governor pointed out that the road was closed.", "pointed out"),
])
def test_extractor_marks_the_cue_as_polnear_does(nlp: Language, text: str, cue: str) -> None:
    assert cue in _cue_text(nlp, text)


def test_a_cue_grown_over_its_governor_replaces_the_governor_claim(nlp: Language) -> None:
    doc = nlp("The mayor appeared to suggest that the curfew would end soon.")
    cues = [doc.text[c.cue.start:c.cue.end] for c in doc._.claims]
    assert cues == ["appeared to suggest"]
    assert doc.text[doc._.claims[0].content.start:doc._.claims[0].content.end].startswith("that the curfew")


def test_prepositions_are_counted_apart_by_whether_they_introduce_the_content(nlp_model: Language) -> None:
    doc = nlp_model("She called for calm in an interview.")
    called = doc[1]
    preps = {t.lower_: t for t in called.children if t.dep_ == "prep"}
    content = (3, 3)  # "calm"
    assert neighbour_kinds(called, preps["for"], content)[0] == "prep:for:content:right"
    assert neighbour_kinds(called, preps["in"], content)[0] == "prep:in:other:right"
