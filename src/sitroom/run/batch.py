"""The batch steps every runner shares (the local loop today, a Dask worker tomorrow): ingest items into the
store, and extract stored articles into records with per-article failures, committing as it goes.

How much a killed run loses is bounded by the commit sizes: at most ``ingest.batch_size`` items of an ingest,
and at most ``extract.commit_articles`` articles or ``extract.commit_chars`` characters of an extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from sitroom.config import Config, FuseOptions
from sitroom.fuse.ledger import Fusion
from sitroom.model import Article, ExtractionFailure, Record
from sitroom.nlp import annotate
from sitroom.store.base import (
    BatchResult,
    ClusterChange,
    IngestItem,
    RecordsResult,
    Store,
)

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


@dataclass
class FuseResult:
    written: int = 0  # clusters created or changed
    removed: int = 0  # clusters merged away or left with no member
    joined: int = 0  # events and claims that joined an existing cluster
    created: int = 0
    merges: int = 0
    event_clusters: int = 0
    claim_clusters: int = 0


def fuse_store(store: Store, options: FuseOptions | None = None) -> FuseResult:
    """Fuse the store's records into clusters: the stored clusters are restored as they are, the events and
    claims no cluster holds yet are placed (joining a cluster, or making one), and what changed is written back
    in one transaction with its log. Running it again with nothing new writes nothing."""
    fusion = Fusion(options)
    fusion.restore(store.iter_cluster_bodies(), store.iter_records())
    changed, gone = fusion.changed_clusters()
    log = [ClusterChange(e.action, e.cluster, e.other, e.member) for e in fusion.log]
    written = store.put_clusters(changed, gone, log) if changed or gone or log else 0
    actions = [e.action for e in fusion.log]
    return FuseResult(written=written, removed=len(gone), joined=actions.count("join"),
                      created=actions.count("create"), merges=actions.count("merge"),
                      event_clusters=len(fusion.events), claim_clusters=len(fusion.claims))


__all__ = ["Article", "FuseResult", "ProgressCallback", "extract_articles", "fuse_store", "ingest_items"]
