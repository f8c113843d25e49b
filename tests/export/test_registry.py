"""The EXPORTERS registry: the contract the CLI and the HTTP API call, and the filter's checks."""

from __future__ import annotations

import pytest

from sitroom.config import ConfigError, ExportOptions, load_config
from sitroom.export import EXPORTERS, ExportError, ExportFilter, exporter
from sitroom.export.base import country_code, countries


def test_every_exporter_names_its_media_type_and_suffix():
    assert list(EXPORTERS) == ["acled", "geojson", "parquet", "jsonl", "clusters"]
    assert {name: (e.media_type, e.suffix) for name, e in EXPORTERS.items()} == {
        "acled": ("text/csv; charset=utf-8", ".csv"),
        "geojson": ("application/geo+json", ".geojson"),
        "parquet": ("application/vnd.apache.parquet", ".parquet"),
        "jsonl": ("application/x-ndjson", ".jsonl"),
        "clusters": ("application/x-ndjson", ".jsonl"),
    }
    assert all(e.name == name and e.description for name, e in EXPORTERS.items())


def test_an_unknown_exporter_is_an_error_listing_the_exporters():
    with pytest.raises(ExportError, match="no exporter 'xlsx'; the exporters are: acled, geojson, parquet"):
        exporter("xlsx")
    configured = exporter("parquet", ExportOptions(parquet_row_group_rows=5))
    assert configured.options.parquet_row_group_rows == 5 and EXPORTERS["parquet"].options.parquet_row_group_rows > 5


@pytest.mark.parametrize(("where", "message"), [
    (ExportFilter(since="14/10/2024"), "from: not an ISO date"),
    (ExportFilter(until="2024-13-01"), "to: not an ISO date"),
    (ExportFilter(since="2024-10-15", until="2024-10-14"), "from 2024-10-15 is after to 2024-10-14"),
    (ExportFilter(country="Atlantis"), "unknown country 'Atlantis'"),
    (ExportFilter(kind="article"), "kind: one of event, claim"),  # type: ignore[arg-type]
])
def test_a_malformed_filter_is_refused_before_the_first_chunk(empty_store, where, message):
    with pytest.raises(ExportError, match=message):
        EXPORTERS["clusters"].stream(empty_store, where)


def test_countries_are_read_by_code_or_acleds_name():
    assert country_code("ua") == "UA" and country_code("Ukraine") == "UA" and country_code("north korea") == "KP"
    table = countries()
    assert (table["UA"].iso_numeric, table["UA"].region) == (804, "Europe")
    assert (table["RU"].iso_numeric, table["RU"].name) == (643, "Russia")
    assert (table["TR"].region, table["KP"].region, table["GE"].region) == (
        "Middle East", "East Asia", "Caucasus and Central Asia")
    assert table["CD"].name == "Democratic Republic of Congo" and len(table) > 240


def test_a_filter_is_normalized_to_what_the_store_compares():
    checked = ExportFilter(since="20241014", until="2024-10-20", country="ukraine", admin1="").checked()
    assert (checked.since, checked.until, checked.country, checked.admin1) == ("2024-10-14", "2024-10-20", "UA", None)


def test_the_export_options_are_read_from_the_config_file_and_checked(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text("[export]\nparquet_row_group_rows = 500\nnotes_max_sentences = 2\n")
    assert (load_config(good).export.parquet_row_group_rows, load_config(good).export.notes_max_sentences) == (500, 2)
    bad = tmp_path / "bad.toml"
    bad.write_text("[export]\nparquet_row_group_rows = 0\n")
    with pytest.raises(ConfigError, match="export.parquet_row_group_rows: must be at least 1, not 0"):
        load_config(bad)
