"""sitroom.text.names: a name without the determiners running text puts before it."""

from __future__ import annotations

import pytest

from sitroom.text.names import strip_article


@pytest.mark.parametrize(("text", "name"), [
    ("the Kremlin", "Kremlin"), (" The White House ", "White House"), ("Kyiv", "Kyiv"), ("the", ""), ("", ""),
    ("this the Pentagon", "Pentagon"), ("Theodore", "Theodore"),
])
def test_strip_article(text: str, name: str) -> None:
    assert strip_article(text) == name
