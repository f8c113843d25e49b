"""The store contract: what every backend promises, run against each one (SQLite, and PostgreSQL where
SITROOM_TEST_POSTGRES names a server: see conftest.py).

Typed rows, pages with keyset cursors that resume exactly where the last page ended, iterators over all pages,
extraction failures as data, and records read from a text the article no longer has never stored.
"""

from __future__ import annotations

import dataclasses

import pytest

from sitroom.model import (
    Actor, Article, Claim, Event, Evidence, ExtractionFailure, IngestError, PlaceMention, Place, Record, Skipped,
    TimeExpression,
)
from sitroom.store import open_store
from sitroom.store.base import ArticleFilter, ClaimFilter, EventFilter, ProblemFilter
from sitroom.store.rows import ClaimRow, EventRow


def article(i: int, text: str = "Body text", **kw) -> Article:
    return Article(id=f"id{i:03d}", text=f"{text} {i}", title=f"T{i}", content_hash=f"h{text}{i}", **kw)


@pytest.fixture
def store(any_store_location):
    with open_store(any_store_location) as s:
        yield s


def test_same_articles_twice_changes_nothing(store):
    first = store.add_batch([article(1), article(2)], "r1")
    counts = store.counts()
    second = store.add_batch([article(1), article(2)], "r2")
    assert (first.stored, second.stored, second.unchanged) == (2, 0, 2)
    assert store.counts() == counts


def test_changed_text_at_same_id_is_a_new_version(store):
    store.add_batch([article(1)], "r1")
    result = store.add_batch([article(1, text="Corrected")], "r2")
    assert result.updated == 1
    current = store.article("id001")
    assert current.version == 2 and current.text.startswith("Corrected")
    assert store.counts()["article_versions"] == 1


def test_an_earlier_version_seen_again_changes_nothing(store):
    store.add_batch([article(1), article(1, text="Corrected")], "r1")
    counts = store.counts()
    again = store.add_batch([article(1), article(1, text="Corrected")], "r2")
    assert (again.unchanged, again.updated) == (2, 0)
    assert store.counts() == counts and store.article("id001").text.startswith("Corrected")


def test_problems_are_logged_once_per_item_with_their_reason(store):
    bad = IngestError(source="a.bin", reason="binary", detail="NUL bytes")
    skipped = Skipped(source="b.txt", reason="language", detail="detected de")
    result = store.add_batch([article(1), bad, skipped], "r1")
    store.add_batch([bad], "r2")
    assert (result.stored, result.failed, result.skipped) == (1, 1, 1)
    rows = list(store.iter_problems())
    assert [(r.stage, r.source, r.reason, r.status) for r in rows] == [
        ("ingest", "a.bin", "binary", "error"), ("ingest", "b.txt", "language", "skipped")
    ]
    assert rows[0].run == "r2"


def test_a_failed_batch_stores_nothing(store):
    class Boom(Exception):
        pass

    def items():
        yield article(1)
        raise Boom

    with pytest.raises(Boom):
        store.add_batch(items(), "r1")
    assert store.counts()["articles"] == 0


def test_article_filters_and_prefix_lookup(store):
    store.add_batch(
        [article(1, outlet="Kremlin", published="2022-03-01"), article(2, outlet="President of Ukraine",
                                                                       published="2022-04-01")], "r")
    assert [a.id for a in store.iter_articles(ArticleFilter(outlet="ukraine"))] == ["id002"]
    assert [a.id for a in store.iter_articles(ArticleFilter(since="2022-03-15"))] == ["id002"]
    assert [a.id for a in store.iter_articles(ArticleFilter(until="2022-03-01"))] == ["id001"]
    assert store.article("id00") is None  # ambiguous prefix
    assert store.article("id002").title == "T2"


def _record(a: Article) -> Record:
    ev = lambda s, e: Evidence(a.id, s, e, 0, a.text[s:e])  # noqa: E731
    return Record(
        article=a,
        actors=[Actor(id="A1", name="Government of Russia", kind="government")],
        claims=[Claim(id="C1", source="A1", source_mention=ev(0, 4), cue=ev(5, 9), content=ev(10, 14), stance="deny")],
        times=[TimeExpression(id="T1", evidence=ev(0, 4), value="2022-03-02", start="2022-03-02", end="2022-03-02")],
        places=[PlaceMention(id="P1", evidence=ev(0, 4), place=Place(id="geonames:1", name="Kharkiv", country="UA",
                                                                      admin1="Kharkivska"), precision="exact")],
        events=[Event(id="E1", trigger=ev(5, 9), event_type="Explosions/Remote violence", actor1="A1", places=["P1"],
                      time="T1")],
    )


def test_records_round_trip_and_feed_the_listings(store):
    a = article(1, text="Body text of some length")
    store.add_batch([a], "r")
    assert store.ids_to_extract("p1") == ["id001"]
    store.put_records([_record(store.article("id001"))], "p1")
    assert store.ids_to_extract("p1") == []
    assert store.ids_to_extract("p2") == ["id001"]  # another pipeline re-extracts
    assert store.record("id001") == _record(store.article("id001"))
    (claim,) = store.iter_claims(ClaimFilter(stance="deny"))
    assert isinstance(claim, ClaimRow) and claim.source == "Government of Russia" and claim.published is None
    (event,) = store.iter_events(EventFilter(region="kharkiv", since="2022-03-01"))
    assert isinstance(event, EventRow) and event.event_date == "2022-03-02" and event.location == "Kharkiv"
    assert list(store.iter_events(EventFilter(actor="ukraine"))) == []


def test_counts_by_field_and_refuses_unknown_columns(store):
    store.add_batch([article(1)], "r")
    store.put_records([_record(store.article("id001"))], "p1")
    assert store.count_claims_by("stance") == [("deny", 1)]
    assert store.count_events_by("event_type") == [("Explosions/Remote violence", 1)]
    with pytest.raises(ValueError):
        store.count_claims_by("content; DROP TABLE claims")  # type: ignore[arg-type]


def test_new_version_drops_the_stale_record(store):
    store.add_batch([article(1)], "r")
    store.put_records([_record(store.article("id001"))], "p1")
    store.add_batch([article(1, text="Changed")], "r2")
    assert store.record("id001") is None and list(store.iter_claims()) == []
    assert store.ids_to_extract("p1") == ["id001"]


def _many(store, n: int) -> None:
    store.add_batch([article(i, published=f"2022-03-{1 + i % 28:02d}") for i in range(n)], "r")
    store.put_records([_record(store.article(f"id{i:03d}")) for i in range(n)], "p1")


def test_pages_resume_after_their_cursor_and_cover_everything_once(store):
    _many(store, 23)
    seen, after, pages = [], None, 0
    while True:
        page = store.claims_page(after=after, limit=5)
        seen += [(row.article_id, row.claim_id) for row in page.rows]
        pages += 1
        if page.next is None:
            break
        after = page.next
    assert pages == 5 and len(seen) == len(set(seen)) == 23
    assert seen == [(r.article_id, r.claim_id) for r in store.iter_claims()]
    dates = [row.published for row in store.iter_claims()]
    assert dates == sorted(dates)
    assert len(list(store.iter_events())) == 23 and len(list(store.iter_articles())) == 23
    first = store.articles_page(limit=10)
    second = store.articles_page(after=first.next, limit=10)
    assert not {a.id for a in first.rows} & {a.id for a in second.rows}


def test_a_foreign_cursor_is_refused(store):
    with pytest.raises(ValueError, match="cursor"):
        store.claims_page(after="not-a-cursor")


def test_iterators_follow_filters_across_pages(store):
    _many(store, 12)
    denied = list(store.iter_claims(ClaimFilter(stance="deny", article_id="id003")))
    assert [(r.article_id, r.stance) for r in denied] == [("id003", "deny")]
    assert [r.article.id for r in store.iter_records(ArticleFilter(since="2022-03-11"))] == [
        a.id for a in store.iter_articles(ArticleFilter(since="2022-03-11"))
    ]


def test_failures_are_logged_not_retried_and_cleared_by_a_record(store):
    store.add_batch([article(1), article(2)], "r")
    first = store.article("id001")
    failure = ExtractionFailure("id001", "component_error", "sitroom_claims", "ValueError: boom", first.content_hash)
    result = store.put_records([failure, _record(store.article("id002"))], "p1")
    assert (result.stored, result.failed) == (1, 1)
    assert store.ids_to_extract("p1") == []  # the same text and pipeline would fail again
    assert store.ids_to_extract("p1", force=True) == ["id001", "id002"]
    assert store.ids_to_extract("p2") == ["id001", "id002"]  # a new pipeline tries again
    (row,) = store.iter_problems(ProblemFilter(stage="extract"))
    assert (row.article_id, row.reason, row.item, row.status) == ("id001", "component_error", "sitroom_claims", "failed")
    store.put_records([_record(first)], "p2")
    assert list(store.iter_problems(ProblemFilter(stage="extract"))) == []


def test_a_record_of_an_older_text_is_not_stored(store):
    store.add_batch([article(1)], "r")
    old = store.article("id001")
    store.add_batch([article(1, text="Corrected")], "r2")  # re-ingested while extraction read the old text
    result = store.put_records([_record(old)], "p1")
    assert (result.stored, result.stale) == (0, 1)
    assert store.record("id001") is None and store.ids_to_extract("p1") == ["id001"]


# --- fusion clusters ------------------------------------------------------------------------------------------

def _cluster(i: int, kind: str = "event", size: int = 2, sources: int = 1, status: str = "single_source"):
    from sitroom.model import Cluster, ClusterMember

    members = [f"id{j:03d}/{'E' if kind == 'event' else 'C'}{i}" for j in range(size)]
    detail = [ClusterMember(m, Evidence(m.split("/")[0], 0, 4, text="Body")) for m in members]
    return Cluster(id=f"{kind[:2]}-{i:03d}", kind=kind, members=members, independent_sources=sources,
                   status=status, label=f"cluster {i}", date=f"2022-03-{1 + i % 28:02d}", detail=detail)


def test_clusters_round_trip_with_members_and_evidence(store):
    from sitroom.store.base import ClusterChange

    cluster = _cluster(1, size=3, sources=2)
    assert store.put_clusters([cluster], log=[ClusterChange("create", cluster.id, member=cluster.members[0])]) == 1
    back = store.cluster(cluster.id[:4])
    assert back == cluster
    assert back.detail[0].evidence.article_id == "id000"
    assert [row.action for row in store.iter_cluster_log(cluster.id)] == ["create"]
    assert store.counts()["clusters"] == 1 and store.counts()["cluster_members"] == len(cluster.members)


def test_putting_a_cluster_again_replaces_it_and_merged_ids_are_removed(store):
    from sitroom.store.base import ClusterChange, ClusterFilter

    store.put_clusters([_cluster(1), _cluster(2)])
    grown = _cluster(1, size=4, sources=3)
    store.put_clusters([grown], removed=["ev-002"], log=[ClusterChange("merge", "ev-001", other="ev-002")])
    rows = list(store.iter_clusters(ClusterFilter(kind="event")))
    assert [(r.id, r.size, r.independent_sources) for r in rows] == [("ev-001", 4, 3)]
    assert store.cluster("ev-002") is None
    assert [r.other for r in store.iter_cluster_log("ev-002")] == ["ev-002"]


def test_cluster_pages_resume_exactly_and_filter(store):
    from sitroom.store.base import ClusterFilter

    clusters = [_cluster(i, kind="claim" if i % 2 else "event", size=1 + i % 4, sources=1 + i % 3,
                         status="corroborated" if i % 3 else "single_source") for i in range(30)]
    store.put_clusters(clusters)
    seen, after = [], None
    while True:
        page = store.clusters_page(after=after, limit=7)
        seen += page.rows
        if page.next is None:
            break
        after = page.next
    assert len(seen) == 30 and len({r.id for r in seen}) == 30
    keys = [(-r.independent_sources, -r.size, r.id) for r in seen]
    assert keys == sorted(keys)
    claims = list(store.iter_clusters(ClusterFilter(kind="claim", status="corroborated")))
    assert claims and all(r.kind == "claim" and r.status == "corroborated" for r in claims)
    assert {r.id for r in store.iter_clusters(ClusterFilter(article_id="id003"))} == \
        {c.id for c in clusters if len(c.members) > 3}
    assert len(list(store.iter_cluster_bodies(ClusterFilter(min_size=4)))) == sum(len(c.members) >= 4 for c in clusters)


def test_filters_fold_case_in_every_script_and_take_wildcards_literally(store):
    store.add_batch([article(1, outlet="Ukrinform (УКРІНФОРМ)"), article(2, outlet="Élysée"),
                     article(3, outlet="100% News"), article(4, outlet="1000 News")], "r")
    assert [a.outlet for a in store.iter_articles(ArticleFilter(outlet="укрінформ"))] == ["Ukrinform (УКРІНФОРМ)"]
    assert [a.outlet for a in store.iter_articles(ArticleFilter(outlet="ÉLYSÉE"))] == ["Élysée"]
    assert [a.outlet for a in store.iter_articles(ArticleFilter(outlet="100%"))] == ["100% News"]
    assert list(store.iter_articles(ArticleFilter(outlet="1_00"))) == []


def test_a_batch_the_database_refuses_stores_nothing_of_itself(store):
    """A failure of an article the store does not hold breaks the batch's foreign key: the whole transaction
    goes, the records before it included, as one StoreError."""
    from sitroom.store.base import StoreError

    store.add_batch([article(1)], "r")
    unknown = ExtractionFailure("nope", "component_error", "sitroom_claims", "ValueError: boom", "h")
    with pytest.raises(StoreError, match="cannot store extraction records"):
        store.put_records([_record(store.article("id001")), unknown], "p1")
    assert store.record("id001") is None and store.counts()["records"] == 0
    assert store.put_records([_record(store.article("id001"))], "p1").stored == 1  # the store is still usable


def test_cluster_bodies_follow_the_cluster_pages_without_their_detail(store):
    from sitroom.store.base import ClusterFilter

    clusters = [_cluster(i, kind="claim" if i % 2 else "event", size=1 + i % 4, sources=1 + i % 3) for i in range(12)]
    store.put_clusters(clusters)
    by_id = {c.id: c for c in clusters}
    where = ClusterFilter(kind="event")
    seen, after = [], None
    while True:
        page = store.cluster_bodies_page(where, after=after, limit=4)
        rows = store.clusters_page(where, after=after, limit=4)
        assert [c.id for c in page.rows] == [r.id for r in rows.rows] and page.next == rows.next
        seen += page.rows
        if page.next is None:
            break
        after = page.next
    assert {c.id for c in seen} == {c.id for c in clusters if c.kind == "event"}
    for body in seen:
        assert body.detail == [] and body.members == by_id[body.id].members
        assert body == dataclasses.replace(by_id[body.id], detail=[])
