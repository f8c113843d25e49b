"""Speed of the sitroom extractors against spaCy's own pipeline on the same texts.

Everything is measured in this process on the same texts: first the spaCy model alone (the baseline), then each
sitroom component in pipeline order over the already-parsed Docs, then the whole configured pipeline end to end.
Texts come from ../shared/corpus (or PolNeAR dev), else a generated fallback. Prints a table and, last, one JSON
line. Issue 5 asks the full extraction to keep >= 0.7x of spaCy alone.

    .venv/bin/python bench/extract.py [--docs N] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitroom.config import DEFAULT_PIPELINE, NlpOptions
from sitroom.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_texts(limit: int) -> tuple[list[str], str]:
    """Up to ``limit`` article texts and where they came from."""
    corpus = SHARED / "corpus"
    for path in sorted(corpus.rglob("*.jsonl")) if corpus.is_dir() else []:
        texts = []
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    text = json.loads(line).get("text", "")
                except json.JSONDecodeError:
                    continue
                if text:
                    texts.append(text)
                if len(texts) >= limit:
                    break
        if texts:
            return texts, str(path.relative_to(SHARED))
    polnear = SHARED / "eval" / "attribution" / "polnear" / "dev" / "text"
    if polnear.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))[:limit]], "polnear dev"
    sentence = ('The ministry said on Monday that {n} drones were shot down overnight near Kharkiv, but the claim '
                'could not be independently verified. "We will respond," President Ivan Petrenko told reporters. ')
    return ["".join(sentence.format(n=i + j) for j in range(12)) for i in range(limit)], "generated"


def texts_and_rounds(description: str) -> tuple[list[str], str, int, int]:
    """The command line both pipeline benches share: their texts, where those came from, how many words they hold,
    and how many timed rounds to run."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--docs", type=int, default=60, help="number of texts (default 60)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best of each is kept (default 3)")
    args = parser.parse_args()
    texts, origin = load_texts(args.docs)
    return texts, origin, sum(len(t.split()) for t in texts), args.rounds


def main() -> None:
    texts, origin, words, rounds = texts_and_rounds(__doc__.splitlines()[0])

    base = load_pipeline(NlpOptions(pipeline=[]))  # the spaCy model (with the blank-line sentence splitter)
    full = load_pipeline(NlpOptions(pipeline=list(DEFAULT_PIPELINE)))
    list(base.pipe(texts[:4]))
    list(full.pipe(texts[:4]))  # warm up both (lexicons, gazetteer connection, caches)
    components = [(name, full.get_pipe(name)) for name in DEFAULT_PIPELINE]

    # best of ROUNDS, baseline and full pipeline interleaved, so a busy shared machine hits both alike
    spacy_s = full_s = float("inf")
    component_s = {name: float("inf") for name, _ in components}
    found: dict[str, int] = {}
    for _ in range(rounds):
        started = time.perf_counter()
        docs = list(base.pipe(texts, batch_size=16))
        spacy_s = min(spacy_s, time.perf_counter() - started)

        for name, component in components:
            started = time.perf_counter()
            docs = [component(doc) for doc in docs]
            component_s[name] = min(component_s[name], time.perf_counter() - started)
        found = {ext: sum(len(getattr(doc._, ext) or []) for doc in docs)
                 for ext in ("times", "quantities", "places", "claims", "events")}

        started = time.perf_counter()
        list(full.pipe(texts, batch_size=16))
        full_s = min(full_s, time.perf_counter() - started)

    sitroom_s = sum(component_s.values())
    rows = [("spaCy pipeline alone (baseline)", spacy_s)]
    rows += [(f"{name} on parsed Docs", seconds) for name, seconds in component_s.items()]
    rows += [("all sitroom components on parsed Docs", sitroom_s), ("full pipeline end to end", full_s)]
    print(f"{len(texts)} texts, {words} words, from {origin}; found {found}")
    print(f"{'stage':<50} {'seconds':>8} {'words/s':>10} {'x spaCy':>8}")
    for name, seconds in rows:
        print(f"{name:<50} {seconds:>8.2f} {words / seconds:>10.0f} {spacy_s / seconds:>8.2f}")
    print(json.dumps({
        "bench": "extract", "texts": len(texts), "words": words, "origin": origin, "found": found,
        "spacy_words_per_s": round(words / spacy_s),
        "components_words_per_s": {name: round(words / s) for name, s in component_s.items()},
        "end_to_end_words_per_s": round(words / full_s),
        "end_to_end_ratio_to_spacy": round(spacy_s / full_s, 3),
    }))


if __name__ == "__main__":
    main()
