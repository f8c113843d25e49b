"""`acled`: ACLED's columns in ACLED's order, one row per event cluster ACLED would code, every column checked."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from export_ledger import CLASH_SENTENCE, KYIVPOST_SENTENCE, RFERL_SENTENCE, UNDATED_SENTENCE

from sitroom import acled
from sitroom.config import ExportOptions
from sitroom.export import EXPORTERS, ExportFilter, ExportStats, exporter
from sitroom.export import acled as acled_export
from sitroom.export.coding import COLUMN_TYPES


def export_rows(store, where=None, stats=None) -> tuple[list[str], list[dict[str, str]]]:
    data = b"".join(EXPORTERS["acled"].stream(store, where, stats)).decode("utf-8")
    reader = csv.reader(io.StringIO(data, newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["event_id_cnty"]: row for row in rows}


def test_the_header_is_acleds_columns_in_acleds_order(store):
    header, _ = export_rows(store)
    assert tuple(header) == acled.EXPORT_COLUMNS
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"] and header[-1] == "timestamp"


def test_every_column_of_the_kharkiv_strike(store, ledger):
    _, rows = export_rows(store)
    row = by_id(rows)[ledger.strike]
    updated = next(r.updated_at for r in store.iter_clusters() if r.id == ledger.strike)
    expected = {
        "event_id_cnty": ledger.strike,
        "event_date": "2024-10-13",
        "year": "2024",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Russia",
        "assoc_actor_1": "Wagner Group",
        "inter1": "1",
        "actor2": "Civilians (Ukraine)",
        "assoc_actor_2": "",
        "inter2": "7",
        "interaction": "17",
        "civilian_targeting": "Civilian targeting",
        "iso": "804",
        "region": "Europe",
        "country": "Ukraine",
        "admin1": "Kharkiv Oblast",
        "admin2": "Kharkivskyi raion",
        "admin3": "",
        "location": "Kharkiv",
        "latitude": "49.9808",
        "longitude": "36.2527",
        "geo_precision": "1",
        "source": "Kyiv Post; RFE/RL",
        "source_scale": "",
        "notes": (f'On 13 October 2024 in Kharkiv, Kharkiv Oblast: "{KYIVPOST_SENTENCE}" (Kyiv Post)'
                  f' "{RFERL_SENTENCE}" (RFE/RL)'
                  " Fatalities reported: 3 (Kyiv Post), 2 (RFE/RL); coded: 2, the most conservative."),
        "fatalities": "2",
        "tags": "independent sources=2; reports=2; fatalities disputed",
        "timestamp": str(int(dt.datetime.fromisoformat(updated).timestamp())),
    }
    assert row == expected


def test_a_week_is_coded_on_its_middle_day_and_a_region_at_geo_precision_3(store, ledger):
    _, rows = export_rows(store)
    row = by_id(rows)[ledger.clash]
    assert (row["event_date"], row["time_precision"]) == ("2024-10-31", "2")  # week of Monday 28 October
    assert (row["location"], row["admin1"], row["geo_precision"]) == ("Donetsk Oblast", "Donetsk Oblast", "3")
    assert (row["latitude"], row["longitude"]) == ("48.0159", "37.8028")
    assert (row["actor1"], row["actor2"], row["interaction"]) == (
        "Military Forces of Ukraine", "Military Forces of Russia", "11")
    assert row["civilian_targeting"] == "" and row["fatalities"] == "0"
    assert row["notes"] == f'In the week of 28 October 2024 in Donetsk Oblast: "{CLASH_SENTENCE}" (Ukrinform)'


def test_an_undated_event_is_coded_on_the_reports_day_at_time_precision_2(store, ledger):
    _, rows = export_rows(store)
    row = by_id(rows)[ledger.undated]
    assert (row["event_date"], row["time_precision"]) == ("2024-10-21", "2")  # the report's day
    assert (row["location"], row["admin1"], row["latitude"], row["geo_precision"]) == (
        "Kherson", "Kherson Oblast", "46.6354", "1")
    assert (row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == ("1", "", "", "10")
    assert row["notes"] == ("Around 21 October 2024 (the report's date) in Kherson, Kherson Oblast:"
                            f' "{UNDATED_SENTENCE}" (UNIAN)')


def test_what_acled_would_not_code_is_left_out_and_counted(store, ledger):
    stats = ExportStats()
    _, rows = export_rows(store, stats=stats)
    assert len(rows) == stats.rows == 3  # talks (PLOVER CONSULT) and a planned offensive are not ACLED events,
    assert stats.skipped == {"not_acled_type": 1, "not_occurred": 1, "unplaced": 1}  # nor shelling "in Ukraine"
    assert ledger.country_only not in by_id(rows)
    assert {r["event_type"] for r in rows} <= {t for t, _ in acled.SUB_EVENT_TYPES}


def test_every_cell_reads_as_its_columns_type(store):
    _, rows = export_rows(store)
    parse = {int: int, float: float, dt.date: dt.date.fromisoformat, str: str}
    for row in rows:
        for column, value in row.items():
            if value:
                assert isinstance(parse[COLUMN_TYPES[column]](value), COLUMN_TYPES[column]), (column, value)
        assert row["time_precision"] in ("1", "2", "3") and row["geo_precision"] in ("1", "2", "3")
        assert row["latitude"] and row["longitude"] and row["country"] and row["location"] and row["iso"]
        assert row["year"] == row["event_date"][:4]


@pytest.mark.parametrize(("where", "expected"), [
    (ExportFilter(since="2024-10-14"), {"clash", "undated"}),
    (ExportFilter(until="2024-10-13"), {"strike"}),
    (ExportFilter(since="2024-10-13", until="2024-10-13"), {"strike"}),
    (ExportFilter(admin1="kharkiv"), {"strike"}),
    (ExportFilter(admin1="kherson"), {"undated"}),
    (ExportFilter(country="ua"), {"strike", "clash", "undated"}),
    (ExportFilter(country="Ukraine", admin1="Donetsk"), {"clash"}),
    (ExportFilter(country="RU"), set()),
])
def test_filters_by_date_country_and_region(store, ledger, where, expected):
    _, rows = export_rows(store, where)
    ids = {ledger.strike: "strike", ledger.clash: "clash", ledger.undated: "undated"}
    assert {ids[r["event_id_cnty"]] for r in rows} == expected


def test_an_empty_store_gives_the_header_alone(empty_store):
    data = b"".join(EXPORTERS["acled"].stream(empty_store)).decode("utf-8")
    assert data == ",".join(acled.EXPORT_COLUMNS) + "\r\n"


def test_rows_are_streamed_one_chunk_at_a_time(store, monkeypatch):
    monkeypatch.setattr(acled_export, "CHUNK_ROWS", 1)
    reads = []
    original = store.cluster
    monkeypatch.setattr(store, "cluster", lambda cid: reads.append(cid) or original(cid))
    chunks = EXPORTERS["acled"].stream(store)
    assert reads == []  # nothing is read before the first chunk is asked for
    first = next(chunks)
    assert first.decode().count("\n") == 2 and len(reads) == 1  # the header and the first cluster's row
    assert len(list(chunks)) >= 2


def test_a_cell_a_spreadsheet_would_run_is_quoted_as_text():
    assert acled_export.cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert acled_export.cell("@SUM(A1)") == "'@SUM(A1)"
    assert acled_export.cell(-3) == "-3" and acled_export.cell(None) == "" and acled_export.cell(49.98) == "49.98"


def test_acled_codes_a_week_on_its_middle_day_and_a_month_on_the_15th():
    assert acled.coded_date("2024-10-28", "week") == "2024-10-31"
    assert acled.coded_date("2024-10-01", "month") == "2024-10-15"
    assert acled.coded_date("2024-10-13T06:00:00+03:00", "time") == "2024-10-13"
    assert acled.coded_date("2024-10-13", "") == "2024-10-13"


def test_notes_quote_at_most_the_configured_sentences_and_count_the_rest(store, ledger):
    one = exporter("acled", ExportOptions(notes_max_sentences=1))
    data = b"".join(one.stream(store, ExportFilter(admin1="Kharkiv"))).decode("utf-8")
    (row,) = list(csv.DictReader(io.StringIO(data, newline="")))
    assert row["notes"] == (f'On 13 October 2024 in Kharkiv, Kharkiv Oblast: "{KYIVPOST_SENTENCE}" (Kyiv Post)'
                            " And 1 more report."
                            " Fatalities reported: 3 (Kyiv Post), 2 (RFE/RL); coded: 2, the most conservative.")
