"""Which words around a cue verb belong to the cue: PolNeAR marks "has also said", "called for", "pointed out",
"continues to insist", but "said" alone before "Friday" and "told" alone before "reporters". The convention is a
matter of counting, so it is counted (by ``sitroom.train.cue_extent``): for each kind of neighbour of a cue verb (an
auxiliary "has", the preposition "for" whose object is the content, a date after the verb, the verb that governs
it as an open complement), how often PolNeAR train's gold cue includes it. The table ships as
``data/claims/cue_extent.tsv``; the extractor grows a cue over contiguous neighbours whose kind is included at
least ``INCLUDE_RATE`` of the time. This module is the run-time half: the kinds, the table and the growing.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from sitroom.extract.claims.lexicon import data_name
from sitroom.lexicons import LexiconError, read_lines

TABLE_FILE = data_name("cue_extent.tsv")
# A neighbour joins the cue when PolNeAR train includes its kind at least this often (a majority vote) ...
INCLUDE_RATE = 0.5
# ... over at least this many examples; rarer kinds are left out of the table (and so out of the cue).
MIN_COUNT = 8
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
def load_extent_table(data_dir: str = "") -> dict[str, bool]:
    """Neighbour kind -> whether it belongs to a cue, for the kinds counted at least ``MIN_COUNT`` times; empty
    where there is no table (a cue is then its verb, and the preposition that introduces its content)."""
    try:
        lines = read_lines(TABLE_FILE, data_dir)
    except LexiconError:
        return {}
    table = {}
    for line in lines:
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
