"""Attribution scorer on PolNeAR (brat standoff): precision, recall and F1 for source, cue and content.

Matching, decided here and used for every number this module prints:

- An item (a source, a cue or a content) is the set of word tokens (``\\w+`` runs; punctuation and spaces never
  count) covered by its character spans; a discontinuous brat span contributes all its fragments. Trimming
  punctuation and whitespace this way is what CofeNet's token-level scoring does implicitly.
- **Exact**: a predicted item matches a gold item of the same role when their word sets are equal; one-to-one.
- **Overlap**: a predicted item matches a gold item of the same role when they share at least one word *and* belong
  to the same attribution relation. A predicted relation is aligned one-to-one to the gold relation whose cue
  shares the most words with its cue (falling back to content overlap when either side has no cue); for the cue
  itself, overlap is any word in common.
- Precision = matched predicted items / predicted items, recall = matched gold items / gold items, per role,
  micro-averaged over the split's documents. Percentages 0-100.

PolNeAR annotates some articles twice (train 919 files for 840 texts, dev 94 for 84): the first annotation file in
sorted order is the gold one. "Discard" and "Discuss" marks are ignored; "Attribution-no-source" relations have no
gold source.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from sitroom.config import Config
from sitroom.eval.metrics import prf
from sitroom.nlp import load_pipeline

ROLES = ("source", "cue", "content")
WORD = re.compile(r"\w+")


@dataclass
class Relation:
    source: frozenset[int] = frozenset()
    cue: frozenset[int] = frozenset()
    content: frozenset[int] = frozenset()

    def role(self, name: str) -> frozenset[int]:
        return getattr(self, name)


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    matched: int = 0  # one-to-one: a matched prediction is a matched gold item

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched

    def prf(self) -> tuple[float, float, float]:
        return prf(self.matched, self.predicted, self.gold)


@dataclass
class Document:
    name: str
    text: str
    relations: list[Relation] = field(default_factory=list)


class AnnotationError(ValueError):
    """A brat file that cannot be read, with the file and line."""


# --- reading brat ------------------------------------------------------------------------------------------------


def word_offsets(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def words_in(spans: Iterable[tuple[int, int]], offsets: list[tuple[int, int]]) -> frozenset[int]:
    """Indices of the words of ``offsets`` that overlap any of the character spans."""
    found = set()
    for start, end in spans:
        for i, (w_start, w_end) in enumerate(offsets):
            if w_start >= end:
                break
            if w_end > start:
                found.add(i)
    return frozenset(found)


def read_ann(path: Path, text: str) -> list[Relation]:
    """The attribution relations of one brat file, as word-index sets per role. Lines other than T (span) and E
    (relation) lines are skipped: notes, and the continuation lines of a note that spans several lines."""
    offsets = word_offsets(text)
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[Relation] = []
    events: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            if re.match(r"T\d+\t", line):
                label, _, ranges = parts[1].partition(" ")
                spans[parts[0]] = [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]
            elif re.match(r"E\d+\t", line):
                events.append((number, parts[1]))
        except (IndexError, ValueError) as error:
            raise AnnotationError(f"{path}:{number}: cannot read {line!r} ({error})") from error
    for number, event in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for argument in event.split():
            role, _, ref = argument.partition(":")
            role = re.sub(r"\d+$", "", role).lower()
            if role in ROLES:
                if ref not in spans:
                    raise AnnotationError(f"{path}:{number}: relation refers to unknown span {ref!r}")
                roles.setdefault(role, []).extend(spans[ref])
        relations.append(Relation(**{r: words_in(roles.get(r, []), offsets) for r in ROLES}))
    return relations


def read_split(data: Path, split: str | None) -> Iterator[Document | AnnotationError]:
    """The split's documents with their gold relations; a bad file yields its error and the reading goes on."""
    base = data / split if split else data
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{base}: expected text/ and attributions/ folders (PolNeAR layout)")
    annotations: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault(stem, ann)
    for path in sorted(text_dir.glob("*.txt")):
        ann = annotations.get(path.stem)
        if ann is None:
            yield AnnotationError(f"{path}: no annotation file in {ann_dir}")
            continue
        try:
            text = path.read_text(encoding="utf-8")
            yield Document(path.stem, text, read_ann(ann, text))
        except (AnnotationError, UnicodeDecodeError, OSError) as error:
            yield AnnotationError(f"{ann}: {error}")


# --- matching ----------------------------------------------------------------------------------------------------


def align(predicted: list[Relation], gold: list[Relation]) -> dict[int, int]:
    """Predicted relation index -> gold relation index, one-to-one, by cue overlap (content when a cue is empty)."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if p.cue and g.cue:
                shared = len(p.cue & g.cue)
            else:
                shared = len(p.content & g.content) if not (p.cue and g.cue) else 0
            if shared:
                pairs.append((shared, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in pairs:
        if i not in mapping and j not in used:
            mapping[i] = j
            used.add(j)
    return mapping


def score_document(predicted: list[Relation], gold: list[Relation]) -> dict[str, Counts]:
    """Counts for '<role>_exact' and '<role>_overlap' on one document."""
    counts: dict[str, Counts] = {}
    mapping = align(predicted, gold)
    for role in ROLES:
        p_items = [r.role(role) for r in predicted if r.role(role)]
        g_items = [r.role(role) for r in gold if r.role(role)]
        exact = Counts(predicted=len(p_items), gold=len(g_items))
        remaining = list(g_items)
        for item in p_items:
            if item in remaining:
                remaining.remove(item)
                exact.matched += 1
        overlap = Counts(predicted=len(p_items), gold=len(g_items))
        for i, relation in enumerate(predicted):
            j = mapping.get(i)
            if relation.role(role) and j is not None and relation.role(role) & gold[j].role(role):
                overlap.matched += 1
        counts[f"{role}_exact"] = exact
        counts[f"{role}_overlap"] = overlap
    return counts


def metrics(total: dict[str, Counts]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, count in total.items():
        p, r, f = count.prf()
        out[f"{key}_precision"] = round(p, 2)
        out[f"{key}_recall"] = round(r, 2)
        out[f"{key}_f1"] = round(f, 2)
    return out


# --- running sitroom ---------------------------------------------------------------------------------------------


def predict(docs: Iterable, texts: list[str]) -> Iterator[list[Relation]]:
    """sitroom's claims on parsed Docs, as relations over the words of each text."""
    for doc, text in zip(docs, texts):
        offsets = word_offsets(text)
        relations = []
        for claim in doc._.claims or []:
            source = [(claim.source_mention.start, claim.source_mention.end)] if claim.source_mention else []
            relation = Relation(
                source=words_in(source, offsets),
                cue=words_in([(claim.cue.start, claim.cue.end)], offsets),
                content=words_in([(claim.content.start, claim.content.end)], offsets),
            )
            same = next((r for r in relations if r.cue and r.cue == relation.cue), None)
            if same is None:
                relations.append(relation)
            else:  # a quote continued through one cue: one relation with a discontinuous content, as PolNeAR has it
                same.content = same.content | relation.content
                same.source = same.source | relation.source
        yield relations


def evaluate(
    data: Path, *, config: Config | None = None, split: str | None = "dev", nlp: Language | None = None
) -> dict[str, float]:
    """Score sitroom_actors + sitroom_claims (with the configured model and their configured options) on a PolNeAR
    split; keys <role>_<exact|overlap>_<precision|recall|f1>. The claims read in PolNeAR's broad scheme (beliefs,
    intentions and acts attributed too: claims.scheme) unless the config names a scheme."""
    if nlp is None:
        options = (config or Config()).nlp
        claims = {"scheme": "broad", **options.components.get("sitroom_claims", {})}  # PolNeAR's own scheme
        nlp = load_pipeline(dataclasses.replace(options, pipeline=["sitroom_actors", "sitroom_claims"],
                                                components={**options.components, "sitroom_claims": claims}))
    documents: list[Document] = []
    errors = 0
    for item in read_split(Path(data), split):
        if isinstance(item, AnnotationError):
            print(f"skipped: {item}", file=sys.stderr)
            errors += 1
        else:
            documents.append(item)
    texts = [d.text for d in documents]
    total = {f"{role}_{how}": Counts() for role in ROLES for how in ("exact", "overlap")}
    for document, predicted in zip(documents, predict(nlp.pipe(texts, batch_size=16), texts)):
        for key, count in score_document(predicted, document.relations).items():
            total[key].add(count)
    out = metrics(total)
    out["documents"] = float(len(documents))
    out["skipped_documents"] = float(errors)
    out["gold_relations"] = float(sum(len(d.relations) for d in documents))
    return out


GoldRelation = dict[str, list[tuple[int, int]]]  # role -> character spans, one a word


def read_gold_relations(data: Path, split: str | None) -> tuple[list[str], list[list[GoldRelation]]]:
    """Texts of a split and, for each, its gold relations as character spans per role, to learn from."""
    texts: list[str] = []
    relations: list[list[GoldRelation]] = []
    for item in read_split(Path(data), split):
        if isinstance(item, Document):
            offsets = word_offsets(item.text)
            texts.append(item.text)
            relations.append([{role: [offsets[w] for w in sorted(relation.role(role))] for role in ROLES}
                              for relation in item.relations])
    return texts, relations
