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


def extent_centre(points: list[tuple[float, float]], trim: float = 0.0) -> tuple[float | None, float | None]:
    """The middle of the box the points span, without the ``trim`` share of them at each edge (a town given the
    wrong unit in GeoNames stretches the box: Donetsk Oblast's westward by 300 km). A unit's point from its towns':
    the median is pulled to where towns are dense, Ontario's to its south. A box wider than 180 degrees of longitude
    is taken across the antimeridian (Alaska's Aleutians, Chukotka). (None, None) for none."""
    if not points:
        return None, None
    lats = sorted(p[0] for p in points)
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lons.sort()
    cut = int(trim * len(points))
    lat = (lats[cut] + lats[-1 - cut]) / 2
    lon = (lons[cut] + lons[-1 - cut]) / 2
    return lat, lon - 360 if lon > 180 else lon


def nearest(point: tuple[float, float], points: list[tuple[float, float]]) -> tuple[float, tuple[float, float]]:
    """The closest of ``points`` to ``point`` and its distance in km (``points`` must not be empty)."""
    return min(((distance_km(point[0], point[1], p[0], p[1]), p) for p in points), key=lambda dp: dp[0])
