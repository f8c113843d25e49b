"""Speed of the time tagger (sitroom_times) and the quantity tagger (sitroom_quantities) on their own, on one core.

Measured in this process on the same parsed Docs: the spaCy tokenizer alone over the texts (the baseline: the
cheapest pass any component makes), a plain word regex scan, then each sitroom component over the Docs the
spaCy model already parsed (parsing is not the tagger's cost and is not counted). Words are whitespace-split.
Texts: the repository's demo corpus (corpus/demo.jsonl, CC BY 4.0). Prints a table and, last, one JSON line.

    .venv/bin/python bench/time.py [--docs N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.extract.quantities import QuantityTagger
from sitroom.extract.times import TimeTagger
from sitroom.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "demo.jsonl"


def load_texts(limit: int) -> list[str]:
    texts = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text", "")
            if text:
                texts.append(text)
            if len(texts) >= limit:
                break
    return texts


def timed(run: Callable[[], object], repeat: int) -> float:
    """Best of ``repeat`` wall times (the least disturbed by the other processes on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=220, help="number of texts (default: all 220)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure; the best is kept")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    texts = load_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline(NlpOptions(pipeline=[]))  # the model and its sentence rules, no sitroom extractor
    docs = list(nlp.pipe(texts))  # parsed once, outside the clock
    times = TimeTagger(infer_publication=True)
    quantities = QuantityTagger(skip_times=True)
    word_regex = re.compile(r"\w+")

    def fresh(doc: Doc) -> Doc:
        """Forget per-Doc caches (the text string, sentence starts) so each pass pays for its own."""
        doc.user_data.pop("sitroom_text", None)
        doc.user_data.pop("sitroom_sentence_starts", None)
        return doc

    def run_times() -> None:
        for doc in docs:
            doc._.published = None  # the harder path: publication date inferred as well
            times(fresh(doc))

    rows = {
        "spacy_tokenizer": timed(lambda: [nlp.make_doc(t) for t in texts], args.repeat),
        "regex_word_scan": timed(lambda: [word_regex.findall(t) for t in texts], args.repeat),
        "sitroom_times": timed(run_times, args.repeat),
        "sitroom_quantities": timed(lambda: [quantities(fresh(d)) for d in docs], args.repeat),
    }
    baseline = rows["spacy_tokenizer"]
    print(f"{len(texts)} texts, {words} words, one core, best of {args.repeat}")
    print(f"{'pass':<20}{'seconds':>10}{'words/s':>12}{'x tokenizer time':>18}")
    for name, seconds in rows.items():
        print(f"{name:<20}{seconds:>10.3f}{words / seconds:>12,.0f}{seconds / baseline:>18.2f}")
    result = {"texts": len(texts), "words": words}
    for name, seconds in rows.items():
        result[f"{name}_words_per_s"] = round(words / seconds)
        result[f"{name}_time_vs_tokenizer"] = round(seconds / baseline, 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
