"""The read endpoints: lists with keyset paging and the store's filters, one item by id, places, search.

Each route is one or two store calls; a filter is passed through as the store defines it (store.base).
"""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations, some of them local names.
import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from sitroom.api.schemas import (
    ArticleSummary, Counts, ErrorBody, IsoDay, Page, Places, SearchResult, Tally, article_summary,
)
from sitroom.api.service import Service
from sitroom.model import Article, Cluster, ClusterStatus, Record, Stance, Verification
from sitroom.store.base import ArticleFilter, ClaimFilter, ClusterFilter, EventFilter
from sitroom.store.rows import ClaimRow, ClusterLogRow, ClusterRow, EventRow

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No such id"}}
BAD_INPUT: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody, "description": "A parameter is not valid"}}
# Ids are hex digests (a unique prefix is enough); no id is longer.
MAX_ID_CHARS = 128


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def read_router(service: Service) -> APIRouter:
    """The routes, with their limits from [api] so the OpenAPI schema states them."""
    options = service.options
    store = service.store
    router = APIRouter(prefix="/api", responses={**BAD_INPUT, 503: {"model": ErrorBody,
                                                                     "description": "The store cannot be read"}})

    After = Annotated[str | None, Query(max_length=1_000, description="The `next` of the page before.")]
    Limit = Annotated[int, Query(ge=1, le=options.max_page_size, description="Rows in this page.")]
    Since = Annotated[IsoDay | None, Query(description="On or after this day (YYYY-MM-DD).")]
    Until = Annotated[IsoDay | None, Query(description="On or before this day (YYYY-MM-DD).")]
    Text = Annotated[str | None, Query(min_length=1, max_length=options.max_query_chars)]
    ArticleRef = Annotated[str | None, Query(min_length=1, max_length=MAX_ID_CHARS, description="Of this article.")]
    ItemId = Annotated[str, Path(min_length=1, max_length=MAX_ID_CHARS, description="An id or a unique prefix.")]
    MinConfidence = Annotated[float | None, Query(
        ge=0.0, le=1.0, description="Confidence at least this (0-1: how completely the best report tells the event;"
        " a ranking score, not a probability). An unscored event, and a claim cluster, does not meet it.")]
    default_limit = options.default_page_size

    def _article(article_id: str) -> Article:
        article = service.call(store.article, article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r} (an id, or a prefix of exactly one)")
        return article

    @router.get("/articles", response_model=Page[ArticleSummary], summary="Articles, newest last")
    def articles(
        outlet: Annotated[str | None, Query(max_length=options.max_query_chars, description="Outlet contains.")] = None,
        since: Since = None, until: Until = None,
        q: Annotated[Text, Query(description="Title or outlet contains.")] = None,
        after: After = None, limit: Limit = default_limit,
    ) -> dict[str, Any]:
        where = ArticleFilter(outlet=outlet, since=_iso(since), until=_iso(until), text=q)
        page = service.page(store.articles_page, where, after, limit)
        return {"rows": [article_summary(a) for a in page.rows], "next": page.next}

    @router.get("/articles/{article_id}", response_model=Article, responses=NOT_FOUND,
                summary="One article with its clean text")
    def article(article_id: ItemId) -> Article:
        return _article(article_id)

    @router.get("/articles/{article_id}/record", response_model=Record, responses=NOT_FOUND,
                summary="What extraction read in one article")
    def record(article_id: ItemId) -> Record:
        found = _article(article_id)
        extracted = service.call(store.record, found.id)
        if extracted is None:
            raise HTTPException(404, f"article {found.id} has no extraction record yet (run sitroom extract)")
        return extracted

    @router.get("/claims", response_model=Page[ClaimRow], summary="Claims: who said what, with stance and status")
    def claims(
        source: Annotated[Text, Query(description="Source name contains.")] = None,
        stance: Stance | None = None,
        verification: Annotated[Verification | None, Query(description="Has a note of this status.")] = None,
        article_id: ArticleRef = None, since: Since = None, until: Until = None,
        q: Annotated[Text, Query(description="Content, source or cue contains.")] = None,
        status: Annotated[ClusterStatus | None, Query(
            description="Its claim cluster has this status (single_source: also a claim in no cluster).")] = None,
        after: After = None, limit: Limit = default_limit,
    ) -> Page[ClaimRow]:
        where = ClaimFilter(source=source, stance=stance, article_id=article_id, since=_iso(since),
                            until=_iso(until), verification=verification, text=q, status=status)
        return service.page(store.claims_page, where, after, limit)  # type: ignore[return-value]

    @router.get("/events", response_model=Page[EventRow], summary="Events as each article reported them")
    def events(
        type: Annotated[Text, Query(description="ACLED event type or sub-type, or PLOVER category.")] = None,
        since: Since = None, until: Until = None,
        region: Annotated[Text, Query(description="Admin1, country or location contains.")] = None,
        actor: Annotated[Text, Query(description="Actor 1 or 2 contains.")] = None,
        article_id: ArticleRef = None,
        q: Annotated[Text, Query(description="Trigger, location or actors contain.")] = None,
        min_confidence: MinConfidence = None,
        after: After = None, limit: Limit = default_limit,
    ) -> Page[EventRow]:
        where = EventFilter(event_type=type, since=_iso(since), until=_iso(until), region=region, actor=actor,
                            article_id=article_id, text=q, min_confidence=min_confidence)
        return service.page(store.events_page, where, after, limit)  # type: ignore[return-value]

    def cluster_filter(
        kind: Literal["event", "claim"] | None = None,
        status: ClusterStatus | None = None,
        since: Since = None, until: Until = None,
        min_size: Annotated[int | None, Query(ge=1, le=1_000_000, description="At least this many members.")] = None,
        article_id: ArticleRef = None,
        region: Annotated[Text, Query(description="Place, admin1 or country contains.")] = None,
        q: Annotated[Text, Query(description="Label or place contains.")] = None,
        min_confidence: MinConfidence = None,
    ) -> ClusterFilter:
        """The cluster lists' filters (one set for /clusters and /cluster-bodies, which page alike)."""
        return ClusterFilter(kind=kind, status=status, since=_iso(since), until=_iso(until), min_size=min_size,
                             article_id=article_id, region=region, text=q, min_confidence=min_confidence)

    ClusterWhere = Annotated[ClusterFilter, Depends(cluster_filter)]

    @router.get("/clusters", response_model=Page[ClusterRow],
                summary="Fused events and claims, the most independent sources first")
    def clusters(where: ClusterWhere, after: After = None, limit: Limit = default_limit) -> Page[ClusterRow]:
        return service.page(store.clusters_page, where, after, limit)  # type: ignore[return-value]

    @router.get("/cluster-bodies", response_model=Page[Cluster],
                summary="Clusters in full but for their evidence: point, precision, actors, members")
    def cluster_bodies(where: ClusterWhere, after: After = None, limit: Limit = default_limit) -> Page[Cluster]:
        """The /clusters list (same filters, order and cursors) with each cluster as /clusters/{id} gives it but
        its `detail` left empty: what the web page's map, timeline and claims explorer draw, a page at a time."""
        return service.page(store.cluster_bodies_page, where, after, limit)  # type: ignore[return-value]

    @router.get("/clusters/{cluster_id}", response_model=Cluster, responses=NOT_FOUND,
                summary="One cluster with every member and its evidence")
    def cluster(cluster_id: ItemId) -> Cluster:
        found = service.call(store.cluster, cluster_id)
        if found is None:
            raise HTTPException(404, f"no cluster {cluster_id!r} (an id, or a prefix of exactly one)")
        return found

    @router.get("/clusters/{cluster_id}/history", response_model=Page[ClusterLogRow], responses=NOT_FOUND,
                summary="What fusion changed in one cluster, oldest first")
    def cluster_history(cluster_id: ItemId, after: After = None, limit: Limit = default_limit) -> Page[ClusterLogRow]:
        found = service.call(store.cluster, cluster_id)
        if found is None:
            raise HTTPException(404, f"no cluster {cluster_id!r} (an id, or a prefix of exactly one)")
        return service.page(store.cluster_log_page, found.id, after, limit)  # type: ignore[return-value]

    @router.get("/places", response_model=Places, summary="The regions and countries of the stored events")
    def places(limit: Limit = default_limit) -> Places:
        regions = service.call(store.count_events_by, "admin1", limit)
        countries = service.call(store.count_events_by, "country", limit)
        return Places(regions=[Tally(name=n, events=c) for n, c in regions],
                      countries=[Tally(name=n, events=c) for n, c in countries])

    @router.get("/search", response_model=SearchResult,
                summary="Claims, events, clusters and articles whose words contain the query")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=options.max_query_chars, pattern=r"\S",
                                description="Words to find (a substring, any case; not only spaces).")],
        limit: Annotated[int, Query(ge=1, le=options.max_page_size)] = options.search_page_size,
    ) -> dict[str, Any]:
        term = q.strip()
        found_articles = service.page(store.articles_page, ArticleFilter(text=term), None, limit)
        return {
            "query": term,
            "claims": service.page(store.claims_page, ClaimFilter(text=term), None, limit),
            "events": service.page(store.events_page, EventFilter(text=term), None, limit),
            "clusters": service.page(store.clusters_page, ClusterFilter(text=term), None, limit),
            "articles": {"rows": [article_summary(a) for a in found_articles.rows], "next": found_articles.next},
        }

    @router.get("/counts", response_model=Counts, summary="Rows of each table of the store")
    def counts() -> Counts:
        return Counts(counts=service.call(store.counts))

    return router
