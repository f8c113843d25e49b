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
# (161 English, 20 in 7 other languages; all 20 skipped, no English one). Detection reads at most the first
# SAMPLE_CHARS characters (speed); a text of at least MIN_CHARS is skipped when the probability that it is in
# none of the kept languages is at least MIN_PROB, a shorter one only at SHORT_MIN_PROB; under SHORT_CHARS
# nothing is judged and the text is kept.
SAMPLE_CHARS = 1000
MIN_CHARS = 120
MIN_PROB = 0.9
SHORT_CHARS = 25
SHORT_MIN_PROB = 0.999


@dataclass(frozen=True)
class Detection:
    language: str  # ISO 639-1 of the most probable language, or "" when the text is too short to tell
    probability: float  # of that language
    not_kept: float  # probability that the text is in none of the kept languages
    judged: bool  # long enough to act on


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, languages: list[str] | tuple[str, ...] = ("en",)) -> Detection:
    """The most probable language of ``text`` and how likely it is to be none of ``languages``.

    The question asked is "is it one of ours", not "which one": close languages (Indonesian and Malay, say)
    share the probability mass, so the top probability alone can be low for a text that is clearly not English.
    """
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < SHORT_CHARS:
        return Detection("", 0.0, 0.0, False)
    ranked = _identifier().rank(sample)
    language, probability = ranked[0]
    kept = sum(float(p) for code, p in ranked if code in languages)
    return Detection(str(language), float(probability), 1.0 - kept, True)


def is_foreign(found: Detection, sample_chars: int) -> bool:
    """Sure enough that the text is in none of the kept languages to skip it."""
    threshold = MIN_PROB if sample_chars >= MIN_CHARS else SHORT_MIN_PROB
    return found.judged and found.not_kept >= threshold


def language_gate(text: str, languages: list[str], source: str, article_id: str = "") -> tuple[str, Skipped | None]:
    """(language to record, Skipped when it is reliably none of ``languages``)."""
    if not languages:
        return "", None
    found = detect(text, languages)
    if not is_foreign(found, min(len(text.strip()), SAMPLE_CHARS)):
        return (found.language if found.language in languages else languages[0]), None
    detail = f"detected {found.language} (p={found.probability:.2f}); kept languages: {', '.join(languages)}"
    return found.language, Skipped(source=source, reason="language", detail=detail, article_id=article_id)


def gate_article(article: Article, source: str, options: IngestOptions, check: bool = True) -> Article | Skipped:
    """Record the article's language; a reliably detected language outside ``options.languages`` skips it."""
    if not check:
        return article
    article.language, skipped = language_gate(article.text, options.languages, source, article.id)
    return skipped or article
