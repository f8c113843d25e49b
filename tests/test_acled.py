"""ACLED's conventions: actor names, inter and interaction codes, the fatality rule, precision codes, columns."""

from __future__ import annotations

import pytest

from sitroom import acled, lexicons
from sitroom.model import Casualty, Evidence, Quantity


def quantity(qid: str, value: float | None = None, low: float | None = None, high: float | None = None) -> Quantity:
    return Quantity(id=qid, evidence=Evidence(article_id="a", start=0, end=1, text="x"), value=value, low=low,
                    high=high)


def test_actor_names() -> None:
    assert acled.military_forces("Russia") == "Military Forces of Russia"
    assert acled.civilians("Ukraine") == "Civilians (Ukraine)"
    assert acled.civilians() == "Civilians"


def test_inter_and_interaction_codes() -> None:
    assert (acled.INTER_STATE, acled.INTER_CIVILIANS) == (1, 7)
    assert sorted(acled.INTER_CODES) == list(range(1, 9))
    assert acled.interaction(acled.INTER_CIVILIANS, acled.INTER_STATE) == 17
    assert acled.interaction(acled.INTER_STATE, acled.INTER_STATE) == 11
    assert acled.interaction(acled.INTER_STATE) == 10
    assert acled.interaction(None) is None


def test_injuries_are_not_fatalities_and_the_lowest_figure_counts() -> None:
    quantities = {"Q1": quantity("Q1", value=3), "Q2": quantity("Q2", low=300), "Q3": quantity("Q3", value=8),
                  "Q4": quantity("Q4", low=10, high=20, value=None)}
    casualties = [Casualty(kind="killed", quantity="Q1"), Casualty(kind="injured", quantity="Q3"),
                  Casualty(kind="killed", quantity="Q2")]
    assert acled.fatalities(casualties, quantities) == 303
    assert acled.fatalities([Casualty(kind="killed", quantity="Q4")], quantities) == 10
    assert acled.fatalities([Casualty(kind="injured", quantity="Q3")], quantities) is None
    assert acled.fatalities([Casualty(kind="killed", quantity=None)], quantities) is None
    assert acled.conservative_figure(quantity("Q", value=12, low=None)) == 12


def test_of_several_reports_the_most_conservative() -> None:
    assert acled.most_conservative([12, None, 7, 30]) == 7
    assert acled.most_conservative([None]) is None


@pytest.mark.parametrize(("word", "figure"), [("tens", 10), ("Dozens", 12), ("hundreds", 100), ("several", None)])
def test_vague_numerals(word: str, figure: int | None) -> None:
    assert acled.vague_numeral(word) == figure


def test_the_quantities_lexicon_follows_the_vague_numerals() -> None:
    vague = lexicons.read_json("quantities/lexicon.json")["vague"]
    assert {word: vague[word][0] for word in acled.VAGUE_NUMERALS} == acled.VAGUE_NUMERALS


@pytest.mark.parametrize(("granularity", "code"), [
    ("day", 1), ("time", 1), ("part_of_day", 1), ("week", 2), ("month", 3), ("year", None), (None, None)])
def test_time_precision(granularity: str | None, code: int | None) -> None:
    assert acled.time_precision(granularity) == code


@pytest.mark.parametrize(("precision", "code"), [
    ("exact", 1), ("near", 2), ("admin2", 2), ("admin1", 3), ("country", None), (None, None)])
def test_geo_precision(precision: str | None, code: int | None) -> None:
    assert acled.geo_precision(precision) == code


def test_export_columns_in_acled_order() -> None:
    columns = acled.EXPORT_COLUMNS
    assert len(columns) == len(set(columns)) == 31
    assert columns[:4] == ("event_id_cnty", "event_date", "year", "time_precision")
    assert columns[-3:] == ("fatalities", "tags", "timestamp")
    assert columns.index("inter1") < columns.index("actor2") < columns.index("interaction") < columns.index("iso")
    assert columns[columns.index("longitude") + 1] == "geo_precision"


def test_acled_imports_no_higher_layer() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(acled))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    sitroom = {name for name in imported if name.split(".")[0] == "sitroom"}
    assert sitroom <= {"sitroom.model", "sitroom.config", "sitroom.lexicons"}
