"""Event confidence in the briefing: below [brief] min_event_confidence an event is marked low confidence and ranked
after the others of as many independent sources, or left out ("omit", its claims then standing alone); the
markdown and the HTML print it; a store from before events were scored reads as it did."""

from __future__ import annotations

import dataclasses

import pytest
from brief_ledger import clusters, kyiv_record, old_record, wire_record

from sitroom.brief import BriefError, BriefRequest, build, render
from sitroom.brief.briefing import Briefing, Item
from sitroom.config import BriefOptions
from sitroom.store import SQLiteStore


def _items(briefing: Briefing) -> dict[str, Item]:
    return {i.key: i for s in briefing.sections for t in s.threads for i in t.items}


def _store(tmp_path, scored: bool = True) -> SQLiteStore:
    """The hand-made ledger with the strike at 0.85, the capture at 0.45 and the evacuation's cluster unscored
    (stored before fusion scored clusters) while its one report is at 0.5."""
    kyiv, wire, old = kyiv_record(), wire_record(), old_record()
    if scored:
        kyiv.events[0].confidence, kyiv.events[1].confidence, wire.events[0].confidence = 0.85, 0.45, 0.5
    cluster_confidence = {"ev-strike": 0.85, "ev-capture": 0.45} if scored else {}
    made = [dataclasses.replace(c, confidence=cluster_confidence.get(c.id)) for c in clusters(kyiv, wire, old)]
    store = SQLiteStore(str(tmp_path / "brief.db"))
    store.add_batch([r.article for r in (kyiv, wire, old)], "test")
    store.put_records([kyiv, wire, old], "test")
    store.put_clusters(made)
    return store


def _request(**options) -> BriefRequest:
    return BriefRequest("2024-10-01", "2024-10-31", options=BriefOptions(**options))


def test_events_below_the_threshold_are_marked_and_ranked_after_the_others(tmp_path) -> None:
    with _store(tmp_path) as store:
        briefing = build(store, _request())
    items = _items(briefing)
    assert (items["ev-strike"].event.confidence, items["ev-capture"].event.confidence) == (0.85, 0.45)
    assert items["ev-evac"].event.confidence == 0.5  # taken from its member where the cluster has none
    assert [k for k, i in sorted(items.items()) if i.low_confidence] == ["ev-capture", "ev-evac"]
    assert briefing.low_confidence == 2 and briefing.event_clusters == 3
    # All of one independent source: the strike (3 reports), the claim (1), then the two low ones, the higher first
    # (without the mark the capture and the evacuation, 2 reports each, would come before the claim).
    assert [p.key for p in briefing.key_developments] == ["ev-strike", "cl-air", "ev-evac", "ev-capture"]


def test_a_lower_threshold_marks_fewer(tmp_path) -> None:
    with _store(tmp_path) as store:
        briefing = build(store, _request(min_event_confidence=0.5))
    assert [k for k, i in sorted(_items(briefing).items()) if i.low_confidence] == ["ev-capture"]
    assert [p.key for p in briefing.key_developments][:3] == ["ev-strike", "ev-evac", "cl-air"]


def test_omit_leaves_them_out_and_their_claims_stand_alone(tmp_path) -> None:
    with _store(tmp_path) as store:
        briefing = build(store, _request(low_confidence_events="omit"))
    items = _items(briefing)
    assert set(items) == {"ev-strike", "cl-air", "cl-capture", "cl-evac"}
    assert items["cl-capture"].event is None and briefing.event_clusters == 1 and briefing.low_confidence == 2
    markdown = render(briefing, "md")
    assert "2 events of a confidence below 0.6 (\\[brief\\] min\\_event\\_confidence) left out" in markdown


def test_markdown_and_html_show_each_event_s_confidence_and_the_mark(tmp_path) -> None:
    with _store(tmp_path) as store:
        briefing = build(store, _request())
    markdown, html = render(briefing, "md"), render(briefing, "html")
    for text in (markdown, html):
        assert "1 independent source reports it, 1 report · confidence 0.85" in text
        assert "LOW CONFIDENCE 0.45" in text and "LOW CONFIDENCE 0.50" in text
        assert "marked LOW CONFIDENCE and ranked after the others" in text
    assert html.count('class="item low-confidence"') == 2


def test_a_store_from_before_events_were_scored_marks_nothing(tmp_path) -> None:
    with _store(tmp_path, scored=False) as store:
        briefing = build(store, _request())
    assert all(i.event is None or i.event.confidence is None for i in _items(briefing).values())
    assert briefing.low_confidence == 0
    markdown = render(briefing, "md")
    assert "confidence 0." not in markdown and "LOW CONFIDENCE" not in markdown


@pytest.mark.parametrize(("options", "message"), [
    ({"low_confidence_events": "hide"}, "low_confidence_events must be one of mark, omit, not 'hide'"),
    ({"min_event_confidence": 1.5}, "min_event_confidence must lie between 0 and 1, not 1.5"),
])
def test_a_bad_setting_is_named(tmp_path, options, message) -> None:
    with _store(tmp_path) as store, pytest.raises(BriefError, match=message):
        build(store, _request(**options))


def test_the_cli_overrides_the_threshold_and_the_choice(tmp_path) -> None:
    from typer.testing import CliRunner

    from sitroom.cli.app import app

    _store(tmp_path).close()
    db, out = str(tmp_path / "brief.db"), tmp_path / "brief.md"
    args = ["brief", "--db", db, "--from", "2024-10-01", "--to", "2024-10-31", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0 and "3 events (2 low confidence marked)" in result.output, result.output
    result = CliRunner().invoke(app, [*args, "--min-confidence", "0.5", "--low-confidence", "omit"])
    assert result.exit_code == 0 and "2 events (1 low confidence left out)" in result.output, result.output
    assert "ev-capture" not in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, [*args, "--low-confidence", "hide"])
    assert result.exit_code != 0 and "must be one of mark, omit" in result.output
