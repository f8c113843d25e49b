"""``sitroom export geojson``: an RFC 7946 FeatureCollection, one Point feature per row of the ACLED export (an event
placed only at its country is in neither: never a false pin).

Coordinates are WGS 84 longitude, latitude (RFC 7946 3.1.1); no ``crs`` member. Each feature's ``id`` is the
cluster id; its properties are the ACLED row (export.coding) less the coordinates, the place's precision as sitroom
knows it (exact, near, admin2, admin1), the cluster's status, independent sources and ``confidence`` (the best-read
report's rule strength, 0-1, a ranking score, not a probability; null when unscored), and ``evidence``: every
member report with its article, outlet, url, the sentence's offsets and text, and its own ``confidence``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from sitroom.config import ExportOptions
from sitroom.export.base import Exporter, ExportFilter, ExportStats
from sitroom.export.coding import CodedEvent, coded_events
from sitroom.store.base import Store

CHUNK_FEATURES = 100


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def feature(coded: CodedEvent) -> dict[str, Any]:
    """One coded event cluster as a GeoJSON Feature."""
    row = coded.row
    properties = {k: _plain(v) for k, v in row.items() if k not in ("latitude", "longitude")}
    properties.update(
        precision=coded.cluster.precision, status=coded.cluster.status,
        independent_sources=coded.cluster.independent_sources, reports=len(coded.cluster.members),
        confidence=coded.cluster.confidence,
        evidence=[{
            "member": r.member.member, "article_id": r.member.evidence.article_id, "outlet": r.outlet,
            "url": r.record.article.url if r.record else "", "title": r.record.article.title if r.record else "",
            "published": r.record.article.published if r.record else None,
            "start": r.member.evidence.start, "end": r.member.evidence.end, "text": r.member.evidence.text,
            "fatalities": r.member.figure, "confidence": r.event.confidence if r.event else None,
        } for r in coded.reports],
    )
    return {
        "type": "Feature", "id": row["event_id_cnty"],
        "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
        "properties": properties,
    }


def stream_geojson(store: Store, where: ExportFilter, options: ExportOptions,
                   stats: ExportStats) -> Iterator[bytes]:
    chunk = ['{"type": "FeatureCollection", "features": [']
    written = 0
    for coded in coded_events(store, where, options, stats):
        chunk.append(("," if written else "") + "\n" + json.dumps(feature(coded), ensure_ascii=False))
        written += 1
        if len(chunk) >= CHUNK_FEATURES:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    chunk.append("\n]}\n")
    yield "".join(chunk).encode("utf-8")


EXPORTER = Exporter(
    name="geojson", media_type="application/geo+json", suffix=".geojson",
    description="RFC 7946 FeatureCollection: a point per row of the ACLED export, with its evidence",
    write=stream_geojson,
)
