"""The shared store: one PostgreSQL schema, for a team or for many writers at once (the workers of a Dask job).

The same contract as the SQLite store (store/sqlite.py) and the same numbered migrations in PostgreSQL's
dialect (migrations/postgres). What differs, and why:

- Concurrent writers. Each batch is one transaction, as in SQLite, but PostgreSQL runs them side by side. A
  batch first takes a transaction-scoped advisory lock on every article id (clusters: cluster id; ingest
  problems: input item) it touches, in one global order, so two batches that share ids wait for each other
  instead of interleaving (an article's version bumped twice from the same old row) or deadlocking; batches with
  no id in common do not wait at all. A batch with more ids of one kind than ID_LOCKS_AT_MOST locks that whole
  kind instead (PostgreSQL's lock table is small), and waits for every batch touching the kind.
- Round trips. A batch reads what it needs about its ids in one query and sends its writes pipelined (libpq's
  pipeline mode), so a batch over a network costs a few round trips, not a few per article.
- Text order and case. Every text column is ``COLLATE "C"`` (byte order, as SQLite's BINARY), so lists come in
  the same order on both backends whatever the database's locale; the "contains" filters fold case with ICU's
  Unicode lowercasing (``und-x-icu``) where the server has ICU, the database's ``lower()`` elsewhere. SQLite folds
  with Python's casefold: the two differ only where a character's case fold is not its lowercase (ß, ς).
- Text search. A pg_trgm GIN index on each searched column, folded as the filters fold it (migration 0007), which
  the planner reads for a rare value and passes over for a common one (the list's order index fills a page
  sooner); SQLite keeps an FTS5 trigram table per table instead, kept in step by the store as it writes.
- Where. ``postgresql://user@host:port/db``: the tables live in the connection's current schema (the first of
  its ``search_path``), so one database can hold several stores:
  ``postgresql://user@host/db?options=-csearch_path%3Dkyiv_desk``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from sitroom.model import Article, Cluster, ExtractionFailure, IngestError, Record, Skipped, from_json, to_json
from sitroom.store.base import (
    ArticleFilter,
    BatchResult,
    ClaimFilter,
    ClusterChange,
    ClusterFilter,
    EventFilter,
    IngestItem,
    Page,
    ProblemFilter,
    RecordsResult,
    Store,
    StoreError,
)
from sitroom.store.rows import (
    ClaimField,
    ClaimRow,
    ClusterLogRow,
    ClusterRow,
    EventField,
    EventRow,
    ProblemRow,
    claim_rows,
    event_rows,
    row_values,
    stored_columns,
)
from sitroom.store.sql import (
    ARTICLE_KEY, ARTICLES_SELECT, CLAIM_KEY, CLAIMS_SELECT, CLUSTER_KEY, CLUSTER_LOG_KEY, CLUSTER_LOG_SELECT,
    CLUSTERS_SELECT, COUNTED_TABLES, EVENT_KEY, EVENTS_SELECT, LIST_ORDER_UPDATES, PENDING_SELECT, PROBLEM_KEY,
    PROBLEMS_SELECT, Conditions, Dialect, article_conditions, claim_conditions, cluster_conditions,
    cluster_log_conditions, cluster_without_detail, event_conditions, ordered_ids_query, page_query, paged,
    problem_conditions, read_migrations, statements, tally_query, typed,
)

MIGRATIONS_PACKAGE = "sitroom.store.migrations.postgres"
# The table that records which migrations a schema has had (SQLite keeps the number in PRAGMA user_version).
MIGRATIONS_TABLE = "sitroom_migrations"
# Seconds to wait for the server to answer a connection before giving up (StoreOptions.connect_timeout_s).
DEFAULT_CONNECT_TIMEOUT_S = 10
ICU_COLLATION = "und-x-icu"
# The "contains" filters: the column folded, LIKE the value folded the same way, with \ escaping % and _. The
# folded column is also what migration 0007's trigram indexes hold, so the filters can use them.
ICU_FOLDED = f'lower({{column}} COLLATE "{ICU_COLLATION}")'
LOCALE_FOLDED = "lower({column})"
ICU = Dialect(mark="%s", fold=lambda value: value,
              contains=ICU_FOLDED + f" LIKE lower(%s::text COLLATE \"{ICU_COLLATION}\") ESCAPE '\\'")
LOCALE = Dialect(mark="%s", fold=lambda value: value, contains=LOCALE_FOLDED + " LIKE lower(%s::text) ESCAPE '\\'")
# The extension whose operator class indexes text by trigrams (migration 0007), and the schema it is created in
# where the database lacks it (shared by the stores of the database; else the store's own schema).
TRIGRAM_EXTENSION = "pg_trgm"
TRIGRAM_SCHEMA = "public"
# Migration placeholders: {fold:COLUMN} (the column folded in the store's dialect) and {trigram_ops}.
FOLD_PLACEHOLDER = re.compile(r"\{fold:(\w+)\}")
TRIGRAM_PLACEHOLDER = "{trigram_ops}"
# Namespaces of the advisory locks a batch takes (mixed into each lock's key with the schema's name).
ARTICLE_LOCK, PROBLEM_LOCK, CLUSTER_LOCK, MIGRATION_LOCK = "article", "problem", "cluster", "migration"
# A batch locks each id of a namespace on its own up to this many ids; above it, it takes the whole namespace
# (every batch holds the namespace's lock shared beside its id locks, so the two kinds exclude each other).
# PostgreSQL's lock table holds max_locks_per_transaction (default 64) a connection: a fusion pass over 1,000
# shared-corpus articles locked its cluster ids one by one and failed with "out of shared memory".
ID_LOCKS_AT_MOST = 32

ARTICLE_COLUMNS = ("id", "url", "outlet", "title", "published", "language", "content_hash", "version",
                   "ingested_at", "body")
CLUSTER_COLUMNS = ("id", "kind", "status", "independent_sources", "size", "event_type", "date", "place", "admin1",
                   "country", "fatalities", "label", "updated_at", "body", "confidence")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every PostgreSQL migration shipped with the package, in order."""
    return read_migrations(MIGRATIONS_PACKAGE)


def with_schema(url: str, schema: str) -> str:
    """``url`` with its connections' search_path set to ``schema`` (libpq's ``options`` parameter): a store of its
    own inside a shared database."""
    return url + ("&" if "?" in url else "?") + "options=" + quote(f"-csearch_path={schema}", safe="")


@contextmanager
def scratch_schema(url: str, prefix: str) -> Iterator[str]:
    """A URL (``with_schema``) whose tables land in a new, empty schema named ``prefix`` + a random suffix, dropped
    with everything in it afterwards: a throwaway store inside a shared database (tests, benchmarks)."""
    schema = f"{prefix}{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return url.split("@", 1)[-1] if "@" in url else url
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def _upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """INSERT of ``columns`` that replaces the row with the same ``key`` (SQLite's INSERT OR REPLACE)."""
    quoted = [f'"{c}"' for c in columns]
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key)
    return (f"INSERT INTO {table} ({', '.join(quoted)}) VALUES ({', '.join('%s' for _ in columns)})"
            f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}")


UPSERT_ARTICLE = _upsert("articles", ARTICLE_COLUMNS, ("id",))
UPSERT_VERSION = _upsert("article_versions", ("id", "version", "content_hash", "superseded_at", "body"),
                         ("id", "version"))
UPSERT_CLAIM = _upsert("claims", stored_columns(ClaimRow), ("article_id", "claim_id"))
UPSERT_EVENT = _upsert("events", stored_columns(EventRow), ("article_id", "event_id"))
UPSERT_FAILURE = _upsert("extract_log", ("article_id", "content_hash", "pipeline", "at", "reason", "component",
                                         "detail"), ("article_id",))
LOG_PROBLEM = (
    "INSERT INTO ingest_log (run, at, status, source, item, reason, detail, article_id)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
    " ON CONFLICT (source, item) DO UPDATE SET run = excluded.run, at = excluded.at,"
    " status = excluded.status, reason = excluded.reason, detail = excluded.detail,"
    " article_id = excluded.article_id"
)
# What extraction stored of an article, dropped in one statement (one round trip less per table).
EXTRACTION_TABLES = ("records", "extract_log", "claims", "events")
DROP_EXTRACTION = (
    "WITH " + ", ".join(f"drop_{t} AS (DELETE FROM {t} WHERE article_id = %s)" for t in EXTRACTION_TABLES[:-1])
    + f" DELETE FROM {EXTRACTION_TABLES[-1]} WHERE article_id = %s"
)
INSERT_CLUSTER = (f"INSERT INTO clusters ({', '.join(CLUSTER_COLUMNS)})"
                  f" VALUES ({', '.join('%s' for _ in CLUSTER_COLUMNS)})")


def _clean(values: Iterable[Any]) -> tuple[Any, ...]:
    """Parameters PostgreSQL's text can hold: no NUL character (SQLite keeps one; the JSON bodies escape it)."""
    return tuple(v.replace("\x00", "") if isinstance(v, str) and "\x00" in v else v for v in values)


class PostgresStore(Store):
    """A sitroom store in one schema of a PostgreSQL database. A schema holding tables of something else is
    refused before anything is written to it; a server that is read-only (a standby, or
    default_transaction_read_only) is opened read-only, so listing still works; every error says which database
    and what happened, never with the password."""

    def __init__(self, url: str, read_only: bool | None = None,
                 connect_timeout_s: int = DEFAULT_CONNECT_TIMEOUT_S) -> None:
        self.url = url
        self.where = shown(url)
        try:
            self.db = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=connect_timeout_s,
                                      application_name="sitroom")
        except psycopg.Error as error:
            raise StoreError(explain_postgres(error, self.where)) from None
        try:
            server_read_only = self._one("SHOW transaction_read_only")["transaction_read_only"] == "on"
            self.read_only = bool(read_only) or server_read_only
            if self.read_only:
                self.db.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            schema = self._one("SELECT current_schema() AS schema")["schema"]
            if schema is None:
                path = self._one("SHOW search_path")["search_path"]
                raise StoreError(f"{self.where}: no schema to store into (search_path {path} names none that exists)")
            self.schema: str = schema
            self.where = f"{self.where} (schema {schema})"
            icu = self._one("SELECT count(*) AS n FROM pg_collation WHERE collname = %s", (ICU_COLLATION,))["n"]
            self.dialect = ICU if icu else LOCALE
            self.folded = ICU_FOLDED if icu else LOCALE_FOLDED
            self._check_is_sitroom()
            if self.read_only:
                if self.schema_version < migrations()[-1][0]:
                    raise StoreError(f"{self.where} is read-only and needs its schema upgraded: open it once writable")
            else:
                self.migrate()
        except psycopg.Error as error:
            self.db.close()
            raise StoreError(explain_postgres(error, self.where)) from None
        except BaseException:
            self.db.close()
            raise

    # --- queries ------------------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            return self.db.execute(sql, params).fetchall()
        except psycopg.Error as error:
            raise StoreError(explain_postgres(error, self.where)) from None

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any]:
        rows = self._rows(sql, params)
        return rows[0] if rows else {}

    # --- schema -------------------------------------------------------------------------------------------

    def _tables(self) -> list[str]:
        rows = self._rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                          " ORDER BY table_name")
        return [row["table_name"] for row in rows]

    def _check_is_sitroom(self) -> None:
        """A schema with tables of its own and no sitroom migrations is someone else's: leave it alone."""
        tables = self._tables()
        if MIGRATIONS_TABLE in tables:
            if self.schema_version > 0 and "articles" not in tables:
                raise StoreError(f"{self.where} has sitroom's migration table but not its tables"
                                 " (sitroom will not change it)")
            return
        if tables:
            raise StoreError(f"{self.where} is a PostgreSQL schema but not a sitroom store (its tables:"
                             f" {', '.join(tables[:5])}); sitroom will not change it")

    @property
    def schema_version(self) -> int:
        if MIGRATIONS_TABLE not in self._tables():
            return 0
        return self._one(f"SELECT coalesce(max(number), 0) AS n FROM {MIGRATIONS_TABLE}")["n"]

    def migrate(self) -> None:
        """Every migration this schema lacks, in one transaction (PostgreSQL's DDL is transactional), under a lock
        so that processes opening a new store at once migrate it once."""
        pending = [m for m in migrations() if m[0] > self.schema_version]
        if not pending:
            return
        with self._transaction("upgrade the schema"):
            self._lock([(MIGRATION_LOCK, "")])
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (number INTEGER PRIMARY KEY,"
                            " name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            done = self.db.execute(f"SELECT coalesce(max(number), 0) AS n FROM {MIGRATIONS_TABLE}").fetchone()["n"]
            for number, name, sql in pending:
                if number <= done:  # another process migrated while we waited
                    continue
                for statement in self._filled_in(statements(sql)):
                    self.db.execute(statement)
                self.db.execute(f"INSERT INTO {MIGRATIONS_TABLE} (number, name, applied_at) VALUES (%s, %s, %s)",
                                (number, name, _now()))

    def _filled_in(self, found: list[str]) -> list[str]:
        """A migration's statements with its placeholders filled in: {fold:COLUMN} by the column folded as this
        store's "contains" filters fold it, {trigram_ops} by pg_trgm's operator class (the statements that need it
        left out on a server without the extension: search then scans, with the same results)."""
        filled = [FOLD_PLACEHOLDER.sub(lambda m: self.folded.format(column=m.group(1)), s) for s in found]
        if not any(TRIGRAM_PLACEHOLDER in statement for statement in filled):
            return filled
        operator_class = self._trigram_operator_class()
        if operator_class is None:
            return [statement for statement in filled if TRIGRAM_PLACEHOLDER not in statement]
        return [statement.replace(TRIGRAM_PLACEHOLDER, operator_class) for statement in filled]

    def _trigram_operator_class(self) -> str | None:
        """pg_trgm's GIN operator class, schema-qualified (a store's search_path names only its own schema); the
        extension is created where the database lacks it and the server has it. None where it cannot be had."""
        find = ("SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                " WHERE e.extname = %s")
        row = self.db.execute(find, (TRIGRAM_EXTENSION,)).fetchone()
        if row is None:
            available = self.db.execute("SELECT 1 FROM pg_available_extensions WHERE name = %s",
                                        (TRIGRAM_EXTENSION,)).fetchone()
            if available is None:
                return None
            shared = self.db.execute("SELECT has_schema_privilege(%s, 'CREATE') AS ok FROM pg_namespace"
                                     " WHERE nspname = %s", (TRIGRAM_SCHEMA, TRIGRAM_SCHEMA)).fetchone()
            schema = TRIGRAM_SCHEMA if shared and shared["ok"] else self.schema
            try:
                with self.db.transaction():  # a savepoint: a refusal (no privilege) leaves the migration going
                    self.db.execute(f'CREATE EXTENSION IF NOT EXISTS {TRIGRAM_EXTENSION} SCHEMA "{schema}"')
            except psycopg.Error:
                return None
            row = self.db.execute(find, (TRIGRAM_EXTENSION,)).fetchone()
        return f'"{row["schema"]}".gin_trgm_ops'

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One write transaction: committed whole or rolled back whole (a killed process's open transaction is
        rolled back by the server); a PostgreSQL failure is raised as a StoreError naming the cause."""
        if self.read_only:
            raise StoreError(f"{self.where} is read-only: cannot {what}")
        try:
            with self.db.transaction():
                yield
        except psycopg.Error as error:
            raise StoreError(f"cannot {what}: {explain_postgres(error, self.where)}") from None

    def _lock(self, keys: Iterable[tuple[str, str]]) -> None:
        """Transaction-scoped advisory locks on (namespace, id) keys, taken in one global order (by the key's
        64-bit hash) so that batches sharing ids queue instead of deadlocking."""
        by_space: dict[str, set[str]] = {}
        for space, value in keys:
            by_space.setdefault(space, set()).add(value)
        whole = sorted(_namespace_lock_key(self.schema, space) for space, ids in by_space.items()
                       if len(ids) > ID_LOCKS_AT_MOST)
        shared = sorted(_namespace_lock_key(self.schema, space) for space, ids in by_space.items()
                        if len(ids) <= ID_LOCKS_AT_MOST)
        singles = sorted({_lock_key(self.schema, space, value) for space, ids in by_space.items()
                          if len(ids) <= ID_LOCKS_AT_MOST for value in ids})
        # Namespace locks first (one order for all batches), then the ids; a function scan yields each array
        # in order, so the locks are taken in that order.
        namespaces = sorted([(key, True) for key in whole] + [(key, False) for key in shared])
        for key, exclusive in namespaces:
            self.db.execute("SELECT pg_advisory_xact_lock(%s)" if exclusive
                            else "SELECT pg_advisory_xact_lock_shared(%s)", (key,))
        if singles:
            self.db.execute("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) AS k", (singles,))

    # --- ingest -------------------------------------------------------------------------------------------

    def add_batch(self, items: Iterable[IngestItem], run: str) -> BatchResult:
        result = BatchResult()
        batch = list(items)  # the whole batch first: its ids are locked before anything is read or written
        articles = [item for item in batch if isinstance(item, Article)]
        problems = [item for item in batch if not isinstance(item, Article)]
        with self._transaction("store a batch of articles"):
            self._lock([(ARTICLE_LOCK, a.id) for a in articles]
                       + [(PROBLEM_LOCK, f"{p.source}\x1f{getattr(p, 'item', '') or ''}") for p in problems])
            ids = sorted({a.id for a in articles})
            current = {row["id"]: row for row in self.db.execute(
                "SELECT id, content_hash, version, body FROM articles WHERE id = ANY(%s)", (ids,))}
            seen: dict[str, set[str]] = {}
            for row in self.db.execute("SELECT id, content_hash FROM article_versions WHERE id = ANY(%s)", (ids,)):
                seen.setdefault(row["id"], set()).add(row["content_hash"])
            with self.db.pipeline():
                for item in batch:
                    if isinstance(item, Article):
                        self._add_article(item, current, seen, result)
                    else:
                        self._log_problem(item, run)
                        if isinstance(item, Skipped):
                            result.skipped += 1
                        else:
                            result.failed += 1
                        result.problems.append(item)
        return result

    def _add_article(self, article: Article, current: dict[str, dict[str, Any]], seen: dict[str, set[str]],
                     result: BatchResult) -> None:
        """As SQLiteStore._add_article, against the batch's view of its ids (updated as the batch goes)."""
        row = current.get(article.id)
        now = _now()
        if row is not None and (row["content_hash"] == article.content_hash
                                or article.content_hash in seen.get(article.id, ())):
            # A text this id already had (an earlier version, or two feeds disagreeing on one URL) is not news.
            result.unchanged += 1
            return
        version = 1
        if row is not None:
            version = row["version"] + 1
            self.db.execute(UPSERT_VERSION, (article.id, row["version"], row["content_hash"], now, row["body"]))
            seen.setdefault(article.id, set()).add(row["content_hash"])
            self._drop_extraction(article.id)
            result.updated += 1
        else:
            result.stored += 1
        article.version = version
        article.ingested_at = now
        body = to_json(article)
        self.db.execute(UPSERT_ARTICLE, _clean((
            article.id, article.url, article.outlet, article.title, article.published, article.language,
            article.content_hash, version, now, body,
        )))
        current[article.id] = {"content_hash": article.content_hash, "version": version, "body": body}

    def _log_problem(self, item: IngestError | Skipped, run: str) -> None:
        status = "skipped" if isinstance(item, Skipped) else "error"
        self.db.execute(LOG_PROBLEM, _clean((
            run, _now(), status, item.source, getattr(item, "item", "") or "", item.reason, item.detail,
            getattr(item, "article_id", "") or "",
        )))

    def _drop_extraction(self, article_id: str) -> None:
        self.db.execute(DROP_EXTRACTION, (article_id,) * len(EXTRACTION_TABLES))

    # --- articles -----------------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        row = self._one("SELECT body FROM articles WHERE id = %s", (article_id,))
        if not row:
            # SQLite's LIKE: ASCII case ignored, no escape character (ILIKE on a "C" column folds ASCII only).
            rows = self._rows("SELECT body FROM articles WHERE id ILIKE %s ESCAPE '' ORDER BY id LIMIT 2",
                              (article_id + "%",))
            row = rows[0] if len(rows) == 1 else {}  # a unique prefix is enough, as with git
        return from_json(Article, row["body"]) if row else None

    def articles_page(self, where: ArticleFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[Article]:
        rows = self._page(ARTICLES_SELECT, article_conditions(self.dialect, where), ARTICLE_KEY, after, limit)
        return paged(rows, limit, ARTICLE_KEY, lambda row: from_json(Article, row["body"]))

    def article_ids(self, where: ArticleFilter | None = None) -> list[str]:
        conditions = article_conditions(self.dialect, where)
        return [row["id"] for row in self._rows(ordered_ids_query(conditions), conditions.params)]

    def _page(self, select: str, conditions: Conditions, key: tuple[str, ...],
              after: str | None, limit: int | None) -> list[dict[str, Any]]:
        sql, params = page_query(select, conditions, key, after, limit)
        return self._rows(sql, params)

    # --- extraction records -------------------------------------------------------------------------------

    def ids_to_extract(self, pipeline: str, force: bool = False) -> list[str]:
        if force:
            return self.article_ids()
        return [row["id"] for row in self._rows(self.dialect.sql(PENDING_SELECT), (pipeline, pipeline))]

    def put_records(self, outcomes: Iterable[Record | ExtractionFailure], pipeline: str) -> RecordsResult:
        result = RecordsResult()
        batch = list(outcomes)
        ids = [o.article_id if isinstance(o, ExtractionFailure) else o.article.id for o in batch]
        with self._transaction("store extraction records"):
            self._lock([(ARTICLE_LOCK, article_id) for article_id in ids])
            hashes = {row["id"]: row["content_hash"] for row in self.db.execute(
                "SELECT id, content_hash FROM articles WHERE id = ANY(%s)", (sorted(set(ids)),))}
            with self.db.pipeline():
                for outcome in batch:
                    if isinstance(outcome, ExtractionFailure):
                        self.db.execute(UPSERT_FAILURE, _clean((
                            outcome.article_id, outcome.content_hash, pipeline, _now(), outcome.reason,
                            outcome.component, outcome.detail,
                        )))
                        result.failed += 1
                        continue
                    article_id = outcome.article.id
                    if hashes.get(article_id) != outcome.article.content_hash:
                        result.stale += 1  # re-ingested while it was read: the article stays pending
                        continue
                    self._drop_extraction(article_id)
                    self.db.execute(
                        "INSERT INTO records (article_id, content_hash, pipeline, extracted_at, body)"
                        " VALUES (%s, %s, %s, %s, %s)",
                        _clean((article_id, outcome.article.content_hash, pipeline, _now(), to_json(outcome))),
                    )
                    cursor = self.db.cursor()
                    claims = [_clean(row_values(row).values()) for row in claim_rows(outcome)]
                    events = [_clean(row_values(row).values()) for row in event_rows(outcome)]
                    if claims:
                        cursor.executemany(UPSERT_CLAIM, claims)
                    if events:
                        cursor.executemany(UPSERT_EVENT, events)
                    for statement in LIST_ORDER_UPDATES:
                        self.db.execute(self.dialect.sql(statement), (article_id, article_id))
                    result.stored += 1
        return result

    def record(self, article_id: str) -> Record | None:
        row = self._one("SELECT body FROM records WHERE article_id = %s", (article_id,))
        return from_json(Record, row["body"]) if row else None

    def claims_page(self, where: ClaimFilter | None = None, after: str | None = None,
                    limit: int | None = None) -> Page[ClaimRow]:
        rows = self._page(CLAIMS_SELECT, claim_conditions(self.dialect, where), CLAIM_KEY, after, limit)
        return paged(rows, limit, CLAIM_KEY, lambda row: typed(ClaimRow, row))

    def events_page(self, where: EventFilter | None = None, after: str | None = None,
                    limit: int | None = None) -> Page[EventRow]:
        rows = self._page(EVENTS_SELECT, event_conditions(self.dialect, where), EVENT_KEY, after, limit)
        return paged(rows, limit, EVENT_KEY, lambda row: typed(EventRow, row))

    # --- fusion clusters ----------------------------------------------------------------------------------

    def put_clusters(self, clusters: Iterable[Cluster], removed: Iterable[str] = (),
                     log: Iterable[ClusterChange] = ()) -> int:
        written = 0
        now = _now()
        clusters, removed, log = list(clusters), list(removed), list(log)
        with self._transaction("store clusters"):
            self._lock([(CLUSTER_LOCK, cluster_id) for cluster_id in removed]
                       + [(CLUSTER_LOCK, cluster.id) for cluster in clusters])
            cursor = self.db.cursor()
            with self.db.pipeline():
                for cluster_id in removed:
                    self.db.execute("DELETE FROM clusters WHERE id = %s", (cluster_id,))
                for cluster in clusters:
                    self.db.execute("DELETE FROM clusters WHERE id = %s", (cluster.id,))
                    self.db.execute(INSERT_CLUSTER, _clean((
                        cluster.id, cluster.kind, cluster.status, cluster.independent_sources, len(cluster.members),
                        cluster.event_type, cluster.date, cluster.place, cluster.admin1, cluster.country,
                        cluster.fatalities, cluster.label, now, to_json(cluster), cluster.confidence,
                    )))
                    if cluster.members:
                        cursor.executemany(
                            "INSERT INTO cluster_members (cluster_id, member, article_id) VALUES (%s, %s, %s)"
                            " ON CONFLICT DO NOTHING",
                            [_clean((cluster.id, member, member.split("/", 1)[0])) for member in cluster.members],
                        )
                    written += 1
                if log:
                    cursor.executemany(
                        "INSERT INTO cluster_log (at, action, cluster_id, other, member) VALUES (%s, %s, %s, %s, %s)",
                        [_clean((now, change.action, change.cluster, change.other, change.member)) for change in log],
                    )
        return written

    def cluster(self, cluster_id: str) -> Cluster | None:
        row = self._one("SELECT body FROM clusters WHERE id = %s", (cluster_id,))
        if not row:
            rows = self._rows("SELECT body FROM clusters WHERE id ILIKE %s ESCAPE '' ORDER BY id LIMIT 2",
                              (cluster_id + "%",))
            row = rows[0] if len(rows) == 1 else {}
        return from_json(Cluster, row["body"]) if row else None

    def clusters_page(self, where: ClusterFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[ClusterRow]:
        rows = self._page(CLUSTERS_SELECT, cluster_conditions(self.dialect, where), CLUSTER_KEY, after, limit)
        return paged(rows, limit, CLUSTER_KEY, lambda row: typed(ClusterRow, row))

    def cluster_bodies_page(self, where: ClusterFilter | None = None, after: str | None = None,
                            limit: int | None = None) -> Page[Cluster]:
        rows = self._page(CLUSTERS_SELECT, cluster_conditions(self.dialect, where), CLUSTER_KEY, after, limit)
        return paged(rows, limit, CLUSTER_KEY, cluster_without_detail)

    def cluster_log_page(self, cluster_id: str | None = None, after: str | None = None,
                         limit: int | None = None) -> Page[ClusterLogRow]:
        rows = self._page(CLUSTER_LOG_SELECT, cluster_log_conditions(self.dialect, cluster_id), CLUSTER_LOG_KEY,
                          after, limit)
        return paged(rows, limit, CLUSTER_LOG_KEY, lambda row: typed(ClusterLogRow, row))

    # --- bookkeeping --------------------------------------------------------------------------------------

    def problems_page(self, where: ProblemFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[ProblemRow]:
        """Ingest problems in the order they were logged, then extraction failures by time and article."""
        rows = self._page(PROBLEMS_SELECT, problem_conditions(self.dialect, where), PROBLEM_KEY, after, limit)
        return paged(rows, limit, PROBLEM_KEY, lambda row: typed(ProblemRow, row))

    def counts(self) -> dict[str, int]:
        sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t}) AS {t}" for t in COUNTED_TABLES)
        return {t: int(n) for t, n in self._one(sql).items()}

    def count_claims_by(self, column: ClaimField, limit: int = 10) -> list[tuple[str, int]]:
        return self._count_by("claims", column, limit)

    def count_events_by(self, column: EventField, limit: int = 10) -> list[tuple[str, int]]:
        return self._count_by("events", column, limit)

    def _count_by(self, table: str, column: str, limit: int) -> list[tuple[str, int]]:
        rows = self._rows(tally_query(self.dialect, table, column), (limit,))
        return [(row["value"], int(row["n"])) for row in rows]

    def close(self) -> None:
        self.db.close()


def _lock_key(schema: str, space: str, value: str) -> int:
    """A signed 64-bit advisory lock key for one id of one namespace of one schema."""
    digest = hashlib.blake2b(f"{schema}\x1f{space}\x1f{value}".encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def _namespace_lock_key(schema: str, space: str) -> int:
    """The advisory lock key of a whole namespace of one schema (hashed apart from every id's key)."""
    digest = hashlib.blake2b(f"{schema}\x1f{space}".encode("utf-8", "surrogatepass"), digest_size=8,
                             person=b"namespace")
    return int.from_bytes(digest.digest(), "big", signed=True)


def explain_postgres(error: psycopg.Error, where: str) -> str:
    """PostgreSQL's message (its first line), with the cause a reader needs in front of it."""
    message = (str(error).strip().splitlines() or [type(error).__name__])[0]
    lowered = message.lower()
    if isinstance(error, pg_errors.DiskFull) or "no space left" in lowered:
        return f"the disk of the PostgreSQL server at {where} is full (PostgreSQL: {message})"
    if isinstance(error, pg_errors.ReadOnlySqlTransaction):
        return f"{where} is read-only (PostgreSQL: {message})"
    if isinstance(error, pg_errors.InsufficientPrivilege):
        return f"{where}: the user may not do this (PostgreSQL: {message}); ask the database's owner for the rights"
    if isinstance(error, pg_errors.InvalidCatalogName) or ("database" in lowered and "does not exist" in lowered):
        return f"no such database at {where} (PostgreSQL: {message}); create it with `createdb`"
    if "role" in lowered and "does not exist" in lowered:
        return f"no such user at {where} (PostgreSQL: {message}); create it with `createuser`"
    if isinstance(error, (pg_errors.InvalidPassword, pg_errors.InvalidAuthorizationSpecification)) \
            or any(cue in lowered for cue in ("authentication failed", "no password supplied", "pg_hba.conf")):
        return f"PostgreSQL refused the login at {where} (PostgreSQL: {message})"
    if isinstance(error, pg_errors.DeadlockDetected):
        return f"{where}: another writer held what this batch needed (PostgreSQL: {message}); run again"
    if isinstance(error, (pg_errors.LockNotAvailable, pg_errors.QueryCanceled)):
        return f"{where}: waited too long for another writer (PostgreSQL: {message})"
    if (error.sqlstate or "").startswith("53"):  # insufficient resources: memory, disk, connections, locks
        return f"{where}: the server ran short of resources (PostgreSQL: {message})"
    if isinstance(error, psycopg.OperationalError):
        return f"cannot reach PostgreSQL at {where} (is the server running and the address right?): {message}"
    return f"{where}: PostgreSQL: {message}"
