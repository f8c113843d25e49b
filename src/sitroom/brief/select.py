"""What a period's situation report says: the event and claim clusters of the period (and region), each event
with the claims that report it, ranked and filed under the Live Briefing's topics.

Read-only over the store's iterators; the same store and request give the same :class:`Briefing` (everything is
sorted by explicit keys; nothing reads the clock).

- Events: clusters whose date (a day, or the week or month it names) meets the period.
- Claims: clusters with a member said in the period (its ``said_on`` day, else its article's publication day;
  articles published up to ``report_lag_days`` after the period are read for them), and the clusters of claims
  that report an event of the period (``Event.reported_by``), which go with that event.
- Region: an event by its places (place, admin1, country name or ISO code, or any place its reports name); a
  claim with an event by that event's, one without by the places named inside its words.
- Confidence: an event cluster below ``min_event_confidence`` is low confidence: marked (and ranked after the
  others of as many independent sources) or left out (``low_confidence_events``); a cluster stored before fusion
  scored it takes its members' by fusion's rule (fuse.events.cluster_confidence).
- Rank: independent sources, then low confidence last, then size (members of the event and its claims), then the
  event's confidence, then the claims' confidence, then the cluster id. The event's score is a weak ranking (AUC
  ~0.67 on news; one rule moves it by 0.1-0.2), so it splits at the threshold rather than outranking size.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import quote as url_quote

from sitroom.brief.briefing import (
    Attribution, BriefError, Briefing, BriefRequest, Check, Citation, ClaimItem, EventItem, EventReport, Figure,
    Item, Pointer, Section, SourceArticle, Thread,
)
from sitroom.brief.topics import BY_KEY, TOPICS, Topic, topic_of_event, topic_of_words
from sitroom.brief.wording import event_heading, quote, source_text, spaced
from sitroom.config import BriefOptions
from sitroom.fuse.actors import countries
from sitroom.fuse.events import cluster_confidence
from sitroom.model import Claim, Cluster, ClusterMember, Event, Evidence, Quantity, Record
from sitroom.store.base import ArticleFilter, ClusterFilter, Store

# How each stance stands in a report.
STANDING_OF_STANCE: dict[str, str] = {
    "assert": "asserted", "deny": "denied", "no_comment": "no comment", "retract": "retracted",
}
# Assertions first, then retractions, denials and silences (each by date).
STANCE_ORDER: dict[str, int] = {"assert": 0, "retract": 1, "deny": 2, "no_comment": 3}
# Cluster statuses that put a claim in dispute (fuse/claims.py decides them) ...
DISPUTED_STATUSES = frozenset({"denied", "contested", "retracted"})
# ... and the verification notes that do.
DOUBTS = ("unverified", "no_evidence")
# Notes that speak for a claim, said after the doubts.
CONFIRMATIONS = ("independently_verified", "confirmed")
# A cluster dated by a week or a month meets the period anywhere in it: the longest span looked back for.
LONGEST_SPAN_DAYS = 31
# Characters of a cluster's words in a headline (the item itself quotes them whole).
HEADLINE_QUOTE_CHARS = 160
# Speakers a standing names ("asserted by A, B, C and 4 others"); each is listed in full beneath it.
NAMES_IN_STANDING = 3
# What [brief] low_confidence_events may say.
LOW_CONFIDENCE_CHOICES = ("mark", "omit")
NO_PLACE = "Place not stated"
NO_ACTOR = "No actor named"
UNATTRIBUTED = "Unattributed"


class _Reader:
    """The store, read once per report: records and clusters by id, and the claim clusters of each article."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.records: dict[str, Record | None] = {}
        self.clusters: dict[str, Cluster | None] = {}

    def record(self, article_id: str) -> Record | None:
        if article_id not in self.records:
            self.records[article_id] = self.store.record(article_id)
        return self.records[article_id]

    def cluster(self, cluster_id: str) -> Cluster | None:
        if cluster_id not in self.clusters:
            self.clusters[cluster_id] = self.store.cluster(cluster_id)
        return self.clusters[cluster_id]

    def claim_cluster_ids(self, article_id: str) -> list[str]:
        return [row.id for row in self.store.iter_clusters(ClusterFilter(kind="claim", article_id=article_id))]


def build(store: Store, request: BriefRequest) -> Briefing:
    """The situation report of a period (and region) from the store's clusters and records."""
    first, last = request.period()
    options = request.options
    if options.low_confidence_events not in LOW_CONFIDENCE_CHOICES:
        raise BriefError(f"[brief] low_confidence_events must be one of {', '.join(LOW_CONFIDENCE_CHOICES)},"
                         f" not {options.low_confidence_events!r}")
    if not 0.0 <= options.min_event_confidence <= 1.0:
        raise BriefError(f"[brief] min_event_confidence must lie between 0 and 1, not {options.min_event_confidence!r}")
    reader = _Reader(store)
    window = ClusterFilter(kind="event", since=(first - dt.timedelta(days=LONGEST_SPAN_DAYS)).isoformat(),
                           until=last.isoformat())
    events = sorted((c for c in store.iter_cluster_bodies(window) if _meets(c, first, last)), key=lambda c: c.id)
    articles = {a.id for a in store.iter_articles(ArticleFilter(
        since=first.isoformat(), until=(last + dt.timedelta(days=options.report_lag_days)).isoformat()))}
    articles |= {_article_of(m.member) for c in events for m in c.detail}
    claim_ids = sorted({cid for aid in sorted(articles) for cid in reader.claim_cluster_ids(aid)})
    claims = [c for c in (reader.cluster(i) for i in claim_ids) if c is not None]
    builder = _Builder(reader, options)
    claim_items = {c.id: builder.claim_item(c) for c in claims}
    attached = _attach(events, claims, reader)
    items: list[Item] = []
    low = 0
    omitted: set[str] = set()  # events left out as low confidence: their claims stand on their own
    for cluster in events:
        event_item = builder.event_item(cluster, [claim_items[i] for i in attached.get(cluster.id, [])])
        if request.region and not _in_region(request.region, _event_places(cluster, event_item)):
            continue
        if event_item.low_confidence:
            low += 1
            if options.low_confidence_events == "omit":
                omitted.add(cluster.id)
                continue
        items.append(builder.item_of_event(cluster, event_item, [claim_items[i] for i in attached.get(cluster.id, [])]))
    taken = {i for cid, ids in attached.items() if cid not in omitted for i in ids}
    for cluster in claims:
        if cluster.id in taken or not any(_day_in(d, first, last) for d in builder.claim_days(cluster)):
            continue
        places = builder.claim_places(cluster)
        if request.region and not _in_region(request.region, places):
            continue
        items.append(builder.item_of_claim(cluster, claim_items[cluster.id], places))
    items.sort(key=_rank)
    sections = _sections(items, options)
    key_points = tuple(_pointer(item) for item in items[:options.key_developments])
    disputes = tuple(_pointer(item, claim) for item in items for claim in item.claims if claim.in_dispute)
    return Briefing(
        date_from=first.isoformat(), date_to=last.isoformat(), region=request.region,
        event_clusters=sum(1 for i in items if i.event), claim_clusters=sum(len(i.claims) for i in items),
        key_developments=key_points, disputes=disputes[:options.items_per_topic], sections=sections,
        sources=builder.sources(items), quote_chars=options.quote_chars,
        min_event_confidence=options.min_event_confidence, low_confidence_events=options.low_confidence_events,
        low_confidence=low,
    )


def _attach(events: list[Cluster], claims: list[Cluster], reader: _Reader) -> dict[str, list[str]]:
    """Each claim cluster that reports events goes with the best-ranked event cluster it reports."""
    cluster_of_claim = {m.member: c.id for c in claims for m in c.detail}
    reports: dict[str, list[Cluster]] = {}
    for cluster in events:
        for member in cluster.detail:
            event = _event_of(reader, member.member)
            if event is None:
                continue
            article = _article_of(member.member)
            for claim_id in event.reported_by:
                owner = cluster_of_claim.get(f"{article}/{claim_id}")
                if owner and cluster not in reports.setdefault(owner, []):
                    reports[owner].append(cluster)
    attached: dict[str, list[str]] = {}
    for claim_cluster, reported in sorted(reports.items()):
        best = min(reported, key=lambda c: (-c.independent_sources, -len(c.members), c.id))
        attached.setdefault(best.id, []).append(claim_cluster)
    return {k: sorted(v) for k, v in attached.items()}


class _Builder:
    """Turns clusters into report items, reading the records their members come from."""

    def __init__(self, reader: _Reader, options: BriefOptions) -> None:
        self.reader = reader
        self.options = options
        self.cited: set[str] = set()

    # --- evidence ---------------------------------------------------------------------------------------------

    def citation(self, evidence: Evidence) -> Citation:
        record = self.reader.record(evidence.article_id)
        self.cited.add(evidence.article_id)
        outlet = record.article.outlet if record else ""
        return Citation(
            article_id=evidence.article_id, outlet=outlet, start=evidence.start, end=evidence.end,
            sentence=evidence.sentence, quote=evidence.text, link=self.link(evidence),
        )

    def link(self, evidence: Evidence) -> str:
        template = self.options.evidence_link
        if not template:
            return ""
        try:
            return template.format(article_id=url_quote(evidence.article_id, safe=""), start=evidence.start,
                                   end=evidence.end, sentence="" if evidence.sentence is None else evidence.sentence)
        except (KeyError, IndexError, ValueError) as error:
            raise BriefError(f"[brief] evidence_link {template!r} names an unknown field ({error}); it may use"
                             " {article_id}, {start}, {end} and {sentence}") from None

    def figure(self, quantity: Quantity, what: str, victims: str = "") -> Figure:
        return Figure(
            what=what, words=quantity.evidence.text, unit=quantity.unit, approximator=quantity.approximator,
            approximation=quantity.approximation, value=quantity.value, low=quantity.low, high=quantity.high,
            victims=victims, citation=self.citation(quantity.evidence),
        )

    def figures_within(self, record: Record, span: Evidence, skip: Iterable[str] = ()) -> list[Figure]:
        """Counts whose words lie inside a span (a claim's content, an event's sentence)."""
        skipped = set(skip)
        inside = [q for q in record.quantities if q.id not in skipped and q.kind == "count"
                  and span.start <= q.evidence.start and q.evidence.end <= span.end]
        return [self.figure(q, "count") for q in sorted(inside, key=lambda q: (q.evidence.start, q.id))]

    # --- claims -----------------------------------------------------------------------------------------------

    def attribution(self, member: ClusterMember) -> Attribution:
        article_id, claim_id = _split(member.member)
        record = self.reader.record(article_id)
        claim = next((c for c in record.claims if c.id == claim_id), None) if record else None
        if record is None or claim is None:  # the record changed since fusion: what the cluster kept
            return Attribution(
                member=member.member, source=member.source, source_kind="", named_as="", stance=member.stance,
                standing=STANDING_OF_STANCE.get(member.stance, member.stance), cue="", kind="", said_on=None,
                reported_by=record.article.outlet if record else "", published=record.article.published if record
                else None, published_inferred=bool(record and record.article.published_inferred), confidence=None,
                checks=(), figures=(), content=self.citation(member.evidence),
            )
        return self.claim_attribution(record, claim, member.member)

    def claim_attribution(self, record: Record, claim: Claim, member: str) -> Attribution:
        actor = next((a for a in record.actors if a.id == claim.source), None) if claim.source else None
        mention = spaced(claim.source_mention.text) if claim.source_mention else ""
        name = actor.name if actor else mention
        named_as = mention if actor and mention and not _words_within(mention, actor.name) else ""
        standing = STANDING_OF_STANCE.get(claim.stance, claim.stance)
        if claim.stance == "assert" and not name:
            standing = "reported (unattributed)" if claim.kind == "hedged" else "asserted"
        checks = tuple(Check(n.status, self.citation(n.evidence))
                       for n in sorted(claim.verification, key=lambda n: (n.evidence.start, n.status)))
        return Attribution(
            member=member, source=name, source_kind=actor.kind if actor else "", named_as=named_as,
            stance=claim.stance, standing=standing, cue=spaced(claim.cue.text), kind=claim.kind,
            said_on=_said_on(record, claim), reported_by=record.article.outlet, published=record.article.published,
            published_inferred=record.article.published_inferred, confidence=claim.confidence, checks=checks,
            figures=tuple(self.figures_within(record, claim.content)), content=self.citation(claim.content),
        )

    def claim_item(self, cluster: Cluster) -> ClaimItem:
        attributions = sorted((self.attribution(m) for m in cluster.detail), key=_attribution_order)
        parts = _claim_standing(cluster, attributions)
        doubted = any(c.status in DOUBTS for a in attributions for c in a.checks)
        answered = any(a.stance in ("deny", "no_comment", "retract") for a in attributions)
        return ClaimItem(
            cluster_id=cluster.id, status=cluster.status, standing="; ".join(parts),
            in_dispute=cluster.status in DISPUTED_STATUSES or doubted or answered,
            independent_sources=cluster.independent_sources, size=len(cluster.members), label=cluster.label,
            attributions=tuple(attributions),
        )

    def claim_days(self, cluster: Cluster) -> list[dt.date | None]:
        days = []
        for member in cluster.detail:
            article_id, claim_id = _split(member.member)
            record = self.reader.record(article_id)
            claim = next((c for c in record.claims if c.id == claim_id), None) if record else None
            said = _said_on(record, claim) if record and claim else None
            days.append(_day(said) or _day(record.article.published if record else None))
        return days

    def claim_places(self, cluster: Cluster) -> list[tuple[str, ...]]:
        """The places named inside a claim cluster's words (metonyms, "Kyiv" for the government, are no place)."""
        places = []
        for member in cluster.detail:
            record = self.reader.record(_article_of(member.member))
            if record is None:
                continue
            span = member.evidence
            for mention in sorted(record.places, key=lambda p: (p.evidence.start, p.id)):
                if mention.place and mention.role != "metonym" and span.start <= mention.evidence.start \
                        and mention.evidence.end <= span.end:
                    p = mention.place
                    places.append((p.name, p.admin1, p.country, _country_name(p.country)))
        return places

    # --- events -----------------------------------------------------------------------------------------------

    def event_report(self, member: ClusterMember) -> tuple[EventReport, Event | None]:
        article_id, _ = _split(member.member)
        record = self.reader.record(article_id)
        event = _event_of(self.reader, member.member)
        outlet = record.article.outlet if record else ""
        if record is None or event is None:
            return EventReport(member.member, tuple(filter(None, member.source.split(", "))), "", "", (),
                               member.figure, (), outlet, self.citation(member.evidence)), None
        actors = {a.id: a.name for a in record.actors}
        places = {p.id: p for p in record.places}
        quantities = {q.id: q for q in record.quantities}
        named = []
        for place_id in event.places:
            mention = places.get(place_id)
            if mention and mention.place:
                p = mention.place
                text = p.name + (f", {p.admin1}" if p.admin1 and p.admin1 != p.name else "")
                if text not in named:
                    named.append(text)
        figures = [self.figure(quantities[c.quantity], c.kind, c.victims) for c in event.casualties
                   if c.quantity in quantities]
        evidence = event.evidence or event.trigger
        figures += self.figures_within(record, evidence, skip=[c.quantity for c in event.casualties if c.quantity])
        return EventReport(
            member=member.member,
            actors=tuple(actors[a] for a in (event.actor1, event.actor2) if a in actors),
            status=event.status, territory_change=event.territory_change, places=tuple(named),
            figure=member.figure, figures=tuple(figures), reported_by=outlet, citation=self.citation(evidence),
        ), event

    def event_item(self, cluster: Cluster, claims: list[ClaimItem]) -> EventItem:
        pairs = [self.event_report(m) for m in sorted(cluster.detail, key=lambda m: m.member)]
        reports = tuple(r for r, _ in pairs)
        events = [e for _, e in pairs if e is not None]
        places: list[str] = []
        for report in reports:
            places += [p for p in report.places if p not in places]
        confidence = cluster.confidence if cluster.confidence is not None else \
            cluster_confidence(e.confidence for e in events)  # a body stored before fusion scored clusters
        return EventItem(
            cluster_id=cluster.id,
            event_type=_most_common(e.event_type for e in events) if events else cluster.event_type,
            sub_event_type=_most_common(e.sub_event_type for e in events) if events else cluster.sub_event_type,
            plover=_most_common("/".join(x for x in (e.plover_category, e.plover_mode) if x) for e in events),
            date=cluster.date, date_granularity=cluster.date_granularity, place=cluster.place,
            admin1=cluster.admin1, country=_country_name(cluster.country), precision=cluster.precision,
            places=tuple(places), independent_sources=cluster.independent_sources, size=len(cluster.members),
            fatalities=cluster.fatalities, actors=tuple(cluster.actors),
            status=_most_common(r.status for r in reports), territory_change=_most_common(
                r.territory_change for r in reports), standing=_event_standing(reports, claims), reports=reports,
            confidence=confidence,
            low_confidence=confidence is not None and confidence < self.options.min_event_confidence,
        )

    # --- items ------------------------------------------------------------------------------------------------

    def item_of_event(self, cluster: Cluster, event: EventItem, claims: list[ClaimItem]) -> Item:
        member_events = [e for e in (_event_of(self.reader, m.member) for m in cluster.detail) if e is not None]
        topic = topic_of_event(
            event.event_type or cluster.event_type, event.sub_event_type,
            ["/".join(x for x in (e.plover_category, e.plover_mode) if x) for e in member_events],
            [c.kind for e in member_events for c in e.casualties],
            any(e.territory_change for e in member_events),
        ) or topic_of_words([r.citation.quote for r in event.reports]
                            + [a.content.quote for c in claims for a in c.attributions])
        if topic.thread_by == "region":
            thread = event.admin1 or event.country or event.place or NO_PLACE
        else:
            thread = event.actors[0] if event.actors else _first_source(claims) or NO_ACTOR
        headline = f"{event_heading(event)}: “{quote(_evidence_quote(cluster), HEADLINE_QUOTE_CHARS)}”"
        return self._item(cluster.id, topic, thread, headline, event, claims)

    def item_of_claim(self, cluster: Cluster, claim: ClaimItem, places: list[tuple[str, ...]]) -> Item:
        topic = topic_of_words(a.content.quote for a in claim.attributions)
        if topic.thread_by == "region":
            thread = next((p[1] for p in places if p[1]), "") or next((p[3] or p[0] for p in places), NO_PLACE)
        else:
            thread = _first_source([claim]) or UNATTRIBUTED
        headline = f"{claim.standing}: “{quote(_claim_quote(claim), HEADLINE_QUOTE_CHARS)}”"
        return self._item(cluster.id, topic, thread, headline, None, [claim])

    def _item(self, key: str, topic: Topic, thread: str, headline: str, event: EventItem | None,
              claims: list[ClaimItem]) -> Item:
        confidences = [a.confidence for c in claims for a in c.attributions if a.confidence is not None]
        return Item(
            key=key, topic=topic.key, thread=thread, headline=headline, event=event, claims=tuple(claims),
            independent_sources=max([event.independent_sources if event else 0]
                                    + [c.independent_sources for c in claims]),
            size=(event.size if event else 0) + sum(c.size for c in claims),
            confidence=round(max(confidences, default=0.0), 6), low_confidence=bool(event and event.low_confidence),
        )

    def sources(self, items: list[Item]) -> tuple[SourceArticle, ...]:
        out = []
        for article_id in sorted(self.cited):
            record = self.reader.record(article_id)
            if record is None:
                continue
            a = record.article
            out.append(SourceArticle(article_id=a.id, outlet=a.outlet, title=a.title, published=a.published,
                                     published_inferred=a.published_inferred, url=a.url, credits=tuple(a.credits)))
        return tuple(sorted(out, key=lambda s: (s.published or "", s.outlet, s.article_id)))


# --- standing -----------------------------------------------------------------------------------------------------


def _names(attributions: Iterable[Attribution]) -> str:
    """Each speaker once, as the first of their claims names them; past NAMES_IN_STANDING, a count (the
    attributions below the line name them all)."""
    names: dict[str, str] = {}
    for attribution in attributions:
        names.setdefault(attribution.source or source_text(attribution), source_text(attribution))
    shown = list(names.values())[:NAMES_IN_STANDING]
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" and {rest} other{'s' if rest > 1 else ''}" if rest else "")


def _claim_standing(cluster: Cluster, attributions: list[Attribution]) -> list[str]:
    """How a claim stands, in words: who asserts it, who denies, contests, retracts or would not comment, what
    could not be verified, and whether independent sources corroborate it."""
    asserting = [a for a in attributions if a.stance == "assert"]
    named = [a for a in asserting if a.source]
    parts = []
    if named:
        parts.append(f"asserted by {_names(named)}")
    elif any(a.standing == "asserted" for a in asserting):
        parts.append("asserted by an unnamed source")
    elif asserting:
        parts.append(asserting[0].standing)
    makers = set(cluster.status_claims)
    by_status = [a for a in attributions if a.member in makers]
    if cluster.status == "denied":
        parts.append(f"denied by {_names(by_status)}")
    elif cluster.status == "contested":
        parts.append(f"contested by {_names(by_status)}")
    elif cluster.status == "retracted":
        parts.append(f"retracted by {_names(by_status)}")
    denials = [a for a in attributions if a.stance == "deny" and a.member not in makers]
    if denials:
        parts.append(f"denied by {_names(denials)}")
    silent = [a for a in attributions if a.stance == "no_comment"]
    if silent:
        parts.append(f"no comment from {_names(silent)}")
    statuses = {c.status for a in attributions for c in a.checks}
    parts += [{"unverified": "unverified", "no_evidence": "no evidence given"}[s] for s in DOUBTS if s in statuses]
    parts += [s.replace("_", " ") for s in CONFIRMATIONS if s in statuses]
    if cluster.status == "corroborated":
        parts.append(f"corroborated by {cluster.independent_sources} independent sources")
    return parts


def _event_standing(reports: tuple[EventReport, ...], claims: list[ClaimItem]) -> str:
    """An event reported through claims is those speakers' claim, with their claims' disputes; one no claim
    reports stands in the outlets' own voice."""
    if claims:
        asserting = [a for c in claims for a in c.attributions if a.stance == "assert" and a.source]
        head = f"claimed by {_names(asserting)}" if asserting else "reported (unattributed)"
        rest: list[str] = []
        for claim in claims:
            for part in claim.standing.split("; "):
                if not part.startswith("asserted by") and part not in rest and part != "reported (unattributed)":
                    rest.append(part)
        return "; ".join([head, *rest])
    outlets = sorted({r.reported_by or "outlet not recorded" for r in reports})
    return f"reported by {', '.join(outlets)} in its own voice"


# --- helpers --------------------------------------------------------------------------------------------------


def _sections(items: list[Item], options: BriefOptions) -> tuple[Section, ...]:
    sections = []
    for topic in TOPICS:
        mine = [i for i in items if i.topic == topic.key]
        if not mine:
            continue
        shown = mine[:options.items_per_topic]
        threads: dict[str, list[Item]] = {}
        for item in shown:
            threads.setdefault(item.thread, []).append(item)
        ordered = sorted(threads.items(), key=lambda kv: (_rank(kv[1][0]), kv[0]))
        sections.append(Section(topic=topic.key, title=topic.title,
                                threads=tuple(Thread(h, tuple(i)) for h, i in ordered),
                                omitted=len(mine) - len(shown)))
    return tuple(sections)


def _pointer(item: Item, claim: ClaimItem | None = None) -> Pointer:
    topic = BY_KEY[item.topic]
    return Pointer(key=item.key, topic_title=topic.title, thread=item.thread, headline=item.headline, claim=claim)


def _rank(item: Item) -> tuple[int, bool, int, float, float, str]:
    event_confidence = item.event.confidence if item.event and item.event.confidence is not None else 0.0
    return (-item.independent_sources, item.low_confidence, -item.size, -event_confidence, -item.confidence, item.key)


def _attribution_order(a: Attribution) -> tuple[int, str, str, int, str]:
    """Assertions first, then the answers; each by its article's day, then where it stands in the article."""
    return (STANCE_ORDER.get(a.stance, 9), (a.published or "")[:10], a.content.article_id, a.content.start, a.member)


def _words_within(mention: str, name: str) -> bool:
    """Whether a mention is the name or a part of it ("Zelenskiy", "Russia" for "Government of Russia")."""
    def words(text: str) -> set[str]:
        return {w for w in re.findall(r"\w+", text.casefold()) if w != "the"}
    return words(mention) <= words(name) or words(name) <= words(mention)


def _split(member: str) -> tuple[str, str]:
    article_id, _, item_id = member.rpartition("/")
    return article_id, item_id


def _article_of(member: str) -> str:
    return _split(member)[0]


def _event_of(reader: _Reader, member: str) -> Event | None:
    article_id, event_id = _split(member)
    record = reader.record(article_id)
    return next((e for e in record.events if e.id == event_id), None) if record else None


def _said_on(record: Record, claim: Claim) -> str | None:
    time = next((t for t in record.times if t.id == claim.said_on), None) if claim.said_on else None
    day = _day(time.start if time else None)
    return day.isoformat() if day else None


def _day(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _day_in(day: dt.date | None, first: dt.date, last: dt.date) -> bool:
    return day is not None and first <= day <= last


def _meets(cluster: Cluster, first: dt.date, last: dt.date) -> bool:
    """Whether a cluster's date (a day, or the week or month it starts) meets the period."""
    start = _day(cluster.date)
    if start is None:
        return False
    end = start
    if cluster.date_granularity == "week":
        end = start + dt.timedelta(days=6)
    elif cluster.date_granularity == "month":
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start <= last and end >= first


def _country_name(code: str) -> str:
    return countries()[0].get(code, code) if code else ""


def _event_places(cluster: Cluster, event: EventItem) -> list[tuple[str, ...]]:
    return [(cluster.place, cluster.admin1, cluster.country, event.country), *[(p,) for p in event.places]]


def _in_region(region: str, places: list[tuple[str, ...]]) -> bool:
    """A region as typed: a substring of a place, admin1 or country name, any case, or a country's ISO code."""
    wanted = region.strip().casefold()
    for values in places:
        for value in values:
            folded = (value or "").casefold()
            if folded and (wanted in folded or (len(folded) == 2 and wanted == folded)):
                return True
    return False


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def _first_source(claims: list[ClaimItem]) -> str:
    return next((a.source for c in claims for a in c.attributions if a.stance == "assert" and a.source), "")


def _evidence_quote(cluster: Cluster) -> Citation:
    member = min(cluster.detail, key=lambda m: m.member) if cluster.detail else None
    evidence = member.evidence if member else Evidence("", 0, 0, text=cluster.label)
    return Citation(evidence.article_id, "", evidence.start, evidence.end, evidence.sentence, evidence.text or
                    cluster.label)


def _claim_quote(claim: ClaimItem) -> Citation:
    first = next((a for a in claim.attributions if a.stance == "assert"), claim.attributions[0] if
                 claim.attributions else None)
    return first.content if first else Citation("", "", 0, 0, None, claim.label)
