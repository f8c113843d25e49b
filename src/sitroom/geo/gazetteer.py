"""Read-only lookups on the offline gazetteer file (built by :mod:`sitroom.geo.build`, ``sitroom gazetteer build``).

GeoNames places, admin units and Ukraine's KATOTTG codifier in one indexed SQLite file, its names indexed by the
skeleton of :mod:`sitroom.geo.names`. Opening a missing file is :class:`GazetteerMissing`, never a build: building
takes half a minute and writes, which is the build command's job.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sitroom.config import cache_dir
from sitroom.geo.names import code_key, demonym_stems, is_code, normalize, skeleton, skeleton_countries
from sitroom.model import Place

VERSION = "7"  # of the file's schema and content: a new version is a new file name (7: Natural Earth's seas)
# Where an entry's point comes from (the places.point_source column): GeoNames' own point, a label or centroid point
# of a Natural Earth boundary, the middle of the extent of a first-level unit's own towns or the median of a
# second-level unit's (no packaged point: flagged), the median of a grouping's member countries' points.
POINT_SOURCES = ("geonames", "naturalearth", "towns", "towns-median", "countries")
BUILD_COMMAND = "sitroom gazetteer build"

# Feature ranks used when ties need a broad-to-narrow order.
ADMIN_FEATURES = ("continent", "region", "sea", "country", "ADM1", "ADM2")
# Wider than a town's nearness and given no precision: a continent, a UN M49 region or grouping, an ocean, sea, gulf
# or strait (Natural Earth's marine polygons).
BROAD_FEATURES = ("continent", "region", "sea")


class GazetteerMissing(FileNotFoundError):
    """No gazetteer file where one was looked for: the message names the path and the command that builds it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"no gazetteer at {self.path}: build it with `{BUILD_COMMAND} --path {self.path}`")

    def __reduce__(self) -> tuple[type[GazetteerMissing], tuple[Path]]:
        return type(self), (self.path,)  # pickled by its path (to a worker process and back), not its message


def cache_file(cache_dir: Path) -> Path:
    """The gazetteer file of this version in a cache folder."""
    return Path(cache_dir) / f"gazetteer-{VERSION}.sqlite"


def default_path() -> Path:
    """The gazetteer file in sitroom's cache folder (config.cache_dir: $SITROOM_CACHE_DIR or ~/.cache/sitroom)."""
    return cache_file(cache_dir())


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to; ``exact`` when the spelling matched, not only the skeleton."""

    rowid: int
    id: str
    name: str
    feature: str
    country: str
    admin1: str
    admin1_code: str
    admin1_gn: str
    admin2: str
    admin2_code: str
    lat: float | None
    lon: float | None
    population: int
    katottg: str | None
    point_source: str | None
    exact: bool

    @property
    def is_admin(self) -> bool:
        return self.feature in ADMIN_FEATURES

    def to_place(self) -> Place:
        return Place(
            id=self.id, name=self.name, feature=self.feature, country=self.country, admin1=self.admin1,
            admin1_code=self.admin1_code, admin2=self.admin2, admin2_code=self.admin2_code, lat=self.lat,
            lon=self.lon, population=self.population or None, point_source=self.point_source,
        )


_COLUMNS = ("p.rowid, p.id, p.name, p.feature, p.country, p.admin1, p.admin1_code, p.admin1_gn, p.admin2, "
            "p.admin2_code, p.lat, p.lon, p.population, p.katottg, p.point_source")


class Gazetteer:
    """Read-only lookups on the SQLite gazetteer; candidates are cached per name."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._cache: dict[str, list[Candidate]] = {}
        self._demonyms: dict[str, list[Candidate]] = {}

    @classmethod
    def open(cls, path: Path | str) -> Gazetteer:
        """Open the gazetteer file read-only; :class:`GazetteerMissing` when there is none."""
        path = Path(path)
        if not path.is_file():
            raise GazetteerMissing(path)
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return cls(connection, path)

    def close(self) -> None:
        self.connection.close()

    def lookup(self, name: str) -> list[Candidate]:
        """All entries whose name has the skeleton of ``name``, exact spellings flagged; an entry matched by the
        skeleton alone only in a country whose names come romanized from Cyrillic (Kharkov/Kharkiv, not Leyen/Lyon)."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        key = skeleton(name)
        norm = normalize(name)
        code = code_key(name) if is_code(name.strip()) else key
        rows = self.connection.execute(
            f"SELECT {_COLUMNS}, MAX(n.norm = ?) FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.skel IN (?, ?) GROUP BY p.rowid",
            (norm, key, code),
        ).fetchall() if key else []
        romanized = skeleton_countries()
        result = [Candidate(*row[:15], bool(row[15])) for row in rows if row[15] or row[4] in romanized]
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[name] = result
        return result

    def demonym(self, word: str) -> list[Candidate]:
        """Countries, regions and continents an adjective or demonym names ("Syrian" -> Syria), exact names only."""
        cached = self._demonyms.get(word)
        if cached is None:
            cached = self._demonyms[word] = self._demonym(word)
        return cached

    def _demonym(self, word: str) -> list[Candidate]:
        for name in demonym_stems(word):
            found = [c for c in self.lookup(name) if c.exact and c.feature in (*BROAD_FEATURES, "country", "ADM1")]
            if found:
                return found
        if word.endswith("s") and len(word) > 4:
            return self._demonym(word[:-1])  # "Canadians", "Ohioans"
        return []

    def _one(self, where: str, *params: str) -> Candidate | None:
        row = self.connection.execute(f"SELECT {_COLUMNS}, 1 FROM places p WHERE {where}", params).fetchone()
        return Candidate(*row[:15], True) if row else None

    def get(self, place_id: str) -> Candidate | None:
        return self._one("p.id = ?", place_id)

    def admin1(self, admin1_gn: str) -> Candidate | None:
        """The ADM1 entry of a GeoNames admin1 code ("UA.05")."""
        return self._one("p.admin1_gn = ? AND p.feature = 'ADM1'", admin1_gn)

    def country(self, iso: str) -> Candidate | None:
        return self._one("p.country = ? AND p.feature = 'country'", iso)

    def by_katottg(self, code: str) -> Candidate | None:
        return self._one("p.katottg = ?", code)
