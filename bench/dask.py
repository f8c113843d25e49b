"""The Dask engine on 2 workers against 1 on the same input: the speed-up and each worker's peak memory.

For each worker count a LocalCluster of worker processes (one thread each) is started, the pipeline loaded on
every worker (the plugin), and then the job timed: the same ``--docs`` items of corpus/demo.jsonl, ingested
into a new store beforehand, cut into partitions of ``--partition`` articles (enough of them that two workers
stay busy to the end). Cluster start and pipeline loading are reported apart: a fixed cost per job, not per
article. Peak memory is each worker process's peak resident set (ru_maxrss) after the job. The two runs'
records checksums must be equal. Targets (issue 19): 2 workers >= 1.7x one on a 2-core machine; <= 1 GB a worker
in the fast profile (the accurate profile's is stated). Prints a table and, last, one JSON line.

    .venv/bin/python bench/dask.py [--docs 120] [--partition 10] [--profile fast] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

# This file is named dask.py: with its folder first on sys.path, `import dask` would find it instead of Dask.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from sitroom.config import PROFILES, Config  # noqa: E402
from sitroom.run.dask import DaskEngine  # noqa: E402
from sitroom.run.local import ingest_paths  # noqa: E402
from sitroom.run.partitions import run_job  # noqa: E402
from sitroom.store import SQLiteStore  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo.jsonl"
SPEED_UP_TARGET = 1.7
MEMORY_BUDGET_MB = 1024


def one_run(corpus: Path, db: Path, config: Config, workers: int) -> dict[str, object]:
    with SQLiteStore(db) as store:
        job: set[str] = set()
        ingest_paths(store, [corpus], config, "bench", seen=job)
        started = time.perf_counter()
        with DaskEngine(config, workers=workers) as engine:
            ready_s = time.perf_counter() - started
            started = time.perf_counter()
            result = run_job(store, config, engine.pipeline, job, engine.extract, checksum=True)
            job_s = time.perf_counter() - started
            peaks = engine.peak_memory_mb()
    return {"workers": workers, "articles": len(job), "start_s": round(ready_s, 2), "job_s": round(job_s, 2),
            "partitions": result.partitions, "failed_partitions": len(result.failed), "records": result.records.stored,
            "peak_mb": sorted(round(v) for v in peaks.values()), "checksum": result.checksum}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120, help="items of corpus/demo.jsonl (default 120, at most 220)")
    parser.add_argument("--partition", type=int, default=10, help="articles a partition (default 10)")
    parser.add_argument("--profile", default="fast", choices=PROFILES)
    parser.add_argument("--workers", default="1,2", help="worker counts to compare, first is the base (default 1,2)")
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
        runs = [one_run(corpus, folder / f"w{n}.db", config, n) for n in counts]

    base = runs[0]
    print(f"{base['articles']} articles of corpus/demo.jsonl, {base['partitions']} partitions of {args.partition},"
          f" {args.profile} profile; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end")
    print(f"{'workers':>7} {'start s':>8} {'job s':>8} {'articles/s':>11} {'speed-up':>9} {'peak MB a worker':>18}")
    for run in runs:
        print(f"{run['workers']:>7} {run['start_s']:>8.1f} {run['job_s']:>8.1f}"
              f" {run['articles'] / run['job_s']:>11.2f} {base['job_s'] / run['job_s']:>9.2f}"
              f" {', '.join(str(m) for m in run['peak_mb']):>18}")
    identical = len({run["checksum"] for run in runs}) == 1
    speed_up = round(base["job_s"] / runs[-1]["job_s"], 3)
    peak = max(max(run["peak_mb"]) for run in runs)
    print(f"records identical across runs: {identical}; speed-up {speed_up} (target >= {SPEED_UP_TARGET});"
          f" peak {peak} MB a worker (budget {MEMORY_BUDGET_MB} MB, fast profile)")
    print(json.dumps({"bench": "dask", "profile": args.profile, "articles": base["articles"],
                      "partition_articles": args.partition, "cpus": os.cpu_count(),
                      "load_average_end": round(os.getloadavg()[0], 2), "speed_up": speed_up,
                      "peak_mb_per_worker": peak, "records_identical": identical, "runs": runs}))


if __name__ == "__main__":
    main()
