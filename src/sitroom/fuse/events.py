"""Event clusters: the reports of one real-world event, across articles.

Blocking keeps it sub-quadratic: an event is compared only with clusters of its type whose dates lie within
``date_window_days`` (one bucket per day). Inside a block, two reports match when their places agree (same
admin1, or within ``max_distance_km``, or one of them unplaced) and they score at least ``event_threshold`` on
actors (corpus-wide actor keys), casualties and the words of their sentences. Two events of one article are
never merged: the extractor already decided they are different events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sitroom import acled
from sitroom.config import FuseOptions
from sitroom.fuse.actors import ActorRegistry
from sitroom.fuse.mentions import MentionCluster
from sitroom.geo.distance import distance_km
from sitroom.model import Event, Evidence, Record, TimeExpression
from sitroom.text.shingles import content_word_set, shared_words

# Place precision, most precise first (a cluster takes its most precise member's place).
PRECISION_RANK = {"exact": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
# Time granularity, most precise first.
GRANULARITY_RANK = {"time": 0, "part_of_day": 0, "day": 1, "week": 2, "month": 3}
# Words that date a report ("last night", "this evening", "on Tuesday"): its date is compared on its own, so they
# are not words two reports share ("last night, the President spoke with Zelenskyy" and "I talked with Biden last
# night" are not closer for them; two calls a day apart are told with the same ones).
TIME_WORDS = frozenset({
    "today", "yesterday", "tomorrow", "tonight", "last", "night", "morning", "afternoon", "evening", "earlier",
    "later", "week", "weekend", "month", "day", "days", "ago", "recently", "recent", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday"})
# The date rank of an event with no date of its own (its day is its article's publication day).
UNDATED = 5
# ACLED's types of political violence block together (one strike is "shelling" to one outlet and "an attack on
# civilians" to another); every other type blocks alone.
FAMILIES = {"Battles": "violence", "Explosions/Remote violence": "violence", "Violence against civilians": "violence"}
# The kind whose undated reports may lie further apart than the date window (within_window): talks.
LOOKBACK_KIND = "CONSULT"
# A cluster's label: the first words of its first member.
LABEL_CHARS = 160
# An event's words that start with its first-person agent, which the extractor left without an actor.
FIRST_PERSON_LEAD = re.compile(r"\s*I\b(?!\.)")


@dataclass(slots=True)
class EventMention:
    """One event of one record, flattened into the facts matching needs (slots, interned words, no copies of
    its text: the ledger holds one for every event of the corpus)."""

    member: str
    article_id: str
    kind: str  # what blocks: the type's family, with "~" and the status when it did not occur ("violence~planned")
    day: int  # proleptic ordinal of its date (the article's publication day when the event has none)
    date: str | None
    date_rank: int
    country: str = ""
    admin1: str = ""
    place: str = ""
    place_rank: int = 9
    lat: float | None = None
    lon: float | None = None
    actors: frozenset[str] = frozenset()
    actor_names: tuple[str, ...] = ()
    fatalities: int | None = None
    words: tuple[str, ...] = ()  # content_word_set: distinct, sorted, interned
    evidence: Evidence | None = None
    event_type: str = ""  # as the extractor typed it (ACLED type or PLOVER category)
    sub_event_type: str = ""
    granularity: str = ""  # of its date (model.Granularity); "" when the date is the publication day
    precision: str = ""  # of its place (model.Precision)
    published: int = 0  # proleptic ordinal of its article's publication day (0: unknown)
    # When its article was published, in POSIX seconds (the end of its day where the time is not given, the latest
    # it can have been: a bare date, or midnight as feeds write an unknown time); 0: unknown ...
    published_at: float = 0.0
    # ... and when its day began, in its article's time zone (the zone its dating words were read in).
    day_starts: float = 0.0
    # Its article's copy group (the dedup group's first article; "" unknown): copies of one text tell the same
    # acts, whatever day their relative dates resolve to.
    text_group: str = ""
    confidence: float | None = None  # the extractor's Event.confidence (None: not scored)


def cluster_confidence(values: Iterable[float | None]) -> float | None:
    """A cluster's event confidence: its best-read member's (None when no member is scored).

    The members' score is how completely a report tells the act (a reporting verb, its own date, a place below the
    country, a named side, counted victims), and a cluster takes its facts from its most precise members, so its
    confidence is its most complete report's. Corroboration is not added on: it is counted apart
    (``independent_sources``, which ranks first), and the scores are not probabilities (wrong events average 0.62),
    so combining them as independent chances (1 - prod(1 - c)) would lift every two-source cluster above any
    threshold. The maximum is also what copies of one text cannot raise."""
    scored = [v for v in values if v is not None]
    return max(scored) if scored else None


def _instant(value: str | None) -> tuple[float, dt.tzinfo] | None:
    """(POSIX seconds, time zone) of a publication time: the stated offset, else UTC; a bare date or midnight
    (a feed's unknown time) is the end of that day, the latest the text can have been published."""
    if not value or len(value) < 10:
        return None
    try:
        when = dt.datetime.fromisoformat(value) if len(value) > 10 else dt.datetime.fromisoformat(value[:10])
    except ValueError:
        return None
    zone = when.tzinfo or dt.UTC
    when = when.replace(tzinfo=zone)
    if when.time() == dt.time(0):
        when += dt.timedelta(days=1) - dt.timedelta(microseconds=1)
    return when.timestamp(), zone


def _day_starts(day: int, zone: dt.tzinfo) -> float:
    return dt.datetime.combine(dt.date.fromordinal(day), dt.time(0), tzinfo=zone).timestamp()


def _day(value: str | None) -> tuple[int, str] | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal(), value[:10]
    except ValueError:
        return None


def event_mentions(record: Record, registry: ActorRegistry) -> list[EventMention]:
    """The record's events as mentions (events with no type are left out: nothing to block them by)."""
    actors = {a.id: a for a in record.actors}
    times = {t.id: t for t in record.times}
    places = {p.id: p for p in record.places}
    quantities = {q.id: q for q in record.quantities}
    published = _day(record.article.published)
    out = []
    for event in record.events:
        kind = event.event_type or event.plover_category
        if not kind:
            continue
        kind = FAMILIES.get(kind, kind)
        if event.status not in ("occurred", "ongoing"):
            kind += "~" + event.status  # a planned or hypothetical attack is not the attack that happened
        time = times.get(event.time) if event.time else None
        day = _day(time.start) if time else None
        # A date the extractor carried over from another sentence sets the day but is not this report's dating of
        # the act (a briefing's "Today, he issued a statement" given to "The U.N. Secretary-General met with
        # President Putin" sentences later): for matching it counts as undated.
        own = time is not None and not borrowed(event, time)
        rank = GRANULARITY_RANK.get(time.granularity or "", UNDATED) if time and day and own else UNDATED
        granularity = (time.granularity or "") if time and day and own else ""
        if day is None:
            day = published
        if day is None:
            continue
        when = (day[0], day[1], granularity)
        mention = _mention(record, event, kind, when, rank, actors, places, quantities, registry)
        mention.published = published[0] if published else 0
        instant = _instant(record.article.published)
        if instant is not None:
            mention.published_at = instant[0]
            mention.day_starts = _day_starts(mention.day, instant[1])
        out.append(mention)
    return out


def borrowed(event: Event, time: TimeExpression) -> bool:
    """Whether an event's time expression lies in another sentence than the event (both sentences known)."""
    told = event.evidence or event.trigger
    return told.sentence is not None and time.evidence.sentence is not None and \
        time.evidence.sentence != told.sentence and \
        not (event.trigger.sentence is not None and time.evidence.sentence == event.trigger.sentence)


def _mention(record: Record, event: Event, kind: str, when: tuple[int, str, str], rank: int, actors: dict,
             places: dict, quantities: dict, registry: ActorRegistry) -> EventMention:
    ids = [a for a in (event.actor1, event.actor2, *event.assoc_actors) if a in actors]
    # A place named like one of the act's parties is that party misread ("met with ... Lloyd Austin" placed in
    # Austin, Texas): not where it happened.
    party_words = {w for a in ids for w in actors[a].name.split()}
    located = [places[p] for p in event.places if p in places and places[p].place
               and places[p].place.name not in party_words]
    located.sort(key=lambda m: PRECISION_RANK.get(m.precision or "", 5))
    best = located[0] if located else None
    keys = [registry.key(record, actors[a]) for a in ids]
    evidence = event.evidence or event.trigger
    if event.actor1 is None and (FIRST_PERSON_LEAD.match(evidence.text) or (
            event.plover_category == "CONSULT" and event.actor2 is not None)):
        # "I spoke today with US President Biden" in the President's address; "A conversation took place with US
        # President Biden" there too: talks with a counterpart and no first party are the speaker's
        speaker = registry.speaker(record)
        if speaker and speaker not in keys:
            keys.insert(0, speaker)
    return EventMention(
        member=f"{record.article.id}/{event.id}", article_id=record.article.id, kind=kind, day=when[0],
        date=when[1], date_rank=rank, granularity=when[2],
        country=best.place.country if best else "", admin1=best.place.admin1 if best else "",
        place=best.place.name if best else "", place_rank=PRECISION_RANK.get(best.precision or "", 5) if best else 9,
        lat=best.place.lat if best else None, lon=best.place.lon if best else None,
        actors=frozenset(keys), actor_names=tuple(registry.display(k) for k in keys),
        fatalities=acled.fatalities(event.casualties, quantities),
        words=tuple(w for w in content_word_set(evidence.text) if w not in TIME_WORDS), evidence=evidence,
        event_type=event.event_type or event.plover_category, sub_event_type=event.sub_event_type,
        precision=(best.precision or "") if best else "", confidence=event.confidence,
    )


def violent(mention: EventMention) -> bool:
    """ACLED's political violence (the family its types block in), occurred or not."""
    return mention.kind.partition("~")[0] == "violence"


def places_agree(a: EventMention, b: EventMention, options: FuseOptions) -> bool:
    """Violence: same country, same admin1 or within max_distance_km where both say. Other acts (a call, a
    meeting, aid): only places finer than a country can disagree, since the countries a readout names are the
    parties' ("spoke with President Zelenskyy of Ukraine" on one side, "... with US President Biden" on the
    other), not where it happened."""
    if not violent(a) and (a.place_rank >= PRECISION_RANK["country"] or b.place_rank >= PRECISION_RANK["country"]):
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        if a.place_rank <= 2 and b.place_rank <= 2:
            return distance_km(a.lat, a.lon, b.lat, b.lon) <= options.max_distance_km
    if a.admin1 and b.admin1 and a.place_rank <= 3 and b.place_rank <= 3:
        return a.admin1 == b.admin1
    return True


def match_score(a: EventMention, b: EventMention, options: FuseOptions | None = None) -> float:
    """Actors (Jaccard of their keys, when both name any), sentence words (mean of overlap coefficient and
    Jaccard), places (both at a town, already within reach), casualties (both counted and close); a part neither
    report has is left out and the weights of the others are shared out (FuseOptions' weights)."""
    options = options or DEFAULT_OPTIONS
    parts: list[tuple[float, float]] = []
    if a.actors and b.actors:  # an actor the extractor did not name is missing evidence, not a contradiction
        # One shared actor says little (Zelenskyy meets someone every day): it counts half.
        union = len(a.actors | b.actors)
        shared = len(a.actors & b.actors)
        if not violent(a) and shared >= options.min_actors:
            # "Zelenskyy discussed the situation with Macron, Scholz, Biden, Johnson and Michel" against "Biden
            # spoke with Zelenskyy": both parties of the shorter report are among the longer one's (a summary of
            # several talks), so it counts whole, as the overlap of the two, not diluted by the other talks
            parts.append((options.actor_weight, shared / min(len(a.actors), len(b.actors))))
        else:
            parts.append((options.actor_weight, shared / max(options.min_actors, union)))
    elif (a.actors or b.actors) and not violent(a):
        # ... but an act other than violence is who did it with whom: where one report names its parties and the
        # other none, the words alone ("meetings at the Munich Security Conference") cannot make them one.
        parts.append((options.actor_weight, 0.0))
    if a.words and b.words:
        common = shared_words(a.words, b.words)
        similar = (common / min(len(a.words), len(b.words)) + common / (len(a.words) + len(b.words) - common)) / 2
        # "talks" against "the Vienna talks": a sentence of one or two words says little too.
        parts.append((options.text_weight, similar * min(1.0, min(len(a.words), len(b.words)) / options.min_words)))
    if a.place_rank <= 2 and b.place_rank <= 2:  # both placed at a town: within max_distance_km (blocking)
        parts.append((options.place_weight, 1.0))
    if a.fatalities is not None and b.fatalities is not None:
        low, high = sorted((a.fatalities, b.fatalities))
        parts.append((options.casualty_weight, 1.0 if high == 0 or low / high >= 0.5 else 0.0))
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts) / total if total else 0.0


EventCluster = MentionCluster[EventMention]
DEFAULT_OPTIONS = FuseOptions()


def told_before(a: EventMention, b: EventMention, options: FuseOptions | None = None) -> bool:
    """Whether one report was published before the day the other dates the act to: it cannot be telling that act.
    An undated one ("he spoke about this with Biden", published on 3 March, is not the call the White House dates
    to 4 March): published on an earlier day. One dated by its own words, which told what had happened by then
    ("President Biden spoke with President Zelenskyy today", published at 01:37 UTC on 22 February, is not the call
    Biden dates to "late last night" on the 24th): published more than ``told_before_slack_hours`` before that day
    began in the dated report's own zone (a relative date read near midnight, or a copy published after midnight,
    can be a day off). Plans and hypotheses are left alone."""
    options = options or DEFAULT_OPTIONS
    if "~" in a.kind or (a.text_group and a.text_group == b.text_group):
        return False  # copies of one text: one address read out at 23:50 and transcribed after midnight
    slack = options.told_before_slack_hours * 3600.0
    for early, dated in ((a, b), (b, a)):
        if dated.date_rank > GRANULARITY_RANK["day"]:
            continue
        if not early.granularity and early.published and dated.day > early.published:
            return True
        if early.published_at and dated.day_starts and early.published_at < dated.day_starts - slack:
            return True
    return False


def within_window(a: EventMention, b: EventMention, options: FuseOptions) -> bool:
    """Whether two reports' days are near enough to tell one act: within ``date_window_days``; or, for talks
    (CONSULT: a call, a meeting, a visit, which a later text mentions in passing) that neither report dates and that
    both name the same parties (two at least: Zelenskyy meets someone every day), within ``undated_lookback_days``
    more: the later one was published after the act, on or before which day it happened."""
    gap = abs(a.day - b.day)
    if gap <= options.date_window_days:
        return True
    return a.kind == b.kind == LOOKBACK_KIND and a.date_rank == b.date_rank == UNDATED and \
        gap <= options.date_window_days + options.undated_lookback_days and \
        len(a.actors & b.actors) >= max(2, options.min_actors)


def reach_days(mention: EventMention, options: FuseOptions) -> int:
    """How many days before and after a report the reports that may tell its act can lie (within_window)."""
    looks_back = mention.kind == LOOKBACK_KIND and mention.date_rank == UNDATED and \
        len(mention.actors) >= max(2, options.min_actors)  # within_window's conditions, so the blocks stay few
    return options.date_window_days + (options.undated_lookback_days if looks_back else 0)


def best_link(mention: EventMention, cluster: EventCluster, options: FuseOptions) -> float:
    """The best score of the mention against a cluster's members (0 when it may not join: same article,
    another type, too far in time from any member, or in place)."""
    if mention.article_id in cluster.articles:
        return 0.0
    if not all(within_window(other, mention, options) for other in cluster.members):
        return 0.0  # every report of one event within the window of every other: no chains across a week
    best = 0.0
    for other in cluster.members:
        if other.kind != mention.kind:
            continue
        if not places_agree(mention, other, options) or told_before(mention, other, options):
            continue
        best = max(best, match_score(mention, other, options))
    return best


def _label(mention: EventMention) -> str:
    return mention.evidence.text[:LABEL_CHARS] if mention.evidence else ""


def linked(a: EventMention, b: EventMention, options: FuseOptions) -> bool:
    """Whether two reports would be put in one cluster on their own: other articles, one kind, within the date
    window (within_window), places agreeing and a match score of at least the threshold (what a split re-checks)."""
    if a.article_id == b.article_id or a.kind != b.kind or not within_window(a, b, options):
        return False
    return places_agree(a, b, options) and not told_before(a, b, options) and \
        match_score(a, b, options) >= options.event_threshold


def summary(cluster: EventCluster) -> dict[str, object]:
    """A cluster's place and date (the most precise its members support), type, actors and fatality figures."""
    placed = min(cluster.members, key=lambda m: (m.place_rank, m.member))
    dated = min(cluster.members, key=lambda m: (m.date_rank, m.date or "", m.member))
    actors: list[str] = []
    for m in cluster.members:
        actors.extend(n for n in m.actor_names if n not in actors)
    return {
        "event_type": Counter(m.event_type for m in cluster.members).most_common(1)[0][0], "date": dated.date,
        "place": placed.place, "admin1": placed.admin1, "country": placed.country,
        "fatalities": acled.most_conservative(m.fatalities for m in cluster.members), "actors": actors,
        "label": _label(cluster.members[0]), "latitude": placed.lat, "longitude": placed.lon,
        "precision": placed.precision, "date_granularity": dated.granularity,
        "sub_event_type": Counter(m.sub_event_type for m in cluster.members).most_common(1)[0][0],
        "confidence": cluster_confidence(m.confidence for m in cluster.members),
    }
