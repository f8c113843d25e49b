"""Count PolNeAR train's cue extents (``sitroom.extract.claims.cue_extent``): for each kind of neighbour of a gold
cue's verb, how often the gold cue includes it. Reproducible (sorted output, no randomness); rebuilds
``data/claims/cue_extent.tsv``:

    .venv/bin/python -m sitroom.train.cue_extent --data ../shared/eval/attribution/polnear --split train
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, Token

from sitroom.eval.attribution import GoldRelation
from sitroom.extract.claims.cue_extent import GOVERNOR, TABLE_FILE, governor_of, neighbour_kinds
from sitroom.train.polnear import packaged_path, parsed_training_split

# Kinds seen fewer times than this are not written to the table at all (they would only be noise to a reader).
MIN_WRITTEN = 3


def count_kinds(doc: Doc, cue_heads: list[tuple[Token, set[int], tuple[int, int] | None]]) -> Counter[tuple[str, bool]]:
    """(kind, included) counts for the neighbours of gold cues' head verbs."""
    counts: Counter[tuple[str, bool]] = Counter()
    for head, gold_tokens, content in cue_heads:
        for child in head.children:
            for kind in neighbour_kinds(head, child, content):
                counts[(kind, child.i in gold_tokens)] += 1
        governor = governor_of(head)
        if governor is not None:
            counts[(GOVERNOR, governor.i in gold_tokens)] += 1
    return counts


def gold_cue_heads(doc: Doc, relations: list[GoldRelation]) -> list[tuple[Token, set[int], tuple[int, int] | None]]:
    """For each gold relation with a verb in its cue: the verb the extractor would take as the cue (the last verb
    of the cue: "continues to insist", "has been harshly criticized"), the cue's token indices, and the content's
    first and last token."""
    out = []
    for relation in relations:
        cue_tokens = tokens_touched(doc, relation["cue"])
        verbs = [doc[i] for i in sorted(cue_tokens) if doc[i].pos_ == "VERB"]
        if not verbs:
            continue
        content_tokens = tokens_touched(doc, relation["content"])
        content = (min(content_tokens), max(content_tokens)) if content_tokens else None
        out.append((verbs[-1], cue_tokens, content))
    return out


def tokens_touched(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens the character spans touch."""
    found: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def write_table(counts: Counter[tuple[str, bool]], path: Path, source: str) -> int:
    """Write the table (kind, rate included, count), sorted by kind; the number of kinds written. The header still
    names the module that first counted the table, so a rebuild is byte for byte the shipped file."""
    kinds = sorted({kind for kind, _ in counts})
    lines = [f"# How often PolNeAR's gold cue includes each kind of neighbour of its verb; counted on {source} by",
             f"# sitroom.extract.cue_extent (kind, rate included, count). Kinds seen fewer than {MIN_WRITTEN} times are"
             " omitted."]
    written = 0
    for kind in kinds:
        yes, no = counts[(kind, True)], counts[(kind, False)]
        if yes + no >= MIN_WRITTEN:
            lines.append(f"{kind}\t{yes / (yes + no):.3f}\t{yes + no}")
            written += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def main() -> None:
    args, docs, relations = parsed_training_split("Recount PolNeAR's cue extents.", packaged_path(TABLE_FILE))
    counts: Counter[tuple[str, bool]] = Counter()
    for doc, doc_relations in zip(docs, relations):
        counts.update(count_kinds(doc, gold_cue_heads(doc, doc_relations)))
    written = write_table(counts, args.out, f"PolNeAR {args.split} ({len(docs)} texts)")
    print(f"{len(docs)} texts, {written} neighbour kinds -> {args.out}")


if __name__ == "__main__":
    main()
