"""Today's dev scores are floors: a change that lowers one fails here (src/sitroom/eval/floors.json)."""

from __future__ import annotations

from pathlib import Path

import json
from importlib import resources

import pytest
from typer.testing import CliRunner

from sitroom.cli import app

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"evaluation data not found at {SHARED}")

FLOORS = json.loads(resources.files("sitroom.eval").joinpath("floors.json").read_text(encoding="utf-8"))
TASKS = sorted(name for name in FLOORS if not name.startswith("_"))


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("name", TASKS)
def test_dev_score_is_not_below_its_floor(name):
    entry = FLOORS[name]
    args = [str(SHARED / a) if a.startswith("eval/") else a for a in entry["args"]]
    result = CliRunner().invoke(app, ["eval", entry.get("task", name), *args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    below = {key: (scores[key], floor) for key, floor in entry["floors"].items() if scores[key] < floor}
    assert not below, f"{name}: below the floor (measured, floor): {below}"


@needs_shared
@pytest.mark.shared
def test_the_config_file_reaches_the_scorer(tmp_path):
    """`sitroom --config F eval ...` scores with F's options, not the defaults (trafilatura's favor_precision
    is calibrated on this benchmark: turning it off lowers F1)."""
    gold = str(SHARED / "eval/extraction/scrapinghub_article_extraction_benchmark")
    config = tmp_path / "c.toml"
    config.write_text("[ingest]\nhtml_favor_precision = false\n", encoding="utf-8")
    runner = CliRunner()
    default = json.loads(runner.invoke(app, ["eval", "extraction", "--gold", gold, "--json"]).output)
    changed = json.loads(runner.invoke(app, ["--config", str(config), "eval", "extraction", "--gold", gold,
                                             "--json"]).output)
    assert changed["f1"] != default["f1"]
