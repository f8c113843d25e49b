"""TempEval-3 style scoring of time expressions on TimeML (TimeBank, AQUAINT, TempEval-3 platinum).

Definitions follow UzZaman et al. (2013), "SemEval-2013 Task 1: TempEval-3", section 4.1:
- strict extraction: a system TIMEX3 matches a gold one when both extents are identical;
- relaxed extraction: when the extents overlap;
- attribute F1 (type, value): precision = relaxed matches whose attribute is right / system TIMEX3s,
  recall = the same count / gold TIMEX3s; "value F1" is this for ``value``;
- attribute accuracy = right attribute / relaxed matches (``type_accuracy``, ``value_accuracy``).
One deviation, documented: matches are one-to-one (each gold and each system expression is used once, pairs
taken by largest overlap first), where the TE3 script counts a system expression overlapping two gold ones
twice. The document creation time (functionInDocument="CREATION_TIME") is the publication date and is not scored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from sitroom.config import Config
from sitroom.eval.metrics import prf

TAG = re.compile(r"<[^>]+>|[^<]+")
ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


class TimeMLError(ValueError):
    """A TimeML file that cannot be scored (no <TEXT>, broken markup), named with its path."""


def read_timeml(path: Path) -> TimeMLDoc:
    """The plain text inside <TEXT>, its TIMEX3s as character offsets into it, and the document's DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    for match in re.finditer(r"<TIMEX3\b([^>]*)>", raw):
        attrs = dict(ATTR.findall(match.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = dt.date.fromisoformat(attrs.get("value", "")[:10])
            except ValueError:
                dct = None
            break
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    if body is None:
        raise TimeMLError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    for piece in TAG.findall(body.group(1)):
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3"):
                open_timex = (length, dict(ATTR.findall(piece)))
            elif piece.startswith("</TIMEX3") and open_timex is not None:
                start, attrs = open_timex
                text = "".join(parts)[start:length]
                lead = len(text) - len(text.lstrip())
                trail = len(text) - len(text.rstrip())
                timexes.append(GoldTimex(start + lead, length - trail, attrs.get("type", ""),
                                         attrs.get("value", ""), text.strip()))
                open_timex = None
            continue
        chunk = html.unescape(piece)
        parts.append(chunk)
        length += len(chunk)
    return TimeMLDoc(path.stem, "".join(parts), dct, timexes)


def timeml_files(data: Path, split: str | None = None) -> list[Path]:
    root = data / split if split else data
    if root.is_file():
        return [root]
    if not root.exists():
        raise FileNotFoundError(f"TimeML data not found: {root}")
    return sorted(p for p in root.rglob("*") if p.suffix in (".tml", ".xml") and p.is_file())


def match_pairs(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping extents, largest overlap first."""
    candidates = []
    for gi, (gs, ge) in enumerate(gold):
        for si, (ss, se) in enumerate(system):
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                candidates.append((-overlap, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, gi, si in candidates:
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gi, si))
    return pairs


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: list[GoldTimex], system: list[GoldTimex]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        for gi, si in match_pairs([(g.start, g.end) for g in gold], [(s.start, s.end) for s in system]):
            g, s = gold[gi], system[si]
            self.relaxed += 1
            self.strict += (g.start, g.end) == (s.start, s.end)
            self.type_ok += g.type == s.type
            self.value_ok += g.value == s.value


def metrics(counts: Counts) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, hits in (("strict", counts.strict), ("relaxed", counts.relaxed), ("value", counts.value_ok),
                       ("type", counts.type_ok)):
        p, r, f = prf(hits, counts.system, counts.gold)
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = round(p, 2), round(r, 2), round(f, 2)
    out["type_accuracy"] = round(100.0 * counts.type_ok / counts.relaxed, 2) if counts.relaxed else 0.0
    out["value_accuracy"] = round(100.0 * counts.value_ok / counts.relaxed, 2) if counts.relaxed else 0.0
    out["gold"], out["system"] = counts.gold, counts.system
    return out


def parse_cached(nlp: Language, texts: list[str], cache_dir: Path | None) -> list[Doc]:
    """Parse texts with nlp, reusing parses cached on disk (keyed by model, version and text)."""
    model = "|".join([nlp.meta.get("name", ""), nlp.meta.get("version", ""), *nlp.pipe_names])
    key = hashlib.sha1((model + "\0" + "\0".join(texts)).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"timex-{key}.spacy" if cache_dir else None
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(attrs=["ORTH", "TAG", "POS", "DEP", "HEAD", "LEMMA", "SENT_START", "ENT_IOB", "ENT_TYPE"],
               docs=docs).to_disk(path)
    return docs


def system_timexes(doc: Doc) -> list[GoldTimex]:
    return [GoldTimex(t.evidence.start, t.evidence.end, t.type, t.value, t.evidence.text) for t in doc._.times or []]


def evaluate(
    data: Path, *, config: Config | None = None, split: str | None = None, cache: Path | None = None
) -> dict[str, float]:
    """Run sitroom_times (with the configured model and time options) over each TimeML document with its DCT as
    publication date and score it."""
    from sitroom.extract.times import TimeTagger
    from sitroom.nlp import load_pipeline

    files = timeml_files(Path(data), split)
    documents: list[TimeMLDoc] = []
    errors = 0
    for path in files:
        try:
            documents.append(read_timeml(path))
        except (TimeMLError, UnicodeDecodeError) as error:
            errors += 1
            print(f"skipped {path}: {error}")
    config = config or Config()
    nlp = load_pipeline(dataclasses.replace(config.nlp, pipeline=[]))  # the parse production uses, no extractors
    tagger = TimeTagger(config.nlp.components.get("sitroom_times", {}).get("data_dir", ""), infer_publication=False)
    cache_dir = cache if cache is not None else Path(tempfile.gettempdir()) / "sitroom-parse-cache"
    docs = parse_cached(nlp, [d.text for d in documents], cache_dir)
    counts = Counts()
    for document, doc in zip(documents, docs):
        doc._.published = document.dct
        tagger(doc)
        counts.add(document.timexes, system_timexes(doc))
    result = metrics(counts)
    result["documents"] = len(documents)
    result["skipped_documents"] = errors
    return result
