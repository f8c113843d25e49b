"""How the CLI prints: every string it shows may come from an article, so none is read as rich markup.

Article text, titles, outlets, claims and paths are untrusted: with markup on, rich read "[/x]" as a closing tag
(and crashed) and "[sic]" as a style (and dropped it from quotations); with emoji codes on, rich turned ":fire:" or
":warning:" in a quotation into pictures. Both consoles print text as it is; styles are applied to ``Text``
objects by span, never by markup in strings.

Control characters in stored text would reach the terminal raw (rich drops BEL, BS and CR but passes ESC, so a
title could clear the screen or retitle the window): every rendered segment's text shows them as their Unicode
control pictures ("␛"), one cell wide like most characters; rich's own control segments (cursor moves of the
progress bar) and its styles, which it writes from the segments' styles, are untouched.
"""

from __future__ import annotations

import re

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.segment import Segment

# C0 controls but tab and newline, DEL, and the C1 controls (0x80-0x9f), which some terminals obey too.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def visible_controls(text: str) -> str:
    """``text`` with each control character (tab and newline aside) shown as its control picture."""
    return _CONTROL_RE.sub(_picture, text)


class _Escaped:
    """A renderable drawn as ``inner``, with control characters in the text of its segments made visible."""

    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not _CONTROL_RE.search(segment.text):
                yield segment
            else:
                yield Segment(visible_controls(segment.text), segment.style)


class _EscapeControls(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Escaped(renderable) for renderable in renderables]  # type: ignore[misc]


def _console(**options: bool) -> Console:
    made = Console(markup=False, emoji=False, highlight=False, **options)
    made.push_render_hook(_EscapeControls())
    return made


console = _console()
errors = _console(stderr=True)
