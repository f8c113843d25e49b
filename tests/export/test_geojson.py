"""`geojson`: an RFC 7946 FeatureCollection (validated by geojson-pydantic), a point per coded event that has one."""

from __future__ import annotations

import json

import pytest
from export_ledger import KYIVPOST_SENTENCE, RFERL_SENTENCE
from geojson_pydantic import FeatureCollection
from pydantic import ValidationError

from sitroom.export import EXPORTERS, ExportFilter, ExportStats


def export(store, where=None, stats=None) -> dict:
    data = b"".join(EXPORTERS["geojson"].stream(store, where, stats))
    return json.loads(data)


def test_the_export_validates_as_rfc_7946(store):
    collection = export(store)
    FeatureCollection.model_validate(collection)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection  # 7946 has no crs member
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_the_validator_refuses_what_7946_refuses():
    with pytest.raises(ValidationError):  # the check is real: a point with one coordinate is not GeoJSON
        FeatureCollection.model_validate({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.25]}, "properties": {}}]})


def test_a_feature_per_row_of_the_acled_export_longitude_first(store, ledger):
    stats = ExportStats()
    features = {f["id"]: f for f in export(store, stats=stats)["features"]}
    assert set(features) == {ledger.strike, ledger.clash, ledger.undated}  # not the event placed only at Ukraine
    assert stats.rows == 3 and stats.skipped["unplaced"] == 1
    strike = features[ledger.strike]
    assert strike["geometry"] == {"type": "Point", "coordinates": [36.2527, 49.9808]}
    props = strike["properties"]
    assert (props["event_date"], props["event_type"], props["sub_event_type"]) == (
        "2024-10-13", "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (props["actor1"], props["actor2"], props["interaction"]) == (
        "Military Forces of Russia", "Civilians (Ukraine)", 17)
    assert (props["location"], props["admin1"], props["country"], props["geo_precision"]) == (
        "Kharkiv", "Kharkiv Oblast", "Ukraine", 1)
    assert (props["fatalities"], props["source"], props["precision"]) == (2, "Kyiv Post; RFE/RL", "exact")
    assert (props["status"], props["independent_sources"], props["reports"]) == ("corroborated", 2, 2)
    assert "latitude" not in props and "longitude" not in props


def test_each_feature_carries_its_evidence(store, ledger):
    features = {f["id"]: f for f in export(store)["features"]}
    evidence = features[ledger.strike]["properties"]["evidence"]
    assert [(e["member"], e["outlet"], e["text"], e["fatalities"]) for e in evidence] == [
        ("kyivpost/E1", "Kyiv Post", KYIVPOST_SENTENCE, 3), ("rferl/E1", "RFE/RL", RFERL_SENTENCE, 2)]
    first = evidence[0]
    assert first["url"] == "https://kyivpost.example/1" and first["published"] == "2024-10-14"
    record = store.record("kyivpost")
    assert record.article.text[first["start"]:first["end"]] == KYIVPOST_SENTENCE


def test_a_region_is_its_canonical_point_at_geo_precision_3(store, ledger):
    features = {f["id"]: f for f in export(store)["features"]}
    clash = features[ledger.clash]
    assert clash["geometry"]["coordinates"] == [37.8028, 48.0159]
    assert (clash["properties"]["geo_precision"], clash["properties"]["precision"]) == (3, "admin1")


def test_filters_apply(store, ledger):
    features = export(store, ExportFilter(admin1="Donetsk"))["features"]
    assert [f["id"] for f in features] == [ledger.clash]


def test_an_empty_store_gives_an_empty_feature_collection(empty_store):
    collection = export(empty_store)
    assert collection == {"type": "FeatureCollection", "features": []}
    FeatureCollection.model_validate(collection)
