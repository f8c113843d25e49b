"""The same input through the real job (`sitroom run`: ingest, extract, fuse) into SQLite and into PostgreSQL
gives the same ledger: the records checksum over the data model's JSON (run.partitions.store_checksum) and
store.digest's checksum over everything a reader gets back (articles, records, claim and event rows, clusters,
problems, the cluster log) are equal. A few demo articles run wherever a PostgreSQL server is given
(SITROOM_TEST_POSTGRES; .ci/postgres.sh); the 1,000 news articles of ../shared/corpus are the slow version."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.run.partitions import store_checksum
from sitroom.store import digest, open_store

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "corpus" / "demo.jsonl"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
runner = CliRunner()


def first_lines(sources: list[Path], n: int, target: Path) -> Path:
    """The first ``n`` JSONL lines of ``sources`` (in order) as one input file."""
    lines = (line for path in sources for line in path.open(encoding="utf-8"))
    target.write_text("".join(line for _, line in zip(range(n), lines)), encoding="utf-8")
    return target


def run_into(corpus: Path, db: str) -> tuple[str, str, dict[str, int]]:
    """`sitroom run CORPUS --db DB`, then the store's records checksum, ledger checksum and counts."""
    done = runner.invoke(app, ["run", str(corpus), "--db", db])
    assert done.exit_code == 0, done.output
    with open_store(db) as store:
        return store_checksum(store, store.article_ids()), digest.checksum(store), store.counts()


def same_ledger(corpus: Path, sqlite_db: str, postgres_url: str) -> dict[str, int]:
    """Both runs' checksums and counts are equal; the counts, for the caller to check the ledger is not empty."""
    records, ledger, counts = run_into(corpus, sqlite_db)
    assert counts["claims"] > 0 and counts["events"] > 0  # a ledger with something in it
    assert run_into(corpus, postgres_url) == (records, ledger, counts)
    return counts


def test_demo_articles_give_the_same_ledger_in_sqlite_and_postgresql(tmp_path, postgres_url):
    corpus = first_lines([DEMO], 8, tmp_path / "demo8.jsonl")
    counts = same_ledger(corpus, str(tmp_path / "s.db"), postgres_url)
    assert counts["articles"] == 8 and counts["records"] == 8  # every article read, none failed


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"the news corpus is not at {SHARED_CORPUS}")
def test_a_thousand_articles_give_the_same_ledger_in_sqlite_and_postgresql(tmp_path, postgres_url):
    corpus = first_lines(sorted(SHARED_CORPUS.glob("*.jsonl")), 1000, tmp_path / "thousand.jsonl")
    counts = same_ledger(corpus, str(tmp_path / "s.db"), postgres_url)
    assert counts["articles"] >= 990 and counts["records"] >= 990  # (a line or two may be a duplicate)
