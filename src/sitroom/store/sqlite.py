"""The embedded default store: one SQLite file in WAL mode, schema by numbered migrations."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from sitroom.model import Article, IngestError, Record, Skipped, from_json, to_json
from sitroom.store.base import ArticleFilter, BatchResult, EventFilter, IngestItem, Store
from sitroom.store.rows import claim_rows, event_rows

# Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000
MIGRATIONS_PACKAGE = "sitroom.store.migrations"
# Columns a summary may count by (a whitelist: the names go into SQL).
TALLY_COLUMNS = {
    "claims": ("source", "source_kind", "cue", "kind", "stance", "verification"),
    "events": ("event_type", "sub_event_type", "plover", "actor1", "actor2", "admin1", "country", "status"),
}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration shipped with the package, in order."""
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(Store):
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly, one per batch.
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is safe with WAL against a killed process (only a power cut can lose the last commits).
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self.migrate()

    # --- schema -------------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        for number, name, sql in migrations():
            if number <= self.schema_version:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if number <= self.schema_version:  # another process migrated while we waited
                    self.db.execute("ROLLBACK")
                    continue
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number}")
                self.db.execute("COMMIT")
            except Exception as error:
                self.db.execute("ROLLBACK")
                raise RuntimeError(f"migration {name} failed: {error}") from error

    # --- ingest -------------------------------------------------------------------------------------------

    def add_batch(self, items: Iterable[IngestItem], run: str) -> BatchResult:
        result = BatchResult()
        self.db.execute("BEGIN IMMEDIATE")
        try:
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
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
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
        self.db.execute(
            "INSERT OR REPLACE INTO articles (id, url, outlet, title, published, language, content_hash, version,"
            " ingested_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id, article.url, article.outlet, article.title, article.published, article.language,
                article.content_hash, version, now, to_json(article),
            ),
        )

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
        for table in ("records", "claims", "events"):
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

    def _article_query(self, columns: str, where: ArticleFilter | None) -> tuple[str, list[Any]]:
        where = where or ArticleFilter()
        clauses, params = [], []
        if where.outlet:
            clauses.append("lower(outlet) LIKE ?")
            params.append(f"%{where.outlet.lower()}%")
        if where.since:
            clauses.append("substr(published, 1, 10) >= ?")
            params.append(where.since)
        if where.until:
            clauses.append("substr(published, 1, 10) <= ?")
            params.append(where.until)
        sql = f"SELECT {columns} FROM articles"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY published, id"
        if where.limit:
            sql += f" LIMIT {int(where.limit)}"
        return sql, params

    def articles(self, where: ArticleFilter | None = None) -> list[Article]:
        sql, params = self._article_query("body", where)
        return [from_json(Article, row["body"]) for row in self.db.execute(sql, params)]

    def article_ids(self, where: ArticleFilter | None = None) -> list[str]:
        sql, params = self._article_query("id", where)
        return [row["id"] for row in self.db.execute(sql, params)]

    # --- extraction records -------------------------------------------------------------------------------

    def ids_to_extract(self, pipeline: str, force: bool = False) -> list[str]:
        if force:
            return [r["id"] for r in self.db.execute("SELECT id FROM articles ORDER BY published, id")]
        rows = self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN records r ON r.article_id = a.id"
            " WHERE r.article_id IS NULL OR r.content_hash != a.content_hash OR r.pipeline != ?"
            " ORDER BY a.published, a.id",
            (pipeline,),
        )
        return [r["id"] for r in rows]

    def put_records(self, records: Iterable[Record], pipeline: str) -> int:
        count = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for record in records:
                article_id = record.article.id
                self._drop_extraction(article_id)
                self.db.execute(
                    "INSERT INTO records (article_id, content_hash, pipeline, extracted_at, body)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (article_id, record.article.content_hash, pipeline, _now(), to_json(record)),
                )
                _insert_rows(self.db, "claims", claim_rows(record))
                _insert_rows(self.db, "events", event_rows(record))
                count += 1
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return count

    def record(self, article_id: str) -> Record | None:
        row = self.db.execute("SELECT body FROM records WHERE article_id = ?", (article_id,)).fetchone()
        return from_json(Record, row["body"]) if row else None

    def claims(self, source: str | None = None, stance: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        clauses, params = [], []
        if source:
            clauses.append("lower(source) LIKE ?")
            params.append(f"%{source.lower()}%")
        if stance:
            clauses.append("stance = ?")
            params.append(stance)
        sql = "SELECT c.*, a.published FROM claims c JOIN articles a ON a.id = c.article_id"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY a.published, c.article_id, c.start"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(row) for row in self.db.execute(sql, params)]

    def events(self, where: EventFilter | None = None) -> list[dict[str, Any]]:
        where = where or EventFilter()
        clauses, params = [], []
        if where.event_type:
            clauses.append("(lower(event_type) = ? OR lower(sub_event_type) = ? OR lower(plover) LIKE ?)")
            value = where.event_type.lower()
            params += [value, value, f"{value}%"]
        if where.since:
            clauses.append("coalesce(event_date, a.published) >= ?")
            params.append(where.since)
        if where.until:
            clauses.append("substr(coalesce(event_date, a.published), 1, 10) <= ?")
            params.append(where.until)
        if where.region:
            clauses.append("(lower(admin1) LIKE ? OR lower(country) LIKE ? OR lower(location) LIKE ?)")
            params += [f"%{where.region.lower()}%"] * 3
        if where.actor:
            clauses.append("(lower(actor1) LIKE ? OR lower(actor2) LIKE ?)")
            params += [f"%{where.actor.lower()}%"] * 2
        sql = "SELECT e.*, a.published FROM events e JOIN articles a ON a.id = e.article_id"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY coalesce(e.event_date, a.published), e.article_id, e.start"
        if where.limit:
            sql += f" LIMIT {int(where.limit)}"
        return [dict(row) for row in self.db.execute(sql, params)]

    # --- bookkeeping --------------------------------------------------------------------------------------

    def problems(self, run: str | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM ingest_log", []
        if run:
            sql += " WHERE run = ?"
            params.append(run)
        return [dict(row) for row in self.db.execute(sql + " ORDER BY seq", params)]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "article_versions", "ingest_log", "records", "claims", "events")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def tally(self, table: str, column: str, limit: int = 10) -> list[tuple[str, int]]:
        if table not in TALLY_COLUMNS or column not in TALLY_COLUMNS[table]:
            raise ValueError(f"cannot tally {table}.{column}")
        rows = self.db.execute(
            f"SELECT {column} AS value, count(*) AS n FROM {table} WHERE coalesce({column}, '') != ''"
            f" GROUP BY {column} ORDER BY n DESC, value LIMIT ?",
            (limit,),
        )
        return [(row["value"], row["n"]) for row in rows]

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def _insert_rows(db: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        db.execute(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (the files hold no semicolons inside strings or triggers)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
