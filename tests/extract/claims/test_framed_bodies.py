"""Framed bodies (claims.transcript): a printed speech's paragraphs and a source's list items are claims of the
source their frame line names, each on a short text written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.nlp import load_pipeline

SPEECH = (
    "In his address on Monday, President Ivan Petrov spoke about the harvest.\n\n"
    "Read the President's full address below:\n\n"
    "Good evening, fellow citizens!\n\n"
    "Today I met the governors of the northern regions. We agreed on new grain routes.\n\n"
    "The ministers agreed that the reserves are sufficient.\n\n"
    "We will rebuild every bridge that was destroyed.\n\n"
    "Glory to our farmers!"
)

POLL = (
    "The Institute of Public Opinion (IPO) released a survey on Friday.\n\n"
    "In other results from the latest IPO poll:\n\n"
    "· Most farmers expect a better harvest;\n\n"
    "· Young people are more hopeful than the elderly.\n\n"
    "The survey had a margin of error of three percent."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"]))


def claims_of(nlp: Language, text: str) -> list[tuple[str, str | None, str]]:
    """(cue, source actor's name, content) of each claim."""
    doc = nlp(text)
    actors = {a.id: a.name for a in doc._.actors}
    return [(c.cue.text, actors.get(c.source or ""), c.content.text) for c in doc._.claims]


def test_each_paragraph_of_a_printed_speech_is_the_speakers_claim(nlp: Language) -> None:
    claims = claims_of(nlp, SPEECH)
    speech = [(source, content) for cue, source, content in claims if cue == "address"]
    assert ("Ivan Petrov", "Today I met the governors of the northern regions. We agreed on new grain routes") \
        in speech
    assert ("Ivan Petrov", "We will rebuild every bridge that was destroyed") in speech
    assert all(source == "Ivan Petrov" for source, _ in speech)


def test_greetings_in_a_speech_are_no_claims(nlp: Language) -> None:
    contents = [content for _, _, content in claims_of(nlp, SPEECH)]
    assert not any("Good evening" in c or "Glory" in c for c in contents)


def test_what_a_speech_attributes_to_others_stays_theirs(nlp: Language) -> None:
    claims = claims_of(nlp, SPEECH)
    reserves = [(cue, source) for cue, source, content in claims if "reserves" in content]
    assert reserves == [("agreed", "ministers")]


def test_no_speech_without_a_frame_that_prints_it_whole(nlp: Language) -> None:
    text = SPEECH.replace("Read the President's full address below:", "The President spoke at length.")
    assert not any(cue == "address" for cue, _, _ in claims_of(nlp, text))


def test_each_item_of_a_list_a_findings_line_introduces_is_the_issuers_claim(nlp: Language) -> None:
    claims = claims_of(nlp, POLL)
    items = [(cue, source, content) for cue, source, content in claims if content.startswith(("Most", "Young"))]
    assert [(cue, content) for cue, _, content in items] == [
        ("results from", "Most farmers expect a better harvest"),
        ("results from", "Young people are more hopeful than the elderly")]
    assert {source for _, source, _ in items} == {"Institute of Public Opinion"}


def test_a_list_after_a_line_naming_no_source_is_no_claim(nlp: Language) -> None:
    text = POLL.replace("In other results from the latest IPO poll:", "Some other points:")
    assert not any(content.startswith(("Most", "Young")) for _, _, content in claims_of(nlp, text))
