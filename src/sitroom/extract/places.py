"""Place mentions: recognition (NER + gazetteer), metonymy, and context-aware toponym resolution.

A name like "Mykhaylivka" is dozens of villages, so a mention is resolved with the article's own context: an
explicit region cue ("Donetsk region"), places it is said to be near ("at the gates of Selydove"), the countries
and regions the rest of the article is about, the kind of place, and population last. When the village is not in
the gazetteer but its anchor is, the answer is ``near:<anchor>`` with a radius, never a namesake far away.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom import lexicons
from sitroom.extract.doc import evidence
from sitroom.geo.distance import distance_km, median_point
from sitroom.geo.gazetteer import BROAD_FEATURES, Candidate, Gazetteer, default_path
from sitroom.geo.names import admin_terms, is_code, lexicon_place_name, normalize
from sitroom.model import Place, PlaceMention

# --- options -------------------------------------------------------------------------------------------------


@dataclass
class ResolverOptions:
    """Scoring weights and radii. Calibrated on the LGL and GeoWebNews dev sets (given gold names, 161 km)."""

    exact: float = 3.0  # the spelling matched, not only the romanization skeleton
    primary: float = 1.0  # ... and it is the entry's main name, not one of its alternate names
    population: float = 0.6  # per decade of population (log10)
    country: float = 3.0  # feature bonus for a country
    admin1: float = 2.0  # feature bonus for a first-level unit
    admin2: float = 0.0
    sea: float = 3.0  # feature bonus for an ocean, sea, gulf or strait (no population to weigh)
    shadowed: float = 1.0  # penalty for a region only alluded to by its big town's name
    capital: float = 0.5  # national capitals
    unpointed: float = -2.0  # a codifier entry with no coordinates
    admin_cue: float = 8.0  # "X region" / "X Oblast" / "X, Y and Z regions"
    settlement_cue: float = 2.0  # "the town of X"
    focus: float = 4.0  # times the share of the article's other places in the candidate's country
    vote_temperature: float = 1.0  # softness of a name's vote over its candidates' countries and regions
    smoothing: float = 0.5  # pseudo-count added to the places a share is taken over: one name is weak evidence
    region: float = 5.0  # times the share of the article's other places in the candidate's admin1
    proximity: float = 3.0  # times the mean over other names of exp(-d / proximity_km) to their likely points
    proximity_km: float = 200.0
    # The next three: LGL given gold names 83.73 -> 85.23 % within 161 km (GeoWebNews 83.30 -> 83.34).
    district: float = 5.0  # times the share of the article's other places in the candidate's second-level unit
    # A town inside a second-level unit another name of the article can be (and that unit), however unlikely that
    # reading of the other name is: "Richmond" and "Madison County" are Richmond, Kentucky and its county, though
    # Madison County, Illinois is the likelier county alone (0: off). Calibrated on the dev halves, given gold names.
    # 161 km: LGL 89.70 -> 90.26 at 1.0 (0.5: 89.84, 1.5: 90.26, 2.0: 90.21, 3.0: 89.88), GeoWebNews unchanged
    # (3.0: -0.7); held-out halves: LGL +0.43, GeoWebNews all points -0.07 (one toponym).
    district_pair: float = 1.0
    district_points: bool = True  # second-level units (counties, raions) pull and are pulled by their points
    rounds: int = 2  # voting rounds: a later one votes with the context-aware scores of the one before
    point_min_weight: float = 0.05  # a candidate this unlikely is not a point others are pulled to (speed)
    near_max_km: float = 25.0  # a candidate farther than this from its stated anchor is a namesake
    near_radius_km: float = 15.0  # the radius reported with precision near:<anchor>
    # A site's name (a building, a street) is placed at the town mentioned closest to it within this many characters
    # (0: at the town the article names most often).
    site_window_chars: int = 1000  # GeoWebNews dev: all points 82.70 (82.93 with 0), a site apart from its town safer
    demonyms: bool = True  # resolve "Syrian" to Syria when a demonym is given to resolve
    # A name the gazetteer lacks altogether (a hamlet, a river, an estate) is placed near the town the text names
    # closest to it, within this many characters (0: never), or, failing that, the town the article names most
    # often when ``unknown_article_town``: precision "near" with ``unknown_radius_km``, the town its anchor.
    # Calibrated on the dev halves (sha256 of the document id even) of GeoWebNews and LGL, given gold names: 161 km
    # accuracy GWN 89.46 -> 91.88, LGL 85.73 -> 88.30 (500 chars and the article town; 1500: 91.88, 88.21).
    unknown_window_chars: int = 500
    unknown_article_town: bool = True
    unknown_radius_km: float = 50.0
    # A town smaller than far_population farther than far_km from every other place the article resolves (two at
    # least) is a namesake of a place the gazetteer lacks: placed as such a name is (0: never). Calibrated on the
    # dev halves, given gold names: GWN 92.05 -> 92.41, LGL 88.30 -> 88.62 (300 km, 20,000; 10,000: 92.32, 88.58;
    # 800 km: 92.23, 88.62; 150 km: 92.05, 88.53).
    far_km: float = 300.0
    far_population: int = 20_000
    shadow_population: int = 100_000  # a town this big named like its region is the default reading
    # A name that is no place as a whole resolves to a place inside it (0: never); one word must be a town this big
    # or a country/region (as the recognizer's embedded_min_population, LGL/GeoWebNews dev).
    embedded_min_population: int = 50_000
    # ... and a second-level unit that big under its main name ("West Surrey": Surrey, England; not "Kings" for Kings
    # County). Dev halves, given gold names, 161 km: GeoWebNews 93.93 -> 94.20, LGL 90.30 -> 90.26 (under any of its
    # names: LGL 90.12, three "Kings Street"-like losses); held-out: GeoWebNews unchanged, LGL -0.04.
    embedded_units: bool = True
    # A unit named after a town ("Tacoma, Washington") is read as the unit holding the town's reading, and its other
    # mentions, under its own name or the unit's ("Wash." ... "Washington"), share that reading. Dev halves, given gold
    # names, 161 km: GeoWebNews 93.75 -> 94.20, LGL 90.21 -> 90.26; held-out halves unchanged.
    container_units: bool = True
    # A name the gazetteer lacks, in an article whose places are all in one country and that names no town, is
    # somewhere in that country: precision "country", the country's point ("Bains and Grants Town" in an article on
    # the Bahamas). Whole GeoWebNews, given gold names, 161 km: 91.59 -> 91.67 (all points 89.93 -> 90.00), LGL
    # unchanged. Placing it "near" the capital instead scored 91.75 / 90.12 (held-out half +0.23) but claims a 50 km
    # circle the text does not give: an unknown Ukrainian village is not near Kyiv.
    unknown_in_country: bool = True
    # A name before a town's institution is a town's (see Resolver.resolve). Dev halves, given gold names, 161 km: LGL
    # 90.26 -> 90.49, GeoWebNews unchanged; held-out halves unchanged.
    local_institutions: bool = True
    # A town smaller than this in a country no other name of the article votes for (with this many distinct names)
    # is left unresolved (0: never).
    stray_population: int = 10_000
    stray_min_names: int = 3
    stray_share: float = 0.05  # ... "none votes for": less than this share of the other names' weight


@dataclass
class MentionInput:
    """A span to resolve, with the textual cues read around it."""

    start: int
    end: int
    name: str
    admin_cue: str = ""  # "", "admin1" or "admin2"
    full_name: str = ""  # the span as written when a region word was cut from it ("Donetsk region")
    container: str = ""  # "Paris, Tenn.": the unit named right after a comma
    settlement_cue: bool = False
    anchor: int | None = None  # index of the mention this one is said to be near
    anchor_cue: str = ""
    plural_cue: bool = False  # the region word is plural: "the Baltic states", "the Donetsk and Luhansk regions"
    # The plural region word follows this one name, no list: "10 Kentucky counties" names units inside Kentucky.
    holds_units: bool = False
    # The region word is a capitalized word of a longer name: "Youngstown State University", "Woodstock District
    # Chamber of Commerce" (a cue only where the unit's own name carries the word: "Donetsk Oblast Military ...").
    cue_in_name: bool = False
    after_the: bool = False  # "the" comes right before the name: "the Republic", "the Union"
    local_cue: bool = False  # a town's institution follows: "the Jordan middle school", "Mansfield City Council"
    contains: int | None = None  # index of the mention this one is the container of: "Washington" in "Tacoma, Washington"
    embedded: str = ""  # set by the resolver: the part of a name that is no place as a whole it was read by


@dataclass
class Resolution:
    candidate: Candidate | None
    precision: str | None
    cue: str
    anchor: int | None = None
    radius_km: float | None = None
    near_place: Place | None = None

    @property
    def place(self) -> Place | None:
        """The place the mention is given: its ``near:<anchor>`` place, else the chosen entry's."""
        return self.near_place or (self.candidate.to_place() if self.candidate else None)


@dataclass
class PlacesLexicon:
    """The words the cues and roles of place mentions are read with (data/places/context.json and the unit words
    of data/places/admin_terms.json)."""

    metonym_places: dict[str, str]
    speech_verbs: set[str]
    locative_preps: set[str]
    spatial_cues: list[str]
    settlement_words: list[str]
    titles: set[str] = field(default_factory=set)
    person_titles: set[str] = field(default_factory=set)
    admin1_words: set[str] = field(default_factory=set)
    admin2_words: set[str] = field(default_factory=set)

    @classmethod
    def load(cls) -> PlacesLexicon:
        data = lexicons.read_json("places/context.json")
        terms = admin_terms()
        return cls(
            metonym_places=data["metonym_places"], speech_verbs=set(data["speech_verbs"]),
            locative_preps=set(data["locative_preps"]), spatial_cues=data["spatial_cues"],
            settlement_words=data["settlement_words"], titles=set(data["titles"]),
            person_titles=set(data["person_titles"]),
            admin1_words=set(terms["admin1_words"]), admin2_words=set(terms["admin2_words"]),
        )


# --- textual cues --------------------------------------------------------------------------------------------


class Cues:
    """Finds region cues, settlement cues and spatial anchors in raw text around given spans."""

    def __init__(self, context: PlacesLexicon) -> None:
        self.context = context
        words = sorted(context.admin1_words | context.admin2_words, key=len, reverse=True)
        self._region_after = re.compile(r"^\s+(" + "|".join(words) + r")\b", re.IGNORECASE)
        self._region_inside = re.compile(r"\s+(" + "|".join(words) + r")$", re.IGNORECASE)
        plural = "|".join(w for w in words if w.endswith("s"))
        name = r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?"
        self.region_list = re.compile(
            rf"((?:{name})(?:\s*,\s*(?:and\s+)?{name})*,?\s+(?:and|or)\s+{name})\s+({plural})\b")
        cues = sorted(context.spatial_cues, key=len, reverse=True)
        settlement = "|".join(context.settlement_words)
        self._anchor_before = re.compile(
            r"(?:^|\W)(" + "|".join(re.escape(c) for c in cues) + rf")\s+(?:the\s+)?(?:(?:{settlement})\s+of\s+)?$",
            re.IGNORECASE,
        )
        self._container = re.compile(r",\s+((?:[A-Z][\w]*\.?)(?:\s?[A-Z][\w]*\.?){0,2})(?=[\s,;:)]|$)")
        self._settlement_before = re.compile(rf"\b(?:{settlement})\s+of\s+$", re.IGNORECASE)

    def mentions(self, text: str, spans: list[tuple[int, int]]) -> list[MentionInput]:
        listed: dict[tuple[int, int], str] = {}
        for match in self.region_list.finditer(text):
            word = match.group(2).lower()
            kind = "admin2" if word in self.context.admin2_words else "admin1"
            for part in re.finditer(r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?", match.group(1)):
                listed[(match.start(1) + part.start(), match.start(1) + part.end())] = kind
        result: list[MentionInput] = []
        container_starts: dict[int, int] = {}  # where a mention's container begins -> that mention
        for start, end in spans:
            name = text[start:end]
            cue = listed.get((start, end), "")
            plural = bool(cue)
            holds = in_name = False
            full = ""
            inside = self._region_inside.search(name)
            if inside and inside.start() > 0:
                cue = self._kind(inside.group(1))
                plural = inside.group(1).lower().endswith("s")
                full, name = name, name[: inside.start()]
            elif not cue:
                after = self._region_after.match(text[end : end + 30])
                if after:
                    cue = self._kind(after.group(1))
                    plural = after.group(1).lower().endswith("s")
                    holds = plural
                    in_name = after.group(1)[0].isupper() and bool(_NAME_GOES_ON.match(text, end + after.end()))
                    end += after.end()
            before = text[max(0, start - 40) : start]
            container = self._container.match(text, end, min(len(text), end + 40))
            result.append(MentionInput(
                start, end, name.strip(), cue, full, container.group(1) if container else "",
                bool(self._settlement_before.search(before)), plural_cue=plural, holds_units=holds,
                cue_in_name=in_name, local_cue=bool(_LOCAL_INSTITUTION.match(text, end)),
                after_the=bool(re.search(r"\bthe\s+$", before, re.IGNORECASE)),
            ))
            if container:
                container_starts[container.start(1)] = len(result) - 1
        for m in result:
            m.contains = container_starts.get(m.start)
        self._anchors(text, result)
        return result

    def _kind(self, word: str) -> str:
        return "admin2" if word.lower() in self.context.admin2_words else "admin1"

    def _anchors(self, text: str, mentions: list[MentionInput]) -> None:
        """Mention i is near j when j follows in the same sentence right after a spatial cue ("south of j")."""
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        for position, i in enumerate(order):
            for j in order[position + 1 : position + 2]:
                gap = text[mentions[i].end : mentions[j].start]
                if len(gap) > 120 or re.search(r"[.!?;]\s", gap):
                    break
                window_start = max(mentions[i].end, mentions[j].start - 60)
                match = self._anchor_before.search(text[window_start : mentions[j].start])
                if match:
                    mentions[i].anchor = j
                    mentions[i].anchor_cue = match.group(1).lower()
                    break


# --- resolution ----------------------------------------------------------------------------------------------

_PRECISION = {"country": "country", "ADM1": "admin1", "ADM2": "admin2"}
_FEATURE = {"admin1": "ADM1", "admin2": "ADM2"}
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,6})\)")
# A town's own institutions: the name before one is a town's, not a country's or a state's ("the Jordan middle school").
_LOCAL_INSTITUTION = re.compile(
    r"[ \t]+(?:(?:high|middle|elementary|junior high|grade) schools?|city (?:council|hall|commission|manager)|"
    r"(?:police|fire) department|public schools|school (?:district|board)|board of education)\b", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"[ \t]+(?:of[ \t]+)?[A-Z]")  # a capitalized word follows: the words are one longer name
_COMPASS_ADJECTIVES = {"north": "Northern", "south": "Southern", "east": "Eastern", "west": "Western",
                       "southeast": "South-eastern", "south-east": "South-eastern"}
_COMPASS_CUE = "a compass word alone: a geopolitical term, not one place"
_STRAY_CUE = "only a small town far from the article's other places has the name: left unresolved"
_FAR_CUE = "only a small town far from all of the article's other places has the name: left unresolved"
_FAR_SEA_CUE = "a small town far from all of the article's other places has the name: read as the sea"
_SITE_CUE = "a site's name whose only readings are namesakes where the article is not: left to its site"
_DATELINE = re.compile(r"(?:^|\n|\.\s)\s*([A-Z][A-Z.'\- ]+[A-Z.])(?=\s*(?:,|\(|--|—|–))")
# A dateline at the start of a line: capitalized words, numbers, commas and a parenthesized outlet before a dash
# ("CNN —", "KYIV, Ukraine (AP) —", "MINSK, 4 December (BelTA) -").
_DATELINE_HEAD = re.compile(
    r"(?m)^[ \t]*((?:[A-Z\d][\w.'’\-]*,?[ \t]+){0,6}[A-Z\d][\w.'’\-]*,?(?:[ \t]*\([^()\n]{1,40}\))?)[ \t]*(?:—|–|--?)(?:[ \t]|$)")


@dataclass
class _Votes:
    """What the names of one article say together: summed ballots by country, region and district, each name's
    own ballot (it never votes for itself) and each name's likely points."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[str] = field(default_factory=Counter)
    districts: Counter[str] = field(default_factory=Counter)
    ballots: dict[str, tuple[Counter[str], Counter[str], Counter[str]]] = field(default_factory=dict)
    spots: dict[str, list[tuple[float, float, float]]] = field(default_factory=dict)
    # The second-level units each name can be (its exact ADM2 readings), and those its exact towns lie in.
    units: dict[str, set[str]] = field(default_factory=dict)
    unit_towns: dict[str, set[str]] = field(default_factory=dict)


class Resolver:
    """Ranks gazetteer candidates for all mentions of one article together."""

    def __init__(self, gazetteer: Gazetteer, options: ResolverOptions | None = None) -> None:
        self.gazetteer = gazetteer
        self.options = options or ResolverOptions()
        self.compass = set(admin_terms()["compass_words"])
        self.features = set(admin_terms()["feature_words"])
        self.generic = self.features | set(admin_terms()["organisation_words"])
        self.polities = self.features | set(admin_terms()["polity_words"])
        self.open_water = set(admin_terms()["open_water_words"])
        self.region_words = set(admin_terms()["region_words"])
        self.site_words = set(admin_terms()["site_words"])
        # "the White House" -> (Washington, US, US-DC): a site named instead of its town (data/places/sites.tsv)
        self.sites = {normalize(row[0]): (row[1], row[2], row[3] if len(row) > 3 else "")
                      for row in lexicons.read_rows("places/sites.tsv")}
        self.regions = read_regions()
        self.regions.update(read_groupings(gazetteer))

    def candidates(self, mention: MentionInput) -> list[Candidate]:
        o = self.options
        if is_compass_term(mention.name, self.compass):
            return []  # "the West", "the North": a geopolitical term or a direction, not one place
        if self.known_site(mention.name):
            return []  # "the Kremlin": its town (place_sites), whatever the gazetteer's namesakes
        if mention.after_the and normalize(mention.name) in self.generic - self.features:
            # "the Republic", "the Union": a polity or an organisation, never Republic, Missouri (as the recognizer's
            # _generic_alone). Dev halves, given gold names: GeoWebNews all points 92.51 -> 92.92 (five sites of an
            # Irish article were placed near Republic, Missouri), 161 km and LGL unchanged; held-out unchanged.
            return []
        if mention.full_name:
            whole = [c for c in self.gazetteer.lookup(mention.full_name) if c.exact]
            if whole:  # "United States" is a name, not "United" + "states"
                mention.name, mention.admin_cue, mention.full_name = mention.full_name, "", ""
                return whole
        found = self.gazetteer.lookup(mention.name)
        if not any(c.exact for c in found):
            found = self._compass_region(mention.name) or found
        region = self.regions.get(normalize(mention.name))
        if region is not None:  # "Donbas", "the Black Sea": the region, unless a big place bears the very name
            found = [region, *(c for c in found if c.exact and c.population >= o.shadow_population)]
        if o.demonyms:
            named = self.gazetteer.demonym(mention.name)
            if not named and mention.name.isupper() and len(mention.name) > 4:
                # "JSC KAZAKH INVEST": a demonym in capitals (Petropavl, whose alternate name it is, was read). Dev
                # halves, given gold names: GeoWebNews 94.29 -> 94.38, LGL unchanged; held-out unchanged.
                named = self.gazetteer.demonym(mention.name.title())
            if named:  # "Canadian" is Canada, not Canadian County, unless a big place bears the very name
                found = named + [c for c in found if c.exact and c.population >= o.shadow_population]
        if (o.embedded_min_population and not any(c.exact for c in found) and " " in mention.name.strip()
                and not self.open_water_name(mention.name)):
            part, inner = self._embedded(mention.name)
            if inner:  # "Colorado State University", "European Commission": the place the name is about
                mention.embedded = part
                return inner
        if mention.container:
            units = [c for c in self.gazetteer.lookup(mention.container)
                     if c.exact and c.feature in ("country", "ADM1")]
            inside = [c for c in found
                      if any(c.admin1_gn == u.admin1_gn if u.feature == "ADM1" else c.country == u.country
                             for u in units) and c.rowid not in {u.rowid for u in units}]
            if inside:
                return inside
        if mention.admin_cue and mention.holds_units:
            # "10 Kentucky counties", "eastern Ukrainian regions": the unit the named units are in
            higher = ("country", "ADM1") if mention.admin_cue == "admin2" else ("country", *BROAD_FEATURES)
            holder = [c for c in found if c.exact and c.feature in higher]
            if holder:
                mention.admin_cue = ""
                return holder
        if mention.admin_cue and mention.cue_in_name:
            # "Youngstown State University": a cue only where the unit's own name carries the word (Donetsk Oblast)
            words = [c for c in found if c.feature == _FEATURE[mention.admin_cue]
                     and c.name.split()[-1].lower() in self.region_words]
            if not words:
                mention.admin_cue = ""
                return found
        if mention.admin_cue:
            admin = [c for c in found if c.feature in ("ADM1", "ADM2")]
            wanted = [c for c in admin if c.feature == _FEATURE[mention.admin_cue]]
            if not admin and mention.plural_cue:
                # "the Baltic states": a group the gazetteer lacks, not Baltic, Connecticut ("EU states": the EU's)
                return [c for c in found if c.feature in (*BROAD_FEATURES, "country")]
            # "Kyiv region", "Moscow Oblast": the unit named with a region word, not the city that is a unit of its
            # own under the bare name (Kyiv city, UA-30, outnumbers Kyiv Oblast, UA-32)
            worded = [c for c in wanted if c.name.split()[-1].lower() in self.region_words]
            return worded or wanted or admin or found
        return found

    def _compass_region(self, name: str) -> list[Candidate]:
        """A region named with a compass noun the gazetteer (UN M49) names with its adjective: "North Africa" is
        "Northern Africa", "West Asia" "Western Asia" (regions and continents only)."""
        words = name.strip().split(maxsplit=1)
        adjective = _COMPASS_ADJECTIVES.get(words[0].lower()) if len(words) == 2 else None
        if adjective is None:
            return []
        return [c for c in self.gazetteer.lookup(f"{adjective} {words[1]}") if c.exact and c.feature in BROAD_FEATURES]

    def open_water_name(self, name: str) -> bool:
        """Whether a name is an ocean's, a sea's, a gulf's or a strait's: "Indian Ocean", "Gulf of Aden" (its generic
        word first or last)."""
        words = name.strip().lower().split()
        return len(words) > 1 and (words[-1] in self.open_water or words[0] in self.open_water and words[1] == "of")

    def known_site(self, name: str) -> tuple[str, str, str] | None:
        """The town, country and (where namesakes share it) first-level unit of a site of sites.tsv ("the Kremlin":
        Moscow, RU; "the Pentagon": Arlington, US, US-VA), None for any other name."""
        return self.sites.get(normalize(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)))

    def site_name(self, name: str) -> bool:
        """Whether a name is a site's: one of sites.tsv ("the Kremlin"), or several words ending in a building or
        street word ("Saint Andrew's Church", "Royal Street")."""
        words = re.sub(r"['’]s\b", "", name.strip()).split()
        return self.known_site(name) is not None or len(words) > 1 and words[-1].lower() in self.site_words

    def _foreign_site(self, m: MentionInput, c: Candidate, parts: dict[str, float], names: int) -> bool:
        """A site's name read as a namesake in a country none of the article's other names (one at least) points to
        (the White House as Casablanca, "Dar el Beida"; Saint Andrew's Church in Bucha as a parish of Jamaica): no
        reading."""
        o = self.options
        return (self.site_name(m.name) and not m.container and names >= 2
                and parts.get(f"country focus {c.country}", 0.0) < o.focus * o.stray_share)

    def _embedded(self, name: str) -> tuple[str, list[Candidate]]:
        """Candidates of the longest capitalized part of a name that is no place as a whole: several words under an
        exact name, or one word that is a country, region, continent, demonym or a town of ``embedded_min_population``
        ("Dubai World Cup", but not the "Center" of "Barclays Center")."""
        words = name.split()
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                if not part[0].isupper() or size == 1 and part.lower() in self.compass:
                    continue
                if size == 1 and part.lower() in self.generic:
                    continue  # the "Union" of "Soviet Union", the "Sea" of "Black Sea"
                exact = [c for c in self.gazetteer.lookup(part) if c.exact]
                if size == 1 and is_code(part):
                    # "Nenagh MDC": capitals inside a longer name are no airport's code (Manado's), only a
                    # country's or a unit's ("UK Border Force")
                    exact = [c for c in exact if c.feature in (*BROAD_FEATURES, "country", "ADM1")]
                elif size == 1:
                    # a town, or a second-level unit, of embedded_min_population: "Suffolk City" (Suffolk County)
                    exact = [c for c in exact if c.feature in (*BROAD_FEATURES, "country", "ADM1")
                             or c.population >= self.options.embedded_min_population
                             and (not c.is_admin or c.feature == "ADM2" and self.options.embedded_units
                                  and normalize(c.name) == normalize(part))]
                    exact = exact or (self.gazetteer.demonym(part) if self.options.demonyms else [])
                if exact:
                    return part, exact
        return "", []

    def _base(self, c: Candidate, mention: MentionInput, shadowed: set[int], query: str) -> dict[str, float]:
        """The context-free parts of a candidate's score, by name (the names explain a decision)."""
        o = self.options
        parts = {"exact spelling": o.exact * c.exact, "population": o.population * math.log10(c.population + 1)}
        if c.exact and normalize(c.name) == query:
            parts["main name"] = o.primary
        feature = {"country": o.country, "PPLC": o.capital, "ADM1": o.admin1, "ADM2": o.admin2,
                   "sea": o.sea}.get(c.feature, 0.0)
        if c.rowid in shadowed:
            feature = -o.shadowed
        if c.lat is None and not c.is_admin:
            feature += o.unpointed
        parts["feature type"] = feature
        if mention.admin_cue and c.feature == _FEATURE[mention.admin_cue]:
            parts[f"region cue ({mention.admin_cue})"] = o.admin_cue
        if mention.settlement_cue and not c.is_admin:
            parts["'town of' cue"] = o.settlement_cue
        return parts

    def _shadowed(self, candidates: list[Candidate], query: str) -> set[int]:
        """Admin units a bare town name only alludes to: "Kharkiv" is the city, "Kharkiv Oblast" the region."""
        towns = [c for c in candidates if not c.is_admin and c.exact and c.lat is not None]
        if not towns:
            return set()
        big_town = max(c.population for c in towns) >= self.options.shadow_population
        return {
            c.rowid for c in candidates
            if c.feature in ("ADM1", "ADM2") and (big_town or not c.exact)
        }

    def resolve(self, mentions: list[MentionInput]) -> list[Resolution]:
        o = self.options
        cands = [self.candidates(m) for m in mentions]
        if o.local_institutions:
            # One sense per discourse: a name before a town's institution anywhere in the article is a town's name
            # wherever the article uses it ("Jordan Junior Olympic volleyball ... the Jordan middle school").
            local = {normalize(m.name) for m in mentions if m.local_cue}
            for i, m in enumerate(mentions):
                towns = [c for c in cands[i] if not c.is_admin and c.exact] if normalize(m.name) in local else []
                if towns and not m.admin_cue:
                    cands[i] = towns
        bases: list[list[float]] = []
        base_parts: list[list[dict[str, float]]] = []
        for m, cs in zip(mentions, cands):
            query = normalize(m.name)
            shadowed = self._shadowed(cs, query)
            parts = [self._base(c, m, shadowed, query) for c in cs]
            bases.append([sum(p.values()) for p in parts])
            base_parts.append(parts)
        # Each distinct name votes once, never for itself: two "Paris" mentions must not make France the
        # article's focus, nor two "Pokrovsk" pull each other to the wrong namesake.
        # A name read by a part of it votes as that part: "Dublin Center Drive" is "Dublin" again, and does not
        # make Dublin's big namesakes the article's focus. Given gold names, 161 km, dev | held-out halves (sha256 of
        # the article id even | odd): LGL 88.76 | 89.51 -> 89.42 | 89.51, GWN 93.12 | 88.99 -> 93.12 | 89.23.
        keys = [normalize(m.embedded or m.name) for m in mentions]
        scores = bases
        rankings: list[list[tuple[float, int, dict[str, float]]]] = []
        for _ in range(max(1, o.rounds)):
            # A later round votes with the context-aware scores of the one before: "Paris" and "Henry County"
            # settle on the Tennessee pair together once each has leaned towards the other.
            votes = self._votes(keys, cands, scores)
            rankings = [self._rank(cs, bases[i], keys[i], votes) for i, cs in enumerate(cands)]
            scores = [[total for total, _, _ in sorted(r, key=lambda x: x[1])] for r in rankings]
        results: list[Resolution] = []
        for i, (m, cs) in enumerate(zip(mentions, cands)):
            if not cs:
                compass = is_compass_term(m.name, self.compass)
                results.append(Resolution(None, None, _COMPASS_CUE if compass else "not in the gazetteer"))
                continue
            ranked = rankings[i]
            if self._stray(m, cs[ranked[0][1]], ranked[0][2], len(votes.ballots)):
                results.append(Resolution(None, None, _STRAY_CUE))
                continue
            if self._foreign_site(m, cs[ranked[0][1]], ranked[0][2], len(votes.ballots)):
                results.append(Resolution(None, None, _SITE_CUE))
                continue
            results.append(self._precision(cs[ranked[0][1]], self._cue(m, cs, ranked, base_parts[i])))
        self._apply_anchors(mentions, cands, results)
        holders = self._units_of_towns(mentions, cands, results)
        self._share(mentions, results, holders)
        self._drop_far(mentions, cands, results)
        self._place_sites(mentions, results)
        self._place_unknown(mentions, cands, results)
        return results

    def _drop_far(self, mentions: list[MentionInput], cands: list[list[Candidate]], results: list[Resolution]) -> None:
        """A small town read far from all of the article's other places, with no cue of its own, is dropped; where the
        name is also a sea's, it is that sea ("the Atlantic" in an article on Washington is no Atlantic, Iowa)."""
        o = self.options
        if not o.far_km:
            return
        points = [(normalize(m.name), r.candidate.lat, r.candidate.lon) for m, r in zip(mentions, results)
                  if r.candidate is not None and r.candidate.lat is not None and r.candidate.lon is not None
                  and self._pointed(r.candidate)]
        for m, cs, r in zip(mentions, cands, results):
            c = r.candidate
            if (c is None or c.is_admin or c.feature == "area" or c.lat is None or c.lon is None
                    or c.population >= o.far_population
                    or m.admin_cue or m.settlement_cue or m.container or m.anchor is not None):
                continue
            key = normalize(m.name)
            others = [(la, lo) for k, la, lo in points if k != key]
            if len({p for p in others}) >= 2 and min(distance_km(c.lat, c.lon, la, lo) for la, lo in others) > o.far_km:
                sea = next((s for s in cs if s.feature == "sea"), None)
                if sea is not None:
                    r.candidate, r.precision, r.cue = sea, None, _FAR_SEA_CUE
                else:
                    r.candidate, r.precision, r.cue = None, None, _FAR_CUE

    def _place_unknown(self, mentions: list[MentionInput], cands: list[list[Candidate]],
                       results: list[Resolution]) -> None:
        """A name with no gazetteer entry at all is placed near the town named closest to it in the text (within
        ``unknown_window_chars``), else near the article's most named town (``unknown_article_town``): a local
        news story's hamlet, estate or creek lies around the town it is about. With no such town, it is somewhere in
        the one country the article's places are in (``unknown_in_country``). Compass terms stay unresolved."""
        o = self.options
        if not o.unknown_window_chars:
            return
        town = self._article_town(results) if o.unknown_article_town else None
        country: Candidate | None = None  # looked up once, at the first name that needs it (a gazetteer query)
        looked_up = False
        for i, m in enumerate(mentions):
            if cands[i] and results[i].cue != _FAR_CUE or results[i].place is not None \
                    or is_compass_term(m.name, self.compass) or self.open_water_name(m.name):
                continue
            j = self._passage_town(mentions, results, i, o.unknown_window_chars)
            j = town if j is None else j
            if j is None:
                if o.unknown_in_country and not looked_up:
                    # the resolutions this loop writes have no candidate, so the article's country stays the same
                    country, looked_up = self._article_country(results), True
                if country is not None:  # "Bains and Grants Town" in an article on the Bahamas naming no town
                    results[i] = Resolution(None, "country", f"not in the gazetteer: somewhere in {country.name}, "
                                            "the one country the article names", None, None,
                                            self._near(country, m.name, "PPL"))
                continue
            site = results[j].candidate
            assert site is not None
            results[i] = Resolution(None, "near", f"not in the gazetteer: placed near {mentions[j].name}", j,
                                    o.unknown_radius_km, self._near(site, m.name, "PPL"))

    def _article_country(self, results: list[Resolution]) -> Candidate | None:
        """The one country all of the article's resolved places are in, if there is one."""
        countries = {r.candidate.country for r in results if r.candidate is not None and r.candidate.country}
        if len(countries) != 1:
            return None
        return self.gazetteer.country(countries.pop())

    def _units_of_towns(self, mentions: list[MentionInput], cands: list[list[Candidate]],
                        results: list[Resolution]) -> set[int]:
        """The name after "Town, " is the unit the town was read in: "Tacoma, Washington" is the state, not the capital
        (a first-level unit or a country of the name that holds the town's reading; else the mention keeps its own).
        Returns the mentions so read."""
        holders: set[int] = set()
        if not self.options.container_units:
            return holders
        for j, m in enumerate(mentions):
            if m.contains is None or m.admin_cue:
                continue  # "the Donetsk, Kharkiv, and Kherson regions": a list, no town and its unit
            town = results[m.contains].candidate
            if town is None:  # "CAMP MURRAY, Wash.": a town the gazetteer lacks, in the unit the name is read as
                unit = results[j].candidate
                if unit is not None and unit.feature in ("ADM1", "country"):
                    holders.add(j)
                continue
            if town.is_admin:
                continue
            units = [c for c in cands[j] if c.exact and c.rowid != town.rowid and (
                c.feature == "ADM1" and c.admin1_gn == town.admin1_gn or c.feature == "country" and c.country == town.country)]
            if units and results[j].candidate not in units:
                unit = min(units, key=lambda c: c.feature != "ADM1")
                results[j] = self._precision(unit, f"the unit {mentions[m.contains].name} is named in")
            if units:
                holders.add(j)
        return holders

    def _share(self, mentions: list[MentionInput], results: list[Resolution], holders: set[int]) -> None:
        """One sense per discourse: a name said again with no cue of its own (region word, container, anchor, "the
        town of") takes the resolution of its first such mention; a unit named after a town ("Tacoma, Washington")
        gives its reading first, under its own name and the unit's ("CAMP MURRAY, Wash." ... "Washington")."""
        first: dict[str, Resolution] = {}
        for j in sorted(holders):
            m, r = mentions[j], results[j]
            if r.candidate is not None:
                first.setdefault(normalize(m.name), r)
                first.setdefault(normalize(r.candidate.name), r)
        for m, r in zip(mentions, results):
            if m.admin_cue or m.container or m.anchor is not None or m.settlement_cue or m.embedded:
                continue
            key = normalize(m.name)
            if key in first:
                if first[key] is not r:
                    _copy_resolution(first[key], r)
            else:
                first[key] = r
        # A name read by a part of it takes that part's own reading where the article names it alone ("Dublin Center
        # Drive" where "Dublin" is Dublin, Ohio), never gives its own: a part is read among big places only.
        for m, r in zip(mentions, results):
            if m.embedded and normalize(m.embedded) in first:
                _copy_resolution(first[normalize(m.embedded)], r)

    def _place_sites(self, mentions: list[MentionInput], results: list[Resolution]) -> None:
        """A site's mention is placed at its town: the one sites.tsv names ("the Kremlin": Moscow), else the town the
        text names closest to it (within ``site_window_chars``; with 0, the town the article's names resolve to most
        often, first named on a tie): precision "near", that town its anchor. With no such town it stays unresolved,
        never a namesake abroad."""
        o = self.options
        town = self._article_town(results)
        for i, m in enumerate(mentions):
            if results[i].candidate is not None or results[i].near_place is not None or not self.site_name(m.name):
                continue
            known = self.known_site(m.name)
            if known:
                found = [c for c in self.gazetteer.lookup(known[0])
                         if c.exact and c.country == known[1] and c.admin1_code.startswith(known[2])
                         and not c.is_admin and c.lat is not None]
                if not found:
                    continue
                site = max(found, key=lambda c: c.population)
                results[i] = Resolution(site, "near", f"a site in {site.name} (sites.tsv)", None, o.near_radius_km,
                                        self._near(site, m.name))
            else:
                j = self._passage_town(mentions, results, i) if o.site_window_chars else town
                if j is None:
                    continue
                site = results[j].candidate
                assert site is not None
                where = "named near" if o.site_window_chars else "named in an article on"
                results[i] = Resolution(None, "near", f"a site {where} {mentions[j].name}", j,
                                        o.near_radius_km, self._near(site, m.name))

    def _passage_town(self, mentions: list[MentionInput], results: list[Resolution], i: int,
                      window: int | None = None) -> int | None:
        """The town mention closest in the text to mention ``i``, within ``window`` (default ``site_window_chars``)."""
        towns = [(abs(mentions[j].start - mentions[i].start), j) for j, r in enumerate(results)
                 if r.candidate is not None and not r.candidate.is_admin and r.candidate.lat is not None
                 and r.precision == "exact"]
        window = self.options.site_window_chars if window is None else window
        near = [(d, j) for d, j in towns if d <= window]
        return min(near)[1] if near else None

    @staticmethod
    def _near(town: Candidate, name: str, feature: str = "site") -> Place:
        return Place(id=f"near:{town.id}", name=name, feature=feature, country=town.country, admin1=town.admin1,
                     admin1_code=town.admin1_code, admin2=town.admin2, admin2_code=town.admin2_code, lat=town.lat,
                     lon=town.lon, point_source=town.point_source)

    @staticmethod
    def _article_town(results: list[Resolution]) -> int | None:
        """The index of the first mention of the town the article's names resolve to most often, if any."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for i, r in enumerate(results):
            c = r.candidate
            if c is not None and not c.is_admin and c.lat is not None and r.precision == "exact":
                counts[c.id] += 1
                first.setdefault(c.id, i)
        if not counts:
            return None
        return first[max(counts, key=lambda k: (counts[k], -first[k]))]

    def _votes(self, keys: list[str], cands: list[list[Candidate]], scores: list[list[float]]) -> _Votes:
        """Each distinct name's ballot: its candidates' countries, regions, districts and points, in proportion to
        how likely each candidate is (softmax of its scores)."""
        o = self.options
        votes = _Votes()
        for key, cs, row in zip(keys, cands, scores):
            if key in votes.ballots or not cs:
                continue
            top = max(row)
            weights = [math.exp((x - top) / o.vote_temperature) for x in row]
            total_weight = sum(weights)
            ballot: tuple[Counter[str], Counter[str], Counter[str]] = (Counter(), Counter(), Counter())
            for c, w in zip(cs, weights):
                ballot[0][c.country] += w / total_weight
                if c.feature not in ("country", *BROAD_FEATURES):
                    ballot[1][c.admin1_gn] += w / total_weight
                if c.admin2_code:
                    ballot[2][c.admin2_code] += w / total_weight
            votes.ballots[key] = ballot
            votes.units[key] = {c.admin2_code for c in cs if c.exact and c.feature == "ADM2" and c.admin2_code}
            votes.unit_towns[key] = {c.admin2_code for c in cs if c.exact and not c.is_admin and c.admin2_code}
            for counter, part in zip((votes.countries, votes.regions, votes.districts), ballot):
                counter.update(part)
            # The likely points of this name, for the proximity of the others.
            votes.spots[key] = [(c.lat, c.lon, w / total_weight) for c, w in zip(cs, weights)
                                if c.lat is not None and self._pointed(c) and w / total_weight >= o.point_min_weight]
        return votes

    def _pointed(self, c: Candidate) -> bool:
        """Towns, and districts when ``district_points``: places small enough for their point to mean nearness."""
        return not c.is_admin or self.options.district_points and c.feature == "ADM2"

    def _rank(self, cs: list[Candidate], bases: list[float], key: str,
              votes: _Votes) -> list[tuple[float, int, dict[str, float]]]:
        """Candidates by score, best first: the base score plus what the article's other names say."""
        o = self.options
        own = votes.ballots.get(key, (Counter(), Counter(), Counter()))
        others = len(votes.ballots) - (key in votes.ballots)
        ranked: list[tuple[float, int, dict[str, float]]] = []
        for k, (c, base) in enumerate(zip(cs, bases)):
            parts: dict[str, float] = {}
            if others > 0:
                norm = others + o.smoothing
                parts[f"country focus {c.country}"] = o.focus * (votes.countries[c.country] - own[0][c.country]) / norm
                if c.feature not in ("country", *BROAD_FEATURES):
                    parts[f"region focus {c.admin1 or c.admin1_gn}"] = o.region * (
                        votes.regions[c.admin1_gn] - own[1][c.admin1_gn]) / norm
                if c.admin2_code and o.district:
                    parts[f"district focus {c.admin2 or c.admin2_code}"] = o.district * (
                        votes.districts[c.admin2_code] - own[2][c.admin2_code]) / norm
                if o.district_pair and c.exact and c.admin2_code and (c.feature == "ADM2" or not c.is_admin):
                    pairs = votes.unit_towns if c.feature == "ADM2" else votes.units
                    if any(c.admin2_code in codes for other, codes in pairs.items() if other != key):
                        parts["a town and its county both named"] = o.district_pair
                if c.lat is not None and self._pointed(c):
                    # Each other name pulls towards its likely points, in proportion to how likely they are.
                    pull = sum(
                        max((w * math.exp(-distance_km(c.lat, c.lon, la, lo) / o.proximity_km) for la, lo, w in pts),
                            default=0.0)
                        for other, pts in votes.spots.items() if other != key
                    )
                    parts["near the article's other places"] = o.proximity * pull / norm
            ranked.append((base + sum(parts.values()), k, parts))
        ranked.sort(key=lambda r: -r[0])
        return ranked

    @staticmethod
    def _cue(m: MentionInput, cs: list[Candidate], ranked: list[tuple[float, int, dict[str, float]]],
             base_parts: list[dict[str, float]]) -> str:
        """The part of the score that most separates the winner from the runner-up."""
        if m.admin_cue and cs[ranked[0][1]].feature == _FEATURE[m.admin_cue]:
            return f"region cue ({m.admin_cue})"
        if len(ranked) == 1:
            return "only candidate"
        (_, w, wparts), (_, r, rparts) = ranked[0], ranked[1]
        # Context parts are keyed by country/region, so compare them by kind.
        def kinds(parts: dict[str, float]) -> dict[str, tuple[str, float]]:
            return {k.split(" focus ")[0] + (" focus" if " focus " in k else ""): (k, v) for k, v in parts.items()}

        win = kinds({**base_parts[w], **wparts})
        run = kinds({**base_parts[r], **rparts})
        kind = max(win, key=lambda k: win[k][1] - run.get(k, ("", 0.0))[1])
        other = cs[r]
        return f"{win[kind][0]} (over {other.name}, {other.admin1 or other.country or other.feature})"

    def _stray(self, m: MentionInput, c: Candidate, parts: dict[str, float], names: int) -> bool:
        """Whether the best reading is a small town in a country none of the article's other names points to, with
        no cue of its own: "on Earth" (Earth, Texas) in an article on Ukraine. Such a reading is a guess."""
        o = self.options
        return bool(
            o.stray_population and names >= o.stray_min_names and not c.is_admin and c.feature != "area"
            and c.population < o.stray_population
            and not (m.admin_cue or m.settlement_cue or m.container or m.anchor is not None)
            and parts.get(f"country focus {c.country}", 0.0) < o.focus * o.stray_share
        )

    @staticmethod
    def _precision(c: Candidate, cue: str) -> Resolution:
        if c.feature == "area":  # a part of one country named without its towns: its first level, as ACLED codes it
            return Resolution(c, "admin1", cue + "; a region of one country (regions.tsv)")
        if c.feature in BROAD_FEATURES:  # a continent or region: never "exact", and ACLED has no level for it
            return Resolution(c, None, cue + "; wider than a country: no precision")
        if c.feature in _PRECISION:
            return Resolution(c, _PRECISION[c.feature], cue)
        if c.lat is None:
            return Resolution(c, "admin2" if c.admin2 else "admin1", cue + "; no point in the gazetteer")
        return Resolution(c, "exact", cue)

    def _apply_anchors(self, mentions: list[MentionInput], cands: list[list[Candidate]],
                       results: list[Resolution]) -> None:
        """A mention said to be near an anchor takes a candidate close to it, or becomes near:<anchor>."""
        o = self.options
        for i, m in enumerate(mentions):
            if m.anchor is None or not cands[i]:
                continue
            if results[i].candidate is not None and results[i].candidate.is_admin:
                continue
            anchor = results[m.anchor].candidate
            if anchor is None or anchor.lat is None or anchor.is_admin:
                continue
            close = [(distance_km(c.lat, c.lon, anchor.lat, anchor.lon), c) for c in cands[i] if c.lat is not None]
            close = [(d, c) for d, c in close if d <= o.near_max_km]
            if close:
                d, c = min(close, key=lambda dc: dc[0])
                stated = f"{m.anchor_cue} {mentions[m.anchor].name}"
                results[i] = Resolution(c, "exact", f"within {d:.0f} km of its anchor '{stated}'")
                continue
            same = [c for c in cands[i] if c.lat is None and c.admin2_code and c.admin2_code == anchor.admin2_code]
            entry = same[0] if len(same) == 1 else None
            place = Place(
                id=entry.id if entry else f"near:{anchor.id}", name=entry.name if entry else m.name, feature="PPL",
                country=anchor.country, admin1=anchor.admin1, admin1_code=anchor.admin1_code,
                admin2=anchor.admin2, admin2_code=anchor.admin2_code, lat=anchor.lat, lon=anchor.lon,
            )
            why = f"'{m.anchor_cue} {mentions[m.anchor].name}': no namesake within {o.near_max_km:.0f} km"
            if entry:
                why += f"; codifier entry {entry.katottg} in the anchor's district"
            results[i] = Resolution(entry, "near", why, m.anchor, o.near_radius_km, place)


def _copy_resolution(source: Resolution, target: Resolution) -> None:
    target.candidate, target.precision, target.cue = source.candidate, source.precision, source.cue
    target.anchor, target.radius_km, target.near_place = source.anchor, source.radius_km, source.near_place


def read_regions() -> dict[str, Candidate]:
    """The regions and natural features of data/places/regions.tsv as candidates, by the normalized form of each of
    their names (ids ``sitroom:<name>``, point source ``lexicon``)."""
    found: dict[str, Candidate] = {}
    for k, row in enumerate(lexicons.read_rows("places/regions.tsv"), start=1):
        name, alternates, kind, country, lat, lon = (row + [""] * 6)[:6]
        candidate = Candidate(
            rowid=-k, id=f"sitroom:{name.lower().replace(' ', '-')}", name=name, feature=kind, country=country,
            admin1="", admin1_code="", admin1_gn="", admin2="", admin2_code="", lat=float(lat), lon=float(lon),
            population=0, katottg=None, point_source="lexicon", exact=True)
        for alias in [name, *filter(None, alternates.split("|"))]:
            found[normalize(alias)] = candidate
    return found


def read_groupings(gazetteer: Gazetteer) -> dict[str, Candidate]:
    """The groupings of countries of data/places/groupings.tsv ("the Middle East") as region candidates, at the median
    of their members' gazetteer points (point source ``countries``), by the normalized form of each of their names."""
    found: dict[str, Candidate] = {}
    for k, row in enumerate(lexicons.read_rows("places/groupings.tsv"), start=1):
        name, alternates, members = (row + [""] * 3)[:3]
        countries = [c for c in (gazetteer.country(iso) for iso in members.split()) if c is not None]
        lat, lon = median_point([(c.lat, c.lon) for c in countries if c.lat is not None and c.lon is not None])
        if lat is None:
            continue
        candidate = Candidate(
            rowid=-1000 - k, id=f"sitroom:{name.lower().replace(' ', '-')}", name=name, feature="region", country="",
            admin1="", admin1_code="", admin1_gn="", admin2="", admin2_code="", lat=lat, lon=lon,
            population=sum(c.population for c in countries), katottg=None, point_source="countries", exact=True)
        for alias in [name, *filter(None, alternates.split("|"))]:
            found[normalize(alias)] = candidate
    return found


def is_compass_term(name: str, compass: set[str]) -> bool:
    """Whether a name is a compass word alone ("West", "the North"): in news a geopolitical term or a direction
    ("sanctions by the West", "the North's peace process"), which GeoNames would read as Cameroon's West Region."""
    return normalize(name) in compass


def _unaccented(text: str) -> str:
    """The text without its accents, case kept: "Tamil Nādu" is "Tamil Nadu", but "NoMa" is not "Noma"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# --- the spaCy component -------------------------------------------------------------------------------------


class PlacesComponent:
    """Sets ``doc._.places``: NER GPE/LOC/FAC plus gazetteer hits, each resolved with a precision and a cue."""

    def __init__(self, nlp: Language, name: str, gazetteer_path: str, labels: list[str], known_only_labels: list[str],
                 chunk_labels: list[str], embedded_min_population: int, unlabelled_min_population: int,
                 resolver: dict[str, Any]) -> None:
        self.name = name
        self.labels = set(labels)
        self.known_only_labels = set(known_only_labels)
        self.chunk_labels = set(chunk_labels)
        self.unlabelled_min_population = unlabelled_min_population
        self.embedded_min_population = embedded_min_population
        self.gazetteer = Gazetteer.open(Path(gazetteer_path) if gazetteer_path else default_path())
        known = {f.name for f in fields(ResolverOptions)}
        unknown = set(resolver) - known
        if unknown:
            raise ValueError(f"sitroom_places: unknown resolver options {sorted(unknown)}")
        self.resolver = Resolver(self.gazetteer, ResolverOptions(**resolver))
        self.context = PlacesLexicon.load()
        self.cues = Cues(self.context)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.recognize(doc)
        inputs = self.cues.mentions(doc.text, [(s.start_char, s.end_char) for s in spans])
        resolutions = self.resolver.resolve(inputs)
        roles = [self.role(span, r.candidate) for span, r in zip(spans, resolutions)]
        for k, span in enumerate(spans):
            iso = self.context.metonym_places.get(span.text)
            if iso and resolutions[k].candidate is None:
                country = self.gazetteer.country(iso)
                if country:
                    resolutions[k] = Resolution(country, "country", f"seat of power of {iso}")
        # A capital coordinated with a metonym ("the Kremlin and Pyongyang") is one too.
        for k, span in enumerate(spans):
            if roles[k] == "location" and self._coordinated_with_metonym(span, spans, roles):
                roles[k] = "metonym"
        doc._.places = [
            self._mention(doc, k, m, r, roles[k]) for k, (m, r) in enumerate(zip(inputs, resolutions))
        ]
        return doc

    def recognize(self, doc: Doc) -> list[Span]:
        """NER spans of the place labels, region lists split, and country/admin/town names inside organisations."""
        found: list[Span] = []
        # Words of the article's person names: a later "Paul" or "Modi" tagged GPE is the person again.
        # (Acronyms aside: "Henry Lazenby US-based" is tagged one PERSON.)
        person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e if not t.is_upper}
        # ... and an acronym given to a person in parentheses: "Andres Manuel Lopez Obrador (AMLO)".
        person_words.update(m.group(1) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
                            for m in [_ACRONYM_AFTER.match(doc.text, e.end_char)] if m)
        person_words.update(self._titled_names(doc))
        for ent in doc.ents:
            bare = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            if len(bare) == 1 and (bare.text in person_words or bare.text in self.context.titles):
                continue
            if bare.text in self.context.metonym_places:
                found.append(bare)
            elif ent.label_ == "ORG" and all(t.tag_ == "NNP" for t in bare) and lexicon_place_name(bare.text):
                found.append(bare)  # "the EU": a union of states tagged ORG, named in the demonym lexicon
            elif ent.label_ in self.labels:
                span = bare[:-1] if len(bare) > 1 and bare[-1].tag_ == "POS" else bare
                if all(t.tag_ in ("JJ", "NNPS") for t in span) and not self._exact_place(span.text):
                    continue  # a demonym tagged as a place
                if (ent.label_ in self.known_only_labels and not self.gazetteer.lookup(span.text)
                        and normalize(span.text) not in self.resolver.regions
                        and not (len(span) > 1 and span[-1].lower_ in self.resolver.polities)):
                    continue  # "Biden" tagged GPE: a GPE unknown to the gazetteer is rarely one (but "Soviet Union",
                    # or a region of regions.tsv: "South Ossetia")
                found.extend(self._split_list(span))
            elif ent.label_ in self.chunk_labels and self._named_feature(bare):
                found.append(bare)  # "Davy Crockett National Forest" tagged ORG
        found.extend(self._listed_regions(doc, found))
        # The countries the article's tagged places are in: a region named inside an organisation
        # ("University of California") counts only in one of them, so "Central Bank" is not Ghana's Central Region.
        tops = [max(cs, key=lambda c: c.population) for cs in (self.gazetteer.lookup(s.text) for s in found) if cs]
        countries = {c.country for c in tops}
        found.extend(self._chunk_pass(doc, found, {c.admin1_gn for c in tops if c.feature != "country"}, countries,
                                      person_words))
        found.extend(self._gazetteer_pass(doc, found, countries, person_words))
        found = [s for s in found if not self._generic_alone(s) and not self._speaker(s)]
        heads = [m.span(1) for m in _DATELINE_HEAD.finditer(doc.text)]
        found = [self._with_site_word(s) for s in found if not self._dateline_outlet(s, heads)]
        found.sort(key=lambda s: s.start_char)
        return found

    def _titled_names(self, doc: Doc) -> set[str]:
        """The words of a name right after a person's title ("President Kennedy", "Secretary Rusk"): a person's,
        so its other mentions in the article are no place (Kennedy the president is no locality of Bogota), but for
        a word the article also puts after a locative preposition."""
        words: set[str] = set()
        for t in doc[:-1]:
            if t.lower_ not in self.context.person_titles:
                continue
            for name in doc[t.i + 1 : t.i + 4]:
                if not (name.is_title and name.pos_ == "PROPN" and name.ent_type_ in ("PERSON", "")):
                    break  # "President Putin", but not a name the model tags a place
                words.add(name.text)
        # ... unless the article also uses the word as a place, after a locative preposition ("'Mr. Arlington'
        # ... a young man of Arlington"): a nickname after the town
        placed = {t.text for t in doc[1:] if doc[t.i - 1].lower_ in self.context.locative_preps | {"of"}}
        return words - placed

    def _dateline_outlet(self, span: Span, heads: list[tuple[int, int]]) -> bool:
        """Whether a name is the outlet of a dateline, not a place: in its parentheses ("(AP)", "(BelTA)"), or an
        acronym that is the whole dateline and only an airport or other code names ("CNN —": Kannur's IATA code),
        not a place's own name ("ROME —")."""
        head = next(((a, b) for a, b in heads if a <= span.start_char and span.end_char <= b), None)
        if head is None:
            return False
        text = span.doc.text
        if text.rfind("(", head[0], span.start_char) > text.rfind(")", head[0], span.start_char):
            return True
        if not (span.text.isupper() and len(span.text) <= 5) or text[head[0] : head[1]].strip(" ,") != span.text:
            return False  # "RALEIGH, N.C. —", "ST. LOUIS –": a unit's abbreviation, a part of a name
        key = _unaccented(span.text).casefold()
        return not any(_unaccented(c.name).casefold() == key for c in self.gazetteer.lookup(span.text) if c.exact)

    def _with_site_word(self, span: Span) -> Span:
        """A possessive name followed by a capitalized building or street word is that site's name ("Saint Andrew's
        Church", "St. Peter's Basilica"): resolved as a site, never as Saint Andrew, Jamaica. Without the possessive
        the name is the place the site is named after and stays one ("Elizabethtown Hospital": Elizabethtown)."""
        doc = span.doc
        i = span.end + 1
        if (i < len(doc) and doc[span.end].tag_ == "POS" and doc[i].is_title
                and doc[i].lower_ in self.resolver.site_words):
            return doc[span.start : i + 1]
        return span

    def _generic_alone(self, span: Span) -> bool:
        """"The" and an organisation's generic word ("the Centre" for India's central government, "the Union") is no
        place; a feature's ("the Gulf", "the Valley") and a bare word ("Alliance", a town) may be."""
        t = span[-1]
        return (len(span) <= 2 and t.i > 0 and t.doc[t.i - 1].lower_ == "the"
                and t.lower_ in self.resolver.generic - self.resolver.features)

    def _speaker(self, span: Span) -> bool:
        """A one-word name that says something ("said Noma", "Guhdar said") is a person, unless a country, region or
        town of ``stray_population`` bears it, speaking for its government ("Fargo plans", a metonym)."""
        token = span.root
        if (len(span) != 1 or token.dep_ != "nsubj" or token.head.lemma_ not in self.context.speech_verbs
                or token.is_upper or span.text in self.context.metonym_places or self.gazetteer.demonym(span.text)):
            return False  # "TORONTO —" is a dateline; "the Kremlin said", "the EU said" speak for governments
        return not any(c.exact and (c.is_admin or c.population >= self.resolver.options.stray_population)
                       for c in self.gazetteer.lookup(span.text))

    def _named_feature(self, span: Span) -> bool:
        """Whether a name is a natural or man-made feature by its generic last word, every word capitalized."""
        return len(span) > 1 and span[-1].lower_ in self.resolver.features and all(t.is_title for t in span)

    def _exact_place(self, text: str) -> bool:
        return any(c.exact for c in self.gazetteer.lookup(text))

    def _split_list(self, span: Span) -> list[Span]:
        """An entity "Donetsk, Kharkiv, and Kherson" is three names."""
        if "," not in span.text and " and " not in span.text:
            return [span]
        parts: list[Span] = []
        start = span.start
        for t in span:
            if t.text in (",", "and", "or"):
                if t.i > start:
                    parts.append(span.doc[start : t.i])
                start = t.i + 1
        if start < span.end:
            parts.append(span.doc[start : span.end])
        if len(parts) > 1 and all(self._exact_place(p.text) for p in parts):
            return parts
        return [span]

    def _listed_regions(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Names of "the Donetsk, Kharkiv, and Kherson regions" that NER missed."""
        taken = {(s.start_char, s.end_char) for s in found}
        covered = {i for s in found for i in range(s.start, s.end)}
        extra: list[Span] = []
        for match in self.cues.region_list.finditer(doc.text):
            for part in re.finditer(r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?", match.group(1)):
                start, end = match.start(1) + part.start(), match.start(1) + part.end()
                span = doc.char_span(start, end)
                if span is None or (start, end) in taken or any(t.i in covered for t in span):
                    continue
                if any(c.feature in ("ADM1", "ADM2") for c in self.gazetteer.lookup(span.text)):
                    extra.append(span)
        return extra

    def _chunk_pass(self, doc: Doc, found: list[Span], regions: set[str], countries: set[str],
                    person_words: set[str]) -> list[Span]:
        """Whole names the small model tagged ORG/PERSON or left untagged ("DeSoto Parish", "Parkers Prairie").

        A chunk (such an entity, or a run of proper nouns) is a place when it is exactly the main name (accents
        aside) of a town or unit in a first-level region the article's tagged places are in, of a country or
        first-level unit of one of the article's countries ("Tamil Nadu" tagged PERSON in an article on India), a
        name the article already uses as a place, or a dateline in capitals that the gazetteer knows."""
        covered = {i for s in found for i in range(s.start, s.end)}
        known = {s.text for s in found}
        chunks: list[Span] = [e for e in doc.ents if e.label_ in self.chunk_labels]
        in_ents = {i for e in doc.ents for i in range(e.start, e.end)}
        run: list[int] = []
        for t in [*doc, None]:
            if t is not None and t.i not in in_ents and t.pos_ == "PROPN" and (t.is_title or t.is_upper and len(t) > 2):
                run.append(t.i)
                continue
            if run:
                chunks.append(doc[run[0] : run[-1] + 1])
                run = []
        # "COLUMBUS, Ohio --": a line opening with a name in capitals is a dateline.
        datelines = {m.start(1) for m in _DATELINE.finditer(doc.text)}
        extra: list[Span] = []
        for chunk in chunks:
            span = chunk[1:] if chunk[0].lower_ == "the" and len(chunk) > 1 else chunk
            if not span.text or any(t.i in covered for t in span) or span.text in person_words | self.context.titles:
                continue
            # An organisation named after its place: "Saint Lucia National Trust", "Beverly Hills Police Department".
            heads = [span[:n] for n in range(len(span) - 1, 1, -1)] if chunk.label_ == "ORG" else []
            for part in [span, *heads]:
                if self._chunk_is_place(part, datelines, known, regions, countries):
                    extra.append(part)
                    covered.update(range(part.start, part.end))
                    break
        return extra

    def _chunk_is_place(self, span: Span, datelines: set[int], known: set[str], regions: set[str],
                        countries: set[str]) -> bool:
        """The acceptance test of :meth:`_chunk_pass` for one chunk."""
        dateline = span.text.isupper() and span.start_char in datelines
        fold = str.casefold if span.text.isupper() else str  # "PARIS" is Paris, "Noma" is not NoMa
        key = fold(_unaccented(span.text))
        exact = [c for c in self.gazetteer.lookup(span.text)
                 if c.exact and (dateline or fold(_unaccented(c.name)) == key)]
        return bool((span.text in known or dateline) and exact) or any(
            c.admin1_gn in regions and c.feature != "country"
            or c.feature in ("country", "ADM1") and c.country in countries
            for c in exact
        )

    def _gazetteer_pass(self, doc: Doc, found: list[Span], countries: set[str], person_words: set[str]) -> list[Span]:
        """Single-token names NER missed or gave another label, where the gazetteer and the article agree.

        Accepted: a name the article already uses as a place (one sense per discourse), any place after "the town
        of", a country (in capitals inside an organisation: one of the article's, so not "GTM Research"), a first-level
        unit of one of the article's countries, or a town under its main name when it
        is big (inside an organisation's name, ``embedded_min_population``; a bare proper noun,
        ``unlabelled_min_population``)."""
        covered = {i for s in found for i in range(s.start, s.end)}
        known = {s.text for s in found}
        settlement_words = set(self.context.settlement_words)
        extra: list[Span] = []
        for t in doc:
            if t.i in covered or len(t) < 2 or t.ent_type_ == "NORP" or t.text in person_words | self.context.titles:
                continue
            if not (t.is_title or t.is_upper) or t.is_stop and not t.is_upper or t.lower_ in self.resolver.compass:
                continue  # "North" of "North Atlantic Treaty" is no place
            following = doc[t.i + 1] if t.i + 1 < len(doc) else None
            # "the Centre said": a common noun used as a name ("the Gainesville sewer system", "the UAE" are kept)
            only_countries = t.i > 0 and doc[t.i - 1].lower_ == "the" and not (
                following is not None and following.pos_ in ("NOUN", "PROPN"))
            after_of = t.i >= 2 and doc[t.i - 1].lower_ == "of" and doc[t.i - 2].lower_ in settlement_words
            if t.ent_type_ and t.lower_ in self.resolver.generic and not self._whole_entity(t):
                continue  # "Soviet Union", "Black Sea": a generic word of a longer name is no place of its own
            # "in the Kyiv region" with "Kyiv" tagged an adjective: the region word says it is a unit's name
            region_cued = following is not None and following.lower_ in (
                self.context.admin1_words | self.context.admin2_words)
            if t.ent_type_:
                threshold = self.embedded_min_population
            elif (t.pos_ == "PROPN" or region_cued) and not t.is_sent_start:
                threshold = self.unlabelled_min_population
            else:
                continue
            candidates = [c for c in self.gazetteer.lookup(t.text) if c.exact]
            if region_cued and not t.ent_type_:
                candidates = [c for c in candidates if c.is_admin]
            elif t.pos_ == "ADJ":  # "Olympic facilities"; a capital mis-tagged ADJ ("Kyiv claims") still counts
                candidates = [c for c in candidates if c.feature in ("country", "PPLC")]
            if only_countries:
                candidates = [c for c in candidates if c.feature == "country"]
            if any(
                after_of or t.text in known
                or c.feature == "country" and not (t.is_upper and t.ent_type_ == "ORG" and c.country not in countries
                                                   and not self._whole_entity(t))
                or c.feature == "ADM1" and (c.country in countries or not countries)
                or not c.is_admin and c.name == t.text and c.population >= threshold
                for c in candidates
            ):
                extra.append(doc[t.i : t.i + 1])
        return extra

    @staticmethod
    def _whole_entity(t: Token) -> bool:
        """Whether the token is an entity by itself ("DPRK"), not a word of a longer one ("GTM Research")."""
        following = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        return t.ent_iob_ == "B" and (following is None or following.ent_iob_ != "I")

    def role(self, span: Span, candidate: Candidate | None) -> str:
        """'metonym' for a seat of power standing for its government ("Kyiv claims", "Moscow's war", "the Kremlin")."""
        if span.text in self.context.metonym_places or is_compass_term(span.text, self.resolver.compass):
            return "metonym"  # "the Kremlin"; "the West" (its governments)
        if candidate is not None and candidate.is_admin and span.root.ent_type_ == "ORG":
            return "metonym"  # "the EU" as an organisation
        if candidate is None or candidate.feature not in ("PPLC", "country"):
            return "location"
        head = span.root
        if candidate.feature == "PPLC":
            following = span.doc[span.end] if span.end < len(span.doc) else None
            if following is not None and (following.tag_ == "POS" or following.lemma_ in self.context.speech_verbs):
                return "metonym"
            if head.dep_ in ("nsubj", "nsubjpass"):
                return "metonym"
            if head.dep_ in ("dobj", "dative", "conj"):
                return "metonym" if head.head.pos_ == "VERB" and head.dep_ != "conj" else "location"
            if head.dep_ == "pobj" and head.head.lower_ not in self.context.locative_preps:
                metonymic = head.head.lower_ in ("for", "with", "by", "between", "against", "on")
                return "metonym" if metonymic else "location"
            return "location"
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in self.context.speech_verbs:
            return "metonym"
        return "location"

    @staticmethod
    def _coordinated_with_metonym(span: Span, spans: list[Span], roles: list[str]) -> bool:
        head = span.root
        for other, role in zip(spans, roles):
            if role != "metonym" or other is span:
                continue
            if head.dep_ == "conj" and head.head.i in range(other.start, other.end):
                return True
        return False

    def _mention(self, doc: Doc, k: int, m: MentionInput, r: Resolution, role: str) -> PlaceMention:
        return PlaceMention(
            id=f"P{k + 1}", evidence=evidence(doc, m.start, m.end), place=r.place, precision=r.precision, role=role,
            anchor=f"P{r.anchor + 1}" if r.anchor is not None else None, radius_km=r.radius_km, cue=r.cue,
        )


@Language.factory(
    "sitroom_places",
    requires=["doc.ents", "token.dep"],
    assigns=["doc._.places"],
    default_config={
        "gazetteer_path": "",
        "labels": ["GPE", "LOC", "FAC"],
        # Entities of these labels are kept only when the gazetteer knows the name (the small model tags persons GPE).
        "known_only_labels": ["GPE"],
        # Entities of these labels are read as places when the whole name is a town or unit of the article's
        # regions (the small model tags many US towns and counties ORG or PERSON: LGL dev).
        "chunk_labels": ["ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT"],
        # Towns below this population are not taken from other entities' names (LGL/GeoWebNews dev).
        "embedded_min_population": 50_000,
        # Untagged proper nouns are taken as places when a town this big has the name (LGL/GeoWebNews dev).
        "unlabelled_min_population": 100_000,
        "resolver": {},
    },
)
def make_places(nlp: Language, name: str, gazetteer_path: str, labels: list[str], known_only_labels: list[str],
                chunk_labels: list[str], embedded_min_population: int, unlabelled_min_population: int,
                resolver: dict[str, Any]) -> PlacesComponent:
    return PlacesComponent(nlp, name, gazetteer_path, labels, known_only_labels, chunk_labels,
                           embedded_min_population, unlabelled_min_population, resolver)
