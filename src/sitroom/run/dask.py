"""The Dask engine: a job's partitions (run/partitions.py) extracted on a cluster's workers.

Each worker loads the pipeline (and with it the gazetteer) once, in a worker plugin, and reads partitions with
the same ``annotate`` the local engine uses; per-article failures come back as ``ExtractionFailure`` records, as
they do locally. The client plans the partitions, hands out a bounded number at a time, and writes what comes
back: the Parquet files and the store (SQLite has one writer: the client). A partition whose task raised or whose
worker died under it is retried (``dask.retries``); past that it is reported, never dropped.

Without a scheduler address a ``LocalCluster`` of worker processes is started on this machine; with one, the
client joins that cluster as it is (``dask scheduler`` and ``dask worker`` on machines that share sitroom's code,
dask-jobqueue's Slurm clusters, the Dask Kubernetes operator: whatever gives a scheduler address).
"""

from __future__ import annotations

import hashlib
import json
import logging
import resource
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import dask
from distributed import Client, KilledWorker, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin
from spacy.language import Language

from sitroom.config import Config, ConfigError, DaskOptions, NlpOptions
from sitroom.model import Article
from sitroom.nlp import annotate, load_pipeline
from sitroom.run.batch import ProgressCallback
from sitroom.run.identity import fingerprint
from sitroom.run.partitions import Extracted, JobResult, Outcome, Partition, WorkerLost, run_job
from sitroom.store.base import Store

PLUGIN_PREFIX = "sitroom-pipeline-"
TASK_PREFIX = "sitroom-partition-"


# A short report read once by each worker's pipeline as it is loaded (its record is thrown away), so that what the
# pipeline sets up on its first text is not charged to the job's first partition.
WARM_UP = Article(id="sitroom-warm-up", content_hash="sitroom-warm-up", title="Warm-up", text=(
    "Officials said 12 people were evacuated from Kupiansk on Monday after shelling. \"We could not stay,\" said"
    " Olena Petrenko, a resident, according to Reuters. The governor of Kharkiv said 5 drones were shot down"
    " overnight."))


class ClusterError(RuntimeError):
    """A cluster that cannot run the job as asked (unreachable, no workers, workers on other code): one line."""


def plugin_name(options: NlpOptions) -> str:
    """One plugin a pipeline configuration, so jobs of two profiles can share a cluster's workers."""
    digest = hashlib.sha256(json.dumps(asdict(options), sort_keys=True, default=str).encode()).hexdigest()
    return PLUGIN_PREFIX + digest[:12]


class PipelinePlugin(WorkerPlugin):
    """The pipeline, loaded once a worker when the plugin is registered (and again on a worker that joins or is
    restarted). spaCy pipelines are not shared between threads: a worker with more threads loads one more for each
    partition that finds the loaded ones busy, and keeps it for the next."""

    idempotent = True  # the same name is the same options: a worker that has it keeps it

    def __init__(self, options: NlpOptions) -> None:
        self.options = options
        self.name = plugin_name(options)
        self.pipeline = ""
        self._idle: list[Language] = []
        self._lock = threading.Lock()

    def setup(self, worker: Any) -> None:
        nlp = self._load()
        self.pipeline = fingerprint(nlp)
        self._idle = [nlp]

    def _load(self) -> Language:
        """The pipeline, with its first-call costs paid here on WARM_UP rather than by a partition."""
        nlp = load_pipeline(self.options)
        for _ in annotate(nlp, [WARM_UP], self.options):
            pass
        return nlp

    @contextmanager
    def borrowed(self) -> Iterator[Language]:
        with self._lock:
            nlp = self._idle.pop() if self._idle else None
        if nlp is None:
            nlp = self._load()
        try:
            yield nlp
        finally:
            with self._lock:
                self._idle.append(nlp)

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "name": self.name, "pipeline": ""}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._idle, self._lock = [], threading.Lock()


def extract_partition(name: str, articles: list[Article]) -> tuple[str, list[Outcome]]:
    """The task a worker runs: the partition's articles through the plugin's pipeline, with the fingerprint of
    what read them (the client checks it is the job's)."""
    plugin = _plugin(name)
    with plugin.borrowed() as nlp:
        return plugin.pipeline, list(annotate(nlp, articles, plugin.options))


def _plugin(name: str) -> PipelinePlugin:
    plugin = get_worker().plugins.get(name)
    if not isinstance(plugin, PipelinePlugin):
        raise RuntimeError(f"worker {get_worker().address} has no {name} plugin (it was not registered)")
    return plugin


def _worker_pipeline(name: str, dask_worker: Any) -> str:
    plugin = dask_worker.plugins.get(name)
    return plugin.pipeline if isinstance(plugin, PipelinePlugin) else ""


def _peak_rss_mb(dask_worker: Any = None) -> float:
    """The worker process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class DaskEngine:
    """A client on a cluster with the pipeline plugin registered; ``extract`` is the job's extractor."""

    def __init__(self, config: Config, scheduler: str | None = None, workers: int | None = None,
                 processes: bool = True) -> None:
        self.config = config
        self.options = config.dask
        self.scheduler = scheduler or self.options.scheduler
        self.workers = workers or self.options.workers
        self.processes = processes
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.plugin = PipelinePlugin(config.nlp)
        self.pipeline = ""

    def __enter__(self) -> DaskEngine:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        if self.workers < 1:
            raise ConfigError(f"--workers: must be at least 1, not {self.workers}")
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout=self.options.worker_wait_s)
            except OSError as error:
                raise ClusterError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
            try:
                self.client.wait_for_workers(1, timeout=self.options.worker_wait_s)
            except TimeoutError:
                raise ClusterError(f"the Dask scheduler at {self.scheduler} has no worker after"
                                   f" {self.options.worker_wait_s} s (dask.worker_wait_s)") from None
        else:
            memory = _memory_limit(self.options.memory_limit)
            with dask.config.set(local_cluster_settings(self.options)):
                self.cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=self.options.threads_per_worker,
                    processes=self.processes, memory_limit=memory, dashboard_address=None,
                )
            self.client = Client(self.cluster)
        self.client.register_plugin(self.plugin)
        self.pipeline = self._one_pipeline()

    def _one_pipeline(self) -> str:
        """The pipeline fingerprint every worker reports; workers on other code, models or data are refused
        rather than mixing their records into the job."""
        assert self.client is not None
        found = self.client.run(_worker_pipeline, self.plugin.name)
        kinds = sorted(set(found.values()))
        if len(kinds) != 1 or not kinds[0]:
            listed = "; ".join(f"{worker}: {fp or 'no pipeline'}" for worker, fp in sorted(found.items()))
            raise ClusterError(f"the workers do not run one pipeline (same sitroom, model and data): {listed}")
        return kinds[0]

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            # A worker busy exiting (a loaded pipeline to free) past the nanny's 4 s is killed, with a warning that
            # says nothing at the end of a job whose results are all in.
            nanny = logging.getLogger("distributed.nanny")
            level = nanny.level
            nanny.setLevel(logging.ERROR)
            try:
                self.cluster.close()
            finally:
                nanny.setLevel(level)
            self.cluster = None

    def in_flight(self) -> int:
        """Partitions handed out at once: enough that no worker thread waits, few enough to bound memory."""
        assert self.client is not None
        threads = sum(self.client.nthreads().values()) or self.workers * self.options.threads_per_worker
        return max(1, threads * self.options.in_flight_per_thread)

    def extract(self, partitions: Iterator[Partition]) -> Iterator[Extracted]:
        """Each partition as a task on the cluster, yielded as it completes (any order), its error instead of
        its outcomes when it failed after its retries."""
        assert self.client is not None
        client, pending = self.client, {}
        completed = as_completed()
        limit = self.in_flight()
        for partition in partitions:
            while len(pending) >= limit:
                yield self._collect(next(completed), pending)
            future = client.submit(extract_partition, self.plugin.name, partition.articles,
                                   key=TASK_PREFIX + partition.key, retries=self.options.retries, pure=False)
            pending[future.key] = partition
            completed.add(future)
        while pending:
            yield self._collect(next(completed), pending)

    def _collect(self, future: Any, pending: dict[str, Partition]) -> Extracted:
        partition = pending.pop(future.key)
        try:
            pipeline, outcomes = future.result()
        except KilledWorker as error:  # its worker died under it, 1 + dask.retries times
            return partition, WorkerLost(str(error))
        except Exception as error:  # the task's own error, after its retries
            return partition, error
        finally:
            future.release()
        if pipeline != self.pipeline:
            return partition, ClusterError(f"read by another pipeline ({pipeline}) than the job's ({self.pipeline})")
        return partition, outcomes

    def peak_memory_mb(self) -> dict[str, float]:
        """Each worker's peak resident memory so far, in MB (worker processes; with threads, this process's)."""
        assert self.client is not None
        return self.client.run(_peak_rss_mb)


def local_cluster_settings(options: DaskOptions) -> dict[str, object]:
    """Dask settings of the LocalCluster this engine starts (an existing cluster keeps its own)."""
    return {
        # A worker that dies under a partition this many times more ends it (KilledWorker): the retries.
        "distributed.scheduler.allowed-failures": options.retries,
        # The statistical profiler samples every task thread's stack 100 times a second for the dashboard, which a
        # LocalCluster of sitroom's has not got: about a tenth of a core a worker, taken from extraction (bench/dask.py).
        "distributed.worker.profile.enabled": False,
        # Every scheduler, nanny and worker wakes 50 times a second to check that its event loop is not blocked (only
        # to warn), and the memory checks 10 times: on 2 cores that is CPU the workers lack. Once a second is plenty
        # for warnings and for a memory limit that a spaCy worker approaches over seconds, not milliseconds.
        "distributed.admin.tick.interval": "1s",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.admin.system-monitor.interval": "2s",
    }


def _memory_limit(value: str) -> int:
    try:
        return dask.utils.parse_bytes(value)
    except (ValueError, TypeError):
        raise ConfigError(f"dask.memory_limit: not an amount of memory like '2GiB' or '1500MB': {value!r}") from None


def run_on_cluster(
    store: Store, config: Config, article_ids: set[str], out: Path | None = None, scheduler: str | None = None,
    workers: int | None = None, progress: ProgressCallback | None = None, checksum: bool = False,
    planned: ProgressCallback | None = None,
) -> JobResult:
    """The partitioned job on a cluster: a LocalCluster of ``workers`` processes, or the one at ``scheduler``."""
    with DaskEngine(config, scheduler, workers) as engine:
        return run_job(store, config, engine.pipeline, article_ids, engine.extract, out, progress, checksum,
                       planned)
