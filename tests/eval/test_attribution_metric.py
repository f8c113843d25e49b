"""The attribution scorer: brat reading (discontinuous spans) and exact / relation-aligned overlap matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.eval.attribution import (
    AnnotationError, Counts, Relation, read_ann, read_split, score_document, word_offsets, words_in,
)

TEXT = "The mayor said that the bridge fell. Police denied it, officials said."


def _words(text: str, *phrases: str) -> frozenset[int]:
    offsets = word_offsets(TEXT)
    spans = [(TEXT.index(p), TEXT.index(p) + len(p)) for p in phrases]
    return words_in(spans, offsets)


def test_words_ignore_punctuation_and_join_fragments() -> None:
    assert _words(TEXT, "The mayor ") == _words(TEXT, "The mayor")
    assert len(_words(TEXT, "The mayor", "bridge fell.")) == 4


def test_read_ann_with_discontinuous_span(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    fell = TEXT.index("fell")
    ann.write_text(
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\n"
        f"T3\tContent 15 22;{fell} {fell + 4}\tthat the fell\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\nT9\tDiscard 0 3\tThe\n", encoding="utf-8")
    (relation,) = read_ann(ann, TEXT)
    assert relation.source == _words(TEXT, "The mayor")
    assert relation.content == _words(TEXT, "that the", "fell")


def test_bad_ann_line_names_file_and_line(tmp_path: Path) -> None:
    ann = tmp_path / "bad.ann"
    ann.write_text("T1\tSource zero 9\tThe mayor\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="bad.ann:1"):
        read_ann(ann, TEXT)


def test_read_split_reports_bad_items_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "text" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_x1.ann").write_text("T1\tCue 10 14\tsaid\nE1\tAttribution:T1 Cue:T1\n")
    items = list(read_split(tmp_path, "dev"))
    assert [type(i).__name__ for i in items] == ["Document", "AnnotationError"]


def test_exact_needs_equal_words_overlap_needs_the_same_relation() -> None:
    gold = [Relation(_words(TEXT, "The mayor"), _words(TEXT, "said"), _words(TEXT, "that the bridge fell")),
            Relation(_words(TEXT, "Police"), _words(TEXT, "denied"), _words(TEXT, "it"))]
    predicted = [Relation(_words(TEXT, "mayor"), _words(TEXT, "said"), _words(TEXT, "the bridge fell")),
                 Relation(_words(TEXT, "Police"), _words(TEXT, "officials said"), _words(TEXT, "it"))]
    counts = score_document(predicted, gold)
    assert (counts["cue_exact"].matched, counts["cue_overlap"].matched) == (1, 1)
    assert counts["source_exact"].matched == 1  # "Police"
    assert counts["source_overlap"].matched == 1  # "mayor" overlaps; "Police" is in an unaligned relation
    assert counts["content_exact"].matched == 1 and counts["content_overlap"].matched == 1


def test_counts_prf() -> None:
    counts = Counts(predicted=4, gold=5, matched=3)
    p, r, f = counts.prf()
    assert (round(p), round(r), round(f, 1)) == (75, 60, 66.7)
    assert Counts().prf() == (0.0, 0.0, 0.0)


def test_claims_sharing_a_cue_become_one_relation_with_joined_content() -> None:
    from types import SimpleNamespace

    from sitroom.eval.attribution import predict
    from sitroom.model import Claim, Evidence

    def ev(phrase: str) -> Evidence:
        start = TEXT.index(phrase)
        return Evidence("a", start, start + len(phrase))

    claims = [Claim("C1", None, ev("The mayor"), ev("said"), ev("that the bridge fell")),
              Claim("C2", None, ev("The mayor"), ev("said"), ev("Police denied it"))]
    (relations,) = list(predict([SimpleNamespace(_=SimpleNamespace(claims=claims))], [TEXT]))
    assert len(relations) == 1 and relations[0].content == _words(TEXT, "that the bridge fell", "Police denied it")


def test_note_continuation_lines_are_skipped(tmp_path: Path) -> None:
    ann = tmp_path / "n.ann"
    ann.write_text("T1\tCue 10 14\tsaid\n#1\tAnnotatorNotes T1\tfirst line\nThe second line of the note\n"
                   "E1\tAttribution:T1 Cue:T1\n", encoding="utf-8")
    assert len(read_ann(ann, TEXT)) == 1
