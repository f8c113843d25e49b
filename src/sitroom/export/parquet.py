"""``sitroom export parquet``: the ACLED export's rows (export.coding: the same rows, columns and order as the CSV,
then ``confidence``: the cluster's, 0-1, a ranking score, not a probability; null when unscored) as one typed
Parquet table: dates as date32, codes and counts as int32, ``timestamp`` as int64 Unix seconds,
coordinates as float64, text as UTF-8 strings; an empty cell is null.

Rows are gathered into row groups of ``[export] parquet_row_group_rows`` and each group's bytes are yielded as soon
as it is written, so memory holds one row group, not the table. The file's metadata names its schema
(``sitroom.schema`` = ``acled``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sitroom import acled
from sitroom.config import ExportOptions
from sitroom.export.base import Exporter, ExportFilter, ExportStats
from sitroom.export.coding import COLUMN_TYPES, coded_events
from sitroom.store.base import Store

if TYPE_CHECKING:
    import pyarrow as pa

SCHEMA_NAME = "acled"
# sitroom's column after ACLED's: the event cluster's confidence (Cluster.confidence), float64.
CONFIDENCE = "confidence"


def arrow_schema() -> pa.Schema:
    """The Parquet schema of the ACLED rows, in ACLED's column order, then the confidence."""
    import pyarrow as pa

    types = {str: pa.string(), int: pa.int32(), float: pa.float64(), dt.date: pa.date32()}
    fields = [pa.field(c, pa.int64() if c == "timestamp" else types[COLUMN_TYPES[c]]) for c in acled.EXPORT_COLUMNS]
    fields.append(pa.field(CONFIDENCE, pa.float64()))
    return pa.schema(fields, metadata={"sitroom.schema": SCHEMA_NAME})


class _Sink:
    """A write-only file for pyarrow that keeps what was written until it is taken."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0
        self.closed = False

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts = []
        return out


def stream_parquet(store: Store, where: ExportFilter, options: ExportOptions, stats: ExportStats) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    sink = _Sink()
    writer = pq.ParquetWriter(sink, schema, compression="zstd")
    group: list[dict[str, Any]] = []
    try:
        for coded in coded_events(store, where, options, stats):
            group.append({**coded.row, CONFIDENCE: coded.cluster.confidence})
            if len(group) >= options.parquet_row_group_rows:
                writer.write_table(pa.Table.from_pylist(group, schema=schema))
                group = []
                yield sink.take()
        if group:
            writer.write_table(pa.Table.from_pylist(group, schema=schema))
    finally:
        writer.close()
    yield sink.take()


EXPORTER = Exporter(
    name="parquet", media_type="application/vnd.apache.parquet", suffix=".parquet",
    description="the ACLED export's rows as one typed Parquet table (row groups streamed)",
    write=stream_parquet,
)
