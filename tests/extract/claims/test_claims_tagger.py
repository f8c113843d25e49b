"""The learned attribution tagger's run-time half: its sequences, features and how its probabilities refine the
rules' drafts; the shipped file loads and reads the features the component computes."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.lexicon import load_claim_lexicon
from sitroom.extract.claims.spans import chars
from sitroom.extract.claims.tagger import (
    MAX_TOKENS, TAGS, RefineOptions, features, load_tagger, refine, role_probability, runs, segments)

HIDDEN = 384


def probabilities(size: int, **roles: list[int]) -> np.ndarray:
    """Tag probabilities where the named tokens are sure of their role (B for the first of a run, else I)."""
    out = np.zeros((size, len(TAGS)), dtype=np.float32)
    out[:, 0] = 1.0
    for role, tokens in roles.items():
        for i in tokens:
            tag = TAGS.index(("I-" if i - 1 in tokens else "B-") + role)
            out[i] = 0.0
            out[i, tag] = 1.0
    return out


def test_runs_are_the_true_stretches() -> None:
    assert runs(np.array([0, 1, 1, 0, 1], dtype=bool)) == [(1, 3), (4, 5)]
    assert runs(np.zeros(3, dtype=bool)) == []


def test_a_role_is_its_b_and_i_tags_together() -> None:
    rows = np.zeros((1, len(TAGS)), dtype=np.float32)
    rows[0, TAGS.index("B-cue")], rows[0, TAGS.index("I-cue")], rows[0, 0] = 0.25, 0.5, 0.25
    assert role_probability(rows, "cue")[0] == pytest.approx(0.75)
    assert role_probability(rows, "content")[0] == 0.0


def test_sequences_are_paragraphs_and_none_is_longer_than_the_limit(nlp_model: Language) -> None:
    doc = nlp_model("He said it rained.\n\nShe said it did not. " + "It rained again. " * 80)
    pieces = segments(doc)
    assert pieces[0] == (0, next(t.i for t in doc if "\n" in t.text_with_ws) + 1)
    assert all(end - start <= MAX_TOKENS for start, end in pieces)
    assert [i for start, end in pieces for i in range(start, end)] == list(range(len(doc)))
    sent_starts = {sent.start for sent in doc.sents}
    assert all(start in sent_starts for start, _ in pieces[1:])


def test_features_carry_the_rules_roles(nlp_model: Language) -> None:
    doc = nlp_model("The minister said the bridge was destroyed.")
    found = [((doc[0].idx, doc[1].idx + len(doc[1])), chars(doc, 2, 2), chars(doc, 3, 6))]
    rows = features(doc, np.zeros((len(doc), HIDDEN), dtype=np.float32), load_claim_lexicon(), found)
    assert rows.shape[0] == len(doc)
    rules = rows[:, -6:]  # B and I of source, cue and content
    assert rules[:, 0].tolist() == [1, 0, 0, 0, 0, 0, 0, 0]
    assert rules[:, 1].tolist() == [1, 1, 0, 0, 0, 0, 0, 0]
    assert rules[:, 3].tolist() == [0, 0, 1, 0, 0, 0, 0, 0]
    assert rules[:, 4].tolist() == [0, 0, 0, 1, 0, 0, 0, 0]
    assert rules[:, 5].tolist() == [0, 0, 0, 1, 1, 1, 1, 0]
    lexicon_cue = rows[:, -9]
    assert lexicon_cue[2] == 1 and lexicon_cue[1] == 0  # "said" is a lexicon cue, "minister" is not


def draft_of(doc, cue: int, content: tuple[int, int], source: tuple[int, int] | None = None) -> Draft:
    return Draft(cue=chars(doc, cue, cue), cue_token=cue, cue_lemma=doc[cue].lemma_, content=chars(doc, *content),
                 source=chars(doc, *source) if source else None, source_token=source[0] if source else None,
                 kind="indirect", stance="assert")


def test_a_content_grows_over_the_tokens_the_tagger_reads_as_content(nlp_model: Language) -> None:
    doc = nlp_model("The minister said the bridge was destroyed by shelling on Monday .")
    draft = draft_of(doc, 2, (3, 6), (0, 1))  # the rules stopped at "destroyed"
    tags = probabilities(len(doc), source=[0, 1], cue=[2], content=list(range(3, 11)))
    (refined,) = refine(doc, [draft], tags, RefineOptions(extend_threshold=0.7, cue_threshold=1.0))
    assert doc.text[slice(*refined.content)] == "the bridge was destroyed by shelling on Monday"
    assert refined.confidence == pytest.approx(1.0)
    (kept,) = refine(doc, [draft_of(doc, 2, (3, 6), (0, 1))], tags, RefineOptions(extend_threshold=1.0))
    assert doc.text[slice(*kept.content)] == "the bridge was destroyed"


def test_a_content_never_grows_over_its_own_cue(nlp_model: Language) -> None:
    doc = nlp_model("The bridge was destroyed , the minister said .")
    tags = probabilities(len(doc), content=list(range(0, 9)))
    (refined,) = refine(doc, [draft_of(doc, 7, (0, 3), (5, 6))], tags, RefineOptions(cue_threshold=1.0))
    assert doc.text[slice(*refined.content)].startswith("The bridge was destroyed")
    assert refined.content[1] <= doc[7].idx


def test_a_cue_the_rules_missed_becomes_a_claim_with_the_taggers_runs(nlp_model: Language) -> None:
    doc = nlp_model("Analysts reckon the offensive will stall before winter .")
    tags = probabilities(len(doc), source=[0], cue=[1], content=list(range(2, 9)))
    (learned,) = refine(doc, [], tags, RefineOptions(cue_threshold=0.7))
    assert doc.text[slice(*learned.cue)] == "reckon"
    assert doc.text[slice(*learned.source)] == "Analysts"
    assert doc.text[slice(*learned.content)] == "the offensive will stall before winter"
    assert refine(doc, [], tags, RefineOptions(cue_threshold=1.0)) == []


def test_a_learned_cue_needs_a_content_within_reach(nlp_model: Language) -> None:
    doc = nlp_model("Analysts reckon so .")
    assert refine(doc, [], probabilities(len(doc), source=[0], cue=[1]), RefineOptions(cue_threshold=0.5)) == []


def test_the_shipped_tagger_reads_the_features_the_component_computes(nlp_model: Language) -> None:
    tagger = load_tagger()
    assert tagger is not None, "data/claims/attribution_tagger.onnx is missing: python -m sitroom.train.attribution"
    doc = nlp_model("The minister said the bridge was destroyed.")
    rows = features(doc, np.zeros((len(doc), HIDDEN), dtype=np.float32), load_claim_lexicon(), [])
    out = tagger.probabilities(rows, segments(doc))
    assert out.shape == (len(doc), len(TAGS))
    assert np.allclose(out.sum(1), 1.0, atol=1e-4)
