"""The one detector of lines that announce a printed speech (text/speech.py), read by times and claims alike."""

from __future__ import annotations

import pytest

from sitroom.text.speech import announcement_lines, load_frames


@pytest.fixture(scope="module")
def frames():
    return load_frames()


@pytest.mark.parametrize("line", [
    "Read the President's full address below:",
    "Full text of the speech:",
    "The transcript follows:",
    "The full address is below.",
    "Read the Chancellor's remarks in full:",
])
def test_announcing_lines(frames, line: str) -> None:
    assert frames.announces(line)


@pytest.mark.parametrize("line", [
    "In his address, the President said:",  # a colon but no cue that the text is given whole
    "The full story is below:",  # a cue but no speech noun
    "Zelenskyy gave his full address to parliament on Thursday",  # no colon, no cue pointing at what follows
    "Read the President's full address below: " + "and much more " * 20,  # too long to be a line of its own
    "",
])
def test_lines_that_do_not_announce(frames, line: str) -> None:
    assert not frames.announces(line)


def test_plural_nouns_count(frames) -> None:
    assert frames.announces("Full texts of the statements:")


def test_announcement_lines_give_offsets_within_the_window(frames) -> None:
    text = "Headline\nIn his address on Monday, he spoke.\nRead the President's full address below:\nWe will win.\n"
    line = "Read the President's full address below:"
    begin = text.index(line)
    assert list(announcement_lines(text, frames)) == [(begin, begin + len(line))]
    assert list(announcement_lines(text, frames, start=0, stop=begin + len(line) - 1)) == []
    assert list(announcement_lines(text, frames, start=begin + len(line))) == []


def test_speech_nouns_read_by_lemma(frames) -> None:
    assert frames.is_speech_noun("Address")
    assert not frames.is_speech_noun("story")
