"""What the SQL backends share, so a filter, a page or a count means the same in SQLite and PostgreSQL: the
keysets lists are ordered by, the WHERE of each filter, the keyset condition after a cursor, pages read off rows.

Fragments are written with ``?`` for a parameter; a :class:`Dialect` puts its own placeholder in, and says how a
column is folded for the case-insensitive "contains" filters (the one thing the two databases do differently).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any

from sitroom.model import Cluster, from_dict
from sitroom.store.base import (
    ArticleFilter, ClaimFilter, ClusterFilter, EventFilter, Page, ProblemFilter, decode_cursor, encode_cursor,
    page_size,
)
from sitroom.store.rows import ClaimField, EventField

# Columns a summary may count by (a whitelist: the names go into SQL).
TALLY_COLUMNS = {
    "claims": frozenset(ClaimField.__args__),  # type: ignore[attr-defined]
    "events": frozenset(EventField.__args__),  # type: ignore[attr-defined]
}
# Tables `counts` reports.
COUNTED_TABLES = ("articles", "article_versions", "ingest_log", "records", "extract_log", "claims", "events",
                  "clusters", "cluster_members")
# The keyset each list is ordered by: SQL expressions, compared as one row value, so a page resumes exactly
# after the last row of the one before.
ARTICLE_KEY = ("coalesce(published, '')", "id")
# sort_published = coalesce(the article's published, ''), sort_date = coalesce(event_date, published, ''): kept
# beside each row and indexed (migration 0006), so a page is an index range, not a sort of the whole table.
CLAIM_KEY = ("c.sort_published", "c.article_id", "c.start", "c.claim_id")
EVENT_KEY = ("e.sort_date", "e.article_id", "e.start", "e.event_id")
CLUSTER_KEY = ("-independent_sources", "-size", "id")
CLUSTER_LOG_KEY = ("seq",)
PROBLEM_KEY = ("part", "n", "at", "tie")
# The columns each table's text search (the filters' `text`, GET /api/search) looks in: a row is found when any of
# them contains the value. SQLite keeps them case-folded in an FTS5 trigram index (migration 0007), PostgreSQL has
# a trigram index on each (0007 too): the index narrows the rows, the "contains" test decides.
SEARCH_COLUMNS = {
    "articles": ("title", "outlet"),
    "claims": ("content", "source", "cue"),
    "events": ("trigger", "location", "actor1", "actor2"),
    "clusters": ("label", "place"),
}
# The order keys of one article's claims and events, set after they are written (two parameters: the article id,
# twice): from the article's stored publication day, as migration 0006 backfilled them.
_PUBLISHED = "coalesce((SELECT published FROM articles WHERE id = ?), '')"
LIST_ORDER_UPDATES = (
    f"UPDATE claims SET sort_published = {_PUBLISHED} WHERE article_id = ?",
    f"UPDATE events SET sort_date = coalesce(event_date, {_PUBLISHED}) WHERE article_id = ?",
)


def key_columns(key: tuple[str, ...]) -> str:
    """The keyset's values selected under fixed names (k0, k1, ...) so the cursor can be read off a row."""
    return ", ".join(f"{expression} AS k{i}" for i, expression in enumerate(key))


ARTICLES_SELECT = f"SELECT body, {key_columns(ARTICLE_KEY)} FROM articles"
CLAIMS_SELECT = (f"SELECT c.*, a.published AS published, {key_columns(CLAIM_KEY)}"
                 " FROM claims c JOIN articles a ON a.id = c.article_id")
EVENTS_SELECT = (f"SELECT e.*, a.published AS published, {key_columns(EVENT_KEY)}"
                 " FROM events e JOIN articles a ON a.id = e.article_id")
CLUSTERS_SELECT = f"SELECT *, {key_columns(CLUSTER_KEY)} FROM clusters"
CLUSTER_LOG_SELECT = f"SELECT *, {key_columns(CLUSTER_LOG_KEY)} FROM cluster_log"
# Ingest problems in the order they were logged, then extraction failures by time and article.
PROBLEMS_SELECT = (
    f"SELECT *, {key_columns(PROBLEM_KEY)} FROM ("
    "SELECT 'ingest' AS stage, run, at, status, source, item, reason, detail, article_id,"
    " 0 AS part, seq AS n, '' AS tie FROM ingest_log"
    " UNION ALL SELECT 'extract', '', at, 'failed', article_id, component, reason, detail, article_id,"
    " 1, 0, article_id FROM extract_log) AS problems"
)
# Articles to (re-)extract: no record, or one read from another text or by another pipeline, and not failed with
# this text and pipeline. Two parameters: the pipeline, twice.
PENDING_SELECT = (
    "SELECT a.id FROM articles a LEFT JOIN records r ON r.article_id = a.id"
    " LEFT JOIN extract_log f ON f.article_id = a.id AND f.content_hash = a.content_hash"
    " AND f.pipeline = ?"
    " WHERE (r.article_id IS NULL OR r.content_hash != a.content_hash OR r.pipeline != ?)"
    " AND f.article_id IS NULL"
    " ORDER BY coalesce(a.published, ''), a.id"
)


@dataclass(frozen=True)
class Dialect:
    """How one database spells a parameter and folds case for the "contains" filters."""

    mark: str  # the parameter placeholder
    contains: str  # "{column} contains the pattern ?", case-insensitively, with \ escaping LIKE's wildcards
    fold: Callable[[str], str]  # what is done to the value typed before it becomes the pattern
    # A condition (SQL, parameters) that narrows a text search of a table (its alias with its dot, the value
    # folded) to the rows an index says may hold it, ANDed before the exact "contains" test; None where the
    # database has no such index or it cannot help for this value.
    narrow: Callable[[str, str, str], tuple[str, list[Any]] | None] | None = None

    def sql(self, fragment: str) -> str:
        """A fragment written with ``?`` in this dialect (the shared fragments hold no literal ``?``)."""
        return fragment if self.mark == "?" else fragment.replace("?", self.mark)


class Conditions:
    """The WHERE of a listing: a condition and its parameters for each filter that is set, and none for the rest."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, value: Any, sql: str, *params: Any) -> None:
        """``sql`` with ``params`` (default: the value itself) when the filter's value is set."""
        if value:
            self.clauses.append(self.dialect.sql(sql))
            self.params.extend(params or (value,))

    def contains(self, value: str | None, *columns: str) -> None:
        """Any of ``columns`` contains the value as typed, ignoring case in every script and reading % and _ as
        themselves, not as LIKE's wildcards."""
        if value:
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", self.dialect.fold(value)) + "%"
            self.clauses.append("(" + " OR ".join(self.dialect.contains.format(column=c) for c in columns) + ")")
            self.params.extend([pattern] * len(columns))

    def search(self, value: str | None, table: str, alias: str = "") -> None:
        """The text search of ``table`` (``alias`` with its dot, as the listing's SELECT names it): any of its
        SEARCH_COLUMNS contains the value, narrowed first by the dialect's index where it has one."""
        if not value:
            return
        narrowed = self.dialect.narrow(table, alias, self.dialect.fold(value)) if self.dialect.narrow else None
        if narrowed is not None:
            sql, params = narrowed
            self.clauses.append(self.dialect.sql(sql))
            self.params.extend(params)
        self.contains(value, *(alias + column for column in SEARCH_COLUMNS[table]))


def article_conditions(dialect: Dialect, where: ArticleFilter | None) -> Conditions:
    where = where or ArticleFilter()
    conditions = Conditions(dialect)
    conditions.contains(where.outlet, "outlet")
    conditions.add(where.since, "substr(published, 1, 10) >= ?")
    conditions.add(where.until, "substr(published, 1, 10) <= ?")
    conditions.search(where.text, "articles")
    return conditions


# The claims of claim clusters, as (article id, claim id) (a member is "<article id>/<claim id>"), for the claims'
# status filter: read from the clusters of one status (few, against every claim), then matched against the list.
SINGLE_SOURCE = "single_source"
CLAIMS_IN_CLUSTERS = ("SELECT m.article_id, substr(m.member, length(m.article_id) + 2) FROM cluster_members m"
                      " JOIN clusters k ON k.id = m.cluster_id WHERE k.kind = 'claim'")


def claim_conditions(dialect: Dialect, where: ClaimFilter | None) -> Conditions:
    where = where or ClaimFilter()
    conditions = Conditions(dialect)
    conditions.contains(where.source, "c.source")
    conditions.add(where.stance, "c.stance = ?")
    conditions.add(where.article_id, "c.article_id = ?")
    conditions.add(where.since, "substr(a.published, 1, 10) >= ?")
    conditions.add(where.until, "substr(a.published, 1, 10) <= ?")
    conditions.add(where.verification, "(',' || c.verification || ',') LIKE ?", f"%,{where.verification},%")
    conditions.search(where.text, "claims", "c.")
    if where.status == SINGLE_SOURCE:
        conditions.add(where.status, f"(c.article_id, c.claim_id) NOT IN ({CLAIMS_IN_CLUSTERS} AND k.status != ?)")
    else:
        conditions.add(where.status, f"(c.article_id, c.claim_id) IN ({CLAIMS_IN_CLUSTERS} AND k.status = ?)")
    return conditions


def event_conditions(dialect: Dialect, where: EventFilter | None) -> Conditions:
    where = where or EventFilter()
    conditions = Conditions(dialect)
    kind = (where.event_type or "").lower()
    conditions.add(kind, "(lower(e.event_type) = ? OR lower(e.sub_event_type) = ? OR lower(e.plover) LIKE ?)",
                   kind, kind, f"{kind}%")
    conditions.add(where.since, "e.sort_date >= ?")
    conditions.add(where.until, "e.sort_date != '' AND substr(e.sort_date, 1, 10) <= ?")
    conditions.contains(where.region, "e.admin1", "e.country", "e.location")
    conditions.contains(where.actor, "e.actor1", "e.actor2")
    conditions.add(where.article_id, "e.article_id = ?")
    conditions.search(where.text, "events", "e.")
    conditions.add(where.min_confidence, "e.confidence >= ?")
    return conditions


def cluster_conditions(dialect: Dialect, where: ClusterFilter | None) -> Conditions:
    where = where or ClusterFilter()
    conditions = Conditions(dialect)
    conditions.add(where.kind, "kind = ?")
    conditions.add(where.status, "status = ?")
    conditions.add(where.since, "date >= ?")
    conditions.add(where.until, "substr(date, 1, 10) <= ?")
    conditions.add(where.min_size, "size >= ?")
    conditions.add(where.article_id, "id IN (SELECT cluster_id FROM cluster_members WHERE article_id = ?)")
    conditions.contains(where.region, "place", "admin1", "country")
    conditions.search(where.text, "clusters")
    conditions.add(where.min_confidence, "confidence >= ?")
    return conditions


def cluster_log_conditions(dialect: Dialect, cluster_id: str | None) -> Conditions:
    conditions = Conditions(dialect)
    conditions.add(cluster_id, "(cluster_id = ? OR other = ?)", cluster_id, cluster_id)
    return conditions


def problem_conditions(dialect: Dialect, where: ProblemFilter | None) -> Conditions:
    where = where or ProblemFilter()
    conditions = Conditions(dialect)
    conditions.add(where.stage, "stage = ?")
    conditions.add(where.run, "run = ?")
    return conditions


def page_query(select: str, conditions: Conditions, key: tuple[str, ...], after: str | None,
               limit: int | None) -> tuple[str, list[Any]]:
    """One page of ``select``: the filter, the keyset condition after the cursor, one row more than asked (to
    know whether another page follows)."""
    mark = conditions.dialect.mark
    clauses, params = list(conditions.clauses), list(conditions.params)
    if after is not None:
        clauses.append(f"({', '.join(key)}) > ({', '.join(mark for _ in key)})")
        params.extend(decode_cursor(after, len(key)))
    sql = select + where(clauses) + " ORDER BY " + ", ".join(key) + f" LIMIT {mark}"
    return sql, [*params, page_size(limit) + 1]


def ordered_ids_query(conditions: Conditions) -> str:
    """The ids of the articles a filter takes, in the articles' list order."""
    return "SELECT id FROM articles" + where(conditions.clauses) + " ORDER BY " + ", ".join(ARTICLE_KEY)


def tally_query(dialect: Dialect, table: str, column: str) -> str:
    """The most frequent values of ``column`` (one parameter: how many)."""
    if column not in TALLY_COLUMNS[table]:
        raise ValueError(f"cannot count {table} by {column!r} (known: {', '.join(sorted(TALLY_COLUMNS[table]))})")
    return (f"SELECT {column} AS value, count(*) AS n FROM {table} WHERE coalesce({column}, '') != ''"
            f" GROUP BY {column} ORDER BY n DESC, value LIMIT {dialect.mark}")


def where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def paged(rows: list[Mapping[str, Any]], limit: int | None, key: tuple[str, ...], make: Callable[[Any], Any]) -> Page:
    """A page of the rows asked for (one more was read to know whether another page follows), its cursor the
    keyset values (k0, k1, ...) of its last row."""
    size = page_size(limit)
    more = len(rows) > size
    rows = rows[:size]
    cursor = None
    if more and rows:
        last = rows[-1]
        cursor = encode_cursor(tuple(last[f"k{i}"] for i in range(len(key))))
    return Page([make(row) for row in rows], cursor)


def cluster_without_detail(row: Mapping[str, Any]) -> Cluster:
    """A cluster from its stored JSON body, its detail left unread (the members' evidence: most of the reading)."""
    data = json.loads(row["body"])
    data["detail"] = []
    return from_dict(Cluster, data)


def typed(row_type: type, row: Any) -> Any:
    """A typed row (store.rows) from a database row that has its columns and maybe more."""
    present = set(row.keys())
    return row_type(**{f.name: row[f.name] for f in fields(row_type) if f.name in present})


def statements(sql: str) -> list[str]:
    """Split a migration into statements (the files hold no semicolons inside strings or triggers)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def read_migrations(package: str) -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration in ``package`` (a folder of NNNN_name.sql files), in order."""
    found = []
    for entry in resources.files(package).iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)
