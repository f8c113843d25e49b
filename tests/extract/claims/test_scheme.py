"""The claims scheme: a news coder's reading ("reported", the default) drops what a source wants, plans, sees or
supports, which PolNeAR's broad reading keeps; a refusal to comment and a demand stay claims."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.extract.claims.extractor import ClaimExtractor
from sitroom.extract.claims.options import ClaimOptions
from sitroom.nlp import load_pipeline


@pytest.fixture(scope="module")
def reported() -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"]))


@pytest.fixture(scope="module")
def broad() -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"],
                                    components={"sitroom_claims": {"scheme": "broad"}}))


def cues(nlp: Language, text: str) -> list[str]:
    return [c.cue.text for c in nlp(text)._.claims]


@pytest.mark.parametrize("text, cue", [
    ("The Ukrainian people want to be free.", "want"),
    ("The UK plans to give vital equipment to Kyiv.", "plans"),
    ("NATO allies declined to extend an invitation to both countries at the summit.", "declined"),
    ("Ukraine is hoping to speed up exports via this route.", "hoping"),
])
def test_a_wish_a_plan_or_an_act_is_no_claim_in_the_reported_scheme(reported: Language, broad: Language,
                                                                     text: str, cue: str) -> None:
    assert cue not in " ".join(cues(reported, text))
    assert cue in " ".join(cues(broad, text))  # PolNeAR's reading marks it


def test_a_refusal_to_comment_stays_a_claim(reported: Language) -> None:
    claims = reported("The ministry declined to comment on the report.")._.claims
    assert [c.cue.text for c in claims] == ["declined to comment on"]
    claims = reported("The ministry declined to comment.")._.claims
    assert [(c.cue.text, c.stance) for c in claims] == [("declined", "no_comment")]


def test_a_want_of_someone_elses_act_is_a_demand(reported: Language) -> None:
    text = "The Kremlin wants Ukraine to recognise Crimea as part of Russia."
    assert [c.content.text for c in reported(text)._.claims] == ["Ukraine to recognise Crimea as part of Russia"]


def test_what_a_source_says_is_a_claim_in_both_schemes(reported: Language, broad: Language) -> None:
    text = "Officials said the bridge had been destroyed."
    assert cues(reported, text) == cues(broad, text) == ["said"]


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="scheme 'loose'"):
        ClaimExtractor(ClaimOptions(scheme="loose"))


def test_a_question_asked_is_no_claim(reported: Language) -> None:
    assert cues(reported, 'For years KIIS has asked Ukrainians: "Do you consider yourself a happy person?"') == []


def test_an_act_agreed_to_is_no_claim_but_an_agreement_that_is(reported: Language) -> None:
    assert cues(reported, "The US agreed to send 31 tanks to Ukraine.") == []
    assert cues(reported, "The participants agreed that the offensive had stalled.") == ["agreed"]


def test_a_sourceless_name_is_no_claim(reported: Language) -> None:
    assert cues(reported, "Known as the breadbasket of Europe, Ukraine exports grain.") == []


def test_a_quotation_split_by_its_cue_is_one_claim(reported: Language, broad: Language) -> None:
    text = '"Nothing has changed recently," he said. "There was no move to make Ukraine a member."'
    assert [c.content.text for c in reported(text)._.claims] == ['"Nothing has changed recently,"']
    assert len(broad(text)._.claims) == 2  # PolNeAR joins the second part to the same cue
    paragraphs = '"Nothing has changed recently," he said.\n\n"There was no move to make Ukraine a member."'
    assert len(reported(paragraphs)._.claims) == 2  # a quote paragraph of its own is coded apart


def test_a_reporters_frame_gives_way_to_the_attribution_inside_it(reported: Language, broad: Language) -> None:
    text = "Jennifer Rankin writes: In his speech in Paris, Macron warned that Europe could die."
    assert cues(reported, text) == ["warned"]
    assert "writes" in cues(broad, text)


def test_a_topic_mentioned_is_no_claim_but_a_clause_declared_is(reported: Language) -> None:
    assert cues(reported, "Zakharova also mentioned the conflict in Ukraine.") == []
    assert cues(reported, "Transnistria declared independence in 1990.") == []
    assert cues(reported, "Putin has declared that Western supplies will not change the war.") == ["has declared"]


def test_said_this_reports_the_sentence_before_and_a_lone_pronoun_is_no_claim(reported: Language) -> None:
    text = ("The Kremlin is conducting an information campaign against Kharkiv. The institute said this in a new "
            "assessment.")
    assert [c.content.text for c in reported(text)._.claims] == [
        "The Kremlin is conducting an information campaign against Kharkiv"]
    assert cues(reported, "They asked me again. I answered it.") == []


def test_a_prescription_and_an_accusations_target_are_no_claims(reported: Language) -> None:
    assert cues(reported, "President Biden must immediately state his intention to arm Ukraine.") == []
    assert cues(reported, "Russia is accused, with its allies, in the report.") == []


def test_a_tagger_cue_with_a_bare_noun_phrase_is_no_claim(reported: Language) -> None:
    from sitroom.extract.claims.draft import Draft
    from sitroom.extract.claims.scheme import reported as is_reported

    doc = reported.make_doc("Stoltenberg cautioned western allies. Stoltenberg cautioned that allies depend on China.")
    for name, component in reported.pipeline:
        if name != "sitroom_claims":
            doc = component(doc)
    extractor = reported.get_pipe("sitroom_claims")
    ctx = extractor.context(doc)

    def learned(at: int, content: str) -> Draft:
        what = doc.text.index(content)
        token = doc.char_span(at, at + len("cautioned")).root
        return Draft(cue=(at, at + len("cautioned")), cue_token=token.i, cue_lemma=token.lemma_,
                     content=(what, what + len(content)), source=(0, 11), source_token=0, kind="indirect",
                     stance="assert", learned=True)

    assert not is_reported(ctx, learned(doc.text.index("cautioned"), "western allies"))
    assert is_reported(ctx, learned(doc.text.rindex("cautioned"), "that allies depend on China"))
