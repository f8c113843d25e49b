"""Reentrancy: one loaded pipeline run over the same texts from two threads at once gives exactly the serial output
(no component keeps per-Doc state on itself)."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import pytest

from sitroom.ingest import read_paths
from sitroom.model import Article, to_json
from sitroom.nlp import annotate, load_pipeline

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo.jsonl"
TEXTS = 20
THREADS = 2


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    with DEMO.open(encoding="utf-8") as lines:
        head = [next(lines) for _ in range(TEXTS)]
    path = tmp_path_factory.mktemp("demo") / "demo20.jsonl"
    path.write_text("".join(head), encoding="utf-8")
    found = [item for item in read_paths([path]) if isinstance(item, Article)]
    assert len(found) == TEXTS
    return found


def test_two_threads_on_one_pipeline_give_the_serial_output(articles: list[Article]) -> None:
    nlp = load_pipeline()
    serial = [to_json(record) for record in annotate(nlp, copy.deepcopy(articles))]
    assert len(serial) == TEXTS and any('"claims": [{' in line for line in serial)
    results: dict[int, list[str]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(worker: int) -> None:
        try:
            own = copy.deepcopy(articles)
            start.wait()
            results[worker] = [to_json(record) for record in annotate(nlp, own)]
        except BaseException as error:  # reported below, with the thread's traceback
            errors.append(error)

    threads = [threading.Thread(target=run, args=(worker,)) for worker in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    for worker in range(THREADS):
        differing = [i for i, (a, b) in enumerate(zip(serial, results[worker])) if a != b]
        assert results[worker] == serial, f"thread {worker}: records {differing} differ from the serial run"
