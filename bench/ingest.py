"""Ingest throughput: documents/s for JSONL and HTML through read_paths, against merely reading the same files.

Inputs: ../shared/corpus (JSONL) and the article-extraction benchmark's 181 gzipped pages (HTML); where
../shared is absent, generated documents of similar size. The baseline, measured in the same run, reads and
decompresses the same files and splits JSONL into lines, without parsing anything; for HTML a second baseline
is trafilatura's own extract() of the same pages (no metadata, captions, cleaning or language check).
Prints a table, then one JSON line.

    .venv/bin/python bench/ingest.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sitroom.config import IngestOptions
from sitroom.ingest import read_paths

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
PAGES = SHARED / "eval" / "extraction" / "scrapinghub_article_extraction_benchmark" / "html"
SENTENCE = "Officials said the evacuation of villages along the border would continue through the week. "


def generated(root: Path) -> tuple[list[Path], list[Path]]:
    """Stand-ins when ../shared is absent: 500 JSONL documents and 100 HTML pages of a few thousand characters."""
    jsonl = root / "docs.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for i in range(500):
            text = "\n\n".join(f"{i} {SENTENCE * 4}" for _ in range(6))
            doc = {"id": str(i), "url": f"https://example.com/{i}", "title": f"T{i}", "text": text}
            out.write(json.dumps(doc) + "\n")
    pages = root / "html"
    pages.mkdir()
    for i in range(100):
        body = "".join(f"<p>{i} {SENTENCE * 4}</p>" for _ in range(8))
        nav = "".join(f"<li><a href='/{j}'>Section {j}</a></li>" for j in range(40))
        html = f"<html><head><title>P{i}</title></head><body><nav><ul>{nav}</ul></nav>"
        html += f"<article>{body}</article></body></html>"
        (pages / f"{i}.html.gz").write_bytes(gzip.compress(html.encode()))
    return [jsonl], sorted(pages.iterdir())


def read_only(paths: list[Path]) -> int:
    """Baseline: bytes read (and gunzipped), JSONL split into lines; returns the number of documents."""
    documents = 0
    for path in paths:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        documents += data.count(b"\n") if ".jsonl" in path.name else 1
    return documents


def trafilatura_only(paths: list[Path]) -> int:
    """Second HTML baseline: trafilatura's own extraction of the same pages, text only, no metadata."""
    import trafilatura

    for path in paths:
        trafilatura.extract(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())
    return len(paths)


def ingest(paths: list[Path]) -> int:
    options = IngestOptions()
    return sum(1 for _ in read_paths(paths, options))


def best_rate(run: Callable[[list[Path]], int], paths: list[Path], repeat: int) -> tuple[int, float]:
    """(documents, best documents/s over ``repeat`` runs)."""
    best = float("inf")
    documents = 0
    for _ in range(repeat):
        start = time.perf_counter()
        documents = run(paths)
        best = min(best, time.perf_counter() - start)
    return documents, documents / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if CORPUS.exists() and PAGES.exists():
            source = "shared"
            jsonl, html = sorted(CORPUS.glob("*.jsonl")), sorted(PAGES.glob("*.html.gz"))
        else:
            source = "generated"
            jsonl, html = generated(Path(tmp))
        results = {}
        for name, paths in (("jsonl", jsonl), ("html", html)):
            documents, base = best_rate(read_only, paths, args.repeat)
            items, rate = best_rate(ingest, paths, args.repeat)
            results[name] = {
                "documents": items, "docs_per_s": rate, "read_docs_per_s": base, "ratio_to_read": rate / base
            }
        _, bare = best_rate(trafilatura_only, html, args.repeat)
        html_rate = results["html"]["docs_per_s"]
        results["html"].update({"trafilatura_docs_per_s": bare, "ratio_to_trafilatura": html_rate / bare})
    print(f"ingest throughput ({source} data, best of {args.repeat})")
    print(f"{'format':<8}{'documents':>10}{'ingest docs/s':>15}{'read-only docs/s':>18}{'ratio':>10}")
    for name, r in results.items():
        print(
            f"{name:<8}{r['documents']:>10}{r['docs_per_s']:>15.1f}"
            f"{r['read_docs_per_s']:>18.1f}{r['ratio_to_read']:>10.4f}"
        )
    print(
        f"html through trafilatura.extract alone: {results['html']['trafilatura_docs_per_s']:.1f} docs/s "
        f"(sitroom's reader runs at {results['html']['ratio_to_trafilatura']:.2f} of that)"
    )
    summary = {"bench": "ingest", "data": source, "repeat": args.repeat}
    for name, r in results.items():
        summary.update({f"{name}_{k}": (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()})
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
