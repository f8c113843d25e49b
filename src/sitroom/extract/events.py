"""sitroom_events: events assembled from one parsed Doc and the other components' output.

An event is a trigger (data/events/*.tsv) read in its clause: ACLED type for political violence and strategic
developments, PLOVER category for the rest, Displacement for evacuations and shelters. Its arguments come from
the other components by span: actors (doc._.actors), places (doc._.places), the time (doc._.times), casualty
counts (doc._.quantities), and the claims whose content contains the trigger (doc._.claims), so an event's
verification is its claims'. Each of those components must run before this one: a missing one is an error
naming it (sitroom.extract.doc.MissingInputError), never a stand-in. The one thing written besides doc._.events
is ACLED's naming of the sides ("Military Forces of Russia", "Civilians (Ukraine)"), added to doc._.actors so
every id resolves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom import acled
from sitroom import lexicons
from sitroom.extract.acled_typing import AcledTyper, load_typer, pooled
from sitroom.extract.doc import doc_text, evidence, require_inputs
from sitroom.extract.event_detection import KEEP_AT_LEAST, EventDetector, load_detector
from sitroom.extract.encoder.runtime import MODEL_SHA256 as ENCODER_SHA256
from sitroom.extract.event_lexicon import (
    CONTROL,
    DISPLACEMENT,
    INTENT_ADJECTIVES,
    EventLexicon,
    Sense,
    Trigger,
    load_lexicon,
    triggers_in,
)
from sitroom.extract.event_mentions import DEFINITE, Mention, merge_mentions
from sitroom.extract.event_readouts import (
    FIRST_PERSON,
    ReadoutLexicon,
    consult_parties,
    noun_counterparts,
    first_person_speaker,
    is_readout,
    load_readouts,
    with_readouts,
)
from sitroom.model import Actor, Casualty, Claim, Event, PlaceMention, Quantity, TimeExpression

# The other components' extensions this one reads, each set by the component sitroom_<name>.
INPUTS = ("times", "quantities", "places", "actors", "claims")
# Dependency labels of clause parts that are not the event's own words (kept out of its evidence and arguments).
_OUTSIDE = frozenset({"advcl", "relcl", "conj", "cc", "punct", "mark", "parataxis", "ccomp", "appos"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "we"})
_DIRECTIONS = frozenset({"south", "north", "east", "west", "near", "outskirts", "gates", "edge", "southeast",
                         "southwest", "northeast", "northwest", "border"})
# A violent mention this many sentences after one of its kind may retell it ("a missile strike killed three
# people. The restaurant ... The attack using HIMARS killed two diners"): news retells an attack within a paragraph.
RETOLD_WINDOW = 2
# A weapon word of this ACLED event type ("rocket", "missile") modifying a generic attack names its means.
REMOTE = "Explosions/Remote violence"
SHELLING = "Shelling/artillery/missile attack"
# A killing told only by its toll ("Russian attacks killed at least six in the Donetsk region", "Four people were
# killed in Russian-occupied parts of Ukraine"), with no clash, no armed opponent and no combatant among the dead, is
# coded as remote fire: in an interstate war fought with artillery, missiles and drones, ACLED's coders code such
# reports as shelling unless the report names another means (the news set's coder did so for every such toll).
REMOTE_KILLING = True
# An undated event is dated by the latest day the article named before it, if that day lies in the week up to
# publication (the report's news frame); older days date background, not the news. Granularities that are a day.
NEWS_DAYS = 7
# A nominal act (no verb reports it) dated more than this many days before publication is a reference to earlier
# history ("Russia's invasion of Crimea in 2014"), not an event the report records.
BACKGROUND_DAYS = 31  # ... for a month or a year ("in March 2014"); for a day, a year:
BACKGROUND_YEAR_DAYS = 366
DAY_GRANULARITIES = frozenset({"day", "part_of_day", "time"})
_GRANULARITY_RANK = {"time": 0, "part_of_day": 1, "day": 2, "week": 3, "month": 4, "season": 5, "quarter": 5,
                     "year": 6, "decade": 7, "century": 8}


@dataclass
class _Draft:
    """An event while it is being assembled: token positions and argument objects, not yet ids."""

    trigger: Trigger
    anchor: Token  # the predicate whose clause holds the event's arguments
    sense: Sense
    sentence: int
    agent: Token | None = None
    patient: Token | None = None
    patient_options: list[Token] = field(default_factory=list)  # other counterpart phrases, tried in order
    counterparts: list[Token] = field(default_factory=list)  # a consultation's named counterparts, in order
    casualties: list[Casualty] = field(default_factory=list)
    victims: str = ""
    victim_country: str = ""
    victim_token: Token | None = None
    places: list[PlaceMention] = field(default_factory=list)
    time: TimeExpression | None = None
    status: str = "occurred"
    territory_change: str = ""
    span: tuple[int, int] = (0, 0)
    actor1: Actor | None = None
    actor2: Actor | None = None
    reported_by: list[str] = field(default_factory=list)


# token.pos is read too; the model's attribute_ruler sets it without declaring it, so it is not listed.
@Language.factory(
    "sitroom_events",
    requires=[*(f"doc._.{name}" for name in INPUTS), "doc._.published_inferred",
              "token.dep", "token.tag", "token.lemma", "doc.ents"],  # and doc._.encoding where it is set
    assigns=["doc._.events", "doc._.actors"],
    default_config={"data_dir": "", "merge_window": 1, "learned_types": False, "keep_unreported": False,
                    "learned_detection": True, "keep_at_least": KEEP_AT_LEAST},
)
def make_events(nlp: Language, name: str, data_dir: str, merge_window: int, learned_types: bool,
                keep_unreported: bool, learned_detection: bool, keep_at_least: float) -> "EventExtractor":
    """data_dir: a folder whose files replace the packaged events lexicon files by base name ("" = packaged).
    merge_window: how many sentences back an elaborating mention ("hit by Russian shelling") may join an
    event with casualties; 1 = the next sentence only, the reach of "The casualties were reported ..." in news.
    learned_types: where the shared encoder read the Doc (doc._.encoding, the accurate profile), the learned ACLED
    typer (extract.acled_typing) retypes the events the rules coded as ACLED events (it cannot tell whether a
    clause is one: on the news set's gold event snippets without an ACLED type it still typed 19 of 50). Off by
    default: on the news dev set (accurate profile) it made 21 of the 35 matched events' types wrong against the
    rules' 17, with the same 3 events right.
    keep_unreported: keep the acts a conflict coder does not record (hypothetical ones; planned, canceled or
    attempted ones without a date of their own), with their status; off: they are left out (GUIDELINES.md of the
    hand-coded news set, "What counts").
    learned_detection: where the shared encoder read the Doc (the accurate profile), the learned detector
    (extract.event_detection) reads each event's clause and drops the event when the probability that the clause
    reports a concrete event is under keep_at_least; the rules decide alone where there is no encoding (fast)."""
    typer = load_typer(data_dir, ENCODER_SHA256) if learned_types else None
    detector = load_detector(data_dir, ENCODER_SHA256) if learned_detection else None
    return EventExtractor(load_lexicon(data_dir), merge_window=merge_window, name=name, typer=typer,
                          keep_unreported=keep_unreported, readouts=load_readouts(data_dir), detector=detector,
                          keep_at_least=keep_at_least)


# An event's evidence shorter than this many tokens is typed by its whole sentence (the notes the typer learned
# from are a sentence or more; helper measurement on ACLED notes, issue 14).
LEARNED_TYPE_MIN_WORDS = 6


class EventExtractor:
    """One pass over sentences: triggers, then arguments by span, then merges of mentions of one event."""

    def __init__(self, lex: EventLexicon, merge_window: int = 1, name: str = "sitroom_events",
                 typer: AcledTyper | None = None, keep_unreported: bool = False,
                 readouts: ReadoutLexicon | None = None, detector: EventDetector | None = None,
                 keep_at_least: float = KEEP_AT_LEAST) -> None:
        self.lex = lex
        self.detector = detector
        self.keep_at_least = keep_at_least
        self.keep_unreported = keep_unreported
        self.readouts = readouts or load_readouts()
        self.merge_window = merge_window
        self.name = name
        self.typer = typer

    def __call__(self, doc: Doc) -> Doc:
        require_inputs(doc, self.name, INPUTS)
        inputs = _Inputs(doc, self.lex)
        inputs.titles = self.readouts.counterparts
        drafts: list[_Draft] = []
        for index, sent in enumerate(doc.sents):
            drafts.extend(self._sentence(sent, index, inputs))
        drafts = self._merge(drafts)
        if not self.keep_unreported:
            drafts = [d for d in drafts if _reported(d)]
        detected: dict[int, float] = {}
        if self.detector is not None and doc._.encoding is not None:
            detected = {id(d): self.detected(doc, d) for d in drafts}
            drafts = [d for d in drafts if detected[id(d)] >= self.keep_at_least]
        dated = {id(d) for d in drafts if d.time is not None}
        for draft in drafts:
            self._context(draft, doc, inputs)
        events = [self._finish(doc, n, draft, inputs) for n, draft in enumerate(drafts, 1)]
        # An act with no one, nowhere, at no time of its own and hurting no one ("they were signed", "supporting
        # families") is not a reportable event.
        kept = [(e, d) for e, d in zip(events, drafts)
                if e.actor1 or e.actor2 or e.places or id(d) in dated or e.casualties]
        places = {p.id: p for p in inputs.places}
        for event, draft in kept:
            # both profiles: the rules' strength (the detector's probability ranks news events worse; see
            # STRENGTH_BASE); the detector only decides, above, which events the accurate profile keeps
            event.confidence = rule_strength(event, draft.anchor.pos_ in ("VERB", "AUX"), id(draft) in dated, places)
        events = merge_mentions([Mention(e, e.trigger.sentence or 0, _back_reference(doc[d.trigger.head]),
                                         _details(d.anchor)) for e, d in kept], inputs.places, inputs.times)
        for n, event in enumerate(events, 1):
            event.id = f"E{n}"
        doc._.events = events
        inputs.publish(doc)
        return doc

    # --- detection ---------------------------------------------------------------------------------------

    def _sentence(self, sent: Span, index: int, inputs: "_Inputs") -> list[_Draft]:
        lex = self.lex
        if sent.text.rstrip().endswith("?"):
            return []  # a question reports no event ("do you intend to invade Ukraine?")
        found = with_readouts(triggers_in(sent, lex), sent, self.readouts)
        by_head = {t.head: t for t in found}
        drafts: list[_Draft] = []
        absorbed: set[int] = set()
        for trigger in found:
            head = sent.doc[trigger.head]
            if trigger.head in absorbed or self._not_an_event(head, by_head):
                continue
            draft = self._draft(trigger, head, index, by_head, absorbed, inputs)
            if draft is not None:
                drafts.append(draft)
        drafts = [d for d in drafts if d.trigger.head not in absorbed
                  and (is_readout(d.trigger) or not inputs.is_claim_cue(d.trigger)
                       or _act_by_speech(sent.doc[d.trigger.head], d, lex))
                  and not _in_headline(sent.doc[d.trigger.head])]
        for draft in drafts:
            _refine_purpose(draft, by_head)
        return self._merge_in_sentence(drafts)

    def _not_an_event(self, head: Token, by_head: dict[int, Trigger]) -> bool:
        """Words that only frame, date or explain another event, or that the report only wishes for."""
        lex = self.lex
        if lex.role(head.lemma_.lower(), "report") and head.pos_ in ("VERB", "AUX") and not is_readout(
                by_head.get(head.i)):
            return True
        if (head.dep_ == "pcomp" and not _onset(head, lex)) or any(
                c.dep_ == "neg" or lex.role(c.lower_, "negator") for c in head.children):
            return True  # "is about transferring weapons" names a topic; "did not provide", "never attacked" no act
        if head.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "det" and lex.role(c.lower_, "negative_det") for c in head.children):
            return True  # "there is no fighting there"
        if any(c.dep_ == "aux" and lex.role(c.lower_, "modal") for c in head.children):
            return True  # "we can and must fight": ability or duty, not a reported act
        governor = head
        while governor.dep_ == "xcomp" and governor.head.i != governor.i:
            governor = governor.head
            if any(c.dep_ == "neg" or lex.role(c.lower_, "negator") for c in governor.children):
                return True  # "it doesn't want to fight", "was neither planning to end the war"
            if any(c.dep_ == "aux" and lex.role(c.lower_, "modal") for c in governor.children):
                return True  # "may attempt to destroy": a possibility, not a reported act
            if lex.role(governor.lemma_.lower(), "irrealis_governor"):
                return True  # "needs to defy", "wants to convince ... to flee": wished or needed, not done
        if _generic(head, lex):
            return True
        sense = by_head[head.i].sense if head.i in by_head else None
        if head.pos_ == "VERB" and lex.role(head.lemma_.lower(), "light") and sense is not None and (
                sense.category not in CONTROL) and any(c.dep_ == "dobj" and c.i in by_head for c in head.children):
            return True  # "imposed sanctions": one act, the object's (dated and placed by this verb's clause)
        if head.dep_ == "pobj" and head.head.lower_ in ("during", "throughout") and sense is not None and sense.violent \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return True  # "equipment captured from Kyiv forces during the fighting in Ukraine": the war as a frame
        if sense is not None and sense.category == "SUPPORT" and any(
                c.dep_ == "dobj" and lex.role(c.lemma_.lower(), "domestic_instrument") for c in head.children):
            return True  # "signed another decree on awarding our warriors": a domestic act, no party supported
        if head.dep_ == "pobj" and head.head.lower_ == "for" and lex.role(head.head.head.lemma_.lower(), "stance_verb"):
            return True  # "thanked him for his support": what a position is taken on, not an act of the report
        if lex.status_cues.get(head.lemma_.lower()) == ("planned", "governor") and any(
                c.dep_ == "dobj" and c.i in by_head and by_head[c.i].sense.violent for c in head.children):
            return True  # "was preparing a strike against Crimea": the strike is the (planned) act, not a mobilization
        if any(c.lower_ in ("you", "your") for c in head.children if c.dep_ in ("dobj", "dative", "nsubj", "poss")):
            return True  # addresses the reader ("gives you the latest developments"): promotion, not news
        if any(c.dep_ == "dobj" and lex.role(c.lemma_.lower(), "speech_object") for c in head.children):
            return True  # "dismissed those claims" answers a claim: the claims component records it
        if head.dep_ == "acl" and lex.role(head.head.lemma_.lower(), "speech_object"):
            return True  # "a claim flatly rejected by the U.S.": the answer to a claim, recorded as one
        if head.pos_ == "VERB" and (subject := _subject(head)) is not None and lex.role(
                subject.lemma_.lower(), "speech_object"):
            return True  # "The EU statement went on to commend ...": what a statement says is a claim
        if head.pos_ in ("NOUN", "PROPN") and (_topic(head, lex) or _prospect(head, lex)):
            return True
        if lex.casualty_verbs.get(head.lemma_.lower()) and _attack_of(head, by_head) is not None:
            return True  # "killed in a strike": the strike is the event, the verb counts its victims
        token = head
        while True:
            if token.dep_ == "advcl":
                marks = {c.lemma_.lower() for c in token.children if c.dep_ == "mark"}
                if marks & lex.roles.get("background", set()) and not _placed_below_country(token, lex):
                    # "since Russia launched its invasion" only dates the report's act; but "after Ukrainian
                    # forces retook Snake Island", "after an explosion in Donetsk wrecked a vehicle" tell an act
                    # of their own, placed where it happened
                    return True
            if token.dep_ == "ccomp" and lex.role(token.head.lemma_.lower(), "request_verb"):
                return True  # "demands that Russia withdraws its troops": asked for, not done
            if token.dep_ == "ccomp" and any(c.tag_ == "TO" for c in token.children) and (
                    lex.role(token.head.lemma_.lower(), "irrealis_governor")
                    or lex.role(token.head.lemma_.lower(), "request_verb")):
                return True  # "wants Ukraine to recognise Crimea", "asked Germany to send": wished or asked for
            if token.dep_ in ("advcl", "acl", "relcl") and any(c.tag_ == "TO" for c in token.children):
                # a purpose clause, or an infinitival relative ("the first minister to visit Australia in 13
                # years"): what the noun is, not an act of the report
                if token is head and _meeting_trip(head, lex):
                    return False  # "travelled to St Petersburg to meet Putin": the trip is the meeting
                return True  # purpose clause ("to support Moscow's war"); see _refine_purpose
            if token.dep_ == "xcomp" and any(c.tag_ == "TO" for c in token.children):
                governor = by_head.get(token.head.i)
                if governor is None and token.head.pos_ in ("VERB",) and token.head.lemma_.lower() not in _GOVERNORS:
                    if not lex.role(token.head.lemma_.lower(), "report") and token.head.dep_ != "ROOT":
                        return True
            if token.dep_ == "pobj" and token.head.lemma_.lower() in lex.roles.get("background", set()):
                return True
            if token.dep_ == "pobj" and _prep_phrase(token.head) in lex.roles.get("cause", set()):
                return True
            if token.dep_ in ("amod", "compound", "nmod"):
                return True  # "Western military aid" as a modifier, "missile strike" heads handled as phrases
            if token.head.i == token.i:
                return False
            if lex.role(token.head.lemma_.lower(), "report") and token.dep_ in ("ccomp", "xcomp"):
                return False
            token = token.head

    def _draft(self, trigger: Trigger, head: Token, index: int, by_head: dict[int, Trigger], absorbed: set[int],
               inputs: "_Inputs") -> _Draft | None:
        lex = self.lex
        sense = trigger.sense
        anchor = head
        # A control act absorbs the act it governs ("agreed to provide aid" is one AGREE event).
        if sense.category in CONTROL and not sense.violent:
            for token in head.subtree:
                if token.i != head.i and token.i in by_head and _governed_by(token, head) and not (
                        by_head[token.i].sense.category == "CONSULT" and token.dep_ == "pobj"
                        and token.head.dep_ == "prep" and token.head.head.i == head.i):
                    # "during a call with Biden, he appealed for ...": the talks frame the appeal, they are not
                    # what it asks for
                    absorbed.add(token.i)
                    if lex.role(head.lemma_.lower(), "announce_act") and by_head[token.i].sense.category in (
                            "AID", "SANCTION") and head.pos_ == "VERB":
                        sense = by_head[token.i].sense  # "approved a $61bn package of military aid": the aid
                    elif lex.role(head.lemma_.lower(), "light") and token.dep_ == "dobj" and token.head.i == head.i \
                            and head.pos_ == "VERB":
                        sense = by_head[token.i].sense  # "has established two red lines": the object is the act
        nominal = head.pos_ in ("NOUN", "PROPN")
        if nominal:
            governor, dep = _attachment(head)
            glemma = governor.lemma_.lower()
            if dep == "nsubj" and glemma == "be":
                governor = next((c for c in governor.children if c.dep_ == "xcomp"), governor)
                glemma = governor.lemma_.lower()
            if dep in ("dobj", "nsubj", "nsubjpass") and (
                lex.role(glemma, "light") or lex.role(glemma, "occur") or _occur_phrase(governor, lex)
                or glemma in lex.status_cues or (glemma == "have" and sense.category == "CONSULT")
                or (dep == "dobj" and lex.role(glemma, "announce_act")
                                                 and sense.category in ("AID", "SANCTION", "AGREE"))
                or is_readout(trigger)  # "had a telephone conversation with"
            ):
                anchor = governor
            elif dep == "nsubj" and lex.casualty_verbs.get(glemma):
                anchor = _first_casualty(governor, lex)  # "Russian shelling killed three civilians"
            elif head.dep_ == "pobj" and lex.casualty_verbs.get(governor.head.lemma_.lower()):
                anchor = _first_casualty(governor.head, lex)
            elif head.dep_ == "pobj" and governor.head.pos_ == "VERB" and lex.casualty_verbs.get(
                    governor.head.lemma_.lower()) is None and governor.head.lemma_.lower() in ("hit", "strike"):
                anchor = governor.head
            elif head.dep_ == "pobj" and governor.head.i in by_head and not (
                    sense.category == "CONSULT" and noun_counterparts(head, head)):
                # an argument of another trigger ("hit by Russian shelling" is the hit); "during a call with
                # Biden, Zelenskyy appealed for ...": the talks are an act of their own
                return None
        if head.dep_ == "pcomp" and _onset(head, lex):
            anchor = head.head.head  # "started with threatening sanctions": the onset verb's clause dates it
        if _meeting_trip(head, lex):
            anchor = head.head  # dated and placed by the trip: "travelled to St Petersburg on Saturday to meet"
        # Adjectives that only frame intention are not triggers of their own.
        if head.lemma_.lower() in INTENT_ADJECTIVES or _intent_passive(head):
            return None  # "is ready to host", "are committed to victory": an intention, not an act
        if nominal and sense.violent and not sense.specific:
            # "missile and artillery attacks": a specific weapon modifying a generic attack decides its sub-type
            modifier = next((by_head[c.i] for c in head.children if c.dep_ in ("compound", "amod", "nmod")
                             and c.i in by_head and by_head[c.i].sense.violent and (
                                 by_head[c.i].sense.specific or by_head[c.i].sense.event_type == REMOTE)), None)
            if modifier is not None:
                sense = replace(modifier.sense, category=sense.category)
        draft = _Draft(trigger=trigger, anchor=anchor, sense=sense, sentence=index)
        self._arguments(draft, head, by_head, inputs)
        if nominal and anchor is head and not is_readout(trigger) and not (
            draft.time or draft.casualties or any(p.precision != "country" for p in draft.places)
            or (sense.category == "CONSULT" and draft.counterparts)  # "in a recent phone call with Putin"
        ):
            return None  # a bare noun ("the war", "Russia's invasion of Ukraine") names no reported event
        if nominal and anchor is head and draft.time is not None and inputs.is_background(draft.time):
            return None  # "Russia's invasion of Crimea in 2014", "the March 2022 strike": a reference, not news
        if draft.time is not None and draft.time.granularity not in DAY_GRANULARITIES and (
                _past_perfect(anchor) or _past_perfect(head) or _told_as_earlier(anchor)) and inputs.is_background(
                draft.time):
            return None  # "it had previously imposed sanctions ... in 2015": what had been done before, background
        if sense.needs == "shelter" and draft.patient is None and draft.agent is None:
            return None
        if head.dep_ in ("relcl", "acl") and (draft.time is None or not draft.time.start) and (
                head.head.ent_type_ in ("GPE", "LOC") or lex.role(head.head.lemma_.lower(), "place_noun")):
            return None  # "a breakaway region where pro-Russian actors rejected ...", "its Belgorod region, recently
            # raided by pro-Ukrainian units": an undated clause on a place describes the place, not a reported act
        if sense.category == DISPLACEMENT and not draft.casualties and draft.agent is not None and (
                draft.agent.lower_ in ("he", "she", "i") or draft.agent.ent_type_ == "PERSON"):
            return None  # "she had fled the village": one person's story; a coder records displacement of many
        return draft

    # --- arguments ---------------------------------------------------------------------------------------

    def _arguments(self, draft: _Draft, head: Token, by_head: dict[int, Trigger], inputs: "_Inputs") -> None:
        lex = self.lex
        anchor = draft.anchor
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in anchor.children)
        if head.pos_ in ("NOUN", "PROPN"):
            draft.agent = _first_child(head, ("poss",)) or _nationality(head, lex) or _by_agent(anchor)
            if draft.agent is None and head is not anchor and not passive:
                draft.agent = _first_child(anchor, ("nsubj",))
        else:
            subject = _subject(head)
            if subject is None and anchor is not head and anchor.pos_ in ("VERB", "AUX"):
                subject = _subject(anchor)  # "Biden started with threatening sanctions": the onset verb's subject
            if passive:
                draft.agent = _by_agent(anchor)
                draft.patient = _first_child(anchor, ("nsubjpass",))
                if draft.agent is None and draft.sense.category == "MOBILIZE":
                    draft.agent, draft.patient = subject or draft.patient, None  # troops prepared: their side
            else:
                draft.agent = subject
                options = [_first_child(head, ("dative",)), _pobj_of(head, ("to", "on", "against")),
                           _first_child(head, ("dobj",)), _pobj_of(head, ("with",))]
                options = [o for o in options if o is not None]
                dobj = _first_child(head, ("dobj",))
                if dobj is not None:
                    options.append(_pobj_of(dobj, ("to",)))
                options = [o for o in options if o is not None]
                draft.patient = options[0] if options else None
                draft.patient_options = options[1:]
            if draft.agent is not None and draft.agent.i in by_head and draft.agent.pos_ in ("NOUN", "PROPN"):
                # "hit by Russian shelling": the side is the attack noun's nationality or possessor
                draft.agent = _first_child(draft.agent, ("poss",)) or _nationality(draft.agent, lex) or draft.agent
            if draft.sense.mode == "visit":
                draft.patient = None  # what is visited is a place, not a counterpart
            if draft.sense.category == "AID" and any(
                lex.role(t.lemma_.lower(), "military_object") or lex.role(t.lower_, "military_object")
                for c in head.children if c.dep_ == "dobj" for t in c.subtree
            ):
                draft.sense = replace(draft.sense, mode="military")
        if draft.sense.category == "CONSULT" and draft.sense.mode != "visit":
            draft.agent, named = consult_parties(head, anchor, draft.agent)  # "talks with X", "between X and Y"
            if named:  # the counterparts first ("on Sunday" is no party to "met")
                rest = [t for t in (draft.patient, *draft.patient_options) if t is not None and t not in named]
                draft.patient, draft.patient_options = named[0], named[1:] + rest
                draft.counterparts = named
        # Casualties: the verbs that count victims of this event, and their conjuncts.
        counted = []
        if lex.casualty_verbs.get(anchor.lemma_.lower()):
            counted.extend(_casualty_chain(anchor, lex))
        elif head.pos_ == "VERB" and lex.casualty_verbs.get(head.lemma_.lower()):
            counted.extend(_casualty_chain(head, lex))
        if draft.sense.violent and head.pos_ == "VERB":
            # "shelled the village on Monday, killing two civilians": the participle counts this attack's victims
            counted.extend(c for c in head.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                           and lex.casualty_verbs.get(c.lemma_.lower()) and c not in counted)
        if draft.sense.category == DISPLACEMENT:
            self._displaced(draft, head, inputs)
        for verb in counted:
            self._casualty(draft, verb, inputs)
        abduction = lex.words.get(("abduct", "VERB"))
        if draft.sense.mode == "occupy" and abduction is not None and any(
                c.kind == "captured" and c.victims == "civilians" for c in draft.casualties):
            draft.sense = abduction  # "the occupiers capture civilians": people taken, not ground (ACLED)
        draft.status = self._status(head, anchor, inputs)
        if draft.sense.mode == "occupy" and draft.status == "occurred":
            draft.territory_change = "captured"
        tokens = _clause_tokens(anchor, head, lex)
        if head.pos_ in ("NOUN", "PROPN") and anchor is head:
            tokens += _following_modifiers(head)
        parties = (draft.agent,) if draft.sense.category in _PLACE_TAKING else (draft.agent, draft.patient)
        # the parties' own words name who, not where; but an agent that is the trigger itself ("killed by guided
        # bomb attacks on the town of Vovchansk") carries the event's place
        arguments = [t for a in parties if a is not None and a.i != head.i for t in a.subtree]
        if draft.sense.category not in _PLACE_TAKING:
            # "aid for Kyiv", "weapons to Ukraine": a recipient named by its capital or country is a counterpart
            arguments += [t for t in tokens if t.dep_ == "pobj" and t.head.lower_ in ("to", "for")
                          for t in t.subtree]
        draft.places = inputs.places_in([t for t in tokens if t not in arguments], anchor)
        if lex.role(head.lemma_.lower(), "host_verb") and draft.agent is not None:
            # "Turkey is hosting talks": a host receives on its own ground
            draft.places += [m for m in inputs.places_in(list(draft.agent.subtree), anchor) if m not in draft.places]
        draft.time = inputs.time_in(tokens, head)
        if draft.status == "occurred" and draft.time is not None and inputs.is_future(draft.time):
            draft.status = "planned"
        draft.span = _evidence_span(draft, head, tokens)

    def _casualty(self, draft: _Draft, verb: Token, inputs: "_Inputs") -> None:
        kind = self.lex.casualty_verbs[verb.lemma_.lower()]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        victim = _first_child(verb, ("nsubjpass",) if passive else ("dobj", "nsubj"))
        if verb.lemma_.lower() == "die":
            victim = _first_child(verb, ("nsubj",))
        if victim is None:
            return
        victims = self._victim_class(victim)
        quantity = inputs.quantity_in(victim)
        if kind != "killed" and kind != "injured" and not victims and quantity is None:
            return  # "captured the town": territory, not people
        if victims:
            draft.victims = draft.victims or victims
            draft.victim_token = draft.victim_token or victim
        draft.casualties.append(Casualty(kind=kind, quantity=quantity.id if quantity else None,
                                         victims=victims or draft.victims or "unknown",
                                         evidence=inputs.evidence_of(victim, verb)))

    def _displaced(self, draft: _Draft, head: Token, inputs: "_Inputs") -> None:
        kind = draft.sense.casualty_kind
        people = _first_child(head, ("dobj", "nsubjpass"))
        if people is None:
            return
        draft.patient = people
        groups = [people] + [p for prep in people.children if prep.dep_ == "prep"
                             and prep.lower_ in ("including", "among") for p in prep.children if p.dep_ == "pobj"]
        for group in groups:
            quantity = inputs.quantity_in(group, exclude_children=("prep",) if group is people else ())
            victims = self._victim_class(group) or "civilians"
            if quantity is None and kind != "sheltered":
                continue
            draft.casualties.append(Casualty(kind=kind, quantity=quantity.id if quantity else None, victims=victims,
                                             evidence=inputs.evidence_of(group, group)))

    def _victim_class(self, token: Token) -> str:
        """civilians or military, from the noun, its modifiers, or what a count noun counts ("dozens of
        civilians")."""
        counted = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                   for p in prep.children if p.dep_ == "pobj"]
        words = [w for noun in [token, *counted] for w in [noun, *noun.children] if w is noun or w.dep_ in (
            "amod", "compound")]
        classes = [self.lex.victims.get(w.lemma_.lower(), "") for w in words]
        if "military" in classes:
            return "military"
        if "civilians" in classes:
            return "civilians"
        return ""

    def _status(self, head: Token, anchor: Token, inputs: "_Inputs") -> str:
        """occurred, planned, canceled, ongoing, attempted or hypothetical, from the cue words around the trigger."""
        lex = self.lex
        cues = lex.status_cues
        if inputs.in_hypothetical_frame(head) or _in_hypothesis(head, lex):
            return "hypothetical"
        for token in (anchor, head):
            if token.dep_ in ("nsubj", "nsubjpass", "dobj"):
                verb = token.head
                status = cues.get(verb.lemma_.lower()) or cues.get(f"{verb.lemma_.lower()} {_particle(verb)}")
                if status and status[1] == "head":
                    return status[0]
                if status and status[1] == "governor" and status[0] == "planned" and token.dep_ == "dobj" and (
                        token.pos_ in ("NOUN", "PROPN")):
                    return "planned"  # "Russia was planning attacks": the attacks are planned, like "planning to"
        # "was to have taken place": an unfulfilled plan.
        aux = [c.lower_ for c in anchor.children if c.dep_ in ("aux", "auxpass")]
        if "to" in aux and "have" in aux and anchor.head.lemma_.lower() == "be":
            return cues.get("be to have", ("canceled", ""))[0]
        if "to" in aux and anchor.head.lemma_.lower() == "be" and anchor.dep_ == "xcomp":
            return cues.get("be to", ("planned", ""))[0]
        governor = head
        while governor.dep_ in ("xcomp", "acomp"):
            governor = governor.head
            status = cues.get(governor.lemma_.lower())
            if status and status[1] == "governor":
                if status[0] in ("ongoing", "attempted"):
                    return "ongoing" if _progressive(governor) or governor.lemma_.lower() == "continue" else "attempted"
                return status[0]
        for token in (head, anchor):
            for child in token.children:
                status = cues.get(child.lemma_.lower())
                if child.dep_ == "aux" and status and status[1] == "aux":
                    return status[0]
        if _future_frame(anchor, lex):
            return "planned"  # "will be used to deliver ammunition", "At his first meeting with ..., Sunak will"
        if head.pos_ == "VERB" and _progressive(head):
            return "ongoing"
        return "occurred"

    def _context(self, draft: _Draft, doc: Doc, inputs: "_Inputs") -> None:
        """Where the event's own clause gives no date, the one its sentence gives, else the report's news day: the
        latest day named before it in the article (else the first named after it), in the week up to publication
        (a coder dates "Two men were killed" by the "Saturday" the report is about; GUIDELINES.md: dates resolved
        against publication)."""
        if draft.time is None and draft.status in ("occurred", "ongoing", "claimed", "attempted") \
                and not _past_perfect(draft.anchor) and not _past_perfect(doc[draft.trigger.head]):
            draft.time = inputs.context_time(doc[draft.trigger.head])
            if draft.status == "occurred" and draft.time is not None and inputs.is_future(draft.time):
                # "on the agenda of a meeting ... when Biden visits Germany later this week": dated by its sentence
                # to days after publication, the act is planned
                draft.status = "planned"

    def detected(self, doc: Doc, draft: _Draft) -> float:
        """The learned detector's probability that the draft's clause (:func:`detection_clause`) reports a
        concrete event; the encoder must have read the Doc."""
        if self.detector is None or doc._.encoding is None:
            raise ValueError("detected() needs the detector and the shared encoder's doc._.encoding")
        tokens = detection_clause(doc[draft.trigger.head], draft.anchor)
        rows = doc._.encoding[[t.i for t in tokens]]
        return self.detector.probability(rows, [t.text for t in tokens])

    # --- merging -----------------------------------------------------------------------------------------

    def _merge_in_sentence(self, drafts: list[_Draft]) -> list[_Draft]:
        """Mentions of one act in one sentence: a same-category trigger inside another's clause, or conjoined
        predicates sharing a subject ("arrived ... and were being prepared"), are one event."""
        kept: list[_Draft] = []
        for draft in drafts:
            host = next((k for k in kept if _same_act(k, draft)), None)
            if host is None:
                kept.append(draft)
            else:
                _absorb(host, draft)
        anchors = {k.anchor.i for k in kept}
        for draft in kept:
            verb = draft.anchor
            if verb.dep_ == "conj" and verb.head.i in anchors and not any(c.dep_.startswith("nsubj")
                                                                          for c in verb.children):
                # a conjoined act kept apart ("fired at Slovyansk ... and hit Kramatorsk") shares its subject with
                # the first: its evidence starts at its own verb, not over the first act's words
                draft.span = (min(verb.idx, draft.span[1]), draft.span[1])
        return kept

    def _merge(self, drafts: list[_Draft]) -> list[_Draft]:
        """Across sentences: an elaboration of a violent event with casualties ("The casualties were reported
        ... in regions hit by Russian shelling") joins it; a repeated mention of the same planned act
        (same actor, category and places) joins the more precisely dated one."""
        kept: list[_Draft] = []
        for draft in drafts:
            host = None
            if draft.sense.violent and not draft.casualties and draft.time is None:
                host = next((k for k in reversed(kept) if k.sense.violent and k.casualties
                             and 0 < draft.sentence - k.sentence <= self.merge_window
                             and _compatible_agent(k, draft)), None)
            if host is None and draft.casualties and draft.sense.category == "ASSAULT" and not draft.sense.event_type:
                # "... guided bombs hit Vovchansk. Two men were killed": the toll of the attack just reported
                host = next((k for k in reversed(kept) if k.sense.violent and k.sense.event_type and not k.casualties
                             and 0 < draft.sentence - k.sentence <= self.merge_window
                             and _compatible_agent(k, draft)), None)
                if host is not None:
                    _absorb(host, draft)
                    host.victims, host.victim_token = host.victims or draft.victims, host.victim_token or \
                        draft.victim_token
                    host.span = (min(host.span[0], draft.span[0]), max(host.span[1], draft.span[1]))
                    continue
            if host is None and draft.sense.violent:
                host = next((k for k in reversed(kept) if _retold(k, draft, RETOLD_WINDOW)), None)
                if host is not None:
                    # the same attack told again ("The attack using HIMARS killed two diners" after "a missile
                    # strike killed three people"): one event, whose evidence is its first mention (news leads
                    # with the fullest) unless the later one places it better
                    if len(draft.places) > len(host.places):
                        host.span, host.trigger, host.anchor = draft.span, draft.trigger, draft.anchor
                    casualties = host.casualties
                    _absorb(host, draft)
                    host.casualties = casualties or draft.casualties  # one toll, not two counts of it
                    continue
            if host is None and not draft.sense.violent:
                host = next((k for k in kept if _repeated(k, draft)), None)
            if host is None:
                kept.append(draft)
                continue
            if not draft.sense.violent and _finer(draft, host):
                kept[kept.index(host)] = draft
                _absorb(draft, host)
            else:
                _absorb(host, draft)
        return kept

    # --- output ------------------------------------------------------------------------------------------

    def _learned_type(self, doc: Doc, draft: _Draft, sense: Sense) -> Sense:
        """The typer's ACLED sub-type for an event the rules coded as an ACLED event, where the encoder read the
        Doc and the typer is sure enough (acled_typing.ABSTAIN_BELOW); else the rules' sense."""
        if self.typer is None or doc._.encoding is None or not sense.event_type:
            return sense
        span = doc.char_span(*draft.span, alignment_mode="expand")
        if span is None or len(span) < LEARNED_TYPE_MIN_WORDS:
            span = doc[draft.trigger.head].sent
        reading = self.typer.classify(pooled(doc._.encoding[span.start:span.end]), [t.text for t in span])
        if reading is None:
            return sense
        sub_event_type, event_type, _ = reading
        return replace(sense, event_type=event_type, sub_event_type=sub_event_type,
                       disorder=acled.DISORDER_OF_EVENT_TYPE.get(event_type, sense.disorder))

    def _finish(self, doc: Doc, n: int, draft: _Draft, inputs: "_Inputs") -> Event:
        head = doc[draft.trigger.head]
        sense = self.lex.acled_coded(draft.sense)
        killed = any(c.kind == "killed" and c.victims != "military" for c in draft.casualties) and not any(
            c.victims == "military" for c in draft.casualties)
        if sense.event_type == "Violence against civilians" and not sense.specific and draft.victims != "civilians":
            # ACLED codes an unspecified attack as violence against civilians only when civilians are its victims;
            # one told only by its dead, none of them combatants, is remote fire (see REMOTE_KILLING)
            sense = replace(sense, event_type=REMOTE, sub_event_type=SHELLING) if killed else replace(
                sense, event_type="Battles", sub_event_type="Armed clash")
        elif REMOTE_KILLING and sense.category == "ASSAULT" and not sense.event_type and killed \
                and self.lex.casualty_verbs.get(head.lemma_.lower()):
            # "Four people were killed in Russian-occupied parts of Ukraine": a toll with no attack named
            sense = replace(sense, disorder="Political violence", event_type=REMOTE, sub_event_type=SHELLING)
        if sense.violent and not sense.specific and sense.sub_event_type == "Armed clash" and _hits_structure(
                head, draft, self.lex):
            sense = replace(sense, event_type=REMOTE, sub_event_type=SHELLING)  # "the attack on a TV tower"
        sense = self._learned_type(doc, draft, sense)
        if sense.event_type and sense.category == "ASSAULT" and _cyber(draft, head, self.lex):
            # "Russian state hackers attacked Germany in cyberspace": ACLED codes no cyber operation (no political
            # violence); PLOVER's ASSAULT stays, mode cyber
            sense = replace(sense, disorder="", event_type="", sub_event_type="", mode="cyber")
        actor1 = inputs.actor_for(draft.agent, head, violent=sense.violent)
        if sense.category == "COERCE" and sense.mode == "destroy" and not sense.event_type and _hits_structure(
                head, draft, self.lex) and ((actor1 is not None and actor1.kind == "military")
                                            or _armed_force(draft.agent, self.lex)):
            # "Russia's military has reported destroying key pieces of Ukraine's infrastructure": an armed force
            # destroys a structure by striking it, remote violence (ACLED keeps "Destruction of property" for
            # destruction without violence)
            sense = replace(sense, disorder="Political violence", event_type=REMOTE, sub_event_type=SHELLING)
            actor1 = inputs.actor_for(draft.agent, head, violent=True)
        if draft.sense.mode == "occupy" and sense.sub_event_type == "Armed clash":
            sense = replace(sense, sub_event_type=_territory_type(head, actor1, draft.places))
        actor2 = None
        if draft.victim_token is not None and draft.victims:
            actor2 = inputs.victim_actor(draft.victim_token, draft.victims, draft)
        elif sense.category != DISPLACEMENT:
            for option in [draft.patient] + draft.patient_options:
                actor2 = inputs.actor_for(option, head, violent=sense.violent)
                if actor2 is not None and (actor1 is None or actor2.id != actor1.id):
                    break  # "between Putin and Biden": the first other party
        if actor2 is not None and actor1 is not None and actor2.id == actor1.id:
            actor2 = None
        # "discussed the situation with Macron, Scholz, Biden, Johnson and Michel": every counterpart is a party,
        # the ones after the first as associated actors (ACLED's assoc_actor), so a readout of any of these talks
        # on the other side shares both its parties with this one.
        assoc: list[str] = []
        parties = list(draft.counterparts)
        if draft.counterparts and draft.agent is not None:
            # "Austin and Blinken met with Zelenskyy": the subject's conjuncts are parties too
            parties += [c for c in draft.agent.children if c.dep_ == "conj" and c not in parties]
        for token in parties:
            other = inputs.actor_for(token, head, violent=False)
            if other is not None and other.id not in {actor1.id if actor1 else "", actor2.id if actor2 else ""}:
                assoc.append(other.id)
        trigger_ev = evidence(doc, doc[draft.trigger.start].idx, doc[draft.trigger.end - 1].idx
                              + len(doc[draft.trigger.end - 1].text))
        start, end = draft.span
        reported_by = list(dict.fromkeys(draft.reported_by + inputs.claims_containing(trigger_ev.start)))
        if not draft.places and (sense.violent or sense.category == DISPLACEMENT):
            # "Ukraine's health minister said 198 civilians had been killed", "1,775 people have been evacuated,
            # Kharkiv regional governor Oleh Syniehubov wrote": a toll or an evacuation the text places nowhere is
            # the reporting official's, in his jurisdiction (the place his title names)
            draft.places = inputs.jurisdiction(reported_by)
        places = [p.id for p in draft.places]
        return Event(
            id=f"E{n}",
            trigger=trigger_ev,
            disorder_type=sense.disorder,
            event_type=sense.event_type,
            sub_event_type=sense.sub_event_type,
            plover_category="" if sense.category == DISPLACEMENT else sense.category,
            plover_mode=sense.mode,
            actor1=actor1.id if actor1 else None,
            actor2=actor2.id if actor2 else None,
            assoc_actors=list(dict.fromkeys(assoc)),
            places=list(dict.fromkeys(places)),
            time=draft.time.id if draft.time else None,
            casualties=draft.casualties,
            status=draft.status,  # type: ignore[arg-type]
            territory_change=draft.territory_change,
            reported_by=reported_by,
            evidence=evidence(doc, start, end),
        )


# An event's confidence (model.Event.confidence): how strongly the rules found the act. A base for a trigger read in
# its clause past every filter, and a share for each thing a coder looks for that the text gives (they sum to 1).
# A ranking score, not a calibrated probability. Measured on the news dev set (issue 14, both profiles): correct
# events average 0.69, wrong or spurious ones 0.62, AUC 0.67. The accurate profile's learned detector was tried as
# the confidence and ranked worse there (measured when this strength had AUC 0.71: the detector's probability alone
# 0.54, the two averaged 0.61), so it only drops the clearest non-events (keep_at_least) and the confidence is this
# strength in both profiles.
STRENGTH_BASE = 0.3
STRENGTH_VERB = 0.2  # a verb reports the act ("shelled", "held talks"), not a bare noun ("the shelling")
STRENGTH_OWN_DATE = 0.15  # the act's own clause dates it (not the sentence's or the report's news day)
STRENGTH_PLACE = 0.15  # a place below the country (a town, a district, a region)
STRENGTH_SIDE = 0.1  # who acted is named
STRENGTH_VICTIMS = 0.1  # victims are counted


def rule_strength(event: Event, verbal: bool, own_date: bool, places: dict[str, PlaceMention]) -> float:
    """The rules' confidence in an event, 0-1 (see STRENGTH_BASE and the terms after it)."""
    placed = any(places[p].precision not in (None, "country") for p in event.places if p in places)
    score = STRENGTH_BASE + STRENGTH_VERB * verbal + STRENGTH_OWN_DATE * own_date + STRENGTH_PLACE * placed \
        + STRENGTH_SIDE * bool(event.actor1) + STRENGTH_VICTIMS * bool(event.casualties)
    return round(min(score, 1.0), 4)


def _details(anchor: Token) -> int:
    """Names and figures in the clause of an event's predicate (proper nouns and numbers, its appositions too: "five
    villages ... Borysivka, Ohirtseve, Pletenivka"): how much a mention tells."""
    return sum(t.pos_ in ("PROPN", "NUM") for t in anchor.subtree)


def _cyber(draft: _Draft, head: Token, lex: EventLexicon) -> bool:
    """The attack is a cyber operation: a cyber word (cyber_word role) in its clause or among its agent's words."""
    words = list(head.subtree) + ([*draft.agent.subtree] if draft.agent is not None else [])
    return any(lex.role(t.lemma_.lower(), "cyber_word") or lex.role(t.lower_, "cyber_word") for t in words)


def _back_reference(trigger: Token) -> bool:
    """A noun trigger with a definite or possessive determiner ("the meeting", "their talks"): an act told before."""
    return trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in trigger.children)


# --- inputs from the other components ------------------------------------------------------------------------


class _Inputs:
    """The other components' objects indexed by character offset."""

    def __init__(self, doc: Doc, lex: EventLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.actors: list[Actor] = list(doc._.actors)
        self.places: list[PlaceMention] = list(doc._.places)
        self.times: list[TimeExpression] = list(doc._.times)
        self.quantities: list[Quantity] = list(doc._.quantities)
        self.claims: list[Claim] = list(doc._.claims)
        self.new_actors: list[Actor] = []
        self.entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        self._mentions = sorted(((m.start, m.end, a) for a in self.actors for m in a.mentions), key=lambda x: x[0])
        self._frames: list[tuple[int, int]] | None = None
        self.titles: frozenset[str] = frozenset()  # words for an office ("president"): its holder may follow

    def publish(self, doc: Doc) -> None:
        """The ACLED-named actors the events refer to go into doc._.actors, so their ids resolve."""
        if self.new_actors:
            doc._.actors = self.actors

    def in_hypothetical_frame(self, token: Token) -> bool:
        """Whether the token's paragraph holds an imperative framing verb ("Just imagine ...", "Suppose ...")."""
        if self._frames is None:
            self._frames = [_paragraph_bounds(self.doc, cue) for cue in self.doc if _is_frame_cue(cue, self.lex)]
        return any(start <= token.idx < end for start, end in self._frames)

    def evidence_of(self, first: Token, last: Token):  # -> Evidence
        tokens = list(first.subtree) + [last]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        return evidence(self.doc, start, end)

    # places, times, claims

    def places_in(self, tokens: list[Token], anchor: Token) -> list[PlaceMention]:
        starts = {t.idx for t in tokens}
        out = []
        for mention in self.places:
            if mention.role not in ("location", "mention") and mention.role != "":
                continue
            if mention.evidence.start not in starts:
                continue
            if _is_reference(self.doc, mention) or self._in_actor_name(mention) or self._in_title(mention):
                continue
            out.append(mention)
        anchors = {m.anchor for m in out if m.anchor}
        return [m for m in out if m.id not in anchors]

    def time_in(self, tokens: list[Token], head: Token) -> TimeExpression | None:
        starts = {t.idx for t in tokens}
        best = None
        for expression in self.times:
            dated = expression.type in ("DATE", "TIME") and (expression.start or expression.value)
            anchored_span = expression.type == "DURATION" and expression.start and expression.end  # "the past day"
            if not (dated or anchored_span):
                continue
            if expression.evidence.start in starts:
                distance = abs(expression.evidence.start - head.idx)
                if best is None or distance < best[0]:
                    best = (distance, expression)
        return best[1] if best else None

    def _dated(self, expression: TimeExpression) -> bool:
        return bool(expression.type in ("DATE", "TIME") and (expression.start or expression.value)
                    or expression.type == "DURATION" and expression.start and expression.end)

    def context_time(self, head: Token) -> TimeExpression | None:
        """A dated expression of the trigger's sentence (the nearest), else the news day (see _context)."""
        sent = head.sent
        lo, hi = sent.start_char, sent.end_char
        inside = [e for e in self.times if self._dated(e) and e.start and lo <= e.evidence.start < hi]
        if inside:
            return min(inside, key=lambda e: abs(e.evidence.start - head.idx))
        published = self.doc._.published
        if published is None:
            return None
        first, last = (published - dt.timedelta(days=NEWS_DAYS)).isoformat(), published.isoformat()
        news = [e for e in self.times if self._dated(e) and e.start and e.granularity in DAY_GRANULARITIES
                and first <= str(e.start)[:10] <= last and str(e.end or e.start)[:10] <= last]
        before = [e for e in news if e.evidence.start < lo]
        if before:
            return max(before, key=lambda e: e.evidence.start)
        after = [e for e in news if e.evidence.start >= hi]
        return min(after, key=lambda e: e.evidence.start) if after else None

    def _in_actor_name(self, mention: PlaceMention) -> bool:
        """ "U.S." in "U.S. President Joe Biden" and "Costa Rica" in "the President of Costa Rica" are part of a
        title, not where anything happened (an actor mention that is the place itself, "Ukraine", is not a title)."""
        where = (mention.evidence.start, mention.evidence.end)
        return any(start <= where[0] and where[1] <= end and (start, end) != where
                   for start, end, _ in self._mentions)

    def jurisdiction(self, claim_ids: list[str]) -> list[PlaceMention]:
        """The places named in the titles of the sources of these claims ("Ukraine's health minister", "Kharkiv
        regional governor"), first claim first."""
        by_id = {c.id: c for c in self.claims}
        out: list[PlaceMention] = []
        for claim_id in claim_ids:
            source = by_id[claim_id].source_mention if claim_id in by_id else None
            if source is None:
                continue
            span = self.doc.char_span(source.start, source.end, alignment_mode="expand")
            if span is None:
                continue
            lo, hi = span[0].idx, span[-1].idx + len(span[-1].text)
            tokens = [t for t in span.root.subtree]
            lo, hi = min(lo, tokens[0].idx), max(hi, tokens[-1].idx + len(tokens[-1].text))
            out += [m for m in self.places if lo <= m.evidence.start < hi and m.place is not None
                    and self._in_title(m) and m not in out]
        return out[:1]

    def _in_title(self, mention: PlaceMention) -> bool:
        """ "the President of Costa Rica", "the US President's adviser": the country of a person's title says whom
        the event involves, not where it took place (ACLED codes a talk where it was held)."""
        span = self.doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
        if span is None:
            return False
        root, titles = span.root, person_titles()
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in titles:
            return True
        return root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.lemma_.lower() in titles

    def is_background(self, expression: TimeExpression) -> bool:
        """A time that ended more than BACKGROUND_DAYS before publication, at a month's or a year's granularity
        ("in March 2014", "the 2022 invasion"), or more than a year before at any ("on March 1, 2022" in 2024); a
        day a few months back ("a strike in Kharkiv on January 2", a caption) still dates a reported event."""
        published = self.doc._.published
        last = str(expression.end or expression.start or "")[:10]
        if published is None or not last:
            return False
        try:
            days = (published - dt.date.fromisoformat(last)).days
        except ValueError:
            return False
        coarse = expression.granularity not in DAY_GRANULARITIES
        return days > BACKGROUND_YEAR_DAYS or (coarse and days > BACKGROUND_DAYS)

    def is_future(self, expression: TimeExpression) -> bool:
        published = self.doc._.published
        if published is None and self.doc._.published_inferred:
            published = self.doc._.published_inferred[0]
        if published is None or not expression.start:
            return False
        return str(expression.start)[:10] > str(published)[:10]

    def is_claim_cue(self, trigger: Trigger) -> bool:
        """A trigger that is a claim's cue ("dismissed", "claimed") is speech the claims component records."""
        start = self.doc[trigger.start].idx
        return any(c.cue is not None and c.cue.start <= start < c.cue.end for c in self.claims) or any(
            a <= start < b for a, b in self.doc._.unrecorded_cues or ())  # words the claims scheme left out

    def claims_containing(self, offset: int) -> list[str]:
        return [c.id for c in self.claims if c.content is not None and c.content.start <= offset < c.content.end]

    # quantities

    def quantity_in(self, token: Token, exclude_children: tuple[str, ...] = ()) -> Quantity | None:
        """The count of people in a phrase: a percentage ("27 percent of the victims") or a sum of money counts
        nobody, so only quantities of kind "count" are casualty figures."""
        tokens = [token] + [t for c in token.children if c.dep_ not in exclude_children for t in c.subtree]
        lo = min(t.idx for t in tokens)
        hi = max(t.idx + len(t.text) for t in tokens)
        for quantity in self.quantities:
            if quantity.kind != "count":
                continue
            if lo <= quantity.evidence.start < hi and not (
                exclude_children and quantity.evidence.start > token.idx + len(token.text)
            ):
                return quantity
        return None

    # actors

    def actor_for(self, token: Token | None, trigger: Token, violent: bool) -> Actor | None:
        """The actor a phrase names: the actors component's actor by span, a pronoun's antecedent, or a country
        from the demonym list; state actors of violent events become ACLED "Military Forces of X" (inter 1)."""
        if token is None:
            return None
        if token.lower_ in FIRST_PERSON:  # "I just spoke with ...": the statement's or the turn's speaker
            speaker = first_person_speaker(token, self.claims, self.actors)
            if speaker is not None:
                return speaker
        if token.lower_ in _PRONOUNS:
            token = _antecedent(token, self.lex) or token
        actor = self._mentioned(token)
        country = actor.country if actor else ""
        name = ""
        if actor is None or (violent and actor.kind in ("government", "military", "unnamed", "group")):
            iso, name = self._country_of(token)
            country = country or iso
        if violent and country and (actor is None or actor.kind in ("government", "military", "unnamed", "group")):
            return self._acled_actor(acled.military_forces(self.lex.country_names.get(country, name or country)),
                                     "military", country, acled.INTER_STATE, token)
        if actor is not None:
            return actor
        if country:
            known = next((a for a in self.actors if a.country == country and a.kind == "government"), None)
            if known is not None:  # "North Korean troops": the country's government the actors component found
                return known
            return self._acled_actor(self.lex.country_names.get(country, name), "government", country, None, token)
        return None

    def victim_actor(self, token: Token, victims: str, draft: _Draft) -> Actor | None:
        if victims == "military":
            iso, name = self._country_of(token)
            if not iso:
                return None
            return self._acled_actor(acled.military_forces(self.lex.country_names.get(iso, name)), "military", iso,
                                     acled.INTER_STATE, token)
        country = next((p.place.country for p in draft.places if p.place and p.place.country), "")
        iso, _ = self._country_of(token)
        country = iso or country
        label = acled.civilians(self.lex.country_names.get(country, country) if country else "")
        return self._acled_actor(label, "group", country, acled.INTER_CIVILIANS, token)

    def _mentioned(self, token: Token) -> Actor | None:
        words = [t for t in token.subtree if t.dep_ not in ("relcl", "prep", "acl", "appos")] or [token]
        lo = min(t.idx for t in words)
        hi = max(t.idx + len(t.text) for t in words)
        best = None
        for start, end, actor in self._mentions:
            if start < hi and lo < end:
                overlap_head = start <= token.idx < end
                if best is None or overlap_head:
                    best = actor
                    if overlap_head:
                        break
        if best is None and token.lemma_.lower() in self.titles:
            # "President of the People's Republic of China Xi Jinping": the office's holder is named inside its
            # "of" phrase or apposition; the last person named in the phrase is who holds it
            lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
            for start, end, actor in self._mentions:
                if lo <= start and end <= hi and actor.kind == "person":
                    best = actor
            if best is None:
                best = self._untagged_holder(token)
        return best

    def _untagged_holder(self, title: Token) -> Actor | None:
        """A person named at the end of an office's phrase that the tagger left untagged ("President of the
        People's Republic of China Xi Jinping": "Xi Jinping" is in no entity): two or more capitalized proper
        nouns outside every entity, as a person actor."""
        clauses = {t.i for c in title.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
        run: list[Token] = []
        for token in reversed([t for t in title.subtree if t.i not in clauses and not t.is_punct]):
            if token.pos_ == "PROPN" and token.text[:1].isupper() and not token.ent_type_ and token.i > title.i:
                run.insert(0, token)
            else:
                break
        if len(run) < 2:
            return None
        name = " ".join(t.text for t in run)
        return self._acled_actor(name, "person", "", None, run[0]) if name else None

    def _country_of(self, token: Token) -> tuple[str, str]:
        """The country a phrase's own modifiers name ("Russian occupiers", "Ukraine's army"); a place inside a
        prepositional phrase ("the occupiers in the Kyiv region") is where they are, not whose they are."""
        words = [token]
        for word in words:
            words.extend(c for c in word.children if c.dep_ in ("amod", "compound", "poss", "nmod"))
        for word in words:
            ent = self.entity_at.get(word.i)
            for text in ([ent.text] if ent is not None else []) + [word.text]:
                text = text.removeprefix("the ").removesuffix("'s")
                if text in self.lex.countries:
                    return self.lex.countries[text]
        return "", ""

    def _acled_actor(self, name: str, kind: str, country: str, inter: int | None, token: Token) -> Actor:
        mention = self.evidence_of(token, token)
        for actor in self.actors:
            if actor.name == name:
                if all(m.start != mention.start for m in actor.mentions):
                    actor.mentions.append(mention)
                return actor
        actor = Actor(id=f"A-ev{len(self.new_actors) + 1}", name=name, kind=kind,  # type: ignore[arg-type]
                      country=country, inter_code=inter, mentions=[mention])
        self.new_actors.append(actor)
        self.actors.append(actor)
        return actor


# --- small parse helpers -----------------------------------------------------------------------------------

# Categories whose object is where the act happens ("captured the town of X", "visited Germany"), so a place
# there is the event's place; for the others ("sent weapons to Russia") a named country is a counterpart.
_PLACE_TAKING = frozenset({"ASSAULT", "CONSULT", "MOBILIZE", "COERCE", "PROTEST", DISPLACEMENT})
_GOVERNORS = frozenset({"set", "plan", "schedule", "expect", "intend", "try", "attempt", "seek", "continue", "be",
                        "have", "begin", "start", "want", "need", "decide", "go"})


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """The one-word titles of people ("president", "minister") of the actors' title list (actors/titles.tsv)."""
    return frozenset(title for title, *_ in lexicons.read_rows("actors/titles.tsv") if " " not in title)


def _in_headline(token: Token) -> bool:
    """A trigger on a short title-case line (a headline, promo or related link) is not a reported event:
    the body reports the same thing with its arguments."""
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = end if end >= 0 else len(text)
    if end - start > 200:
        return False
    line = text[start:end]
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    if not (0 < len(words) <= 20 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)):
        return False
    # a full sentence that ends with its period is body text, however many names it holds ("Vladimir Putin is
    # holding a meeting with Secretary-General of the United Nations Antonio Guterres in the Kremlin."); a headline
    # has no closing period
    sent = token.sent
    finite = any(any(c.dep_.startswith("nsubj") for c in t.children) and (
        t.tag_ in ("VBZ", "VBD", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in t.children)) for t in sent)
    return not (line.rstrip().endswith(".") and finite)


# Categories whose act is done by saying it: a threat or a rejection of a named thing is an event a coder records
# ("threatened a strike", "rejected a peace plan") though the claims component records the words too.
SPEECH_ACTS = frozenset({"THREATEN", "REJECT"})


def _act_by_speech(head: Token, draft: _Draft, lex: EventLexicon) -> bool:
    """A claim cue that is itself the act: THREATEN or REJECT with a noun object that is no claim ("rejected a peace
    plan"; not "rejected the claims", which the speech_object words catch), or an approval of aid or sanctions."""
    if head.pos_ != "VERB":
        return False
    if lex.role(head.lemma_.lower(), "announce_act") and draft.sense.category in ("AID", "SANCTION"):
        return True  # "approved a $61bn package of military aid": the approval makes the aid
    if draft.sense.category == "AGREE" and lex.role(head.lemma_.lower(), "agreement_verb") and any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in ("to", "on")) for c in head.children):
        return True  # "agreed to withdraw its troops", "agreed on a ceasefire": the agreement is made by saying it
    if draft.sense.category not in SPEECH_ACTS:
        return False
    return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and not lex.role(c.lemma_.lower(), "speech_object")
               for c in head.children)


def _meeting_trip(head: Token, lex: EventLexicon) -> bool:
    """A meeting in the purpose clause of a journey ("travelled to St Petersburg to meet Mr Putin", "travelling
    to Germany to meet the chancellor"): PLOVER CONSULT covers visits, and the trip is where and when it is."""
    sense = lex.sense_of(head)
    return (sense is not None and sense.category == "CONSULT" and head.dep_ in ("advcl", "xcomp")
            and head.head.pos_ == "VERB" and lex.role(head.head.lemma_.lower(), "journey"))


def _reported(draft: _Draft) -> bool:
    """GUIDELINES.md's rule for what a coder records: what happened, is happening or a party claims; a planned or
    canceled act only with a date of its own; never a hypothetical one (the status reading still tells them
    apart where ``keep_unreported`` keeps them)."""
    if draft.status == "hypothetical":
        return False
    if draft.status in ("planned", "canceled", "attempted"):
        return draft.time is not None
    return True


def _generic(head: Token, lex: EventLexicon) -> bool:
    """Acts a reader cannot place as one occurrence (GUIDELINES.md: generic or rhetorical, no event):
    an instruction to the reader ("Sign up ..."), fighting *for* a cause ("fight for their freedom"), fighting by
    anyone at all ("all who fight", "those killed"), "seize on" (exploit), and a nominal act the text only
    imagines ("a possible offensive", "a future attack")."""
    if head.tag_ == "VB" and head.dep_ in ("ROOT", "dep", "dobj", "parataxis") and not any(
            c.dep_.startswith("nsubj") or c.dep_ == "aux" for c in head.children):
        return True
    lemma = head.lemma_.lower()
    sense = lex.sense_of(head)
    objects = [c for c in head.children if c.dep_ == "dobj"]
    if lemma == "strike" and head.pos_ == "VERB" and any(lex.role(o.lemma_.lower(), "struck_figure") for o in objects):
        return True  # "struck a deal", "struck a balance": no attack
    if head.dep_ == "relcl" and any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in head.children):
        objects.append(head.head)  # "an opportunity that Putin is seizing"
    if head.pos_ == "VERB" and any(lex.role(o.lemma_.lower(), "abstract_object") for o in objects):
        return True  # "seizing an opportunity", "deploying scorched-earth tactics": no troops, no ground
    if any(lex.role(t.lower_, "habitual") for c in head.children if c.dep_ in ("prep", "advmod", "npadvmod")
           for t in c.subtree):
        return True  # "has met Lukashenko on several occasions", "repeatedly": a habit, not one occurrence
    if any(c.lower_ == "to" and c.dep_ in ("prep", "aux") and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "date"
           for c in head.children):
        return True  # "has to date pledged almost £12bn" (to: a preposition, or misread as an aux): a running total
    if lex.role(lemma, "failure_verb"):
        return True  # "tried and failed to down the tower", "have failed in their campaign": nothing done
    if head.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in head.children) and any(
            c.dep_ == "neg" or lex.role(c.lower_, "negator") for c in head.head.children):
        return True  # "will not change the course ... and prevent Russia from winning": the negation is shared
    if head.dep_ == "ROOT" and head.tag_ == "VB" and any(c.tag_ == "TO" for c in head.children):
        return True  # "To prevent Ukraine from becoming ...": a purpose with nothing done
    if head.tag_ == "VBG" and head.dep_ == "acl" and sense is not None and sense.violent:
        return True  # "contractors fighting in Ukraine": who they are, not what happened
    if head.dep_ in ("acl", "ccomp", "relcl") and lex.role(head.head.lemma_.lower(), "false_report"):
        return True  # "fakes that I allegedly fled": the act a denied rumour tells
    if lemma == "hail" and any(c.dep_ == "prep" and c.lower_ == "from" for c in head.children):
        return True  # "the country she hails from": where she comes from
    if head.tag_ == "VBG" and head.dep_ in ("csubj", "csubjpass"):
        return True  # "Defending Ukraine against Russia's ambitions is ...": an activity, no occurrence
    if sense is not None and sense.category in ("ACCUSE", "THREATEN") and head.pos_ == "VERB" and not any(
            c.dep_ in ("dobj", "dative") for c in head.children):
        return True  # "Macron warned (that ...)", "the republics had alleged": words, recorded as claims
    if head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and lex.role(c.lower_, "standing_adjective")
                                               for c in head.children):
        return True  # "the current sanctions", "the ongoing war": a standing state, no new act
    agent = _by_agent(head) if head.pos_ == "VERB" else None
    if agent is not None and lex.role(agent.lemma_.lower(), "generic_cause"):
        return True  # "Millions have been displaced by the war": a sum of the war, no one occurrence
    if head.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in ("during", "in", "throughout") and any(
            p.dep_ == "pobj" and lex.role(p.lemma_.lower(), "war_noun") for p in c.children) for c in head.children):
        return True  # "a relative who has been killed during Russia's war": the war's toll, no one occurrence
    if head.dep_ == "relcl" and sense is not None and sense.violent and (
            (noun_sense := lex.sense_of(head.head)) is not None and noun_sense.violent):
        return True  # "the existential battle Ukraine is fighting": the noun's own act described, nothing new
    if any(c.dep_ == "advmod" and lex.role(c.lower_, "rhetoric_adverb") for c in head.children):
        return True  # "continue to fight bravely": praise, not a report
    if sense is not None and sense.mode == "occupy" and head.dep_ == "acl" and head.head.ent_type_ not in (
            "GPE", "LOC", "FAC"):
        return True  # "weapons captured from Ukrainian forces": materiel taken, no ground
    if head.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "for" and any(
            g.dep_ == "amod" and lex.role(g.lower_, "irrealis_adjective") for p in c.children for g in p.children)
            for c in head.children):
        return True  # "prepares for a potential conflict": readiness for what may come
    if lex.role(lemma, "stance_verb") and (head.tag_ in ("VBZ", "VBP") or (head.tag_ == "VB" and any(
            c.dep_ == "nsubj" for c in head.children))) and not any(
            c.dep_ in ("aux", "auxpass") for c in head.children):
        return True  # "The EU condemns ...", "urges Russia to ...": a standing position, recorded as a claim
    violent = sense is not None and sense.violent
    if violent and head.pos_ == "VERB":
        preps = [c for c in head.children if c.dep_ == "prep"]
        if lemma == "seize" and any(lex.role(c.lower_, "exploit_preposition") and not any(
                t.ent_type_ in ("DATE", "TIME") for t in c.subtree) for c in preps):
            return True
        if any(lex.role(c.lower_, "cause_purpose") and not any(
                t.ent_type_ in ("GPE", "LOC", "FAC", "DATE") for t in c.subtree) for c in preps):
            return True
    noun = head.head if head.dep_ in ("acl", "relcl") else None
    if noun is not None and (lex.role(noun.lower_, "generic_subject") or (
            head.dep_ == "relcl" and lex.role(noun.lower_, "generic_subject"))):
        return True
    if head.dep_ == "relcl" and any(lex.role(c.lower_, "generic_subject") for c in head.head.subtree
                                    if c.i < head.i and c.dep_ in ("det", "predet", "nsubj", "pobj")):
        return True
    if head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and lex.role(c.lower_, "irrealis_adjective")
                                               for c in head.children):
        return True
    return False


def _intent_passive(head: Token) -> bool:
    """An intention adjective the tagger read as a passive verb, with what it is bent on: "are committed to
    victory", "is prepared to strike" (but "were being prepared for deployment" is troops made ready: an act)."""
    if head.lower_ not in INTENT_ADJECTIVES or not any(c.dep_ == "auxpass" for c in head.children):
        return False
    if any(c.dep_ == "auxpass" and c.lower_ == "being" for c in head.children):
        return False
    return any((c.dep_ == "prep" and c.lower_ == "to") or (c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children))
               for c in head.children)


def _placed_below_country(clause: Token, lex: EventLexicon) -> bool:
    """The clause names a place that is no country (a town, an island, a site): GPE, LOC or FAC entities outside the
    country list."""
    if any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.ent_iob_ == "B" and t.text not in lex.countries
           and t.doc[t.i:t.i + 2].text.removeprefix("the ") not in lex.countries for t in clause.subtree):
        return True
    # the places component's reading too, where the small model tagged no entity ("after an explosion in Donetsk")
    starts = {t.idx for t in clause.subtree}
    return any(m.evidence.start in starts and m.place is not None and m.role == "location"
               and m.precision in ("exact", "near", "admin2")
               for m in (clause.doc._.places or ()))


def _onset(gerund: Token, lex: EventLexicon) -> bool:
    """A gerund that is how an act began or answered ("started with threatening sanctions", "responded by shelling
    the port"): the act itself, not a topic (the preposition's head is an onset verb)."""
    prep = gerund.head
    return prep.lower_ in ("with", "by") and lex.role(prep.head.lemma_.lower(), "onset_verb")


TERRITORY_FILE = "events/territory.tsv"
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"


@lru_cache(maxsize=1)
def regaining_verbs() -> frozenset[str]:
    """The verbs of regaining ground (data/events/territory.tsv, after ACLED's codebook)."""
    rows = lexicons.read_rows(TERRITORY_FILE)
    return frozenset(row[0] for row in rows[1:] if row and row[0])  # after the header row


def _territory_type(head: Token, actor: Actor | None, places: list[PlaceMention]) -> str:
    """ACLED's sub-type for taking ground (data/events/territory.tsv): a state's forces regaining a place in their own
    country, a non-state armed group taking one, else an armed clash."""
    if actor is None:
        return "Armed clash"
    if actor.inter_code in (2, 3) or actor.kind == "armed_group":
        return NON_STATE_OVERTAKES
    countries = {p.place.country for p in places if p.place is not None and p.place.country}
    if (head.lemma_.lower() in regaining_verbs() or head.lower_ in regaining_verbs()) and actor.kind in ("military", "government") and actor.country and (
            countries == {actor.country}):
        return GOVERNMENT_REGAINS
    return "Armed clash"


def _armed_force(agent: Token | None, lex: EventLexicon) -> bool:
    """The agent is an armed force ("Russian troops", "the soldiers"): the victims' word list calls it military
    (casualties.tsv); an actor the actors component typed military ("Russia's military") counts too."""
    if agent is None:
        return False
    words = [agent, *(c for c in agent.children if c.dep_ in ("compound", "amod"))]
    return any(lex.victims.get(w.lemma_.lower()) == "military" for w in words)


def _topic(noun: Token, lex: EventLexicon) -> bool:
    """A nominal act that is what someone spoke about ("commented on the grain crisis, negotiations with Turkey"):
    a topic, not a report that it happened."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "dobj" and lex.role(noun.head.lemma_.lower(), "topic_verb"):
        return True  # "commented on the grain crisis, negotiations with Turkey": the list read as an object
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("on", "about", "regarding", "concerning"):
        return False
    verb = prep.head
    return verb.pos_ == "VERB" and (lex.role(verb.lemma_.lower(), "topic_verb") or lex.role(verb.lemma_.lower(),
                                                                                             "report"))


def _prospect(noun: Token, lex: EventLexicon) -> bool:
    """A nominal act only weighed as a prospect: "the likelihood of a successful offensive", "negotiations with the
    Kremlin were impossible"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and lex.role(noun.head.head.lemma_.lower(), "prospect_noun"):
        return True
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        return any(c.dep_ == "acomp" and lex.role(c.lemma_.lower(), "modal_predicate") for c in noun.head.children)
    return False


def _future_frame(anchor: Token, lex: EventLexicon) -> bool:
    """The act is part of what a future clause says will happen: the infinitive or the prepositional phrase of a
    verb with a future auxiliary ("will be used to deliver ammunition", "At his first meeting with the Polish prime
    minister, Sunak will seek ..."); reported speech and subordinate clauses are left alone."""
    token = anchor
    for _ in range(4):
        if token.dep_ not in ("xcomp", "pobj", "prep") or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and lex.role(c.lemma_.lower(), "future")
                                                 for c in token.children):
            return True
    return False


def _refine_purpose(draft: _Draft, by_head: dict[int, Trigger]) -> None:
    """A visit or meeting whose purpose clause asks for something is a request (PLOVER REQUEST): "visited
    Britain ... to ask Kyiv's partners for sustained military assistance"."""
    if draft.sense.category != "CONSULT":
        return
    for child in draft.anchor.children:
        trigger = by_head.get(child.i)
        if child.dep_ in ("advcl", "xcomp") and trigger is not None and trigger.sense.category == "REQUEST":
            draft.sense = replace(draft.sense, category="REQUEST", mode=trigger.sense.mode)


def _attachment(noun: Token) -> tuple[Token, str]:
    """A noun's head and relation, repairing headline attachment: a noun whose head lies before a blank line
    (the parser joined a headline to the next paragraph) is read as the subject of its own paragraph's verb. A
    conjoined noun ("missile and artillery attacks", where the parser makes "attacks" a conjunct of "missile")
    attaches where its first conjunct does."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i < noun.i:
        noun = noun.head
    head = noun.head
    if head.i < noun.i and "\n\n" in noun.doc[head.i : noun.i].text:
        verb = next((t for t in noun.doc[noun.i : noun.sent.end] if t.dep_ == "ROOT" or (
            t.pos_ in ("AUX", "VERB") and t.head.i == t.i)), None)
        if verb is not None:
            return verb, "nsubj"
    return head, noun.dep_


def _first_casualty(verb: Token, lex: EventLexicon) -> Token:
    """The first of conjoined casualty verbs ("were killed and eight were wounded in attacks")."""
    while verb.dep_ == "conj" and lex.casualty_verbs.get(verb.head.lemma_.lower()):
        verb = verb.head
    return verb


def _casualty_chain(verb: Token, lex: EventLexicon) -> list[Token]:
    return [verb] + [c for c in verb.children if c.dep_ == "conj" and lex.casualty_verbs.get(c.lemma_.lower())]


def _following_modifiers(noun: Token) -> list[Token]:
    """Prepositional phrases the parser hung on the verb right after a nominal trigger ("a strike in Kharkiv
    on January 2" where "on January 2" attaches to the verb): they still date and place the noun."""
    verb = noun
    while verb.dep_ in ("pobj", "prep") and verb.head.i != verb.i:
        verb = verb.head
    end = noun.right_edge.i
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ == "prep" and child.i == end + 1:
            out.extend(child.subtree)
            end = child.right_edge.i
    return out


def _governed_by(token: Token, head: Token) -> bool:
    while token.i != head.i:
        if token.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "attr", "nsubj", "acl", "conj"):
            return False
        token = token.head
    return True


def _attack_of(verb: Token, by_head: dict[int, Trigger]) -> Token | None:
    """The violent trigger a casualty verb reports ("killed in a strike", "a bombing killed"), also through
    a conjoined casualty verb ("were killed and eight were wounded in Russian attacks")."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i in by_head and by_head[verb.head.i].sense.violent:
        return verb.head  # "shelled the village of Bilohorivka on Monday, killing two civilians": the shelling's toll
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    children = [c for v in verbs for c in v.children]
    for child in children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by", "during"):
            for pobj in child.children:
                trigger = by_head.get(pobj.i)
                if trigger is not None and trigger.sense.violent:
                    return pobj
        if child.dep_ == "nsubj":
            trigger = by_head.get(child.i)
            if trigger is not None and trigger.sense.violent:
                return child
    return None


def _prep_phrase(token: Token) -> str:
    """'due to' / 'because of' as one string for the preposition token heading a pobj."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.head.i == token.i or (before is not None and token.head.i == before.i):
        return f"{before.lower_} {token.lower_}"
    return token.lower_


def _occur_phrase(verb: Token, lex: EventLexicon) -> bool:
    return any(c.dep_ == "dobj" and lex.role(f"{verb.lemma_.lower()} {c.lower_}", "occur") for c in verb.children)


def _particle(verb: Token) -> str:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")


def _in_hypothesis(head: Token, lex: EventLexicon) -> bool:
    """An act in a conditional clause ("if the world had imposed sanctions") or a counterfactual main clause
    ("Russia would not have taken such a step") is not reported as having happened."""
    token = head
    while True:
        aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if "would" in aux and "have" in aux:
            return True
        if token.dep_ == "advcl" and any(
                c.dep_ == "mark" and lex.role(c.lower_, "condition") for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ in ("ccomp", "relcl"):
            return False
        token = token.head


def _is_frame_cue(token: Token, lex: EventLexicon) -> bool:
    """An imperative framing verb: no subject, or "you" ("Imagine that ...", "you can imagine" is not one)."""
    cue = lex.status_cues.get(token.lemma_.lower())
    if cue is None or cue[1] != "frame" or token.pos_ != "VERB" or token.tag_ not in ("VB", "VBP"):
        return False
    if any(c.dep_ == "aux" for c in token.children):
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not subjects or all(s.lower_ == "you" for s in subjects)


def _paragraph_bounds(doc: Doc, token: Token) -> tuple[int, int]:
    """Character span of the blank-line paragraph around a token."""
    text = doc_text(doc)
    start = text.rfind("\n\n", 0, token.idx)
    end = text.find("\n\n", token.idx)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _hits_structure(head: Token, draft: _Draft, lex: EventLexicon) -> bool:
    """The act's target is a building or installation ("attack on a TV tower", "struck the power plant", "destroyed
    key pieces of Ukraine's infrastructure")."""
    targets = [draft.patient] if draft.patient is not None else []
    targets += [c for p in head.children if p.dep_ == "prep" and p.lower_ in ("on", "against") for c in p.children
                if c.dep_ == "pobj"]
    targets += [c for c in head.children if c.dep_ == "dobj"]
    targets += [g for t in list(targets) for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj"]  # "pieces of infrastructure"
    return any(lex.role(t.lemma_.lower(), "structure") for t in targets)


def _past_perfect(token: Token) -> bool:
    """ "had rejected": an act before the report's frame, so the day the report is about does not date it; not in
    reported speech ("said its troops had liberated five villages"), where the past perfect is the reporter's
    shift of tense, not an earlier time."""
    if token.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in token.children):
        return False
    while token.head.i != token.i:
        if token.dep_ in ("ccomp", "parataxis"):
            return False
        token = token.head
    return True


def _told_as_earlier(token: Token) -> bool:
    """ "had previously imposed", "had earlier sanctioned": a past perfect that an adverb marks as earlier than the
    news, in reported speech too (where a bare past perfect is only the reporter's shift of tense)."""
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in token.children) and any(
        c.dep_ == "advmod" and c.lower_ in ("previously", "earlier", "formerly") for c in token.children)


def _progressive(token: Token) -> bool:
    """Present or present-perfect progressive ("are advancing", "have been trying"); "were killing" is past."""
    aux = [c for c in token.children if c.dep_ == "aux"]
    return token.tag_ == "VBG" and any(c.lemma_ == "be" for c in aux) and not any(
        c.tag_ == "VBD" and c.lemma_ == "be" for c in aux)


def _first_child(token: Token, deps: Iterable[str]) -> Token | None:
    for dep in deps:
        for child in token.children:
            if child.dep_ == dep:
                return child
    return None


def _subject(token: Token) -> Token | None:
    """The subject of a verb, inherited through xcomp chains ("Biden is set to visit") and conjuncts."""
    while True:
        subject = _first_child(token, ("nsubj",) if token.dep_ == "ROOT" and not token.lemma_ in _GOVERNORS
                                else ("nsubj", "nsubjpass"))
        if subject is not None:
            return subject
        if token.dep_ in ("xcomp", "conj") and token.head.i != token.i:
            token = token.head
            continue
        return None


def _by_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _pobj_of(verb: Token, preps: tuple[str, ...]) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _nationality(noun: Token, lex: EventLexicon) -> Token | None:
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.text in lex.countries:
            return child
    return None


def _antecedent(pronoun: Token, lex: EventLexicon) -> Token | None:
    """A pronoun subject in a reported clause is the reporter ("Russia claimed that it had captured")."""
    token = pronoun.head
    while token.head.i != token.i:
        if lex.role(token.head.lemma_.lower(), "report") and token.dep_ in ("ccomp", "xcomp"):
            return _first_child(token.head, ("nsubj",))
        token = token.head
    return None


def _clause_tokens(anchor: Token, head: Token, lex: EventLexicon) -> list[Token]:
    """The event's own words: the anchor predicate with its arguments, not its subordinate or parallel clauses;
    a relative clause adds the noun it describes ("regions, which were hit by shelling")."""
    tokens = [anchor]
    for child in anchor.children:
        if child.dep_ in _OUTSIDE and not (child.dep_ == "conj" and lex.casualty_verbs.get(child.lemma_.lower())):
            continue
        if child.dep_ in ("xcomp", "advcl") and child is not head and any(c.tag_ == "TO" for c in child.children):
            continue  # a purpose clause has its own places and times
        tokens.extend(child.subtree)
    if head is not anchor and head not in tokens:
        tokens.extend(head.subtree)
    # relative, participial and appositive clauses inside the arguments are the nouns' own; so is a subordinate
    # clause nested in them ("with the trip focusing on security as China pushes for influence in the Pacific")
    nested = {u.i for t in tokens if (t.dep_ in ("relcl", "acl", "appos") or (t.dep_ == "advcl" and t.head is not anchor))
              and t is not head and t is not anchor
              and not (t.dep_ == "acl" and lex.role(t.lemma_.lower(), "naming")) for u in t.subtree}
    # the name a naming participle gives ("a restaurant called Paradise") is no place of the act
    nested |= {u.i for t in tokens if t.dep_ == "oprd" and lex.role(t.head.lemma_.lower(), "naming")
               for u in t.subtree}
    tokens = [t for t in tokens if t.i not in nested]
    if anchor.dep_ == "relcl":
        noun = anchor.head
        while noun.dep_ == "conj":
            noun = noun.head
        phrase = noun.head if noun.dep_ == "pobj" else noun
        tokens.extend(t for t in phrase.subtree if t.i < anchor.left_edge.i or t.i > anchor.right_edge.i)
    return tokens


# Dependency labels that end a clause: the detector reads up to the nearest of them above the event's predicate.
_CLAUSE_HEADS = frozenset({"ROOT", "conj", "advcl", "relcl", "parataxis", "acl", "csubj", "appos", "pcomp"})
# ... and the clauses under its clause head it leaves out (parallel and subordinate ones not holding the event).
_CLAUSE_OUTSIDE = frozenset({"conj", "cc", "advcl", "relcl", "parataxis", "acl", "appos"})
# Widest reach of the clause the detector reads, in tokens each side of the trigger.
DETECTION_REACH = 30


def detection_clause(head: Token, anchor: Token) -> list[Token]:
    """The words the learned detector reads for an event, in order: the clause of the event's predicate, climbed
    through the verbs that take it as a complement ("urged Russia to withdraw", "have not seen China provide",
    "said Russia shelled"), with that clause's marker, negation and auxiliaries ("If Russia invades"), without the
    parallel or subordinate clauses that do not hold the event."""
    top = anchor if anchor.sent == head.sent else head
    while top.dep_ not in _CLAUSE_HEADS and top.head.i != top.i:
        top = top.head
    own = (head, anchor)
    words = []
    for token in top.subtree:
        path, inside = token, True
        while path.i != top.i:
            if path.dep_ in _CLAUSE_OUTSIDE and not any(path.i == t.i or path.is_ancestor(t) for t in own):
                inside = False
                break
            path = path.head
        if inside and abs(token.i - head.i) <= DETECTION_REACH and not token.is_space:
            words.append(token)
    return words or [head]


def _evidence_span(draft: _Draft, head: Token, tokens: list[Token]) -> tuple[int, int]:
    """From the first argument before the trigger (actor or victims) to the end of the event's core clause."""
    inner = {u.i for t in tokens if t.dep_ in ("appos", "relcl", "acl") and t is not head for u in t.subtree}
    core = [t for t in tokens if t.dep_ != "punct" and t.i not in inner and not t.is_space]
    words = [head] + core
    if draft.agent is not None and draft.agent.i < head.i:
        words += list(draft.agent.subtree)
    start = min(t.idx for t in words)
    end = max(t.idx + len(t.text) for t in words)
    return start, end


def _is_reference(doc: Doc, mention: PlaceMention) -> bool:
    """A place named only to locate another ("at the gates of Selydove", "south of Pokrovsk")."""
    span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
    if span is None or span.start < 2:
        return False
    before = doc[span.start - 1]
    if before.lower_ == "the" and span.start >= 3:
        before = doc[span.start - 2]
        if before.lower_ == "of":
            return doc[span.start - 3].lower_ in _DIRECTIONS
    if before.lemma_.lower() == "border":
        return True  # "areas bordering Ukraine"
    if before.lower_ in _HEADINGS:
        return True  # "advanced toward Zaporizhzhia": a heading, not where the act took place
    if before.lower_ == "of":
        word = doc[span.start - 2]
        if word.lower_ == "town" and span.start >= 5 and doc[span.start - 5].lower_ in _DIRECTIONS:
            return True
        return word.lower_ in _DIRECTIONS
    return False


# Prepositions that name where an act is heading, not where it happens.
_HEADINGS = frozenset({"toward", "towards"})


# Dependency labels that open a clause of its own: an act inside one is not the act of the clause above it.
_OWN_CLAUSE = frozenset({"advcl", "parataxis", "ccomp", "csubj"})


def _same_act(host: _Draft, other: _Draft) -> bool:
    if host.sense.category != other.sense.category:
        return False
    h, o = host.anchor, other.anchor
    conjoined = o.dep_ == "conj" and o.head.i == h.i
    if conjoined and _apart(host, other):
        return False  # "fired at Slovyansk ... and hit Kramatorsk": two strikes, each where it fell
    if not h.left_edge.i <= o.i <= h.right_edge.i:
        return conjoined
    # inside the host's phrase, but not in a clause of its own ("captured Melitopol, the agency said, as Moscow
    # launched missile attacks on Kyiv": two acts)
    token = o
    while token.i != h.i:
        when = token.dep_ == "advcl" and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark")
                                             for c in token.children)
        if (token.dep_ in _OWN_CLAUSE and not when) or token.head.i == token.i:
            return conjoined  # ("... killed three people when it hit a restaurant": one act, told twice)
        token = token.head
    return True


def _apart(host: _Draft, other: _Draft) -> bool:
    """Each of two mentions names a place of its own and they share none: acts in different places."""
    if not host.places or not other.places:
        return False
    names = {p.place.name if p.place is not None else p.evidence.text for p in host.places}
    return not names & {p.place.name if p.place is not None else p.evidence.text for p in other.places}


def _absorb(host: _Draft, other: _Draft) -> None:
    for place in other.places:
        if all(place.id != p.id for p in host.places):
            host.places.append(place)
    host.casualties.extend(other.casualties)
    host.time = host.time or other.time
    host.agent = host.agent or other.agent
    host.reported_by.extend(other.reported_by)
    if other.sense.event_type and ((other.sense.specific and not host.sense.specific) or not host.sense.event_type):
        # the typed attack decides: "killed ... by guided aerial bomb attacks" is the bombing's toll
        host.sense = replace(other.sense, category=host.sense.category)


def _agent_text(draft: _Draft) -> str:
    return draft.agent.lower_ if draft.agent is not None else ""


def _compatible_agent(host: _Draft, other: _Draft) -> bool:
    a, b = host.agent, other.agent
    if a is None or b is None:
        return True
    return a.lemma_.lower() == b.lemma_.lower() or a.text[:5].lower() == b.text[:5].lower()


def _retold(host: _Draft, other: _Draft, window: int) -> bool:
    """A violent mention within ``window`` sentences after another of the same kind: the same ACLED sub-type (or
    a generic attack after a specific one) at the same resolved place, or, with no place of its own, a generic
    definite "the attack" right after one."""
    if not host.sense.violent or not 0 < other.sentence - host.sentence <= window:
        return False
    def side(d: _Draft) -> Token | None:  # a nominal's "agent" may be the attack noun itself (nsubj of killed)
        return None if d.agent is None or d.agent.i == d.trigger.head else d.agent

    a, b = side(host), side(other)
    if a is not None and b is not None and not (a.lemma_.lower() == b.lemma_.lower()
                                                or a.text[:5].lower() == b.text[:5].lower()):
        return False
    same_kind = host.sense.sub_event_type == other.sense.sub_event_type or not other.sense.specific
    if not same_kind:
        return False
    names = {p.place.name for p in host.places if p.place is not None}
    if other.places:
        return bool(names & {p.place.name for p in other.places if p.place is not None})
    trigger = other.anchor.doc[other.trigger.head]
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children)
    return definite and (not other.sense.specific or other.sense.sub_event_type == host.sense.sub_event_type)


def _repeated(host: _Draft, other: _Draft) -> bool:
    if host.sense.category != other.sense.category or not host.places or not other.places:
        return False
    if host.agent is None or other.agent is None or host.agent.text != other.agent.text:
        return False
    names = {p.evidence.text for p in host.places}
    return names == {p.evidence.text for p in other.places}


def _finer(new: _Draft, old: _Draft) -> bool:
    def rank(d: _Draft) -> int:
        return _GRANULARITY_RANK.get(d.time.granularity or "", 9) if d.time else 10

    return rank(new) < rank(old)
