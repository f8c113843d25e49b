"""Every Evidence in a record, nested ones included, is the text it points at: the seed and 20 demo articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.ingest import read_paths
from sitroom.model import Article, iter_evidence
from sitroom.nlp import annotate

REPO = Path(__file__).resolve().parents[1]
SEED_ARTICLE = REPO / "tests" / "fixtures" / "seed" / "article.txt"

DEMO = REPO / "corpus" / "demo.jsonl"
DEMO_ARTICLES = 20


@pytest.fixture(scope="module")
def records(nlp_base, tmp_path_factory):
    folder = tmp_path_factory.mktemp("evidence")
    demo = folder / "demo20.jsonl"
    with DEMO.open(encoding="utf-8") as lines:
        demo.write_text("".join(next(lines) for _ in range(DEMO_ARTICLES)), encoding="utf-8")
    articles = [a for a in read_paths([SEED_ARTICLE, demo]) if isinstance(a, Article)]
    articles[0].published = "2024-10-14"
    return list(annotate(nlp_base, articles))


def test_every_article_gives_a_record_with_evidence(records):
    assert len(records) == 1 + DEMO_ARTICLES
    for record in records:
        assert sum(1 for _ in iter_evidence(record)) > 0, record.article.id


def test_every_evidence_nested_or_not_is_its_text(records):
    checked = 0
    for record in records:
        text = record.article.text
        for evidence in iter_evidence(record):
            assert evidence.article_id == record.article.id
            assert 0 <= evidence.start <= evidence.end <= len(text)
            assert text[evidence.start:evidence.end] == evidence.text, (record.article.id, evidence)
            checked += 1
    nested = sum(1 for r in records for c in r.claims for n in c.verification) + sum(
        1 for r in records for e in r.events for c in e.casualties if c.evidence)
    assert nested > 0 and checked > 1000
