"""Speed of the whole job (`sitroom run`'s ingest, extraction and fusion, local engine) against spaCy's pipeline
alone on the same texts, for both profiles.

Everything runs in this process on the same input: the first ``--docs`` items of corpus/demo.jsonl (220 CC BY 4.0
texts) are ingested into a new store and the spaCy model alone (with sitroom's blank-line sentence splitter, as
in bench/extract.py) reads the stored texts: the baseline, the best of one run before the jobs and one after (a
busy machine hits both alike). Then each profile's whole job runs into a new store: ingest, load the pipeline,
extract every article, fuse. Loading is reported apart; the ratios are of the job without it (a fixed cost of
seconds, nothing beside an archive). Prints a table and, last, one JSON line.

    .venv/bin/python bench/pipeline.py [--docs 80] [--profiles fast,accurate]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from spacy.language import Language

from sitroom.config import PROFILES, Config, NlpOptions
from sitroom.model import Article
from sitroom.nlp import load_pipeline
from sitroom.run.batch import extract_articles, fuse_store
from sitroom.run.identity import fingerprint
from sitroom.run.local import ingest_paths
from sitroom.store import SQLiteStore

DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo.jsonl"


def slice_of_demo(docs: int, folder: Path) -> Path:
    path = folder / "input.jsonl"
    with DEMO.open(encoding="utf-8") as lines:
        path.write_text("".join(line for _, line in zip(range(docs), lines)), encoding="utf-8")
    return path


def stored_articles(db: Path) -> list[Article]:
    with SQLiteStore(db) as store:
        return list(store.iter_articles())


def whole_job(corpus: Path, db: Path, profile: str) -> dict[str, float]:
    """One profile's job into a new store, each step timed."""
    config = Config()
    config.nlp.profile = profile
    seconds: dict[str, float] = {}
    with SQLiteStore(db) as store:
        started = time.perf_counter()
        ingest_paths(store, [corpus], config, "bench")
        seconds["ingest"] = time.perf_counter() - started

        started = time.perf_counter()
        nlp = load_pipeline(config.nlp)
        pipeline = fingerprint(nlp)
        seconds["load"] = time.perf_counter() - started

        started = time.perf_counter()
        result = extract_articles(store, nlp, pipeline, store.ids_to_extract(pipeline), config)
        seconds["extract"] = time.perf_counter() - started

        started = time.perf_counter()
        fuse_store(store, config.fuse)
        seconds["fuse"] = time.perf_counter() - started
        seconds["records"] = result.stored
    seconds["job"] = seconds["ingest"] + seconds["extract"] + seconds["fuse"]
    return seconds


def spacy_alone(nlp: Language, texts: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=NlpOptions().batch_size):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=80, help="items of corpus/demo.jsonl (default 80, at most 220)")
    parser.add_argument("--profiles", default="fast,accurate", help="comma-separated (default fast,accurate)")
    args = parser.parse_args()
    profiles = [p for p in args.profiles.split(",") if p]
    unknown = [p for p in profiles if p not in PROFILES]
    if unknown:
        parser.error(f"unknown profile {unknown[0]!r} (known: {', '.join(PROFILES)})")

    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        folder = Path(tmp)
        corpus = slice_of_demo(args.docs, folder)
        with SQLiteStore(folder / "texts.db") as store:
            ingest_paths(store, [corpus], Config(), "bench")
        texts = [a.text for a in stored_articles(folder / "texts.db")]  # the clean texts the job reads
        base = load_pipeline(NlpOptions(pipeline=[]))
        list(base.pipe(texts[:4]))  # warm up
        spacy_s = spacy_alone(base, texts)
        jobs = {profile: whole_job(corpus, folder / f"{profile}.db", profile) for profile in profiles}
        spacy_s = min(spacy_s, spacy_alone(base, texts))  # before and after the jobs: a busy machine hits both
    words = sum(len(t.split()) for t in texts)

    print(f"{len(texts)} articles, {words} words, from corpus/demo.jsonl")
    print(f"{'run':<34} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'x spaCy':>8}   load s  ingest  extract  fuse")
    print(f"{'spaCy pipeline alone (baseline)':<34} {spacy_s:>8.2f} {len(texts) / spacy_s:>11.2f} {words / spacy_s:>9.0f}"
          f" {1.0:>8.2f}")
    for profile, s in jobs.items():
        print(f"{'whole job, ' + profile + ' profile':<34} {s['job']:>8.2f} {len(texts) / s['job']:>11.2f}"
              f" {words / s['job']:>9.0f} {spacy_s / s['job']:>8.2f}   {s['load']:>6.1f}  {s['ingest']:>6.1f}"
              f"  {s['extract']:>7.1f}  {s['fuse']:>4.1f}")
    print(json.dumps({
        "bench": "pipeline", "articles": len(texts), "words": words,
        "spacy_words_per_s": round(words / spacy_s), "spacy_articles_per_s": round(len(texts) / spacy_s, 2),
        "profiles": {profile: {
            "articles_per_s": round(len(texts) / s["job"], 2), "words_per_s": round(words / s["job"]),
            "ratio_to_spacy": round(spacy_s / s["job"], 3), "records": int(s["records"]),
            "seconds": {k: round(v, 2) for k, v in s.items() if k != "records"},
        } for profile, s in jobs.items()},
    }))


if __name__ == "__main__":
    main()
