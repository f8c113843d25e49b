"""JSON Lines of the data model, one object a line, lossless (sitroom.model.from_dict reads each back):

- ``jsonl``: extraction records, each exactly as ``sitroom annotate --json`` prints it (the article, its actors,
  claims, events, places, times, quantities, every field with its evidence); dates filter by the article's
  publication day, a country or region keeps the records that mention a place in it;
- ``clusters``: fusion clusters (events and claims, or one ``kind``) with every member and its evidence, in the
  store's order (the most independent sources first); dates filter by the cluster's date (claims have none, so a
  date range selects events only). Each event cluster carries ``confidence`` (the best-read report's
  Event.confidence, 0-1, a ranking score; null when unscored); ``min_confidence`` keeps those at or above it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sitroom.config import ExportOptions
from sitroom.export.base import Exporter, ExportFilter, ExportStats, clusters_of
from sitroom.model import Record, to_dict
from sitroom.store.base import Store

CHUNK_LINES = 100
MEDIA_TYPE = "application/x-ndjson"
NOT_IN_PLACE = "not_in_place"


def _line(obj: object) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False) + "\n"


def mentions_place(record: Record, where: ExportFilter) -> bool:
    """Whether the record mentions a place in the filter's country and region (any record, without either)."""
    if not where.country and not where.admin1:
        return True
    return any(m.place is not None and where.place_matches(m.place.country, m.place.admin1) for m in record.places)


def _chunked(lines: Iterator[str]) -> Iterator[bytes]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= CHUNK_LINES:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    if chunk:
        yield "".join(chunk).encode("utf-8")


def stream_records(store: Store, where: ExportFilter, options: ExportOptions, stats: ExportStats) -> Iterator[bytes]:
    def lines() -> Iterator[str]:
        for record in store.iter_records(where.article_filter()):
            if not mentions_place(record, where):
                stats.skipped[NOT_IN_PLACE] += 1
                continue
            stats.rows += 1
            yield _line(record)

    return _chunked(lines())


def stream_clusters(store: Store, where: ExportFilter, options: ExportOptions,
                    stats: ExportStats) -> Iterator[bytes]:
    def lines() -> Iterator[str]:
        for _, cluster in clusters_of(store, where, where.kind, stats):
            stats.rows += 1
            yield _line(cluster)

    return _chunked(lines())


RECORDS = Exporter(
    name="jsonl", media_type=MEDIA_TYPE, suffix=".jsonl",
    description="extraction records, one a line, as `sitroom annotate --json` prints them",
    write=stream_records, kinds=(),
)
CLUSTERS = Exporter(
    name="clusters", media_type=MEDIA_TYPE, suffix=".jsonl",
    description="fusion clusters (events and claims) with their members and evidence, one a line",
    write=stream_clusters, kinds=("event", "claim"),
)
