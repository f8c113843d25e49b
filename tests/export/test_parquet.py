"""`parquet`: the ACLED rows as a typed table that reads back with pyarrow to the CSV's rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import pyarrow as pa
import pyarrow.parquet as pq

from sitroom import acled
from sitroom.config import ExportOptions
from sitroom.export import EXPORTERS
from sitroom.export.acled import cell


def read(store, exporter=EXPORTERS["parquet"]) -> pa.Table:
    return pq.read_table(io.BytesIO(b"".join(exporter.stream(store))))


def csv_rows(store) -> list[dict[str, str]]:
    data = b"".join(EXPORTERS["acled"].stream(store)).decode("utf-8")
    return list(csv.DictReader(io.StringIO(data, newline="")))


def test_it_reads_back_to_the_same_rows_as_the_csv(store):
    table = read(store)
    assert table.column_names == [*acled.EXPORT_COLUMNS, "confidence"]
    as_text = [{column: cell(value) for column, value in row.items() if column != "confidence"}
               for row in table.to_pylist()]  # sitroom's column after ACLED's: test_confidence.py
    assert as_text == csv_rows(store) and len(as_text) == 3


def test_its_columns_are_typed(store, ledger):
    table = read(store)
    schema = table.schema
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("latitude").type == pa.float64() and schema.field("timestamp").type == pa.int64()
    for column in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities"):
        assert schema.field(column).type == pa.int32(), column
    assert schema.field("notes").type == pa.string()
    assert schema.metadata[b"sitroom.schema"] == b"acled"
    strike = next(r for r in table.to_pylist() if r["event_id_cnty"] == ledger.strike)
    assert strike["event_date"] == dt.date(2024, 10, 13) and strike["latitude"] == 49.9808
    assert (strike["inter1"], strike["inter2"], strike["fatalities"]) == (1, 7, 2)
    undated = next(r for r in table.to_pylist() if r["event_id_cnty"] == ledger.undated)
    assert undated["inter2"] is None and undated["actor2"] == "" and undated["admin2"] == "Khersonskyi raion"


def test_row_groups_of_the_configured_size_are_streamed_as_they_fill(store):
    small = replace(EXPORTERS["parquet"], options=replace(ExportOptions(), parquet_row_group_rows=1))
    chunks = list(small.stream(store))
    assert len(chunks) == 4  # one a row group, then the footer
    parsed = pq.ParquetFile(io.BytesIO(b"".join(chunks)))
    assert parsed.metadata.num_row_groups == 3 and parsed.metadata.num_rows == 3
    assert parsed.read().to_pylist() == read(store).to_pylist()


def test_an_empty_store_gives_an_empty_table_with_the_schema(empty_store):
    table = read(empty_store)
    assert table.num_rows == 0 and table.column_names == [*acled.EXPORT_COLUMNS, "confidence"]
