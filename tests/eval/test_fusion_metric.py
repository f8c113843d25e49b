"""The fusion scorer: duplicate pairs are scored against the marked copies, transitively."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.config import Config
from sitroom.eval.fusion import DataError, corpus_articles, dedup_scores, evaluate
from sitroom.model import Article, Event, Evidence, Record

BODY = " ".join(f"Sentence number {i} tells of shelling near the village of Novoselivka{i} at night." for i in range(40))


def test_marked_copies_are_found(tmp_path: Path) -> None:
    rows = [
        {"id": "p1", "url": "https://x/1", "title": "Address", "published": "2022-03-01", "text": BODY},
        {"id": "v1", "url": "https://y/1", "title": "Video", "published": "2022-03-01", "text": BODY[:2000],
         "extra": {"near_duplicate_of": "p1"}},
        {"id": "v2", "url": "https://y/2", "title": "Other", "published": "2022-03-02",
         "text": " ".join(f"Another text {i} about grain exports from Odesa by sea." for i in range(40))},
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    metrics = dedup_scores(corpus_articles(tmp_path, Config()))
    assert metrics["dedup_recall"] == 100.0 and metrics["dedup_precision"] == 100.0


def test_a_corpus_without_marks_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "p1", "url": "https://x/1", "text": BODY}) + "\n")
    with pytest.raises(DataError):
        evaluate(tmp_path, config=Config())


def test_cluster_scores_pairwise_and_bcubed() -> None:
    from sitroom.eval.fusion import cluster_scores

    truth = {"a": "1", "b": "1", "c": "1", "d": "2"}
    perfect = cluster_scores({"a": "x", "b": "x", "c": "x", "d": "y"}, truth)
    assert perfect["bcubed_f1"] == 100.0 and perfect["pairwise_f1"] == 100.0
    split = cluster_scores({"a": "x", "b": "x", "c": "z", "d": "y"}, truth)
    assert split["pairwise_precision"] == 100.0 and round(split["pairwise_recall"], 1) == 33.3
    assert split["bcubed_precision"] == 100.0 and round(split["bcubed_recall"], 1) == round(100 * (2/3 + 2/3 + 1/3 + 1) / 4, 1)


def test_stress_variants_remember_their_sentences() -> None:
    from sitroom.fuse.stress import make_variants
    from sitroom.model import Article

    text = "\n\n".join(f"Paragraph {p} opens here. Missiles hit town {p} on Monday. Officials said {p} died." for p in range(6))
    docs = make_variants(Article(id="o", text=text, published="2022-03-01"))
    assert [d.variant for d in docs] == ["original", "perturbed", "reordered", "truncated", "rewritten"]
    original = docs[0]
    for start, end, origin in original.pieces:
        assert original.article.text[start:end].startswith(("Paragraph", "Missiles", "Officials"))
    reordered = docs[2]
    offset = reordered.article.text.index("Missiles hit town 3")
    assert reordered.origin_of(offset) == 3 * 3 + 1
    assert docs[3].article.text.count("Paragraph") < 6 and docs[4].article.published == "2022-03-02"


def _readout(aid: str, outlet: str, published: str, sentence: str, actors: list) -> Record:
    """A readout record whose event's actor1 and actor2 are ``actors`` (None: the extractor found none)."""
    text = sentence + " " + " ".join(f"filler{aid}{i}" for i in range(200))
    evidence = Evidence(aid, 0, len(sentence), text=sentence)
    ids = [a.id if a else None for a in actors] + [None, None]
    event = Event(id="E1", trigger=evidence, plover_category="CONSULT", actor1=ids[0], actor2=ids[1],
                  evidence=evidence)
    actors = [a for a in actors if a]
    return Record(article=Article(id=aid, text=text, outlet=outlet, published=published), actors=actors,
                  events=[event])


def test_a_call_read_out_by_both_sides_is_one_cross_side_cluster() -> None:
    from sitroom.eval.fusion import corpus_clusters
    from sitroom.model import Actor

    white_house = _readout("wh", "The White House", "2022-03-30T00:00:00+00:00",
                           "President Biden spoke today with President Zelenskyy of Ukraine about assistance",
                           [Actor("A1", "President Biden", "person"), Actor("A2", "President Zelenskyy", "person")])
    kyiv = _readout("ua", "President of Ukraine (president.gov.ua)", "2022-03-30T21:10:00+03:00",
                    "President of Ukraine Volodymyr Zelenskyy had an hour-long phone conversation with US President"
                    " Joseph Biden", [Actor("A1", "President of Ukraine Volodymyr Zelenskyy", "organization"),
                                      Actor("A2", "United States Joseph Biden", "person")])
    # His evening address, the next day by Kyiv's clock: "I" is the President whose site it is.
    address = _readout("ua2", "President of Ukraine (president.gov.ua)", "2022-03-31T00:40:00+03:00",
                       "I spoke today with US President Biden", [None, Actor("A2", "Biden", "person")])
    other = _readout("wh2", "The White House", "2022-03-30T00:00:00+00:00",
                     "President Biden spoke today with President Duda of Poland",
                     [Actor("A1", "President Biden", "person"), Actor("A2", "President Duda", "person")])
    report = corpus_clusters([white_house, kyiv, address, other], sample=5)
    assert report["cross_side_clusters"] == 1
    (cluster,) = report["cross_side"].values()
    assert {m["item"] for m in cluster["members"]} == {"wh", "ua", "ua2"}
    assert cluster["sides"] == ["UA", "US"] and cluster["copies"] is False
    assert len(cluster["actors"]) == 2 and {"Biden", "Zelenskyy"} == {n.split()[-1] for n in cluster["actors"]}
    assert report["corpus_multi_member_clusters"] == 1 and len(report["sample"]) == 1
