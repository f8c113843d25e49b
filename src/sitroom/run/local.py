"""Ingest and extraction over a store on this machine: the batch steps of run/batch.py in one process."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sitroom.config import Config, FuseOptions
from sitroom.ingest import read_paths
from sitroom.model import Article
from sitroom.nlp import load_pipeline
from sitroom.run.batch import (
    FuseResult,
    ProgressCallback,
    extract_articles,
    fuse_store,
    ingest_items,
)
from sitroom.run.identity import fingerprint
from sitroom.store.base import BatchResult, IngestItem, RecordsResult, Store

if TYPE_CHECKING:
    from sitroom.run.partitions import JobResult


def new_run_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def ingest_paths(
    store: Store, paths: list[Path], config: Config, run: str, progress: ProgressCallback | None = None,
    seen: set[str] | None = None,
) -> BatchResult:
    """Read every item under `paths` and store it, one transaction per batch of `config.ingest.batch_size`;
    the id of every article read is added to ``seen`` when given (a partitioned job is these articles)."""
    items = read_paths(paths, config.ingest)
    return ingest_items(store, items if seen is None else _noting(items, seen), config, run, progress)


def _noting(items: Iterable[IngestItem], seen: set[str]) -> Iterator[IngestItem]:
    for item in items:
        if isinstance(item, Article):
            seen.add(item.id)
        yield item


class Extraction:
    """The pipeline loaded once, its fingerprint, and what it has left to do in a store."""

    def __init__(self, store: Store, config: Config, force: bool = False) -> None:
        self.store, self.config = store, config
        self.nlp = load_pipeline(config.nlp)
        self.pipeline = fingerprint(self.nlp)
        self.todo = store.ids_to_extract(self.pipeline, force=force)

    def run(self, progress: ProgressCallback | None = None) -> RecordsResult:
        return extract_articles(self.store, self.nlp, self.pipeline, self.todo, self.config, progress)


def fuse(store: Store, options: FuseOptions | None = None) -> FuseResult:
    """Fusion after extraction, in this process: the fuse step of run/batch.py over the whole store."""
    return fuse_store(store, options)


def run_partitions(
    store: Store, config: Config, article_ids: set[str], out: Path | None = None,
    progress: ProgressCallback | None = None, checksum: bool = False, planned: ProgressCallback | None = None,
) -> JobResult:
    """The partitioned job (run/partitions.py) in this process: what --engine local does with --out, partition for
    partition what the Dask engine does on a cluster."""
    from sitroom.run.partitions import in_process, run_job  # pyarrow: only for the commands that need it

    nlp = load_pipeline(config.nlp)
    return run_job(store, config, fingerprint(nlp), article_ids, in_process(nlp, config.nlp), out, progress, checksum,
                   planned)
