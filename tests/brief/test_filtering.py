"""Period and region: which clusters a report takes, and clear errors for requests it cannot answer."""

from __future__ import annotations

import pytest

from sitroom.brief import BriefError, BriefRequest, build


def _keys(store, *args, **kwargs) -> set[str]:
    briefing = build(store, BriefRequest(*args, **kwargs))
    return {i.key for s in briefing.sections for t in s.threads for i in t.items}


def test_the_period_takes_events_by_their_date_and_claims_by_theirs(ledger) -> None:
    assert _keys(ledger, "2024-10-01", "2024-10-31") == {"ev-strike", "ev-capture", "ev-evac", "cl-air"}
    assert _keys(ledger, "2024-09-01", "2024-09-01") == {"ev-old"}
    assert _keys(ledger, "2024-10-13", "2024-10-13") == {"ev-strike"}  # its claims come with it
    assert _keys(ledger, "2024-10-19", "2024-10-19") == {"ev-evac", "cl-air"}
    assert _keys(ledger, "2023-01-01", "2023-12-31") == set()


def test_a_claim_said_in_the_period_counts_when_reported_after_it(ledger) -> None:
    """The governor spoke on Sunday the 13th (said_on); the article is of the 14th. Without its event, the claim
    is the 13th's; with no lag its article is not read for the 13th."""
    from sitroom.config import BriefOptions

    ledger.put_clusters([], removed=["ev-strike"])
    assert "cl-strike" in _keys(ledger, "2024-10-13", "2024-10-13")
    assert "cl-strike" in _keys(ledger, "2024-10-14", "2024-10-14")  # the Kremlin's denial: its article's day
    assert "cl-strike" not in _keys(ledger, "2024-10-12", "2024-10-12")
    assert _keys(ledger, "2024-10-13", "2024-10-13", options=BriefOptions(report_lag_days=0)) == set()


def test_a_week_dated_event_meets_a_period_inside_that_week(ledger) -> None:
    old = ledger.cluster("ev-old")
    old.date, old.date_granularity = "2024-09-30", "week"
    ledger.put_clusters([old])
    assert "ev-old" in _keys(ledger, "2024-10-03", "2024-10-03")
    assert "ev-old" not in _keys(ledger, "2024-10-07", "2024-10-08")


def test_the_region_is_a_place_admin1_country_name_or_iso_code(ledger) -> None:
    assert _keys(ledger, "2024-10-01", "2024-10-31", region="kharkiv") == {"ev-strike", "ev-capture"}
    assert _keys(ledger, "2024-10-01", "2024-10-31", region="Vovchansk") == {"ev-capture"}
    assert _keys(ledger, "2024-10-01", "2024-10-31", region="Zaporizhzhia Oblast") == {"ev-evac"}
    assert _keys(ledger, "2024-10-01", "2024-10-31", region="UA") == {"ev-strike", "ev-capture", "ev-evac"}
    assert _keys(ledger, "2024-10-01", "2024-10-31", region="ukraine") == {"ev-strike", "ev-capture", "ev-evac"}
    assert _keys(ledger, "2024-10-01", "2024-10-31", region="Belgorod") == set()


def test_a_claim_with_no_event_is_in_the_region_its_words_name(ledger) -> None:
    ledger.put_clusters([], removed=["ev-strike"])  # the claim names Kharkiv in its words
    assert "cl-strike" in _keys(ledger, "2024-10-01", "2024-10-31", region="Kharkiv Oblast")
    assert "cl-strike" not in _keys(ledger, "2024-10-01", "2024-10-31", region="Zaporizhzhia")
    assert "cl-air" not in _keys(ledger, "2024-10-01", "2024-10-31", region="UA")  # it names no place


@pytest.mark.parametrize(("start", "end", "message"), [
    ("2024-10-31", "2024-10-01", "the period ends (2024-10-01) before it starts (2024-10-31)"),
    ("yesterday", "2024-10-01", "--from must be a date as YYYY-MM-DD, not 'yesterday'"),
    ("2024-10-01", "2024-02-30", "--to must be a date as YYYY-MM-DD, not '2024-02-30'"),
    ("2024-10", "2024-10-31", "--from must be a date as YYYY-MM-DD, not '2024-10'"),
])
def test_a_bad_period_is_one_clear_error(ledger, start, end, message) -> None:
    with pytest.raises(BriefError) as caught:
        build(ledger, BriefRequest(start, end))
    assert str(caught.value) == message


def test_a_bad_evidence_link_template_names_the_fields(ledger) -> None:
    from sitroom.config import BriefOptions

    with pytest.raises(BriefError, match=r"evidence_link .*\{article_id\}, \{start\}, \{end\} and \{sentence\}"):
        build(ledger, BriefRequest("2024-10-01", "2024-10-31", options=BriefOptions(evidence_link="/a/{nope}")))
