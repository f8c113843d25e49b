"""Line-level cleaning shared by every reader: boilerplate lines out (kept as RemovedLine), credits read.

Readers hand over text as lines. A line that is a promo ("Live Briefing: ..."), a related link ("SEE ALSO: ...")
or a credit line ("With reporting by AFP, dpa, and Reuters") leaves the body and is recorded with its line number
and source offsets, so nothing vanishes silently. The clean text keeps paragraph breaks (runs of blank lines
become one blank line), and a map from clean offsets back to source offsets is kept, so a span found later can
still be shown in the file as read.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from sitroom.model import RemovedLine

_LINE_RE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class LinePatterns:
    """Compiled boilerplate patterns of one data file (see src/sitroom/data/boilerplate/lines.json)."""

    kinds: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    credit_separators: re.Pattern[str]
    max_line_chars: int
    max_credit_words: int
    # Longer limits for kinds that come as one long line (a related-stories block with its teasers, an embedded post).
    max_chars_by_kind: dict[str, int] = field(default_factory=dict)
    # Parts cut from one kept line (group "cut" is what is recorded): a dateline at the start of the first body
    # line, a photographer's credit at the end of a caption line.
    trims: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = ()
    first_line_only: frozenset[str] = frozenset()
    caption_rest: frozenset[str] = frozenset()
    min_rest_chars: int = 20

    def limit(self, kind: str) -> int:
        """Longest line that may be of ``kind``."""
        return self.max_chars_by_kind.get(kind, self.max_line_chars)


@dataclass
class Cleaned:
    """Clean text, what was taken out, and segments (clean_start, source_start, length) mapping offsets back."""

    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    dateline: str = ""  # "KYIV, Ukraine (AP)", "CNN": cut from the first body line, metadata rather than text
    captions: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in ``text`` of caption lines

    def to_source(self, pos: int) -> int:
        """Source offset of clean offset ``pos`` (positions in a kept line map exactly; separators approximately)."""
        return to_source(self.segments, pos)

    def to_clean(self, pos: int) -> int | None:
        """Clean offset of source offset ``pos``, or None when that source character is not in the clean text."""
        return to_clean(self.segments, pos)


def to_source(segments: list[tuple[int, int, int]], pos: int) -> int:
    """Map a clean-text offset to the source text through ``segments`` (as stored in Article.extra)."""
    if not segments:
        return pos
    index = bisect.bisect_right([s[0] for s in segments], pos) - 1
    clean_start, source_start, length = segments[max(index, 0)]
    return source_start + min(max(pos - clean_start, 0), length)


def to_clean(segments: list[tuple[int, int, int]], pos: int) -> int | None:
    """Map a source offset (a gold span read on the raw file, say) into the clean text; None if it was removed."""
    if not segments:
        return pos
    for clean_start, source_start, length in segments:
        if source_start <= pos <= source_start + length:
            return clean_start + pos - source_start
    return None


@lru_cache(maxsize=8)
def load_patterns(name: str = "lines.json") -> LinePatterns:
    """Read and compile a boilerplate pattern file from sitroom's data folder (cached: files are read-only)."""
    raw: dict[str, Any] = json.loads(
        resources.files("sitroom").joinpath("data/boilerplate/" + name).read_text(encoding="utf-8")
    )
    kinds = tuple(
        (kind, tuple(re.compile(p, re.IGNORECASE) for p in patterns)) for kind, patterns in raw["kinds"].items()
    )
    trims: dict[str, list[str]] = raw.get("trims", {})
    rules: dict[str, Any] = raw.get("trim_rules", {})
    return LinePatterns(
        kinds=kinds,
        credit_separators=re.compile(raw["credit_separators"], re.IGNORECASE),
        max_line_chars=int(raw.get("max_line_chars", 400)),
        max_credit_words=int(raw.get("max_credit_words", 5)),
        max_chars_by_kind={kind: int(n) for kind, n in raw.get("max_line_chars_by_kind", {}).items()},
        trims=tuple((kind, tuple(re.compile(p, re.IGNORECASE) for p in found)) for kind, found in trims.items()),
        first_line_only=frozenset(rules.get("first_line_only", ())),
        caption_rest=frozenset(rules.get("caption_rest", ())),
        min_rest_chars=int(rules.get("min_rest_chars", 20)),
    )


def classify_line(line: str, patterns: LinePatterns) -> tuple[str, list[str]] | None:
    """(kind, credited names) when a stripped line is boilerplate, else None."""
    if not line:
        return None
    for kind, regexes in patterns.kinds:
        if len(line) > patterns.limit(kind):
            continue
        for regex in regexes:
            match = regex.match(line)
            if match is None:
                continue
            if kind != "credits":
                return kind, []
            names = split_credits(match.group("who"), patterns)
            if names:
                return kind, names
    return None


def trim_line(line: str, patterns: LinePatterns, *, first: bool) -> tuple[str, int, int, int, int] | None:
    """(kind, keep_start, keep_end, cut_start, cut_end) when a trim pattern cuts part of ``line``, else None.

    The kept part [keep_start, keep_end) stays in the body; [cut_start, cut_end) is what is recorded (a dateline
    without its dash, a credit without its brackets). The kept part must stay ``min_rest_chars`` long.
    """
    for kind, regexes in patterns.trims:
        if kind in patterns.first_line_only and not first:
            continue
        for regex in regexes:
            match = regex.search(line)
            if match is None:
                continue
            if match.start() == 0:
                keep_start, keep_end = match.end(), len(line)
            else:
                keep_start, keep_end = 0, len(line[: match.start()].rstrip())
            if keep_end - keep_start < patterns.min_rest_chars:
                continue
            return kind, keep_start, keep_end, match.start("cut"), match.end("cut")
    return None


def split_credits(who: str, patterns: LinePatterns) -> list[str]:
    """'AFP, dpa, and Reuters' -> ['AFP', 'dpa', 'Reuters']; [] when a part is too long to be a name."""
    parts = [p.strip(" .") for p in patterns.credit_separators.split(who.strip())]
    parts = [p for p in parts if p]
    if not parts or any(len(p.split()) > patterns.max_credit_words for p in parts):
        return []
    return parts


def clean_lines(
    source: str,
    *,
    patterns: LinePatterns | None = None,
    title_line: bool = False,
    line_offset: int = 0,
) -> Cleaned:
    """Remove boilerplate lines of ``source``; with ``title_line`` the first line is taken out as the title.

    Lines are split on "\\n" only (a trailing "\\r" is trimmed), so source offsets are offsets into ``source``.
    ``line_offset`` is added to reported line numbers when ``source`` is part of a larger input.
    """
    patterns = patterns or load_patterns()
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    removed: list[RemovedLine] = []
    credits: list[str] = []
    captions: list[tuple[int, int]] = []
    dateline = ""
    length = 0
    blank_pending = False
    for number, match in enumerate(_LINE_RE.finditer(source), start=1):
        if match.start() == len(source) and not match.group():
            break
        raw = match.group().rstrip("\n").rstrip("\r")
        stripped = raw.strip()
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        if not stripped:
            blank_pending = True
            continue
        if title_line and number == 1:
            removed.append(RemovedLine("title", stripped, number + line_offset, start, end))
            continue
        verdict = classify_line(stripped, patterns)
        if verdict is not None:
            kind, names = verdict
            removed.append(RemovedLine(kind, stripped, number + line_offset, start, end))
            credits.extend(n for n in names if n not in credits)
            continue
        trim = trim_line(stripped, patterns, first=not pieces)
        is_caption = False
        if trim is not None:
            kind, keep_start, keep_end, cut_start, cut_end = trim
            cut = stripped[cut_start:cut_end]
            removed.append(RemovedLine(kind, cut, number + line_offset, start + cut_start, start + cut_end))
            dateline = cut if kind == "dateline" else dateline
            is_caption = kind in patterns.caption_rest
            start += keep_start
            stripped = stripped[keep_start:keep_end]
        if pieces:
            separator = "\n\n" if blank_pending else "\n"
            pieces.append(separator)
            length += len(separator)
        blank_pending = False
        segments.append((length, start, len(stripped)))
        if is_caption:
            captions.append((length, length + len(stripped)))
        pieces.append(stripped)
        length += len(stripped)
    return Cleaned(
        text="".join(pieces),
        removed=removed,
        credits=credits,
        segments=segments,
        dateline=dateline,
        captions=captions,
    )
