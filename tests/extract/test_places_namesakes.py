"""Rules that settle US and UK namesakes from the article's own words (issue 15): a plural unit word, a unit word
inside an organisation's name, a town and its county, capitals inside a longer name, a county inside a longer name,
and the unit named after a town."""

from __future__ import annotations

import pytest

from sitroom.extract.places import (
    Cues,
    MentionInput,
    PlacesLexicon,
    Resolver,
    ResolverOptions,
)
from sitroom.geo.gazetteer import Gazetteer, GazetteerMissing, default_path


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The installed gazetteer: namesakes need the whole world's towns."""
    try:
        return Gazetteer.open(default_path())
    except GazetteerMissing as missing:
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def cues() -> Cues:
    return Cues(PlacesLexicon.load())


def resolve(gazetteer: Gazetteer, cues: Cues, text: str, names: list[str],
            options: ResolverOptions | None = None) -> list:
    spans, at = [], 0
    for name in names:
        start = text.index(name, at)
        spans.append((start, start + len(name)))
        at = start + len(name)
    return Resolver(gazetteer, options).resolve(cues.mentions(text, spans))


def test_a_plural_unit_word_after_one_name_is_the_unit_holding_them(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: "10 Kentucky counties" names the state the counties are in (it was Kentucky, a district of Jamaica); a
    list before the plural word ("the Donetsk and Luhansk regions") still names the regions themselves."""
    text = "The grant was for equipment in 10 Kentucky counties."
    (kentucky,) = resolve(gazetteer, cues, text, ["Kentucky"])
    assert (kentucky.candidate.feature, kentucky.candidate.country, kentucky.precision) == ("ADM1", "US", "admin1")
    listed = "Shelling hit the Donetsk and Luhansk regions."
    donetsk, luhansk = resolve(gazetteer, cues, listed, ["Donetsk", "Luhansk"])
    assert donetsk.candidate.feature == luhansk.candidate.feature == "ADM1"
    assert donetsk.candidate.country == "UA"


def test_a_unit_word_inside_an_organisations_name_is_no_cue(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: "Youngstown State University" is no state named Youngstown (it was Youngstown, a district of Alberta
    with no point); a unit whose own name carries the word keeps the cue ("Donetsk Oblast Military Administration")."""
    text = "Youngstown State University President David Sweet took a cut."
    (town,) = resolve(gazetteer, cues, text, ["Youngstown"])
    assert (town.candidate.feature, town.candidate.admin1) == ("PPL", "Ohio")
    oblast = "The Donetsk Oblast Military Administration said."
    (unit,) = resolve(gazetteer, cues, oblast, ["Donetsk"])
    assert (unit.candidate.feature, unit.precision) == ("ADM1", "admin1")


def test_a_town_and_its_county_are_read_together(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: a town in a second-level unit another name of the article can be, and that unit, gain ``district_pair``:
    "Richmond" and "Madison County" are Richmond, Kentucky and its county (Madison County, Illinois and Richmond,
    California were read); off, the pair is not found."""
    text = ("A Richmond man was lodged in the Madison County Detention Center, Richmond police said. A man from "
            "Louisiana was stopped at the intersection of Lancaster Avenue and the Eastern Bypass.")
    names = ["Richmond", "Madison County", "Richmond", "Louisiana", "Lancaster"]
    richmond, county, again, *_ = resolve(gazetteer, cues, text, names)
    assert (richmond.candidate.admin1, county.candidate.admin1) == ("Kentucky", "Kentucky")
    assert again.candidate == richmond.candidate
    richmond, county, *_ = resolve(gazetteer, cues, text, names, ResolverOptions(district_pair=0.0))
    assert richmond.candidate.admin2_code != county.candidate.admin2_code


def test_capitals_inside_a_longer_name_are_no_airport_code(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: "Nenagh MDC" is not Manado (airport code MDC); inside a longer name capitals only stand for a country or
    a first-level unit ("UK Border Force" is the United Kingdom)."""
    resolver = Resolver(gazetteer)
    assert all(c.id != "geonames:1636544" for c in resolver.candidates(MentionInput(0, 10, "Nenagh MDC")))
    assert {c.feature for c in resolver.candidates(MentionInput(0, 15, "UK Border Force"))} == {"country"}


def test_a_county_inside_a_longer_name(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: "West Surrey" is Surrey, England (a second-level unit of ``embedded_min_population`` under its main name),
    not only Surrey, British Columbia, the one big town of the name; "Kings Street" is no Kings County."""
    text = "Floods hit West Surrey, and Guildford and London braced for more rain."
    surrey, *_ = resolve(gazetteer, cues, text, ["West Surrey", "Guildford", "London"])
    assert (surrey.candidate.country, surrey.candidate.feature) == ("GB", "ADM2")
    assert all(c.feature != "ADM2" for c in Resolver(gazetteer).candidates(MentionInput(0, 12, "Kings Street")))


def test_the_unit_named_after_a_town_holds_it(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: "Tacoma, Washington" is the state (it was the capital, 3,600 km off), and the article's other mentions of
    the unit, under its abbreviation's full name too ("CAMP MURRAY, Wash." ... "at home in Washington"), share it."""
    text = "Mary Ann from a cake studio in Tacoma, Washington shares tips."
    _, washington = resolve(gazetteer, cues, text, ["Tacoma", "Washington"])
    assert (washington.candidate.feature, washington.candidate.admin1) == ("ADM1", "Washington")
    dateline = "CAMP MURRAY, Wash. - His team's focus has been at home in Washington. Trips to Guam and Washington, D.C."
    names = ["CAMP MURRAY", "Wash.", "Washington", "Guam", "Washington, D.C."]
    _, wash, home, *_ = resolve(gazetteer, cues, dateline, names)
    assert wash.candidate.feature == home.candidate.feature == "ADM1"
    assert home.candidate == wash.candidate
    _, _, off, *_ = resolve(gazetteer, cues, dateline, names, ResolverOptions(container_units=False))
    assert off.candidate.feature == "PPLC"  # the rule off: the capital, as before


def test_a_name_the_gazetteer_lacks_in_a_one_country_article_naming_no_town(gazetteer: Gazetteer) -> None:
    """Rule: in an article whose places are all in one country and that names no town, a name the gazetteer lacks is
    somewhere in that country, at country precision and the country's point ("Bains and Grants Town", the Bahamas),
    never near a town the text does not tie it to; with two countries, or the rule off, it stays unresolved."""
    unknown, _ = Resolver(gazetteer).resolve([MentionInput(0, 21, "Bains and Grants Town"),
                                              MentionInput(30, 37, "Bahamas")])
    assert unknown.precision == "country" and unknown.place.name == "Bains and Grants Town"
    assert unknown.place.id == f"near:{gazetteer.country('BS').id}" and unknown.place.country == "BS"
    two, *_ = Resolver(gazetteer).resolve([MentionInput(0, 21, "Bains and Grants Town"),
                                           MentionInput(30, 37, "Bahamas"), MentionInput(40, 46, "Canada")])
    assert two.place is None
    off, _ = Resolver(gazetteer, ResolverOptions(unknown_in_country=False)).resolve(
        [MentionInput(0, 21, "Bains and Grants Town"), MentionInput(30, 37, "Bahamas")])
    assert off.place is None


def test_a_name_before_a_towns_institution_is_a_town(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: a name before a town's institution ("the Jordan middle school", "Mansfield City Council") is a town's
    wherever the article uses it, not a country's or a state's (Jordan, Minnesota; it was the kingdom); off, the
    country."""
    text = "Jordan Junior Olympic volleyball starts again at the Jordan middle school, in the United States."
    names = ["Jordan", "Jordan", "United States"]
    first, cued, _ = resolve(gazetteer, cues, text, names)
    assert first.candidate == cued.candidate and first.candidate.feature.startswith("PPL")
    assert first.candidate.country == "US"
    off, *_ = resolve(gazetteer, cues, text, names, ResolverOptions(local_institutions=False))
    assert off.candidate.feature == "country"


def test_the_and_a_generic_word_is_no_town(gazetteer: Gazetteer, cues: Cues) -> None:
    """Rule: "the Republic", "the Union" alone name a polity or an organisation, never Republic, Missouri (the sites of
    an Irish article were placed there); without "the" the word may be a town ("southeast of Alliance", Nebraska)."""
    text = "Patients from the Republic travel north to Derry for care."
    republic, _ = resolve(gazetteer, cues, text, ["Republic", "Derry"])
    assert republic.candidate is None
    assert Resolver(gazetteer).candidates(MentionInput(0, 8, "Alliance"))


def test_a_demonym_in_capitals(gazetteer: Gazetteer) -> None:
    """Rule: a demonym in capitals ("KAZAKH INVEST") is read as written in title case: Kazakhstan, not Petropavl (one
    of whose alternate names is "Kazakh")."""
    (kazakh,) = Resolver(gazetteer).resolve([MentionInput(0, 6, "KAZAKH")])
    assert (kazakh.candidate.feature, kazakh.candidate.country) == ("country", "KZ")
