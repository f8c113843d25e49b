"""What the main job leaves beside its database (``sitroom run ... --report DIR``): the briefing of the ledger's
latest days, as markdown and HTML, and every export of the EXPORTERS registry, each a file of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sitroom.brief import BriefRequest, build, render
from sitroom.cli.files import write_whole
from sitroom.config import Config
from sitroom.export import EXPORTERS, ExportStats, exporter
from sitroom.store.base import Store

# The file each export is written to (an exporter not named here: its name and suffix).
EXPORT_FILES = {"acled": "acled.csv", "geojson": "events.geojson", "parquet": "acled.parquet",
                "jsonl": "records.jsonl", "clusters": "clusters.jsonl"}
BRIEFING_STEM = "briefing"


@dataclass
class ReportFile:
    path: Path
    what: str  # what it holds, for the summary line


def latest_day(store: Store) -> dt.date | None:
    """The publication day of the store's latest article (articles are listed by publication date)."""
    ids = store.article_ids()
    for article_id in reversed(ids):
        article = store.article(article_id)
        if article is not None and article.published:
            try:
                return dt.date.fromisoformat(article.published[:10])
            except ValueError:
                continue
    return None


def write_report(store: Store, folder: Path, config: Config) -> list[ReportFile]:
    """The briefing of the ``[brief] main_job_days`` ending on the latest article's day (none for a store without a
    dated article) and every export, into ``folder`` (made if missing). OSError propagates."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[ReportFile] = []
    last = latest_day(store)
    if last is not None:
        first = last - dt.timedelta(days=config.brief.main_job_days - 1)
        briefing = build(store, BriefRequest(first.isoformat(), last.isoformat(), None, config.brief))
        for format in ("md", "html"):
            path = folder / f"{BRIEFING_STEM}.{format}"
            write_whole(path, [render(briefing, format).encode("utf-8")])
            written.append(ReportFile(path, f"briefing {first} to {last}: {briefing.event_clusters} events,"
                                            f" {briefing.claim_clusters} claims"))
    for name in EXPORTERS:
        chosen = exporter(name, config.export)
        path = folder / EXPORT_FILES.get(name, f"{name}{chosen.suffix}")
        stats = ExportStats()
        write_whole(path, chosen.stream(store, None, stats))
        written.append(ReportFile(path, f"{name} export: {stats.rows} rows"))
    return written
