"""`sitroom serve`: opens the store, builds the app with the config's [api] options and runs uvicorn on the
host and port asked for (uvicorn itself is replaced here: a test does not listen on a port)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitroom.cli.app import app


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    seen: dict[str, Any] = {}

    def run(application: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=application)

    monkeypatch.setattr(uvicorn, "run", run)
    return seen


def test_serve_runs_the_app_on_the_host_and_port_given(served: dict, ledger_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "sitroom.toml"
    config.write_text('[api]\nport = 9123\nmax_page_size = 50\ndefault_page_size = 20\nsearch_page_size = 5\n')
    result = CliRunner().invoke(app, ["serve", "--db", str(ledger_db), "--host", "0.0.0.0", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("0.0.0.0", 9123)
    assert "ingest off" in result.output
    limit = next(p for p in served["app"].openapi()["paths"]["/api/claims"]["get"]["parameters"]
                 if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 50


def test_a_bad_api_setting_is_one_line_and_exit_2(served: dict, ledger_db: Path, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[api]\nmax_page_size = 0\n")
    result = CliRunner().invoke(app, ["serve", "--db", str(ledger_db), "--config", str(config)])
    assert result.exit_code == 2 and "api.max_page_size: must be at least 1, not 0" in result.output
    assert "app" not in served
