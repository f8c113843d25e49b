"""Place mentions: recognition, metonyms, region and anchor cues, and the seed article's acceptance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from sitroom.extract.places import (
    Cues,
    MentionInput,
    PlacesLexicon,
    Resolver,
    ResolverOptions,
)
from sitroom.geo.distance import distance_km
from sitroom.geo.gazetteer import (
    BUILD_COMMAND,
    Gazetteer,
    GazetteerMissing,
    default_path,
)
from sitroom.model import Article, PlaceMention
from sitroom.nlp import add_component, make_doc

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"evaluation data not found at {SHARED}")


@pytest.fixture(scope="module")
def nlp() -> Language:
    from sitroom.eval.geo import base_pipeline

    pipeline = base_pipeline()
    add_component(pipeline, "sitroom_places")
    return pipeline


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The installed gazetteer, the one the pipeline reads (resolution needs the whole world's namesakes)."""
    return Gazetteer.open(default_path())


@pytest.fixture(scope="module")
def cues() -> Cues:
    return Cues(PlacesLexicon.load())


def places(nlp: Language, text: str) -> list[PlaceMention]:
    return nlp(make_doc(nlp, Article(id="t", text=text)))._.places


def test_region_list_gives_three_regions(cues: Cues) -> None:
    text = "Officials in the Donetsk, Kharkiv, and Kherson regions said."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Donetsk", "Kharkiv", "Kherson")]
    assert [m.admin_cue for m in cues.mentions(text, spans)] == ["admin1"] * 3


def test_region_word_after_and_inside(cues: Cues) -> None:
    text = "in the Donetsk region and in Kharkiv Oblast"
    a, b = cues.mentions(text, [(7, 14), (29, 43)])
    assert (a.admin_cue, text[a.start : a.end]) == ("admin1", "Donetsk region")
    assert (b.admin_cue, b.name) == ("admin1", "Kharkiv")


def test_anchor_and_container_cues(cues: Cues) -> None:
    text = "captured the town of Mykhaylivka, at the gates of the town of Selydove. He lives in Paris, Tenn. now."
    names = ("Mykhaylivka", "Selydove", "Paris")
    found = cues.mentions(text, [(text.index(n), text.index(n) + len(n)) for n in names])
    assert found[0].anchor == 1 and found[0].anchor_cue == "at the gates of"
    assert found[0].settlement_cue
    assert found[1].anchor is None  # the sentence ends before Paris
    assert found[2].container == "Tenn."


def test_missing_village_is_near_its_anchor(gazetteer: Gazetteer) -> None:
    mentions = [MentionInput(0, 11, "Mykhaylivka", anchor=1, anchor_cue="at the gates of"),
                MentionInput(30, 38, "Selydove")]
    village, anchor = Resolver(gazetteer).resolve(mentions)
    assert anchor.candidate.id == "geonames:694677"
    assert village.precision == "near" and village.anchor == 1 and village.radius_km
    assert village.near_place.admin1 == "Donetsk Oblast"


def test_region_cue_beats_the_city(gazetteer: Gazetteer) -> None:
    bare, region = Resolver(gazetteer).resolve([MentionInput(0, 7, "Kharkiv"), MentionInput(20, 27, "Kharkiv", "admin1")])
    assert (bare.candidate.feature, bare.precision) == ("PPL", "exact")
    assert (region.candidate.name, region.precision) == ("Kharkiv Oblast", "admin1")


def test_container_picks_the_namesake(gazetteer: Gazetteer) -> None:
    (paris,) = Resolver(gazetteer).resolve([MentionInput(0, 5, "Paris", container="Tenn.")])
    assert (paris.candidate.country, paris.candidate.admin1) == ("US", "Tennessee")


def test_a_town_and_its_county_settle_together(gazetteer: Gazetteer) -> None:
    """Paris, Tennessee is the seat of Henry County, Tennessee: the second voting round finds the pair."""
    paris, county = Resolver(gazetteer).resolve([MentionInput(0, 5, "Paris"), MentionInput(10, 22, "Henry County")])
    assert (paris.candidate.admin1, county.candidate.admin1) == ("Tennessee", "Tennessee")


def test_the_place_inside_an_unknown_name(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    (university,) = resolver.resolve([MentionInput(0, 25, "Colorado State University")])
    (commission,) = resolver.resolve([MentionInput(0, 19, "European Commission")])
    (ghouta,) = resolver.resolve([MentionInput(0, 14, "Eastern Ghouta")])
    assert (university.candidate.feature, university.candidate.admin1) == ("ADM1", "Colorado")
    assert commission.candidate.name == "Europe"
    assert ghouta.candidate.id == "sitroom:eastern-ghouta"  # regions.tsv; not Uganda's Eastern Region


@pytest.mark.parametrize(("word", "country"), [("German", "DE"), ("Belgian", "BE"), ("Norwegian", "NO"),
                                               ("Lebanese", "LB"), ("Slovak", "SK"), ("Canadians", "CA"),
                                               ("Spanish", "ES"), ("Serb", "RS"), ("Korean", "KR"),
                                               ("Bosnian", "BA"), ("Kazakh", "KZ"), ("Korea", "KR")])
def test_demonym_rules(gazetteer: Gazetteer, word: str, country: str) -> None:
    assert [c.country for c in gazetteer.demonym(word)] == [country]


def test_union_and_acronyms(nlp: Language) -> None:
    found = {m.evidence.text: m for m in places(nlp, (
        "The EU and the UAE signed a deal in Dubai. Andres Manuel Lopez Obrador (AMLO) said AMLO would go, "
        "according to GTM Research."))}
    assert found["EU"].role == "metonym" and found["EU"].place.name == "Europe"
    assert found["UAE"].place.country == "AE"
    assert "AMLO" not in found and "GTM" not in found


def test_demonyms_are_not_places(nlp: Language) -> None:
    found = places(nlp, "Several thousand North Korean troops and Russian soldiers arrived in Kursk.")
    assert "North Korean" not in {m.evidence.text for m in found}
    assert "Russian" not in {m.evidence.text for m in found}


def test_capitals_for_governments_are_metonyms(nlp: Language) -> None:
    found = {m.evidence.text: m for m in places(nlp, "Moscow said on Monday that a government source in Berlin had lied.")}
    assert found["Moscow"].role == "metonym"
    assert found["Berlin"].role == "location" and found["Berlin"].place.country == "DE"


def test_evidence_offsets_match_text(nlp: Language) -> None:
    text = "Shelling hit Kharkiv and the Zaporizhzhia region overnight."
    for m in places(nlp, text):
        assert text[m.evidence.start : m.evidence.end] == m.evidence.text
        assert m.id.startswith("P")


@needs_shared
def test_seed_article(nlp: Language) -> None:
    text = (SHARED / "eval" / "seed" / "article.txt").read_text(encoding="utf-8")
    json.loads(SEED_GOLD.read_text(encoding="utf-8"))  # the gold this test follows
    found = places(nlp, text)

    def on_line(name: str, line: int) -> list[PlaceMention]:
        return [m for m in found if m.evidence.text.startswith(name) and text[: m.evidence.start].count("\n") + 1 == line]

    (kharkiv,) = on_line("Kharkiv", 3)
    assert (kharkiv.place.id, kharkiv.precision, kharkiv.role) == ("geonames:706483", "exact", "location")
    (donetsk,) = on_line("Donetsk", 7)
    assert (donetsk.place.admin1_code, donetsk.precision) == ("UA-14", "admin1")
    regions = {m.evidence.text: m for m in found if text[: m.evidence.start].count("\n") + 1 == 39}
    assert {regions[n].place.admin1_code for n in ("Donetsk", "Kharkiv", "Kherson")} == {"UA-14", "UA-63", "UA-65"}
    assert all(regions[n].precision == "admin1" for n in ("Donetsk", "Kharkiv", "Kherson"))
    pokrovsk = on_line("Pokrovsk", 41) + on_line("Pokrovsk", 43)
    assert pokrovsk and all(m.place.id == "geonames:704422" and m.place.admin1 == "Donetsk Oblast" for m in pokrovsk)
    (selydove,) = on_line("Selydove", 41)
    assert selydove.place.id == "geonames:694677"
    (village,) = on_line("Mykhaylivka", 41)
    by_id = {m.id: m for m in found}
    if village.precision == "near":
        assert by_id[village.anchor].evidence.text == "Selydove" and village.radius_km <= 25
    else:
        assert distance_km(village.place.lat, village.place.lon, selydove.place.lat, selydove.place.lon) <= 10
    germany = [m for m in found if m.evidence.text == "Germany"]
    assert germany and all(m.place.country == "DE" and m.precision == "country" for m in germany)
    (berlin,) = [m for m in found if m.evidence.text == "Berlin"]
    assert (berlin.place.id, berlin.role) == ("geonames:2950159", "location")
    for name, line in (("Kyiv", 3), ("Moscow", 5), ("Pyongyang", 23), ("Kremlin", 23)):
        mentions = on_line(name, line)
        assert mentions and all(m.role == "metonym" for m in mentions), (name, line)


def test_a_compass_word_alone_is_no_place(nlp: Language) -> None:
    """"The West" is a geopolitical term (GeoNames would say Cameroon's West Region); "North" of a treaty is none."""
    text = "Sanctions by the West hit Moscow; the North Atlantic Treaty binds Poland."
    found = {m.evidence.text: m for m in places(nlp, text)}
    assert found["West"].place is None and found["West"].role == "metonym"
    assert "North" not in found


def test_generic_words_of_longer_names(nlp: Language) -> None:
    """The "Union" of "Soviet Union" is not Union, New Jersey, nor the "Sea" of "Black Sea" Seattle ("SEA")."""
    text = "Ships left the Black Sea ports after the collapse of the Soviet Union."
    found = {m.evidence.text: m for m in places(nlp, text)}
    assert found["Black Sea"].place.id == "naturalearth:black-sea"  # the sea (regions.tsv), not a namesake
    assert found["Soviet Union"].place is None
    assert "Union" not in found


def test_a_feature_named_by_its_generic_word(nlp: Language) -> None:
    from spacy.tokens import Span

    text = "Hunters crowded the Davy Crockett National Forest on Saturday."
    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline:
        if component is not nlp.get_pipe("sitroom_places"):
            doc = component(doc)
    doc.ents = [Span(doc, 3, 7, label="ORG")]
    found = [m.evidence.text for m in nlp.get_pipe("sitroom_places")(doc)._.places]
    assert found == ["Davy Crockett National Forest"]


def test_a_region_named_like_a_small_town(gazetteer: Gazetteer) -> None:
    """Normandy, Missouri does not shadow France's Normandy: only a town inside a region does (Kharkiv)."""
    (normandy,) = Resolver(gazetteer).resolve([MentionInput(0, 8, "Normandy")])
    assert (normandy.candidate.country, normandy.candidate.feature) == ("FR", "ADM1")


def test_a_small_town_far_from_the_article_is_left_unresolved(gazetteer: Gazetteer, cues: Cues) -> None:
    text = "Ukraine, Poland and Russia: everyone on Earth knows."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Ukraine", "Poland", "Russia", "Earth")]
    *countries, earth = Resolver(gazetteer).resolve(cues.mentions(text, spans))
    assert earth.candidate is None and "small town" in earth.cue
    assert [c.candidate.feature for c in countries] == ["country"] * 3


def test_a_surname_is_no_town(nlp: Language) -> None:
    assert [m.evidence.text for m in places(nlp, "Ursula von der Leyen met Volodymyr Zelenskyy in Kyiv.")] == ["Kyiv"]


def test_the_centre_is_a_government(nlp: Language) -> None:
    """India's press calls the central government "the Centre": an organisation's generic word, not France's Centre."""
    text = ("In its application, the Centre asked the apex court in New Delhi to clarify. "
            "Tamil Nadu said it had written to the Centre.")
    assert [m.evidence.text for m in places(nlp, text)] == ["New Delhi", "Tamil Nadu"]


def test_a_one_word_speaker_is_a_person(nlp: Language) -> None:
    text = ("Asked how he would feel if they had to return to Iraq, Guhdar said: \u201cThat would be our worst "
            "nightmare.\u201d")
    assert [m.evidence.text for m in places(nlp, text)] == ["Iraq"]
    kremlin = {m.evidence.text for m in places(nlp, "The Kremlin said on Monday that Kyiv had refused the talks.")}
    assert "Kremlin" in kremlin


def test_a_group_of_states_the_gazetteer_lacks(gazetteer: Gazetteer, cues: Cues) -> None:
    """"The Baltic states" is no town named Baltic (Connecticut); "EU states" are the EU's."""
    resolver = Resolver(gazetteer)
    for text, expected in (("the Baltic states", None), ("the Baltic States", None), ("EU states", "Europe")):
        start = 4 if text.startswith("the ") else 0
        (found,) = resolver.resolve(cues.mentions(text, [(start, len(text))]))
        assert (found.candidate.name if found.candidate else None) == expected
    text = "aid to the Baltic states - small states - went on"  # the name alone, the region word after it
    (found,) = resolver.resolve(cues.mentions(text, [(text.index("Baltic"), text.index("Baltic") + 6)]))
    assert found.candidate is None


@pytest.mark.parametrize("text", [
    "Bucha, Kyiv Oblast, was shelled on Monday.",
    "Two people were killed in the Kyiv region on Monday.",  # the small model tags this "Kyiv" JJ
])
def test_kyiv_region_is_the_oblast_not_the_city_unit(nlp: Language, text: str) -> None:
    regions = [m for m in places(nlp, text) if "Kyiv" in m.evidence.text]
    assert [(m.place.admin1_code, m.precision) for m in regions if m.place] == [("UA-32", "admin1")]


def test_the_component_without_a_gazetteer_names_the_build_command(tmp_path: Path) -> None:
    missing = tmp_path / "gazetteer.sqlite"
    with pytest.raises(GazetteerMissing, match=BUILD_COMMAND) as raised:
        add_component(spacy.blank("en"), "sitroom_places", {"gazetteer_path": str(missing)})
    assert raised.value.path == missing and not missing.exists()


def test_a_resolution_gives_its_place(gazetteer: Gazetteer) -> None:
    village, anchor = Resolver(gazetteer).resolve([
        MentionInput(0, 11, "Mykhaylivka", anchor=1, anchor_cue="at the gates of"), MentionInput(30, 38, "Selydove")])
    assert anchor.place == anchor.candidate.to_place()
    assert village.place is village.near_place and village.place.id.startswith(("near:", "katottg:"))


# --- recognition debris and sites (issue 15): each blunder seen on real war news, fixed by a general rule -------


def test_a_datelines_outlet_is_no_place(nlp: Language) -> None:
    """Rule: a dateline's parenthesized outlet, or an acronym that is the whole dateline and no place's own name
    (only an airport code: "CNN" is Kannur's), is no place; the dateline's town stays one."""
    found = places(nlp, "CNN —\nRussian forces struck Kharkiv on Monday, officials said.")
    assert [m.evidence.text for m in found] == ["Kharkiv"]
    found = places(nlp, "KYIV, Ukraine (AP) — Russian drones hit Odesa overnight, Ukrainian officials said.")
    assert "AP" not in {m.evidence.text for m in found}
    assert {m.evidence.text: m.place.country for m in found if m.place}["KYIV"] == "UA"


def test_a_titled_persons_name_is_no_place(nlp: Language) -> None:
    """Rule: a name right after a person's title ("President Kennedy") is a person's, in every mention."""
    found = places(nlp, "President Kennedy spoke in Dallas. Later Kennedy met the mayor of Houston.")
    assert [m.evidence.text for m in found] == ["Dallas", "Houston"]


def test_a_nickname_after_a_town_stays_the_town(nlp: Language) -> None:
    """... unless the article puts the word after a locative preposition ("'Mr. Arlington' ... of Arlington")."""
    found = places(nlp, "Known as Mr. Arlington, he was named Young Man of Arlington in Virginia.")
    assert "Arlington" in {m.evidence.text for m in found}


def test_seats_of_power_resolve_to_their_town(nlp: Language) -> None:
    """Rule: a site of sites.tsv is placed at its town, precision "near" (the White House was Casablanca)."""
    found = {m.evidence.text: m for m in places(nlp, "Officials at the White House said Kyiv was told. The Kremlin denied it.")}
    white_house, kremlin = found["White House"], found["Kremlin"]
    assert white_house.place.id == "near:geonames:4140963" and white_house.precision == "near"
    assert white_house.place.feature == "site" and white_house.place.name == "White House"
    assert kremlin.place.id == "near:geonames:524901" and kremlin.role == "metonym"


def test_a_building_is_never_a_namesake_abroad(nlp: Language) -> None:
    """Rule: a possessive name and a building word is the building's name, and a site's name is never resolved to
    a namesake in a country the article's other names do not point to: it is placed at the article's town."""
    found = places(nlp, "Bodies were found near Saint Andrew's Church in Bucha. Russian troops left Bucha in March.")
    church = next(m for m in found if m.evidence.text == "Saint Andrew's Church")
    assert church.place is not None and church.place.country == "UA" and church.precision == "near"
    assert church.place.id == f"near:{next(m for m in found if m.evidence.text == 'Bucha').place.id}"


def test_a_site_is_placed_in_the_articles_town(gazetteer: Gazetteer) -> None:
    mentions = [MentionInput(0, 12, "Royal Street"), MentionInput(20, 31, "New Orleans"),
                MentionInput(40, 51, "New Orleans"), MentionInput(60, 69, "Louisiana")]
    street, city, _, _ = Resolver(gazetteer).resolve(mentions)
    assert street.precision == "near" and street.anchor == 1 and street.place.id == f"near:{city.candidate.id}"
    (alone,) = Resolver(gazetteer).resolve([MentionInput(0, 12, "Royal Street")])
    assert alone.place is None  # no town in the article: unresolved, never a namesake


def test_no_exact_precision_above_a_town(nlp: Language) -> None:
    """Rule: continents and regions have no precision (never "exact"); countries and units theirs."""
    found = {m.evidence.text: m for m in places(nlp, "Leaders from Europe and Africa met in Bali, Indonesia.")}
    assert found["Europe"].precision is None and found["Africa"].precision is None
    assert found["Indonesia"].precision == "country"
    assert found["Bali"].place.country == "ID" and found["Bali"].precision == "admin1"


def test_repeated_mentions_share_one_resolution(gazetteer: Gazetteer) -> None:
    """Rule: one sense per discourse: a name said again without a cue of its own takes the first one's reading."""
    mentions = [MentionInput(0, 5, "Paris"), MentionInput(10, 22, "Henry County"), MentionInput(30, 35, "Paris"),
                MentionInput(40, 45, "Paris", container="France")]
    first, _, again, cued = Resolver(gazetteer).resolve(mentions)
    assert again.candidate == first.candidate and again.cue == first.cue
    assert cued.candidate.country == "FR"


def test_a_name_the_gazetteer_lacks_is_near_the_closest_town(gazetteer: Gazetteer) -> None:
    """Rule: a name with no gazetteer entry (a hamlet, an estate) is placed near the town named closest to it within
    ``unknown_window_chars``, else near the article's most named town; precision "near", that town its anchor."""
    mentions = [MentionInput(0, 7, "Kharkiv"), MentionInput(20, 29, "Xqvillage"), MentionInput(3000, 3008, "Selydove"),
                MentionInput(3020, 3029, "Xqhamlet"), MentionInput(9000, 9009, "Xqcoppice")]
    kharkiv, near_kharkiv, _, near_selydove, far = Resolver(gazetteer).resolve(mentions)
    assert near_kharkiv.precision == "near" and near_kharkiv.anchor == 0 and near_kharkiv.radius_km
    assert near_kharkiv.place.id == f"near:{kharkiv.candidate.id}" and near_kharkiv.place.name == "Xqvillage"
    assert near_selydove.anchor == 2 and near_selydove.place.admin1 == "Donetsk Oblast"
    assert far.precision == "near" and far.anchor == 0  # beyond the window: the first of the most named towns


def test_a_name_the_gazetteer_lacks_stays_unresolved_without_a_town(gazetteer: Gazetteer) -> None:
    unknown, country, compass, town = Resolver(gazetteer).resolve(
        [MentionInput(0, 9, "Xqvillage"), MentionInput(20, 27, "Ukraine"), MentionInput(4000, 4004, "West"),
         MentionInput(4010, 4017, "Kharkiv")])
    assert country.candidate.feature == "country" and town.candidate.feature == "PPL"
    assert unknown.place is not None and unknown.anchor == 3  # the article's town, though far in the text
    assert compass.place is None  # a compass word alone stays no place, whatever town is near
    (alone,) = Resolver(gazetteer).resolve([MentionInput(0, 9, "Xqvillage")])
    assert alone.place is None
    options = ResolverOptions(unknown_window_chars=0)
    first, _ = Resolver(gazetteer, options).resolve([MentionInput(0, 9, "Xqvillage"), MentionInput(20, 27, "Kharkiv")])
    assert first.place is None  # the rule off


def test_a_small_town_far_from_all_the_others_is_a_namesake(gazetteer: Gazetteer) -> None:
    """Rule: a town under ``far_population`` more than ``far_km`` from every other place the article resolves, with no
    cue of its own, is read as a place the gazetteer lacks (placed near the closest town); "the town of" keeps it."""
    names = ["Kharkiv", "Izium", "Chuhuiv"]
    context = [MentionInput(100 * k, 100 * k + len(n), n) for k, n in enumerate(names)]
    *_, bare = Resolver(gazetteer).resolve([*context, MentionInput(350, 356, "Rakhiv")])
    assert bare.candidate is None and bare.precision == "near" and bare.near_place.admin1 == "Kharkiv Oblast"
    *_, cued = Resolver(gazetteer).resolve([*context, MentionInput(350, 356, "Rakhiv", settlement_cue=True)])
    assert cued.candidate.id == "geonames:695859" and cued.precision == "exact"
    *_, off = Resolver(gazetteer, ResolverOptions(far_km=0)).resolve([*context, MentionInput(350, 356, "Rakhiv")])
    assert off.candidate.id == "geonames:695859"


def test_regions_the_gazetteer_lacks(gazetteer: Gazetteer) -> None:
    """Rule: a region of data/places/regions.tsv or a sea of Natural Earth's is itself, never a namesake town (Sea of
    Azov, Azov); a part of one country gets precision admin1, a wider one or a sea none; neither is a stray or a far
    namesake."""
    donbas, sea, ossetia, *_ = Resolver(gazetteer).resolve(
        [MentionInput(0, 6, "Donbas"), MentionInput(10, 19, "Black Sea"), MentionInput(30, 43, "South Ossetia"),
         MentionInput(50, 54, "Kyiv"), MentionInput(60, 67, "Kharkiv")])
    assert (donbas.candidate.id, donbas.precision, donbas.place.country) == ("sitroom:donbas", "admin1", "UA")
    assert sea.candidate.feature == "sea" and sea.precision is None and sea.place.point_source == "naturalearth"
    assert ossetia.candidate.country == "GE" and ossetia.precision == "admin1"  # 1,000 km from Kyiv: still itself
    assert distance_km(donbas.place.lat, donbas.place.lon, 48.0, 37.8) < 100  # near Donetsk


def test_a_region_tagged_gpe_is_kept(nlp: Language) -> None:
    """A GPE the gazetteer lacks is dropped ("Biden"), but not a region of regions.tsv."""
    found = {m.evidence.text: m for m in places(nlp, "Fighting broke out in South Ossetia, near Tskhinvali, Georgia.")}
    assert found["South Ossetia"].place.id == "sitroom:south-ossetia"


def test_a_name_read_by_its_part_votes_as_that_part(gazetteer: Gazetteer) -> None:
    """Rule: a name that is no place as a whole and is read by a part of it ("Dublin Center Drive" by "Dublin") is that
    name again: it neither votes for the part's big namesakes (Dublin, California was the article's focus for it)
    nor keeps a reading of its own where the article names the part alone (LGL: Dublin, Ohio)."""
    names = ["Dublin", "Dublin Center Drive", "Dublin", "Ohio"]
    mentions = [MentionInput(100 * k, 100 * k + len(n), n) for k, n in enumerate(names)]
    dublin, drive, again, ohio = Resolver(gazetteer).resolve(mentions)
    assert (dublin.candidate.country, dublin.candidate.admin1) == ("US", "Ohio")
    assert drive.candidate == dublin.candidate == again.candidate and mentions[1].embedded == "Dublin"
    assert ohio.candidate.feature == "ADM1"
    (alone,) = Resolver(gazetteer).resolve([MentionInput(0, 19, "Dublin Center Drive")])
    assert alone.candidate is not None and alone.candidate.population >= 50_000  # a part alone: big places only


def test_open_water_is_never_the_place_in_its_name(gazetteer: Gazetteer) -> None:
    """Rule: an ocean's, sea's, gulf's or strait's name is not read by the place inside it (the Indian Ocean was India)
    nor placed near the article's town when the gazetteer lacks it; a river still is (it runs by its towns)."""
    ocean, gulf, sea, river, town = Resolver(gazetteer).resolve(
        [MentionInput(0, 12, "Indian Ocean"), MentionInput(20, 34, "Gulf of Mexico"), MentionInput(35, 39, "Xq Sea"),
         MentionInput(40, 54, "Xqbrook River"), MentionInput(60, 66, "Odesa")])
    assert ocean.place.id == "naturalearth:indian-ocean" and ocean.precision is None  # Natural Earth's
    assert gulf.place.id == "naturalearth:gulf-of-mexico" and sea.place is None  # not near Odesa
    assert river.precision == "near" and river.anchor == 4 and town.candidate.country == "UA"


def test_a_sea_beats_a_far_small_namesake(gazetteer: Gazetteer) -> None:
    """Rule: a sea's name is the sea, not a small namesake town far from the article's places ("the Atlantic" in an
    article on Washington and Texas was Atlantic, Iowa); near the town's own places the town stays."""
    atlantic, pacific, *_ = Resolver(gazetteer).resolve([MentionInput(100 * k, 100 * k + len(n), n)
                                                         for k, n in enumerate(["Atlantic", "Pacific", "Washington", "Texas"])])
    assert (atlantic.candidate.name, atlantic.candidate.feature, atlantic.precision) == ("Atlantic Ocean", "sea", None)
    assert pacific.candidate.name == "Pacific Ocean"
    town, *_ = Resolver(gazetteer).resolve([MentionInput(100 * k, 100 * k + len(n), n)
                                            for k, n in enumerate(["Atlantic", "Des Moines", "Iowa"])])
    assert (town.candidate.admin1, town.precision) == ("Iowa", "exact")


def test_a_region_named_with_a_compass_noun(gazetteer: Gazetteer) -> None:
    """Rule: "North Africa" is UN M49's "Northern Africa" (it was the continent, 3,000 km off), "West Africa"
    "Western Africa"; a name the gazetteer has as it is stays itself ("South Africa", the country)."""
    north, west, south = Resolver(gazetteer).resolve(
        [MentionInput(0, 12, "North Africa"), MentionInput(20, 31, "West Africa"), MentionInput(40, 52, "South Africa")])
    assert (north.candidate.name, north.candidate.feature, north.precision) == ("Northern Africa", "region", None)
    assert west.candidate.name == "Western Africa" and south.candidate.feature == "country"


def test_the_middle_east_is_a_grouping_of_countries(gazetteer: Gazetteer) -> None:
    """Rule: a grouping of data/places/groupings.tsv is itself (the Middle East was Middle East, Maryland), at the
    median of its members' points, with no precision; no coordinates are hand-written for it."""
    region, town, state = Resolver(gazetteer).resolve(
        [MentionInput(0, 11, "Middle East"), MentionInput(20, 29, "Baltimore"), MentionInput(40, 48, "Maryland")])
    assert (region.candidate.id, region.candidate.point_source, region.precision) == (
        "sitroom:middle-east", "countries", None)
    iraq = gazetteer.country("IQ")
    assert distance_km(region.place.lat, region.place.lon, iraq.lat, iraq.lon) < 800  # among its members
    assert town.candidate.admin1 == "Maryland" and state.candidate.feature == "ADM1"
