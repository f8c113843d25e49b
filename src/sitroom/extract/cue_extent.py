"""Which words around a cue verb belong to the cue: PolNeAR marks "has also said", "called for", "pointed out",
"continues to insist", but "said" alone before "Friday" and "told" alone before "reporters". The convention is a
matter of counting, so it is counted: for each kind of neighbour of a cue verb (an auxiliary "has", the preposition
"for" whose object is the content, a date after the verb, the verb that governs it as an open complement), how often
PolNeAR train's gold cue includes it. The table ships as ``data/claims/cue_extent.tsv``; the extractor grows a cue
over contiguous neighbours whose kind is included at least ``INCLUDE_RATE`` of the time.

Rebuild, reproducibly (sorted output, no randomness), with:

    .venv/bin/python -m sitroom.extract.cue_extent --data ../shared/eval/attribution/polnear --split train
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from sitroom.eval.attribution import GoldRelation

TABLE_PATH = Path(__file__).resolve().parents[1] / "data" / "claims" / "cue_extent.tsv"
# A neighbour joins the cue when PolNeAR train includes its kind at least this often (a majority vote) ...
INCLUDE_RATE = 0.5
# ... over at least this many examples; rarer kinds are left out of the table (and so out of the cue).
MIN_COUNT = 8
# Kinds seen fewer times than this are not written to the table at all (they would only be noise to a reader).
MIN_WRITTEN = 3
# Dependency labels whose word names the kind ("has", "also", "for"); other labels are named by entity type or tag.
WORD_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "prt", "prep", "agent", "dative", "mark"})
# Noun-phrase labels named by their entity type, else their part of speech ("said Friday": npadvmod:DATE).
PHRASE_DEPS = frozenset({"npadvmod", "dobj"})
GOVERNOR = "governor"  # the verb that takes the cue as an open complement: "continues to insist"


def neighbour_kinds(cue: Token, neighbour: Token, content: tuple[int, int] | None) -> tuple[str, str]:
    """The kinds of a child of ``cue`` as the table counts them, the specific one first ("advmod:then:left") and
    its back-off by tag ("advmod:RB:left", for the adverbs too rare to count one by one). A preposition's kinds
    say whether its object is the content (token indices, inclusive), since "called for [content]" includes "for"
    and "said in [an interview]" does not."""
    label = neighbour.dep_
    general = f"{label}:{neighbour.tag_}"
    if label in WORD_DEPS:
        label += ":" + neighbour.lower_
    elif label in PHRASE_DEPS:
        label += ":" + (neighbour.ent_type_ or neighbour.pos_)
    if neighbour.dep_ in ("prep", "agent"):
        inner = next((c for c in neighbour.children if c.dep_ in ("pobj", "pcomp")), None)
        inside = inner is not None and content is not None and content[0] <= inner.i <= content[1]
        label += ":content" if inside else ":other"
        general += ":content" if inside else ":other"
    side = "left" if neighbour.i < cue.i else "right"
    return f"{label}:{side}", f"{general}:{side}"


def governor_of(cue: Token) -> Token | None:
    """The verb before ``cue`` that governs it as an open complement ("continues to insist", "try to convince")."""
    head = cue.head
    if cue.dep_ == "xcomp" and head is not cue and head.i < cue.i and head.pos_ in ("VERB", "AUX"):
        return head
    return None


@lru_cache(maxsize=4)
def load_extent_table(path: str = str(TABLE_PATH)) -> dict[str, bool]:
    """Neighbour kind -> whether it belongs to a cue, for the kinds counted at least ``MIN_COUNT`` times; empty
    where the file is missing (a cue is then its verb, and the preposition that introduces its content)."""
    file = Path(path)
    if not file.exists():
        return {}
    table = {}
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, rate, count = line.split("\t")
        if int(count) >= MIN_COUNT:
            table[kind] = float(rate) >= INCLUDE_RATE
    return table


def included(table: dict[str, bool], kinds: tuple[str, ...]) -> bool:
    """The verdict of the most specific kind the table counted; an uncounted neighbour is left out."""
    return next((table[kind] for kind in kinds if kind in table), False)


def cue_extent(cue: Token, content: tuple[int, int] | None, table: dict[str, bool],
               sentence_start: int) -> tuple[int, int]:
    """First and last token of the cue: grown from the verb over adjacent children whose kind is ``included``, and
    over the governing verb of an open complement (then over that verb's own included children)."""
    doc = cue.doc
    anchors = [cue]
    first = last = cue.i
    while True:
        before = doc[first - 1] if first - 1 >= sentence_start else None
        if before is None:
            break
        anchor = anchors[-1]
        if before.head == anchor and included(table, neighbour_kinds(anchor, before, content)):
            first -= 1
        elif before == governor_of(anchor) and included(table, (GOVERNOR,)):
            first -= 1
            anchors.append(before)
        else:
            break
    while last + 1 < len(doc):
        after = doc[last + 1]
        owner = next((a for a in anchors if after.head == a), None)
        if owner is None or not included(table, neighbour_kinds(owner, after, content)):
            break
        last += 1
    return first, last


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
        cue_tokens = _tokens(doc, relation["cue"])
        verbs = [doc[i] for i in sorted(cue_tokens) if doc[i].pos_ == "VERB"]
        if not verbs:
            continue
        content_tokens = _tokens(doc, relation["content"])
        content = (min(content_tokens), max(content_tokens)) if content_tokens else None
        out.append((verbs[-1], cue_tokens, content))
    return out


def _tokens(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens the character spans touch."""
    found: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def write_table(counts: Counter[tuple[str, bool]], path: Path, source: str) -> int:
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
    from sitroom.eval.attribution import parsed_training_split

    args, docs, relations = parsed_training_split("Recount PolNeAR's cue extents.", TABLE_PATH)
    counts: Counter[tuple[str, bool]] = Counter()
    for doc, doc_relations in zip(docs, relations):
        counts.update(count_kinds(doc, gold_cue_heads(doc, doc_relations)))
    written = write_table(counts, args.out, f"PolNeAR {args.split} ({len(docs)} texts)")
    print(f"{len(docs)} texts, {written} neighbour kinds -> {args.out}")


if __name__ == "__main__":
    main()
