"""``sitroom export acled``: ACLED's CSV, its columns in ACLED's order, one row per event cluster ACLED would code
(export.coding says which, and how each column is filled).

ACLED's columns stay as they are (no confidence column: the geojson, parquet and clusters exports carry it);
``--min-confidence`` keeps the event clusters of at least that confidence. Dates are ISO (YYYY-MM-DD), as ACLED's
API gives them; an empty cell is an unknown value. A text cell that a
spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return: article text is
untrusted) is written with a leading apostrophe; no other value is changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from sitroom import acled
from sitroom.config import ExportOptions
from sitroom.export.base import Exporter, ExportFilter, ExportStats
from sitroom.export.coding import coded_events
from sitroom.store.base import Store

# Rows written into one chunk of the stream.
CHUNK_ROWS = 200
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One value as ACLED's CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return str(value)


def stream_csv(store: Store, where: ExportFilter, options: ExportOptions, stats: ExportStats) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(acled.EXPORT_COLUMNS)
    pending = 0
    for coded in coded_events(store, where, options, stats):
        writer.writerow([cell(coded.row[column]) for column in acled.EXPORT_COLUMNS])
        pending += 1
        if pending >= CHUNK_ROWS:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")


EXPORTER = Exporter(
    name="acled", media_type="text/csv; charset=utf-8", suffix=".csv",
    description="ACLED's CSV: its 31 columns in its order, one row per event cluster ACLED would code",
    write=stream_csv,
)
