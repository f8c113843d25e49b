"""Speed of toponym resolution (sitroom's context-aware Resolver) against a most-populous-namesake lookup.

Both run in this process, on one core, over the same mentions: LGL's gold toponyms grouped by article when
../shared is present, else articles of 15 names drawn from the gazetteer itself. Each is measured cold (a freshly
opened gazetteer, empty caches) and warm (second pass). Resolution only: recognition needs the spaCy parse,
which bench/extract.py measures. Prints a table and, last, one JSON line.

    .venv/bin/python bench/places.py
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from sitroom.eval.geo import read_corpus
from sitroom.extract.places import Cues, MentionInput, PlacesLexicon, Resolver
from sitroom.geo.gazetteer import Gazetteer, default_path

REPO = Path(__file__).resolve().parents[1]
LGL = REPO.parent / "shared" / "eval" / "geo" / "LGL"


def load_articles(gazetteer: Gazetteer) -> tuple[list[list[MentionInput]], str]:
    """Mentions per article, with their textual cues, and where they came from."""
    if LGL.exists():
        cues = Cues(PlacesLexicon.load())
        articles = read_corpus(LGL)
        return [cues.mentions(a.text, [(t.start, t.end) for t in a.toponyms]) for a in articles], "LGL gold names"
    rows = gazetteer.connection.execute("SELECT name FROM places WHERE rowid % 53 = 0 LIMIT 3000").fetchall()
    names = [r[0] for r in rows]
    groups = [names[i : i + 15] for i in range(0, len(names), 15)]
    return [[MentionInput(0, len(n), n) for n in group] for group in groups], "gazetteer names"


def most_populous(gazetteer: Gazetteer) -> Callable[[list[MentionInput]], list[object]]:
    def run(mentions: list[MentionInput]) -> list[object]:
        return [max(gazetteer.lookup(m.name), key=lambda c: c.population, default=None) for m in mentions]

    return run


def timed(run: Callable[[list[MentionInput]], list[object]], articles: list[list[MentionInput]]) -> float:
    started = time.perf_counter()
    for mentions in articles:
        run([MentionInput(**vars(m)) for m in mentions])  # fresh inputs: the resolver may rewrite them
    return time.perf_counter() - started


def main() -> None:
    path = default_path()
    articles, source = load_articles(Gazetteer.open(path))
    count = sum(len(a) for a in articles)
    rows: list[tuple[str, str, float]] = []
    for label, make in (
        ("most populous (baseline)", most_populous),
        ("sitroom Resolver", lambda g: Resolver(g).resolve),
    ):
        gazetteer = Gazetteer.open(path)  # fresh caches
        run = make(gazetteer)
        rows.append((label, "cold", count / timed(run, articles)))
        rows.append((label, "warm", count / timed(run, articles)))
    print(f"{count} mentions in {len(articles)} articles ({source}), one core")
    print(f"{'method':28} {'cache':6} {'mentions/s':>12} {'vs baseline':>12}")
    base = {cache: rate for label, cache, rate in rows if label.startswith("most")}
    for label, cache, rate in rows:
        print(f"{label:28} {cache:6} {rate:12,.0f} {rate / base[cache]:12.2f}")
    resolver = {cache: rate for label, cache, rate in rows if label.startswith("sitroom")}
    print(json.dumps({
        "bench": "places", "source": source, "mentions": count,
        "resolver_mentions_per_s_cold": round(resolver["cold"]), "resolver_mentions_per_s_warm": round(resolver["warm"]),
        "baseline_mentions_per_s_cold": round(base["cold"]), "baseline_mentions_per_s_warm": round(base["warm"]),
        "ratio_cold": round(resolver["cold"] / base["cold"], 3), "ratio_warm": round(resolver["warm"] / base["warm"], 3),
    }))


if __name__ == "__main__":
    main()
