"""sitroom_events on the real pipeline: typing, status, casualties and multi-place events on short sentences, what
the component requires and assigns, and the seed record."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.extract.doc import OUTPUT_EXTENSIONS, MissingInputError
from sitroom.extract.event_lexicon import load_lexicon
from sitroom.extract.events import INPUTS, EventExtractor
from sitroom.model import Article, Event
from sitroom.nlp import load_pipeline, make_doc

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = REPO / "tests" / "fixtures" / "seed" / "article.txt"
SEED_GOLD = SHARED / "eval" / "seed" / "gold.json"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"evaluation data not found at {SHARED}")
UPSTREAM = ["sitroom_times", "sitroom_quantities", "sitroom_places", "sitroom_actors", "sitroom_claims"]


@pytest.fixture(scope="module")
def nlp_events(nlp_base: Language) -> Language:
    """The default pipeline (every component the events read runs before them), loaded once per session."""
    return nlp_base


def events_of(nlp: Language, text: str) -> tuple[Doc, list[Event]]:
    doc = nlp(text)
    return doc, doc._.events


def actor(doc, actor_id):
    return next(a for a in doc._.actors if a.id == actor_id)


def upstream_doc(nlp: Language, text: str) -> Doc:
    """A Doc through every component but the events."""
    with nlp.select_pipes(disable=["sitroom_events"]):
        return nlp(text)


# --- requires and assigns ----------------------------------------------------------------------------------------


def test_default_pipeline_satisfies_what_the_events_require(nlp_events) -> None:
    analysis = nlp_events.analyze_pipes(pretty=False)
    assert analysis["problems"]["sitroom_events"] == []
    requires = analysis["summary"]["sitroom_events"]["requires"]
    assert {f"doc._.{name}" for name in INPUTS} <= set(requires)
    assert analysis["summary"]["sitroom_events"]["assigns"] == ["doc._.events", "doc._.actors"]


def test_a_pipeline_without_places_is_reported_and_raises() -> None:
    nlp = load_pipeline(NlpOptions(pipeline=[n for n in UPSTREAM if n != "sitroom_places"] + ["sitroom_events"]))
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems["sitroom_events"] == ["doc._.places"]
    with pytest.raises(MissingInputError, match=r"^sitroom_events needs doc\._\.places: add sitroom_places before it$"):
        nlp("Russian shelling killed three civilians in the Kharkiv region on Monday.")


@pytest.mark.parametrize("name", INPUTS)
def test_each_input_is_required(nlp_events, name: str) -> None:
    doc = upstream_doc(nlp_events, "Russian shelling killed three civilians in the Kharkiv region on Monday.")
    setattr(doc._, name, None)
    with pytest.raises(MissingInputError, match=f"doc\\._\\.{name}: add sitroom_{name} before it"):
        nlp_events.get_pipe("sitroom_events")(doc)


def test_writes_only_what_it_assigns(nlp_events) -> None:
    """The events and ACLED's named sides (added to doc._.actors); every other extension is left as it was."""
    doc = upstream_doc(nlp_events, "Russian shelling killed three civilians in the Kharkiv region on Monday. "
                                   "Officials evacuated some 2,000 people from the border area on Sunday.")
    before = {name: copy.deepcopy(getattr(doc._, name)) for name in OUTPUT_EXTENSIONS}
    nlp_events.get_pipe("sitroom_events")(doc)
    changed = [name for name in OUTPUT_EXTENSIONS if getattr(doc._, name) != before[name]]
    assert changed == ["actors", "events"]
    assigned = nlp_events.analyze_pipes(pretty=False)["summary"]["sitroom_events"]["assigns"]
    assert {f"doc._.{name}" for name in changed} <= set(assigned)
    added = [a for a in doc._.actors if a.id not in {b.id for b in before["actors"]}]
    assert {a.name for a in added} == {"Military Forces of Russia", "Civilians (Ukraine)"}


def test_every_id_an_event_carries_resolves(nlp_events) -> None:
    doc, events = events_of(nlp_events, "Russian shelling killed three civilians in the Kharkiv region on Monday.")
    known = {x.id for name in INPUTS for x in getattr(doc._, name)}
    for event in events:
        refs = [event.actor1, event.actor2, event.time, *event.places, *event.reported_by]
        assert all(ref is None or ref in known for ref in refs + [c.quantity for c in event.casualties])


# --- typing, arguments and status ---------------------------------------------------------------------------------


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


def test_several_regions_stay_one_event_with_unsplit_casualties(nlp_events) -> None:
    doc, events = events_of(
        nlp_events, "Two people were killed in Russian attacks in the Donetsk, Kharkiv, and Kherson regions."
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


def kept_unreported(nlp: Language, text: str) -> list[Event]:
    """The events with keep_unreported on: hypothetical and undated planned acts kept, with their status."""
    doc = upstream_doc(nlp, text)
    return EventExtractor(load_lexicon(""), keep_unreported=True)(doc)._.events


def test_events_in_an_imagined_scene_are_hypothetical(nlp_events) -> None:
    text = ("Imagine that at four in the morning each of you hears explosions. They blockade the city of Lviv.\n\n"
            "Russian troops shelled Kharkiv on Monday. You can imagine how hard it is.")
    events = kept_unreported(nlp_events, text)
    assert [(e.trigger.text, e.status) for e in events] == [("blockade", "hypothetical"), ("shelled", "occurred")]
    # by default a coder's rule holds: what did not happen is not recorded
    assert [e.trigger.text for e in events_of(nlp_events, text)[1]] == ["shelled"]


@pytest.mark.parametrize(
    "text",
    [
        "If the world had imposed sanctions against Russia before the invasion, the war would have been shorter.",
        "Without the support of Belarus, Russia would have invaded Ukraine in a week.",
    ],
)
def test_conditional_and_counterfactual_events_are_hypothetical(nlp_events, text: str) -> None:
    events = kept_unreported(nlp_events, text)
    assert events and {e.status for e in events} == {"hypothetical"}
    assert events_of(nlp_events, text)[1] == []


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


@pytest.fixture(scope="module")
def seed_doc(nlp_events) -> Doc:
    article = Article(id="seed", text=SEED_ARTICLE.read_text(encoding="utf-8"), published="2024-10-14")
    return nlp_events(make_doc(nlp_events, article))


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


@pytest.fixture(scope="module")
def seed_doc_accurate() -> Doc:
    """The seed read by the accurate profile: the shared encoder, so the learned event detector decides too."""
    nlp = load_pipeline(NlpOptions(profile="accurate"))
    article = Article(id="seed", text=SEED_ARTICLE.read_text(encoding="utf-8"), published="2024-10-14")
    return nlp(make_doc(nlp, article))


@needs_shared
def test_seed_events(seed_doc) -> None:
    _check_seed(seed_doc)


@needs_shared
def test_seed_events_accurate(seed_doc_accurate) -> None:
    assert seed_doc_accurate._.encoding is not None
    _check_seed(seed_doc_accurate)


def _check_seed(doc: Doc) -> None:
    """Every gold event of the seed found with its type, actors, place, date, status, claim and casualties."""
    gold = _gold()
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
    # The acceptance (issue 14): at most 1 extra ("North Korea has reportedly been providing Moscow with weapons",
    # beside the gold supply event); the planned meeting during Biden's visit is that visit.
    assert len(events) <= len(gold["events"]) + 1


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
    # A report: alone, "Russian troops attacked Ukrainian positions" is a claim cue to the claims component (the
    # verbal attack) and so not an event; reported by someone, "attacked" is the act.
    _, on_positions = events_of(nlp_events, "Russian forces attacked Ukrainian positions near Bakhmut on Monday, "
                                            "the general staff said.")
    _, on_people = events_of(nlp_events, "Four civilians were killed in an attack on a market in Kherson on Monday.")
    assert [e.event_type for e in on_positions] == ["Battles"]
    assert [e.event_type for e in on_people] == ["Violence against civilians"]


def test_a_percentage_is_no_casualty_figure(nlp_events) -> None:
    """'27 percent of the victims' counts nobody: only quantities of kind count are casualties."""
    doc = nlp_events("Russian shelling killed 27 percent of the villagers in Kupiansk on Sunday, officials said.")
    quantities = {q.id: q for q in doc._.quantities}
    assert any(q.kind == "percent" for q in quantities.values())
    for event in doc._.events:
        for casualty in event.casualties:
            assert casualty.quantity is None or quantities[casualty.quantity].kind == "count"
