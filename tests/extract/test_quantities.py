"""sitroom_quantities: the seed's 9 quantities (acceptance) and one case per number class."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom import lexicons
from sitroom.acled import VAGUE_NUMERALS
from sitroom.config import NlpOptions
from sitroom.extract.doc import MissingInputError
from sitroom.extract.quantities import QuantityTagger, load_grammar
from sitroom.model import Quantity, from_dict
from sitroom.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "eval" / "seed" / "article.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"evaluation data not found at {SHARED}")


@pytest.fixture(scope="module")
def quantities(nlp_base):
    """The quantities of a text through the default pipeline (the time component runs before them)."""

    def run(text: str):
        return nlp_base(text)._.quantities

    return run


def _one(found, text: str):
    matches = [q for q in found if q.evidence.text == text]
    assert matches, f"{text!r} not in {[q.evidence.text for q in found]}"
    return matches[0]


@needs_shared
def test_seed_all_gold_quantities(quantities):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quantities"]
    found = quantities(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert len(gold) == 9
    for item in gold:
        quantity = _one(found, item["text"])
        for key in ("value", "low", "high"):
            if key in item:
                assert getattr(quantity, key) == item[key], (item, quantity)
        assert quantity.approximator.lower() == item.get("approx", "")
        counted = item["of"].split(" (")[0]  # the gold's gloss after the parenthesis is a note, not the unit
        assert quantity.unit == counted, (item, quantity.unit)
        assert quantity.unit_evidence is not None and quantity.unit_evidence.text == counted
    assert len(found) == 9, [q.evidence.text for q in found]  # no years, dates, durations or ordinals


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Dozens of civilians were killed.", "Dozens", {"value": 12, "approximation": "vague", "unit": "civilians"}),
        ("Hundreds of people fled.", "Hundreds", {"value": 100, "unit": "people"}),
        ("Between 10 and 20 soldiers died.", "Between 10 and 20", {"low": 10, "high": 20, "unit": "soldiers"}),
        ("With 15-20 trucks.", "15-20", {"low": 15, "high": 20, "approximation": "range", "unit": "trucks"}),
        ("1.5 million people were affected.", "1.5 million", {"value": 1_500_000, "unit": "people"}),
        ("At least 300 people were evacuated.", "At least 300", {"low": 300, "approximation": "at_least"}),
        ("Less than 20 tanks remain.", "Less than 20", {"high": 19, "approximation": "at_most", "unit": "tanks"}),
        ("Up to 40 drones flew.", "Up to 40", {"high": 40, "approximation": "at_most", "unit": "drones"}),
        ("Tens of thousands of residents left.", "Tens of thousands", {"value": 10_000, "unit": "residents"}),
        ("Twenty-four sailors were rescued.", "Twenty-four", {"value": 24, "unit": "sailors"}),
        ("The fund raised $40 million.", "$40 million", {"value": 40_000_000, "unit": "USD", "kind": "money"}),
        ("Five people were killed and eight were wounded.", "eight", {"value": 8, "unit": "people"}),
    ],
)
def test_quantity_classes(quantities, text, span, expected):
    quantity = _one(quantities(text), span)
    for key, value in expected.items():
        assert getattr(quantity, key) == value, (key, quantity)


@pytest.mark.parametrize(
    "text",
    [
        "Turnout rose 5 percentage points in 2022.",  # ratios other than percentages, and years, are not counts
        "The 6-year-old boy was found on October 3.",  # ages and dates
        "It was the first time in two years.",  # ordinals and durations
        "No one was hurt at 10 a.m.",  # pronoun "one", clock time
    ],
)
def test_not_counts(quantities, text):
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Turnout was 12 percent in 2022.", "12 percent", {"value": 12, "unit": "percent", "kind": "percent"}),
        ("Prices rose 27% in a year.", "27%", {"value": 27, "unit": "percent", "kind": "percent"}),
        ("It cost 3.5 per cent more.", "3.5 per cent", {"value": 3.5, "kind": "percent"}),
        ("The firm paid $25m in fines.", "$25m", {"value": 25_000_000, "unit": "USD", "kind": "money"}),
        ("Kyiv asked for $1.5bn.", "$1.5bn", {"value": 1_500_000_000, "unit": "USD", "kind": "money"}),
        ("The EU gave €1.5 billion.", "€1.5 billion", {"value": 1_500_000_000, "unit": "EUR", "kind": "money"}),
        ("Russia spent 61 billion dollars.", "61 billion dollars", {"value": 61e9, "unit": "USD", "kind": "money"}),
        ("A grant of £3m was made.", "£3m", {"value": 3_000_000, "unit": "GBP", "kind": "money"}),
        ("Aid of 2 billion hryvnias came.", "2 billion hryvnias", {"value": 2e9, "unit": "UAH", "kind": "money"}),
        ("Losses of $2m-5m were reported.", "$2m-5m", {"low": 2e6, "high": 5e6, "approximation": "range",
                                                        "kind": "money"}),
        ("Aid of approximately 400.000 Euros came.", "approximately 400.000 Euros", {"value": 400_000, "unit": "EUR"}),
        ("Nearly 40% of homes were hit.", "Nearly 40%", {"value": 40, "approximation": "approx", "kind": "percent"}),
        ("Dozens of civilians were killed.", "Dozens", {"kind": "count"}),
    ],
)
def test_percentages_and_money(quantities, text, span, expected):
    quantity = _one(quantities(text), span)
    for key, value in expected.items():
        assert getattr(quantity, key) == value, (key, quantity)
    assert quantity.unit_evidence is not None


def test_scale_abbreviations_need_a_currency(quantities):
    assert quantities("A 25m wall stood there.") == []


def test_vague_numerals_are_acled_figures_with_the_literal_range_apart(quantities):
    vague = lexicons.read_json("quantities/lexicon.json")["vague"]
    assert {word: vague[word][0] for word in VAGUE_NUMERALS} == VAGUE_NUMERALS  # one reading: ACLED's
    quantity = _one(quantities("Hundreds of people fled."), "Hundreds")
    assert (quantity.value, quantity.low, quantity.high, quantity.approximation) == (100, 200, 999, "vague")


def test_evidence_offsets(quantities):
    text = "Nearly 8,000 children and some 30,415 people were moved."
    for quantity in quantities(text):
        assert text[quantity.evidence.start : quantity.evidence.end] == quantity.evidence.text
        assert text[quantity.unit_evidence.start : quantity.unit_evidence.end] == quantity.unit


def test_grammar_is_built_once_from_the_packaged_lexicon():
    assert load_grammar("") is load_grammar("")
    assert load_grammar().lexicon == lexicons.read_json("quantities/lexicon.json")


def test_a_data_dir_lexicon_replaces_the_packaged_one(tmp_path, nlp_model):
    lexicon = lexicons.read_json("quantities/lexicon.json")
    lexicon["vague"]["dozens"] = [24, 24, 99]
    (tmp_path / "lexicon.json").write_text(json.dumps(lexicon), encoding="utf-8")
    doc = nlp_model("Dozens of civilians were killed.")
    doc._.times = []
    (quantity,) = QuantityTagger(str(tmp_path), skip_times=True)(doc)._.quantities
    assert quantity.value == 24


def test_default_config_holds_no_path(nlp_base):
    assert nlp_base.config["components"]["sitroom_quantities"]["data_dir"] == ""


def test_numbers_inside_time_expressions_are_not_counts(quantities):
    assert [q.evidence.text for q in quantities("The siege lasted 32 months and killed 300 people.")] == ["300"]


def test_without_the_time_component_it_is_reported_and_raises(nlp_model):
    nlp = load_pipeline(NlpOptions(pipeline=["sitroom_quantities"]))
    assert nlp.analyze_pipes(pretty=False)["problems"]["sitroom_quantities"] == ["doc._.times"]
    message = r"^sitroom_quantities needs doc\._\.times: add sitroom_times before it$"
    with pytest.raises(MissingInputError, match=message):
        nlp("The siege lasted 32 months and killed 300 people.")
    doc = nlp_model("The siege lasted 32 months and killed 300 people.")
    doc._.times = None
    assert [q.evidence.text for q in QuantityTagger(skip_times=False)(doc)._.quantities] == ["32", "300"]


def test_records_written_before_kind_still_read():
    old = {"id": "Q1", "evidence": {"article_id": "a", "start": 0, "end": 3, "sentence": 0, "text": "300"},
           "value": 300, "unit": "people"}
    assert from_dict(Quantity, old).kind == "count"
