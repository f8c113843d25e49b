"""The topics of a situation report, as a Live Briefing desk files them, and how an item finds its topic.

An event finds its topic by what the record coded: a change of territory first, then its ACLED sub-event type,
its ACLED event type (sitroom's "Displacement" included), its PLOVER category ("CATEGORY/mode" before
"CATEGORY"), then the kinds of casualty it counts. A claim that reports no event finds it by its words: the topic
whose word stems its content holds most (ties go to the earlier topic); none, and it is "Other developments".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

ThreadBy = Literal["region", "actor"]


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    thread_by: ThreadBy  # the headings of its items: the region of each, or its principal actor
    event_types: frozenset[str] = frozenset()
    sub_event_types: frozenset[str] = frozenset()
    plover: frozenset[str] = frozenset()  # "CATEGORY" or "CATEGORY/mode"
    casualty_kinds: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()  # word stems of claim content (matched at a word's start, any case)


FRONT_LINE = Topic(
    "front_line", "Front line and territorial claims", "region",
    event_types=frozenset({"Battles"}),
    sub_event_types=frozenset({
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
        "Non-violent transfer of territory", "Headquarters or base established",
    }),
    plover=frozenset({"ASSAULT/occupy", "RETREAT"}),
    words=("captur", "seiz", "took control", "taken control", "retook", "recaptur", "liberat", "advanc",
           "offensive", "counteroffensive", "front line", "frontline", "withdr", "encircl", "retreat", "assault"),
)
STRIKES = Topic(
    "strikes", "Strikes and casualties", "region",
    event_types=frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    sub_event_types=frozenset({"Disrupted weapons use"}),
    plover=frozenset({"ASSAULT"}),
    casualty_kinds=frozenset({"killed", "injured", "captured", "missing"}),
    words=("strike", "shell", "missile", "drone", "bomb", "attack", "kill", "wound", "injur", "casualt", "dead",
           "died", "explosi", "artillery", "airstrike", "air strike", "hit "),
)
CIVILIANS = Topic(
    "civilians", "Civilians and displacement", "region",
    event_types=frozenset({"Displacement"}),
    plover=frozenset({"AID/humanitarian"}),
    casualty_kinds=frozenset({"evacuated", "displaced", "sheltered"}),
    words=("evacu", "displac", "refugee", "shelter", "civilian", "humanitarian", "homeless", "accommodation",
           "deport", "flee", "fled"),
)
AID_DIPLOMACY = Topic(
    "aid_diplomacy", "Military aid and diplomacy", "actor",
    event_types=frozenset({"Strategic developments"}),
    sub_event_types=frozenset({"Agreement", "Change to group/activity", "Other"}),
    plover=frozenset({
        "AID", "CONSULT", "REQUEST", "AGREE", "COOPERATE", "SUPPORT", "SANCTION", "MOBILIZE", "THREATEN", "ACCUSE",
        "REJECT", "CONCEDE",
    }),
    words=("aid", "weapon", "ammunition", "support", "suppl", "assistance", "sanction", "talks", "meeting",
           "visit", "summit", "negotiat", "agreement", "deal", "partner", "troops", "deploy", "agenda", "ally",
           "allies", "military equipment", "long-range"),
)
OTHER = Topic(
    "other", "Other developments", "actor",
    event_types=frozenset({"Protests", "Riots"}),
    sub_event_types=frozenset({"Arrests", "Looting/property destruction"}),
    plover=frozenset({"PROTEST", "COERCE"}),
)

# In the order the report prints them ("Claims in dispute" comes after the strikes, as a summary of its own).
TOPICS: tuple[Topic, ...] = (FRONT_LINE, STRIKES, CIVILIANS, AID_DIPLOMACY, OTHER)
BY_KEY: dict[str, Topic] = {topic.key: topic for topic in TOPICS}
# Topics printed before "Claims in dispute"; the rest after it (the Live Briefing's order).
BEFORE_DISPUTES = ("front_line", "strikes")


def topic_of_event(
    event_type: str, sub_event_type: str, plovers: Iterable[str], casualty_kinds: Iterable[str],
    territory_change: bool,
) -> Topic | None:
    """The topic the record's coding of an event gives, or None where it gives none (then its claims' words)."""
    if territory_change:
        return FRONT_LINE
    for topic in TOPICS:
        if sub_event_type and sub_event_type in topic.sub_event_types:
            return topic
    for topic in TOPICS:
        if event_type and event_type in topic.event_types:
            return topic
    plovers = sorted(set(plovers))
    for exact in (True, False):
        for value in plovers:
            wanted = value if exact else value.split("/")[0]
            for topic in TOPICS:
                if wanted and wanted in topic.plover:
                    return topic
    kinds = set(casualty_kinds)
    for topic in TOPICS:
        if kinds & topic.casualty_kinds:
            return topic
    return None


def topic_of_words(texts: Iterable[str]) -> Topic:
    """The topic whose word stems the texts hold most (the earlier topic on a tie); OTHER when none."""
    text = " ".join(texts).casefold()
    best, best_hits = OTHER, 0
    for topic in TOPICS:
        hits = sum(len(re.findall(r"\b" + re.escape(stem), text)) for stem in topic.words)
        if hits > best_hits:
            best, best_hits = topic, hits
    return best
