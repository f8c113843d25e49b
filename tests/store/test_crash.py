"""A `kill -9` in the middle of an ingest leaves a sound database, and a rerun completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from sitroom.store import SQLiteStore

DOCUMENTS = 6000
# Small batches so the kill lands between many commits.
CONFIG = "[ingest]\nbatch_size = 50\n"
KILL_AFTER_ARTICLES = 300
WAIT_LIMIT_S = 120


def write_corpus(path: Path, documents: int = DOCUMENTS) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(documents):
            text = f"Report number {i}. Officials said the shelling of the district continued for a {i % 7}th day. " * 3
            out.write(json.dumps({"id": f"doc-{i}", "outlet": "Test Wire", "url": f"https://example.org/{i}",
                                  "title": f"Report {i}", "published": "2024-10-14", "text": text}) + "\n")


def count(db: Path, table: str = "articles") -> int:
    """Rows of ``table``, read while another process writes; 0 before the table exists. The connection is closed
    here, not left to the garbage collector: an unclosed one keeps this process's view of the -shm file that the
    writer deletes, and a later open in this process then reads a stale WAL index ("malformed")."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return 0


def ingest(corpus: Path, db: Path, config: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "sitroom.cli", "--config", str(config), "ingest", str(corpus), "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def extract(db: Path, config: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "sitroom.cli", "--config", str(config), "extract", "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_minus_nine_mid_ingest_then_rerun(tmp_path):
    corpus, db, config = tmp_path / "big.jsonl", tmp_path / "s.db", tmp_path / "c.toml"
    write_corpus(corpus)
    config.write_text(CONFIG)
    process = ingest(corpus, db, config)
    deadline = time.monotonic() + WAIT_LIMIT_S
    while count(db) < KILL_AFTER_ARTICLES and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before it could be killed: raise DOCUMENTS"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    with SQLiteStore(db) as store:
        assert store.integrity() == "ok"
        partial = store.counts()["articles"]
    assert KILL_AFTER_ARTICLES <= partial < DOCUMENTS
    assert partial % 50 == 0, "a batch was half-stored"

    rerun = ingest(corpus, db, config)
    assert rerun.wait(timeout=WAIT_LIMIT_S) == 0, rerun.stderr.read().decode()
    with SQLiteStore(db) as store:
        assert store.integrity() == "ok"
        assert store.counts()["articles"] == DOCUMENTS
