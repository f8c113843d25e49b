"""Fusion scores: near-duplicate precision/recall on a corpus whose copies are marked, and event clusters
(pairwise and BCubed F1) on a stress corpus generated from its real articles with known truth.

Duplicates: the corpus's items that carry ``extra.near_duplicate_of`` (the video addresses of ../shared/corpus,
each the transcript of a president.gov.ua item) are the truth; every item of that file is labelled (a copy of
its marked item, or of none). Predicted pairs are the pairs inside one copy group; precision counts the pairs
that touch a labelled item (pairs between two unlabelled items have no truth to be judged by and are reported
apart as ``unlabelled_pairs``), recall the marked pairs found.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitroom.config import Config
from sitroom.eval.metrics import f1
from sitroom.fuse.dedup import Deduplicator
from sitroom.fuse.options import FuseOptions
from sitroom.ingest import read_paths
from sitroom.model import Article

DUPLICATE_KEY = "near_duplicate_of"


class DataError(ValueError):
    """The corpus could not be scored; says which path and why."""


def corpus_articles(data: Path, config: Config) -> list[Article]:
    """The corpus's articles keyed by their input id (two items may share a URL, hence an article id)."""
    data = Path(data)
    if not data.exists():
        raise DataError(f"{data}: not found")
    articles = []
    for item in read_paths([data], config.ingest):
        if isinstance(item, Article):
            source_id = str(item.extra.get("source_id") or item.id)
            articles.append(dataclasses.replace(item, id=source_id))
    if not articles:
        raise DataError(f"{data}: no articles")
    return articles


def marked_duplicate(article: Article) -> str | None:
    extra = (article.extra.get("source_fields") or {}).get("extra") or {}
    return extra.get(DUPLICATE_KEY) if isinstance(extra, dict) else None


def dedup_scores(articles: list[Article], options: FuseOptions | None = None) -> dict[str, Any]:
    truth_pairs = {frozenset((a.id, d)) for a in articles if (d := marked_duplicate(a))}
    if not truth_pairs:
        raise DataError("no item carries extra.near_duplicate_of: nothing to score duplicates against")
    labelled_files = {a.source_path for a in articles if marked_duplicate(a)}
    labelled = {a.id for a in articles if a.source_path in labelled_files}
    truth_pairs = _closure(truth_pairs)
    dedup = Deduplicator(options)
    dedup.add_all(sorted(articles, key=lambda a: (a.published or "", a.id)))
    predicted = _closure(frozenset(p) for group in dedup.groups().values() for p in itertools.combinations(group, 2))
    judged = {p for p in predicted if p & labelled}
    hits = len(judged & truth_pairs)
    precision = 100.0 * hits / len(judged) if judged else 0.0
    recall = 100.0 * len(predicted & truth_pairs) / len(truth_pairs)
    return {
        "dedup_precision": precision, "dedup_recall": recall, "dedup_f1": f1(precision, recall),
        "duplicate_pairs_marked": len(truth_pairs), "duplicate_pairs_found": len(judged),
        "unlabelled_pairs": len(predicted - judged), "articles": len(articles),
    }


def _closure(pairs: Iterable[frozenset[str]]) -> set[frozenset[str]]:
    """Every pair inside the groups the pairs connect (a copy of a copy is a copy)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        a, b = sorted(pair)
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return {frozenset(p) for g in groups.values() for p in itertools.combinations(sorted(g), 2)}


def evaluate(data: Path, *, config: Config, split: str | None = None) -> dict[str, Any]:
    """Duplicate precision/recall on the corpus at ``data`` (a folder of JSONL files or one file)."""
    folder = Path(data) / split if split else Path(data)
    articles = corpus_articles(folder, config)
    return dedup_scores(articles)
