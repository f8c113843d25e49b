"""A whole job cut into partitions, the same for every engine: the plan, each partition's fingerprint, its
Parquet file under ``--out``, and the driver that skips finished partitions and writes the store.

A job is the articles its inputs yielded plus any the store still has to extract (as ``sitroom run`` always
did). They are sorted by article id (a hash of the URL or text, so a stable key that spreads outlets and dates
evenly) and cut into runs of ``dask.partition_articles``. The same inputs give the same partitions, so a rerun
finds the ones already finished: with ``--out`` a partition is finished when its Parquet file exists (its name
holds its fingerprint: the pipeline and its articles' content hashes), and its records are restored into the
store if the store lacks them; without ``--out`` when the store holds a current record or a logged failure for
every article of it. Only the client writes (the store is single-writer, and Parquet files are written where
the client runs, so workers need no shared folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from spacy.language import Language

from sitroom.config import Config, NlpOptions
from sitroom.model import Article, ExtractionFailure, Record, from_json, to_dict, to_json
from sitroom.nlp import annotate
from sitroom.run.batch import ProgressCallback
from sitroom.run.identity import partition_fingerprint
from sitroom.store.base import RecordsResult, Store
from sitroom.store.digest import VOLATILE_FIELDS

Outcome = Record | ExtractionFailure
# What an engine gives back for a partition: its outcomes, or the error that ended it after its retries.
Extracted = tuple["Partition", "list[Outcome] | BaseException"]
Extractor = Callable[[Iterator["Partition"]], Iterator[Extracted]]

# Under --out: one Parquet file a partition in records/, and the job's manifest beside it.
RECORDS_FOLDER = "records"
MANIFEST = "manifest.json"
# Record lists counted in their own Parquet columns (the whole record is in `body`).
COUNTED_LISTS = ("actors", "claims", "events", "places", "times", "quantities")

# One schema for records and failures: a row an article. `body` is the record's lossless JSON (model.to_json,
# read back with model.from_json); the other columns are for filtering without parsing it.
SCHEMA = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),  # "record" or "failure"
    pa.field("content_hash", pa.string(), nullable=False),
    pa.field("pipeline", pa.string(), nullable=False),
    pa.field("partition", pa.string(), nullable=False),
    pa.field("record_id", pa.string()),
    pa.field("profile", pa.string()),
    pa.field("published", pa.string()),
    pa.field("outlet", pa.string()),
    pa.field("url", pa.string()),
    pa.field("title", pa.string()),
    *(pa.field(name, pa.int32()) for name in COUNTED_LISTS),
    pa.field("reason", pa.string()),  # failures: model.ExtractionReason
    pa.field("component", pa.string()),
    pa.field("detail", pa.string()),
    pa.field("body", pa.large_string()),
])


class WorkerLost(RuntimeError):
    """An engine's word for "the worker process died under this partition, every try" (a memory limit, a crash):
    the partition is split to find the article that kills it, rather than failing all of it."""


@dataclass
class Partition:
    index: int
    articles: list[Article]
    fingerprint: str

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    @property
    def key(self) -> str:
        return self.fingerprint[:32]


@dataclass
class PartitionFailure:
    """A partition that did not finish after its retries: reported, its articles left pending for a rerun."""

    index: int
    fingerprint: str
    articles: int
    error: str


@dataclass
class JobResult:
    records: RecordsResult = field(default_factory=RecordsResult)
    partitions: int = 0
    extracted: int = 0  # partitions read on this run
    skipped: int = 0  # partitions found finished (by fingerprint) and not read again
    restored: int = 0  # of those, partitions whose records the store lacked: written from their Parquet file
    split: int = 0  # partitions whose workers kept dying, read again in halves down to the article that kills them
    failed: list[PartitionFailure] = field(default_factory=list)
    checksum: str = ""  # over the job's records (records_checksum), when asked for

    @property
    def failed_articles(self) -> int:
        return sum(f.articles for f in self.failed)


def plan(article_ids: Iterable[str], size: int) -> list[list[str]]:
    """The job's article ids, sorted, in runs of ``size``: the same ids always give the same partitions."""
    ids = sorted(set(article_ids))
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def load_partition(store: Store, index: int, article_ids: Sequence[str], pipeline: str) -> Partition:
    """The partition's articles as the store holds them now, and its fingerprint over exactly those texts."""
    wanted = set(article_ids)  # (store.article also takes a prefix: only whole ids count here)
    articles = [a for a in (store.article(i) for i in article_ids) if a is not None and a.id in wanted]
    return Partition(index, articles, partition_fingerprint(pipeline, ((a.id, a.content_hash) for a in articles)))


def records_checksum(records: Iterable[Record]) -> str:
    """SHA-256 over the records' JSON in article id order, without store.digest's VOLATILE_FIELDS (when, not what):
    equal for equal records however and wherever they were made. (store.digest.checksum covers a whole store; this
    covers one job's records, from a store or from Parquet files.)"""
    digest = hashlib.sha256()
    for record in sorted(records, key=lambda r: r.article.id):
        body = _without(to_dict(record), VOLATILE_FIELDS)
        digest.update(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def store_checksum(store: Store, article_ids: Iterable[str]) -> str:
    """records_checksum over the store's records of these articles (those it has)."""
    return records_checksum(r for r in (store.record(i) for i in sorted(set(article_ids))) if r is not None)


def _without(value: object, names: frozenset[str]) -> object:
    if isinstance(value, dict):
        return {k: _without(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [_without(v, names) for v in value]
    return value


class PartitionFiles:
    """The Parquet files of a job's partitions under ``folder/records``, named by fingerprint."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.records = self.folder / RECORDS_FOLDER

    def path(self, fingerprint: str) -> Path:
        return self.records / f"part-{fingerprint[:32]}.parquet"

    def finished(self, fingerprint: str) -> bool:
        return self.path(fingerprint).is_file()

    def write(self, partition: Partition, outcomes: Sequence[Outcome], pipeline: str) -> Path:
        """Write the partition's file whole or not at all (a temporary file renamed into place), so a file that
        exists is a finished partition."""
        self.records.mkdir(parents=True, exist_ok=True)
        rows = [_row(o, partition, pipeline) for o in outcomes]
        table = pa.Table.from_pylist(rows, schema=SCHEMA)
        target = self.path(partition.fingerprint)
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            pq.write_table(table, temporary, compression="zstd")
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        return target

    def read(self, fingerprint: str) -> list[Outcome]:
        """A finished partition's records and failures, as they were when it was written."""
        return [_outcome(row) for row in pq.read_table(self.path(fingerprint), schema=SCHEMA).to_pylist()]

    def write_manifest(self, pipeline: str, partitions: list[dict], result: JobResult) -> Path:
        """The job's partitions (file, articles, status) and its records checksum: which files of records/ make
        up this job (an earlier job's files stay beside them)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        body = {"pipeline": pipeline, "partitions": partitions, "checksum": result.checksum,
                "extracted": result.extracted, "skipped": result.skipped,
                "failed": [f.__dict__ for f in result.failed]}
        target = self.folder / MANIFEST
        temporary = target.with_name(f".{MANIFEST}.{uuid.uuid4().hex[:8]}.tmp")
        temporary.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, target)
        return target


def _row(outcome: Outcome, partition: Partition, pipeline: str) -> dict[str, object]:
    if isinstance(outcome, ExtractionFailure):
        return {"article_id": outcome.article_id, "status": "failure", "content_hash": outcome.content_hash,
                "pipeline": pipeline, "partition": partition.fingerprint, "reason": outcome.reason,
                "component": outcome.component, "detail": outcome.detail}
    article = outcome.article
    return {"article_id": article.id, "status": "record", "content_hash": article.content_hash,
            "pipeline": pipeline, "partition": partition.fingerprint, "record_id": outcome.id,
            "profile": outcome.profile, "published": article.published, "outlet": article.outlet,
            "url": article.url, "title": article.title,
            **{name: len(getattr(outcome, name)) for name in COUNTED_LISTS}, "body": to_json(outcome)}


def _outcome(row: dict) -> Outcome:
    if row["status"] == "failure":
        return ExtractionFailure(row["article_id"], row["reason"], row["component"] or "", row["detail"] or "",
                                 row["content_hash"])
    return from_json(Record, row["body"])


def outcome_id(outcome: Outcome) -> str:
    return outcome.article_id if isinstance(outcome, ExtractionFailure) else outcome.article.id


def in_process(nlp: Language, options: NlpOptions) -> Extractor:
    """The local engine's extractor: each partition through this process's pipeline, in order."""

    def extract(partitions: Iterator[Partition]) -> Iterator[Extracted]:
        for partition in partitions:
            yield partition, list(annotate(nlp, partition.articles, options))

    return extract


def run_job(
    store: Store, config: Config, pipeline: str, article_ids: Iterable[str], extractor: Extractor,
    out: Path | None = None, progress: ProgressCallback | None = None, checksum: bool = False,
    planned: ProgressCallback | None = None,
) -> JobResult:
    """Extract the job's unfinished partitions with ``extractor`` and write each one's outcomes as it arrives:
    its Parquet file (with ``out``) and the store, one transaction a partition. A partition the extractor gives
    up on is reported in the result and its articles stay pending. ``planned`` is told the job's size first (a
    progress bar's total), ``progress`` each partition's articles as it is done or skipped."""
    todo = set(store.ids_to_extract(pipeline))
    job = set(article_ids) | todo
    if planned:
        planned(len(job))
    files = PartitionFiles(out) if out is not None else None
    result = JobResult()
    manifest: list[dict] = []

    def unfinished() -> Iterator[Partition]:
        for index, member_ids in enumerate(plan(job, config.dask.partition_articles)):
            result.partitions += 1
            if files is None and todo.isdisjoint(member_ids):
                result.skipped += 1
                _advance(progress, len(member_ids))
                continue
            partition = load_partition(store, index, member_ids, pipeline)
            if files is not None and files.finished(partition.fingerprint):
                missing = [o for o in files.read(partition.fingerprint) if outcome_id(o) in todo]
                if missing:
                    result.records.add(store.put_records(missing, pipeline))
                    result.restored += 1
                result.skipped += 1
                manifest.append(_entry(files, partition, "skipped"))
                _advance(progress, len(member_ids))
                continue
            yield partition

    def finish(partition: Partition, outcome: list[Outcome] | BaseException) -> None:
        if isinstance(outcome, BaseException):
            result.failed.append(PartitionFailure(partition.index, partition.fingerprint, len(partition.articles),
                                                  _one_line(outcome)))
            if files is not None:
                manifest.append(_entry(files, partition, "failed"))
        else:
            if files is not None:
                files.write(partition, outcome, pipeline)
                manifest.append(_entry(files, partition, "extracted"))
            result.records.add(store.put_records(outcome, pipeline))
            result.extracted += 1
        _advance(progress, len(partition.articles))

    lost: list[tuple[Partition, WorkerLost]] = []
    for partition, outcome in extractor(unfinished()):
        if isinstance(outcome, WorkerLost):
            lost.append((partition, outcome))
        else:
            finish(partition, outcome)
    result.split = len(lost)
    for partition, outcome in bisect(lost, extractor, pipeline):
        finish(partition, outcome)
    if checksum or files is not None:
        result.checksum = store_checksum(store, job)
    if files is not None:
        files.write_manifest(pipeline, sorted(manifest, key=lambda e: e["index"]), result)
    return result


def bisect(lost: list[tuple[Partition, WorkerLost]], extractor: Extractor, pipeline: str) -> Iterator[Extracted]:
    """Partitions whose worker died under them on every try, read again in halves (all the halves of a round at
    once), halving again what dies, until an article that kills its worker is alone: it becomes an
    ExtractionFailure ("memory": a worker over its memory limit is the usual cause) and its partition is whole
    again with its other articles read. Any other error of a piece fails its whole partition."""
    partitions = [partition for partition, _ in lost]
    gathered: dict[int, list[Outcome]] = {p.index: [] for p in partitions}
    broken: dict[int, BaseException] = {}
    pieces: list[tuple[int, Partition]] = []
    for partition, error in lost:
        if len(partition.articles) > 1:
            pieces.extend((partition.index, half) for half in _halves(partition, pipeline))
        else:
            gathered[partition.index].append(_killed(partition.articles[0], error))
    while pieces:
        owner = {piece.fingerprint: index for index, piece in pieces}
        again: list[tuple[int, Partition]] = []
        for piece, outcome in extractor(piece for _, piece in pieces):
            index = owner[piece.fingerprint]
            if isinstance(outcome, WorkerLost) and len(piece.articles) > 1:
                again.extend((index, half) for half in _halves(piece, pipeline))
            elif isinstance(outcome, WorkerLost):
                gathered[index].append(_killed(piece.articles[0], outcome))
            elif isinstance(outcome, BaseException):
                broken.setdefault(index, outcome)
            else:
                gathered[index].extend(outcome)
        pieces = [(index, piece) for index, piece in again if index not in broken]
    for partition in partitions:
        if partition.index in broken:
            yield partition, broken[partition.index]
        else:
            order = {article.id: n for n, article in enumerate(partition.articles)}
            yield partition, sorted(gathered[partition.index], key=lambda o: order[outcome_id(o)])


def _killed(article: Article, error: WorkerLost) -> ExtractionFailure:
    return ExtractionFailure(article.id, "memory", "", f"its worker process died on every try ({_one_line(error)})",
                             article.content_hash)


def _halves(partition: Partition, pipeline: str) -> list[Partition]:
    middle = len(partition.articles) // 2
    return [Partition(partition.index, part, partition_fingerprint(pipeline, ((a.id, a.content_hash) for a in part)))
            for part in (partition.articles[:middle], partition.articles[middle:])]


def _entry(files: PartitionFiles, partition: Partition, status: str) -> dict:
    return {"index": partition.index, "file": str(files.path(partition.fingerprint).relative_to(files.folder)),
            "fingerprint": partition.fingerprint, "articles": len(partition.articles), "status": status}


def _advance(progress: ProgressCallback | None, articles: int) -> None:
    if progress:
        progress(articles)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or "no message"
    return f"{type(error).__name__}: {text}"
