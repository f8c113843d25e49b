"""Language gate: other languages are Skipped with the reason; short texts are not judged."""

from __future__ import annotations

from sitroom.config import IngestOptions
from sitroom.ingest.language import detect, gate_article
from sitroom.ingest import article_from_text
from sitroom.model import Article, Skipped

GERMAN = (
    "Die ukrainische Armee hat nach eigenen Angaben mehrere Angriffe im Osten des Landes abgewehrt. "
    "Der Generalstab teilte am Montag mit, dass die Kämpfe um die Stadt weiter andauern."
)


def test_german_article_is_skipped_with_the_detected_language() -> None:
    article = article_from_text(GERMAN)
    result = gate_article(article, "de.txt", IngestOptions())
    assert isinstance(result, Skipped)
    assert result.reason == "language"
    assert result.detail.startswith("detected de (p=")
    assert result.article_id == article.id


def test_kept_when_the_language_is_allowed() -> None:
    result = gate_article(article_from_text(GERMAN), "de.txt", IngestOptions(languages=["en", "de"]))
    assert isinstance(result, Article) and result.language == "de"


def test_short_text_is_not_judged() -> None:
    assert not detect("Kyiv, Kharkiv").judged
    result = gate_article(article_from_text("Kyiv, Kharkiv, Odesa."), "s.txt", IngestOptions())
    assert isinstance(result, Article)
