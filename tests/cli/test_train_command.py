"""`sitroom train`: the trainers' command group lists the event detector and refuses a missing data folder with a
clear error instead of training on nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli.app import app


def test_train_lists_the_event_detector() -> None:
    result = CliRunner().invoke(app, ["train", "--help"])
    assert result.exit_code == 0
    assert "event-detector" in result.output


def test_a_missing_data_folder_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "event-detector", "--acled", str(tmp_path / "none"),
                                      "--out", str(tmp_path / "d.npz")])
    assert result.exit_code == 2
    assert "none not found" in result.output
    assert not (tmp_path / "d.npz").exists()
