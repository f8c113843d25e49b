"""HTML main-text extraction scored the way scrapinghub's article-extraction-benchmark scores it.

The metric follows the benchmark's own ``evaluate.py`` (MIT): tokens are ``\\w+`` runs (case kept), shingles are
4-grams, each page's TP/FP/FN counts are normalised to sum 1 so long pages weigh no more than short ones,
precision and recall are averaged over pages (pages with no predicted / no true shingles are left out of the
respective mean), and F1 is the harmonic mean of the two averages. We extract with sitroom's own HTML reader, so
the score covers our cleaning too, not only trafilatura.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sitroom.config import Config, IngestOptions
from sitroom.eval.metrics import f1

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
NGRAM = 4

TpFpFn = tuple[float, float, float]


def tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """All n-grams of the tokens; a text shorter than n gives one short shingle, as in the benchmark."""
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_matching(true: str, pred: str, n: int = NGRAM) -> TpFpFn:
    """Per-page TP/FP/FN over shingle multisets, normalised to sum 1."""
    true_counts, pred_counts = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in true_counts.keys() | pred_counts.keys():
        t, p = true_counts.get(key, 0), pred_counts.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(counts: Iterable[TpFpFn]) -> dict[str, float]:
    """Macro-averaged precision and recall, F1 of the averages; percentages 0-100."""
    counts = list(counts)
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return {"precision": 100 * precision, "recall": 100 * recall, "f1": 100 * f1(precision, recall)}


def load_gold(gold: Path) -> dict[str, dict[str, Any]]:
    """ground-truth.json: {page id: {"articleBody": ..., "url": ...}}."""
    path = gold / "ground-truth.json"
    if not path.exists():
        raise FileNotFoundError(f"{gold}: no ground-truth.json (expected the article-extraction-benchmark folder)")
    return json.loads(path.read_text(encoding="utf-8"))


def read_page(gold: Path, page_id: str) -> bytes:
    for candidate in (gold / "html" / f"{page_id}.html.gz", gold / "html" / f"{page_id}.html"):
        if candidate.exists():
            data = candidate.read_bytes()
            return gzip.decompress(data) if candidate.suffix == ".gz" else data
    raise FileNotFoundError(f"{gold}/html: no page {page_id}")


def sitroom_extract(html: bytes, url: str, options: IngestOptions | None = None) -> str:
    """The body sitroom's HTML reader stores for a page, less the spans it marks as captions.

    The benchmark's articleBody leaves photo captions out; sitroom keeps them in the clean text (a caption can
    carry a claim) but marks them, so they are taken out here rather than by extracting differently.
    """
    from sitroom.ingest.html import read_html
    from sitroom.model import Article

    result = read_html(html, source=url, url=url, options=options, check_language=False)
    if not isinstance(result, Article):
        return ""
    text, end = [], 0
    for caption in sorted(result.captions, key=lambda span: span.start):
        text.append(result.text[end : caption.start])
        end = caption.end
    return "".join(text) + result.text[end:]


def evaluate(
    gold: Path | str, *, config: Config | None = None, extract: Callable[[bytes, str], str] | None = None
) -> dict[str, Any]:
    """Score ``extract`` (default: sitroom's HTML reader with the configured [ingest] options) on every page."""
    gold = Path(gold)
    options = (config or Config()).ingest
    extract = extract or (lambda html, url: sitroom_extract(html, url, options))
    truth = load_gold(gold)
    counts = [
        shingle_matching(entry.get("articleBody", ""), extract(read_page(gold, page_id), entry.get("url", "")))
        for page_id, entry in sorted(truth.items())
    ]
    return {**aggregate(counts), "pages": len(counts)}
