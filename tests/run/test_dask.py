"""The partitioned job on the Dask engine: the same records as the local engine (one checksum over the data
model's JSON), finished partitions skipped on a rerun by fingerprint, a partition that failed reported and left
pending, and a partition whose worker is killed under it retried to the same result.

The fast tests run a one-worker LocalCluster in this process (processes=False); the ones that need worker
processes (a kill, the 1,000-article comparison, the CLI's default cluster) are marked slow.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import dask
import pyarrow.parquet as pq
import pytest
from distributed.diagnostics.plugin import WorkerPlugin
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.config import Config
from sitroom.ingest import read_paths
from sitroom.run import dask as dask_engine
from sitroom.run.batch import ingest_items
from sitroom.run.dask import DaskEngine, plugin_name
from sitroom.run.local import Extraction, ingest_paths
from sitroom.run.partitions import MANIFEST, load_partition, plan, run_job, store_checksum

# ../shared beside the repository (read-only evaluation data; a test that needs it skips where it is absent).
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
from sitroom.store import SQLiteStore, digest
from sitroom.store.base import ProblemFilter

runner = CliRunner()
PARTITION = 2  # articles a partition in these tests: 6 articles are 3 partitions


def write_corpus(folder: Path, n: int = 6, *, changed: int | None = None, paragraphs: int = 1) -> Path:
    path = folder / "docs.jsonl"
    rows = [{"id": f"d{i}", "title": f"Report {i}", "published": f"2024-10-{10 + i:02d}",
             "url": f"https://example.org/news/{i}",
             "text": "\n\n".join(
                 f"Officials said {i + 2 + p} people were evacuated from Kupiansk on Monday after shelling. "
                 f"\"We could not stay,\" said Olena Petrenko, a resident, according to Reuters. The governor of "
                 f"Kharkiv said {i + 1} drones were shot down overnight." for p in range(paragraphs))
                 + (" A new paragraph." if i == changed else "")}
             for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def small_config() -> Config:
    config = Config()
    config.dask.partition_articles = PARTITION
    config.dask.retries = 1
    return config


def ingested(db: Path, corpus: Path, config: Config) -> tuple[SQLiteStore, set[str]]:
    store = SQLiteStore(db)
    job: set[str] = set()
    ingest_paths(store, [corpus], config, "r1", seen=job)
    return store, job


def local_checksum(tmp_path: Path, corpus: Path, config: Config) -> str:
    """The local engine as `sitroom run` has always run it (no partitions): the reference. Its whole store is in
    tmp_path/local.db, for store.digest.checksum."""
    with SQLiteStore(tmp_path / "local.db") as store:
        ingest_items(store, read_paths([corpus]), config, "r0")
        Extraction(store, config).run()
        return store_checksum(store, store.article_ids())


def same_ledger(tmp_path: Path, other: SQLiteStore) -> bool:
    """The local reference store and another give back the same ledger: articles, records, claim and event rows,
    problems (store.digest, as SQLite and PostgreSQL are compared)."""
    with SQLiteStore(tmp_path / "local.db") as local:
        return digest.checksum(local) == digest.checksum(other)


@pytest.fixture(scope="module")
def engine():
    """One in-process worker with the pipeline plugin, shared by the fast tests (loading it is the slow part)."""
    with DaskEngine(small_config(), workers=1, processes=False) as started:
        yield started


def test_plan_is_stable_and_sorted():
    assert plan(["c", "a", "b", "a", "d", "e"], 2) == [["a", "b"], ["c", "d"], ["e"]]
    assert plan(["e", "d", "c", "b", "a"], 2) == plan(["a", "b", "c", "d", "e"], 2)


def test_dask_gives_the_local_records_and_a_rerun_skips_finished_partitions(tmp_path, engine):
    config = small_config()
    corpus = write_corpus(tmp_path)
    expected = local_checksum(tmp_path, corpus, config)
    out = tmp_path / "out"
    store, job = ingested(tmp_path / "dask.db", corpus, config)
    with store:
        total, done = [], []
        first = run_job(store, config, engine.pipeline, job, engine.extract, out, done.append, planned=total.append)
        assert (first.partitions, first.extracted, first.skipped, first.failed) == (3, 3, 0, [])
        assert total == [6] and done == [2, 2, 2]  # a progress bar's total, then each partition as it is done
        assert first.records.stored == 6 and first.checksum == expected
        assert store_checksum(store, job) == expected and same_ledger(tmp_path, store)
        assert store.ids_to_extract(engine.pipeline) == []

        rerun = run_job(store, config, engine.pipeline, job, engine.extract, out)
        assert (rerun.extracted, rerun.skipped, rerun.records.stored) == (0, 3, 0)
        assert rerun.checksum == expected

    files = sorted((out / "records").glob("part-*.parquet"))
    assert len(files) == 3
    table = pq.read_table(files[0])
    assert table.num_rows == PARTITION and set(table.column("status").to_pylist()) == {"record"}
    assert table.column("claims").to_pylist()[0] >= 1  # the quoted resident's claim is in the file
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["checksum"] == expected and [p["status"] for p in manifest["partitions"]] == ["skipped"] * 3


def test_finished_partitions_fill_a_new_store_and_a_changed_text_redoes_only_its_partition(tmp_path, engine):
    config = small_config()
    out = tmp_path / "out"
    store, job = ingested(tmp_path / "a.db", write_corpus(tmp_path), config)
    with store:
        expected = run_job(store, config, engine.pipeline, job, engine.extract, out).checksum

    # A new store, the same inputs and --out: nothing is read again, the records come from the Parquet files.
    store, job = ingested(tmp_path / "b.db", write_corpus(tmp_path), config)
    with store:
        restored = run_job(store, config, engine.pipeline, job, engine.extract, out)
        assert (restored.extracted, restored.skipped, restored.restored) == (0, 3, 3)
        assert store_checksum(store, job) == expected

        # One article's text changes: its partition's fingerprint changes and only that partition is read.
        ingest_paths(store, [write_corpus(tmp_path, changed=3)], config, "r2", seen=job)
        changed = run_job(store, config, engine.pipeline, job, engine.extract, out)
        assert (changed.extracted, changed.skipped, changed.records.stored) == (1, 2, 2)
        assert changed.checksum != expected
    assert len(list((out / "records").glob("part-*.parquet"))) == 4


def test_a_partition_that_keeps_failing_is_reported_and_its_articles_stay_pending(tmp_path, engine, monkeypatch):
    config = small_config()
    store, job = ingested(tmp_path / "s.db", write_corpus(tmp_path), config)
    doomed = plan(job, PARTITION)[1]
    tries = tmp_path / "tries"  # a file: the task is a copy of this function, on the worker's thread
    real = dask_engine.extract_partition

    def flaky(name, articles):
        if articles[0].id == doomed[0]:
            with tries.open("a", encoding="utf-8") as log:
                log.write("try\n")
            raise RuntimeError("disk quota exceeded on the worker")
        return real(name, articles)

    monkeypatch.setattr(dask_engine, "extract_partition", flaky)
    with store:
        result = run_job(store, config, engine.pipeline, job, engine.extract)
        assert (result.extracted, result.records.stored) == (2, 4)
        (failure,) = result.failed
        assert failure.index == 1 and failure.articles == PARTITION and "disk quota exceeded" in failure.error
        assert len(tries.read_text().splitlines()) == 1 + config.dask.retries  # the first try and its retries, then reported
        assert sorted(store.ids_to_extract(engine.pipeline)) == doomed  # pending: a rerun tries them again

        monkeypatch.setattr(dask_engine, "extract_partition", real)
        again = run_job(store, config, engine.pipeline, job, engine.extract)
        assert (again.extracted, again.skipped, again.failed, again.records.stored) == (1, 2, [], 2)


def test_an_article_that_kills_its_worker_fails_alone_and_its_partition_is_read(tmp_path, engine, monkeypatch):
    """A worker that dies under a partition on every try (here: as the scheduler reports it, KilledWorker) has the
    partition read again in halves until the article that kills it is alone; it is logged, the rest stored."""
    from types import SimpleNamespace

    from distributed import KilledWorker

    config = small_config()
    config.dask.partition_articles = 6
    store, job = ingested(tmp_path / "s.db", write_corpus(tmp_path), config)
    poison = sorted(job)[4]
    real = dask_engine.extract_partition

    def dies_on_poison(name, articles):
        if any(a.id == poison for a in articles):
            raise KilledWorker("sitroom-partition-x", SimpleNamespace(address="tcp://10.0.0.9:4000"), 1)
        return real(name, articles)

    monkeypatch.setattr(dask_engine, "extract_partition", dies_on_poison)
    out = tmp_path / "out"
    with store:
        result = run_job(store, config, engine.pipeline, job, engine.extract, out)
        assert (result.partitions, result.split, result.extracted, result.failed) == (1, 1, 1, [])
        assert (result.records.stored, result.records.failed) == (5, 1)
        (problem,) = store.iter_problems(ProblemFilter(stage="extract"))
        assert problem.article_id == poison and problem.reason == "memory" and "10.0.0.9" in problem.detail
        assert store.ids_to_extract(engine.pipeline) == []
    (written,) = (out / "records").glob("part-*.parquet")  # the whole partition, its failure a row of it
    assert sorted(pq.read_table(written).column("status").to_pylist()) == ["failure"] + ["record"] * 5


def test_an_existing_cluster_is_joined_as_it_is(tmp_path):
    from distributed import LocalCluster

    config = small_config()
    corpus = write_corpus(tmp_path, 2)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        store, job = ingested(tmp_path / "s.db", corpus, config)
        with store, DaskEngine(config, scheduler=cluster.scheduler_address) as engine:
            assert engine.cluster is None  # none started
            result = run_job(store, config, engine.pipeline, job, engine.extract)
        assert (result.extracted, result.records.stored) == (1, 2)
        assert len(cluster.scheduler_info["workers"]) == 1  # the cluster goes on after the job


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    settings = tmp_path / "sitroom.toml"
    settings.write_text("[dask]\nworker_wait_s = 2\n", encoding="utf-8")
    done = runner.invoke(app, ["--config", str(settings), "run", str(write_corpus(tmp_path, 1)), "--db",
                               str(tmp_path / "s.db"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert done.exit_code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.output


def test_a_worker_with_more_threads_loads_a_pipeline_for_each_busy_one(monkeypatch):
    loaded: list[object] = []

    def load(options):
        loaded.append(object())
        return loaded[-1]

    warmed: list[object] = []

    def read(nlp, articles, options):
        warmed.extend(nlp for article in articles if article is dask_engine.WARM_UP)
        return iter(())

    monkeypatch.setattr(dask_engine, "load_pipeline", load)
    monkeypatch.setattr(dask_engine, "annotate", read)
    monkeypatch.setattr(dask_engine, "fingerprint", lambda nlp: "sitroom test; pipeline")
    plugin = dask_engine.PipelinePlugin(Config().nlp)
    plugin.setup(worker=None)
    assert plugin.pipeline == "sitroom test; pipeline" and len(loaded) == 1
    with plugin.borrowed() as first:
        with plugin.borrowed() as second:  # a second thread while the first is busy
            assert first is loaded[0] and second is loaded[1]
    with plugin.borrowed() as again:
        assert again in loaded and len(loaded) == 2  # kept, not loaded again
    assert warmed == loaded  # each pipeline read the warm-up text once, as it was loaded


def test_dask_options_are_checked_with_their_key(tmp_path):
    from sitroom.config import ConfigError, load_config

    settings = tmp_path / "sitroom.toml"
    settings.write_text("[dask]\npartition_articles = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="dask.partition_articles: must be at least 1, not 0"):
        load_config(settings)
    settings.write_text('[dask]\nmemory_limit = "lots"\nretries = 3\n', encoding="utf-8")
    config = load_config(settings)
    assert config.dask.retries == 3
    with pytest.raises(ConfigError, match="dask.memory_limit: not an amount of memory"):
        DaskEngine(config).__enter__()  # before any cluster is started


def test_the_plugin_is_named_by_its_options():
    config = Config()
    fast = plugin_name(config.nlp)
    config.nlp.profile = "accurate"
    assert plugin_name(config.nlp) != fast and fast.startswith("sitroom-pipeline-")


def test_run_local_with_out_writes_the_partitions_and_cluster_options_need_dask(tmp_path):
    settings = tmp_path / "sitroom.toml"
    settings.write_text(f"[dask]\npartition_articles = {PARTITION}\n", encoding="utf-8")
    corpus, out, db = write_corpus(tmp_path), tmp_path / "out", str(tmp_path / "s.db")
    done = runner.invoke(app, ["--config", str(settings), "run", str(corpus), "--db", db, "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "partitions: 3; 3 extracted" in done.output and len(list(out.glob("records/*.parquet"))) == 3
    again = runner.invoke(app, ["--config", str(settings), "run", str(corpus), "--db", db, "--out", str(out)])
    assert again.exit_code == 0 and "partitions: 3; 0 extracted, 3 finished before" in again.output

    refused = runner.invoke(app, ["run", str(corpus), "--db", db, "--scheduler", "tcp://127.0.0.1:8786"])
    assert refused.exit_code == 2 and "--engine dask" in refused.output
    unknown = runner.invoke(app, ["run", str(corpus), "--db", db, "--engine", "spark"])
    assert unknown.exit_code == 2 and "local, dask" in unknown.output


def test_a_quoted_glob_is_expanded(tmp_path):
    from sitroom.cli.engine import expand_globs

    for name in ("a-1.jsonl", "a-2.jsonl", "b.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert expand_globs([tmp_path / "a-*.jsonl"]) == [tmp_path / "a-1.jsonl", tmp_path / "a-2.jsonl"]
    assert expand_globs([tmp_path / "none-*.jsonl"]) == [tmp_path / "none-*.jsonl"]  # reported missing by ingest


# --- worker processes (slow) ---------------------------------------------------------------------------------

class KillFirstTry(WorkerPlugin):
    """Test only: kill -9 the worker process a moment after it starts one chosen partition, the first time; every
    start of that partition is logged to a file (the log says whether the restarted worker tried it again)."""

    name = "test-kill-first-try"

    def __init__(self, task_key: str, log: str, after_s: float) -> None:
        self.task_key, self.log, self.after_s = task_key, log, after_s

    def transition(self, key, start, finish, **kwargs):
        if key != self.task_key or finish != "executing":
            return
        first = not os.path.exists(self.log)
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        if first:
            threading.Timer(self.after_s, os.kill, (os.getpid(), signal.SIGKILL)).start()


@pytest.mark.slow
def test_a_partition_whose_worker_is_killed_is_retried_and_the_result_is_the_same(tmp_path):
    import sys

    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the worker processes cannot import this module
    config = small_config()
    config.dask.partition_articles = 3
    corpus = write_corpus(tmp_path, paragraphs=40)  # long enough that the kill lands inside the partition
    expected = local_checksum(tmp_path, corpus, config)
    store, job = ingested(tmp_path / "dask.db", corpus, config)
    starts = tmp_path / "starts"
    with store, DaskEngine(config, workers=1) as engine:
        settings = engine.client.run(lambda: {k: dask.config.get(k) for k in dask_engine.local_cluster_settings(
            config.dask)})
        assert list(settings.values()) == [dask_engine.local_cluster_settings(config.dask)]  # reached the worker
        key = dask_engine.TASK_PREFIX + load_partition(store, 0, plan(job, 3)[0], engine.pipeline).key
        engine.client.register_plugin(KillFirstTry(key, str(starts), after_s=0.5))
        result = run_job(store, config, engine.pipeline, job, engine.extract, tmp_path / "out")
    first, second = starts.read_text().split()  # started, killed; started again on the restarted worker
    assert first != second
    assert (result.extracted, result.failed, result.records.stored) == (2, [], 6)
    assert result.checksum == expected


@pytest.mark.slow
def test_the_cli_runs_a_local_cluster_and_gives_the_local_engine_records(tmp_path):
    corpus = write_corpus(tmp_path)
    settings = tmp_path / "sitroom.toml"
    settings.write_text(f"[dask]\npartition_articles = {PARTITION}\n", encoding="utf-8")
    expected = local_checksum(tmp_path, corpus, Config())
    db, out = tmp_path / "s.db", tmp_path / "out"
    done = runner.invoke(app, ["--config", str(settings), "run", str(corpus), "--db", str(db), "--engine", "dask",
                               "--workers", "2", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "partitions: 3; 3 extracted" in done.output and "fused:" in done.output
    assert json.loads((out / MANIFEST).read_text())["checksum"] == expected


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"the news corpus is not at {SHARED / 'corpus'}")
def test_a_thousand_articles_give_identical_records_on_both_engines(tmp_path):
    corpus = tmp_path / "thousand.jsonl"
    lines = (line for path in sorted((SHARED / "corpus").glob("*.jsonl")) for line in path.open(encoding="utf-8"))
    corpus.write_text("".join(line for _, line in zip(range(1000), lines)), encoding="utf-8")
    config = Config()
    config.dask.partition_articles = 100
    expected = local_checksum(tmp_path, corpus, config)
    store, job = ingested(tmp_path / "dask.db", corpus, config)
    with store, DaskEngine(config, workers=2) as engine:
        result = run_job(store, config, engine.pipeline, job, engine.extract, checksum=True)
        assert same_ledger(tmp_path, store)
    assert result.failed == [] and len(job) >= 990  # (an item or two may be a duplicate or too short)
    assert result.checksum == expected
