"""Exports through the EXPORTERS registry, streamed from store iterators: ``EXPORTERS[name].stream(store, where)``
yields the export's bytes; ``.media_type`` and ``.suffix`` name them for an HTTP response or a file.

- ``acled``: ACLED's CSV (its columns, in its order), one row per event cluster ACLED would code;
- ``geojson``: RFC 7946 points of those events, with their evidence;
- ``parquet``: the ACLED rows as a typed Parquet table;
- ``jsonl``: extraction records, as ``sitroom annotate --json`` prints them;
- ``clusters``: fusion clusters (events and claims) with members and evidence, as JSON lines.
"""

from __future__ import annotations

from sitroom.config import ExportOptions
from sitroom.export import acled, geojson, jsonl, parquet
from sitroom.export.base import Exporter, ExportError, ExportFilter, ExportStats

EXPORTERS: dict[str, Exporter] = {
    e.name: e for e in (acled.EXPORTER, geojson.EXPORTER, parquet.EXPORTER, jsonl.RECORDS, jsonl.CLUSTERS)
}


def exporter(name: str, options: ExportOptions | None = None) -> Exporter:
    """The exporter called ``name`` (with these options); ExportError listing the exporters when there is none."""
    found = EXPORTERS.get(name)
    if found is None:
        raise ExportError(f"no exporter {name!r}; the exporters are: {', '.join(EXPORTERS)}")
    return found.configured(options) if options is not None else found


__all__ = ["EXPORTERS", "ExportError", "ExportFilter", "ExportStats", "Exporter", "exporter"]
