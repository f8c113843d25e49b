"""Shared test fixtures: paths to the bundled fixtures and to ../shared (evaluation data, may be absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The CLI's tables fold cells to the terminal's width; a wide one keeps printed values whole for assertions.
os.environ.setdefault("COLUMNS", "240")

# Property tests: no per-example deadline (the first example of a test loads models and files), and each test
# names its own max_examples; no example database in the tree (a failure prints the blob that replays it);
# derandomized, so the suite tries the same examples on every run and a red CI is reproducible (bench/fuzz.py
# is where random exploration runs, for as long as it is given).
settings.register_profile(
    "sitroom", deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None, print_blob=True,
    derandomize=True,
)
settings.load_profile("sitroom")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures"
SEED_ARTICLE = FIXTURES / "seed" / "article.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"evaluation data not found at {SHARED}")


@pytest.fixture(scope="session")
def nlp_base():
    """The spaCy model alone, loaded once per test session."""
    from sitroom.nlp import load_pipeline

    return load_pipeline()
