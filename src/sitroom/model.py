"""The nouns every stage shares, and their lossless JSON form.

Every stage reads and writes these classes and nothing else of another stage. Every field that comes from
text carries an :class:`Evidence` (article id + character offsets into the clean text), so a reader can always
go back to the words that support it.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union

T = TypeVar("T")

# --- vocabularies (kept as Literal types so type checkers and the JSON reader both see them) ---------------

ActorKind = Literal[
    "person", "government", "military", "armed_group", "organization", "media", "anonymous", "unnamed", "group"
]
ClaimKind = Literal["direct", "indirect", "mixed", "hedged"]
Stance = Literal["assert", "deny", "no_comment", "retract"]
Verification = Literal["unverified", "no_evidence", "independently_verified", "reported", "confirmed"]
Precision = Literal["exact", "near", "admin2", "admin1", "country"]
PlaceRole = Literal["location", "metonym", "origin", "mention"]
Granularity = Literal["time", "part_of_day", "day", "week", "month", "season", "quarter", "year", "decade", "century"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EventStatus = Literal["occurred", "planned", "canceled", "ongoing", "attempted", "hypothetical"]
CasualtyKind = Literal["killed", "injured", "captured", "missing", "evacuated", "displaced", "sheltered"]
ClusterStatus = Literal["single_source", "corroborated", "contested", "denied", "retracted"]


@dataclass
class Evidence:
    """Where in which article a field was read: ``text[start:end]`` of the clean article text."""

    article_id: str
    start: int
    end: int
    sentence: int | None = None
    text: str = ""  # the span itself, for readers of the JSON; always equals article.text[start:end]


@dataclass
class Span:
    """A stretch of an article's clean text with a label (captions, boilerplate kept for the record)."""

    start: int
    end: int
    kind: str = ""
    text: str = ""


@dataclass
class RemovedLine:
    """A line cleaning took out of the body (promo, related link, credits), kept so nothing vanishes silently."""

    kind: str
    text: str
    line: int  # 1-based line number in the input text
    source_start: int  # offsets into the input text as read, before cleaning
    source_end: int


@dataclass
class Article:
    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str | None = None  # ISO 8601, date or timezone-aware datetime
    published_inferred: bool = False
    published_evidence: list[Evidence] = field(default_factory=list)
    language: str = "en"
    credits: list[str] = field(default_factory=list)
    captions: list[Span] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    author: str = ""
    source_format: str = ""  # txt, html, jsonl, feed
    source_path: str = ""
    licence: str = ""
    content_hash: str = ""
    version: int = 1
    ingested_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # What reading changed, so no byte changes without a word (defaults: a record stored before these fields
    # existed reads as "nothing recorded"). The input is what the article was read from: the file, the page, the
    # JSON line, the feed entry.
    decoding: str = ""  # codec the input's bytes were read with ("" when it came as text, or before this field)
    replaced_bytes: int = 0  # U+FFFD in the text put in for bytes (or lone surrogates) that were no text
    dropped_controls: int = 0  # NUL and other control characters taken out of the input
    repaired_mojibake: int = 0  # lines of the input whose mojibake ftfy repaired ("donâ€™t" -> "don’t")
    mixed_language: bool = False  # mostly in a kept language, with a substantial share in another
    language_shares: dict[str, float] = field(default_factory=dict)  # share of the judged text by language, if mixed
    # A dateline or outlet byline cut from the start of the body ("KYIV, Ukraine (AP)", "CNN"): metadata, not a
    # place in the text; the cut is also in ``removed`` (kind "dateline") with its offsets.
    dateline: str = ""


@dataclass
class IngestError:
    """One input item that could not become an Article, with a specific reason; the batch goes on."""

    source: str  # path, path:line or feed entry
    reason: str  # short machine-readable code: empty, binary, too_large, undecodable, malformed_html, ...
    detail: str = ""
    item: str = ""  # id or line number inside a container file


@dataclass
class Skipped:
    """An input item deliberately not stored (not English, a duplicate, ...)."""

    source: str
    reason: str
    detail: str = ""
    article_id: str = ""


ExtractionReason = Literal["component_error", "memory", "stale_text"]


@dataclass
class ExtractionFailure:
    """An article the pipeline could not read, with the component that raised and why; the batch goes on."""

    article_id: str
    reason: ExtractionReason
    component: str = ""  # the pipeline component that raised, where known
    detail: str = ""
    content_hash: str = ""  # the text that failed, so a changed text is tried again


@dataclass
class Actor:
    id: str
    name: str
    kind: ActorKind = "unnamed"
    country: str = ""  # ISO 3166-1 alpha-2 where known
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    inter_code: int | None = None  # ACLED inter code
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class VerificationNote:
    status: Verification
    evidence: Evidence


@dataclass
class Claim:
    id: str
    source: str | None  # Actor id
    source_mention: Evidence | None
    cue: Evidence
    content: Evidence
    cue_lemma: str = ""
    kind: ClaimKind = "indirect"
    stance: Stance = "assert"
    target_claim: str | None = None  # the claim a denial / response answers
    said_on: str | None = None  # TimeExpression id
    channel: Evidence | None = None
    verification: list[VerificationNote] = field(default_factory=list)
    evidence: Evidence | None = None  # the whole sentence(s)
    # How sure the reader is that this is an attribution, 0-1: the accurate profile's tagger probability of the
    # cue, the fast profile's cue model probability (verbs and nouns), None where neither scored it.
    confidence: float | None = None


@dataclass
class TimeExpression:
    id: str
    evidence: Evidence
    type: TimexType = "DATE"
    value: str = ""  # TIMEX3 value: 2024-10-13, 2024-W41, P32M, PRESENT_REF ...
    start: str | None = None  # ISO date of the span's first day
    end: str | None = None  # ISO date of the span's last day (inclusive)
    granularity: Granularity | None = None
    anchor: str = "publication"  # publication, or the id of the expression it is anchored on
    modifier: str = ""  # TIMEX3 mod: APPROX, LESS_THAN, MORE_THAN, START, END ...
    part_of_day: str = ""


@dataclass
class Quantity:
    id: str
    evidence: Evidence
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximator: str = ""  # the literal hedge: "some", "nearly", "more than", "several thousand"
    approximation: str = ""  # exact, approx, at_least, at_most, range, vague
    unit: str = ""  # what is counted: "people", "children", "North Korean military personnel"; "percent"; "USD"
    unit_evidence: Evidence | None = None
    kind: str = "count"  # count, percent (a ratio: counts nothing), money (unit: an ISO 4217 code)


@dataclass
class Place:
    """A gazetteer entry."""

    id: str  # geonames:<id>, katottg:<code>, iso:<code>
    name: str
    feature: str = ""  # country, ADM1, ADM2, ADM3, PPL, PPLA, ...
    country: str = ""  # ISO alpha-2
    admin1: str = ""
    admin1_code: str = ""  # ISO 3166-2, e.g. UA-14
    admin2: str = ""
    admin2_code: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    alternate_names: list[str] = field(default_factory=list)
    # Where the point comes from (sitroom.geo.gazetteer.POINT_SOURCES): geonames, naturalearth, towns or towns-median
    # (from a unit's towns: no packaged point), countries (a grouping's members); None in records before it was kept.
    point_source: str | None = None


@dataclass
class PlaceMention:
    id: str
    evidence: Evidence
    place: Place | None = None
    precision: Precision | None = None
    role: PlaceRole = "location"
    anchor: str | None = None  # PlaceMention id for precision "near"
    radius_km: float | None = None
    cue: str = ""  # what decided the resolution, for people to check


@dataclass
class Casualty:
    kind: CasualtyKind
    quantity: str | None = None  # Quantity id
    victims: str = ""  # civilians, military, unknown
    actor: str | None = None  # Actor id of the victims where named
    evidence: Evidence | None = None


@dataclass
class Event:
    id: str
    trigger: Evidence
    disorder_type: str = ""
    event_type: str = ""  # ACLED
    sub_event_type: str = ""
    plover_category: str = ""
    plover_mode: str = ""
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # PlaceMention ids
    time: str | None = None  # TimeExpression id
    casualties: list[Casualty] = field(default_factory=list)
    status: EventStatus = "occurred"
    territory_change: str = ""
    reported_by: list[str] = field(default_factory=list)  # Claim ids
    evidence: Evidence | None = None
    # How sure the reader is that this is an event a conflict coder records, rightly read, 0-1: the strength of the
    # rules that found it (extract.events.rule_strength: whether a verb reports the act, and which of its date,
    # place, side and victims the text gives), in both profiles (the accurate profile's learned detector only drops
    # the clearest non-events; as a score it ranked news events worse). A ranking score, not a calibrated
    # probability: on the news dev set correct events average 0.69, wrong ones 0.62. None in records stored before
    # it existed.
    confidence: float | None = None


@dataclass
class Record:
    """Everything sitroom read in one article: what ``sitroom annotate --json`` prints."""

    article: Article
    id: str = ""  # the input's own id where it had one (a JSONL "id"), else the article id
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    # The pipeline profile that read it ("fast" or "accurate"; records stored before profiles existed are "fast").
    profile: str = "fast"


@dataclass
class ClusterMember:
    """One event or claim of one article inside a cluster, with the words that put it there."""

    member: str  # "<article id>/<event or claim id>"
    evidence: Evidence
    source: str = ""  # the claim's source actor, or the event's first actor (corpus-wide key's display name)
    stance: str = ""  # claims: assert, deny, no_comment, retract
    role: str = "member"  # member; or for claim clusters the reason it counts: corroborates, denies, contests, retracts
    figure: int | None = None  # events: this report's fatalities (conflicting figures stay visible)
    score: float = 1.0  # how well it matched the cluster when it joined


@dataclass
class Cluster:
    id: str
    kind: Literal["event", "claim"]
    members: list[str] = field(default_factory=list)  # "<article id>/<record id>"
    independent_sources: int = 0
    status: ClusterStatus = "single_source"
    label: str = ""  # a member's words, for lists
    event_type: str = ""  # events: ACLED type or PLOVER category
    date: str | None = None  # the most precise date the members support
    place: str = ""  # the most precise place the members support
    admin1: str = ""
    country: str = ""
    latitude: float | None = None  # events: the point of that place (WGS 84), where the gazetteer has one
    longitude: float | None = None
    precision: str = ""  # events: how precise that place is (model.Precision: exact, near, admin2, admin1, country)
    date_granularity: str = ""  # events: how precise that date is (model.Granularity; "" for a publication day)
    sub_event_type: str = ""  # events: ACLED sub-event type, the members' most common
    fatalities: int | None = None  # ACLED's conservative figure of the members'
    actors: list[str] = field(default_factory=list)
    status_claims: list[str] = field(default_factory=list)  # claims: the members that make the status
    detail: list[ClusterMember] = field(default_factory=list)
    # Events: how sure the reader is of the event, 0-1: its best-read member's Event.confidence (fuse.events
    # cluster_confidence); a ranking score like the members', not a probability. None for claim clusters, for
    # clusters of members none of which is scored, and in clusters stored before it existed.
    confidence: float | None = None


def iter_evidence(obj: Any) -> Iterator[Evidence]:
    """Every Evidence inside a model object, nested ones included (claims' verification notes, casualties ...)."""
    if isinstance(obj, Evidence):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from iter_evidence(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from iter_evidence(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from iter_evidence(item)


# --- JSON in and out -----------------------------------------------------------------------------------------


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready structure; the inverse of :func:`from_dict`."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def to_json(obj: Any, **kwargs: Any) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False, **kwargs)


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a model object (or a list/dict of them) from :func:`to_dict` output."""
    return _convert(cls, data)


def from_json(cls: type[T], text: str) -> T:
    return from_dict(cls, json.loads(text))


# One converter per type, built on first use: a record holds thousands of nested objects, and asking typing for
# a dataclass's hints on each of them made decoding a stored record cost more than parsing its JSON (16 ms vs
# 2 ms a record on the demo store).
_CONVERTERS: dict[Any, Callable[[Any], Any]] = {}


def _convert(tp: Any, data: Any) -> Any:
    return _converter(tp)(data)


def _converter(tp: Any) -> Callable[[Any], Any]:
    try:
        return _CONVERTERS[tp]
    except KeyError:
        pass
    except TypeError:  # an unhashable hint: build it each time
        return _build_converter(tp)
    _CONVERTERS[tp] = _forward(tp)  # a dataclass that contains itself finds its converter while it is built
    _CONVERTERS[tp] = _build_converter(tp)
    return _CONVERTERS[tp]


def _forward(tp: Any) -> Callable[[Any], Any]:
    return lambda data: _CONVERTERS[tp](data)


def _keep(data: Any) -> Any:
    return data


def _build_converter(tp: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) != 1:
            return _keep
        inner = _converter(options[0])
        return lambda data: None if data is None else inner(data)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        convert_item = _converter(item)
        if convert_item is _keep:
            return lambda data: None if data is None else list(data)
        return lambda data: None if data is None else [convert_item(v) for v in data]
    if origin is dict:
        _, value = typing.get_args(tp) or (Any, Any)
        convert_value = _converter(value)
        return lambda data: None if data is None else {k: convert_value(v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_converter(tp)
    return _keep


def _dataclass_converter(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}

    def convert(data: Any) -> Any:
        if data is None:
            return None
        unknown = data.keys() - fields.keys()
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
        return cls(**{k: fields[k](v) for k, v in data.items()})

    return convert
