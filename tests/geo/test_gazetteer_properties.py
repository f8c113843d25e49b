"""Property tests for the gazetteer lookup (the session's small gazetteer): any name or word -> a list of
candidates (possibly empty), never an exception; the same answer twice; the name keys are total functions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.geo.gazetteer import Candidate, Gazetteer
from sitroom.geo.names import normalize, skeleton

# Examples per property: a lookup is one indexed SQLite query (well under a millisecond).
LOOKUP_EXAMPLES = 400

NAMES = st.sampled_from([
    "Kharkiv", "Kharkov", "Харків", "Kyiv", "Kiev", "Odesa", "Zaporizhzhia", "L.A.", "USA", "U.S.", "SEA", "Sea",
    "Donetsk Oblast", "Ukraine", "Europe", "Lviv", "Bakhmut", "St. Petersburg", "Ukrainian", "Russian", "'", ".",
    "-", "", " ", "%", "_", "?", "\x00", "\u0301", "ﬁ", "İ", "ß", "🇺🇦", "\ufffd", "a" * 300,
]) | st.text(max_size=30) | st.lists(st.sampled_from(["Kharkiv", "'s", "-", " ", "Oblast", "St."]), max_size=4).map("".join)


@settings(max_examples=LOOKUP_EXAMPLES)
@given(NAMES)
def test_lookup_any_name(gazetteer: Gazetteer, name: str) -> None:
    found = gazetteer.lookup(name)
    assert isinstance(found, list) and all(isinstance(c, Candidate) for c in found)
    assert gazetteer.lookup(name) == found
    assert isinstance(normalize(name), str) and isinstance(skeleton(name), str)
    demonyms = gazetteer.demonym(name)
    assert isinstance(demonyms, list) and all(isinstance(c, Candidate) for c in demonyms)


def test_lookup_finds_what_it_should(gazetteer: Gazetteer) -> None:
    """The strategy's names reach real entries: the property above would also see a lookup that broke."""
    assert gazetteer.lookup("Kharkov") and gazetteer.lookup("Харків")
