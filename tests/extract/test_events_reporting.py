"""What a conflict coder records (the hand-coded news set's GUIDELINES.md, "What counts"): wished, needed,
possible, generic and rhetorical acts are no events; undated plans are left out; an undated event is dated by the
report's news day; a place "near" a town is the event's place. Short hand-written sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitroom.model import Article, Event
from sitroom.nlp import make_doc


@pytest.fixture(scope="module")
def nlp_events(nlp_base: Language) -> Language:
    return nlp_base


def read(nlp: Language, text: str, published: str = "2024-05-11") -> tuple[dict, list[Event]]:
    doc = nlp(make_doc(nlp, Article(id="t", text=text, published=published)))
    return {t.id: t for t in doc._.times}, doc._.events


@pytest.mark.parametrize(
    "text",
    [
        "The Russian command may attempt to destroy the city of Kharkiv with missile strikes.",  # a possibility
        "Moscow wants to convince Ukrainians to flee the city.",  # a wish
        "He needs to defy the United States.",  # a need
        "Thanks to all who fight for Ukraine in Kharkiv.",  # anyone fighting, for a cause
        "Those killed in Ukraine fought valiantly for their freedom.",  # generic victims, rhetoric
        "Kremlin mouthpieces are seizing on concerns about a future Russian offensive against Kharkiv.",  # exploit
        "Sign up to our free newsletter on Ukraine.",  # an instruction to the reader
        "The army plans to attack Kyiv.",  # a plan with no date
    ],
)
def test_no_event_where_nothing_is_reported_as_happening(nlp_events, text: str) -> None:
    assert read(nlp_events, text)[1] == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Russian troops seized the town of Robotyne on Monday.", "occurred"),  # "seized on Monday" is a capture
        ("The president is set to visit Poland on Friday.", "planned"),  # a dated plan counts
        ("Russian forces fought for the village of Robotyne on Monday.", "occurred"),  # fighting for a place
    ],
)
def test_reported_acts_stay(nlp_events, text: str, status: str) -> None:
    assert [e.status for e in read(nlp_events, text)[1]] == [status]


def test_an_undated_event_takes_the_news_day_named_before_it(nlp_events) -> None:
    times, events = read(nlp_events, "Russian forces shelled Kharkiv on Friday, officials said.\n\n"
                                     "Russian artillery also shelled Vovchansk.")
    assert [times[e.time].start if e.time else None for e in events] == ["2024-05-10", "2024-05-10"]


def test_a_day_outside_the_news_week_dates_nothing_else(nlp_events) -> None:
    times, events = read(nlp_events, "Russia annexed Crimea on March 18, 2014.\n\n"
                                     "Russian artillery shelled Vovchansk.")
    attack = next(e for e in events if e.trigger.text == "shelled")
    assert attack.time is None


def test_a_place_near_a_town_is_the_events_place(nlp_events) -> None:
    doc = nlp_events(make_doc(nlp_events, Article(id="t", text="Russian forces shelled a village near Kupiansk on "
                                                                  "Monday.", published="2024-05-11")))
    places = {p.id: p for p in doc._.places}
    (event,) = doc._.events
    assert [places[p].evidence.text for p in event.places] == ["Kupiansk"]


def test_a_toll_in_the_next_sentence_joins_the_attack(nlp_events) -> None:
    _, events = read(nlp_events, "Russian drones struck the town of Vovchansk on Saturday. Two men were killed.")
    assert len(events) == 1 and [c.kind for c in events[0].casualties] == ["killed"]


def test_a_weapon_decides_a_conjoined_attack(nlp_events) -> None:
    _, events = read(nlp_events, "Moscow launched coordinated missile and artillery attacks on several cities "
                                 "including Kyiv.")
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize("text", [
    "Ukrainian forces retook Snake Island from Russian forces on Friday.",  # "retook": left unlemmatized
    "Ukrainian troops had been carrying out counterattacks in border villages in the Kharkiv region.",
])
def test_recaptures_and_counterattacks_are_armed_clashes(nlp_events, text: str) -> None:
    assert [e.sub_event_type for e in read(nlp_events, text)[1]] == ["Armed clash"]


@pytest.mark.parametrize(("text", "category"), [
    ("Russia has threatened a strike against Kyiv's government buildings.", "THREATEN"),
    ("Putin swiftly rejected a peace plan proposed by African leaders on Saturday.", "REJECT"),
])
def test_a_threat_or_rejection_of_a_named_thing_is_an_event_and_a_claim(nlp_events, text: str,
                                                                       category: str) -> None:
    doc = nlp_events(make_doc(nlp_events, Article(id="t", text=text, published="2024-05-11")))
    assert [e.plover_category for e in doc._.events] == [category]
    assert doc._.claims  # the words stay a claim too


def test_an_aid_package_is_aid_and_its_recipient_no_place(nlp_events) -> None:
    _, events = read(nlp_events, "Washington announced a new $400 million military aid package for Kyiv on Friday.")
    assert [(e.plover_category, e.places) for e in events] == [("AID", [])]


@pytest.mark.parametrize("text", [
    "The EU condemns the use of heavy weaponry in Donetsk.",  # a standing position, recorded as a claim
    "Russia's invasion of Crimea in March 2014 changed Europe.",  # a nominal reference to history
])
def test_positions_and_history_are_no_events(nlp_events, text: str) -> None:
    assert read(nlp_events, text)[1] == []


def test_a_toll_takes_the_type_of_the_attack_that_caused_it(nlp_events) -> None:
    _, events = read(nlp_events, "Two men were killed and two wounded by guided aerial bomb attacks on the town of "
                                 "Vovchansk, the governor added.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_a_lead_without_a_day_takes_the_news_day_named_after_it(nlp_events) -> None:
    times, events = read(nlp_events, "Russian artillery shelled Vovchansk.\n\n"
                                     "Russian forces shelled Kharkiv on Friday, officials said.")
    assert [times[e.time].start if e.time else None for e in events] == ["2024-05-10", "2024-05-10"]


def test_a_detention_is_an_acled_arrest(nlp_events) -> None:
    _, events = read(nlp_events, "Police detained the deputy defence minister in Moscow on Tuesday.")
    assert [(e.sub_event_type, e.plover_category) for e in events] == [("Arrests", "COERCE")]


@pytest.mark.parametrize("text", [
    "It is an opportunity that Putin is seizing.",  # an abstract object: no ground taken
    "Russian troops are deploying scorched-earth tactics in Donetsk.",  # tactics, not troops, deployed
    "The singer has met Lukashenko in Minsk on several occasions.",  # a habit
    "Russian forces had tried and failed to down the TV tower in Kharkiv.",  # nothing came about
    "Western supplies will not change the course of the war and prevent Russia from winning.",  # shared negation
])
def test_no_event_in_habits_failures_abstractions_and_shared_negation(nlp_events, text: str) -> None:
    assert read(nlp_events, text)[1] == []


def test_struck_the_verb_is_an_attack_but_not_a_deal(nlp_events) -> None:
    _, attack = read(nlp_events, "Russian forces struck a TV tower in Kyiv on Friday.")
    _, deal = read(nlp_events, "The two companies struck a balance in Kyiv on Friday.")
    assert [e.sub_event_type for e in attack] == ["Shelling/artillery/missile attack"] and deal == []


@pytest.mark.parametrize(("text", "category"), [
    ("Yermak had a phone call with Jake Sullivan in Kyiv on Thursday.", "CONSULT"),
    ("Moldova applied for EU membership on February 28.", "REQUEST"),
])
def test_calls_and_applications(nlp_events, text: str, category: str) -> None:
    assert [e.plover_category for e in read(nlp_events, text)[1]] == [category]


def test_an_act_in_a_clause_of_its_own_is_a_second_event(nlp_events) -> None:
    _, events = read(nlp_events, "Russian troops captured the city of Melitopol, the agency said, as Moscow launched "
                                 "missile and artillery attacks on several cities including Kyiv.")
    assert sorted(e.sub_event_type for e in events) == ["Armed clash", "Shelling/artillery/missile attack"]


def test_a_promotion_addressed_to_the_reader_is_no_event(nlp_events) -> None:
    assert read(nlp_events, "skip past newsletter promotion Sign up to our daily newsletter Enter your email "
                            "address Sign up")[1] == []


def test_a_trip_to_meet_someone_is_the_meeting_where_and_when_the_trip_is(nlp_events) -> None:
    text = "The African leaders travelled to St Petersburg on Saturday to meet Mr Putin."
    doc = nlp_events(make_doc(nlp_events, Article(id="t", text=text, published="2023-06-18")))
    places = {p.id: p for p in doc._.places}
    times = {t.id: t for t in doc._.times}
    (event,) = doc._.events
    assert event.plover_category == "CONSULT" and times[event.time].start == "2023-06-17"
    assert [places[p].evidence.text for p in event.places] == ["St Petersburg"]


def test_a_host_country_is_where_the_talks_are(nlp_events) -> None:
    doc = nlp_events(make_doc(nlp_events, Article(id="t", text="Turkey is hosting talks on Wednesday.",
                                                  published="2022-07-12")))
    places = {p.id: p for p in doc._.places}
    assert [[places[p].evidence.text for p in e.places] for e in doc._.events] == [["Turkey"]]


def test_an_approved_aid_package_is_aid(nlp_events) -> None:
    _, events = read(nlp_events, "The US House of Representatives finally approved a $61bn package of new military "
                                 "aid for Ukraine on Saturday.")
    assert [e.plover_category for e in events] == ["AID"]


@pytest.mark.parametrize("text", [
    "Russian forces never attacked the city of Kharkiv.",  # denied by "never"
    "Russia was neither planning to end the war in Ukraine.",  # denied by "neither"
    "Macron warned that Europe could die in Paris.",  # words: a claim, no threat made
    "The current sanctions on Russia hurt its economy in Moscow.",  # a standing state
    "Millions of Ukrainians have been displaced by the war.",  # the war's sum
    "Ukraine's armed forces continue to fight bravely in Donetsk.",  # praise
    "Weapons captured from Ukrainian forces are on display in Moscow.",  # materiel, no ground
    "NATO prepares for a potential conflict with Russia in Europe.",  # readiness for what may come
    "Defending Ukraine against Russia's ambitions is vital for Europe.",  # an activity
    "Troops would only be sent to Ukraine as a last resort.",  # an undated conditional plan
])
def test_no_event_where_the_clause_denies_states_or_praises(nlp_events, text: str) -> None:
    assert read(nlp_events, text)[1] == []


def test_the_attack_told_again_is_one_event(nlp_events) -> None:
    _, events = read(nlp_events, "On Saturday, a missile strike killed three people in the city of Donetsk.\n\n"
                                 "The restaurant was full.\n\n"
                                 "The attack using rocket launchers killed two diners and a worker, officials said.")
    assert len(events) == 1 and events[0].sub_event_type == "Shelling/artillery/missile attack"
    assert "missile strike" in events[0].evidence.text  # the first, fullest mention


@pytest.mark.parametrize("text", [
    "China is less likely to invade Taiwan in 2025.",  # a likelihood
    "To prevent Ukraine from joining the alliance in 2025.",  # a bare purpose
    "He paid the contractors fighting in Ukraine.",  # who they are
    "These are fakes that I allegedly fled from Kyiv.",  # a rumour denied
    "Russia was neither planning to attack Kyiv nor seeking talks.",  # "neither" on the governor
])
def test_no_event_in_likelihoods_purposes_descriptions_and_rumours(nlp_events, text: str) -> None:
    assert read(nlp_events, text)[1] == []


def test_having_a_conversation_is_a_consultation(nlp_events) -> None:
    _, events = read(nlp_events, "On Thursday the two generals had another conversation with Jake Sullivan.")
    assert [e.plover_category for e in events] == ["CONSULT"]


def test_what_a_relative_clause_adds_to_a_visit_stays_the_visit(nlp_events) -> None:
    _, events = read(nlp_events, "The minister's visit was to have taken place in Berlin on May 3, during which she "
                                 "had planned to hold a meeting of allies.")
    assert [e.status for e in events] == ["canceled"]
