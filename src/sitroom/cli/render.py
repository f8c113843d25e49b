"""How the CLI prints: every string it shows may come from an article, so none is read as rich markup.

Article text, titles, outlets, claims and paths are untrusted: with markup on, rich read "[/x]" as a closing tag
(and crashed) and "[sic]" as a style (and dropped it from quotations); with emoji codes on, rich turned ":fire:" or
":warning:" in a quotation into pictures. Both consoles print text as it is; styles are applied to ``Text``
objects by span, never by markup in strings.
"""

from __future__ import annotations

from rich.console import Console

console = Console(markup=False, emoji=False, highlight=False)
errors = Console(stderr=True, markup=False, emoji=False, highlight=False)
