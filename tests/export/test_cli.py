"""`sitroom export NAME --out PATH`: a file, or stdout with `-`; a clear error for an unknown name or store."""

from __future__ import annotations

import csv
import io

from export_ledger import build_ledger
from typer.testing import CliRunner

from sitroom import acled
from sitroom.cli import app

runner = CliRunner()


def test_export_writes_a_file_and_says_how_many_rows(tmp_path):
    ledger = build_ledger(tmp_path / "l.db")
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "acled", "--db", str(ledger.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"), newline="")))
    assert tuple(rows[0]) == acled.EXPORT_COLUMNS and len(rows) == 4
    assert "acled: 3 rows" in result.output and "1 not_acled_type, 1 not_occurred, 1 unplaced" in result.output
    assert not (tmp_path / "events.csv.partial").exists()


def test_export_to_stdout_with_filters(tmp_path):
    ledger = build_ledger(tmp_path / "l.db")
    result = runner.invoke(app, ["export", "geojson", "--db", str(ledger.path), "--out", "-",
                                 "--from", "2024-10-01", "--to", "2024-10-31", "--country", "UA",
                                 "--admin1", "kharkiv"])
    assert result.exit_code == 0
    assert '"type": "FeatureCollection"' in result.stdout and ledger.strike in result.stdout
    assert ledger.clash not in result.stdout


def test_an_unknown_exporter_or_store_or_date_is_one_line_and_status_2(tmp_path):
    ledger = build_ledger(tmp_path / "l.db")
    unknown = runner.invoke(app, ["export", "xlsx", "--db", str(ledger.path), "--out", "-"])
    assert unknown.exit_code == 2
    assert "no exporter 'xlsx'; the exporters are: acled, geojson, parquet, jsonl, clusters" in unknown.output
    missing = runner.invoke(app, ["export", "acled", "--db", str(tmp_path / "typo.db"), "--out", "-"])
    assert missing.exit_code == 2 and "no store at" in missing.output and not (tmp_path / "typo.db").exists()
    bad = runner.invoke(app, ["export", "acled", "--db", str(ledger.path), "--out", "-", "--from", "yesterday"])
    assert bad.exit_code == 2 and "from: not an ISO date" in bad.output
    assert "Traceback" not in unknown.output + missing.output + bad.output


def test_a_failed_write_leaves_no_file_under_the_name_asked_for(tmp_path):
    ledger = build_ledger(tmp_path / "l.db")
    nowhere = runner.invoke(app, ["export", "acled", "--db", str(ledger.path), "--out", str(tmp_path / "no" / "x.csv")])
    assert nowhere.exit_code == 2 and "cannot write" in nowhere.output and "Traceback" not in nowhere.output
    target = tmp_path / "x.parquet"
    target.write_bytes(b"the previous export")
    broken = runner.invoke(app, ["export", "parquet", "--db", str(ledger.path), "--out", str(target),
                                 "--from", "2024-10-13", "--to", "2024-10-01"])
    assert broken.exit_code == 2 and "is after" in broken.output
    assert target.read_bytes() == b"the previous export" and not (tmp_path / "x.parquet.partial").exists()
