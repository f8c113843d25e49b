"""The seed article through the whole job (`sitroom run`: ingest, extract, fuse), then the page over it: its
events drawn where the article puts them (the strike in Kharkiv a point in Ukraine, the strike "in the Donetsk
region" an area there, "somewhere in Russia" Russia's own outline)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
from webpage import BOXES, COUNTRIES_AT_MARK, Site, ids, open_page, serve

SEED_ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The seed article ingested, read and fused by `sitroom run`, behind the API."""
    pytest.importorskip("uvicorn", reason="uvicorn is not installed (the API's server)")
    from typer.testing import CliRunner

    from sitroom.cli import app

    db = tmp_path_factory.mktemp("seed") / "seed.db"
    result = CliRunner().invoke(app, ["run", str(SEED_ARTICLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with serve(db) as served:
        yield served


def event_clusters(site: Site) -> list[dict]:
    """Every event cluster in full, as the API gives it."""
    clusters, after = [], ""
    while True:
        with urlopen(f"{site.base}api/clusters?kind=event&limit=1000{after}") as reply:
            body = json.load(reply)
        for row in body["rows"]:
            with urlopen(f"{site.base}api/clusters/{row['id']}") as reply:
                clusters.append(json.load(reply))
        if not body.get("next"):
            return clusters
        after = f"&after={body['next']}"


COUNTRY_NAMES = {"UA": "Ukraine", "RU": "Russia", "DE": "Germany", "GB": "United Kingdom", "FR": "France",
                 "IT": "Italy", "KP": "North Korea", "US": "United States of America"}


def test_the_seed_events_are_drawn_where_the_article_puts_them(page, seed_site, tmp_path):
    tab, watch = page
    open_page(page, seed_site)
    clusters = event_clusters(seed_site)
    by_label = {c["label"]: c for c in clusters}

    def cluster(words: str) -> dict:
        found = [c for label, c in by_label.items() if words in label]
        assert len(found) == 1, f"{words!r}: {sorted(by_label)}"
        return found[0]

    kharkiv = cluster("a Russian strike in Kharkiv")
    mykhaylivka = cluster("captured the town of Mykhaylivka")
    donetsk = cluster("six North Korean military personnel were killed")
    assert (kharkiv["place"], kharkiv["precision"]) == ("Kharkiv", "exact")
    assert mykhaylivka["place"] == "Mykhaylivka"
    assert (donetsk["admin1"], donetsk["precision"]) == ("Donetsk Oblast", "admin1")
    # The strike in Kharkiv is a point; the strike "in the Donetsk region" an area, never a pin.
    assert kharkiv["id"] in ids(tab, "#map path.cluster-point")
    assert donetsk["id"] in ids(tab, "#map path.cluster-region")
    # Every cluster placed within a country is drawn inside that country's outline; every one known only by its
    # country shades that country's own outline; every dated one is on the timeline.
    placed = [c for c in clusters if c["latitude"] is not None and c["precision"] != "country"]
    assert placed, "the seed places no event"
    for c in placed:
        assert COUNTRY_NAMES[c["country"]] in tab.evaluate(COUNTRIES_AT_MARK, c["id"]), c["label"]
    for c in (c for c in clusters if c["precision"] == "country"):
        shaded, outline = tab.evaluate(BOXES, [f'#map path[data-cluster-ids~="{c["id"]}"]',
                                               f'#map path.country[data-country="{COUNTRY_NAMES[c["country"]]}"]'])
        assert shaded == pytest.approx(outline, abs=2), c["label"]
    assert ids(tab, "#timeline .tl-item") == sorted(c["id"] for c in clusters if c["date"])
    tab.screenshot(path=str(tmp_path / "seed.png"), full_page=True)
    watch.assert_clean()
