"""Ingest and extraction over a store on this machine, batch by batch so a crash loses at most one batch."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

import sitroom
from sitroom.config import Config
from sitroom.model import Article
from sitroom.store.base import BatchResult, IngestItem, Store

ProgressCallback = Callable[[int], None]


def new_run_id() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest_paths(
    store: Store, paths: list[Path], config: Config, run: str, progress: ProgressCallback | None = None
) -> BatchResult:
    """Read every item under `paths` and store it, one transaction per batch of `config.ingest.batch_size`."""
    from sitroom.ingest import read_paths

    total = BatchResult()
    for batch in batched(read_paths(paths, config.ingest), config.ingest.batch_size):
        total.add(store.add_batch(batch, run))
        if progress:
            progress(len(batch))
    return total


def pipeline_id(config: Config) -> str:
    """Names what produced a record, so a changed pipeline re-extracts."""
    return f"sitroom {sitroom.__version__}; {config.nlp.model}; {'+'.join(config.nlp.pipeline)}"


def extract_stored(
    store: Store, config: Config, force: bool = False, progress: ProgressCallback | None = None
) -> int:
    """Run the pipeline over stored articles that have no current record; returns how many were extracted."""
    from sitroom.nlp import annotate, load_pipeline

    todo = store.ids_to_extract(pipeline_id(config), force=force)
    if not todo:
        return 0
    nlp = load_pipeline(config.nlp)
    articles = (a for a in (store.article(i) for i in todo) if a is not None)
    done = 0
    for records in batched(_counted(annotate(nlp, articles, config.nlp), progress), config.ingest.batch_size):
        done += store.put_records(records, pipeline_id(config))
    return done


def _counted(items: Iterable, progress: ProgressCallback | None) -> Iterator:
    for item in items:
        yield item
        if progress:
            progress(1)


def count_pending(store: Store, config: Config) -> int:
    return len(store.ids_to_extract(pipeline_id(config)))


__all__ = ["IngestItem", "batched", "count_pending", "extract_stored", "ingest_paths", "new_run_id", "pipeline_id"]
