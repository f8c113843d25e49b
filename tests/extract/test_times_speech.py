"""A speech's own day anchors the relative dates inside its text: a transcript of an address given on Thursday and
published on Friday says "Today" for Thursday (issue 14: 5 of the news set's date errors)."""

from __future__ import annotations

import datetime as dt

import pytest


FRIDAY = dt.date(2022, 7, 22)
TRANSCRIPT = (
    "In the President's latest address on Thursday evening, July 21, he spoke about the grain talks.\n\n"
    "Read the President's full address below:\n\n"
    "Good health to you, fellow Ukrainians!\n\n"
    "Today, I held a meeting of the Staff. And tomorrow we expect news from Turkey.\n"
)


@pytest.fixture(scope="module")
def tag(times_tagger):
    return times_tagger(False, FRIDAY)


def test_today_in_a_transcript_is_the_speech_day(tag, only_time) -> None:
    doc = tag(TRANSCRIPT)
    frame = next(t for t in doc._.times if t.evidence.text.startswith("Thursday"))
    today, tomorrow = only_time(doc, "Today"), only_time(doc, "tomorrow")
    assert (today.start, tomorrow.start) == ("2022-07-21", "2022-07-22")
    assert today.anchor == tomorrow.anchor == frame.id


def test_without_the_speech_text_today_is_the_publication_day(tag, only_time) -> None:
    # the same frame, but the article does not go on to give the address: "Today" is the reporter's
    doc = tag("In the President's latest address on Thursday evening, he spoke about the grain talks.\n\n"
              "Today, Russian forces shelled Kharkiv.\n")
    assert (only_time(doc, "Today").start, only_time(doc, "Today").anchor) == ("2022-07-22", "publication")


def test_a_date_not_of_a_speech_anchors_nothing(tag, only_time) -> None:
    # an announced text whose date is a battle's, not a speech's: the dates below keep publication as their anchor
    doc = tag("The battle on Thursday evening, July 21, was the fiercest yet.\n\n"
              "Read the full statement below:\n\n"
              "Today, we held the line.\n")
    assert only_time(doc, "Today").start == "2022-07-22"
