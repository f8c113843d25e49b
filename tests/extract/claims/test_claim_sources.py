"""Claim sources as a reader resolves them: pronouns by sex, number and salience, appositions and titles, nominals
and documents, each on a short sentence written for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.extract.actors import load_actor_lexicon
from sitroom.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"]))


def sources(nlp: Language, text: str) -> dict[str, str | None]:
    """Each claim's cue -> the name of the actor its source resolves to."""
    doc = nlp(text)
    actors = {a.id: a.name for a in doc._.actors}
    return {c.cue.text: actors.get(c.source or "") for c in doc._.claims}


def test_the_lexicon_knows_first_names_by_sex() -> None:
    lexicon = load_actor_lexicon()
    assert lexicon.first_names["maria"] == "f" and lexicon.first_names["dmitry"] == "m"
    assert "jordan" not in lexicon.first_names  # given to boys and girls alike: no sex


def test_she_never_resolves_to_a_mans_name(nlp: Language) -> None:
    text = ("Alexander Petrenko praised the team. Maria Kovalenko won the final on Sunday. "
            "\"I am very happy,\" she said.")
    assert sources(nlp, text)["said"] == "Maria Kovalenko"


def test_he_never_resolves_to_a_womans_name(nlp: Language) -> None:
    text = "Sanna Lindqvist met Dmitry Orlov in Oslo. \"We will see,\" he said."
    assert sources(nlp, text)["said"] == "Dmitry Orlov"


def test_a_title_tells_the_sex_where_the_first_name_does_not(nlp: Language) -> None:
    text = "Mrs Okonkwo met Mr Adeyemi at the border. She said the crossing would reopen."
    assert sources(nlp, text)["said"] == "Mrs Okonkwo"


def test_the_name_inside_the_quotation_is_not_its_speaker(nlp: Language) -> None:
    text = ("David Harlan, a historian, spoke on Monday. \"This is a chance that Petrov is taking,\" he said.")
    assert sources(nlp, text)["said"] == "David Harlan"


def test_a_spokesman_before_his_name_is_the_speaker_not_his_principal(nlp: Language) -> None:
    text = "President Ivan Petrov's spokesman Oleg Sokolov said the talks had failed."
    assert sources(nlp, text)["said"] == "Oleg Sokolov"


def test_a_role_noun_apposed_to_a_name_is_that_person(nlp: Language) -> None:
    text = "The leader of the region, Denis Volkov, said the harvest was good."
    assert sources(nlp, text)["said"] == "Denis Volkov"


def test_a_spokeswoman_is_not_her_ministry(nlp: Language) -> None:
    text = "Russian Foreign Ministry spokeswoman Irina Volkova said the talks had failed."
    assert sources(nlp, text)["said"] == "Irina Volkova"


def test_it_stands_for_the_organization_before(nlp: Language) -> None:
    text = ("The European Union condemned the shelling on Friday. "
            "It said the attacks on civilians must stop.")
    assert sources(nlp, text)["said"] == "European Union"


def test_a_title_and_surname_join_the_person_named_in_full(nlp: Language) -> None:
    doc = nlp("President Taras Bondar visited Lviv. Mr Bondar said the bridge would be rebuilt.")
    people = [a for a in doc._.actors if a.kind == "person"]
    assert [a.name for a in people] == ["Taras Bondar"]


def test_a_surname_alone_after_the_full_name_is_the_same_person(nlp: Language) -> None:
    text = ("Oleg Marchenko, head of the council, spoke in Kyiv. Marchenko was speaking after a blast. "
            "The cause was unclear. \"There is a great danger,\" he said.")
    assert sources(nlp, text)["said"] == "Oleg Marchenko"


def test_an_unnamed_group_is_named_as_the_text_names_it(nlp: Language) -> None:
    text = "Officials from the Russian-backed administration said the attack killed two people."
    assert sources(nlp, text)["said"] == "Officials from the Russian-backed administration"


def test_the_name_apposed_to_the_role_nouns_object_is_the_speaker(nlp: Language) -> None:
    text = ("Denis Pushilin spoke on Monday. The leader of the DPR, Denis Pushilin, said recently that the harvest "
            "would be higher.")
    assert sources(nlp, text)["said recently"] == "Denis Pushilin"


def test_a_report_is_its_issuers(nlp: Language) -> None:
    text = ("According to a report published by the World Food Programme earlier this month, exports fell by "
            "half.")
    assert sources(nlp, text)["According to"] == "World Food Programme"


def test_a_name_with_a_who_clause_is_a_person_and_he_tells_the_sex(nlp: Language) -> None:
    text = ("Sabalenka, who could become world number one, is from Belarus. Lukashenko congratulated Sabalenka on "
            "the triumph. He later said people knew where she came from. "
            "\"I am not supporting war,\" she said on Tuesday.")
    assert sources(nlp, text)["said"] == "Sabalenka"


def test_a_ministry_keeps_the_country_that_owns_it(nlp: Language) -> None:
    text = ("Moscow's Defense Ministry said its troops had taken two villages. "
            "Ukraine's Defense Ministry said the attack had been repelled.")
    doc = nlp(text)
    actors = {a.id: a.name for a in doc._.actors}
    assert [actors.get(c.source or "") for c in doc._.claims] == ["Moscow's Defense Ministry",
                                                                  "Ukraine's Defense Ministry"]


def test_a_title_no_one_holds_is_the_person_just_named(nlp: Language) -> None:
    text = ("In Petrenko's evening address, the Ukrainian President spoke about the harvest. "
            "The President said the grain would be shipped.")
    assert set(sources(nlp, text).values()) == {"Petrenko"}


def test_a_resolved_he_carries_the_person_to_the_next_he(nlp: Language) -> None:
    text = ("Oleg Danko was speaking after the blast. The cause of the blast was unclear. Roads were closed. "
            "\"There is a great danger,\" he said. \"Nobody knows what comes next. We will see soon,\" he said.")
    doc = nlp(text)
    actors = {a.id: a.name for a in doc._.actors}
    assert [actors.get(c.source or "") for c in doc._.claims] == ["Oleg Danko", "Oleg Danko"]


def test_a_name_inside_what_was_said_is_not_the_next_speaker(nlp: Language) -> None:
    text = ("Richard Moyle said the war would be long. A further reason to help, he said, was because "
            "China's leader Xi Jinping was watching. \"There is no evidence of that,\" he replied.")
    assert sources(nlp, text)["replied"] == "Richard Moyle"


def test_a_title_alone_is_a_person_a_pronoun_can_stand_for(nlp: Language) -> None:
    text = ("Jens Stoltenberg has said that the alliance would not force a peace. The Russian foreign minister "
            "responded by saying the Kremlin was ready. \"It means that they want to fight,\" he said.")
    assert sources(nlp, text)["said"] == "Russian foreign minister"


def test_a_common_noun_title_before_a_name_is_the_persons_role(nlp: Language) -> None:
    text = ("MI6 chief Richard Moyle said Russia had failed. The weather in Aspen was fine. Delegates arrived. "
            "The MI6 chief said the campaign was winnable.")
    doc = nlp(text)
    actors = {a.id: a.name for a in doc._.actors}
    assert [actors.get(c.source or "") for c in doc._.claims] == ["Richard Moyle", "Richard Moyle"]
    assert next(a for a in doc._.actors if a.name == "Richard Moyle").role == "MI6 chief"
