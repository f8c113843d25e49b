"""Lines that announce a printed speech ("Read the President's full address below:"), found in plain text.

The one detector of such lines: the times tagger dates the text after one from the speech's own day, and the claims
component gives each paragraph after one to the speaker. Both read the same nouns and cues
(``data/text/speech_frames.json``), so a site's way of framing a transcript is taught once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom import lexicons

FRAMES_FILE = "text/speech_frames.json"
LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class SpeechFrames:
    """What an announcing line holds: a speech noun, a cue that the text is given whole, and a colon at its end or
    a cue that points at what follows ("The full address is below.")."""

    nouns: frozenset[str]
    noun_pattern: re.Pattern[str]
    whole_text_pattern: re.Pattern[str]
    pointing_pattern: re.Pattern[str]
    max_line_chars: int

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SpeechFrames:
        nouns = frozenset(word.lower() for word in data["speech_nouns"])
        return cls(nouns=nouns, noun_pattern=word_pattern(nouns, plural=True),
                   whole_text_pattern=word_pattern(data["whole_text_cues"]),
                   pointing_pattern=word_pattern(data["pointing_cues"]), max_line_chars=int(data["max_line_chars"]))

    def announces(self, line: str) -> bool:
        """Whether one line announces that a speech's text follows it."""
        line = line.strip()
        if not line or len(line) > self.max_line_chars:
            return False
        lowered = line.lower()
        if not self.noun_pattern.search(lowered) or not self.whole_text_pattern.search(lowered):
            return False
        return line.endswith(":") or bool(self.pointing_pattern.search(lowered))

    def is_speech_noun(self, lemma: str) -> bool:
        """Whether a word's lemma names a speech ("address", "remarks")."""
        return lemma.lower() in self.nouns


def word_pattern(words: Iterable[str], plural: bool = False) -> re.Pattern[str]:
    """Any of ``words`` as whole words (a space matching any run of spaces), optionally in the plural."""
    suffix = r"(?:e?s)?" if plural else ""
    alternation = "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation}){suffix}\b")


@lru_cache(maxsize=8)
def load_frames(data_dir: str = "") -> SpeechFrames:
    """The packaged speech frames, or those of ``data_dir`` when it holds a speech_frames.json."""
    return SpeechFrames.from_data(lexicons.read_json(FRAMES_FILE, data_dir or None))


def announcement_lines(text: str, frames: SpeechFrames, start: int = 0, stop: int | None = None
                       ) -> Iterator[tuple[int, int]]:
    """[start, end) of each line of ``text`` that announces a printed speech, among the lines from ``start`` on that
    end by ``stop`` (the whole text when None), in order."""
    for match in LINE.finditer(text, start):
        if stop is not None and match.end() > stop:
            return
        if frames.announces(match.group()):
            yield match.start(), match.end()
