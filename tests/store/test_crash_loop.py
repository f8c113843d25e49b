"""Many `kill -9` at random moments of ingest and of extraction, then a rerun to completion: the store is sound
after every kill, and in the end holds exactly what an uninterrupted run stores (same checksum over every
article and record, timestamps aside)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sitroom.model import to_dict
from sitroom.store import SQLiteStore

from test_crash import WAIT_LIMIT_S, count, extract, ingest, write_corpus  # the single-kill test's helpers

ARTICLES = 150
# Small commits so that kills land between many of them.
COMMIT = 5
CONFIG = f"[ingest]\nbatch_size = {COMMIT}\n\n[nlp]\nbatch_size = {COMMIT}\n\n[extract]\ncommit_articles = {COMMIT}\n"
# A kill lands after 0 or 1 more commits and then up to about one commit's time more (so before, inside or
# after a commit): ingest stores 5 short articles in a few ms, extraction parses and stores them in some 0.1 s.
KILL_JITTER_S = {"articles": 0.004, "records": 0.15}
INGEST_KILLS = 15
EXTRACT_KILLS = 15
SEED = 18
TIMESTAMPS = ("ingested_at", "extracted_at")


def _without_timestamps(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_timestamps(v) for k, v in value.items() if k not in TIMESTAMPS}
    if isinstance(value, list):
        return [_without_timestamps(v) for v in value]
    return value


def checksum(db: Path) -> tuple[str, int, int]:
    """(sha256 over every article and record in article id order, articles, records); the store checked sound."""
    digest = hashlib.sha256()
    records = 0
    with SQLiteStore(db) as store:
        assert store.integrity() == "ok"
        ids = sorted(store.article_ids())
        for article_id in ids:
            article, record = store.article(article_id), store.record(article_id)
            records += record is not None
            body = {"article": to_dict(article), "record": to_dict(record) if record else None}
            digest.update(json.dumps(_without_timestamps(body), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest(), len(ids), records


def _completed(start: Callable[[], subprocess.Popen]) -> None:
    """Run to the end."""
    process = start()
    assert process.wait(timeout=WAIT_LIMIT_S * 3) == 0, process.stderr.read().decode()


def _kill_during(start: Callable[[], subprocess.Popen], progress: Callable[[], int], jitter_s: float,
                 rng: random.Random) -> bool:
    """Start; kill -9 once 0 or 1 more commits are stored and a random moment later. False when it finished first
    (nothing was left to do)."""
    target = progress() + rng.randint(0, 1) * COMMIT
    process = start()
    deadline = time.monotonic() + WAIT_LIMIT_S
    while process.poll() is None and progress() < target and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(rng.uniform(0, jitter_s))
    if process.poll() is not None:
        assert process.returncode in (0, 1), process.stderr.read().decode()
        return False
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return True


@pytest.mark.slow
def test_kill_loop_over_ingest_and_extraction(tmp_path: Path) -> None:
    corpus, config = tmp_path / "corpus.jsonl", tmp_path / "c.toml"
    write_corpus(corpus, ARTICLES)
    config.write_text(CONFIG)
    clean = tmp_path / "clean.db"
    _completed(lambda: ingest(corpus, clean, config))
    _completed(lambda: extract(clean, config))
    expected = checksum(clean)
    assert expected[1:] == (ARTICLES, ARTICLES)

    db = tmp_path / "killed.db"
    rng = random.Random(SEED)
    killed = {"ingest": 0, "extract": 0}
    for phase, kills, start, table in (
        ("ingest", INGEST_KILLS, lambda: ingest(corpus, db, config), "articles"),
        ("extract", EXTRACT_KILLS, lambda: extract(db, config), "records"),
    ):
        while killed[phase] < kills and _kill_during(start, lambda: count(db, table), KILL_JITTER_S[table], rng):
            killed[phase] += 1
            if db.exists():
                checksum(db)  # sound after every kill
        _completed(start)
    print(f"kills survived: {killed}")
    assert checksum(db) == expected
    assert killed == {"ingest": INGEST_KILLS, "extract": EXTRACT_KILLS}, "the runs finished before all kills landed"
