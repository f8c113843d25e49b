"""Sentence typing with the event lexicons: PLOVER conventions for modality, undoing verbs, labour strikes."""

from __future__ import annotations

import pytest

from sitroom.extract.event_lexicon import classify_sentence, load_lexicon, triggers_in


@pytest.fixture(scope="module")
def nlp():
    from sitroom.nlp import load_pipeline

    return load_pipeline()


def category(nlp, text: str) -> str:
    sent = next(nlp(text).sents)
    reading = classify_sentence(sent, load_lexicon())
    return reading.plover_category() if reading else ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels shelled the town on Sunday.", "ASSAULT"),
        ("Iran threatened to shell the border towns.", "THREATEN"),  # the control verb decides
        ("The minister said his country will send food aid to the region.", "AGREE"),  # a commitment
        ("The government said it would impose a curfew on the capital.", "THREATEN"),  # a hostile intention
        ("The envoy said the army must withdraw from the city.", "REQUEST"),  # a demand
        ("The president cancelled his visit to the capital.", "SANCTION"),  # undoing cooperation
        ("The authorities lifted the curfew on Monday.", "CONCEDE"),  # undoing coercion
        ("Teachers began a general strike on Monday.", "PROTEST"),  # a work stoppage, not an attack
        ("The two leaders held talks in Geneva.", "CONSULT"),  # a light verb takes its object's act
        ("The weather was mild.", ""),
    ],
)
def test_sentence_category(nlp, text: str, expected: str) -> None:
    assert category(nlp, text) == expected


def test_no_triggers_inside_dates_and_names(nlp) -> None:
    sent = next(nlp("The talks resume on March 13.").sents)
    assert [sent.doc[t.head].text for t in triggers_in(sent, load_lexicon())] == ["talks"]


def test_lexicon_files_name_their_source() -> None:
    from sitroom.extract.event_lexicon import DATA_DIR

    for path in DATA_DIR.iterdir():
        header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        assert any("Source" in line for line in header), path.name
