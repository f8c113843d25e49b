"""A quotation split by its cue inside one sentence ('“...,” Jordan said in an interview, “...”'): in PolNeAR's broad
scheme the part after the cue continues the part before it (continuation.split_by_cue); the reported scheme codes
one claim."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.nlp import load_pipeline

TEXT = ("“The inquiry was never fair,” Rep. Jim Jordan said in a phone interview, “and everyone around her gets "
        "a different standard.”")


def pipeline(scheme: str) -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"],
                                    components={"sitroom_claims": {"scheme": scheme}}))


@pytest.fixture(scope="module")
def broad() -> Language:
    return pipeline("broad")


def test_the_part_after_the_cue_is_the_same_claims_content(broad: Language) -> None:
    claims = broad(TEXT)._.claims
    assert [c.cue.text for c in claims] == ["said", "said"]
    assert sorted(c.content.text.strip("“”,") for c in claims) == [
        "The inquiry was never fair", "and everyone around her gets a different standard."]
    assert claims[0].source == claims[1].source is not None


def test_another_speakers_quotation_after_the_cue_is_not_a_part(broad: Language) -> None:
    text = "“The inquiry was never fair,” Jordan said, while his rival answered, “It was.”"
    contents = [c.content.text for c in broad(text)._.claims if c.cue.text == "said"]
    assert len(contents) == 1 and "It was" not in contents[0]


def test_the_reported_scheme_codes_one_claim() -> None:
    assert len(pipeline("reported")(TEXT)._.claims) == 1


@pytest.mark.parametrize("text, parts", [
    ("In his state, Christie said, offenders are sent to treatment.",
     ["In his state", "offenders are sent to treatment"]),
    ("These employees, Stumpf explained, were well paid.", ["These employees", "were well paid"]),
])
def test_a_cue_inserted_in_its_clause_has_the_clause_on_both_sides(broad: Language, text: str,
                                                                   parts: list[str]) -> None:
    claims = broad(text)._.claims  # continuation.around_parts
    assert sorted(c.content.text for c in claims) == parts
    assert len({c.cue.start for c in claims}) == 1


def test_an_inserted_cue_is_one_span_in_the_reported_scheme() -> None:
    claims = pipeline("reported")("In his state, Christie said, offenders are sent to treatment.")._.claims
    assert [c.content.text for c in claims] == ["offenders are sent to treatment"]
