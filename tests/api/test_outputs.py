"""GET /api/brief and GET /api/export/{name}: the CLI's briefing and exports over HTTP, streamed, their bad
parameters 422 with the package's own message, an unknown exporter 404."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from sitroom.acled import EXPORT_COLUMNS
from sitroom.export import EXPORTERS

OCTOBER = {"from": "2024-10-01", "to": "2024-10-31"}


def test_the_briefing_in_markdown_cites_who_asserts_and_who_denies(client: TestClient) -> None:
    reply = client.get("/api/brief", params=OCTOBER)
    assert reply.status_code == 200 and reply.headers["content-type"] == "text/markdown; charset=utf-8"
    text = reply.text
    assert text.startswith("# Situation report, 2024-10-01 to 2024-10-31")
    shells = next(line for line in text.splitlines() if "artillery shells" in line)
    assert "asserted by South Korean intelligence service" in shells and "denied by Government of Russia" in shells


def test_the_briefing_in_html_runs_nothing(client: TestClient) -> None:
    reply = client.get("/api/brief", params={**OCTOBER, "format": "html"})
    assert reply.status_code == 200 and reply.headers["content-type"] == "text/html; charset=utf-8"
    policy = reply.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "<script" not in reply.text.lower() and "Pokrovsk" in reply.text


def test_a_region_narrows_the_briefing(client: TestClient) -> None:
    text = client.get("/api/brief", params={**OCTOBER, "region": "Donetsk"}).text
    assert "Pokrovsk" in text and "Kharkiv on Sunday" not in text


@pytest.mark.parametrize("params, words", [
    ({"from": "2024-10-31", "to": "2024-10-01"}, "the period ends (2024-10-01) before it starts (2024-10-31)"),
    ({"from": "2023-01-01", "to": "2024-10-01"}, "over 366 ([api] max_brief_days"),
    ({"from": "0001-01-01", "to": "0001-01-02"}, "too near the ends of the calendar"),
    ({"from": "October", "to": "2024-10-01"}, "from: Value error, an ISO day is YYYY-MM-DD"),
    ({"to": "2024-10-01"}, "from: Field required"),
    ({**OCTOBER, "format": "pdf"}, "format: Input should be 'md' or 'html'"),
])
def test_a_bad_period_is_422_saying_why(client: TestClient, params: dict, words: str) -> None:
    reply = client.get("/api/brief", params=params)
    assert reply.status_code == 422 and words in reply.json()["detail"]


def test_the_acled_export_streams_acled_s_columns(client: TestClient) -> None:
    reply = client.get("/api/export/acled")
    assert reply.status_code == 200 and reply.headers["content-type"] == EXPORTERS["acled"].media_type
    assert reply.headers["content-disposition"] == 'attachment; filename="sitroom-acled.csv"'
    rows = list(csv.DictReader(io.StringIO(reply.text)))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    places = {(r["location"], r["admin1"]) for r in rows}
    assert places == {("Kharkiv", "Kharkiv Oblast"), ("Pokrovsk", "Donetsk Oblast")}


def test_the_geojson_export_is_points_at_the_events(client: TestClient) -> None:
    collection = json.loads(client.get("/api/export/geojson", params={"admin1": "kharkiv"}).content)
    (feature,) = collection["features"]
    assert collection["type"] == "FeatureCollection" and feature["geometry"]["coordinates"] == [36.25, 49.98]


def test_exports_take_the_filters_and_refuse_what_they_cannot_do(client: TestClient) -> None:
    claims = client.get("/api/export/clusters", params={"kind": "claim"}).text.splitlines()
    assert len(claims) == 3 and {json.loads(line)["kind"] for line in claims} == {"claim"}
    dated = client.get("/api/export/acled", params={"since": "2024-10-15"}).text.splitlines()
    assert len(dated) == 2 and "Pokrovsk" in dated[1]
    refused = client.get("/api/export/acled", params={"kind": "claim"})
    assert refused.status_code == 422
    assert refused.json()["detail"] == "the acled export takes kind event, not kind 'claim'"
    nowhere = client.get("/api/export/geojson", params={"country": "Atlantis"})
    assert nowhere.status_code == 422 and "unknown country 'Atlantis'" in nowhere.json()["detail"]


def test_an_unknown_exporter_is_404_listing_them(client: TestClient) -> None:
    reply = client.get("/api/export/xlsx")
    assert reply.status_code == 404
    assert reply.json()["detail"] == f"no exporter 'xlsx'; the exporters are: {', '.join(EXPORTERS)}"


def test_the_parquet_export_reads_back(client: TestClient) -> None:
    pyarrow = pytest.importorskip("pyarrow.parquet")
    table = pyarrow.read_table(io.BytesIO(client.get("/api/export/parquet").content))
    assert table.num_rows == 2 and "event_id_cnty" in table.column_names
