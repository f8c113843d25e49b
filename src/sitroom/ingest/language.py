"""Language detection with py3langid (offline, bundled model), guarded against texts too short to tell.

A non-English article is not an error: it is recorded as Skipped(reason="language") with the detected language
and its probability, so the summary shows it and nothing is stored by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom.config import IngestOptions
from sitroom.model import Article, Skipped

# Calibrated on /work/shared/corpus (1,120 English texts) and the 181 pages of the article-extraction benchmark
# (English, plus a few other languages): detection reads at most the first SAMPLE_CHARS characters (speed), a
# text of at least MIN_CHARS is judged when the top probability is at least MIN_PROB, and a shorter text only
# when the probability is at least SHORT_MIN_PROB; otherwise the language is unknown and the article is kept.
SAMPLE_CHARS = 3000
MIN_CHARS = 120
MIN_PROB = 0.9
SHORT_CHARS = 25
SHORT_MIN_PROB = 0.999


@dataclass(frozen=True)
class Detection:
    language: str  # ISO 639-1, or "" when the text is too short or ambiguous to tell
    probability: float
    reliable: bool


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> Detection:
    """The most probable language of ``text`` and whether it is sure enough to act on."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < SHORT_CHARS:
        return Detection("", 0.0, False)
    language, probability = _identifier().classify(sample)
    threshold = MIN_PROB if len(sample) >= MIN_CHARS else SHORT_MIN_PROB
    return Detection(str(language), float(probability), float(probability) >= threshold)


def language_gate(text: str, languages: list[str], source: str, article_id: str = "") -> tuple[str, Skipped | None]:
    """(language to record, Skipped when it is reliably not one of ``languages``)."""
    found = detect(text)
    if not found.reliable:
        return (languages[0] if languages else ""), None
    if languages and found.language not in languages:
        detail = f"detected {found.language} (p={found.probability:.2f}); kept languages: {', '.join(languages)}"
        return found.language, Skipped(source=source, reason="language", detail=detail, article_id=article_id)
    return found.language, None


def gate_article(article: Article, source: str, options: IngestOptions, check: bool = True) -> Article | Skipped:
    """Record the article's language; a reliably detected language outside ``options.languages`` skips it."""
    if not check:
        return article
    article.language, skipped = language_gate(article.text, options.languages, source, article.id)
    return skipped or article
