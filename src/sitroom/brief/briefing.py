"""What a situation report holds, before it is written as markdown or HTML.

Every statement carries its evidence (:class:`Citation`: outlet, article id, sentence, offsets and the quoted
words) and says how it stands: a claim as asserted, denied, no comment, retracted or unverified, with who said it
and which outlet reported it; a figure with the source's own words and hedge; an event with its date, place and
independent sources. Plain frozen dataclasses, so ``sitroom.model.to_dict`` gives the API their JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sitroom.config import BriefOptions


class BriefError(ValueError):
    """A briefing request that cannot be answered as asked (a bad date, an empty period): one line."""


@dataclass(frozen=True)
class BriefRequest:
    """The period (ISO dates, both inclusive), an optional region (admin1, country name or ISO code, or place;
    a substring, any case) and the limits of ``[brief]``."""

    date_from: str
    date_to: str
    region: str | None = None
    options: BriefOptions = field(default_factory=BriefOptions)

    def period(self) -> tuple[dt.date, dt.date]:
        """The period as dates; a :class:`BriefError` naming the bad value otherwise."""
        first, last = parse_day(self.date_from, "from"), parse_day(self.date_to, "to")
        if first > last:
            raise BriefError(f"the period ends ({last}) before it starts ({first})")
        return first, last


def parse_day(value: str, name: str) -> dt.date:
    """An ISO day (YYYY-MM-DD); a :class:`BriefError` naming the option (``from``, ``to``) otherwise."""
    text = value.strip() if isinstance(value, str) else ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise BriefError(f"--{name} must be a date as YYYY-MM-DD, not {value!r}")


@dataclass(frozen=True)
class Citation:
    """The words a statement rests on: ``text[start:end]`` of the article's clean text."""

    article_id: str
    outlet: str  # "" where the store records none
    start: int
    end: int
    sentence: int | None  # 0-based, as stored
    quote: str  # the words, as in the text
    link: str = ""  # the evidence link ([brief] evidence_link), "" when links are off


@dataclass(frozen=True)
class Figure:
    """A number as the source gave it: its words ("some 30,415"), the hedge, the reading and what it counts."""

    what: str  # the casualty kind (killed, injured, evacuated ...) or "count"
    words: str  # the quantity's own words, hedge included
    unit: str  # what is counted: "people", "children"
    approximator: str  # the literal hedge: "some", "nearly", "more than", "" for a plain number
    approximation: str  # exact, approx, at_least, at_most, range, vague
    value: float | None
    low: float | None
    high: float | None
    victims: str  # civilians, military, unknown ("" for a count that is no casualty)
    citation: Citation


@dataclass(frozen=True)
class Check:
    """A verification note: "could not be independently verified", "did not provide evidence"."""

    status: str  # unverified, no_evidence, independently_verified, reported, confirmed
    citation: Citation


@dataclass(frozen=True)
class Attribution:
    """One claim of one article: who said what, how it stands, and who reported it."""

    member: str  # "<article id>/<claim id>"
    source: str  # the speaker's name ("" when the claim names none)
    source_kind: str
    named_as: str  # the article's words for the speaker where they are not the name ("The Kremlin", "he")
    stance: str  # assert, deny, no_comment, retract
    standing: str  # asserted, denied, no comment, retracted, reported (unattributed)
    cue: str  # the reporting words: "claims", "has dismissed", "has not commented on"
    kind: str  # direct, indirect, mixed, hedged
    said_on: str | None  # ISO date where the text gives one
    reported_by: str  # the outlet of the article ("" where none is recorded)
    published: str | None  # the article's publication date
    published_inferred: bool
    confidence: float | None
    checks: tuple[Check, ...]
    figures: tuple[Figure, ...]
    content: Citation


@dataclass(frozen=True)
class ClaimItem:
    """A claim cluster: one proposition, everyone who asserted or answered it, and its standing."""

    cluster_id: str
    status: str  # single_source, corroborated, contested, denied, retracted
    standing: str  # "unverified; no comment from Government of Russia"
    in_dispute: bool  # denied, contested, retracted, met with no comment, or unverified
    independent_sources: int
    size: int
    label: str
    attributions: tuple[Attribution, ...]  # assertions first, then the answers, each by date


@dataclass(frozen=True)
class EventReport:
    """One article's report of an event cluster's event."""

    member: str  # "<article id>/<event id>"
    actors: tuple[str, ...]  # actor 1, actor 2 (ACLED's names)
    status: str  # occurred, planned, canceled, ongoing, attempted, hypothetical
    territory_change: str
    places: tuple[str, ...]
    figure: int | None  # this report's fatalities
    figures: tuple[Figure, ...]
    reported_by: str  # the outlet
    citation: Citation


@dataclass(frozen=True)
class EventItem:
    """An event cluster: what happened, when, where, by how many independent sources, and its reports."""

    cluster_id: str
    event_type: str  # ACLED event type (or sitroom's Displacement), else the PLOVER category
    sub_event_type: str
    plover: str  # "CATEGORY/mode" of the members, the most common
    date: str | None
    date_granularity: str  # "" when the date is the report's publication day
    place: str
    admin1: str
    country: str  # the country's name
    precision: str  # exact, near, admin2, admin1, country
    places: tuple[str, ...]  # every place the reports name for it
    independent_sources: int
    size: int
    fatalities: int | None  # ACLED's conservative figure of the members'
    actors: tuple[str, ...]
    status: str  # the members' most common event status
    territory_change: str
    standing: str  # "claimed by Government of Russia (as “Russia”)", "reported by RFE/RL"
    reports: tuple[EventReport, ...]
    # The cluster's confidence (its best-read report's rule strength, 0-1; None: not scored) and whether it is
    # below [brief] min_event_confidence.
    confidence: float | None = None
    low_confidence: bool = False


@dataclass(frozen=True)
class Item:
    """One entry of the report: an event with the claims that report it, or a claim that reports no event."""

    key: str  # the event cluster's id, else the claim cluster's
    topic: str
    thread: str
    headline: str
    event: EventItem | None
    claims: tuple[ClaimItem, ...]
    independent_sources: int
    size: int
    confidence: float  # the claims' attribution confidence, the best of them (0 where none is scored)
    low_confidence: bool = False  # its event is below [brief] min_event_confidence (EventItem.low_confidence)


@dataclass(frozen=True)
class Thread:
    """The items of a topic under one heading: a region (front line, strikes, civilians) or an actor."""

    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    topic: str
    title: str
    threads: tuple[Thread, ...]
    omitted: int  # items beyond [brief] items_per_topic, counted only


@dataclass(frozen=True)
class Pointer:
    """A line of "Key developments" or "Claims in dispute": a summary pointing at its item."""

    key: str  # the item's key
    topic_title: str
    thread: str
    headline: str
    claim: ClaimItem | None = None  # the disputed claim (Claims in dispute)


@dataclass(frozen=True)
class SourceArticle:
    """An article the report cites, for the list of sources."""

    article_id: str
    outlet: str
    title: str
    published: str | None
    published_inferred: bool
    url: str
    credits: tuple[str, ...]


@dataclass(frozen=True)
class Briefing:
    date_from: str
    date_to: str
    region: str | None
    event_clusters: int
    claim_clusters: int
    key_developments: tuple[Pointer, ...]
    disputes: tuple[Pointer, ...]
    sections: tuple[Section, ...]
    sources: tuple[SourceArticle, ...]
    quote_chars: int  # [brief] quote_chars of the request: how much of a quotation the writers print
    # [brief] min_event_confidence and low_confidence_events of the request, and how many of the period's events
    # fell below it (marked, or left out).
    min_event_confidence: float = 0.0
    low_confidence_events: str = "mark"
    low_confidence: int = 0
