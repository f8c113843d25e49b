"""annotate: one outcome per article in input order; long texts read whole in windows; a poison article fails
alone, named by the component that raised, and the rest of its batch is read."""

from __future__ import annotations

from pathlib import Path

import dataclasses

import pytest
from spacy.language import Language

from sitroom.config import NlpOptions
from sitroom.model import Article, ExtractionFailure, Record, iter_evidence
from sitroom.nlp import ID_FIELDS, annotate, load_pipeline

SEED_ARTICLE = Path(__file__).resolve().parent / "fixtures" / "seed" / "article.txt"

POISON = "POISON-PILL"


@Language.component("sitroom_test_poison")
def _poison(doc):
    if POISON in doc.text:
        raise ValueError("this text poisons the component")
    return doc


@pytest.fixture(scope="module")
def nlp():
    pipeline = load_pipeline()
    pipeline.add_pipe("sitroom_test_poison", before="sitroom_claims")
    return pipeline


def article(i: int, text: str) -> Article:
    return Article(id=f"a{i}", text=text, title=f"T{i}", published="2024-10-14", content_hash=f"h{i}")


def test_a_poison_article_fails_alone_with_its_component(nlp):
    texts = ["Officials said Russian shelling hit Kharkiv on Sunday.", f"The mayor said {POISON} was found.",
             "Zelenskiy said North Korea sent troops to Russia."]
    outcomes = list(annotate(nlp, [article(i, t) for i, t in enumerate(texts)], NlpOptions(batch_size=8)))
    assert [type(o).__name__ for o in outcomes] == ["Record", "ExtractionFailure", "Record"]
    failure = outcomes[1]
    assert failure.article_id == "a1" and failure.component == "sitroom_test_poison"
    assert failure.reason == "component_error" and "poisons" in failure.detail and failure.content_hash == "h1"
    assert outcomes[2].claims and outcomes[2].article.id == "a2"


def _check_record(record: Record) -> None:
    text = record.article.text
    evidence = list(iter_evidence(record))
    assert evidence
    for item in evidence:
        assert text[item.start:item.end] == item.text
    ids = [item.id for name in ("actors", "claims", "events", "places", "times", "quantities")
           for item in getattr(record, name)]
    assert len(ids) == len(set(ids))
    known = set(ids) | {"publication"}
    for name in ("claims", "events", "places", "times"):
        for item in getattr(record, name):
            for field in ID_FIELDS[type(item).__name__]:
                value = getattr(item, field)
                for ref in value if isinstance(value, list) else [value]:
                    assert ref is None or ref in known, (type(item).__name__, field, ref)


def test_a_long_text_is_read_whole_in_windows_with_global_offsets(nlp):
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    text = "\n\n".join([seed] * 4)
    whole = next(annotate(nlp, [article(0, seed)], NlpOptions()))
    windowed = next(annotate(nlp, [article(1, text)], NlpOptions(window_chars=len(seed) + 10)))
    assert isinstance(windowed, Record)
    _check_record(windowed)
    # every window read: the last copy of the seed yields the same claims as the seed alone, shifted
    last = text.rindex(seed)
    tail = [(c.content.start - last, c.content.text) for c in windowed.claims if c.content.start >= last]
    assert tail == [(c.content.start, c.content.text) for c in whole.claims]
    assert len(windowed.claims) == 4 * len(whole.claims)
    # one actor per name across windows
    names = [(a.name, a.kind, a.country) for a in windowed.actors]
    assert len(names) == len(set(names)) == len(whole.actors)
    assert max(e.sentence or 0 for e in iter_evidence(windowed.claims)) > max(
        e.sentence or 0 for e in iter_evidence(whole.claims))


def test_batches_cut_by_characters_give_the_same_records(nlp):
    texts = [f"Officials said {i} people were evacuated from Kupiansk on Monday." for i in range(6)]
    arts = [article(i, t) for i, t in enumerate(texts)]
    together = [dataclasses.asdict(r) for r in annotate(nlp, arts, NlpOptions(batch_size=64))]
    apart = [dataclasses.asdict(r) for r in annotate(nlp, arts, NlpOptions(batch_chars=80))]
    assert together == apart and len(together) == 6
    assert not any(isinstance(r, ExtractionFailure) for r in annotate(nlp, arts[:1]))


class _BatchSpy:
    """A component that records the characters of every batch spaCy hands it."""

    sizes: list[tuple[int, int]] = []

    def __call__(self, doc):
        return doc

    def pipe(self, docs, batch_size: int = 128):
        docs = list(docs)
        _BatchSpy.sizes.append((len(docs), sum(len(d.text) for d in docs)))
        yield from docs


@Language.factory("sitroom_test_batch_spy")
def _batch_spy(nlp, name):
    return _BatchSpy()


def test_batches_are_cut_by_characters_so_memory_follows_the_budget():
    """Finding 2 of the hostile-input issue: 64 long articles were parsed at once. A batch holds at most
    batch_chars characters, or one window alone."""
    pipeline = load_pipeline(NlpOptions(pipeline=[]))
    pipeline.add_pipe("sitroom_test_batch_spy")
    _BatchSpy.sizes.clear()
    texts = [("Officials said shelling continued. " * (40 + 30 * (i % 3))).strip() for i in range(12)]
    outcomes = list(annotate(pipeline, [article(i, t) for i, t in enumerate(texts)],
                             NlpOptions(batch_size=64, batch_chars=5_000)))
    assert len(outcomes) == 12 and sum(n for n, _ in _BatchSpy.sizes) == 12
    assert len(_BatchSpy.sizes) > 1
    assert all(chars <= 5_000 or n == 1 for n, chars in _BatchSpy.sizes)
