"""Fusion scaling: time and memory to fuse N and 10 N articles' records; time(10 N) / time(N) (target <= 13:
blocking and LSH keep it near linear, a quadratic fusion would be ~100) and the memory of the fusion state for
100,000 articles, extrapolated linearly from the two measured sizes (stated as an extrapolation, not measured).

Records: a store's (``--db``, e.g. one `sitroom run` filled), or a JSONL file of records (``--records``, one
``model.to_dict(record)`` a line), else the records of the demo corpus annotated once here. To reach 10 N they are repeated with new article ids, shifted in time by a week per copy (so copies
make clusters of their own, as new weeks of news do) and with their texts varied (so they are not all copies
of one another). Prints a table, then one JSON line.

    .venv/bin/python bench/fuse.py [--n 200] [--db sitroom.db | --records records.jsonl]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import json
import time
import tracemalloc
from pathlib import Path

from sitroom.fuse.ledger import Fusion
from sitroom.model import Record, from_dict, to_dict

DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo.jsonl"
TARGET_ARTICLES = 100_000


def load_records(db: str | None, n: int, path: str | None = None) -> list[Record]:
    if path:
        with open(path, encoding="utf-8") as lines:
            return [from_dict(Record, json.loads(line)) for line, _ in zip(lines, range(n))]
    if db:
        from sitroom.store import open_store

        with open_store(db) as store:
            return list(store.iter_records())
    from sitroom.config import Config
    from sitroom.ingest import read_paths
    from sitroom.model import Article
    from sitroom.nlp import annotate, load_pipeline

    config = Config()
    articles = [a for a in read_paths([DEMO], config.ingest) if isinstance(a, Article)][:n]
    nlp = load_pipeline(config.nlp)
    return [r for r in annotate(nlp, articles, config.nlp) if isinstance(r, Record)]


def _shift(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def copies(records: list[Record], total: int) -> list[Record]:
    """``total`` records: the originals, then copies with new ids, a week later per round, words varied."""
    out: list[Record] = []
    round_ = 0
    while len(out) < total:
        for record in records:
            if len(out) >= total:
                break
            if round_ == 0:
                out.append(record)
                continue
            data = to_dict(record)
            aid = f"{record.article.id}~{round_}"
            text = data["article"]["text"]
            data["article"].update(id=aid, published=_shift(record.article.published, 7 * round_),
                                   text=f"Week {round_}. " + text.replace(" the ", f" the{round_ % 7} ", 50))
            for t in data["times"]:
                t["start"] = _shift(t.get("start"), 7 * round_)
            copy = from_dict(Record, data)
            out.append(dataclasses.replace(copy))
        round_ += 1
    return out


def measure(records: list[Record]) -> tuple[float, float, int]:
    """Wall and CPU seconds of a run without tracing (tracemalloc slows Python down), then the traced peak of a
    second run. CPU seconds are what a shared, loaded machine does not inflate."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    fusion = Fusion()
    fusion.add(records)
    fusion.clusters()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    del fusion
    gc.collect()
    tracemalloc.start()
    fusion = Fusion()
    fusion.add(records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--db", default=None, help="a sitroom store whose records to use")
    parser.add_argument("--records", default=None, help="a JSONL file of records (model.to_dict) to use")
    args = parser.parse_args()
    base = load_records(args.db, args.n, args.records)[: args.n]
    small, large = copies(base, args.n), copies(base, 10 * args.n)
    t_small, c_small, m_small = measure(small)
    t_large, c_large, m_large = measure(large)
    per_article = (m_large - m_small) / (len(large) - len(small))
    extrapolated = m_small + per_article * (TARGET_ARTICLES - len(small))
    ratio, cpu_ratio = t_large / t_small, c_large / c_small
    rows = [("articles", len(small), len(large)), ("seconds", f"{t_small:.2f}", f"{t_large:.2f}"),
            ("CPU seconds", f"{c_small:.2f}", f"{c_large:.2f}"),
            ("peak MB (tracemalloc)", f"{m_small / 1e6:.1f}", f"{m_large / 1e6:.1f}")]
    print(f"{'':24}{'N':>12}{'10 N':>12}")
    for name, a, b in rows:
        print(f"{name:24}{a!s:>12}{b!s:>12}")
    print(f"time(10 N) / time(N): {ratio:.2f} (target <= 13); in CPU seconds: {cpu_ratio:.2f}")
    print(f"memory for {TARGET_ARTICLES:,} articles: {extrapolated / 1e9:.2f} GB"
          f" (extrapolated linearly from the two measured sizes, not measured)")
    print(json.dumps({"n": len(small), "n10": len(large), "seconds_n": round(t_small, 3),
                      "seconds_10n": round(t_large, 3), "ratio": round(ratio, 2),
                      "cpu_seconds_n": round(c_small, 3), "cpu_seconds_10n": round(c_large, 3),
                      "cpu_ratio": round(cpu_ratio, 2),
                      "peak_bytes_n": m_small, "peak_bytes_10n": m_large,
                      "extrapolated_bytes_100k": int(extrapolated), "extrapolated": True}))


if __name__ == "__main__":
    main()
