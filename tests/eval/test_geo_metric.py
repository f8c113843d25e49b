"""The geoparsing scorer on small made-up data: readers, overlap recognition, distance accuracy, gold-name
resolution through the places Resolver."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sitroom.config import eval_cache_dir
from sitroom.eval.geo import (
    UNRESOLVED_KM,
    GoldArticle,
    GoldToponym,
    Prediction,
    error_km,
    read_corpus,
    resolve_gold,
    score_end_to_end,
    score_resolution,
)
from sitroom.geo.gazetteer import Gazetteer, default_path

LGL_XML = """<?xml version="1.0"?>
<articles>
  <article docid="1">
    <text>Floods hit Alexandria and Rapides Parish.</text>
    <toponyms>
      <toponym><start>10</start><end>20</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
      <toponym><start>25</start><end>39</end><phrase>Rapides Parish</phrase>
        <gaztag geonameid="4338356"><lat>31.1669</lat><lon>-92.4835</lon></gaztag></toponym>
      <toponym><start>0</start><end>3</end><phrase>Nowhere</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

GWN_XML = """<?xml version="1.0"?>
<articles>
  <article file="7"><text>Russian troops left Kyiv.</text>
    <toponyms>
      <toponym><extractedName>Russian</extractedName><type>Non_Literal_Modifier</type><modifierType>Adjective</modifierType>
        <start>0</start><end>7</end><geonamesID>2017370</geonamesID><latitude>60</latitude><longitude>100</longitude></toponym>
      <toponym><extractedName>troops</extractedName><type>Non_Lit_Expression</type><start>8</start><end>14</end></toponym>
      <toponym><extractedName>Kyiv</extractedName><type>Literal</type><modifierType/>
        <start>20</start><end>24</end><geonamesID>703448</geonamesID><latitude>50.45</latitude><longitude>30.52</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_lgl_reader_realigns_off_by_one(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_XML, encoding="utf-8")
    (article,) = read_corpus(path)
    first, second = article.toponyms  # "Nowhere" does not occur near its offsets: left out
    assert (first.start, first.end, first.text) == (11, 21, "Alexandria")
    assert (second.start, second.end, second.geonameid) == (26, 40, "4338356")


def test_gwn_reader_keeps_toponym_types_only(tmp_path: Path) -> None:
    folder = tmp_path / "GeoWebNews" / "data"
    folder.mkdir(parents=True)
    (folder / "GWN.xml").write_text(GWN_XML, encoding="utf-8")
    (article,) = read_corpus(tmp_path / "GeoWebNews")
    assert [(t.text, t.adjective) for t in article.toponyms] == [("Russian", True), ("Kyiv", False)]


def _article() -> GoldArticle:
    return GoldArticle("a", "x" * 100, [
        GoldToponym(0, 5, "Paris", "2988507", 48.85, 2.35),
        GoldToponym(10, 15, "Texas", "4736286", 31.25, -99.25),
        GoldToponym(20, 25, "Moon", "", None, None),  # no point: recognition only
    ])


def test_resolution_scores_ids_distance_and_misses() -> None:
    article = _article()
    answers = [Prediction(0, 5, "geonames:2988507", 0.0, 0.0),  # same id: 0 km whatever our point
               Prediction(10, 15, "geonames:1", 33.5, -99.25)]  # 250 km off
    metrics = score_resolution([article], [answers + [None]])
    assert metrics["exact_gold"] == 50.0
    assert metrics["acc_161km_gold"] == 50.0 and metrics["acc_25km_gold"] == 50.0
    assert metrics["mean_error_km_gold"] == pytest.approx(125.1, abs=1.0)
    assert metrics["acc_161km_gold_points"] == 0.0
    assert error_km(article.toponyms[0], None) == UNRESOLVED_KM


def test_end_to_end_overlap_and_161km() -> None:
    article = _article()
    predicted = [
        Prediction(0, 3, "geonames:2988507", 48.85, 2.35),  # partial overlap counts
        Prediction(30, 35, "geonames:9", 0.0, 0.0),  # no gold there: a false positive
        Prediction(20, 25, "", None, None),
    ]
    metrics = score_end_to_end([article], [predicted])
    assert metrics["recognition_precision"] == pytest.approx(200 / 3)
    assert metrics["recognition_recall"] == pytest.approx(200 / 3)
    assert metrics["acc_161km_e2e"] == 50.0  # Paris within 161 km; Texas not recognized


def test_recall_without_demonyms() -> None:
    article = GoldArticle("a", "", [GoldToponym(0, 7, "Russian", adjective=True), GoldToponym(10, 14, "Kyiv")])
    metrics = score_end_to_end([article], [[Prediction(10, 14)]])
    assert metrics["recognition_recall"] == 50.0
    assert metrics["recognition_recall_no_demonyms"] == 100.0


def test_resolution_counts_geonames_toponyms_only() -> None:
    """GeoWebNews' toponyms with a map point but no GeoNames id are scored apart (Gritta's gwn_full.txt gold)."""
    article = _article()
    article.toponyms.append(GoldToponym(30, 40, "Main Street", "", 48.86, 2.35))
    answers = [Prediction(0, 5, "geonames:2988507", 48.85, 2.35), None, None, None]
    metrics = score_resolution([article], [answers], keep=lambda a, t: t == 0)
    assert metrics["toponyms_resolved"] == 2 and metrics["acc_161km_gold"] == 50.0
    assert metrics["acc_161km_gold_all_points"] == pytest.approx(100 / 3)
    assert metrics["acc_161km_gold_gpe_loc"] == 100.0 and metrics["toponyms_gpe_loc"] == 1


def test_gold_names_resolve_with_the_places_resolver() -> None:
    """Region cues are read from the raw text around the gold spans: "the Donetsk region" is the oblast."""
    text = "Shelling hit Kharkiv and the Donetsk region."
    article = GoldArticle("a", text, [GoldToponym(13, 20, "Kharkiv", "706483", 49.98, 36.25),
                                      GoldToponym(29, 36, "Donetsk", "709716", 48.0, 37.8)])
    ((kharkiv, donetsk),) = resolve_gold([article], Gazetteer.open(default_path()))
    assert kharkiv.place_id == "geonames:706483"
    assert (donetsk.place_id, text[donetsk.start : donetsk.end]) == ("geonames:709716", "Donetsk region")


def test_the_parse_cache_follows_its_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITROOM_EVAL_CACHE", str(tmp_path))
    assert eval_cache_dir() == tmp_path
    monkeypatch.delenv("SITROOM_EVAL_CACHE")
    assert eval_cache_dir() == Path("/tmp/sitroom-eval-cache")


def test_hash_halves_split_a_corpus_in_two(tmp_path: Path) -> None:
    """--split dev-half / test-half: the articles whose id's sha256 is even / odd, whatever their order."""
    from sitroom.eval.geo import hash_half

    articles = "".join(f'<article docid="{k}"><text>Paris</text><toponyms/></article>' for k in range(40))
    path = tmp_path / "lgl.xml"
    path.write_text(f"<articles>{articles}</articles>", encoding="utf-8")
    dev, test = read_corpus(path, "dev-half"), read_corpus(path, "test-half")
    assert len(dev) + len(test) == 40 and dev and test
    assert {a.id for a in dev}.isdisjoint(a.id for a in test)
    assert all(hash_half(a.id) == 0 for a in dev) and hash_half("0") == int(hashlib.sha256(b"0").hexdigest(), 16) % 2
