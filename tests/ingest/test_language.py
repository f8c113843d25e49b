"""Language gate: other languages are Skipped with the reason; short texts are not judged."""

from __future__ import annotations

from sitroom.config import IngestOptions
from sitroom.ingest import article_from_text
from sitroom.ingest.language import detect, gate_article
from sitroom.model import Article, Skipped

GERMAN = (
    "Die ukrainische Armee hat nach eigenen Angaben mehrere Angriffe im Osten des Landes abgewehrt. "
    "Der Generalstab teilte am Montag mit, dass die Kämpfe um die Stadt weiter andauern."
)

GERMAN_MORE = (
    "Nach Angaben der Behörden wurden in der Nacht mehrere Drohnen abgeschossen, Trümmer beschädigten jedoch ein "
    "Lagerhaus am Stadtrand, und die Feuerwehr war bis zum Morgen im Einsatz."
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


ENGLISH = [
    (
        "Regional officials said on Monday that the evacuation of villages along the border would continue for at least "
        "another week, and that buses would leave twice a day from the central square of the town."
    ),
    (
        "The governor told reporters that more than two thousand people had already left, most of them elderly residents "
        "who had stayed through the winter despite the shelling of the power station."
    ),
    (
        "Aid groups warned that the roads to the north were damaged and that the journey could take most of a day, "
        "while volunteers were collecting warm clothes and medicine at the railway station."
    ),
    (
        "A spokesman for the army said that air defences had shot down several drones overnight and that no one had been "
        "hurt, although a warehouse on the edge of the city had caught fire."
    ),
]
UKRAINIAN = [
    (
        "Голова обласної військової адміністрації повідомив, що евакуація мешканців прикордонних сіл триватиме щонайменше "
        "ще тиждень, а автобуси відправлятимуться двічі на день з центральної площі міста."
    ),
    (
        "За його словами, понад дві тисячі людей уже виїхали, здебільшого це літні мешканці, які залишалися вдома всю зиму, "
        "попри обстріли електростанції та постійні перебої зі світлом і водою."
    ),
    (
        "Волонтери збирають теплий одяг і ліки на залізничному вокзалі, а гуманітарні організації попереджають, що дороги "
        "на північ пошкоджені і поїздка може тривати майже цілий день."
    ),
]


def test_english_first_text_with_a_large_share_in_another_language_is_kept_and_flagged() -> None:
    """Finding 4e: only the first 1,000 characters were judged, so a mixed file was stored as English, unflagged."""
    text = "\n\n".join(ENGLISH + UKRAINIAN[:2])
    assert len("\n\n".join(ENGLISH)) > 750  # the Ukrainian part starts late
    result = gate_article(article_from_text(text, title=""), "mixed.txt", IngestOptions())
    assert isinstance(result, Article) and result.language == "en"
    assert result.mixed_language
    assert set(result.language_shares) == {"en", "uk"}
    assert 0.25 < result.language_shares["uk"] < 0.5 and result.language_shares["en"] > 0.5


def test_text_mostly_in_another_language_is_skipped_even_when_it_starts_in_english() -> None:
    text = "\n\n".join(ENGLISH + UKRAINIAN + [GERMAN, GERMAN_MORE])
    assert len("\n\n".join(ENGLISH)) > 750  # the first 1,000 characters are mostly English
    result = gate_article(article_from_text(text, title=""), "uk.txt", IngestOptions())
    assert isinstance(result, Skipped) and result.reason == "language"
    assert result.detail.startswith("detected uk (p=")


def test_english_text_is_not_flagged_mixed() -> None:
    result = gate_article(article_from_text("\n\n".join(ENGLISH), title=""), "en.txt", IngestOptions())
    assert isinstance(result, Article) and not result.mixed_language and result.language_shares == {}


def test_a_foreign_quote_in_an_english_text_is_no_mix() -> None:
    text = "\n\n".join(ENGLISH + ["«Ми вистоїмо», — сказав він."])
    result = gate_article(article_from_text(text, title=""), "quote.txt", IngestOptions())
    assert isinstance(result, Article) and not result.mixed_language
