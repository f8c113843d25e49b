"""Migration 0006: the lists' orders are indexes (no sort of the whole table for a page), the order keys are
kept beside each claim and event, and a store made before it is backfilled to list exactly as before."""

from __future__ import annotations

from pathlib import Path

from sitroom.model import Article, Claim, Event, Evidence, Record, TimeExpression
from sitroom.store import SQLiteStore
from sitroom.store.base import ClaimFilter, ClusterFilter, EventFilter
from sitroom.store.sqlite import ARTICLE_KEY, CLAIM_KEY, CLUSTER_KEY, EVENT_KEY, migrations


def _record(i: int, published: str | None, event_date: str | None) -> Record:
    aid = f"a{i:03d}"
    text = f"Officials said troops moved near the river on day {i}. Shelling hit the town."
    ev = Evidence(aid, 0, 9, text=text[:9])
    article = Article(id=aid, text=text, published=published, content_hash=f"h{i}")
    times = [TimeExpression("T1", ev, start=event_date)] if event_date else []
    claims = [Claim(f"C{k}", None, None, ev, Evidence(aid, 10 + k, 20 + k)) for k in range(2)]
    events = [Event("E1", Evidence(aid, 40, 48), event_type="Explosions/Remote violence",
                    time="T1" if event_date else None)]
    return Record(article=article, claims=claims, events=events, times=times)


def _filled(path: Path) -> SQLiteStore:
    store = SQLiteStore(path)
    records = [_record(0, "2024-10-14", None), _record(1, None, None), _record(2, "2024-10-01", "2024-09-30"),
               _record(3, "2024-10-14T08:00:00+00:00", "2024-10-13")]
    store.add_batch([r.article for r in records], run="t")
    store.put_records(records, pipeline="p")
    return store


def _plan(store: SQLiteStore, sql: str) -> str:
    return " | ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql))


def test_pages_are_read_in_index_order_not_sorted(tmp_path: Path) -> None:
    with _filled(tmp_path / "s.db") as store:
        orders = {
            "claims c JOIN articles a ON a.id = c.article_id": CLAIM_KEY,
            "events e JOIN articles a ON a.id = e.article_id": EVENT_KEY,
            "articles": ARTICLE_KEY, "clusters": CLUSTER_KEY,
        }
        for table, key in orders.items():
            plan = _plan(store, f"SELECT * FROM {table} ORDER BY {', '.join(key)} LIMIT 10")
            assert "TEMP B-TREE" not in plan, (table, plan)
        for table, condition, key in (("clusters", "kind = 'event'", CLUSTER_KEY),
                                      ("claims c", "c.stance = 'deny'", CLAIM_KEY)):
            plan = _plan(store, f"SELECT * FROM {table} WHERE {condition} ORDER BY {', '.join(key)} LIMIT 5")
            assert "TEMP B-TREE" not in plan, plan


def test_the_order_is_the_publication_day_and_the_event_s_own_date(tmp_path: Path) -> None:
    with _filled(tmp_path / "s.db") as store:
        claims = [(r.article_id, r.claim_id) for r in store.iter_claims()]
        assert claims == [("a001", "C0"), ("a001", "C1"), ("a002", "C0"), ("a002", "C1"), ("a000", "C0"),
                          ("a000", "C1"), ("a003", "C0"), ("a003", "C1")]
        assert [r.article_id for r in store.iter_events()] == ["a001", "a002", "a003", "a000"]
        assert [r.article_id for r in store.iter_events(EventFilter(since="2024-10-01"))] == ["a003", "a000"]
        assert [r.article_id for r in store.iter_events(EventFilter(until="2024-10-13"))] == ["a002", "a003"]
        assert [r.article_id for r in store.iter_claims(ClaimFilter(until="2024-10-13"))] == ["a002", "a002"]


def test_a_store_made_before_the_migration_lists_as_before(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with _filled(path) as store:
        expected = ([(r.article_id, r.claim_id) for r in store.iter_claims()],
                    [r.article_id for r in store.iter_events()], [r.id for r in store.iter_clusters(ClusterFilter())])
        page = store.claims_page(None, None, 3)
        db = store.db
        indexes = ("claims_order", "claims_stance_order", "events_order", "events_country", "clusters_order",
                   "clusters_kind_order")
        for index in indexes:
            db.execute(f"DROP INDEX {index}")
        db.execute("ALTER TABLE claims DROP COLUMN sort_published")
        db.execute("ALTER TABLE events DROP COLUMN sort_date")
        for table in ("articles", "claims", "events", "clusters"):  # migration 0007's search index
            db.execute(f"DROP TABLE {table}_search")
            db.execute(f"DROP INDEX {table}_search_id")
            db.execute(f"ALTER TABLE {table} DROP COLUMN search_id")
        for table in ("events", "clusters"):  # migration 0008's confidence columns
            db.execute(f"ALTER TABLE {table} DROP COLUMN confidence")
        db.execute("PRAGMA user_version=5")
    with SQLiteStore(path) as store:
        assert store.schema_version == migrations()[-1][0]
        got = ([(r.article_id, r.claim_id) for r in store.iter_claims()], [r.article_id for r in store.iter_events()],
               [r.id for r in store.iter_clusters(ClusterFilter())])
        assert got == expected
        rest = store.claims_page(None, page.next, 100)  # a cursor given out before the migration still resumes
        assert [(r.article_id, r.claim_id) for r in page.rows + rest.rows] == expected[0]
