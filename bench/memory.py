"""Peak memory of `sitroom extract` against the documented budget (1 GB a process by default).

Each case runs in a fresh process (ingest, then extract into a new store) and reads its peak resident set from
the kernel (ru_maxrss of the child). The baseline, measured in the same run, is a process that only loads the
pipeline and the gazetteer, so the ratio says what reading articles adds. Cases: the demo corpus (220 texts),
and sixteen articles of 200,000 characters (demo texts joined, CC BY 4.0); it checks that every article was
extracted and read to its end (evidence in its last tenth).

    python bench/memory.py [--quick] [--profile fast|accurate]
        # --quick: four long articles instead of sixteen; --profile: the pipeline read with (default: the config's)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitroom.config import PROFILES

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "corpus" / "demo.jsonl"
BUDGET_MB = 1024
LONG_CHARS = 200_000


def long_articles(count: int, folder: Path) -> Path:
    texts = [json.loads(line)["text"] for line in DEMO.open(encoding="utf-8")]
    path = folder / "long.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            parts, size, j = [], 0, i
            while size < LONG_CHARS:
                parts.append(texts[j % len(texts)])
                size += len(parts[-1]) + 2
                j += 7
            text = "\n\n".join(parts)[:LONG_CHARS]
            out.write(json.dumps({"id": f"long-{i}", "title": f"Long {i}", "published": "2022-03-01",
                                  "url": f"https://example.org/long/{i}", "text": text}) + "\n")
    return path


# A fresh parent per case, so each case's ru_maxrss is its own child's (the kernel keeps the largest child's).
MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
           " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_of(command: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of one child process run to its end."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True)
    return int(done.stdout.split()[-1]) / 1024, time.perf_counter() - start


# An article counts as read to the end when some evidence lies in its last tenth (windows cover every
# character; this checks the last window's records were stored).
TAIL_SHARE = 0.1


def covered(db: Path) -> tuple[int, int, int]:
    """(records stored, articles, records with evidence in the article's last TAIL_SHARE of text)."""
    from sitroom.model import iter_evidence
    from sitroom.store import SQLiteStore

    with SQLiteStore(db) as store:
        articles = store.article_ids()
        records = [r for r in (store.record(i) for i in articles) if r is not None]
    tail = sum(1 for r in records
               if max((e.end for e in iter_evidence(r.claims + r.places + r.times)), default=0)
               >= (1 - TAIL_SHARE) * len(r.article.text))
    return len(records), len(articles), tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="four long articles instead of sixteen")
    parser.add_argument("--profile", choices=PROFILES, help="the profile extracted with (default: the config's)")
    args = parser.parse_args()
    quick = args.quick
    profile = ["--profile", args.profile] if args.profile else []
    options = f"NlpOptions(profile={args.profile!r})" if args.profile else "NlpOptions()"
    python = sys.executable
    rows = []
    coverage: list[tuple[str, int, int, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        loaded, _ = peak_of([python, "-c", "from sitroom.config import NlpOptions; from sitroom.nlp import"
                             f" load_pipeline; load_pipeline({options})"])
        rows.append(("pipeline and gazetteer loaded", loaded, 0.0, 0))
        for name, source in (("demo corpus (220 texts)", DEMO),
                             (f"{4 if quick else 16} articles of 200,000 characters",
                              long_articles(4 if quick else 16, folder))):
            db = folder / f"{len(rows)}.db"
            subprocess.run([python, "-m", "sitroom", "ingest", str(source), "--db", str(db)], check=True,
                           stdout=subprocess.DEVNULL)
            peak, seconds = peak_of([python, "-m", "sitroom", "extract", "--db", str(db), *profile])
            chars = sum(len(json.loads(line)["text"]) for line in source.open(encoding="utf-8"))
            rows.append((name, peak, seconds, chars))
            coverage.append((name, *covered(db)))
    for name, extracted, articles, reaching in coverage:
        print(f"{name}: {extracted} of {articles} articles extracted; {reaching} with evidence in their last"
              f" {TAIL_SHARE:.0%} of text (read to the end)")
    print(f"{'case':45} {'peak MB':>8} {'x loaded':>9} {'seconds':>8} {'chars':>10}  budget {BUDGET_MB} MB")
    for name, peak, seconds, chars in rows:
        verdict = "within" if peak <= BUDGET_MB else "OVER"
        print(f"{name:45} {peak:8.0f} {peak / loaded:9.2f} {seconds:8.1f} {chars:10d}  {verdict}")
    print(f"profile: {args.profile or 'the config default'}")
    print(json.dumps({"budget_mb": BUDGET_MB, "profile": args.profile or "", "coverage": [
        {"case": name, "extracted": extracted, "articles": articles, "evidence_in_tail": reaching}
        for name, extracted, articles, reaching in coverage], "cases": [
        {"case": name, "peak_mb": round(peak), "ratio_to_loaded": round(peak / loaded, 2), "seconds": round(seconds, 1),
         "chars": chars} for name, peak, seconds, chars in rows]}))


if __name__ == "__main__":
    main()
