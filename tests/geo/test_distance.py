"""Geometry: great-circle distances and median points."""

from __future__ import annotations

import pytest

from sitroom.geo.distance import distance_km, median_point


def test_distance_between_cities() -> None:
    kyiv, kharkiv = (50.4501, 30.5234), (49.9935, 36.2304)
    assert distance_km(*kyiv, *kharkiv) == pytest.approx(410, abs=5)
    assert distance_km(*kyiv, *kyiv) == 0.0
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015, abs=1)  # half the equator


def test_median_point() -> None:
    assert median_point([(1.0, 10.0), (2.0, 30.0), (9.0, 20.0)]) == (2.0, 20.0)
    assert median_point([]) == (None, None)
