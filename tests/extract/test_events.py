"""sitroom_events: typing, status, casualties and multi-place events on made-up sentences, and the seed record."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path

import pytest

from sitroom.model import Event

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = REPO / "tests" / "fixtures" / "seed" / "article.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"

UPSTREAM = ["sitroom_times", "sitroom_quantities", "sitroom_places", "sitroom_actors", "sitroom_claims"]


@pytest.fixture(scope="module")
def nlp_events():
    """The model with only the events component: the other components are absent, so the fallbacks run."""
    from sitroom.config import NlpOptions
    from sitroom.nlp import load_pipeline

    return load_pipeline(NlpOptions(pipeline=["sitroom_events"]))


def events_of(nlp, text: str):
    doc = nlp(text)
    return doc, doc._.events


def actor(doc, actor_id):
    return next(a for a in doc._.actors if a.id == actor_id)


def test_shelling_with_casualties_is_acled_coded(nlp_events) -> None:
    doc, events = events_of(nlp_events, "Russian shelling killed three civilians in the Kharkiv region on Monday.")
    assert len(events) == 1
    event = events[0]
    assert event.event_type == "Explosions/Remote violence"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.plover_category == "ASSAULT"
    a1 = actor(doc, event.actor1)
    assert a1.name == "Military Forces of Russia" and a1.inter_code == 1
    (casualty,) = event.casualties
    assert casualty.kind == "killed" and casualty.victims == "civilians"
    quantity = next(q for q in doc._.quantities if q.id == casualty.quantity)
    assert quantity.value == 3
    assert actor(doc, event.actor2).inter_code == 7


@pytest.fixture(scope="module")
def nlp_places():
    """Events with the places component, which resolves region names the NER fallback misses."""
    pytest.importorskip("sitroom.extract.places", reason="places component not importable yet")
    from sitroom.config import NlpOptions
    from sitroom.nlp import load_pipeline

    try:
        return load_pipeline(NlpOptions(pipeline=["sitroom_places", "sitroom_events"]))
    except Exception as error:  # the gazetteer may not be built on this machine
        pytest.skip(f"places component cannot load: {error}")


def test_several_regions_stay_one_event_with_unsplit_casualties(nlp_places) -> None:
    doc, events = events_of(
        nlp_places, "Two people were killed in Russian attacks in the Donetsk, Kharkiv, and Kherson regions."
    )
    assert len(events) == 1
    places = {p.id: p for p in doc._.places}
    assert [places[p].evidence.text for p in events[0].places] == ["Donetsk", "Kharkiv", "Kherson"]
    assert all(places[p].precision == "admin1" for p in events[0].places)
    assert [c.kind for c in events[0].casualties] == ["killed"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The president is set to visit Poland on Friday.", "planned"),
        ("The president's visit was to have taken place in Warsaw on May 3.", "canceled"),
        ("Russian troops have been trying to capture Avdiivka.", "ongoing"),
        ("Russian troops captured the village of Robotyne on Monday.", "occurred"),
        ("Russian troops are advancing on Pokrovsk.", "ongoing"),
        ("Russian troops were advancing on Pokrovsk when the storm hit.", "occurred"),
    ],
)
def test_status_cues(nlp_events, text: str, status: str) -> None:
    _, events = events_of(nlp_events, text)
    assert [e.status for e in events] == [status]


def test_events_in_an_imagined_scene_are_hypothetical(nlp_events) -> None:
    text = ("Imagine that at four in the morning each of you hears explosions. They blockade the city of Lviv.\n\n"
            "Russian troops shelled Kharkiv on Monday. You can imagine how hard it is.")
    _, events = events_of(nlp_events, text)
    assert [(e.trigger.text, e.status) for e in events] == [("blockade", "hypothetical"), ("shelled", "occurred")]


@pytest.mark.parametrize(
    "text",
    [
        "If the world had imposed sanctions against Russia before the invasion, the war would have been shorter.",
        "Without the support of Belarus, Russia would have attacked Kyiv in a week.",
    ],
)
def test_conditional_and_counterfactual_events_are_hypothetical(nlp_events, text: str) -> None:
    _, events = events_of(nlp_events, text)
    assert events and {e.status for e in events} == {"hypothetical"}


def test_capturing_civilians_is_an_abduction(nlp_events) -> None:
    _, events = events_of(nlp_events, "Russian troops captured dozens of civilians in Bucha on Monday.")
    assert [(e.sub_event_type, e.territory_change) for e in events] == [("Abduction/forced disappearance", "")]


@pytest.mark.parametrize(("text", "victims"), [
    ("A Russian missile strike killed two journalists in Kramatorsk.", "civilians"),
    ("Russian shelling killed a Ukrainian paratrooper near Bakhmut.", "military"),
])
def test_victims_by_occupation(nlp_events, text: str, victims: str) -> None:
    _, events = events_of(nlp_events, text)
    assert [c.victims for e in events for c in e.casualties] == [victims]


def test_a_place_after_the_attacker_is_not_its_nationality(nlp_events) -> None:
    doc, events = events_of(nlp_events, "The photographer was killed by the occupiers in the Kyiv region.")
    assert [e.actor1 for e in events] == [None]


def test_capture_is_a_territory_change(nlp_events) -> None:
    _, events = events_of(nlp_events, "Russian troops captured the village of Robotyne on Monday.")
    assert events[0].event_type == "Battles" and events[0].territory_change == "captured"


def test_evacuation_counts_people_with_hedge(nlp_events) -> None:
    doc, events = events_of(nlp_events, "Officials evacuated some 2,000 people from the border area on Sunday.")
    (event,) = events
    assert event.event_type == "Displacement" and event.sub_event_type == "Evacuation"
    (casualty,) = event.casualties
    quantity = next(q for q in doc._.quantities if q.id == casualty.quantity)
    assert casualty.kind == "evacuated" and quantity.value == 2000 and quantity.approximator == "some"


def test_visit_to_ask_for_help_is_a_request(nlp_events) -> None:
    _, events = events_of(nlp_events, "The minister visited Paris last week to ask allies for more air defence.")
    assert [e.plover_category for e in events] == ["REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        "The army did not attack the city.",  # negated
        "Speculation has grown almost a year after the invasion was launched.",  # background clause
        "The reports are about transferring weapons.",  # a topic, not an act
        "Do you intend to invade Ukraine on Monday?",  # a question
        "We must fight the invaders in Kharkiv today.",  # a duty, not a reported act
        "The army does not want to attack Kyiv.",  # negated governor
        "There is no direct fighting in the city now.",  # a denied nominal act
    ],
)
def test_no_event(nlp_events, text: str) -> None:
    assert events_of(nlp_events, text)[1] == []


def test_military_aid_mode(nlp_events) -> None:
    _, events = events_of(nlp_events, "North Korea has sent soldiers and weapons to Russia.")
    assert [(e.plover_category, e.plover_mode) for e in events] == [("AID", "military")]


# --- the seed acceptance: the 13 events of gold.json -------------------------------------------------------


def _missing_upstream() -> list[str]:
    from sitroom.nlp import COMPONENT_MODULES

    missing = []
    for name in UPSTREAM:
        try:
            importlib.import_module(COMPONENT_MODULES[name])
        except ImportError:
            missing.append(name)
    return missing


@pytest.fixture(scope="module")
def seed_doc():
    if not SHARED.exists():
        pytest.skip(f"evaluation data not found at {SHARED}")
    missing = _missing_upstream()
    if missing:
        pytest.skip(f"seed acceptance needs the full pipeline; not importable yet: {', '.join(missing)}")
    from sitroom.config import NlpOptions
    from sitroom.nlp import load_pipeline

    nlp = load_pipeline(NlpOptions(pipeline=UPSTREAM + ["sitroom_events"]))
    doc = nlp.make_doc(SEED_ARTICLE.read_text(encoding="utf-8"))
    doc._.article_id = "seed"
    doc._.published = dt.date(2024, 10, 14)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def _gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def _match(events: list[Event], span: list[int]) -> Event | None:
    """The event whose evidence overlaps the gold evidence span most."""
    best, best_overlap = None, 0
    for event in events:
        overlap = min(event.evidence.end, span[1]) - max(event.evidence.start, span[0])
        if overlap > best_overlap:
            best, best_overlap = event, overlap
    return best


def test_seed_events(seed_doc) -> None:
    gold = _gold()
    doc = seed_doc
    events = doc._.events
    actors = {a.id: a for a in doc._.actors}
    places = {p.id: p for p in doc._.places}
    times = {t.id: t for t in doc._.times}
    quantities = {q.id: q for q in doc._.quantities}
    claims = {c.id: c for c in doc._.claims}
    gold_claims = {c["id"]: c for c in gold["claims"]}
    countries = {"Russia": "RU", "Ukraine": "UA", "North Korea": "KP"}
    problems = []
    for g in gold["events"]:
        e = _match(events, g["evidence_span"])
        if e is None:
            problems.append(f"{g['id']}: not found")
            continue
        if "acled_event_type" in g and e.event_type != g["acled_event_type"]:
            problems.append(f"{g['id']}: event type {e.event_type!r}")
        if "acled_sub_event_type" in g and e.sub_event_type != g["acled_sub_event_type"]:
            problems.append(f"{g['id']}: sub-event type {e.sub_event_type!r}")
        if "plover" in g and e.plover_category != g["plover"]:
            problems.append(f"{g['id']}: PLOVER {e.plover_category!r}")
        if g.get("category") == "displacement" and e.event_type != "Displacement":
            problems.append(f"{g['id']}: not displacement")
        if "actor1" in g:
            a1 = actors.get(e.actor1)
            want = countries.get(g["actor1"])
            ok = a1 is not None and (a1.country == want if want else g["actor1"].split()[-1] in a1.name)
            if not ok:
                problems.append(f"{g['id']}: actor1 {a1 and a1.name!r}")
        if "actor2" in g:
            a2 = actors.get(e.actor2)
            if a2 is None or (g["actor2"].startswith("Civilians") and a2.inter_code != 7):
                problems.append(f"{g['id']}: actor2 {a2 and a2.name!r}")
        wanted_places = g.get("locations") or ([g["location"].split(" (")[0]] if "location" in g else [])
        got = [places[p].evidence.text for p in e.places]
        for name in wanted_places:
            if not any(name.startswith(text) or text.startswith(name.split()[0]) for text in got):
                problems.append(f"{g['id']}: place {name!r} not in {got}")
        if g.get("geo_precision") == "region" and any(places[p].precision != "admin1" for p in e.places):
            problems.append(f"{g['id']}: precision {[places[p].precision for p in e.places]}")
        start = g.get("date") or g.get("date_start")
        if start and (e.time is None or times[e.time].start != start):
            problems.append(f"{g['id']}: time {e.time and times[e.time].evidence.text!r}")
        status = g.get("status") or ("ongoing" if g.get("ongoing") else "occurred")
        if e.status != status:
            problems.append(f"{g['id']}: status {e.status!r}")
        if g.get("territory_change") and not e.territory_change:
            problems.append(f"{g['id']}: no territory change")
        if "reported_by" in g:
            span = gold_claims[g["reported_by"]]["content_span"]
            linked = [claims[c].content for c in e.reported_by]
            if not any(c.start < span[1] and span[0] < c.end for c in linked):
                problems.append(f"{g['id']}: not linked to claim {g['reported_by']}")
        cas = [(c.kind, quantities[c.quantity].value if c.quantity else None,
                quantities[c.quantity].approximator if c.quantity else "") for c in e.casualties]
        if g.get("fatalities") and ("killed", g["fatalities"], "") not in [(k, v, "") for k, v, _ in cas]:
            problems.append(f"{g['id']}: fatalities {cas}")
        if g.get("injured") and not any(k == "injured" and v == g["injured"] for k, v, _ in cas):
            problems.append(f"{g['id']}: injured {cas}")
        for key in ("evacuated", "children"):
            if key in g and ("evacuated", g[key]["value"], g[key]["approx"]) not in cas:
                problems.append(f"{g['id']}: {key} {cas}")
    assert problems == [], "\n".join(problems)
    assert len(events) <= len(gold["events"]) + 3


def test_seed_event_ids_resolve_and_evidence_matches_text(seed_doc) -> None:
    doc = seed_doc
    known = {x.id for name in ("actors", "places", "times", "quantities", "claims") for x in getattr(doc._, name)}
    for event in doc._.events:
        refs = [event.actor1, event.actor2, event.time, *event.places, *event.reported_by]
        refs += [c.quantity for c in event.casualties]
        assert all(ref is None or ref in known for ref in refs), event.id
        assert doc.text[event.evidence.start : event.evidence.end] == event.evidence.text
        assert doc.text[event.trigger.start : event.trigger.end] == event.trigger.text


def test_unspecified_attack_is_violence_against_civilians_only_with_civilian_victims(nlp_events) -> None:
    _, on_positions = events_of(nlp_events, "Russian forces attacked Ukrainian positions near Bakhmut on Monday.")
    _, on_people = events_of(nlp_events, "Four civilians were killed in an attack on a market in Kherson on Monday.")
    assert [e.event_type for e in on_positions] == ["Battles"]
    assert [e.event_type for e in on_people] == ["Violence against civilians"]
