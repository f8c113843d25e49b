"""Store throughput: write and read rates of the PostgreSQL store against the SQLite store (the baseline, measured
in the same run on the same data), and whether the two give back the same ledger (store.digest checksums).

Data: N articles of the demo corpus's texts (repeated with new ids past its 220) with hand-built records (the
identity test's ledger, tests/store/ledger.py: no spaCy). Each figure is the best of --repeat runs, each on a
fresh store (a new SQLite file; a new PostgreSQL schema, dropped after). PostgreSQL: --postgres URL, else
SITROOM_TEST_POSTGRES (.ci/postgres.sh starts a server); without one, only SQLite's figures are printed.
Also: two PostgreSQL writers at once, each with half the articles, against one writer with all (the rate of a
job whose workers share one store). Prints a table, then one JSON line.

    .venv/bin/python bench/store.py [--n 1000] [--batch 100] [--repeat 3] [--postgres postgresql://...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sitroom.model import Article, Record
from sitroom.store import Store, open_store
from sitroom.store.base import ClaimFilter, EventFilter
from sitroom.store.digest import checksum

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))
import ledger  # noqa: E402  (the identity test's data, shared so both measure the same thing)

POSTGRES_ENV = "SITROOM_TEST_POSTGRES"
# (name, what is counted) of each measured step, in order.
STEPS = (("ingest", "articles"), ("put_records", "records"), ("iter_articles", "articles"),
         ("iter_records", "records"), ("iter_claims", "rows"), ("iter_events filtered", "rows"),
         ("article(id)", "lookups"))


@contextmanager
def fresh(backend: str, postgres: str | None) -> Iterator[str]:
    """A location for a new, empty store of ``backend``, removed after."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield str(Path(folder) / "bench.db")
        return
    from sitroom.store.postgres import scratch_schema

    assert postgres is not None
    with scratch_schema(postgres, "sitroom_bench_") as url:
        yield url


def batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def timed(step: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    count = step()
    return time.perf_counter() - start, count


def run_once(store: Store, articles: list[Article], batch: int) -> dict[str, tuple[float, int]]:
    """Seconds and items of each step on one fresh store."""
    out: dict[str, tuple[float, int]] = {}

    def ingest() -> int:
        for part in batches(articles, batch):
            store.add_batch(part, "bench")
        return len(articles)

    out["ingest"] = timed(ingest)
    stored = [store.article(a.id) for a in articles]
    records: list[Record] = [ledger.record(a, i) for i, a in enumerate(stored) if a is not None]

    def put() -> int:
        for part in batches(records, batch):
            store.put_records(part, "bench")
        return len(records)

    out["put_records"] = timed(put)
    out["iter_articles"] = timed(lambda: sum(1 for _ in store.iter_articles()))
    out["iter_records"] = timed(lambda: sum(1 for _ in store.iter_records()))
    out["iter_claims"] = timed(lambda: sum(1 for _ in store.iter_claims()))
    out["iter_events filtered"] = timed(
        lambda: sum(1 for _ in store.iter_events(EventFilter(region="kharkiv")))
        + sum(1 for _ in store.iter_claims(ClaimFilter(source="україна"))))
    out["article(id)"] = timed(lambda: sum(store.article(a.id) is not None for a in articles))
    return out


def best(backend: str, postgres: str | None, n: int, batch: int, repeat: int) -> dict[str, tuple[float, int]]:
    runs = []
    for _ in range(repeat):
        with fresh(backend, postgres) as location, open_store(location) as store:
            runs.append(run_once(store, ledger.articles(n), batch))
    return {name: min((r[name] for r in runs), key=lambda t: t[0]) for name, _ in STEPS}


def concurrent_ingest(postgres: str, n: int, batch: int, writers: int) -> float:
    """Seconds for ``writers`` stores (connections) to ingest ``n`` articles together, each its share."""
    articles = ledger.articles(n)
    with fresh("postgres", postgres) as location:
        open_store(location).close()  # migrated before the clock starts
        stores = [open_store(location) for _ in range(writers)]
        shares = [articles[w::writers] for w in range(writers)]

        def write(store: Store, share: list[Article]) -> None:
            for part in batches(share, batch):
                store.add_batch(part, "bench")

        threads = [threading.Thread(target=write, args=pair) for pair in zip(stores, shares, strict=True)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - start
        assert stores[0].counts()["articles"] == n
        for store in stores:
            store.close()
    return seconds


def same_ledger(postgres: str, n: int) -> tuple[str, str]:
    """The checksums of the identity test's whole ledger of ``n`` articles in each backend."""
    sums = []
    for backend in ("sqlite", "postgres"):
        with fresh(backend, postgres) as location, open_store(location) as store:
            ledger.fill(store, n)
            sums.append(checksum(store))
    return sums[0], sums[1]


def reachable(url: str | None) -> str | None:
    """Why PostgreSQL cannot be measured, or None."""
    if not url:
        return f"no server: pass --postgres URL or set {POSTGRES_ENV}"
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as error:
        return f"{url} unreachable: {str(error).strip().splitlines()[0]}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles (and records)")
    parser.add_argument("--batch", type=int, default=100, help="articles per transaction")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV), help="a PostgreSQL server's URL")
    args = parser.parse_args()

    lite = best("sqlite", None, args.n, args.batch, args.repeat)
    missing = reachable(args.postgres)
    pg = best("postgres", args.postgres, args.n, args.batch, args.repeat) if missing is None else None

    print(f"store throughput ({args.n} articles, {args.batch} a batch, best of {args.repeat}); ratio = PostgreSQL"
          " rate / SQLite rate")
    print(f"{'step':<22}{'items':>8}{'SQLite /s':>12}{'PostgreSQL /s':>15}{'ratio':>8}")
    summary: dict[str, object] = {"n": args.n, "batch": args.batch, "repeat": args.repeat}
    for name, unit in STEPS:
        seconds, count = lite[name]
        rate = count / seconds
        row = {"unit": unit, "sqlite_per_s": round(rate, 1)}
        shown = f"{name:<22}{count:>8}{rate:>12,.0f}"
        if pg is not None:
            pg_seconds, pg_count = pg[name]
            pg_rate = pg_count / pg_seconds
            row.update(postgres_per_s=round(pg_rate, 1), ratio=round(pg_rate / rate, 3))
            shown += f"{pg_rate:>15,.0f}{pg_rate / rate:>8.2f}"
        summary[name] = row
        print(shown)
    if pg is None:
        print(f"PostgreSQL not measured ({missing})")
    else:
        one = concurrent_ingest(args.postgres, args.n, args.batch, 1)
        two = concurrent_ingest(args.postgres, args.n, args.batch, 2)
        print(f"PostgreSQL ingest, 2 writers at once against 1: {one / two:.2f}x ({args.n / one:,.0f} and"
              f" {args.n / two:,.0f} articles/s; {os.cpu_count()} cores, client and server on one machine)")
        lite_sum, pg_sum = same_ledger(args.postgres, args.n)
        print(f"identity: the ledger's checksum {'matches' if lite_sum == pg_sum else 'DIFFERS'}"
              f" (SQLite {lite_sum[:16]}, PostgreSQL {pg_sum[:16]})")
        summary.update(two_writers_vs_one=round(one / two, 3), checksum_sqlite=lite_sum, checksum_postgres=pg_sum,
                       identical=lite_sum == pg_sum)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
