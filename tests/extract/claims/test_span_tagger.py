"""The span tagger's run-time half: one draft's marks, how its classes become the draft's content (one part, or two
around a cue that splits it), and that the attribution tagger leaves a content it read as it is."""

from __future__ import annotations

import numpy as np
from spacy.language import Language

from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.lexicon import load_claim_lexicon
from sitroom.extract.claims.span_tagger import (
    MARKS,
    SPAN_TAGS,
    SpanOptions,
    content_parts,
    load_span_tagger,
    marks,
    piece_of,
    read_spans,
)
from sitroom.extract.claims.spans import chars
from sitroom.extract.claims.tagger import (
    TAGS,
    RefineOptions,
    features,
    refine,
    segments,
)


def draft_of(doc, cue: int, content: tuple[int, int], source: tuple[int, int] | None = None) -> Draft:
    return Draft(cue=chars(doc, cue, cue), cue_token=cue, cue_lemma=doc[cue].lemma_, content=chars(doc, *content),
                 source=chars(doc, *source) if source else None, source_token=source[0] if source else None,
                 kind="indirect", stance="assert")


def classes(size: int, source: list[int] = (), content: list[int] = ()) -> np.ndarray:
    """Class probabilities where the named tokens are sure of their class."""
    out = np.zeros((size, len(SPAN_TAGS)), dtype=np.float32)
    out[:, 0] = 1.0
    for name, tokens in (("source", source), ("content", content)):
        for i in tokens:
            out[i] = 0.0
            out[i, SPAN_TAGS.index(name)] = 1.0
    return out


def text(doc, span: tuple[int, int]) -> str:
    return doc.text[slice(*span)]


def test_marks_are_the_drafts_cue_content_and_source_in_its_piece(nlp_model: Language) -> None:
    doc = nlp_model("The minister said the bridge was destroyed.")
    out = marks(doc, (0, len(doc)), draft_of(doc, 2, (3, 6), (0, 1)))
    assert out.shape == (len(doc), len(MARKS))
    assert out[:, MARKS.index("cue")].tolist() == [0, 0, 1, 0, 0, 0, 0, 0]
    assert out[:, MARKS.index("content")].tolist() == [0, 0, 0, 1, 1, 1, 1, 0]
    assert out[:, MARKS.index("source")].tolist() == [1, 1, 0, 0, 0, 0, 0, 0]


def test_a_piece_is_found_by_its_token() -> None:
    assert piece_of([(0, 5), (5, 9)], 5) == (5, 9)
    assert piece_of([(0, 5)], 7) is None


def test_a_fronted_clause_the_tagger_reads_as_content_joins_it(nlp_model: Language) -> None:
    doc = nlp_model("If the talks fail , the minister said , the army will attack .")
    draft = draft_of(doc, 7, (9, 12), (5, 6))  # the rules kept the clause after the cue only
    probs = classes(len(doc), source=[5, 6], content=[0, 1, 2, 3, 9, 10, 11, 12])
    parts = content_parts(doc, (0, len(doc)), probs, draft, SpanOptions())
    assert [text(doc, chars(doc, *p)) for p in parts] == ["the army will attack", "If the talks fail"]
    one = content_parts(doc, (0, len(doc)), probs, draft, SpanOptions(split_parts=False))
    assert [text(doc, chars(doc, *p)) for p in one] == ["the army will attack"]


def test_a_run_beyond_another_speaker_is_no_part_of_the_content(nlp_model: Language) -> None:
    doc = nlp_model("Officers deny that the road was hit , but the minister said the bridge fell .")
    draft = draft_of(doc, 11, (12, 14), (9, 10))
    probs = classes(len(doc), source=[9, 10], content=[3, 4, 5, 6, 12, 13, 14])
    parts = content_parts(doc, (0, len(doc)), probs, draft, SpanOptions())
    assert [text(doc, chars(doc, *p)) for p in parts] == ["the bridge fell"]


def test_a_content_is_one_span_though_a_token_inside_is_unsure(nlp_model: Language) -> None:
    doc = nlp_model("The minister said the bridge fell on Monday .")
    probs = classes(len(doc), source=[0, 1], content=[3, 4, 5, 7])
    probs[6] = (0.6, 0.0, 0.4)  # "on": less sure than its neighbours, still inside the likeliest span
    (part,) = content_parts(doc, (0, len(doc)), probs, draft_of(doc, 2, (3, 5), (0, 1)), SpanOptions())
    assert text(doc, chars(doc, *part)) == "the bridge fell on Monday"


def test_a_trailing_frame_the_tagger_reads_as_outside_leaves_the_content(nlp_model: Language) -> None:
    doc = nlp_model("The minister said the bridge fell on Monday according to reports .")
    draft = draft_of(doc, 2, (3, 10), (0, 1))
    probs = classes(len(doc), source=[0, 1], content=[3, 4, 5, 6, 7])
    (part,) = content_parts(doc, (0, len(doc)), probs, draft, SpanOptions())
    assert text(doc, chars(doc, *part)) == "the bridge fell on Monday"


def test_no_content_read_leaves_the_rules_content(nlp_model: Language) -> None:
    doc = nlp_model("The minister said the bridge fell .")

    class Nothing:
        def probabilities(self, rows: np.ndarray, draft_marks: np.ndarray) -> np.ndarray:
            return classes(len(rows))

    draft = draft_of(doc, 2, (3, 5), (0, 1))
    (same,) = read_spans(doc, [draft], np.zeros((len(doc), 1)), segments(doc), Nothing(), SpanOptions())
    assert text(doc, same.content) == "the bridge fell" and same.rule_content is None


def test_a_split_content_is_a_second_draft_with_the_same_cue(nlp_model: Language) -> None:
    doc = nlp_model("If the talks fail , the minister said , the army will attack .")

    class Split:
        def probabilities(self, rows: np.ndarray, draft_marks: np.ndarray) -> np.ndarray:
            return classes(len(rows), source=[5, 6], content=[0, 1, 2, 3, 9, 10, 11, 12])

    drafts = read_spans(doc, [draft_of(doc, 7, (9, 12), (5, 6))], np.zeros((len(doc), 1)), segments(doc), Split(),
                        SpanOptions())
    assert [text(doc, d.content) for d in drafts] == ["the army will attack", "If the talks fail"]
    assert drafts[0].cue == drafts[1].cue
    assert drafts[0].rule_content is None  # its main part is the rules' span: left for the tagger to grow


def test_the_tagger_does_not_grow_a_content_the_span_tagger_read(nlp_model: Language) -> None:
    doc = nlp_model("The minister said the bridge was destroyed by shelling on Monday .")
    tags = np.zeros((len(doc), len(TAGS)), dtype=np.float32)
    tags[:, 0] = 1.0
    tags[3:11] = 0.0
    tags[3:11, TAGS.index("I-content")] = 1.0
    draft = draft_of(doc, 2, (3, 6), (0, 1))
    draft.rule_content = chars(doc, 3, 4)  # the rules said "the bridge", the span tagger read more
    (kept,) = refine(doc, [draft], tags, RefineOptions(cue_threshold=1.0))
    assert text(doc, kept.content) == "the bridge was destroyed"


def test_the_shipped_span_tagger_reads_the_features_the_component_computes(nlp_model: Language) -> None:
    tagger = load_span_tagger()
    assert tagger is not None, "data/claims/span_tagger.onnx is missing: python -m sitroom.train.attribution_spans"
    doc = nlp_model("The minister said the bridge was destroyed.")
    draft = draft_of(doc, 2, (3, 6), (0, 1))
    rows = features(doc, np.zeros((len(doc), 384), dtype=np.float32), load_claim_lexicon(), [
        (draft.source, draft.cue, draft.content)])
    out = tagger.probabilities(rows, marks(doc, (0, len(doc)), draft))
    assert out.shape == (len(doc), len(SPAN_TAGS))
    assert np.allclose(out.sum(1), 1.0, atol=1e-4)


def test_a_span_never_ends_inside_a_hyphenated_word(nlp_model: Language) -> None:
    doc = nlp_model("The minister said Moscow backs its full-scale invasion .")
    full = next(t.i for t in doc if t.text == "full")
    probs = classes(len(doc), source=[0, 1], content=list(range(3, full + 1)))
    (part,) = content_parts(doc, (0, len(doc)), probs, draft_of(doc, 2, (3, 4), (0, 1)), SpanOptions())
    assert text(doc, chars(doc, *part)).endswith("full-scale")
