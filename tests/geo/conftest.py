"""A small gazetteer built once per test session into a temporary folder, never the user's cache.

It is the real build over a part of the real sources: every Ukrainian town (the codifier links to them) and the
towns of 100,000 people or more elsewhere, with every country, admin unit, region and continent (a few seconds,
where the whole build takes half a minute).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.geo.build import Sources, build_gazetteer, read_sources
from sitroom.geo.gazetteer import Gazetteer

SMALL_TOWN_POPULATION = 100_000


def small_sources() -> Sources:
    sources = read_sources()
    sources.cities = {k: c for k, c in sources.cities.items()
                      if c["countrycode"] == "UA" or int(c.get("population") or 0) >= SMALL_TOWN_POPULATION}
    return sources


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, float | int | str]]:
    """The small gazetteer's file and the build's stats."""
    path = tmp_path_factory.mktemp("gazetteer") / "cache" / "gazetteer.sqlite"
    return path, build_gazetteer(path, small_sources())


@pytest.fixture(scope="session")
def gazetteer(built: tuple[Path, dict[str, float | int | str]]) -> Gazetteer:
    return Gazetteer.open(built[0])
