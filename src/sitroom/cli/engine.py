"""`sitroom run --engine local|dask --out DIR`: the partitioned job, and what it prints."""

from __future__ import annotations

import glob
from collections.abc import Callable
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from sitroom.cli.render import console, errors
from sitroom.config import Config
from sitroom.run.partitions import JobResult
from sitroom.store import Store
from sitroom.store.base import RecordsResult

ENGINES = ("local", "dask")
GLOB_CHARACTERS = frozenset("*?[")
# Failed partitions listed after a job; the rest are counted.
MAX_FAILED_SHOWN = 25


def check_engine(engine: str, scheduler: str | None, workers: int | None) -> None:
    """A usage error for an engine sitroom lacks, or cluster options given to the local engine."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"must be one of {', '.join(ENGINES)}, not {engine!r}", param_hint="--engine")
    if engine == "local" and (scheduler or workers is not None):
        raise typer.BadParameter("--scheduler and --workers go with --engine dask", param_hint="--engine")
    if workers is not None and workers < 1:
        raise typer.BadParameter(f"must be at least 1, not {workers}", param_hint="--workers")


def expand_globs(paths: list[Path]) -> list[Path]:
    """Inputs as given, but a pattern that names no file itself ('archive/2024-*.jsonl.gz', quoted so the shell
    left it alone) becomes the files it matches, sorted; one that matches nothing stays, to be reported missing."""
    expanded: list[Path] = []
    for path in paths:
        text = str(path)
        matches = sorted(glob.glob(text, recursive=True)) if GLOB_CHARACTERS & set(text) and not path.exists() else []
        if matches:
            expanded.extend(Path(m) for m in matches)
        else:
            expanded.append(path)
    return expanded


def extract_partitioned(
    store: Store, config: Config, article_ids: set[str], engine: str, scheduler: str | None, workers: int | None,
    out: Path | None, progress: Callable[[], Progress],
) -> RecordsResult:
    """Run the job's partitions on the engine and print what became of them; articles of failed partitions count
    as failed (they stay pending: a rerun tries them again)."""
    with progress() as bar:
        task = bar.add_task(f"extracting ({engine})", total=None)
        advance = lambda n: bar.advance(task, n)  # noqa: E731
        planned = lambda n: bar.update(task, total=n)  # noqa: E731
        if engine == "dask":
            from sitroom.run.dask import ClusterError, run_on_cluster

            try:
                result = run_on_cluster(store, config, article_ids, out, scheduler, workers, advance,
                                        planned=planned)
            except ClusterError as error:
                errors.print(f"error: {error}")
                raise typer.Exit(2) from None
        else:
            from sitroom.run.local import run_partitions

            result = run_partitions(store, config, article_ids, out, advance, planned=planned)
    print_job(result, out)
    records = RecordsResult(result.records.stored, result.records.failed + result.failed_articles,
                            result.records.stale)
    return records


def print_job(result: JobResult, out: Path | None) -> None:
    restored = f" ({result.restored} restored into the store from their files)" if result.restored else ""
    console.print(f"partitions: {result.partitions}; {result.extracted} extracted, {result.skipped} finished before"
                  f"{restored}, {len(result.failed)} failed")
    if result.split:
        console.print(f"{result.split} partitions killed their worker on every try: read again in halves, down to"
                      " the articles that do (logged as failed: sitroom problems --stage extract)")
    console.print(f"extracted {result.records.stored} articles")
    if result.records.failed:
        console.print(f"{result.records.failed} articles could not be read: sitroom problems --stage extract")
    if result.records.stale:
        console.print(f"{result.records.stale} articles changed while they were read; they stay pending")
    if out is not None:
        console.print(f"Parquet partitions in {out}/records (this job's: {out}/manifest.json);"
                      f" records checksum {result.checksum}")
    if result.failed:
        table = Table(title=f"{len(result.failed)} partitions failed after their retries; their"
                            f" {result.failed_articles} articles stay pending (run again to retry them)")
        for column in ("partition", "fingerprint", "articles", "error"):
            table.add_column(column, overflow="fold")
        for failure in result.failed[:MAX_FAILED_SHOWN]:
            table.add_row(str(failure.index), failure.fingerprint[:16], str(failure.articles), failure.error)
        errors.print(table)
        if len(result.failed) > MAX_FAILED_SHOWN:
            errors.print(f"... and {len(result.failed) - MAX_FAILED_SHOWN} more")
