"""`sitroom brief`: the report of a stored ledger to stdout or a file; a bad request is one line and exit 2."""

from __future__ import annotations

from brief_ledger import fill
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store import SQLiteStore

runner = CliRunner()


def _db(tmp_path) -> str:
    path = str(tmp_path / "brief.db")
    with SQLiteStore(path) as store:
        fill(store)
    return path


def test_markdown_to_stdout_and_html_to_a_file(tmp_path) -> None:
    db = _db(tmp_path)
    result = runner.invoke(app, ["brief", "--from", "2024-10-01", "--to", "2024-10-31", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Situation report, 2024-10-01 to 2024-10-31\n")
    out = tmp_path / "report.html"
    again = runner.invoke(app, ["brief", "--from", "2024-10-01", "--to", "2024-10-31", "--db", db,
                                "--format", "html", "--region", "Kharkiv", "--out", str(out)])
    assert again.exit_code == 0, again.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Vovchansk" in page and "Zaporizhzhia" not in page
    assert not (tmp_path / "report.html.partial").exists()
    assert "2 events, 2 claims" in again.stderr


def test_bad_requests_are_one_line_and_exit_2(tmp_path) -> None:
    db = _db(tmp_path)
    cases = [
        (["--from", "2024-10-31", "--to", "2024-10-01", "--db", db], "the period ends (2024-10-01) before"),
        (["--from", "October", "--to", "2024-10-01", "--db", db], "--from must be a date as YYYY-MM-DD"),
        (["--from", "2024-10-01", "--to", "2024-10-31", "--db", db, "--format", "pdf"], "--format must be one of"),
        (["--from", "2024-10-01", "--to", "2024-10-31", "--db", str(tmp_path / "none.db")], "no store at"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["brief", *args])
        assert result.exit_code == 2 and message in result.stderr, (args, result.output)
    assert not (tmp_path / "none.db").exists()
