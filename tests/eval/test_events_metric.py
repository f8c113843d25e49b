"""PLOVER typing scorer: accuracy/macro-F1 arithmetic, legacy category names, bad records reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.eval.events import DataError, evaluate, read_items, score


def test_score_accuracy_and_macro_f1() -> None:
    result = score(["ASSAULT", "ASSAULT", "AID", "CONSULT"], ["ASSAULT", "AID", "AID", ""])
    assert result["accuracy"] == 50.0
    # ASSAULT P1 R.5 F.667; AID P.5 R1 F.667; CONSULT F0 -> macro 44.44
    assert result["macro_f1"] == pytest.approx(44.44, abs=0.01)
    assert result["no_trigger"] == 1
    assert result["f1_consult"] == 0.0


def _write(path: Path, records: list) -> Path:
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_legacy_names_map_and_bad_records_are_reported(tmp_path: Path) -> None:
    data = _write(tmp_path / "gsr.json", [
        {"event": "DOCUMENT", "text": "header"},
        {"id": "a", "event": "DEMAND", "text": "Poland demanded the withdrawal of troops."},
        {"id": "b", "event": "FIGHT", "text": "Rebels shelled the city on Sunday."},
        {"id": "c", "event": "AGREE"},
        "not a record",
    ])
    items, problems = read_items(data)
    assert [(i.id, i.category) for i in items] == [("a", "REQUEST"), ("b", "ASSAULT")]
    assert len(problems) == 2 and "missing event or text" in problems[0]


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        read_items(tmp_path / "nowhere")


def test_evaluate_small_set(tmp_path: Path) -> None:
    folder = tmp_path / "dev"
    folder.mkdir()
    _write(folder / "gsr.json", [
        {"id": "a", "event": "DEMAND", "text": "Poland demanded the withdrawal of Russian troops."},
        {"id": "b", "event": "THREATEN", "text": "Iran threatened to cut off electricity to the region."},
        {"id": "c", "event": "CONSULT", "text": "The foreign minister visited Moscow on Tuesday."},
    ])
    result = evaluate(tmp_path, split="dev")
    assert result["items"] == 3 and result["accuracy"] == 100.0 and result["macro_f1"] == 100.0
