"""The geo layer stands alone: no spaCy, nothing of sitroom.extract (DESIGN.md, Layout)."""

from __future__ import annotations

import subprocess
import sys


def test_geo_imports_neither_spacy_nor_extract() -> None:
    code = ("import sys, sitroom.geo.names, sitroom.geo.distance, sitroom.geo.gazetteer, sitroom.geo.build; "
            "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'sitroom.extract'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
