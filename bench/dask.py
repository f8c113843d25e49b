"""The Dask engine on 2 workers against 1 on the same input: the speed-up, where the CPU goes, and each worker's
peak memory.

First the local engine (this process, no Dask) reads the same partitions: the reference records. Then for each
worker count a LocalCluster of worker processes (one thread each) is started, the pipeline loaded and warmed up on
every worker (the plugin), and the job timed: the same ``--docs`` items of corpus/demo.jsonl, ingested into a new
store beforehand, cut into partitions of ``--partition`` articles, extracted and written to the store. Not timed,
the same way for every worker count: ingest, the cluster's start with the pipelines' loading and warm-up (``start
s``, a fixed cost a job), and the records checksum afterwards. All the records checksums (local, each worker count)
must be equal.

Wall time on a shared machine says little, so the CPU seconds of every thread during the job are printed too
(psutil; load does not change them much): each worker's task thread and its other threads, the client process's
main thread (the store writes) and event loop (the LocalCluster's scheduler and nannies run there). From them the
job's wall time on an idle 2-core machine is predicted (client and workers share the cores; no worker finishes
before its own CPU is spent), and so the speed-up; "busy" is the share of the job's wall time each worker spent in
tasks (the task stream). Peak memory is each worker process's peak resident set (ru_maxrss) after the job.
Targets (issue 19): 2 workers >= 1.7x one on a 2-core machine; <= 1 GB a worker in the fast profile (the accurate
profile's is stated). Prints a table and, last, one JSON line.

    .venv/bin/python bench/dask.py [--docs 48] [--partition 4] [--profile fast] [--workers 1,2] [--no-local] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

# This file is named dask.py: with its folder first on sys.path, `import dask` would find it instead of Dask.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import psutil  # noqa: E402
from distributed import get_task_stream  # noqa: E402

from sitroom.config import PROFILES, Config  # noqa: E402
from sitroom.run.dask import DaskEngine  # noqa: E402
from sitroom.run.local import ingest_paths  # noqa: E402
from sitroom.run.partitions import run_job, store_checksum  # noqa: E402
from sitroom.store import SQLiteStore  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo.jsonl"
SPEED_UP_TARGET = 1.7
MEMORY_BUDGET_MB = 1024
TASK_THREADS = "Dask-Default-Threads"  # the name of a worker's task threads (where the pipeline runs)
CLIENT_LOOP = "IO loop"  # the client process's event loop thread: the LocalCluster's scheduler and nannies run there


def thread_cpu_s() -> dict[str, float]:
    """CPU seconds (user + system) of each thread of this process, by thread name (run on a worker, or here)."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    totals: dict[str, float] = {}
    for thread in psutil.Process().threads():
        name = names.get(thread.id, "other")
        totals[name] = totals.get(name, 0.0) + thread.user_time + thread.system_time
    return totals


def grouped(before: dict[str, float], after: dict[str, float], groups: dict[str, str]) -> dict[str, float]:
    """CPU seconds between two thread_cpu_s snapshots, summed into groups by a substring of the thread name (the
    first that matches; the rest: "other"). Threads that ended in between are lost (none do during a job)."""
    totals = {group: 0.0 for group in [*groups.values(), "other"]}
    for name, seconds in after.items():
        group = next((g for part, g in groups.items() if part in name), "other")
        totals[group] += max(0.0, seconds - before.get(name, 0.0))
    return {group: round(seconds, 2) for group, seconds in totals.items()}


def one_run(corpus: Path, db: Path, config: Config, workers: int) -> dict[str, object]:
    with SQLiteStore(db) as store:
        job: set[str] = set()
        ingest_paths(store, [corpus], config, "bench", seen=job)
        started = time.perf_counter()
        with DaskEngine(config, workers=workers) as engine:
            ready_s = time.perf_counter() - started  # cluster start, pipeline load and warm-up on every worker
            client = engine.client
            assert client is not None
            load_before = os.getloadavg()[0]
            workers_before, client_before = client.run(thread_cpu_s), thread_cpu_s()
            with get_task_stream(client) as stream:
                started = time.perf_counter()
                result = run_job(store, config, engine.pipeline, job, engine.extract)
                job_s = time.perf_counter() - started
            workers_after, client_after = client.run(thread_cpu_s), thread_cpu_s()
            load_after = os.getloadavg()[0]
            peaks = engine.peak_memory_mb()
            busy: dict[str, float] = {}
            for task in stream.data:
                for span in task.get("startstops", ()):
                    if span["action"] == "compute":
                        busy[task["worker"]] = busy.get(task["worker"], 0.0) + span["stop"] - span["start"]
        started = time.process_time()
        checksum = store_checksum(store, job)
        checksum_s = time.process_time() - started
    worker_cpu = {address: grouped(workers_before[address], after, {TASK_THREADS: "tasks"})
                  for address, after in workers_after.items()}
    client_cpu = grouped(client_before, client_after, {"MainThread": "main", CLIENT_LOOP: "loop"})
    return {"workers": workers, "articles": len(job), "start_s": round(ready_s, 2), "job_s": round(job_s, 2),
            "load_average": [round(load_before, 2), round(load_after, 2)],
            "partitions": result.partitions, "failed_partitions": len(result.failed), "records": result.records.stored,
            "peak_mb": sorted(round(v) for v in peaks.values()),
            "worker_cpu_s": sorted(worker_cpu.values(), key=lambda c: -c["tasks"]),
            "client_cpu_s": client_cpu,
            "busy_fraction": sorted(round(b / job_s, 3) for b in busy.values()),
            "checksum_cpu_s": round(checksum_s, 2), "checksum": checksum}


def cpu_model_s(run: dict[str, object]) -> float:
    """The job's wall time on an idle 2-core machine predicted from its CPU seconds, which load does not change:
    the client and the workers share the two cores, and no worker can finish before its own CPU is spent."""
    workers = [sum(cpu.values()) for cpu in run["worker_cpu_s"]]  # type: ignore[union-attr]
    total = sum(workers) + sum(run["client_cpu_s"].values())  # type: ignore[union-attr]
    return max(max(workers), total / min(2, os.cpu_count() or 1))


def local_run(corpus: Path, db: Path, config: Config) -> dict[str, object]:
    """The local engine on the same partitions in this process (no Dask): the reference records, and the job's
    time without a cluster."""
    from sitroom.nlp import load_pipeline
    from sitroom.run.identity import fingerprint
    from sitroom.run.partitions import in_process

    with SQLiteStore(db) as store:
        job: set[str] = set()
        ingest_paths(store, [corpus], config, "bench", seen=job)
        nlp = load_pipeline(config.nlp)
        cpu, started = time.process_time(), time.perf_counter()
        run_job(store, config, fingerprint(nlp), job, in_process(nlp, config.nlp))
        job_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
        return {"job_s": round(job_s, 2), "cpu_s": round(cpu_s, 2), "load_average_end": round(os.getloadavg()[0], 2),
                "checksum": store_checksum(store, job)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=48, help="items of corpus/demo.jsonl (default 48, at most 220)")
    parser.add_argument("--partition", type=int, default=4, help="articles a partition (default 4)")
    parser.add_argument("--profile", default="fast", choices=PROFILES)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, first is the base (default 1,2)")
    parser.add_argument("--no-local", action="store_true", help="skip the local engine's reference run")
    parser.add_argument("--repeat", type=int, default=3,
                        help="times each worker count is run, in turn (default 3): the speed-up is their median")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    config = Config()
    config.nlp.profile = args.profile
    config.dask.partition_articles = args.partition

    with tempfile.TemporaryDirectory(prefix="sitroom-bench-dask-") as tmp:
        folder = Path(tmp)
        corpus = folder / "input.jsonl"
        with DEMO.open(encoding="utf-8") as lines:
            corpus.write_text("".join(line for _, line in zip(range(args.docs), lines)), encoding="utf-8")
        local = None if args.no_local else local_run(corpus, folder / "local.db", config)
        rounds = [[one_run(corpus, folder / f"w{n}-{r}.db", config, n) for n in counts]
                  for r in range(max(1, args.repeat))]

    runs = [run for one_round in rounds for run in one_round]
    base = runs[0]
    print(f"{base['articles']} articles of corpus/demo.jsonl, {base['partitions']} partitions of {args.partition},"
          f" {args.profile} profile; {os.cpu_count()} CPUs. Timed: the job (partitions extracted and written to the"
          " store); not timed: ingest, the cluster's start with the pipeline loaded and warmed up on every worker"
          " (start s), the records checksum")
    if local:
        print(f"local engine (this process, no Dask): job {local['job_s']:.1f} s, {local['cpu_s']:.1f} CPU s,"
              f" load average {local['load_average_end']:.2f} at its end")
    print(f"{'workers':>7} {'start s':>8} {'job s':>8} {'articles/s':>11} {'speed-up':>9} {'load avg':>11}"
          f" {'peak MB a worker':>18} {'busy a worker':>14}")
    for one_round in rounds:
        for run in one_round:
            load = "-".join(f"{v:.1f}" for v in run["load_average"])
            print(f"{run['workers']:>7} {run['start_s']:>8.1f} {run['job_s']:>8.1f}"
                  f" {run['articles'] / run['job_s']:>11.2f} {one_round[0]['job_s'] / run['job_s']:>9.2f}"
                  f" {load:>11} {', '.join(str(m) for m in run['peak_mb']):>18}"
                  f" {', '.join(f'{b:.2f}' for b in run['busy_fraction']):>14}")
    print("CPU seconds during the job (load-insensitive): each worker's task thread + its other threads; the client"
          " process's main thread (store writes) + its event loop (scheduler, nannies, comms) + other threads")
    for run in runs:
        workers = "; ".join(f"{c['tasks']:.1f}+{c['other']:.1f}" for c in run["worker_cpu_s"])
        client = run["client_cpu_s"]
        print(f"{run['workers']:>7} workers: {workers}; client {client['main']:.1f}+{client['loop']:.1f}"
              f"+{client['other']:.1f}; predicted job s on an idle 2-core machine {cpu_model_s(run):.1f}")
    checksums = {run["checksum"] for run in runs} | ({local["checksum"]} if local else set())
    identical = len(checksums) == 1
    # This machine's speed drifts by a tenth from minute to minute (six idle runs of the same code gave 1.59-2.10):
    # each round's ratio is taken between runs minutes apart, and the median of the rounds is the figure.
    speed_ups = [round(r[0]["job_s"] / r[-1]["job_s"], 3) for r in rounds]
    predicted_ups = [round(cpu_model_s(r[0]) / cpu_model_s(r[-1]), 3) for r in rounds]
    speed_up, predicted = round(statistics.median(speed_ups), 3), round(statistics.median(predicted_ups), 3)
    peak = max(max(run["peak_mb"]) for run in runs)
    print(f"records identical across runs{' and the local engine' if local else ''}: {identical}; speed-up"
          f" {speed_up} measured, {predicted} predicted from CPU seconds, median of {len(rounds)} rounds"
          f" (each: {', '.join(map(str, speed_ups))}; target >= {SPEED_UP_TARGET});"
          f" peak {peak} MB a worker, {args.profile} profile"
          f"{f' (budget {MEMORY_BUDGET_MB} MB)' if args.profile == 'fast' else ''}")
    print(json.dumps({"bench": "dask", "profile": args.profile, "articles": base["articles"],
                      "partition_articles": args.partition, "cpus": os.cpu_count(),
                      "load_average_end": round(os.getloadavg()[0], 2), "speed_up": speed_up,
                      "speed_up_predicted": predicted,
                      "speed_ups": speed_ups, "speed_ups_predicted": predicted_ups, "peak_mb_per_worker": peak, "records_identical": identical,
                      "local": local, "runs": runs}))


if __name__ == "__main__":
    main()
