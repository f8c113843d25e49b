"""PLOVER category accuracy and macro-F1 of sitroom's event typing on the PLOVER gold-standard sentences (and,
given the ACLED notes folder instead, ACLED sub-event typing: :mod:`sitroom.eval.acled_notes`).

Each record is one sentence coded with one PLOVER category. The file uses PLOVER 0.5b1 names; they are mapped
to current ones with data/events/plover_legacy.tsv. sitroom types each sentence with the same clause reading
its events component uses (sitroom.extract.event_lexicon.classify_sentence); a sentence with no trigger counts
as a miss.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from sitroom.config import Config
from sitroom.eval import acled_notes
from sitroom.eval.metrics import f1
from sitroom.extract.event_lexicon import EventLexicon, classify_sentence, load_lexicon

DEFAULT_FILE = "PLOVER_GSR_CAMEO.json"


@dataclass
class Item:
    id: str
    text: str
    category: str
    event_text: str = ""  # the coder's trigger words ("agreed cooperate"), used by the leave-one-out estimate


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
            items.append(Item(str(record.get("id", n)), text, current_category(event, lex),
                              str(record.get("eventText") or "")))
    return items, problems


def current_category(name: str, lex: EventLexicon) -> str:
    name = name.strip().upper()
    return lex.legacy.get(name, (name, ""))[0]


def predict(texts: list[str], nlp: Any = None) -> list[str]:
    """PLOVER category of each sentence ("" when no trigger is found), parsed with the configured model."""
    return [_category(doc, load_lexicon()) for doc in _parse(texts, nlp)]


def _parse(texts: list[str], nlp: Any = None) -> list[Doc]:
    if nlp is None:
        from sitroom.nlp import load_pipeline

        nlp = load_pipeline()
    return list(nlp.pipe(texts, batch_size=64))


def _category(doc: Doc, lex: EventLexicon) -> str:
    for sent in doc.sents:
        reading = classify_sentence(sent, lex)
        if reading is not None:
            return reading.plover_category()
    return ""


def leave_one_out(items: list[Item], docs: list[Doc]) -> list[str]:
    """Predictions with, for each sentence, the trigger words removed that no other dev sentence's coded
    trigger (eventText) attests: an estimate of the lexicon on sentences it was not written from, since the
    lexicon was compiled with this dev set in view."""
    lex = load_lexicon()
    attested: list[set[str]] = []
    for item, doc in zip(items, docs):
        words = set(item.event_text.lower().split())
        attested.append({t.lemma_.lower() for t in doc if t.lower_ in words})
    support: Counter[str] = Counter(lemma for lemmas in attested for lemma in lemmas)
    out = []
    for lemmas, doc in zip(attested, docs):
        only_here = {lemma for lemma in lemmas if support[lemma] == 1}
        out.append(_category(doc, _without(lex, only_here) if only_here else lex))
    return out


def _without(lex: EventLexicon, lemmas: set[str]) -> EventLexicon:
    words = {key: sense for key, sense in lex.words.items() if key[0] not in lemmas}
    phrases = {first: [p for p in entries if not set(p[0]) & lemmas] for first, entries in lex.phrases.items()}
    return dataclasses.replace(lex, words=words, phrases=phrases)


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
        category_f1 = f1(precision, recall)
        f1s.append(category_f1)
        table[f"f1_{category.lower()}"] = round(100 * category_f1, 1)
    return {
        "accuracy": round(100 * correct / len(gold), 2),
        "macro_f1": round(100 * sum(f1s) / len(f1s), 2),
        "items": len(gold),
        "no_trigger": sum(1 for p in predicted if not p),
        **table,
    }


def evaluate(data: Path, *, config: Config | None = None, split: str | None = None) -> dict[str, Any]:
    """`sitroom eval events`: accuracy and macro_f1 (percent) of PLOVER typing, plus per-category F1 and the
    leave-one-out estimate (accuracy_loo, macro_f1_loo) of the lexicon on sentences it was not written from.
    The pipeline and the events lexicon are the configured ones. A folder holding acled_notes.csv is scored as
    ACLED sub-event typing instead (sitroom.eval.acled_notes.evaluate)."""
    from sitroom.nlp import load_pipeline

    if (Path(data) / acled_notes.NOTES_FILE).is_file():
        return acled_notes.evaluate(data, config=config, split=split)
    config = config or Config()
    items, problems = read_items(Path(data), split)
    docs = _parse([item.text for item in items], load_pipeline(config.nlp))
    lex = load_lexicon(config.nlp.components.get("sitroom_events", {}).get("data_dir", ""))
    gold = [item.category for item in items]
    result = score(gold, [_category(doc, lex) for doc in docs])
    loo = score(gold, leave_one_out(items, docs))
    result["accuracy_loo"] = loo["accuracy"]
    result["macro_f1_loo"] = loo["macro_f1"]
    result["problems"] = len(problems)
    return result
