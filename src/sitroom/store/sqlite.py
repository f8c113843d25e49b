"""The embedded default store: one SQLite file in WAL mode, schema by numbered migrations."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitroom.model import (
    Article, Cluster, ExtractionFailure, IngestError, Record, Skipped, from_json, to_json,
)
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
)
from sitroom.store.sql import (
    ARTICLE_KEY, ARTICLES_SELECT, CLAIM_KEY, CLAIMS_SELECT, CLUSTER_KEY, CLUSTER_LOG_KEY, CLUSTER_LOG_SELECT,
    CLUSTERS_SELECT, COUNTED_TABLES, EVENT_KEY, EVENTS_SELECT, LIST_ORDER_UPDATES, PENDING_SELECT, PROBLEM_KEY,
    PROBLEMS_SELECT, SEARCH_COLUMNS, Conditions, Dialect, article_conditions, claim_conditions, cluster_conditions,
    cluster_log_conditions, cluster_without_detail, event_conditions, ordered_ids_query, page_query, paged,
    problem_conditions, read_migrations, statements, tally_query, typed,
)

# Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000
MIGRATIONS_PACKAGE = "sitroom.store.migrations.sqlite"
# Filters fold case with Python's casefold (registered on each connection: SQLite's lower() folds ASCII only).
SQLITE = Dialect(mark="?", contains="casefold({column}) LIKE ? ESCAPE '\\'", fold=str.casefold)
# The trigram tokenizer indexes every run of 3 characters: a shorter value cannot be looked up (FTS5 finds nothing).
TRIGRAM = 3
# A text search whose trigram index finds at most this many rows of a table reads just those rows and sorts them
# into the list's order; one that finds more is common enough that walking the list in order and testing each row
# fills a page sooner (at 100,000 claims: "troops", in half the claims, took 0.2 s by the index, 1 ms by the walk).
SEARCH_SORT_LIMIT = 1_000


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every SQLite migration shipped with the package, in order."""
    return read_migrations(MIGRATIONS_PACKAGE)


SQLITE_HEADER = b"SQLite format 3\x00"


class SQLiteStore(Store):
    """A sitroom store in one SQLite file. A file that is not SQLite, or a SQLite database of something else, is
    refused before anything is written to it (it is not switched to WAL); a file or folder this process cannot
    write is opened read-only, so listing still works; every SQLite error says which file and what happened."""

    def __init__(self, path: str | Path, read_only: bool | None = None, quick_check: bool = True) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        file = Path(self.path)
        if not memory:
            _check_is_sqlite(file)
            if read_only is None:
                read_only = not _writable(file)
            if not read_only:
                try:
                    file.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise StoreError(f"cannot create the folder of {self.path}: {error.strerror or error}") from None
            elif not file.exists():
                raise StoreError(f"no sitroom store at {self.path}, and its folder cannot be written to create one")
        self.read_only = bool(read_only)
        try:
            # Autocommit mode: transactions are opened explicitly, one per batch.
            target = f"file:{file.resolve().as_posix()}?mode=ro" if self.read_only else self.path
            # Not tied to the opening thread: a server's worker threads take turns with it, one call at a time
            # (api/ holds a lock around every call; Python's sqlite3 is built serialized).
            self.db = sqlite3.connect(target, uri=self.read_only, isolation_level=None,
                                      timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            # The filters with the search index of migration 0007 (SQLITE alone: the same results by a full scan).
            self.dialect = replace(SQLITE, narrow=self._narrow_by_trigrams)
            # Unicode case folding for the listings' filters (SQLite's lower() folds ASCII only).
            self.db.create_function("casefold", 1, _casefold, deterministic=True)
            _check_is_sitroom(self.db, self.path)
            if not self.read_only:
                self.db.execute("PRAGMA journal_mode=WAL")
                # NORMAL is safe with WAL against a killed process (only a power cut can lose the last commits).
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except sqlite3.Error as error:
            self._close_quietly()
            raise StoreError(explain_sqlite(error, self.path)) from None
        except StoreError:
            self._close_quietly()
            raise
        try:
            if quick_check:
                self._quick_check()
            if self.read_only:
                if self.schema_version < migrations()[-1][0]:
                    raise StoreError(f"{self.path} is read-only and needs its schema upgraded: open it once writable")
            else:
                self.migrate()
        except BaseException:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        """Close the connection of an open that failed: the error's traceback holds this object, so the connection
        (and its locks and mapping of the -shm file) stayed open until the garbage collector ran."""
        db = getattr(self, "db", None)
        if db is not None:
            db.close()

    def _quick_check(self) -> None:
        """SQLite's quick_check on open, so a damaged page is reported before a listing or a write relies on
        the file (it costs about 1 ms a MB: 3 ms on the 2.5 MB demo store)."""
        try:
            verdict = self.db.execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.Error as error:
            raise StoreError(explain_sqlite(error, self.path)) from None
        if verdict != "ok":
            raise StoreError(f"{self.path} is damaged (SQLite quick_check: {verdict});"
                             f" `sqlite3 {self.path} .recover` may save what is left")

    # --- schema -------------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        for number, name, sql in migrations():
            if number <= self.schema_version:
                continue
            with self._transaction(f"apply migration {name}"):
                if number <= self.schema_version:  # another process migrated while we waited
                    continue
                for statement in statements(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def _transaction(self, what: str) -> Iterator[None]:
        """One write transaction: committed whole or rolled back whole; a SQLite failure (a full disk, a
        read-only file, a damaged page) is raised as a StoreError naming the cause, not the failed rollback."""
        if self.read_only:
            raise StoreError(f"{self.path} is read-only (file or folder not writable): cannot {what}")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(f"cannot {what}: {explain_sqlite(error, self.path)}") from None
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException as error:
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite already rolled back (it does on a full disk); the cause is what matters
            if isinstance(error, sqlite3.Error):
                raise StoreError(f"cannot {what}: {explain_sqlite(error, self.path)}") from None
            raise

    # --- ingest -------------------------------------------------------------------------------------------

    def add_batch(self, items: Iterable[IngestItem], run: str) -> BatchResult:
        result = BatchResult()
        with self._transaction("store a batch of articles"):
            for item in items:
                if isinstance(item, Article):
                    self._add_article(item, result)
                else:
                    self._log_problem(item, run)
                    if isinstance(item, Skipped):
                        result.skipped += 1
                    else:
                        result.failed += 1
                    result.problems.append(item)
        return result

    def _add_article(self, article: Article, result: BatchResult) -> None:
        row = self.db.execute(
            "SELECT content_hash, version, body, ingested_at FROM articles WHERE id = ?", (article.id,)
        ).fetchone()
        now = _now()
        if row is not None and (row["content_hash"] == article.content_hash or self._seen_before(article)):
            # A text this id already had (an earlier version, or two feeds disagreeing on one URL) is not news:
            # storing it again would flip versions back and forth on every re-ingest.
            result.unchanged += 1
            return
        version = 1
        if row is not None:
            version = row["version"] + 1
            self.db.execute(
                "INSERT OR REPLACE INTO article_versions (id, version, content_hash, superseded_at, body)"
                " VALUES (?, ?, ?, ?, ?)",
                (article.id, row["version"], row["content_hash"], now, row["body"]),
            )
            self._drop_extraction(article.id)
            result.updated += 1
        else:
            result.stored += 1
        article.version = version
        article.ingested_at = now
        self._unindex("articles", "id = ?", article.id)
        self.db.execute(
            "INSERT OR REPLACE INTO articles (id, url, outlet, title, published, language, content_hash, version,"
            " ingested_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id, article.url, article.outlet, article.title, article.published, article.language,
                article.content_hash, version, now, to_json(article),
            ),
        )
        self._index("articles", "id = ?", article.id)

    def _seen_before(self, article: Article) -> bool:
        query = "SELECT 1 FROM article_versions WHERE id = ? AND content_hash = ?"
        return self.db.execute(query, (article.id, article.content_hash)).fetchone() is not None

    def _log_problem(self, item: IngestError | Skipped, run: str) -> None:
        status = "skipped" if isinstance(item, Skipped) else "error"
        self.db.execute(
            "INSERT INTO ingest_log (run, at, status, source, item, reason, detail, article_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (source, item) DO UPDATE SET run = excluded.run, at = excluded.at,"
            " status = excluded.status, reason = excluded.reason, detail = excluded.detail,"
            " article_id = excluded.article_id",
            (
                run, _now(), status, item.source, getattr(item, "item", "") or "", item.reason, item.detail,
                getattr(item, "article_id", "") or "",
            ),
        )

    def _drop_extraction(self, article_id: str) -> None:
        for table in ("claims", "events"):
            self._unindex(table, "article_id = ?", article_id)
        for table in ("records", "extract_log", "claims", "events"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    # --- articles -----------------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT body FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", (article_id + "%",)
            ).fetchall()
            row = row[0] if len(row) == 1 else None  # a unique prefix is enough, as with git
        return from_json(Article, row["body"]) if row else None

    def articles_page(self, where: ArticleFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[Article]:
        rows = self._page(ARTICLES_SELECT, article_conditions(self.dialect, where), ARTICLE_KEY, after, limit)
        return paged(rows, limit, ARTICLE_KEY, lambda row: from_json(Article, row["body"]))

    def article_ids(self, where: ArticleFilter | None = None) -> list[str]:
        conditions = article_conditions(self.dialect, where)
        return [row["id"] for row in self.db.execute(ordered_ids_query(conditions), conditions.params)]

    def _page(self, select: str, conditions: Conditions, key: tuple[str, ...],
              after: str | None, limit: int | None) -> list[sqlite3.Row]:
        sql, params = page_query(select, conditions, key, after, limit)
        return self.db.execute(sql, params).fetchall()

    # --- extraction records -------------------------------------------------------------------------------

    def ids_to_extract(self, pipeline: str, force: bool = False) -> list[str]:
        if force:
            return self.article_ids()
        return [r["id"] for r in self.db.execute(PENDING_SELECT, (pipeline, pipeline))]

    def put_records(self, outcomes: Iterable[Record | ExtractionFailure], pipeline: str) -> RecordsResult:
        result = RecordsResult()
        with self._transaction("store extraction records"):
            for outcome in outcomes:
                if isinstance(outcome, ExtractionFailure):
                    self._log_failure(outcome, pipeline)
                    result.failed += 1
                    continue
                article_id = outcome.article.id
                current = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
                if current is None or current["content_hash"] != outcome.article.content_hash:
                    result.stale += 1  # re-ingested while it was read: the article stays pending
                    continue
                self._drop_extraction(article_id)
                self.db.execute(
                    "INSERT INTO records (article_id, content_hash, pipeline, extracted_at, body)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (article_id, outcome.article.content_hash, pipeline, _now(), to_json(outcome)),
                )
                _insert_rows(self.db, "claims", claim_rows(outcome))
                _insert_rows(self.db, "events", event_rows(outcome))
                self._index("claims", "article_id = ?", article_id)
                self._index("events", "article_id = ?", article_id)
                self._set_list_order(article_id)
                result.stored += 1
        return result

    def _narrow_by_trigrams(self, table: str, alias: str, folded: str) -> tuple[str, list[Any]] | None:
        """The rows of ``table`` whose folded search columns may hold ``folded``, by its FTS5 trigram index: those
        holding every one of the value's trigrams that tile it (a superset of the rows that hold the value, which
        the "contains" test then narrows to exactly them; a query of all its trigrams as one phrase would be exact
        but reads every trigram's positions: 9 ms for "captured village" at 100,000 claims, against 1 ms). The
        entries found are passed on as a JSON list, so the index is read once. None where the index does not
        help: under 3 characters (it cannot look those up), or more than SEARCH_SORT_LIMIT rows found (the
        "contains" test then walks the list in order and stops at a full page)."""
        if len(folded) < TRIGRAM:
            return None
        tiles = {folded[i:i + TRIGRAM] for i in range(0, len(folded) - TRIGRAM + 1, TRIGRAM)} | {folded[-TRIGRAM:]}
        query = " AND ".join('"' + tile.replace('"', '""') + '"' for tile in sorted(tiles))
        try:
            entries = [row[0] for row in self.db.execute(
                f"SELECT rowid FROM {table}_search WHERE {table}_search MATCH ? LIMIT ?",
                (query, SEARCH_SORT_LIMIT + 1))]
        except sqlite3.Error as error:
            raise StoreError(explain_sqlite(error, self.path)) from None
        if len(entries) > SEARCH_SORT_LIMIT:
            return None
        return f"{alias}search_id IN (SELECT value FROM json_each(?))", [json.dumps(entries)]

    def _index(self, table: str, where: str, key: str) -> None:
        """Put the rows of ``table`` that ``where`` (one parameter) takes into its search index (migration 0007),
        their search columns folded, and note each row's entry in its search_id."""
        columns = SEARCH_COLUMNS[table]
        listed = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        for row in self.db.execute(f"SELECT rowid AS row, {listed} FROM {table} WHERE {where}", (key,)).fetchall():
            entry = self.db.execute(f"INSERT INTO {table}_search ({listed}) VALUES ({marks})",
                                    [_casefold(row[c]) for c in columns]).lastrowid
            self.db.execute(f"UPDATE {table} SET search_id = ? WHERE rowid = ?", (entry, row["row"]))

    def _unindex(self, table: str, where: str, key: str) -> None:
        """Take the rows of ``table`` that ``where`` takes out of its search index, before they are deleted."""
        self.db.execute(f"DELETE FROM {table}_search WHERE rowid IN (SELECT search_id FROM {table} WHERE {where})",
                        (key,))

    def _set_list_order(self, article_id: str) -> None:
        """The order keys of an article's claims and events, from its stored publication day (migration 0006)."""
        for statement in LIST_ORDER_UPDATES:
            self.db.execute(statement, (article_id, article_id))

    def _log_failure(self, failure: ExtractionFailure, pipeline: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO extract_log (article_id, content_hash, pipeline, at, reason, component, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (failure.article_id, failure.content_hash, pipeline, _now(), failure.reason, failure.component,
             failure.detail),
        )

    def record(self, article_id: str) -> Record | None:
        row = self.db.execute("SELECT body FROM records WHERE article_id = ?", (article_id,)).fetchone()
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
        with self._transaction("store clusters"):
            for cluster_id in removed:
                self._unindex("clusters", "id = ?", cluster_id)
                self.db.execute("DELETE FROM clusters WHERE id = ?", (cluster_id,))
            for cluster in clusters:
                self._unindex("clusters", "id = ?", cluster.id)
                self.db.execute("DELETE FROM clusters WHERE id = ?", (cluster.id,))
                self.db.execute(
                    "INSERT INTO clusters (id, kind, status, independent_sources, size, event_type, date, place,"
                    " admin1, country, fatalities, label, updated_at, body, confidence)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (cluster.id, cluster.kind, cluster.status, cluster.independent_sources, len(cluster.members),
                     cluster.event_type, cluster.date, cluster.place, cluster.admin1, cluster.country,
                     cluster.fatalities, cluster.label, now, to_json(cluster), cluster.confidence),
                )
                self.db.executemany(
                    "INSERT OR IGNORE INTO cluster_members (cluster_id, member, article_id) VALUES (?, ?, ?)",
                    [(cluster.id, member, member.split("/", 1)[0]) for member in cluster.members],
                )
                self._index("clusters", "id = ?", cluster.id)
                written += 1
            self.db.executemany(
                "INSERT INTO cluster_log (at, action, cluster_id, other, member) VALUES (?, ?, ?, ?, ?)",
                [(now, change.action, change.cluster, change.other, change.member) for change in log],
            )
        return written

    def cluster(self, cluster_id: str) -> Cluster | None:
        row = self.db.execute("SELECT body FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
        if row is None:
            rows = self.db.execute(
                "SELECT body FROM clusters WHERE id LIKE ? ORDER BY id LIMIT 2", (cluster_id + "%",)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
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
        rows = self._page(CLUSTER_LOG_SELECT, cluster_log_conditions(self.dialect, cluster_id), CLUSTER_LOG_KEY, after,
                          limit)
        return paged(rows, limit, CLUSTER_LOG_KEY, lambda row: typed(ClusterLogRow, row))

    # --- bookkeeping --------------------------------------------------------------------------------------

    def problems_page(self, where: ProblemFilter | None = None, after: str | None = None,
                      limit: int | None = None) -> Page[ProblemRow]:
        """Ingest problems in the order they were logged, then extraction failures by time and article."""
        rows = self._page(PROBLEMS_SELECT, problem_conditions(self.dialect, where), PROBLEM_KEY, after, limit)
        return paged(rows, limit, PROBLEM_KEY, lambda row: typed(ProblemRow, row))

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}

    def count_claims_by(self, column: ClaimField, limit: int = 10) -> list[tuple[str, int]]:
        return self._count_by("claims", column, limit)

    def count_events_by(self, column: EventField, limit: int = 10) -> list[tuple[str, int]]:
        return self._count_by("events", column, limit)

    def _count_by(self, table: str, column: str, limit: int) -> list[tuple[str, int]]:
        rows = self.db.execute(tally_query(self.dialect, table, column), (limit,))
        return [(row["value"], row["n"]) for row in rows]

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def _insert_rows(db: sqlite3.Connection, table: str, rows: list[ClaimRow] | list[EventRow]) -> None:
    for row in rows:
        values = row_values(row)
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        db.execute(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})", list(values.values()))


def _casefold(value: object) -> object:
    return value.casefold() if isinstance(value, str) else value


def _check_is_sqlite(file: Path) -> None:
    try:
        with file.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{file} is a folder, not a database file") from None
    except OSError as error:
        raise StoreError(f"cannot read {file}: {error.strerror or error}") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{file} is not a SQLite database (sitroom will not touch it)")


def _check_is_sitroom(db: sqlite3.Connection, path: str) -> None:
    """A SQLite database with tables of its own and no sitroom schema is someone else's: leave it alone."""
    if db.execute("PRAGMA user_version").fetchone()[0] > 0:
        if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone() is None:
            raise StoreError(f"{path} is a SQLite database but not a sitroom store (sitroom will not change it)")
        return
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if tables:
        shown = ", ".join(sorted(tables)[:5])
        raise StoreError(f"{path} is a SQLite database but not a sitroom store (its tables: {shown});"
                         " sitroom will not change it")


def _writable(file: Path) -> bool:
    folder = file.parent if str(file.parent) else Path(".")
    if file.exists():
        return os.access(file, os.W_OK) and os.access(folder, os.W_OK)  # WAL writes -wal/-shm beside the file
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    return os.access(existing, os.W_OK)


def explain_sqlite(error: sqlite3.Error, path: str) -> str:
    """SQLite's message, with the cause a reader needs in front of it."""
    message = str(error)
    lowered = message.lower()
    if "disk is full" in lowered or "disk i/o" in lowered:
        return f"the disk holding {path} is full or failing (SQLite: {message})"
    if "malformed" in lowered or "not a database" in lowered:
        return f"{path} is damaged (SQLite: {message}); `sqlite3 {path} .recover` may save what is left"
    if "readonly" in lowered or "read-only" in lowered:
        return f"{path} is read-only (SQLite: {message})"
    if "locked" in lowered or "busy" in lowered:
        return f"{path} is locked by another process for over {BUSY_TIMEOUT_MS // 1000} s (SQLite: {message})"
    if "unable to open" in lowered:
        return f"cannot open {path} (SQLite: {message})"
    return f"{path}: SQLite: {message}"
