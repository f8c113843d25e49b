"""The `sitroom` commands: thin typer wrappers over the stages."""

from __future__ import annotations

import importlib
import json
import sqlite3
from itertools import islice
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from sitroom.cli.render import console, errors
from sitroom.cli.serve import serve
from sitroom.cli.train import train_app
from sitroom.config import CONFIG_ENV, PROFILES, Config, ConfigError, load_config
from sitroom.eval.report import print_metrics
from sitroom.fuse.actors import sources_by_actor
from sitroom.geo.gazetteer import GazetteerMissing
from sitroom.lexicons import LexiconError
from sitroom.model import Article, ExtractionFailure, IngestError, Record, Skipped, to_dict
from sitroom.store import Store, open_store
from sitroom.store.base import (
    ArticleFilter, BatchResult, ClaimFilter, ClusterFilter, EventFilter, ProblemFilter, RecordsResult, StoreError,
)
from sitroom.store.sqlite import explain_sqlite

class _ReportingGroup(TyperGroup):
    """Every command runs inside one error boundary: what the environment refuses (a missing gazetteer, a store
    that is not sitroom's, a read-only or full disk, a damaged database, a bad config file) is one line on
    stderr naming the cause, and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ENVIRONMENT_ERRORS as error:
            errors.print(f"error: {error}")
            raise typer.Exit(EXIT_ENVIRONMENT) from None
        except sqlite3.Error as error:
            errors.print(f"error: {explain_sqlite(error, State.db or State.config.db)}")
            raise typer.Exit(EXIT_ENVIRONMENT) from None


app = typer.Typer(help="sitroom: war reporting as a source-attributed, verifiable record.", no_args_is_help=True,
                  cls=_ReportingGroup)
eval_app = typer.Typer(help="Score extraction against gold data.", no_args_is_help=True)
gazetteer_app = typer.Typer(help="The offline place gazetteer.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(train_app, name="train")  # the trainers' commands (cli/train.py)
app.command()(serve)

# Exit codes: 0 everything read; 1 some items or articles failed (the rest were stored); 2 a usage,
# configuration or environment error stopped the command before it did anything.
EXIT_SOME_FAILED = 1
EXIT_ENVIRONMENT = 2
ENVIRONMENT_ERRORS = (GazetteerMissing, StoreError, ConfigError, LexiconError)
# Problems listed after an ingest; the rest are counted (all are in `sitroom problems`).
MAX_PROBLEMS_SHOWN = 25
TEXT_PREVIEW_CHARS = 80

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help="SQLite file or postgresql:// URL (default: the config's, sitroom.db).")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", help="At most this many rows.")]
ArticleIdArgument = Annotated[str, typer.Argument(help="Article id (a unique prefix is enough)")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object of the metrics.")]
SplitOption = Annotated[Optional[str], typer.Option("--split", help="Subfolder of the data set (train, dev, ...).")]
ProfileOption = Annotated[Optional[str], typer.Option(
    "--profile", help="accurate (the shared encoder too) or fast (the rules alone); default: the config's nlp.profile.")]


class State:
    config: Config = Config()
    db: str | None = None  # the --db of the running command, for error messages


@app.callback()
def main(
    config: Annotated[
        Optional[Path], typer.Option("--config", envvar=CONFIG_ENV, help="TOML file of options ([ingest], [nlp]).")
    ] = None,
) -> None:
    """sitroom: war reporting as a source-attributed, verifiable record."""
    try:
        State.config = load_config(config)
    except ConfigError as error:
        errors.print(f"error: {error}")
        raise typer.Exit(2) from None


def _use_profile(profile: str | None) -> None:
    if profile is not None and profile not in PROFILES:
        raise typer.BadParameter(f"must be one of {', '.join(PROFILES)}, not {profile!r}", param_hint="--profile")
    if profile:
        State.config.nlp.profile = profile


def _store(db: str | None) -> Store:
    State.db = db or State.config.db
    return open_store(State.db, State.config.store)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=errors, transient=True, disable=not errors.is_terminal,
    )


# --- ingest --------------------------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html, .jsonl, RSS/Atom, .gz")],
    db: DbOption = None,
) -> None:
    """Read articles into the store; bad items are reported with their reason and the batch goes on.
    Exits 1 when any item failed (the others are stored), 0 when none did (skipped items are not failures)."""
    from sitroom.run.local import ingest_paths, new_run_id

    run = new_run_id()
    with _store(db) as store, _progress() as progress:
        task = progress.add_task("ingesting", total=None)
        result = ingest_paths(store, paths, State.config, run, lambda n: progress.advance(task, n))
    _print_ingest_summary(result, run)
    if result.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _print_ingest_summary(result: BatchResult, run: str) -> None:
    table = Table(title=f"ingest {run}")
    for column in ("stored", "updated", "unchanged", "skipped", "failed"):
        table.add_column(column, justify="right")
    table.add_row(*(str(getattr(result, c)) for c in ("stored", "updated", "unchanged", "skipped", "failed")))
    console.print(table)
    if result.problems:
        problems = Table(title="skipped and failed items")
        for column in ("status", "source", "reason", "detail"):
            problems.add_column(column, overflow="fold")
        for item in result.problems[:MAX_PROBLEMS_SHOWN]:
            status = "skipped" if isinstance(item, Skipped) else "failed"
            where = item.source + (f" #{item.item}" if getattr(item, "item", "") else "")
            problems.add_row(status, where, item.reason, item.detail)
        console.print(problems)
        if len(result.problems) > MAX_PROBLEMS_SHOWN:
            console.print(f"... and {len(result.problems) - MAX_PROBLEMS_SHOWN} more: sitroom problems --run {run}")


@app.command()
def problems(
    run: Annotated[Optional[str], typer.Option(help="Only this ingest run.")] = None,
    stage: Annotated[Optional[str], typer.Option(help="ingest or extract (default: both).")] = None,
    db: DbOption = None,
) -> None:
    """Items that failed or were skipped at ingest, and articles extraction could not read, with their reasons."""
    if stage not in (None, "ingest", "extract"):
        errors.print(f"--stage is ingest or extract, not {stage!r}")
        raise typer.Exit(2)
    table = Table()
    for column in ("stage", "run", "status", "source", "item", "reason", "detail"):
        table.add_column(column, overflow="fold")
    with _store(db) as store:
        for row in store.iter_problems(ProblemFilter(stage=stage, run=run)):  # type: ignore[arg-type]
            table.add_row(row.stage, row.run, row.status, row.source, row.item, row.reason, row.detail)
    console.print(table)


@app.command()
def articles(
    outlet: Annotated[Optional[str], typer.Option(help="Outlet contains this text.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List stored articles."""
    with _store(db) as store:
        rows = list(islice(store.iter_articles(ArticleFilter(outlet=outlet, since=since, until=until)), limit))
    table = Table(title=f"{len(rows)} articles")
    for column in ("id", "published", "outlet", "title"):
        table.add_column(column, overflow="fold")
    for article in rows:
        table.add_row(article.id[:12], (article.published or "")[:10], article.outlet, article.title)
    console.print(table)


@app.command()
def show(article_id: ArticleIdArgument, db: DbOption = None) -> None:
    """An article's clean text and metadata, with captions, claims and events marked where extracted."""
    with _store(db) as store:
        article = store.article(article_id)
        record = store.record(article.id) if article else None
    if article is None:
        errors.print(f"no article {article_id!r}")
        raise typer.Exit(1)
    _print_article(article, record)


def _print_article(article: Article, record: Record | None) -> None:
    meta = Table(show_header=False, box=None)
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    published = (article.published or "") + (" (inferred)" if article.published_inferred else "")
    for key, value in (
        ("id", article.id), ("title", article.title), ("outlet", article.outlet), ("url", article.url),
        ("published", published), ("language", article.language), ("credits", ", ".join(article.credits)),
        ("version", str(article.version)),
    ):
        if value:
            meta.add_row(key, value)
    console.print(meta)
    console.print()
    console.print(_marked_text(article, record))
    for removed in article.removed:
        console.print(Text(f"[removed {removed.kind}, line {removed.line}] {removed.text}", style="dim"))
    if record:
        _print_claims_of(record)
        _print_events_of(record)


def _marked_text(article: Article, record: Record | None) -> Text:
    text = Text(article.text)
    for caption in article.captions:
        text.stylize("italic", caption.start, caption.end)
    if record:
        for claim in record.claims:
            text.stylize("green", claim.content.start, claim.content.end)
            text.stylize("bold magenta", claim.cue.start, claim.cue.end)
            if claim.source_mention:
                text.stylize("bold cyan underline", claim.source_mention.start, claim.source_mention.end)
        for event in record.events:
            text.stylize("bold red", event.trigger.start, event.trigger.end)
    return text


def _print_claims_of(record: Record) -> None:
    from sitroom.store.rows import claim_rows

    rows = claim_rows(record)
    if not rows:
        return
    table = Table(title="claims (source cyan, cue magenta, content green)")
    for column in ("id", "source", "cue", "stance", "kind", "verification", "answers", "content"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.claim_id, row.source, row.cue, row.stance, row.kind, row.verification, row.target_claim or "",
            row.content,
        )
    console.print(table)


def _print_events_of(record: Record) -> None:
    from sitroom.store.rows import event_rows

    rows = event_rows(record)
    if not rows:
        return
    table = Table(title="events (trigger red)")
    for column in ("id", "type", "plover", "actor1", "actor2", "date", "location", "status", "fatalities", "trigger"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.event_id, " / ".join(x for x in (row.event_type, row.sub_event_type) if x), row.plover,
            row.actor1, row.actor2, row.event_date or "", row.location, row.status,
            "" if row.fatalities is None else str(row.fatalities), row.trigger,
        )
    console.print(table)


# --- extraction ----------------------------------------------------------------------------------------------


@app.command()
def annotate(
    files: Annotated[list[Path], typer.Argument(help="Documents (.txt, .html, feeds) or .jsonl of documents")],
    published: Annotated[Optional[str], typer.Option(help="Publication date when the input has none.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name when the input has none.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the data model's JSON, one record per line.")] = False,
    profile: ProfileOption = None,
) -> None:
    """Read documents without storing them and print everything sitroom found in each."""
    _use_profile(profile)
    from sitroom.ingest import read_paths
    from sitroom.nlp import annotate as run_pipeline, load_pipeline

    items = list(read_paths(files, State.config.ingest))
    nlp = load_pipeline(State.config.nlp)
    good = [_with_overrides(item, published, outlet) for item in items if isinstance(item, Article)]
    records = iter(run_pipeline(nlp, good, State.config.nlp))
    failed = 0
    single = len(items) == 1 and as_json
    for item in items:
        outcome = next(records) if isinstance(item, Article) else item
        if isinstance(outcome, Record):
            if as_json:
                print(json.dumps(to_dict(outcome), ensure_ascii=False, indent=1 if single else None))
            else:
                _print_article(outcome.article, outcome)
            continue
        failed += 1
        problem = _problem_of(outcome)
        if as_json:
            print(json.dumps({"error": problem}, ensure_ascii=False))
        errors.print(f"{problem['status']}: {problem['source']} {problem['item']}: {problem['reason']} {problem['detail']}")
    if failed:
        raise typer.Exit(1)


def _problem_of(item: IngestError | Skipped | ExtractionFailure) -> dict[str, str]:
    if isinstance(item, ExtractionFailure):
        return {"source": item.article_id, "item": item.component, "status": "ExtractionFailure",
                "reason": item.reason, "detail": item.detail}
    return {"source": item.source, "item": getattr(item, "item", ""), "status": type(item).__name__,
            "reason": item.reason, "detail": item.detail}


def _with_overrides(article: Article, published: str | None, outlet: str | None) -> Article:
    if published and not article.published:
        article.published = published
    if outlet and not article.outlet:
        article.outlet = outlet
    return article


@app.command()
def extract(
    db: DbOption = None,
    force: Annotated[bool, typer.Option(help="Re-extract every article, not only new or changed ones.")] = False,
    profile: ProfileOption = None,
) -> None:
    """Run extraction on stored articles that have no current record; exits 1 if any article failed."""
    _use_profile(profile)
    with _store(db) as store:
        result = _extract_into(store, force)
    if result.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _extract_into(store: Store, force: bool) -> RecordsResult:
    from sitroom.run.local import Extraction

    extraction = Extraction(store, State.config, force)
    with _progress() as progress:
        task = progress.add_task("extracting", total=len(extraction.todo))
        result = extraction.run(lambda n: progress.advance(task, n))
    console.print(f"extracted {result.stored} articles")
    if result.failed:
        console.print(f"{result.failed} articles could not be read: sitroom problems --stage extract")
    if result.stale:
        console.print(f"{result.stale} articles changed while they were read; they stay pending (run extract again)")
    return result


@app.command()
def claims(
    source: Annotated[Optional[str], typer.Option(help="Source name contains this text.")] = None,
    stance: Annotated[Optional[str], typer.Option(help="assert, deny, no_comment or retract.")] = None,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List extracted claims: who said what, with what stance and verification."""
    with _store(db) as store:
        rows = list(islice(store.iter_claims(ClaimFilter(source=source, stance=stance)), limit))
    table = Table(title=f"{len(rows)} claims")
    for column in ("article", "published", "source", "cue", "stance", "verification", "content"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.article_id[:12], (row.published or "")[:10], row.source, row.cue, row.stance, row.verification,
            row.content,
        )
    console.print(table)


@app.command()
def events(
    event_type: Annotated[
        Optional[str], typer.Option("--type", help="ACLED type or sub-type, or PLOVER category.")] = None,
    since: Annotated[Optional[str], typer.Option(help="On or after (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="On or before (YYYY-MM-DD).")] = None,
    region: Annotated[Optional[str], typer.Option(help="Admin region, country or location contains this text.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor 1 or 2 contains this text.")] = None,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List extracted events."""
    where = EventFilter(event_type=event_type, since=since, until=until, region=region, actor=actor)
    with _store(db) as store:
        rows = list(islice(store.iter_events(where), limit))
    table = Table(title=f"{len(rows)} events")
    for column in ("article", "date", "type", "actor1", "actor2", "admin1", "location", "status", "fatalities",
                   "trigger"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.article_id[:12], (row.event_date or "")[:10],
            " / ".join(x for x in (row.event_type or row.plover, row.sub_event_type) if x),
            row.actor1, row.actor2, row.admin1, row.location, row.status,
            "" if row.fatalities is None else str(row.fatalities), row.trigger,
        )
    console.print(table)


@app.command()
def places(article_id: ArticleIdArgument, db: DbOption = None) -> None:
    """Each place mention of an article: its resolution, precision and the cue that decided it."""
    with _store(db) as store:
        article = store.article(article_id)
        record = store.record(article.id) if article else None
    if record is None:
        errors.print(f"no extracted record for {article_id!r} (run sitroom extract)")
        raise typer.Exit(1)
    table = Table(title=f"places in {record.article.id[:12]}")
    for column in ("id", "mention", "role", "resolved to", "admin1", "country", "precision", "lat, lon", "cue"):
        table.add_column(column, overflow="fold")
    for mention in record.places:
        place = mention.place
        precision = mention.precision or ""
        if precision == "near" and mention.anchor:
            precision = f"near:{mention.anchor} ({mention.radius_km or '?'} km)"
        table.add_row(
            mention.id, mention.evidence.text, mention.role, place.name if place else "",
            place.admin1 if place else "", place.country if place else "", precision,
            f"{place.lat:.4f}, {place.lon:.4f}" if place and place.lat is not None else "", mention.cue,
        )
    console.print(table)


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[Optional[Path], typer.Option(help="Where to write it (default: the cache folder).")] = None,
) -> None:
    """Build the gazetteer from the installed packages (no download)."""
    from sitroom.geo.build import build_gazetteer
    from sitroom.geo.gazetteer import default_path

    target = path or default_path()
    stats = build_gazetteer(target)
    console.print(f"gazetteer at {target}: {stats}")


# --- fusion --------------------------------------------------------------------------------------------------

CLUSTER_STATUSES = ("single_source", "corroborated", "contested", "denied", "retracted")
CLUSTER_LABEL_CHARS = 60  # of a member's words in a list (`sitroom cluster ID` shows them all)


@app.command()
def fuse(db: DbOption = None) -> None:
    """Fuse extracted records across articles into event and claim clusters (incremental: new articles join
    the stored clusters, ids are kept, merges are logged; running it again with nothing new changes nothing)."""
    with _store(db) as store:
        _fuse_into(store)


def _fuse_into(store: Store) -> None:
    from sitroom.run.local import fuse as run_fuse

    result = run_fuse(store, State.config.fuse)
    console.print(f"fused: {result.event_clusters} event clusters, {result.claim_clusters} claim clusters;"
                  f" {result.created} new, {result.joined} joined, {result.merges} merged;"
                  f" {result.written} clusters written, {result.removed} removed")


@app.command()
def clusters(
    kind: Annotated[Optional[str], typer.Option(help="event or claim (default: both).")] = None,
    status: Annotated[Optional[str], typer.Option(help="Claims: " + ", ".join(CLUSTER_STATUSES) + ".")] = None,
    min_size: Annotated[Optional[int], typer.Option("--min-size", help="At least this many members.")] = None,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List clusters, the most independent sources first."""
    if kind not in (None, "event", "claim"):
        errors.print(f"--kind is event or claim, not {kind!r}")
        raise typer.Exit(2)
    if status not in (None, *CLUSTER_STATUSES):
        errors.print(f"--status is one of {', '.join(CLUSTER_STATUSES)}, not {status!r}")
        raise typer.Exit(2)
    where = ClusterFilter(kind=kind, status=status, min_size=min_size)  # type: ignore[arg-type]
    with _store(db) as store:
        rows = list(islice(store.iter_clusters(where), limit))
    table = Table(title=f"{len(rows)} clusters")
    for column in ("id", "kind", "status", "sources", "members", "type", "date", "place", "fatalities", "label"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.id, row.kind, row.status, str(row.independent_sources), str(row.size), row.event_type,
                      (row.date or "")[:10], row.place or row.admin1 or row.country,
                      "" if row.fatalities is None else str(row.fatalities), row.label[:CLUSTER_LABEL_CHARS])
    console.print(table)


@app.command()
def cluster(
    cluster_id: Annotated[str, typer.Argument(help="Cluster id (a unique prefix is enough)")],
    db: DbOption = None,
) -> None:
    """One cluster: every member with its evidence, the status and the claims that make it so, its history."""
    with _store(db) as store:
        found = store.cluster(cluster_id)
        history = list(store.iter_cluster_log(found.id)) if found else []
    if found is None:
        errors.print(f"no cluster {cluster_id!r}")
        raise typer.Exit(1)
    meta = Table(show_header=False, box=None)
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    for key, value in (
        ("id", found.id), ("kind", found.kind), ("status", found.status),
        ("independent sources", str(found.independent_sources)), ("type", found.event_type),
        ("date", found.date or ""), ("place", ", ".join(x for x in (found.place, found.admin1, found.country) if x)),
        ("fatalities (conservative)", "" if found.fatalities is None else str(found.fatalities)),
        ("actors", "; ".join(found.actors)), ("status because of", ", ".join(found.status_claims)),
    ):
        if value:
            meta.add_row(key, value)
    console.print(meta)
    table = Table(title=f"{len(found.detail)} members")
    for column in ("member", "source", "stance", "role", "figure", "score", "evidence"):
        table.add_column(column, overflow="fold")
    for member in found.detail:
        table.add_row(member.member, member.source, member.stance, member.role,
                      "" if member.figure is None else str(member.figure), f"{member.score:.2f}",
                      f"[{member.evidence.start}:{member.evidence.end}] {member.evidence.text}")
    console.print(table)
    if history:
        log = Table(title="history")
        for column in ("at", "action", "other", "member"):
            log.add_column(column, overflow="fold")
        for row in history:
            log.add_row(row.at, row.action, row.other if row.other != found.id else row.cluster_id, row.member)
        console.print(log)


# --- the main job --------------------------------------------------------------------------------------------


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or quoted globs to ingest")],
    db: DbOption = None,
    profile: ProfileOption = None,
    engine: Annotated[str, typer.Option(help="local (this process) or dask (a cluster's workers).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask: an existing cluster's scheduler address.")] = None,
    workers: Annotated[Optional[int], typer.Option(help="Dask: LocalCluster worker processes (default: [dask]).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Also write the records as Parquet partitions here.")] = None,
    report: Annotated[Optional[Path], typer.Option(
        help="Write the briefing of the latest days (md, html) and every export (ACLED CSV, GeoJSON, Parquet,"
             " records, clusters) into this folder.")] = None,
) -> None:
    """The main job: ingest, extract, fuse, and summarize what was found (with --report, write the briefing and
    the exports); exits 1 when any item or article failed."""
    _use_profile(profile)
    from sitroom.cli.engine import check_engine, expand_globs, extract_partitioned
    from sitroom.run.local import ingest_paths, new_run_id

    check_engine(engine, scheduler, workers)
    run_id, job = new_run_id(), set[str]()
    with _store(db) as store:
        with _progress() as progress:
            task = progress.add_task("ingesting", total=None)
            result = ingest_paths(store, expand_globs(paths), State.config, run_id,
                                  lambda n: progress.advance(task, n), seen=job)
        _print_ingest_summary(result, run_id)
        extracted = (_extract_into(store, force=False) if engine == "local" and out is None else
                     extract_partitioned(store, State.config, job, engine, scheduler, workers, out, _progress))
        _fuse_into(store)
        _print_store_summary(store)
        if report is not None:
            _write_report(store, report, db)
    if result.failed or extracted.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _write_report(store: Store, folder: Path, db: str | None) -> None:
    from sitroom.cli.report import write_report

    try:
        written = write_report(store, folder, State.config)
    except OSError as error:
        errors.print(f"error: cannot write the report into {folder}: {error.strerror or error}", soft_wrap=True)
        raise typer.Exit(EXIT_ENVIRONMENT) from None
    for item in written:
        console.print(f"{item.path}: {item.what}", soft_wrap=True)
    console.print(f"Open the page: sitroom serve --db {db or State.config.db}  (then http://127.0.0.1:"
                  f"{State.config.api.port}/)", soft_wrap=True)


def _print_store_summary(store: Store) -> None:
    counts = store.counts()
    table = Table(title=f"sitroom store: {getattr(store, 'path', '')}")
    table.add_column("what")
    table.add_column("rows", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    console.print(table)
    for title, table_name, column in SUMMARY_TALLIES:
        if table_name == "actors":
            # Sources by actor, not by string: "President of Ukraine Volodymyr Zelenskyy", "the President of
            # Ukraine" and "Volodymyr Zelenskyy" are one source.
            rows = sources_by_actor(store.iter_records(), limit=SUMMARY_ROWS)
        else:
            count_by = store.count_claims_by if table_name == "claims" else store.count_events_by
            rows = count_by(column, limit=SUMMARY_ROWS)  # type: ignore[arg-type]
        if not rows:
            continue
        tally = Table(title=title)
        tally.add_column(column)
        tally.add_column("count", justify="right")
        for value, count in rows:
            tally.add_row(str(value), str(count))
        console.print(tally)


# What `sitroom run` summarizes after extraction: (title, table, column).
SUMMARY_TALLIES = (
    ("claims by stance", "claims", "stance"),
    ("claims by verification", "claims", "verification"),
    ("most cited sources (by actor)", "actors", "source"),
    ("events by type", "events", "event_type"),
    ("events by PLOVER category", "events", "plover"),
    ("events by region", "events", "admin1"),
)
SUMMARY_ROWS = 10


# --- evaluation ----------------------------------------------------------------------------------------------


def _run_eval(task: str, title: str, as_json: bool, data: Path, **options: object) -> dict:
    """Every scorer has one signature, evaluate(data, *, config, split=None), and scores with --config's options."""
    scorer = importlib.import_module(f"sitroom.eval.{task}")
    metrics = scorer.evaluate(data, config=State.config, **options)
    print_metrics(title, metrics, as_json)
    return metrics


@eval_app.command("extraction")
def eval_extraction(
    gold: Annotated[Path, typer.Option(help="article-extraction-benchmark folder (html/ + ground-truth.json)")],
    as_json: JsonFlag = False,
) -> None:
    """HTML main-text extraction: 4-gram shingle precision/recall/F1 per page, averaged."""
    _run_eval("extraction", "HTML extraction", as_json, gold)


@eval_app.command("attribution")
def eval_attribution(
    data: Annotated[Path, typer.Option(help="PolNeAR folder (brat standoff)")],
    split: SplitOption = "dev",
    profile: ProfileOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Attribution (source, cue, content): exact and overlap precision/recall/F1."""
    _use_profile(profile)
    _run_eval("attribution", f"Attribution ({split}, {State.config.nlp.profile})", as_json, data, split=split)


@eval_app.command("timex")
def eval_timex(
    data: Annotated[Path, typer.Option(help="TimeML folder or file")],
    split: SplitOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Time expressions: TempEval-3 strict/relaxed extraction F1, type accuracy and value F1."""
    _run_eval("timex", "Time expressions", as_json, data, split=split)


@eval_app.command("geo")
def eval_geo(
    corpus: Annotated[Path, typer.Option(help="GeoWebNews or LGL folder or file")],
    split: Annotated[Optional[str], typer.Option(
        "--split", help="Subfolder, or dev-half / test-half: the articles whose id's sha256 is even / odd.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Toponyms: recognition P/R/F1 and resolution accuracy, given gold names and end to end."""
    _run_eval("geo", "Places", as_json, corpus, split=split)


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option(help="PLOVER GSR folder, or the ACLED notes folder (acled_notes.csv)")],
    split: SplitOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Event typing: PLOVER category accuracy and macro-F1; on ACLED's notes (split dev, test or source-dev) the
    25 sub-types' accuracy, weighted and macro F1, per-class F1, abstentions and the commonest confusions."""
    _run_eval("events", "Events", as_json, data, split=split)


@eval_app.command("news")
def eval_news(
    gold: Annotated[Path, typer.Option(help="Hand-coded news set (../shared/eval/news: articles.jsonl + gold/)")],
    profile: ProfileOption = None,
    as_json: JsonFlag = False,
    show_errors: Annotated[bool, typer.Option(
        "--errors", help="Also list each article's wrong and missed claims, and the error kinds (on stderr).")] = False,
) -> None:
    """Claims and events of the whole pipeline on real news coded by hand: precision/recall/F1 per article and
    overall (GUIDELINES.md's scoring)."""
    _use_profile(profile)
    from sitroom.eval import news

    scored = news.run(gold, State.config)
    metrics = news.metrics(scored)
    print_metrics(f"News ({scored.profile})", metrics, as_json)
    if not as_json:
        table = Table(title="Per article")
        table.caption = "c/p/g: correct / predicted / gold"
        for column in ("article", "claim P", "R", "c/p/g", "event P", "R", "c/p/g"):
            table.add_column(column, justify="left" if column == "article" else "right", no_wrap=True)
        for name, row in metrics["per_article"].items():
            table.add_row(name, f"{row['claim_precision']:.1f}", f"{row['claim_recall']:.1f}",
                          f"{row['claims_correct']}/{row['claims_predicted']}/{row['claims_gold']}",
                          f"{row['event_precision']:.1f}", f"{row['event_recall']:.1f}",
                          f"{row['events_correct']}/{row['events_predicted']}/{row['events_gold']}")
        console.print(table)
    for line in scored.failed:
        errors.print(f"not scored: {line}")
    if show_errors:
        for line in news.error_lines(scored):
            errors.print(line, markup=False, highlight=False, soft_wrap=True)
        for kind, count in news.error_kinds(scored).most_common():
            errors.print(f"{count:5d}  {kind}", markup=False, highlight=False)


@eval_app.command("fusion")
def eval_fusion(
    corpus: Annotated[Path, typer.Option(help="Folder of JSONL files (../shared/corpus) or one JSONL file")],
    split: SplitOption = None,
    as_json: JsonFlag = False,
    db: Annotated[Optional[str], typer.Option("--db", help="A store holding the corpus's records (sitroom run"
                  " CORPUS --db X): also list its cross-side event clusters and a sample of its clusters.")] = None,
    stress: Annotated[bool, typer.Option(help="Score the stress corpus (it reads 150 documents).")] = True,
    sample: Annotated[int, typer.Option(help="Multi-member clusters drawn for reading (with --db).")] = 30,
) -> None:
    """Fusion: near-duplicate precision/recall; event clusters' pairwise and BCubed F1 on a stress corpus; with
    --db the corpus's cross-side clusters (a call read out by both sides) and a drawn sample, member by member."""
    metrics = _run_eval("fusion", "Fusion", as_json, corpus, split=split, db=db, stress=stress, sample=sample)
    if db and not as_json:
        from sitroom.cli.fusion_report import print_cluster_members

        print_cluster_members(console, "Cross-side event clusters", metrics["cross_side"])
        print_cluster_members(console, "Drawn multi-member clusters", metrics["sample"])


from sitroom.cli.export import make_export  # noqa: E402  (the command lives in cli/export.py)

app.command("export")(make_export(_store, lambda: State.config, EXIT_ENVIRONMENT))

from sitroom.cli.brief import make_brief  # noqa: E402  (the command needs _store and State, defined above)

app.command("brief")(make_brief(_store, lambda: State.config, EXIT_ENVIRONMENT))


if __name__ == "__main__":
    app()

