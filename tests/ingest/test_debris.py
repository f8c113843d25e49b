"""Debris of real news pages in text that kept it: each kind leaves the body (short fixtures written for the tests)."""

from __future__ import annotations

import pytest

from sitroom.ingest.clean import classify_line, clean_lines, load_patterns


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("NEW You can now listen to Example News articles!", "promo"),
        ("Get the Morning Brief newsletter in your inbox every day", "newsletter"),
        ("Sign up for our Ukraine newsletter", "promo"),  # the older promo pattern keeps this one
        ("Daily newsletter: subscribe to get the latest from the front", "newsletter"),
        ("Other Topics of Interest Minister Says Aid Is Coming Soon He told reporters the shipment would leave on Friday.", "related_block"),
        ("You may also like: Ten photos from the front", "related_block"),
        ("Read more »", "related_block"),
        ("Continue reading", "related_block"),
        ("MINISTER WARNS OF A LONG WINTER AS STRIKES HIT POWER PLANTS ACROSS THE COUNTRY", "related_block"),
        ("Drones hit the port overnight https://t.co/AbC123 — Some Reporter (@some_reporter) March 9, 2024", "embed"),
        ("Photo: Regional Administration", "photo_credit"),
        ("Credit: Jane Roe", "photo_credit"),
        ("Reporting from Anna Smith, Petro Ivanenko and Joe Bloggs", "author"),
        ("Associated Press writer Jane Roe in Kyiv contributed to this report.", "author"),
    ],
)
def test_debris_lines(line: str, kind: str) -> None:
    verdict = classify_line(line, load_patterns())
    assert verdict is not None and verdict[0] == kind


@pytest.mark.parametrize(
    "line",
    [
        "The newsletter of the regional council said shelters were open.",
        "NATO and the EU met in Brussels on Tuesday.",
        "Written statements were handed to the court on Monday, officials said.",
        "He contributed to the report the ministry published on Friday, his office said, and it was widely read.",
        "Photographs of the damage were shared by the mayor on Telegram.",
        "UN",
        "Read more about the aid package in the ministry report published on Friday.",
        "WHAT SAY YOU, LAWMAKERS OF THE COUNCIL?",
        "Image: The mayor, left, meets residents of the village",
    ],
)
def test_body_lines_stay(line: str) -> None:
    assert classify_line(line, load_patterns()) is None


def test_long_related_block_is_removed_but_long_body_stays() -> None:
    body = "Officials said the shelling lasted all night and damaged homes. " * 8
    block = "Other Topics of Interest " + body
    cleaned = clean_lines(f"{body}\n\n{block}\n")
    assert cleaned.text == body.strip()
    assert [r.kind for r in cleaned.removed] == ["related_block"]


@pytest.mark.parametrize(
    ("first", "dateline"),
    [
        ("KYIV, Ukraine (AP) — Drones struck the city overnight, officials said.", "KYIV, Ukraine (AP)"),
        ("CNN — Drones struck the city overnight, officials said.", "CNN"),
        ("Minsk (BelTA) - Drones struck the city overnight, officials said.", "Minsk (BelTA)"),
        ("BRUSSELS (AP) – Drones struck the city overnight, officials said.", "BRUSSELS (AP)"),
    ],
)
def test_dateline_becomes_metadata(first: str, dateline: str) -> None:
    source = f"{first}\n\nKYIV (AP) — a later line keeps its text.\n"
    cleaned = clean_lines(source)
    assert cleaned.dateline == dateline
    assert cleaned.text == "Drones struck the city overnight, officials said.\n\nKYIV (AP) — a later line keeps its text."
    (removed,) = cleaned.removed
    assert (removed.kind, removed.text) == ("dateline", dateline)
    assert source[removed.source_start : removed.source_end] == dateline
    start = cleaned.text.index("Drones")
    assert source[cleaned.to_source(start) :].startswith("Drones")


def test_no_dateline_in_ordinary_first_line() -> None:
    cleaned = clean_lines("NATO — the alliance — met on Tuesday in Brussels.\n")
    assert cleaned.dateline == ""
    assert cleaned.text == "NATO — the alliance — met on Tuesday in Brussels."
    assert clean_lines("Kyiv (Ukraine) said the talks failed.\n").dateline == ""


def test_inline_caption_credit_is_cut_and_the_caption_listed() -> None:
    source = "The talks began on Monday.\n\nSoldiers guard a display of captured vehicles (Jane Roe/AP)\n\nThey ended on Friday.\n"
    cleaned = clean_lines(source)
    caption = "Soldiers guard a display of captured vehicles"
    assert cleaned.text == f"The talks began on Monday.\n\n{caption}\n\nThey ended on Friday."
    assert [cleaned.text[s:e] for s, e in cleaned.captions] == [caption]
    (removed,) = cleaned.removed
    assert (removed.kind, removed.text) == ("photo_credit", "Jane Roe/AP")
    assert source[removed.source_start : removed.source_end] == "Jane Roe/AP"


def test_article_carries_dateline_and_text_captions() -> None:
    from sitroom.ingest.article import article_from_text

    article = article_from_text(
        "CNN — Drones struck the city overnight, officials said.\n\nA burned car on a street (John Doe/Reuters)\n",
        title="Drones",
    )
    assert article.dateline == "CNN"
    assert [c.text for c in article.captions] == ["A burned car on a street"]


def test_html_page_debris() -> None:
    from sitroom.ingest.html import read_html
    from sitroom.model import Article

    body = " ".join(["Officials in the region said the strike damaged two schools and a hospital overnight."] * 3)
    page = f"""<html><head><title>Strike</title></head><body><article>
<p>KYIV, Ukraine (AP) — {body}</p>
<figure><img src="a.jpg"><figcaption>Rescuers work at the damaged school in the city (Jane Roe/AP)</figcaption></figure>
<p>{body}</p>
<p>Get the Morning Brief newsletter in your inbox every day</p>
<p>{body}</p>
<p>Reporting from Anna Smith and Joe Bloggs</p>
</article></body></html>"""
    article = read_html(page, source="page.html", check_language=False)
    assert isinstance(article, Article)
    assert article.dateline == "KYIV, Ukraine (AP)"
    assert article.text.startswith("Officials in the region")
    assert [c.text for c in article.captions] == ["Rescuers work at the damaged school in the city"]
    assert {r.kind for r in article.removed} >= {"dateline", "photo_credit", "newsletter", "author"}
    for debris in ("newsletter", "Jane Roe", "Anna Smith"):
        assert debris not in article.text
