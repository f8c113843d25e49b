"""The news scorer (GUIDELINES.md's rules): offsets mapped back, claim and event matching, totals and counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.eval.news import (
    ArticleScore, ClaimOutcome, GoldClaim, GoldEvent, PredictedClaim, PredictedEvent, PredictedPlace, article_metrics,
    claim_error, content_matches, date_agrees, error_kinds, error_lines, metrics, names_source, original_offsets, place_agrees, run,
    score_claims, score_events, to_original, type_agrees,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
NEWS = SHARED / "eval" / "news"
needs_news = pytest.mark.skipif(not NEWS.exists(), reason=f"hand-coded news set not found at {NEWS}")

# --- offsets ---------------------------------------------------------------------------------------------------


def test_offsets_follow_the_cleaners_segments() -> None:
    original = "  Alpha one.\nSEE ALSO: elsewhere\n\nBeta two."
    clean = "Alpha one.\n\nBeta two."
    segments = [[0, 2, 10], [12, original.index("Beta"), 9]]
    offsets = original_offsets(clean, original, segments)
    beta = clean.index("Beta")
    assert original[slice(*to_original((beta, beta + 8), offsets))] == "Beta two"
    assert original[slice(*to_original((0, 5), offsets))] == "Alpha"


def test_offsets_align_characters_when_the_text_itself_changed() -> None:
    """Decoding repaired a character before cleaning: the segments no longer fit, the strings are aligned."""
    original = "He said donâ€™t go.\nPROMO\nShe left at noon."
    clean = "He said don’t go.\nShe left at noon."
    offsets = original_offsets(clean, original, [[0, 0, 17], [18, 27, 17]])
    noon = clean.index("noon")
    assert original[slice(*to_original((noon, noon + 4), offsets))] == "noon"
    said = clean.index("said")
    assert original[slice(*to_original((said, said + 4), offsets))] == "said"


def test_offsets_are_the_identity_when_nothing_was_cleaned() -> None:
    text = "Nothing changed here."
    assert original_offsets(text, text, None) == list(range(len(text) + 1))


# --- claims ----------------------------------------------------------------------------------------------------


def gold_claim(source: str = "Olena Petrenko", span: tuple[int, int] = (10, 30), stance: str = "assert",
               aliases: tuple[str, ...] = (), kind: str = "person") -> GoldClaim:
    return GoldClaim("C1", source, span, stance, list(aliases), kind)


def test_content_matches_at_half_of_the_shorter_span() -> None:
    assert content_matches((0, 10), (5, 40))  # 5 shared of the shorter 10
    assert not content_matches((0, 10), (6, 40))
    assert not content_matches((0, 10), (10, 20))


@pytest.mark.parametrize(("predicted", "right"), [
    ("Olena Petrenko", True), ("olena petrenko", True), ("Petrenko", True), ("Minister Petrenko", True),
    ("Olena", False), (None, False), ("", False), ("the ministry", True), ("Ministry", True),
    ("the spokeswoman", False),  # an alias's last word is no surname
])
def test_names_source(predicted: str | None, right: bool) -> None:
    gold = gold_claim(aliases=("the ministry", "the Petrenko spokeswoman office"))
    assert names_source(predicted, gold) is right


def test_surname_rule_is_for_people_only_and_leading_articles_are_ignored() -> None:
    media = gold_claim("Northern state media", kind="media")
    assert not names_source("Southern state media", media)
    assert names_source("A US defence official", gold_claim("a US defence official", kind="anonymous"))


def test_an_actors_other_names_count() -> None:
    gold = gold_claim("Freedonia", kind="government")
    assert names_source("Government of Freedonia", gold, ["Freedonia", "Freedonians"])
    assert not names_source("Government of Freedonia", gold)


TEXT = "Intro. The mayor said the bridge over the river fell down. Police denied that anyone was hurt."


def span_of(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_claims_are_matched_one_to_one_and_correct_pairs_first() -> None:
    bridge = span_of("the bridge over the river fell down")
    hurt = span_of("anyone was hurt")
    gold = [gold_claim("Anna Kovalenko", bridge), gold_claim("police", hurt, "deny", kind="military")]
    predicted = [
        PredictedClaim("C1", "Someone Else", span_of("the bridge over the river fell")),  # matches, source wrong
        PredictedClaim("C2", "Mayor Kovalenko", span_of("the bridge over the river fell down.")),  # correct
        PredictedClaim("C3", "Police", hurt, "assert"),  # matches, stance wrong
    ]
    score = score_claims(predicted, gold, TEXT)
    assert [o.correct for o in score.outcomes] == [False, True, False]
    assert score.outcomes[0].gold is None  # the correct prediction took C1's gold claim
    assert not score.outcomes[2].stance_right and score.outcomes[2].source_right
    assert score.correct == 1 and score.matched == 2 and score.missed == []
    assert score.exact == 2  # "fell down." trims to the gold span; "anyone was hurt" is equal


def test_claim_error_kinds() -> None:
    gold = [gold_claim("Anna Kovalenko", span_of("the bridge over the river fell down"))]
    pronoun = ClaimOutcome(PredictedClaim("C1", "he", gold[0].content), gold[0])
    wrong = ClaimOutcome(PredictedClaim("C2", "Boris Other", gold[0].content), gold[0])
    stance = ClaimOutcome(PredictedClaim("C3", "Kovalenko", gold[0].content, "deny"), gold[0], source_right=True)
    duplicate = ClaimOutcome(PredictedClaim("C4", "Kovalenko", span_of("the bridge over the river")))
    short = ClaimOutcome(PredictedClaim("C5", "Kovalenko", span_of("mayor said the")))
    stray = ClaimOutcome(PredictedClaim("C6", "Police", span_of("Intro")))
    kinds = [claim_error(o, gold) for o in (pronoun, wrong, stance, duplicate, short, stray)]
    assert kinds == ["source not resolved", "source wrong", "stance wrong", "duplicate", "content too short",
                     "not an attribution"]


# --- events ----------------------------------------------------------------------------------------------------


def gold_event(**fields: object) -> GoldEvent:
    values: dict = {"id": "E1", "evidence": (0, 20), "sub_event_type": "Shelling/artillery/missile attack",
                    "plover": "ASSAULT", "location": "Testville", "lat": 50.0, "lon": 30.0, "precision": "exact",
                    "date": "2024-05-10", "date_end": None, "fatalities": 2}
    values.update(fields)
    return GoldEvent(**values)


def test_type_is_the_sub_type_else_plover() -> None:
    shelling = PredictedEvent("E1", (0, 5), "Shelling/artillery/missile attack", "ASSAULT")
    clash = PredictedEvent("E2", (0, 5), "Armed clash", "ASSAULT")
    assert type_agrees(shelling, gold_event()) and not type_agrees(clash, gold_event())
    assert type_agrees(clash, gold_event(sub_event_type=None))  # PLOVER decides
    assert not type_agrees(clash, gold_event(sub_event_type=None, plover=None))
    assert type_agrees(PredictedEvent("E3", (0, 5)), gold_event(sub_event_type=None, plover=None))


def test_an_evacuation_has_no_acled_type() -> None:
    """GUIDELINES.md: "Evacuations and displacement: acled_event_type null, plover null". sitroom types them
    Displacement/"Evacuation", which is none of ACLED's 25 sub-types, so it agrees with the gold's neither, and
    never with a gold ACLED sub-type."""
    evacuation = PredictedEvent("E4", (0, 5), "Evacuation", "")
    assert type_agrees(evacuation, gold_event(sub_event_type=None, plover=None))
    assert not type_agrees(evacuation, gold_event())
    assert not type_agrees(PredictedEvent("E5", (0, 5), "Evacuation", "AID"), gold_event(sub_event_type=None,
                                                                                         plover=None))


def test_place_within_25_km_or_the_same_region_at_its_precision() -> None:
    near = PredictedPlace("Nearby", "exact", 50.1, 30.1)  # about 13 km away
    far = PredictedPlace("Faraway", "exact", 50.5, 30.0)  # about 56 km
    assert place_agrees(near, gold_event()) and not place_agrees(far, gold_event())
    region = gold_event(location="Testland Oblast", precision="admin1", lat=48.0, lon=37.0)
    assert place_agrees(PredictedPlace("Testland Oblast", "admin1", 48.9, 37.9), region)
    assert place_agrees(PredictedPlace("Testlandska", "admin1", 48.9, 37.9, names=["Testland"]), region)
    assert not place_agrees(PredictedPlace("Testland Oblast", "exact", 48.9, 37.9), region)
    country = gold_event(location="Freedonia (its northern ports)", precision="country", lat=10.0, lon=10.0)
    assert place_agrees(PredictedPlace("Freedonia", "country", 11.0, 11.0), country)
    assert not place_agrees(None, country)
    assert place_agrees(None, gold_event(location=None, lat=None, lon=None, precision=None))
    assert not place_agrees(near, gold_event(location=None, lat=None, lon=None, precision=None))


def test_date_within_the_gold_day_or_span() -> None:
    span = gold_event(date="2024-05-10", date_end="2024-05-12")
    assert date_agrees(("2024-05-11", "2024-05-11"), span)
    assert not date_agrees(("2024-05-01", "2024-05-31"), span)  # a month is not within three days
    assert date_agrees(("2024-05-10", "2024-05-10"), gold_event())
    assert not date_agrees(None, gold_event())
    assert date_agrees(None, gold_event(date=None)) and not date_agrees(("2024-05-10", "2024-05-10"),
                                                                        gold_event(date=None))


def right_event(name: str, span: tuple[int, int], fatalities: int | None = 2) -> PredictedEvent:
    return PredictedEvent(name, span, "Shelling/artillery/missile attack", "ASSAULT",
                          PredictedPlace("Testville", "exact", 50.0, 30.0), ("2024-05-10", "2024-05-10"), fatalities)


def test_duplicates_count_wrong_and_the_correct_prediction_takes_the_gold() -> None:
    wrong_type = PredictedEvent("E1", (0, 10), "Armed clash", "ASSAULT",
                                PredictedPlace("Testville", "exact", 50.0, 30.0), ("2024-05-10", "2024-05-10"))
    score = score_events([wrong_type, right_event("E2", (5, 15)), right_event("E3", (100, 120))],
                         [gold_event(), gold_event(id="E2", evidence=(200, 220))])
    assert [o.correct for o in score.outcomes] == [False, True, False]
    assert score.outcomes[0].duplicate and score.outcomes[2].gold is None
    assert score.correct == 1 and score.matched == 1 and score.duplicates == 1
    assert [g.id for g in score.missed] == ["E2"]
    assert score.fatalities_right == 1


def test_totals_add_the_articles_counts() -> None:
    claims = score_claims([PredictedClaim("C1", "Petrenko", (10, 30))], [gold_claim(), gold_claim(span=(50, 60))],
                          "x" * 80)
    events = score_events([right_event("E1", (0, 5), fatalities=None)], [gold_event()])
    article = ArticleScore("a1", "x" * 80, claims, events, 2, 1)
    totals = article_metrics([article, article])
    assert totals["claims_correct"] == 2 and totals["claims_predicted"] == 2 and totals["claims_gold"] == 4
    assert totals["claim_precision"] == 100.0 and totals["claim_recall"] == 50.0
    assert totals["events_correct"] == 2 and totals["event_fatalities_share"] == 0.0


# --- the real set ----------------------------------------------------------------------------------------------


@needs_news
@pytest.mark.shared
def test_the_news_set_totals_are_the_sum_of_its_articles() -> None:
    scored = run(NEWS)
    figures = metrics(scored)
    assert figures["articles"] == 24 and figures["failed_articles"] == 0
    assert figures["claims_gold"] == 335 and figures["events_gold"] == 92  # README.md's counts
    for key in ("claims_predicted", "claims_correct", "claims_matched", "claims_content_exact", "events_predicted",
                "events_correct", "events_matched", "events_duplicates"):
        assert figures[key] == sum(row[key] for row in figures["per_article"].values()), key
    assert figures["claims_correct"] <= figures["claims_matched"] <= figures["claims_predicted"]
    assert figures["events_correct"] + figures["events_duplicates"] <= figures["events_predicted"]
    assert figures["claim_precision"] == round(100 * figures["claims_correct"] / figures["claims_predicted"], 2)
    missed = sum(len(a.claims.missed) for a in scored.articles)
    assert missed == figures["claims_gold"] - figures["claims_matched"]
    kinds = error_kinds(scored)
    assert kinds.pop("gold claim missed") == missed
    assert sum(kinds.values()) == figures["claims_predicted"] - figures["claims_correct"]
    assert sum(line.startswith("== ") for line in error_lines(scored)) == figures["articles"]


@needs_news
@pytest.mark.shared
def test_eval_news_command_prints_json() -> None:
    result = CliRunner().invoke(app, ["eval", "news", "--gold", str(NEWS), "--profile", "fast", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["profile"] == "fast" and set(figures["per_article"]) and figures["claim_f1"] > 0


def test_a_gold_claim_with_no_named_source_is_named_by_no_prediction() -> None:
    unnamed = GoldClaim("C1", None, (10, 30), "assert", [], "unnamed")  # type: ignore[arg-type]
    assert not names_source("Olena Petrenko", unnamed)
