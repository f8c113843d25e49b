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
