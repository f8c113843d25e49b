"""A `kill -9` in the middle of an ingest leaves a sound database, and a rerun completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sitroom.store import SQLiteStore

DOCUMENTS = 6000
# Small batches so the kill lands between many commits.
CONFIG = "[ingest]\nbatch_size = 50\n"
KILL_AFTER_ARTICLES = 300
WAIT_LIMIT_S = 120


def _write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(DOCUMENTS):
            text = f"Report number {i}. Officials said the shelling of the district continued for a {i % 7}th day. " * 3
            out.write(json.dumps({"id": f"doc-{i}", "outlet": "Test Wire", "url": f"https://example.org/{i}",
                                  "title": f"Report {i}", "published": "2024-10-14", "text": text}) + "\n")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _ingest(corpus: Path, db: Path, config: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "sitroom.cli", "--config", str(config), "ingest", str(corpus), "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_minus_nine_mid_ingest_then_rerun(tmp_path):
    corpus, db, config = tmp_path / "big.jsonl", tmp_path / "s.db", tmp_path / "c.toml"
    _write_corpus(corpus)
    config.write_text(CONFIG)
    process = _ingest(corpus, db, config)
    deadline = time.monotonic() + WAIT_LIMIT_S
    while _count(db) < KILL_AFTER_ARTICLES and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before it could be killed: raise DOCUMENTS"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    with SQLiteStore(db) as store:
        assert store.integrity() == "ok"
        partial = store.counts()["articles"]
    assert KILL_AFTER_ARTICLES <= partial < DOCUMENTS
    assert partial % 50 == 0, "a batch was half-stored"

    rerun = _ingest(corpus, db, config)
    assert rerun.wait(timeout=WAIT_LIMIT_S) == 0, rerun.stderr.read().decode()
    with SQLiteStore(db) as store:
        assert store.integrity() == "ok"
        assert store.counts()["articles"] == DOCUMENTS
