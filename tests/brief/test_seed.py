"""Acceptance (issue 17): the seed article through the real pipeline (ingest, extract, fuse) into a temporary
store; its briefing, in markdown and in HTML, says how each of the seed's disputed statements stands."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from sitroom.brief import BriefRequest, build, render
from sitroom.brief.briefing import Briefing, Item
from sitroom.config import Config

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "eval" / "seed" / "article.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"
pytestmark = [pytest.mark.shared, pytest.mark.skipif(
    not SEED.exists() or not SEED_GOLD.exists(), reason=f"the seed article and its gold are not at {SEED.parent}")]
PERIOD = BriefRequest("2024-10-01", "2024-10-20")


def seed_store(path, profile: str = "fast"):
    """The seed ingested with the outlet its gold names (the text carries none), extracted with ``profile``
    and fused, as `sitroom run` does."""
    from sitroom.ingest import read_paths
    from sitroom.run.batch import fuse_store, ingest_items
    from sitroom.run.local import Extraction
    from sitroom.store import open_store

    config = Config()
    config.nlp.profile = profile
    outlet = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["document"]["outlet"]
    items = list(read_paths([SEED], config.ingest))
    for item in items:
        item.outlet = item.outlet or outlet
    store = open_store(str(path))
    ingest_items(store, items, config, "seed")
    Extraction(store, config).run()
    fuse_store(store, config.fuse)
    return store


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[Briefing, str, str]:
    store = seed_store(tmp_path_factory.mktemp("seed") / "seed.db")
    with store:
        briefing = build(store, PERIOD)
    return briefing, render(briefing, "md"), html.unescape(re.sub(r"<[^>]+>", "", render(briefing, "html")))


def _items(briefing: Briefing) -> list[Item]:
    return [i for s in briefing.sections for t in s.threads for i in t.items]


def _claim(briefing: Briefing, words: str):
    return next((i, c) for i in _items(briefing) for c in i.claims if any(words in a.content.quote
                                                                         for a in c.attributions))


def _line_with(text: str, *words: str) -> str:
    found = [line for line in text.splitlines() if all(w in line for w in words)]
    assert found, f"no line with {words}"
    return found[0]


def test_north_korean_troops_asserted_by_zelenskiy_reported_by_isw_no_comment_from_the_kremlin(seed) -> None:
    briefing, md, page = seed
    item, claim = _claim(briefing, "North Korea has sent soldiers and weapons to Russia")
    speakers = {(a.source, a.stance) for a in claim.attributions}
    assert ("Volodymyr Zelenskiy", "assert") in speakers and ("Government of Russia", "no_comment") in speakers
    assert claim.standing.startswith("asserted by Volodymyr Zelenskiy")
    assert "no comment from Government of Russia (as “The Kremlin”)" in claim.standing
    # ISW's report of North Korean troops is the same proposition (fusion's concept rule): one claim, asserted by
    # both, corroborated by two independent sources, in the same thread of the same topic.
    isw_item, isw = _claim(briefing, "several thousand North Korean troops had arrived in Russia")
    assert (isw_item.topic, isw_item.thread) == (item.topic, item.thread) == ("aid_diplomacy",
                                                                            "Government of North Korea")
    assert isw.standing.startswith("asserted by Volodymyr Zelenskiy, Institute for the Study of War")
    assert isw.standing.endswith("corroborated by 2 independent sources")
    for text in (md, page):
        line = _line_with(text, "Volodymyr Zelenskiy", "no comment from Government of Russia (as “The Kremlin”)")
        assert "unverified" in line
        assert "No comment from Government of Russia (as “The Kremlin”) (“has not commented on”)" in text
        assert _line_with(text, "Asserted by Institute for the Study of War", "several thousand North Korean troops")


def test_shells_and_missiles_denied_by_the_kremlin(seed) -> None:
    briefing, md, page = seed
    _, claim = _claim(briefing, "artillery shells and short-range missiles")
    assert claim.status == "denied" and claim.in_dispute
    assert claim.standing == ("asserted by South Korean intelligence service;"
                              " denied by Government of Russia (as “The Kremlin”)")
    for text in (md, page):
        assert "Denied by Government of Russia (as “The Kremlin”) (“has dismissed”)" in text


def test_strike_on_north_korean_personnel_unverified(seed) -> None:
    briefing, md, page = seed
    item, claim = _claim(briefing, "six North Korean military personnel were killed")
    assert "unverified" in claim.standing and item.event is not None and "unverified" in item.event.standing
    assert item.topic == "strikes" and item.thread == "Donetsk Oblast"
    assert [c.citation.quote for a in claim.attributions for c in a.checks] == ["could not be independently verified"]
    for text in (md, page):
        assert "unverified: “could not be independently verified”" in text


def test_capture_of_mykhaylivka_is_russia_s_claim(seed) -> None:
    briefing, md, page = seed
    item = next(i for i in _items(briefing) if i.event and i.event.place == "Mykhaylivka")
    assert item.topic == "front_line" and item.event.territory_change == "captured"
    assert item.event.standing == "claimed by Government of Russia"
    (claim,) = item.claims
    (said,) = claim.attributions
    assert (said.source, said.cue, said.said_on) == ("Government of Russia", "claimed", "2024-10-13")
    for text in (md, page):
        assert _line_with(text, "Mykhaylivka", "territory: captured — claimed by Government of Russia")


def test_evacuation_figures_keep_their_hedges(seed) -> None:
    briefing, md, page = seed
    item = next(i for i in _items(briefing) if i.event and i.event.sub_event_type == "Evacuation")
    figures = {(f.words, f.approximator, f.unit) for r in item.event.reports for f in r.figures}
    assert figures == {("some 30,415", "some", "people"), ("nearly 8,000", "nearly", "children")}
    for text in (md, page):
        assert "evacuated: some 30,415 people (civilians) (approximate, “some”)" in text
        assert "evacuated: nearly 8,000 children (civilians) (approximate, “nearly”)" in text
        assert "nearly 1,000 temporary accommodations (approximate, “nearly”)" in text


def test_every_line_cites_the_outlet_and_the_article(seed) -> None:
    briefing, md, _ = seed
    (source,) = briefing.sources
    assert source.outlet == "RFE/RL" and source.published == "2024-10-14" and source.published_inferred
    quoting = [line for line in md.splitlines() if "“" in line and line.lstrip().startswith("- ")]
    cited = [line for line in quoting if not line.lstrip().startswith(("- **", "- `"))]  # not headings, sources
    assert cited and all(f"RFE/RL · {source.article_id} · sentence " in line for line in cited)
