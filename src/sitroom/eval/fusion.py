"""Fusion scores: near-duplicate precision/recall on a corpus whose copies are marked, and event clusters
(pairwise and BCubed F1) on a stress corpus generated from its real articles with known truth.

Event clusters: ``STRESS_ORIGINALS`` articles of the corpus (moderate length, at least three days apart, the
outlets in turn) each with four variants (fuse/stress.py), read by the pipeline and fused; an event's true cluster
is the sentence of the original it comes from (and its type). Pairwise F1 over pairs of events in one cluster;
BCubed F1 (Bagga and Baldwin) over events.

Duplicates: the corpus's items that carry ``extra.near_duplicate_of`` (the video addresses of ../shared/corpus,
each the transcript of a president.gov.ua item) are the truth; every item of that file is labelled (a copy of
its marked item, or of none). Predicted pairs are the pairs inside one copy group; precision counts the pairs
that touch a labelled item (pairs between two unlabelled items have no truth to be judged by and are reported
apart as ``unlabelled_pairs``), recall the marked pairs found.

The corpus's own event clusters (with ``db``: a store holding the corpus's records, e.g. filled by ``sitroom run
../shared/corpus --db corpus.db``, which extracts each article once per pipeline fingerprint): every cluster whose
members come from outlets of two or more countries (a call read out by the White House and by president.gov.ua)
is listed with its members, and a seeded random sample of multi-member clusters is listed for reading by hand,
each marked as a copy cluster (all its members one source: copies of one text) or not.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitroom.config import Config, FuseOptions
from sitroom.eval.metrics import f1
from sitroom.fuse.actors import country_in
from sitroom.fuse.dedup import Deduplicator
from sitroom.fuse.ledger import Fusion
from sitroom.fuse.stress import StressDoc, make_variants, pick_originals
from sitroom.fuse.unionfind import UnionFind
from sitroom.ingest import read_paths
from sitroom.model import Article, Record
from sitroom.nlp import annotate, load_pipeline

DUPLICATE_KEY = "near_duplicate_of"
# Originals of the stress corpus (each gives five documents: about 40 s of extraction on this machine).
STRESS_ORIGINALS = 30
# Multi-member clusters of the corpus drawn for reading by hand (the acceptance reads 30), and the seed.
SAMPLE_CLUSTERS, SAMPLE_SEED = 30, 16
# A member's words shown in the corpus report.
MEMBER_CHARS = 160


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
    sets = UnionFind()
    for pair in pairs:
        a, b = sorted(pair)
        sets.union(a, b)
    return {frozenset(p) for g in sets.groups().values() for p in itertools.combinations(g, 2)}


def cluster_scores(predicted: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """Pairwise and BCubed precision/recall/F1 (percent) of a clustering against the truth, over the items both
    label."""
    items = sorted(set(predicted) & set(truth))
    by_pred: dict[str, set[str]] = {}
    by_true: dict[str, set[str]] = {}
    for item in items:
        by_pred.setdefault(predicted[item], set()).add(item)
        by_true.setdefault(truth[item], set()).add(item)
    precision = sum(len(by_pred[predicted[i]] & by_true[truth[i]]) / len(by_pred[predicted[i]]) for i in items)
    recall = sum(len(by_pred[predicted[i]] & by_true[truth[i]]) / len(by_true[truth[i]]) for i in items)
    b_p, b_r = 100.0 * precision / len(items), 100.0 * recall / len(items)
    pairs_pred = sum(len(g) * (len(g) - 1) // 2 for g in by_pred.values())
    pairs_true = sum(len(g) * (len(g) - 1) // 2 for g in by_true.values())
    both = 0
    for group in by_pred.values():
        counts: dict[str, int] = {}
        for item in group:
            counts[truth[item]] = counts.get(truth[item], 0) + 1
        both += sum(n * (n - 1) // 2 for n in counts.values())
    p_p = 100.0 * both / pairs_pred if pairs_pred else 100.0
    p_r = 100.0 * both / pairs_true if pairs_true else 100.0
    return {"bcubed_precision": b_p, "bcubed_recall": b_r, "bcubed_f1": f1(b_p, b_r),
            "pairwise_precision": p_p, "pairwise_recall": p_r, "pairwise_f1": f1(p_p, p_r)}


def stress_scores(articles: list[Article], config: Config, originals: int = STRESS_ORIGINALS,
                  options: FuseOptions | None = None) -> dict[str, Any]:
    docs = [d for a in pick_originals(articles, originals) for d in make_variants(a)]
    if not docs:
        raise DataError("no article fit for the stress corpus (1,500-6,000 characters with a date)")
    nlp = load_pipeline(config.nlp)
    records = [r for r in annotate(nlp, [d.article for d in docs], config.nlp) if isinstance(r, Record)]
    return fuse_scores(docs, records, options)


def fuse_scores(docs: list[StressDoc], records: list[Record], options: FuseOptions | None = None) -> dict[str, Any]:
    """Fuse the stress corpus's records and score the event clusters against the sentences they came from."""
    fusion = Fusion(options)
    fusion.add(records)
    by_id = {d.article.id: d for d in docs}
    truth: dict[str, str] = {}
    for cid, cluster in fusion.events.items():
        for mention in cluster.members:
            doc = by_id[mention.article_id]
            origin = doc.origin_of(mention.evidence.start) if mention.evidence else -1
            truth[mention.member] = (f"{doc.original}#{origin}:{mention.kind}" if origin >= 0
                                     else f"{mention.member}:alone")
    predicted = dict(fusion.event_of)
    if not truth:
        raise DataError("the stress corpus gave no typed event to cluster")
    scores = cluster_scores(predicted, truth)
    scores.update({"stress_documents": len(docs), "stress_events": len(truth),
                   "stress_event_clusters": len(set(predicted.values())),
                   "stress_true_clusters": len(set(truth.values()))})
    return scores


def outlet_side(outlet: str) -> str:
    """The country an outlet speaks for ("The White House" -> US, "Kremlin (en.kremlin.ru)" -> RU), else the
    outlet itself."""
    return country_in(outlet) or outlet


def corpus_clusters(records: list[Record], options: FuseOptions | None = None, sample: int = SAMPLE_CLUSTERS,
                    seed: int = SAMPLE_SEED) -> dict[str, Any]:
    """Fuse the corpus's records (in publication order) and report its cross-side event clusters and a random
    sample of its multi-member event clusters, each with its members."""
    fusion = Fusion(options)
    fusion.add(sorted(records, key=lambda r: (r.article.published or "", r.article.id)))
    by_article = {r.article.id: r for r in records}
    clusters = [fusion.event_cluster(cid) for cid in sorted(fusion.events, key=lambda c: fusion.events[c].seq)]
    multi = [c for c in clusters if len({m.partition("/")[0] for m in c.members}) > 1]

    def described(cluster: Any) -> dict[str, Any]:
        members = []
        for detail in cluster.detail:
            record = by_article[detail.member.partition("/")[0]]
            members.append({"member": detail.member, "item": record.id or record.article.id, "outlet": record.article.outlet,
                            "side": outlet_side(record.article.outlet), "published": record.article.published,
                            "actors": detail.source, "score": detail.score,
                            "text": detail.evidence.text[:MEMBER_CHARS] if detail.evidence else ""})
        articles = {m.partition("/")[0] for m in cluster.members}
        return {"type": cluster.event_type, "date": cluster.date, "actors": cluster.actors,
                "sides": sorted({m["side"] for m in members}), "copies": fusion.sources.independent(articles) == 1,
                "members": members}

    cross = {c.id: described(c) for c in multi
             if len({outlet_side(by_article[m.partition("/")[0]].article.outlet) for m in c.members}) > 1}
    drawn = random.Random(seed).sample(multi, min(sample, len(multi)))
    return {"corpus_records": len(records), "corpus_event_clusters": len(clusters),
            "corpus_multi_member_clusters": len(multi), "cross_side_clusters": len(cross),
            "cross_side": cross, "sample": {c.id: described(c) for c in drawn}}


def evaluate(data: Path, *, config: Config, split: str | None = None, db: str | None = None,
             stress: bool = True, sample: int = SAMPLE_CLUSTERS) -> dict[str, Any]:
    """Duplicate precision/recall on the corpus at ``data`` (a folder of JSONL files or one file), event cluster
    F1 on the stress corpus made from its articles (unless ``stress`` is off), and with ``db`` (a store holding
    the corpus's records) the corpus's cross-side clusters and a sample of its multi-member clusters."""
    folder = Path(data) / split if split else Path(data)
    articles = corpus_articles(folder, config)
    metrics = dedup_scores(articles, config.fuse)
    if stress:
        metrics.update(stress_scores(articles, config, options=config.fuse))
    if db:
        from sitroom.store import open_store

        with open_store(db, config.store) as store:
            records = list(store.iter_records())
        if not records:
            raise DataError(f"{db}: no records (fill it with: sitroom run {data} --db {db})")
        metrics.update(corpus_clusters(records, config.fuse, sample))
    return metrics
