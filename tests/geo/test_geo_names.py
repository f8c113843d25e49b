"""Name keys: the romanizations of one name share a skeleton, distinct names keep distinct ones."""

from __future__ import annotations

import pytest

from sitroom.geo.names import (
    admin_terms,
    code_key,
    demonym_stems,
    is_code,
    lexicon_place_name,
    normalize,
    romanize,
    skeleton,
    skeleton_countries,
)


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


def test_codes_are_capitals_or_initials() -> None:
    assert is_code("SEA") and is_code("L.A.") and is_code("NYC")
    assert not is_code("Sea") and not is_code("The") and not is_code("SEATTLE")
    assert code_key("L.A.") == "code:la" != skeleton("L.A.")


def test_demonym_stems() -> None:
    assert "Syria" in demonym_stems("Syrian")
    assert all(len(stem) >= 4 for stem in demonym_stems("Kazan"))  # never "Kaz" + "-an"
    assert lexicon_place_name("EU") and not lexicon_place_name("Kharkiv")


def test_lexicon_tables_load() -> None:
    assert "UA" in skeleton_countries()
    terms = admin_terms()
    assert "oblast" in terms["admin1_words"] and not any(key.startswith("_") for key in terms)
