"""API latency at 100,000 claims: p50 / p95 of the main read endpoints, in process (FastAPI's TestClient, no
socket), beside the store call each one makes alone, and their ratio (what the API adds: validation, the
reply's schema, JSON). Target: p95 < 100 ms for every read endpoint.

The store is synthetic and built once (``--db``, default a file in the temp folder, reused when it is there):
``--articles`` articles (default 10,000) of 10 claims and 3 events each, and one event cluster per 5 articles'
events and one claim cluster per 10 claims (put straight into the store, not fused: fusion has its own bench).
Prints a table, then one JSON line.

    .venv/bin/python bench/api.py [--articles 10000] [--db /tmp/sitroom-bench-api.db] [--n 200]
        [--store postgresql://...]

``--store`` benches a PostgreSQL store instead (filled the same way where it holds no claims). On SQLite the
searches are also timed by the full scan the store did before its trigram index (migration 0007), in the same
process, with the ratio of the two.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.config import Config, StoreOptions
from sitroom.model import (
    Actor, Article, Claim, Cluster, ClusterMember, Event, Evidence, Place, PlaceMention, Record, TimeExpression,
)
from sitroom.store import SQLiteStore, open_store
from sitroom.store.sqlite import SQLITE
from sitroom.store.base import ArticleFilter, ClaimFilter, ClusterFilter, EventFilter

CLAIMS_PER_ARTICLE = 10
EVENTS_PER_ARTICLE = 3
TARGET_P95_MS = 100.0
SOURCES = ["Volodymyr Zelenskiy", "Dmitry Peskov", "Institute for the Study of War", "General Staff of Ukraine",
           "Ministry of Defence of Russia", "Oleh Syniehubov", "Maria Zakharova", "Pentagon", "NATO", "UN OCHA"]
PLACES = [("Kharkiv", "Kharkiv Oblast", 49.98, 36.25), ("Pokrovsk", "Donetsk Oblast", 48.28, 37.18),
          ("Odesa", "Odesa Oblast", 46.48, 30.73), ("Kherson", "Kherson Oblast", 46.64, 32.61),
          ("Zaporizhzhia", "Zaporizhzhia Oblast", 47.84, 35.14), ("Sumy", "Sumy Oblast", 50.91, 34.80)]
WORDS = ("troops shells missiles drones strike front line village captured evacuated civilians aid artillery "
         "energy grid port grain sanctions talks offensive brigade").split()
STANCES = ["assert"] * 6 + ["deny", "no_comment", "retract"]
# Searches by how many rows hold them: half the claims and events; about 3%; one article's title; none (without
# an index each table is read whole for these two).
SEARCHES = [("common", "troops"), ("phrase", "captured village"), ("rare", "Report 1234"),
            ("no match", "Bakhmut tunnels")]


def _record(i: int, rng: random.Random) -> Record:
    aid = f"a{i:07d}"
    published = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    count = CLAIMS_PER_ARTICLE + EVENTS_PER_ARTICLE
    sentences = [" ".join(rng.choice(WORDS) for _ in range(14)) + "." for _ in range(count)]
    text = "\n\n".join(sentences)
    offsets, at = [], 0
    for sentence in sentences:
        offsets.append((at, at + len(sentence)))
        at += len(sentence) + 2

    def ev(k: int) -> Evidence:
        start, end = offsets[k]
        return Evidence(aid, start, end, text=text[start:end])

    actors = [Actor(f"A{k}", name, "person") for k, name in enumerate(SOURCES)]
    claims = [Claim(f"C{k}", f"A{(i + k) % len(SOURCES)}", ev(k), ev(k), ev(k), stance=rng.choice(STANCES))
              for k in range(CLAIMS_PER_ARTICLE)]
    name, admin1, lat, lon = PLACES[i % len(PLACES)]
    places = [PlaceMention("P1", ev(CLAIMS_PER_ARTICLE), Place(f"geonames:{i % 6}", name, "PPLA", "UA", admin1,
                                                                lat=lat, lon=lon), "exact")]
    times = [TimeExpression("T1", ev(CLAIMS_PER_ARTICLE), start=published, end=published, granularity="day")]
    events = [Event(f"E{k}", ev(CLAIMS_PER_ARTICLE + k), event_type="Explosions/Remote violence",
                    sub_event_type="Air/drone strike", actor1="A4", places=["P1"], time="T1")
              for k in range(EVENTS_PER_ARTICLE)]
    article = Article(id=aid, text=text, title=f"Report {i}", outlet=f"Outlet {i % 40}", published=published,
                      content_hash=f"h{i}")
    return Record(article=article, actors=actors, claims=claims, events=events, places=places, times=times)


def _clusters(records: list[Record]) -> list[Cluster]:
    clusters = []
    for start in range(0, len(records), 5):
        group = records[start:start + 5]
        first = group[0]
        members = [f"{r.article.id}/E0" for r in group]
        clusters.append(Cluster(
            id=f"ev-{start:08d}", kind="event", members=members, independent_sources=len(group),
            label=first.events[0].trigger.text[:80], event_type="Explosions/Remote violence",
            date=first.article.published, place=first.places[0].place.name, admin1=first.places[0].place.admin1,
            country="UA", latitude=first.places[0].place.lat, longitude=first.places[0].place.lon, precision="exact",
            detail=[ClusterMember(m, r.events[0].trigger, source="Ministry of Defence of Russia")
                    for m, r in zip(members, group)]))
    for r in records:
        for k in range(0, CLAIMS_PER_ARTICLE, 10):
            claim = r.claims[k]
            clusters.append(Cluster(id=f"cl-{r.article.id}-{k}", kind="claim", members=[f"{r.article.id}/{claim.id}"],
                                    independent_sources=1, label=claim.content.text[:80],
                                    detail=[ClusterMember(f"{r.article.id}/{claim.id}", claim.content)]))
    return clusters


def build(location: str, articles: int) -> None:
    rng = random.Random(17)
    started = time.perf_counter()
    with open_store(location, StoreOptions(quick_check=False)) as store:
        for start in range(0, articles, 1_000):
            records = [_record(i, rng) for i in range(start, min(start + 1_000, articles))]
            store.add_batch([r.article for r in records], run="bench")
            store.put_records(records, pipeline="bench")
            store.put_clusters(_clusters(records))
        counts = store.counts()
    print(f"built {location} in {time.perf_counter() - started:.0f} s: {counts['claims']:,} claims,"
          f" {counts['events']:,} events, {counts['clusters']:,} clusters")


def _timed(call: Callable[[], Any], n: int) -> list[float]:
    call()  # warm: the first call fills SQLite's page cache
    times = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _cpu(call: Callable[[], Any], n: int = 5) -> float:
    """The least CPU milliseconds of ``n`` calls (what a loaded machine's waiting does not add to)."""
    best = float("inf")
    for _ in range(n):
        started = time.process_time()
        call()
        best = min(best, (time.process_time() - started) * 1000)
    return best


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "sitroom-bench-api.db")
    parser.add_argument("--n", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--store", help="a postgresql:// URL to bench instead of the SQLite file")
    args = parser.parse_args()
    location = args.store or str(args.db)
    if args.store is None and not args.db.exists():
        build(location, args.articles)
    store = open_store(location, StoreOptions(quick_check=False))
    if args.store is not None and store.counts()["claims"] == 0:
        store.close()
        build(location, args.articles)
        store = open_store(location, StoreOptions(quick_check=False))
    config = Config()
    client = TestClient(create_app(config, store))
    limit = config.api.default_page_size
    counts = store.counts()
    middle = store.claims_page(None, None, counts["claims"] // 2).next
    article_id = store.article_ids()[len(store.article_ids()) // 2]
    cluster_id = store.clusters_page(ClusterFilter(kind="event"), None, 1).rows[0].id

    def search_alone(words: str) -> list[Any]:
        return [page(make(text=words), None, config.api.search_page_size) for page, make in (
            (store.claims_page, ClaimFilter), (store.events_page, EventFilter),
            (store.clusters_page, ClusterFilter), (store.articles_page, ArticleFilter))]

    def get(path: str, **params: Any) -> Callable[[], Any]:
        def call() -> None:
            reply = client.get(path, params=params)
            assert reply.status_code == 200, reply.text
        return call

    cases: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        ("GET /api/claims", get("/api/claims"), lambda: store.claims_page(None, None, limit)),
        ("GET /api/claims?after=(middle)", get("/api/claims", after=middle),
         lambda: store.claims_page(None, middle, limit)),
        ("GET /api/claims?source=peskov", get("/api/claims", source="peskov"),
         lambda: store.claims_page(ClaimFilter(source="peskov"), None, limit)),
        ("GET /api/claims?stance=deny", get("/api/claims", stance="deny"),
         lambda: store.claims_page(ClaimFilter(stance="deny"), None, limit)),
        ("GET /api/events?region=donetsk", get("/api/events", region="donetsk"),
         lambda: store.events_page(EventFilter(region="donetsk"), None, limit)),
        ("GET /api/events?since=2024-06-01", get("/api/events", since="2024-06-01"),
         lambda: store.events_page(EventFilter(since="2024-06-01"), None, limit)),
        ("GET /api/clusters?kind=event", get("/api/clusters", kind="event"),
         lambda: store.clusters_page(ClusterFilter(kind="event"), None, limit)),
        ("GET /api/cluster-bodies?kind=event", get("/api/cluster-bodies", kind="event"),
         lambda: store.cluster_bodies_page(ClusterFilter(kind="event"), None, limit)),
        ("GET /api/clusters/{id}", get(f"/api/clusters/{cluster_id}"), lambda: store.cluster(cluster_id)),
        ("GET /api/articles", get("/api/articles"), lambda: store.articles_page(None, None, limit)),
        ("GET /api/articles/{id}", get(f"/api/articles/{article_id}"), lambda: store.article(article_id)),
        ("GET /api/articles/{id}/record", get(f"/api/articles/{article_id}/record"),
         lambda: (store.article(article_id), store.record(article_id))),
        ("GET /api/places", get("/api/places"),
         lambda: (store.count_events_by("admin1", limit), store.count_events_by("country", limit))),
        *[(f"GET /api/search?q={words} ({kind})", get("/api/search", q=words),
           lambda words=words: search_alone(words)) for kind, words in SEARCHES],
    ]
    print(f"{counts['claims']:,} claims, {counts['events']:,} events, {counts['clusters']:,} clusters,"
          f" {counts['articles']:,} articles; {args.n} requests each, page size {limit}")
    print(f"{'endpoint':<36}{'p50 ms':>9}{'p95 ms':>9}{'store p50':>11}{'store p95':>11}{'p95 ratio':>11}")
    results = {}
    for name, api_call, store_call in cases:
        api = _timed(api_call, args.n)
        alone = _timed(store_call, args.n)
        row = {"p50_ms": round(_p(api, 50), 2), "p95_ms": round(_p(api, 95), 2),
               "store_p50_ms": round(_p(alone, 50), 2), "store_p95_ms": round(_p(alone, 95), 2)}
        row["p95_ratio"] = round(row["p95_ms"] / max(row["store_p95_ms"], 1e-6), 2)
        results[name] = row
        print(f"{name:<36}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['store_p50_ms']:>11.1f}"
              f"{row['store_p95_ms']:>11.1f}{row['p95_ratio']:>11.2f}")
    scans = {}
    if isinstance(store, SQLiteStore):
        indexed = store.dialect
        print(f"{'search, store alone':<36}{'index p95':>11}{'scan p95':>11}{'scan/index':>11}"
              f"{'index cpu':>11}{'scan cpu':>11}")
        for kind, words in SEARCHES:
            call = partial(search_alone, words)
            index_ms, index_cpu = _timed(call, args.n), _cpu(call)
            store.dialect = SQLITE
            scan_ms, scan_cpu = _timed(call, max(args.n // 10, 5)), _cpu(call)
            store.dialect = indexed
            scans[kind] = {"index_p95_ms": round(_p(index_ms, 95), 2), "scan_p95_ms": round(_p(scan_ms, 95), 2),
                           "index_cpu_ms": round(index_cpu, 2), "scan_cpu_ms": round(scan_cpu, 2)}
            row = scans[kind]
            print(f"{kind + ': ' + words:<36}{row['index_p95_ms']:>11.1f}{row['scan_p95_ms']:>11.1f}"
                  f"{row['scan_p95_ms'] / max(row['index_p95_ms'], 1e-6):>11.1f}{index_cpu:>11.1f}{scan_cpu:>11.1f}")
    worst = max(results.values(), key=lambda r: r["p95_ms"])["p95_ms"]
    over = [name for name, row in results.items() if row["p95_ms"] >= TARGET_P95_MS]
    print(f"worst p95: {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms): "
          + (f"NOT met by {', '.join(over)}" if over else "met by every endpoint"))
    print(json.dumps({"claims": counts["claims"], "n": args.n, "page_size": limit, "worst_p95_ms": worst,
                      "over_target": over, "endpoints": results, "search_index_against_scan": scans}))
    store.close()


if __name__ == "__main__":
    main()
