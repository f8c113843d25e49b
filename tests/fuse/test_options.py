"""Fusion's limits are the [fuse] table of the one Config: the match score's weights reach the score, and a limit
that would break it is refused when the file is read."""

from __future__ import annotations

import pytest

from sitroom.config import ConfigError, FuseOptions, load_config
from sitroom.fuse.events import EventMention, match_score


def _mention(member: str, actors: set[str], words: set[str]) -> EventMention:
    return EventMention(member=member, article_id=member, kind="CONSULT", day=1, date="2022-03-30", date_rank=1,
                        actors=frozenset(actors), words=frozenset(words))


def test_the_weights_are_options() -> None:
    a = _mention("a", {"biden", "zelenskyy"}, {"spoke", "president", "ukraine", "assistance", "today"})
    b = _mention("b", {"biden", "zelenskyy"}, {"conversation", "phone", "hour", "president", "joseph"})
    default = match_score(a, b)
    assert 0.5 < default < 1.0
    assert match_score(a, b, FuseOptions(text_weight=0.0)) == 1.0  # the actors alone: both the same
    assert match_score(a, b, FuseOptions(actor_weight=0.0)) < default


def test_a_limit_below_its_minimum_is_refused(tmp_path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[fuse]\nmin_words = 0\nactor_weight = 0.6\n")
    with pytest.raises(ConfigError, match="min_words"):
        load_config(path)
    path.write_text("[fuse]\nactor_weight = 0.6\nclaim_num_perm = 64\n")
    assert load_config(path).fuse.actor_weight == 0.6 and load_config(path).fuse.claim_num_perm == 64


def test_a_call_is_not_kept_apart_by_the_countries_its_readouts_name() -> None:
    from sitroom.fuse.events import places_agree

    white_house = _mention("a", {"biden", "zelenskyy"}, {"spoke", "president", "ukraine"})
    kyiv = _mention("b", {"biden", "zelenskyy"}, {"conversation", "president", "united", "states"})
    white_house.country, white_house.place_rank = "UA", 4  # "of Ukraine": a country, not where it happened
    kyiv.country, kyiv.place_rank = "US", 4
    assert places_agree(white_house, kyiv, FuseOptions())
    white_house.kind = kyiv.kind = "violence"  # a strike in Russia is not a strike in Ukraine
    assert not places_agree(white_house, kyiv, FuseOptions())


def test_words_alone_do_not_make_one_meeting_of_a_report_with_parties_and_one_without() -> None:
    words = {"meeting", "munich", "security", "conference", "president", "zelenskyy"}
    named, unnamed = _mention("a", {"zelenskyy"}, words), _mention("b", set(), words)
    assert match_score(named, unnamed) < FuseOptions().event_threshold
    named.kind = unnamed.kind = "violence"  # an attacker the extractor did not name is only missing
    assert match_score(named, unnamed) == 1.0
