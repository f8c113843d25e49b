"""The article-extraction benchmark's metric on small made-up cases (checked by hand)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sitroom.eval.extraction import aggregate, evaluate, shingle_matching, shingles, tokenize

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
BENCHMARK = SHARED / "eval" / "extraction" / "scrapinghub_article_extraction_benchmark"


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokenize("Hello, World! It's 2024.") == ["Hello", "World", "It", "s", "2024"]


def test_shingles_of_a_short_text_are_one_short_shingle() -> None:
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("") == {}


def test_perfect_and_disjoint() -> None:
    assert shingle_matching("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    assert shingle_matching("a b c d", "w x y z") == (0.0, 0.5, 0.5)


def test_partial_overlap_is_normalised_per_page() -> None:
    # true: abcd bcde; pred: abcd bcdf -> tp 1, fp 1, fn 1 -> thirds
    tp, fp, fn = shingle_matching("a b c d e", "a b c d f")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_aggregate_averages_precision_and_recall_then_f1() -> None:
    metrics = aggregate([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert metrics["precision"] == pytest.approx(75.0)
    assert metrics["recall"] == pytest.approx(100.0)
    assert metrics["f1"] == pytest.approx(2 * 75 / 175 * 100)
    empty_prediction = aggregate([(0.0, 0.0, 1.0)])  # nothing predicted: left out of precision, recall 0
    assert (empty_prediction["precision"], empty_prediction["recall"]) == (0.0, 0.0)


def test_evaluate_on_a_made_up_benchmark(tmp_path: Path) -> None:
    body = "Officials said the bridge was destroyed overnight and repairs would take several weeks."
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(b"<html></html>"))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": "u"}}))
    assert evaluate(tmp_path, extract=lambda html, url: body) == {"precision": 100.0, "recall": 100.0, "f1": 100.0, "pages": 1}
    half = evaluate(tmp_path, extract=lambda html, url: body + " Sign up for our newsletter today to get the news.")
    assert half["recall"] == 100.0 and half["precision"] < 100.0


@pytest.mark.slow
@pytest.mark.skipif(not BENCHMARK.exists(), reason=f"benchmark not at {BENCHMARK}")
def test_sitroom_reaches_the_target_on_the_benchmark() -> None:
    metrics = evaluate(BENCHMARK)
    assert metrics["pages"] == 181
    assert metrics["f1"] >= 96.4
