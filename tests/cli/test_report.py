"""`sitroom run --report DIR`: the main job leaves the briefing and every export beside its database, and says
how to open the page."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from sitroom import acled
from sitroom.cli import app
from sitroom.cli.report import EXPORT_FILES
from sitroom.export import EXPORTERS

SEED_ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "article.txt"


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    row = {"id": "seed", "outlet": "RFE/RL", "published": "2024-10-14",
           "text": SEED_ARTICLE.read_text(encoding="utf-8")}
    path = folder / "seed.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_the_main_job_writes_the_briefing_and_every_export(tmp_path: Path) -> None:
    db, out = tmp_path / "s.db", tmp_path / "report"
    result = CliRunner().invoke(app, ["run", str(_inputs(tmp_path / "in")), "--db", str(db), "--report", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"Open the page: sitroom serve --db {db}" in result.output.replace("\n", "")
    assert set(EXPORT_FILES) == set(EXPORTERS)  # every exporter has its file name
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert briefing.startswith("# Situation report, 2024-10-08 to 2024-10-14")
    assert "Mykhaylivka" in briefing and "RFE/RL" in briefing
    assert "<script" not in (out / "briefing.html").read_text(encoding="utf-8").lower()
    with (out / "acled.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == tuple(acled.EXPORT_COLUMNS) and len(rows) > 1
    assert pq.read_table(out / "acled.parquet").num_rows == len(rows) - 1
    geo = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(rows) - 1
    (record,) = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(record)["article"]["outlet"] == "RFE/RL"
    kinds = {json.loads(line)["kind"] for line in (out / "clusters.jsonl").read_text(encoding="utf-8").splitlines()}
    assert kinds == {"event", "claim"}
    assert not list(out.glob("*.partial"))
