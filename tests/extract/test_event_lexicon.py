"""Sentence typing with the event lexicons: PLOVER conventions for modality, undoing verbs, labour strikes."""

from __future__ import annotations

import pytest

from sitroom import lexicons
from sitroom.extract.event_lexicon import COUNTRIES, DATA_FOLDER, classify_sentence, load_lexicon, triggers_in


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
    names = [name for name in lexicons.names() if name.startswith(f"{DATA_FOLDER}/") and not name.endswith(".npz")]
    assert len(names) >= 9
    for name in names:
        header = [line for line in lexicons.read_text(name).splitlines() if line.startswith("#")]
        assert any("Source" in line for line in header), name


def test_countries_come_from_the_shared_table() -> None:
    lex = load_lexicon()
    assert lex.countries["Kremlin"] == ("RU", "Russia") and lex.countries["Russian"] == ("RU", "Russia")
    assert lex.country_names["KP"] == "North Korea" and lex.countries["DPRK"] == ("KP", "North Korea")
    isos = [row[0] for row in lexicons.read_rows(COUNTRIES)]
    assert sorted(lex.country_names) == sorted(set(isos))


def test_a_data_dir_file_replaces_the_packaged_one(tmp_path) -> None:
    (tmp_path / "shelter_nouns.txt").write_text("# Source: test\nbunker\n", encoding="utf-8")
    lex = load_lexicon(str(tmp_path))
    assert lex.shelter_nouns == frozenset({"bunker"})
    assert lex.casualty_verbs == load_lexicon().casualty_verbs  # the files it lacks stay the packaged ones
