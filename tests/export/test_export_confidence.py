"""Confidence in the exports: ACLED's CSV keeps ACLED's columns and takes --min-confidence; GeoJSON, Parquet and the
clusters JSON lines carry each event cluster's confidence (and GeoJSON each report's); records are whole."""

from __future__ import annotations

import csv
import io
import json

import pytest
from export_ledger import _records

from sitroom import acled
from sitroom.cli.app import app
from sitroom.export import ExportError, ExportFilter, ExportStats, exporter
from sitroom.fuse.ledger import cluster_id
from sitroom.run.batch import fuse_store
from sitroom.store import SQLiteStore

# The reports' own confidences: the Kharkiv strike's two reports, the Donetsk clash, the undated Kherson shelling.
SCORES = {"kyivpost/E1": 0.85, "rferl/E1": 0.6, "ukrinform/E1": 0.45, "unian/E1": 0.65, "unian/E2": 0.5}
STRIKE, CLASH, UNDATED = (cluster_id("event", m) for m in ("kyivpost/E1", "ukrinform/E1", "unian/E1"))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    records = _records()
    for record in records:
        for event in record.events:
            event.confidence = SCORES.get(f"{record.article.id}/{event.id}")
    path = str(tmp_path_factory.mktemp("confidence") / "ledger.db")
    with SQLiteStore(path) as store:
        store.add_batch([r.article for r in records], "test")
        store.put_records(records, "test")
        fuse_store(store)
    return path


def _export(db: str, name: str, where: ExportFilter | None = None) -> tuple[bytes, ExportStats]:
    stats = ExportStats()
    with SQLiteStore(db) as store:
        data = b"".join(exporter(name).stream(store, where, stats))
    return data, stats


def test_acled_csv_keeps_acled_s_columns_and_filters_by_min_confidence(db: str) -> None:
    data, _ = _export(db, "acled")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert tuple(rows[0]) == acled.EXPORT_COLUMNS  # no column of sitroom's added
    assert sorted(r["event_id_cnty"] for r in rows) == sorted([STRIKE, CLASH, UNDATED])
    data, stats = _export(db, "acled", ExportFilter(min_confidence=0.6))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert sorted(r["event_id_cnty"] for r in rows) == sorted([STRIKE, UNDATED]) and stats.rows == 2
    # Left out below the minimum: the clash (0.45), the country-only shelling (0.5) and the unscored talks and plan.
    assert stats.skipped["below_min_confidence"] == 4
    data, _ = _export(db, "acled", ExportFilter(min_confidence=0.9))
    assert data.decode("utf-8").strip() == ",".join(acled.EXPORT_COLUMNS)


def test_geojson_carries_the_cluster_s_and_each_report_s_confidence(db: str) -> None:
    data, _ = _export(db, "geojson")
    features = {f["id"]: f["properties"] for f in json.loads(data)["features"]}
    assert (features[STRIKE]["confidence"], features[CLASH]["confidence"]) == (0.85, 0.45)
    assert sorted(e["confidence"] for e in features[STRIKE]["evidence"]) == [0.6, 0.85]
    data, _ = _export(db, "geojson", ExportFilter(min_confidence=0.7))
    assert [f["id"] for f in json.loads(data)["features"]] == [STRIKE]


def test_parquet_has_a_confidence_column_after_acled_s(db: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data, _ = _export(db, "parquet")
    table = pq.read_table(io.BytesIO(data))
    assert table.column_names == [*acled.EXPORT_COLUMNS, "confidence"]
    assert table.schema.field("confidence").type == pa.float64()
    by_id = dict(zip(table.column("event_id_cnty").to_pylist(), table.column("confidence").to_pylist(), strict=True))
    assert by_id == {STRIKE: 0.85, CLASH: 0.45, UNDATED: 0.65}


def test_clusters_json_lines_carry_it_and_records_refuse_a_minimum(db: str) -> None:
    data, _ = _export(db, "clusters", ExportFilter(kind="event"))
    confidence = {c["id"]: c["confidence"] for c in map(json.loads, data.decode("utf-8").splitlines())}
    assert confidence[STRIKE] == 0.85 and confidence[cluster_id("event", "tass/E1")] is None
    data, _ = _export(db, "clusters", ExportFilter(min_confidence=0.6))
    assert sorted(json.loads(line)["id"] for line in data.decode("utf-8").splitlines()) == sorted([STRIKE, UNDATED])
    with SQLiteStore(db) as store, pytest.raises(ExportError, match="takes no min-confidence"):
        exporter("jsonl").stream(store, ExportFilter(min_confidence=0.5))
    with SQLiteStore(db) as store, pytest.raises(ExportError, match="a number from 0 to 1, not 2.0"):
        exporter("acled").stream(store, ExportFilter(min_confidence=2.0))


def test_the_cli_takes_min_confidence(db: str, tmp_path) -> None:
    from typer.testing import CliRunner

    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(app, ["export", "acled", "--out", str(out), "--db", db, "--min-confidence", "0.6"])
    assert result.exit_code == 0, result.output
    assert "acled: 2 rows" in result.output and "4 below_min_confidence" in result.output
    assert len(list(csv.reader(out.open(encoding="utf-8")))) == 3
