"""Geometry on the sphere: great-circle distances and the median point of a set of places."""

from __future__ import annotations

import math
import statistics

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def median_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """The median latitude and the median longitude (a unit's point from its towns'); (None, None) for none."""
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
