"""The batch steps every runner shares (the local loop today, a Dask worker tomorrow): ingest items into the
store, and extract stored articles into records with per-article failures, committing as it goes.

How much a killed run loses is bounded by the commit sizes: at most ``ingest.batch_size`` items of an ingest,
and at most ``extract.commit_articles`` articles or ``extract.commit_chars`` characters of an extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from sitroom.config import Config
from sitroom.model import Article, ExtractionFailure, Record
from sitroom.nlp import annotate
from sitroom.store.base import BatchResult, IngestItem, RecordsResult, Store

ProgressCallback = Callable[[int], None]


def ingest_items(
    store: Store, items: Iterable[IngestItem], config: Config, run: str, progress: ProgressCallback | None = None
) -> BatchResult:
    """Store items one transaction per ``config.ingest.batch_size``."""
    total = BatchResult()
    batch: list[IngestItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= config.ingest.batch_size:
            total.add(_store_batch(store, batch, run, progress))
            batch = []
    if batch:
        total.add(_store_batch(store, batch, run, progress))
    return total


def _store_batch(store: Store, batch: list[IngestItem], run: str, progress: ProgressCallback | None) -> BatchResult:
    result = store.add_batch(batch, run)
    if progress:
        progress(len(batch))
    return result


def extract_articles(
    store: Store, nlp: Language, pipeline: str, article_ids: Iterable[str], config: Config,
    progress: ProgressCallback | None = None,
) -> RecordsResult:
    """Read the articles and store their records and failures, committing by count and by characters."""
    articles = (a for a in (store.article(i) for i in article_ids) if a is not None)
    total = RecordsResult()
    for commit in _commits(annotate(nlp, articles, config.nlp), config, progress):
        total.add(store.put_records(commit, pipeline))
    return total


def _commits(
    outcomes: Iterator[Record | ExtractionFailure], config: Config, progress: ProgressCallback | None
) -> Iterator[list[Record | ExtractionFailure]]:
    commit: list[Record | ExtractionFailure] = []
    chars = 0
    for outcome in outcomes:
        commit.append(outcome)
        chars += len(outcome.article.text) if isinstance(outcome, Record) else 0
        if progress:
            progress(1)
        if len(commit) >= config.extract.commit_articles or chars >= config.extract.commit_chars:
            yield commit
            commit, chars = [], 0
    if commit:
        yield commit


__all__ = ["Article", "ProgressCallback", "extract_articles", "ingest_items"]
