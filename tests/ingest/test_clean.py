"""Line-level cleaning: which lines leave the body, credits, paragraph breaks and the offset map."""

from __future__ import annotations

import pytest

from sitroom.ingest.clean import clean_lines, classify_line, load_patterns, split_credits


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Live Briefing: The War In Gaza", "promo"),
        ("For all of our coverage of the war, click here.", "promo"),
        ("Click here to subscribe to our newsletter", "promo"),
        ("Sign up for our daily briefing", "promo"),
        ("Follow us on Telegram for updates", "promo"),
        ("SEE ALSO: Pressure Mounts On The Battlefield", "related_link"),
        ("READ MORE: Ceasefire talks stall", "related_link"),
        ("Related: Ten years of war in pictures", "related_link"),
        ("With reporting by AP and Reuters", "credits"),
        ("Additional reporting by Jane Doe", "credits"),
        ("Reporting by Pavel Polityuk; Editing by Tom Hogue", "credits"),
    ],
)
def test_boilerplate_lines(line: str, kind: str) -> None:
    verdict = classify_line(line, load_patterns())
    assert verdict is not None and verdict[0] == kind


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the BBC and several other broadcasters found that the convoy had been hit twice.",
        "The mayor said residents should click here and there on the map to find shelters near them, he added.",
        "More than 30,000 people were evacuated, officials said.",
        "Watching the front line from a hill, soldiers described the shelling.",
    ],
)
def test_body_lines_stay(line: str) -> None:
    assert classify_line(line, load_patterns()) is None


def test_credits_are_split_into_names() -> None:
    patterns = load_patterns()
    assert split_credits("AFP, dpa, and Reuters", patterns) == ["AFP", "dpa", "Reuters"]
    assert split_credits("AP & Reuters.", patterns) == ["AP", "Reuters"]
    assert split_credits("RFE/RL's Ukrainian Service and Current Time", patterns) == [
        "RFE/RL's Ukrainian Service",
        "Current Time",
    ]


def test_clean_keeps_paragraphs_and_maps_offsets() -> None:
    source = "  First paragraph.\r\n\r\n\r\nSEE ALSO: Other story\n\nSecond line one.\nSecond line two.\n\nWith reporting by AFP\n"
    cleaned = clean_lines(source)
    assert cleaned.text == "First paragraph.\n\nSecond line one.\nSecond line two."
    assert cleaned.credits == ["AFP"]
    assert [(r.kind, r.line) for r in cleaned.removed] == [("related_link", 4), ("credits", 9)]
    for removed in cleaned.removed:
        assert source[removed.source_start : removed.source_end] == removed.text
    for word in ("First", "Second line one", "Second line two"):
        start = cleaned.text.index(word)
        source_start = cleaned.to_source(start)
        assert source[source_start : source_start + len(word)] == word
        assert cleaned.to_clean(source_start) == start
