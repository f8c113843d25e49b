"""Speed of the sitroom extractors against spaCy's own pipeline on the same texts, in each profile.

Everything is measured in this process on the same texts: first the profile's base alone (the baseline: the spaCy
model, and in the accurate profile the shared encoder after it), then each sitroom component in pipeline order over
the already-read Docs, then the whole profile's pipeline end to end. The accurate profile's components differ from
the fast one's where they read the encoder's vectors (the claims tagger, the event detector), so the events
component is timed in both: its seconds, CPU seconds and share of the profile's whole pipeline are printed per
profile (CPU seconds of this process, which a machine shared with other work disturbs less than wall-clock time).
Texts come from ../shared/corpus (or PolNeAR dev), else a generated fallback. Prints a table per profile and, last,
one JSON line. Issue 5 asks the full fast extraction to keep >= 0.7x of spaCy alone; issue 13's budgets are the
fast profile >= 0.7x and the accurate one >= 0.3x of spaCy alone (bench/encoder.py).

    .venv/bin/python bench/extract.py [--docs N] [--rounds R] [--profiles fast,accurate]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from sitroom.config import DEFAULT_PIPELINE, PROFILES, NlpOptions
from sitroom.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The profiles timed by default, the fast one first (its base is spaCy alone: the ratio issue 5 asks about).
BENCH_PROFILES = ("fast", "accurate")


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
    texts, origin, words, rounds, _ = texts_rounds_profiles(description)
    return texts, origin, words, rounds


def texts_rounds_profiles(description: str) -> tuple[list[str], str, int, int, list[str]]:
    """:func:`texts_and_rounds` and the profiles to time (``--profiles``, this bench's own option)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--docs", type=int, default=60, help="number of texts (default 60)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best of each is kept (default 3)")
    parser.add_argument("--profiles", default=",".join(BENCH_PROFILES),
                        help=f"comma-separated profiles to time (default {','.join(BENCH_PROFILES)})")
    args, _ = parser.parse_known_args()
    profiles = [p.strip() for p in args.profiles.split(",") if p.strip()]
    unknown = [p for p in profiles if p not in PROFILES]
    if unknown:
        parser.error(f"unknown profile(s) {', '.join(unknown)} (known: {', '.join(PROFILES)})")
    texts, origin = load_texts(args.docs)
    return texts, origin, sum(len(t.split()) for t in texts), args.rounds, profiles


def time_profile(profile: str, texts: list[str], words: int, rounds: int) -> dict:
    """One profile timed: its base alone, each sitroom component on the base's Docs, the whole pipeline; best of
    ``rounds`` for each (wall-clock and CPU seconds apart), the rounds interleaved so a busy machine hits all alike."""
    base = load_pipeline(NlpOptions(profile=profile, pipeline=[]))  # spaCy (+ the encoder in accurate)
    full = load_pipeline(NlpOptions(profile=profile, pipeline=list(DEFAULT_PIPELINE)))
    list(base.pipe(texts[:4]))
    list(full.pipe(texts[:4]))  # warm up both (lexicons, gazetteer connection, caches)
    components = [(name, full.get_pipe(name)) for name in DEFAULT_PIPELINE]
    wall = {name: float("inf") for name in ["base", *DEFAULT_PIPELINE, "full"]}
    cpu = dict(wall)
    found: dict[str, int] = {}

    def timed(key: str, work: Callable[[], list]) -> list:
        started, cpu_started = time.perf_counter(), time.process_time()
        out = work()
        wall[key] = min(wall[key], time.perf_counter() - started)
        cpu[key] = min(cpu[key], time.process_time() - cpu_started)
        return out

    for _ in range(rounds):
        docs = timed("base", lambda: list(base.pipe(texts, batch_size=16)))
        for name, component in components:
            docs = timed(name, lambda c=component, d=docs: [c(doc) for doc in d])
        found = {ext: sum(len(getattr(doc._, ext) or []) for doc in docs)
                 for ext in ("times", "quantities", "places", "claims", "events")}
        timed("full", lambda: list(full.pipe(texts, batch_size=16)))
    return {"profile": profile, "wall": wall, "cpu": cpu, "found": found}


def print_profile(result: dict, words: int) -> None:
    wall, cpu, profile = result["wall"], result["cpu"], result["profile"]
    base_s = wall["base"]
    base_label = "spaCy pipeline alone (baseline)" if profile == "fast" else "spaCy + shared encoder (baseline)"
    sitroom_s = sum(wall[name] for name in DEFAULT_PIPELINE)
    rows = [(base_label, base_s, cpu["base"])]
    rows += [(f"{name} on parsed Docs", wall[name], cpu[name]) for name in DEFAULT_PIPELINE]
    rows += [("all sitroom components on parsed Docs", sitroom_s, sum(cpu[name] for name in DEFAULT_PIPELINE)),
             ("full pipeline end to end", wall["full"], cpu["full"])]
    print(f"profile {profile}: found {result['found']}")
    print(f"{'stage':<50} {'seconds':>8} {'CPU s':>7} {'words/s':>10} {'x base':>8}")
    for name, seconds, cpu_s in rows:
        print(f"{name:<50} {seconds:>8.2f} {cpu_s:>7.2f} {words / seconds:>10.0f} {base_s / seconds:>8.2f}")
    events_s, events_cpu = wall["sitroom_events"], cpu["sitroom_events"]
    print(f"events component, {profile}: {events_s:.2f} s ({events_cpu:.2f} CPU s), {words / events_s:.0f} words/s, "
          f"{100 * events_s / wall['full']:.1f} % of the whole pipeline's time")


def main() -> None:
    texts, origin, words, rounds, profiles = texts_rounds_profiles(__doc__.splitlines()[0])
    results = [time_profile(profile, texts, words, rounds) for profile in profiles]
    print(f"{len(texts)} texts, {words} words, from {origin}")
    for result in results:
        print_profile(result, words)
    spacy_s = next((r["wall"]["base"] for r in results if r["profile"] == "fast"), None)
    summary: dict = {"bench": "extract", "texts": len(texts), "words": words, "origin": origin, "profiles": {}}
    for result in results:
        wall, cpu = result["wall"], result["cpu"]
        summary["profiles"][result["profile"]] = {
            "found": result["found"],
            "base_words_per_s": round(words / wall["base"]),
            "components_words_per_s": {name: round(words / wall[name]) for name in DEFAULT_PIPELINE},
            "components_cpu_s": {name: round(cpu[name], 3) for name in DEFAULT_PIPELINE},
            "events_s": round(wall["sitroom_events"], 3), "events_cpu_s": round(cpu["sitroom_events"], 3),
            "events_share_of_pipeline": round(wall["sitroom_events"] / wall["full"], 4),
            "end_to_end_words_per_s": round(words / wall["full"]),
            "end_to_end_ratio_to_base": round(wall["base"] / wall["full"], 3),
        }
        if spacy_s is not None:
            summary["profiles"][result["profile"]]["end_to_end_ratio_to_spacy"] = round(spacy_s / wall["full"], 3)
    if "fast" in summary["profiles"]:  # the keys issue 5's readers look for, as before
        fast = summary["profiles"]["fast"]
        summary.update(found=fast["found"], spacy_words_per_s=fast["base_words_per_s"],
                       components_words_per_s=fast["components_words_per_s"],
                       end_to_end_words_per_s=fast["end_to_end_words_per_s"],
                       end_to_end_ratio_to_spacy=fast["end_to_end_ratio_to_base"])
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
