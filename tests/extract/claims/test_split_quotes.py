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
