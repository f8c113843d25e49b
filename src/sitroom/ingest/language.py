"""Language detection with py3langid (offline, bundled model), unit by unit, guarded against texts too short to tell.

A non-English article is not an error: it is recorded as Skipped(reason="language") with the detected language
and its probability, so the summary shows it and nothing is stored by mistake. The whole text is judged, line by
line (not its first characters): one mostly English with a substantial share in another language is kept and
flagged (``Article.mixed_language``, ``Article.language_shares``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom.config import IngestOptions
from sitroom.model import Article, Skipped

# Calibrated on /work/shared/corpus (1,565 English texts), the demo corpus (220) and the 181 pages of the
# article-extraction benchmark (161 English, 20 in 7 other languages; all 20 skipped, no English one, none of the
# English ones flagged mixed). A text is judged by units: its lines, short ones joined with the next until at least
# MIN_CHARS (a text shorter than that is one unit). A unit is in another language when the probability that it is in
# none of the kept languages is at least MIN_PROB (SHORT_MIN_PROB under MIN_CHARS) and its most probable language
# has at least MIN_UNIT_TOP: lists of names, tables and schedules have no confident language (top 0.02-0.38 on those
# corpora, where every such unit is English) and are left unjudged, while foreign paragraphs score 0.5-1.0 (297 of
# the benchmark's 320). Under SHORT_CHARS nothing is judged. A text with more than MAX_FOREIGN_SHARE of its judged
# characters in other languages is skipped; with at least MIXED_SHARE it is kept and flagged mixed (0 of the
# English corpora above reach it: they have no confident foreign unit). When no unit is judged, the whole text is
# judged as one unit without the MIN_UNIT_TOP condition (as before per-unit judging: a Malay text may split its
# probability with Indonesian in every unit).
# A long text is judged on a sample of its units spread evenly over it, about SAMPLE_CHARS in all (speed: the
# shared corpus, 15 M characters, is judged in 2.8 s, 0.5 s at 1,000 characters a text; the outcomes above are
# the same judged whole).
SAMPLE_CHARS = 10_000
MIN_CHARS = 120
MIN_PROB = 0.9
SHORT_CHARS = 25
SHORT_MIN_PROB = 0.999
MIN_UNIT_TOP = 0.5
MAX_FOREIGN_SHARE = 0.5
MIXED_SHARE = 0.1


@dataclass(frozen=True)
class Detection:
    language: str  # ISO 639-1 of the most probable language, or "" when the text is too short to tell
    probability: float  # of that language
    not_kept: float  # probability that the text is in none of the kept languages
    judged: bool  # long enough to act on


@dataclass(frozen=True)
class Verdict:
    """The language of a whole text from its units."""

    language: str  # the kept language most of it is in, or the foreign language most of it is in when skipped
    probability: float  # mean probability of ``language`` over its units (weighted by length)
    foreign_share: float  # of the judged characters, in none of the kept languages
    shares: dict[str, float]  # share of the judged characters by language (a unit counts for its top language)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, languages: list[str] | tuple[str, ...] = ("en",)) -> Detection:
    """The most probable language of ``text`` and how likely it is to be none of ``languages``.

    The question asked is "is it one of ours", not "which one": close languages (Indonesian and Malay, say)
    share the probability mass, so the top probability alone can be low for a text that is clearly not English.
    """
    sample = text.strip()
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


def units(text: str) -> list[str]:
    """The lines of ``text``, short ones joined with the next until MIN_CHARS (a short tail joins the last)."""
    found: list[str] = []
    current = ""
    for line in text.split("\n"):
        if line.strip():
            current = f"{current}\n{line}" if current else line
        if len(current) >= MIN_CHARS:
            found.append(current)
            current = ""
    if current and found and len(current.strip()) < MIN_CHARS:
        found[-1] = f"{found[-1]}\n{current}"
    elif current:
        found.append(current)
    return found


def judge(text: str, languages: list[str] | tuple[str, ...]) -> Verdict | None:
    """The text's language from its units, or None when it is too short to tell."""
    kept: dict[str, list[tuple[int, float]]] = {}
    foreign: dict[str, list[tuple[int, float]]] = {}
    pieces = units(text)
    step = -(-sum(len(unit) for unit in pieces) // SAMPLE_CHARS)  # every unit up to SAMPLE_CHARS, else 1 in step
    for unit in pieces[:: max(step, 1)]:
        found = detect(unit, languages)
        size = len(unit.strip())
        if not found.judged:
            continue
        if not is_foreign(found, size):
            language = found.language if found.language in languages else languages[0]
            kept.setdefault(language, []).append((size, found.probability))
        elif found.probability >= MIN_UNIT_TOP and found.language not in languages:
            foreign.setdefault(found.language, []).append((size, found.probability))
    if not kept and not foreign:  # no unit is sure of a language: the whole text as one unit, as for a short one
        found = detect(text[:SAMPLE_CHARS], languages)
        if not found.judged:
            return None
        if is_foreign(found, len(text.strip())):
            return _verdict({}, {found.language: [(1, found.probability)]})
        language = found.language if found.language in languages else languages[0]
        return _verdict({language: [(1, found.probability)]}, {})
    return _verdict(kept, foreign)


def _verdict(kept: dict[str, list[tuple[int, float]]], foreign: dict[str, list[tuple[int, float]]]) -> Verdict:
    sizes = {language: sum(size for size, _ in found) for language, found in (kept | foreign).items()}
    total = sum(sizes.values())
    foreign_share = sum(sizes[language] for language in foreign) / total
    side = foreign if foreign_share > MAX_FOREIGN_SHARE else kept
    language = max(side, key=lambda code: sizes[code])
    probability = sum(size * p for size, p in side[language]) / sizes[language]
    shares = {code: round(size / total, 3) for code, size in sorted(sizes.items(), key=lambda item: -item[1])}
    return Verdict(language, probability, foreign_share, shares)


def language_gate(
    text: str, languages: list[str], source: str, article_id: str = ""
) -> tuple[str, Skipped | None, Verdict | None]:
    """(language to record, Skipped when the text is mostly in none of ``languages``, the verdict when judged)."""
    if not languages:
        return "", None, None
    verdict = judge(text, languages)
    if verdict is None:
        return languages[0], None, None
    if verdict.foreign_share <= MAX_FOREIGN_SHARE:
        return verdict.language, None, verdict
    detail = (
        f"detected {verdict.language} (p={verdict.probability:.2f}); {verdict.foreign_share:.0%} of the text in "
        f"other languages; kept languages: {', '.join(languages)}"
    )
    return verdict.language, Skipped(source=source, reason="language", detail=detail, article_id=article_id), verdict


def gate_article(article: Article, source: str, options: IngestOptions, check: bool = True) -> Article | Skipped:
    """Record the article's language; one mostly in a language outside ``options.languages`` is skipped, one with
    a substantial share (MIXED_SHARE) in another language is kept and flagged ``mixed_language`` with the shares."""
    if not check:
        return article
    article.language, skipped, verdict = language_gate(article.text, options.languages, source, article.id)
    if skipped is None and verdict is not None and verdict.foreign_share >= MIXED_SHARE:
        article.mixed_language = True
        article.language_shares = verdict.shares
    return skipped or article
