"""Actors: names, roles, aliases, metonyms, pronouns and nominals, and the model's NER errors fixed by the document."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.extract.actors import load_actor_lexicon, name_key
from sitroom.model import Actor
from sitroom.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors"]))


def _by_name(doc: Doc) -> dict[str, Actor]:
    return {a.name: a for a in doc._.actors}


def test_name_key_joins_transliterations() -> None:
    assert name_key("Zelenskiy") == name_key("Zelensky") == name_key("Zelenskyy") == name_key("Zelenskii")
    assert name_key("Volodymyr Zelenskiy") != name_key("Zelenskiy")
    assert name_key("...") == ""


def test_lexicon_reads_capitals_seats_and_demonyms() -> None:
    lexicon = load_actor_lexicon()
    assert lexicon.country_of("the Kremlin") == "RU"
    assert lexicon.country_of("Kyiv") == "UA"
    assert lexicon.country_of("South Korean") == "KR"
    assert lexicon.country_of("Texas") is None


def test_a_data_dir_replaces_only_the_files_it_holds(tmp_path) -> None:
    (tmp_path / "titles.tsv").write_text("# own titles\nhetman\t1\n", encoding="utf-8")
    lexicon = load_actor_lexicon(str(tmp_path))
    assert lexicon.titles == {"hetman": True}
    assert lexicon.groups == load_actor_lexicon().groups and lexicon.country_of("Kyiv") == "UA"


def test_title_and_demonym_give_the_role(nlp: Language) -> None:
    doc = nlp("Ukrainian President Volodymyr Zelenskiy spoke on Sunday.")
    actor = _by_name(doc)["Volodymyr Zelenskiy"]
    assert actor.kind == "person" and actor.role == "President of Ukraine" and actor.country == "UA"


def test_apposition_gives_the_role(nlp: Language) -> None:
    doc = nlp("Tatyana Moskalkova, Russia's human rights commissioner, told reporters the evacuees were safe.")
    actor = _by_name(doc)["Tatyana Moskalkova"]
    assert actor.kind == "person" and "commissioner" in actor.role and actor.country == "RU"


def test_surname_mentions_join_the_full_name(nlp: Language) -> None:
    doc = nlp("Joe Biden arrived in Berlin. Biden met the chancellor. Later Biden flew home.")
    people = [a for a in doc._.actors if a.kind == "person"]
    assert [p.name for p in people] == ["Joe Biden"]
    assert len(people[0].mentions) == 3


def test_metonyms_resolve_to_one_government(nlp: Language) -> None:
    doc = nlp("The Kremlin denied the report. Moscow said the strike never happened. Russia warned Kyiv.")
    government = _by_name(doc)["Government of Russia"]
    assert government.kind == "government" and government.country == "RU"
    assert {"Kremlin", "Moscow", "Russia"} <= set(government.aliases)


def test_pronoun_and_nominal_resolve_to_the_person(nlp: Language) -> None:
    doc = nlp("Ukrainian President Volodymyr Zelenskiy visited Kharkiv. He met soldiers. "
              "The Ukrainian leader then left.")
    actor = _by_name(doc)["Volodymyr Zelenskiy"]
    assert [m.text for m in actor.mentions] == ["Volodymyr Zelenskiy", "He", "The Ukrainian leader"]


def test_press_release_title_forms_resolve_to_the_president(nlp: Language) -> None:
    # the small model tags "Ukraine Volodymyr Zelenskyy" ORG and "The President" a PROPN/ORG
    doc = nlp("President of Ukraine Volodymyr Zelenskyy held a meeting with the Prime Minister of Canada. "
              "The President noted that Ukraine needs weapons. According to the President of Ukraine, it goes on.")
    actor = _by_name(doc)["Volodymyr Zelenskyy"]
    assert (actor.kind, actor.role, actor.country) == ("person", "President of Ukraine", "UA")
    assert [m.text for m in actor.mentions] == ["Volodymyr Zelenskyy", "The President", "the President of Ukraine"]
    assert "President" not in _by_name(doc)


def test_acronym_in_brackets_is_an_alias(nlp: Language) -> None:
    doc = nlp("The Institute for the Study of War (ISW) said the town had fallen. ISW added that more troops came.")
    actor = _by_name(doc)["Institute for the Study of War"]
    assert actor.kind == "organization" and "ISW" in actor.aliases and len(actor.mentions) == 3


def test_groups_get_kind_and_country(nlp: Language) -> None:
    doc = nlp("Ukrainian authorities said the bridge was hit. Ukrainian media reported more strikes.")
    actors = _by_name(doc)
    assert (actors["Ukrainian authorities"].kind, actors["Ukrainian authorities"].country) == ("government", "UA")
    assert actors["Ukrainian media"].kind == "media"


def test_every_mention_is_evidence_of_the_text(nlp: Language) -> None:
    doc = nlp("The Kremlin said nothing. Olena Petrenko, a local official, said the school was hit.")
    for actor in doc._.actors:
        for mention in actor.mentions:
            assert doc.text[mention.start:mention.end] == mention.text


def test_empty_and_odd_texts_give_lists(nlp: Language) -> None:
    for text in ["", "\n\n", "— — —", "!!! ??? ..."]:
        assert nlp(text)._.actors == []
