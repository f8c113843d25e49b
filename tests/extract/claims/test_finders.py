"""The cue finders as a registry: the component runs the finders its config names, in the config's order."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.extract.claims import finders
from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.extractor import ClaimExtractor
from sitroom.extract.claims.options import DEFAULT_FINDERS, ClaimOptions
from sitroom.nlp import load_pipeline


def _claims_pipeline(**config: object) -> Language:
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"],
                                    components={"sitroom_claims": config}))


def test_the_default_order_is_the_registry_order_and_the_config_holds_it() -> None:
    assert tuple(finders.FINDERS) == DEFAULT_FINDERS == ClaimOptions().finders
    nlp = _claims_pipeline()
    assert nlp.config["components"]["sitroom_claims"]["finders"] == list(finders.FINDERS)
    assert [name for name, _ in nlp.get_pipe("sitroom_claims").finders] == list(finders.FINDERS)


def test_the_component_runs_the_configured_finders_in_the_configured_order() -> None:
    order = ["verb_cue", "colon", "according_to", "hedge"]
    nlp = _claims_pipeline(finders=order)
    assert [name for name, _ in nlp.get_pipe("sitroom_claims").finders] == order
    # the parse reads "According" as a verb: offered to the verb finder first, it is a verb cue without a source
    text = "According to the ministry, the bridge was destroyed."
    assert [(c.cue_lemma, c.source) for c in nlp(text)._.claims] == [("accord", None)]
    default = _claims_pipeline()
    assert [c.cue_lemma for c in default(text)._.claims] == ["according to"]
    without = _claims_pipeline(finders=["hedge"])
    assert without(text)._.claims == []


def _whole_doc(lemma: str):
    def finder(ctx: DocContext, token) -> Draft | None:
        if token.i != 0:
            return None
        end = len(ctx.text)
        return Draft(cue=(0, 1), cue_token=0, cue_lemma=lemma, content=(2, end), source=None, source_token=None,
                     kind="indirect", stance="assert")
    return finder


@pytest.mark.parametrize("order", [("first", "second"), ("second", "first")])
def test_the_first_finder_in_the_order_wins_a_token(nlp_model: Language, monkeypatch: pytest.MonkeyPatch,
                                                    order: tuple[str, str]) -> None:
    monkeypatch.setitem(finders.FINDERS, "first", _whole_doc("first"))
    monkeypatch.setitem(finders.FINDERS, "second", _whole_doc("second"))
    doc: Doc = nlp_model("A bridge was destroyed overnight.")
    doc._.actors = []  # as the actors component leaves a text that names nobody
    claims = ClaimExtractor(ClaimOptions(finders=order))(doc)._.claims
    assert [c.cue_lemma for c in claims] == [order[0]]


def test_an_unknown_finder_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="unknown claim finders"):
        ClaimExtractor(ClaimOptions(finders=("verb_cue", "telepathy")))
