"""One checksum over everything a store gives back, so two stores (SQLite and PostgreSQL, a clean run and one
that was killed and rerun, a local and a distributed job) can be shown to hold the same ledger.

What is hashed is what a reader sees, in the order the store lists it: every article with its record, the flat
claim and event rows, every cluster with its members and evidence, the cluster rows, the problems and the cluster
log. Left out: the moments things were written (``ingested_at``, ``extracted_at``, ``updated_at``, ``at``) and
the cluster log's sequence numbers (PostgreSQL's identity columns skip numbers a rolled-back batch took; the order
is kept); problems, listed by those moments, are compared in an order of their own.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sitroom.model import to_dict
from sitroom.store.base import Store

# Fields that say when, not what: two stores of the same input differ there and nowhere else.
VOLATILE_FIELDS = frozenset({"ingested_at", "extracted_at", "updated_at", "at", "seq"})


def _steady(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _steady(v) for k, v in value.items() if k not in VOLATILE_FIELDS}
    if isinstance(value, list):
        return [_steady(v) for v in value]
    return value


def _plain(row: Any) -> Any:
    return dataclasses.asdict(row) if dataclasses.is_dataclass(row) and not isinstance(row, type) else to_dict(row)


def dump(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """(section, item) for everything the checksum covers, in the store's order: what to diff where two
    checksums differ."""
    for article in store.iter_articles():
        record = store.record(article.id)
        yield "article", _steady({"article": to_dict(article), "record": to_dict(record) if record else None})
    for claim in store.iter_claims():
        yield "claim", _steady(_plain(claim))
    for event in store.iter_events():
        yield "event", _steady(_plain(event))
    for row in store.iter_clusters():
        yield "cluster_row", _steady(_plain(row))
    for cluster in store.iter_cluster_bodies():
        yield "cluster", _steady(to_dict(cluster))
    # Problems are listed by when they were logged, which two runs of the same input do not share: compared as a
    # set (in the order of their JSON).
    problems = [_steady(_plain(problem)) for problem in store.iter_problems()]
    for problem in sorted(problems, key=lambda item: json.dumps(item, sort_keys=True)):
        yield "problem", problem
    for change in store.iter_cluster_log():
        yield "cluster_log", _steady(_plain(change))


def checksum(store: Store) -> str:
    """sha256 (hex) over :func:`dump`: equal for two stores that give back the same ledger in the same order."""
    digest = hashlib.sha256()
    for section, item in dump(store):
        digest.update(section.encode())
        digest.update(json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()
