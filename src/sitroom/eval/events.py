"""PLOVER category accuracy and macro-F1 of sitroom's event typing on the PLOVER gold-standard sentences.

Each record is one sentence coded with one PLOVER category. The file uses PLOVER 0.5b1 names; they are mapped
to current ones with data/events/plover_legacy.tsv. sitroom types each sentence with the same clause reading
its events component uses (sitroom.extract.event_lexicon.classify_sentence); a sentence with no trigger counts
as a miss.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.extract.event_lexicon import EventLexicon, classify_sentence, load_lexicon

DEFAULT_FILE = "PLOVER_GSR_CAMEO.json"


@dataclass
class Item:
    id: str
    text: str
    category: str


class DataError(ValueError):
    """The data set could not be read; says which file and why."""


def read_items(data: Path, split: str | None = None) -> tuple[list[Item], list[str]]:
    """Coded sentences of a PLOVER GSR file (or of every *.json in a folder, or its `split` subfolder), with
    a list of specific problems for records that could not be used (the rest go on)."""
    data = Path(data)
    if split:
        data = data / split
    if not data.exists():
        raise DataError(f"{data}: not found")
    files = sorted(data.glob("*.json")) if data.is_dir() else [data]
    if not files:
        raise DataError(f"{data}: no .json files")
    lex = load_lexicon()
    items: list[Item] = []
    problems: list[str] = []
    for path in files:
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            problems.append(f"{path}: unreadable JSON ({error})")
            continue
        if not isinstance(records, list):
            problems.append(f"{path}: expected a JSON array of records")
            continue
        for n, record in enumerate(records):
            if not isinstance(record, dict):
                problems.append(f"{path}[{n}]: not an object")
                continue
            event = record.get("event")
            text = record.get("text")
            if event == "DOCUMENT":
                continue
            if not isinstance(event, str) or not isinstance(text, str) or not text.strip():
                problems.append(f"{path}[{n}] {record.get('id', '?')}: missing event or text")
                continue
            items.append(Item(str(record.get("id", n)), text, current_category(event, lex)))
    return items, problems


def current_category(name: str, lex: EventLexicon) -> str:
    name = name.strip().upper()
    return lex.legacy.get(name, (name, ""))[0]


def predict(texts: list[str], nlp: Any = None) -> list[str]:
    """PLOVER category of each sentence ("" when no trigger is found), parsed with the configured model."""
    if nlp is None:
        from sitroom.nlp import load_pipeline

        nlp = load_pipeline()
    lex = load_lexicon()
    out: list[str] = []
    for doc in nlp.pipe(texts, batch_size=64):
        sents = list(doc.sents)
        reading = None
        for sent in sents:
            reading = classify_sentence(sent, lex)
            if reading is not None:
                break
        out.append(reading.plover_category() if reading is not None else "")
    return out


def score(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy and macro-F1 over the gold categories (percent), and each category's F1 as f1_<category>."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    if not gold:
        return {"accuracy": 0.0, "macro_f1": 0.0, "items": 0, "no_trigger": 0}
    correct = sum(g == p for g, p in zip(gold, predicted))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            if p:
                fp[p] += 1
    table: dict[str, float] = {}
    f1s = []
    for category in sorted(set(gold)):
        precision = tp[category] / (tp[category] + fp[category]) if tp[category] + fp[category] else 0.0
        recall = tp[category] / (tp[category] + fn[category]) if tp[category] + fn[category] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        table[f"f1_{category.lower()}"] = round(100 * f1, 1)
    return {
        "accuracy": round(100 * correct / len(gold), 2),
        "macro_f1": round(100 * sum(f1s) / len(f1s), 2),
        "items": len(gold),
        "no_trigger": sum(1 for p in predicted if not p),
        **table,
    }


def evaluate(data: Path, split: str | None = None, **_: Any) -> dict[str, Any]:
    """`sitroom eval events`: accuracy and macro_f1 (percent) of PLOVER typing, plus per-category figures."""
    items, problems = read_items(Path(data), split)
    predicted = predict([item.text for item in items])
    result = score([item.category for item in items], predicted)
    result["problems"] = len(problems)
    return result
