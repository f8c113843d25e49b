"""sitroom_times: the seed's 15 time expressions, publication-date inference, and one case per expression class."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sitroom.extract.times import add_months, find_candidates, load_rules

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "eval" / "seed" / "article.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"evaluation data not found at {SHARED}")

SEED_PUBLISHED = dt.date(2024, 10, 14)


@pytest.fixture(scope="module")
def tag(times_tagger):
    """Run the base pipeline then sitroom_times on a text with a given publication date."""
    return times_tagger(True, dt.date(2024, 10, 14))


def _seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8")


@needs_shared
def test_seed_all_gold_times_with_gold_values(tag):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["times"]
    doc = tag(_seed_text(), SEED_PUBLISHED)
    lines = doc.text.split("\n")
    line_starts = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    assert len(gold) == 15
    for item in gold:
        start = line_starts[item["line"] - 1]
        end = start + len(lines[item["line"] - 1])
        matches = [t for t in doc._.times if t.evidence.text == item["text"] and start <= t.evidence.start < end]
        assert matches, f"missing {item['text']!r} on line {item['line']}"
        expression = matches[0]
        assert expression.value == item["value"], item
        if "start" in item:
            assert (expression.start, expression.end) == (item["start"], item["end"]), item
        if item.get("type") == "duration":
            assert expression.type == "DURATION"
        if item.get("part_of_day"):
            assert expression.part_of_day == item["part_of_day"]
        if item.get("approx"):
            assert expression.modifier == "APPROX"
    assert doc._.published_inferred is None


@needs_shared
def test_seed_anchored_duration_points_at_the_invasion_date(tag, only_time):
    doc = tag(_seed_text(), SEED_PUBLISHED)
    duration = only_time(doc, "almost 32 months")
    anchor = next(t for t in doc._.times if t.id == duration.anchor)
    assert anchor.evidence.text == "February 2022"


@needs_shared
def test_seed_publication_date_is_inferred_and_flagged(tag, only_time):
    doc = tag(_seed_text(), None)
    inferred_date, proofs = doc._.published_inferred
    assert abs((dt.date.fromisoformat(inferred_date) - SEED_PUBLISHED).days) <= 1
    assert proofs and all(doc.text[p.start : p.end] == p.text for p in proofs)
    assert only_time(doc, "October 18").value == "2024-10-18"
    assert only_time(doc, "last week").value == "2024-W41"


def test_inference_without_dates_gives_nothing(tag):
    doc = tag("Officials said the talks would continue.", None)
    assert doc._.published_inferred is None


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The strike on January 2 was deadly.", "January 2", "2024-01-02"),  # past, same year
        ("Talks were held on December 20.", "December 20", "2023-12-20"),  # past tense looks back
        ("He will visit Paris on January 5.", "January 5", "2025-01-05"),  # future looks forward
        ("The summit is set to open on November 2.", "November 2", "2024-11-02"),
        ("The meeting was held between October 10-12.", "October 10-12", "2024-10-10/2024-10-12"),
        ("The invasion began in February 2022.", "February 2022", "2022-02"),
        ("It was signed on March 3, 2021.", "March 3, 2021", "2021-03-03"),
        ("Officials said yesterday that it ended.", "yesterday", "2024-10-13"),
        ("They met last week.", "last week", "2024-W41"),
        ("They will meet later this week.", "later this week", "2024-W42"),
        ("Prices rose earlier this month.", "earlier this month", "2024-10"),
        ("The army attacked on Sunday.", "Sunday", "2024-10-13"),
        ("He will speak on Thursday.", "Thursday", "2024-10-17"),
        ("Sales fell in the third quarter.", "the third quarter", "2024-Q3"),
        ("It happened two years ago.", "two years ago", "2022"),
        ("The siege lasted for weeks.", "for weeks", "PXW"),
        ("The talks lasted three days.", "three days", "P3D"),
        ("Casualties rose in the past day.", "the past day", "2024-10-13/2024-10-14"),
        ("Reports are issued daily.", "daily", "P1D"),
        ("The plant was built in 1998.", "1998", "1998"),
        ("The war of the 1990s is over.", "the 1990s", "199"),
        ("Rebels attacked late on October 13.", "late on October 13", "2024-10-13"),
        ("The blast came at 10 p.m. local time.", "10 p.m. local time", "2024-10-14T22:00"),
        ("Now the city is quiet.", "Now", "PRESENT_REF"),
    ],
)
def test_expression_classes(tag, text, expression, value, only_time):
    assert only_time(tag(text), expression).value == value


def test_part_of_day_and_weekday_time(tag, only_time):
    doc = tag("Shelling resumed on Friday night.")
    expression = only_time(doc, "Friday night")
    assert (expression.type, expression.value, expression.part_of_day) == ("TIME", "2024-10-11TNI", "night")


def test_evidence_offsets_match_the_text(tag):
    doc = tag("On October 3 and again last week, officials said the attacks lasted for weeks.")
    assert doc._.times
    for expression in doc._.times:
        assert doc.text[expression.evidence.start : expression.evidence.end] == expression.evidence.text
        assert expression.id.startswith("T")


def test_numbers_that_are_not_times(tag):
    doc = tag("Some 2,000 people and 1,500 troops arrived; 12 percent left.")
    assert not doc._.times


def test_rules_load_once_and_overlaps_keep_the_longest():
    rules, _ = load_rules()
    assert load_rules()[0] is rules
    spans = [(c.start, c.end) for c in find_candidates("It was March 3, 2021 then.", rules)]
    assert spans == [(7, 20)]


def test_add_months_clamps_the_day():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2022, 2, 1), 32) == dt.date(2024, 10, 1)


def test_bad_rule_file_names_the_line(tmp_path):
    bad = tmp_path / "rules.tsv"
    bad.write_text("# header\nonly\ttwo\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rules.tsv:2"):
        load_rules(str(tmp_path))
