"""Plain text: the title convention, and the mission's article (seed) as the acceptance case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.ingest import article_from_text, read_paths, to_clean, to_source
from sitroom.ingest.text import read_text
from sitroom.model import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
# The mission's article (../shared/eval/seed), bundled as a fixture; its gold annotations stay in ../shared.
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "article.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the mission's seed article is not at {SEED}")
needs_gold = pytest.mark.skipif(not SEED_GOLD.exists(), reason=f"the seed gold is not at {SEED_GOLD}")


@pytest.fixture(scope="module")
def seed() -> tuple[str, Article]:
    raw = SEED.read_text(encoding="utf-8")
    (article,) = list(read_paths([SEED]))
    assert isinstance(article, Article), article
    return raw, article


@needs_seed
def test_seed_title_credits_and_removed_lines(seed: tuple[str, Article]) -> None:
    raw, article = seed
    lines = raw.split("\n")
    assert article.title == lines[0]
    assert article.credits == ["AFP", "dpa", "Reuters"]
    removed = {r.line: r.kind for r in article.removed}
    assert removed == {1: "title", 9: "promo", 11: "promo", 35: "related_link", 49: "credits"}
    for number in (9, 11, 35, 49):
        assert lines[number - 1] not in article.text
    assert lines[2] in article.text  # the photo caption carries a claim: it stays
    assert article.text.startswith(lines[2])
    assert "\n\n" in article.text and "\n\n\n" not in article.text  # paragraph breaks kept, not multiplied


@needs_seed
def test_seed_offsets_round_trip(seed: tuple[str, Article]) -> None:
    raw, article = seed
    for line in article.removed:
        assert raw[line.source_start : line.source_end] == line.text
    # every kept paragraph maps back to the same characters of the file as read
    for paragraph_start in [0] + [i + 2 for i in range(len(article.text)) if article.text.startswith("\n\n", i)]:
        end = article.text.find("\n", paragraph_start)
        end = len(article.text) if end < 0 else end
        source = to_source(article.extra["source_offsets"], paragraph_start)
        assert raw[source : source + end - paragraph_start] == article.text[paragraph_start:end]


@needs_seed
@needs_gold
def test_gold_spans_on_the_raw_file_map_into_the_clean_text(seed: tuple[str, Article]) -> None:
    raw, article = seed
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    segments = article.extra["source_offsets"]
    spans = [c["content_span"] for c in gold["claims"] if "content_span" in c]
    assert spans
    for start, end in spans:
        clean_start, clean_end = to_clean(segments, start), to_clean(segments, end)
        assert clean_start is not None and clean_end is not None
        assert article.text[clean_start:clean_end] == raw[start:end]


@needs_seed
def test_seed_is_read_the_same_twice(seed: tuple[str, Article]) -> None:
    _, article = seed
    (again,) = list(read_paths([SEED]))
    assert isinstance(again, Article)
    assert (again.id, again.content_hash, again.text) == (article.id, article.content_hash, article.text)


def test_first_line_is_title_only_when_a_blank_line_follows() -> None:
    body = "The defence ministry said troops had withdrawn from the village after three days of fighting."
    titled = article_from_text(f"Troops withdraw\n\n{body}")
    assert (titled.title, titled.text) == ("Troops withdraw", body)
    untitled = article_from_text(f"Troops withdraw\n{body}")
    assert untitled.title == ""
    assert untitled.text.startswith("Troops withdraw\n")


def test_given_title_keeps_first_line_in_text() -> None:
    article = article_from_text("First line\n\nSecond paragraph of the article.", title="Given")
    assert article.title == "Given"
    assert article.text.startswith("First line")


def test_published_is_never_guessed() -> None:
    text = "Officials said on Monday that the bridge had been repaired and reopened to traffic."
    assert article_from_text(text, published="2024-10-14").published == "2024-10-14"
    assert article_from_text(text, published="2024-10-14T09:30:00+03:00").published == "2024-10-14T09:30:00+03:00"
    assert article_from_text(text, published="2024-10-14T09:30:00").published == "2024-10-14"  # naive: date only
    odd = article_from_text(text, published="last Tuesday")
    assert odd.published is None and odd.extra["published_raw"] == "last Tuesday"


def test_read_text_reports_an_empty_body() -> None:
    result = read_text("Just a title\n\nSEE ALSO: Something else entirely", source="x.txt")
    assert not isinstance(result, Article)
    assert result.reason == "missing_text"
