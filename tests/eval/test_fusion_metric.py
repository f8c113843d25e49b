"""The fusion scorer: duplicate pairs are scored against the marked copies, transitively."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.config import Config
from sitroom.eval.fusion import DataError, evaluate

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
    metrics = evaluate(tmp_path, config=Config())
    assert metrics["dedup_recall"] == 100.0 and metrics["dedup_precision"] == 100.0


def test_a_corpus_without_marks_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "p1", "url": "https://x/1", "text": BODY}) + "\n")
    with pytest.raises(DataError):
        evaluate(tmp_path, config=Config())
