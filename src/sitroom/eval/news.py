"""Claims and events on real war news coded by hand (../shared/eval/news), scored by GUIDELINES.md's rules.

The set is ``articles.jsonl`` (the texts as stored) and ``gold/<id>.json`` (claims and events, with ``[start,
end)`` offsets into each stored ``text``). Every article is read the way ``sitroom annotate`` reads it: the JSONL
reader (whose cleaning drops promo lines and datelines) and :func:`sitroom.nlp.annotate` with the configured
profile. The Record's offsets are into the clean text, so each is mapped back onto the stored text first
(:func:`original_offsets`).

Scoring, as GUIDELINES.md "Scoring" states it, with the choices it leaves open made here:

- **Claims.** A predicted claim *matches* a gold claim when their content spans overlap by at least half of the
  shorter one. It is *correct* when it matches, its source names the gold source (:func:`names_source`) and its
  stance equals the gold stance. Matching is one-to-one (a gold claim counts once): correct pairs are taken first,
  then the other matching pairs, each by largest overlap. Precision = correct / predicted, recall = correct /
  gold. The predicted source's names are its actor's name and aliases, else the source mention's words, else
  none (wrong). Every predicted claim counts, the second part of a quotation split by its cue too: the gold
  codes such a part as a claim of its own about as often as it leaves it out.
- **Content exact**: the two content spans cover the same characters once whitespace, quote marks and
  punctuation at either end are trimmed; one-to-one.
- **Events.** A predicted event *matches* a gold event when its evidence (else its trigger) overlaps the gold
  evidence span. It is *correct* when it matches and its type (:func:`type_agrees`), place (:func:`place_agrees`)
  and date (:func:`date_agrees`) are right. Each gold event is taken once, by a correct prediction first; every
  other prediction that matches an already taken gold event is a duplicate and counts as wrong. Precision =
  correct / predicted, recall = correct / gold. Fatalities: the share of correct events whose figure (ACLED's
  rule, :func:`sitroom.acled.fatalities`) equals the gold figure (none equals none).
- Figures per article and over the set (micro-averaged), with the counts behind them; percentages 0-100.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom import acled
from sitroom.config import Config
from sitroom.eval.metrics import prf
from sitroom.fuse.events import PRECISION_RANK
from sitroom.geo.distance import distance_km
from sitroom.geo.names import normalize
from sitroom.ingest.clean import to_source
from sitroom.ingest.jsonl import read_jsonl
from sitroom.model import Article, Record
from sitroom.nlp import annotate, load_pipeline

MAX_KM = 25.0
# Characters trimmed from both ends of a content span before the exact comparison.
TRIM = " \t\n\"'“”‘’«».,;:!?…-–—()"
# Words a coder adds to a region's or country's name that a gazetteer name lacks ("eastern Ukraine", "Kharkiv
# Oblast" against "Kharkiv"): dropped from both sides before comparing names at admin1/country precision.
REGION_WORDS = frozenset({"eastern", "western", "northern", "southern", "central", "oblast", "oblasts", "region",
                          "province", "krai", "republic", "of"})

Span = tuple[int, int]


# --- offsets ---------------------------------------------------------------------------------------------------


def original_offsets(clean: str, original: str, segments: Sequence[Sequence[int]] | None = None) -> list[int]:
    """For each offset 0..len(clean) of the clean text, the offset in ``original`` it was read from.

    ``segments`` is the cleaner's own map (``Article.extra["source_offsets"]``: clean start, source start, length
    of each kept line); it is used when every non-space character it maps is the same character in ``original``.
    Otherwise (decoding repaired or dropped characters before cleaning, or no map) the two strings are aligned
    character by character (difflib, no junk heuristic) and an unaligned clean character takes the position after
    the last aligned one."""
    triples = [(s[0], s[1], s[2]) for s in segments or []]  # none: cleaning changed no offset
    mapped = [to_source(triples, i) for i in range(len(clean) + 1)]
    if all(c.isspace() or (mapped[i] < len(original) and original[mapped[i]] == c) for i, c in enumerate(clean)):
        return mapped
    mapped = [-1] * (len(clean) + 1)
    matcher = difflib.SequenceMatcher(None, clean, original, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapped[block.a + k] = block.b + k
    mapped[len(clean)] = len(original)
    last = 0
    for i, value in enumerate(mapped):
        if value < 0:
            mapped[i] = last
        else:
            last = value + 1
    return mapped


def to_original(span: Span, offsets: Sequence[int]) -> Span:
    """A clean-text span as a span of the original text: its first character's and last character's positions
    (a line break cleaning put between two kept lines maps approximately, a character never does)."""
    start, end = span
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1


# --- gold and predictions ----------------------------------------------------------------------------------------


@dataclass
class GoldClaim:
    id: str
    source: str
    content: Span
    stance: str = "assert"
    aliases: list[str] = field(default_factory=list)
    source_type: str = ""


@dataclass
class GoldEvent:
    id: str
    evidence: Span
    sub_event_type: str | None = None
    plover: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    date: str | None = None
    date_end: str | None = None
    fatalities: int | None = None


@dataclass
class PredictedClaim:
    id: str
    source: str | None  # the name the claim's source resolves to (None: not resolved to any words)
    content: Span  # offsets into the original text
    stance: str = "assert"
    mention: str = ""  # the source mention's own words ("he", "the report")
    cue: str = ""
    aliases: list[str] = field(default_factory=list)  # the source actor's other names in the text


@dataclass
class PredictedPlace:
    name: str
    precision: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str = ""
    names: list[str] = field(default_factory=list)  # alternate names, for comparing at admin1/country precision


@dataclass
class PredictedEvent:
    id: str
    evidence: Span  # offsets into the original text
    sub_event_type: str = ""
    plover: str = ""
    place: PredictedPlace | None = None
    date: tuple[str, str] | None = None  # first and last day, ISO
    fatalities: int | None = None


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    claims: list[GoldClaim]
    events: list[GoldEvent]


class DataError(ValueError):
    """The news set could not be read; says which file and why."""


def read_gold(path: Path) -> tuple[list[GoldClaim], list[GoldEvent]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    claims = [GoldClaim(c["id"], c["source"], (c["content_span"][0], c["content_span"][1]), c.get("stance") or
                        "assert", list(c.get("source_aliases") or []), c.get("source_type") or "")
              for c in data.get("claims", [])]
    events = [GoldEvent(e["id"], (e["evidence_span"][0], e["evidence_span"][1]), e.get("acled_sub_event_type"),
                        e.get("plover"), e.get("location"), e.get("lat"), e.get("lon"), e.get("geo_precision"),
                        e.get("date"), e.get("date_end"), e.get("fatalities"))
              for e in data.get("events", [])]
    return claims, events


def read_set(data: Path) -> list[GoldArticle]:
    """The articles of ``articles.jsonl`` that have a gold file, in file order."""
    data = Path(data)
    articles_file, gold_dir = data / "articles.jsonl", data / "gold"
    if not articles_file.is_file() or not gold_dir.is_dir():
        raise DataError(f"{data}: expected articles.jsonl and gold/ (the layout of ../shared/eval/news)")
    out: list[GoldArticle] = []
    for number, line in enumerate(articles_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"{articles_file}:{number}: {error}") from error
        gold = gold_dir / f"{row['id']}.json"
        if gold.is_file():
            claims, events = read_gold(gold)
            out.append(GoldArticle(str(row["id"]), row["text"], row.get("published"), claims, events))
    if not out:
        raise DataError(f"{data}: no article of articles.jsonl has a gold file")
    return out


def predictions(record: Record, original: str) -> tuple[list[PredictedClaim], list[PredictedEvent]]:
    """A Record's claims and events with their offsets in the original text and their arguments resolved."""
    offsets = original_offsets(record.article.text, original, record.article.extra.get("source_offsets"))
    actors = {a.id: a for a in record.actors}
    places = {p.id: p for p in record.places}
    times = {t.id: t for t in record.times}
    quantities = {q.id: q for q in record.quantities}
    claims = []
    for claim in record.claims:
        actor = actors.get(claim.source) if claim.source else None
        mention = claim.source_mention.text if claim.source_mention else ""
        claims.append(PredictedClaim(
            claim.id, actor.name if actor else (mention or None),
            to_original((claim.content.start, claim.content.end), offsets), claim.stance, mention, claim.cue.text,
            list(actor.aliases) if actor else []))
    events = []
    for event in record.events:
        evidence = event.evidence or event.trigger
        located = [places[p] for p in event.places if p in places and places[p].place is not None]
        located.sort(key=lambda m: PRECISION_RANK.get(m.precision or "", 5))  # the most precise, as fusion takes
        place = None
        if located and located[0].place is not None:
            best = located[0].place
            place = PredictedPlace(best.name, located[0].precision, best.lat, best.lon, best.admin1,
                                   list(best.alternate_names))
        time = times.get(event.time) if event.time else None
        date = None
        if time is not None and time.start:
            date = (time.start[:10], (time.end or time.start)[:10])
        events.append(PredictedEvent(
            event.id, to_original((evidence.start, evidence.end), offsets), event.sub_event_type,
            event.plover_category, place, date, acled.fatalities(event.casualties, quantities)))
    return claims, events


# --- claims ------------------------------------------------------------------------------------------------------


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def content_matches(predicted: Span, gold: Span) -> bool:
    """Overlap of at least half of the shorter span (and of at least one character)."""
    shorter = min(predicted[1] - predicted[0], gold[1] - gold[0])
    shared = overlap(predicted, gold)
    return shared > 0 and 2 * shared >= shorter


def _name(text: str) -> str:
    """Case, punctuation, a possessive "'s" and a leading article ("the", and "a"/"an": "a US defence official")
    ignored; geo.names.normalize does the first and drops "the"."""
    return re.sub(r"^(?:an?|the) ", "", normalize(re.sub(r"['’]s\b", "", text)))


def names_source(predicted: str | None, gold: GoldClaim, aliases: Iterable[str] = ()) -> bool:
    """True when the predicted source's name, or another name the text gives that actor (``aliases``: "Ukraine"
    for the actor "Government of Ukraine"), is the gold source's name or one of its aliases (:func:`_name`
    decides sameness), or, since "a surname suffices", when the gold source is a person and a predicted name's
    last word is the last word of the gold name ("Zelenskyy", "President Zelenskyy" for "Volodymyr Zelenskyy";
    never an alias's last word: "the president" would make any president right)."""
    names = [_name(n) for n in [predicted or "", *aliases] if n and _name(n)]
    if not predicted or not names:
        return False
    wanted = {_name(n) for n in [gold.source, *gold.aliases] if n}  # an unnamed gold source has no name
    if any(n in wanted for n in names):
        return True
    gold_words = _name(gold.source or "").split()
    return gold.source_type == "person" and bool(gold_words) and any(n.split()[-1] == gold_words[-1] for n in names)


def trimmed(span: Span, text: str) -> Span:
    start, end = span
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


@dataclass
class ClaimOutcome:
    """What became of one predicted claim: its gold claim (when matched) and why it is wrong (when it is)."""

    predicted: PredictedClaim
    gold: GoldClaim | None = None
    correct: bool = False
    source_right: bool = False
    stance_right: bool = False


@dataclass
class ClaimScore:
    outcomes: list[ClaimOutcome]
    missed: list[GoldClaim]  # gold claims no prediction was matched to
    exact: int = 0  # content spans equal after trimming, one-to-one

    @property
    def correct(self) -> int:
        return sum(o.correct for o in self.outcomes)

    @property
    def matched(self) -> int:
        return sum(o.gold is not None for o in self.outcomes)


def score_claims(predicted: list[PredictedClaim], gold: list[GoldClaim], text: str) -> ClaimScore:
    """One-to-one matching: correct pairs first, then the others, largest overlap first within each."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if content_matches(p.content, g.content):
                source, stance = names_source(p.source, g, p.aliases), p.stance == g.stance
                pairs.append((source and stance, overlap(p.content, g.content), -abs(i - j), i, j, source, stance))
    pairs.sort(reverse=True)
    outcomes = [ClaimOutcome(p) for p in predicted]
    taken: set[int] = set()
    for correct, _, _, i, j, source, stance in pairs:
        if outcomes[i].gold is None and j not in taken:
            taken.add(j)
            outcomes[i] = ClaimOutcome(predicted[i], gold[j], correct, source, stance)
    exact = 0
    remaining = Counter(trimmed(g.content, text) for g in gold)
    for p in predicted:
        key = trimmed(p.content, text)
        if remaining[key] > 0:
            remaining[key] -= 1
            exact += 1
    return ClaimScore(outcomes, [g for j, g in enumerate(gold) if j not in taken], exact)


# --- events ------------------------------------------------------------------------------------------------------


# ACLED's 25 sub-event types, case-folded: a predicted sub-type outside them (sitroom's own Displacement types,
# "Evacuation") is no ACLED type; GUIDELINES.md codes evacuations and displacement with neither ACLED nor PLOVER.
ACLED_SUB_TYPES = frozenset(sub.casefold() for _, sub in acled.SUB_EVENT_TYPES)


def type_agrees(predicted: PredictedEvent, gold: GoldEvent) -> bool:
    """The ACLED sub-type where the gold has one, else the PLOVER category; a gold event with neither (an
    evacuation, say) agrees with a prediction that has neither. Only ACLED's own 25 sub-types count as one."""
    sub_type = predicted.sub_event_type.casefold()
    sub_type = sub_type if sub_type in ACLED_SUB_TYPES else ""
    if gold.sub_event_type:
        return sub_type == gold.sub_event_type.casefold()
    if gold.plover:
        return predicted.plover.upper() == gold.plover.upper()
    return not sub_type and not predicted.plover


def _region(name: str) -> str:
    """A region's or country's name without its parenthesis and the words of REGION_WORDS."""
    return " ".join(w for w in _name(re.sub(r"\(.*?\)", " ", name)).split() if w not in REGION_WORDS)


def place_agrees(predicted: PredictedPlace | None, gold: GoldEvent) -> bool:
    """Within 25 km of the gold point; or, where the gold is at admin1 or country precision, a predicted place at
    that same precision whose name (or alternate name) is the gold's region or country ("Kharkiv Oblast",
    "Ukraine"; a town inside it is not: the text names no town). No place is right only where the gold has none."""
    if gold.lat is None or gold.lon is None:
        return predicted is None and not gold.location
    if predicted is None:
        return False
    if predicted.lat is not None and predicted.lon is not None \
            and distance_km(predicted.lat, predicted.lon, gold.lat, gold.lon) <= MAX_KM:
        return True
    if gold.precision in ("admin1", "country") and predicted.precision == gold.precision and gold.location:
        wanted = _region(gold.location)
        return bool(wanted) and wanted in {_region(n) for n in [predicted.name, *predicted.names]}
    return False


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def date_agrees(predicted: tuple[str, str] | None, gold: GoldEvent) -> bool:
    """The predicted days (first to last) lie within the gold date, or the gold span date..date_end; no date is
    right only where the gold has none."""
    first = _day(gold.date)
    if first is None:
        return predicted is None
    if predicted is None:
        return False
    last = _day(gold.date_end) or first
    start, end = _day(predicted[0]), _day(predicted[1])
    return start is not None and end is not None and first <= start and end <= last


@dataclass
class EventOutcome:
    predicted: PredictedEvent
    gold: GoldEvent | None = None  # the gold event its evidence overlaps (taken, or the one it duplicates)
    duplicate: bool = False
    type_right: bool = False
    place_right: bool = False
    date_right: bool = False

    @property
    def correct(self) -> bool:
        return self.gold is not None and not self.duplicate and self.type_right and self.place_right \
            and self.date_right


@dataclass
class EventScore:
    outcomes: list[EventOutcome]
    missed: list[GoldEvent]

    @property
    def correct(self) -> int:
        return sum(o.correct for o in self.outcomes)

    @property
    def matched(self) -> int:
        return sum(o.gold is not None and not o.duplicate for o in self.outcomes)

    @property
    def duplicates(self) -> int:
        return sum(o.duplicate for o in self.outcomes)

    @property
    def fatalities_right(self) -> int:
        return sum(o.correct and o.gold is not None and o.predicted.fatalities == o.gold.fatalities
                   for o in self.outcomes)


def _event_outcome(p: PredictedEvent, g: GoldEvent, duplicate: bool = False) -> EventOutcome:
    return EventOutcome(p, g, duplicate, type_agrees(p, g), place_agrees(p.place, g), date_agrees(p.date, g))


def score_events(predicted: list[PredictedEvent], gold: list[GoldEvent]) -> EventScore:
    """Each gold event taken once (correct pairs first, then by overlap); a prediction left overlapping only gold
    events already taken is a duplicate of the one it overlaps most."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = overlap(p.evidence, g.evidence)
            if shared:
                pairs.append((_event_outcome(p, g).correct, shared, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    outcomes: list[EventOutcome | None] = [None] * len(predicted)
    taken: set[int] = set()
    for _, _, _, i, j in pairs:
        if outcomes[i] is None and j not in taken:
            taken.add(j)
            outcomes[i] = _event_outcome(predicted[i], gold[j])
    for _, _, _, i, j in pairs:  # the rest overlap only taken gold events
        if outcomes[i] is None:
            outcomes[i] = _event_outcome(predicted[i], gold[j], duplicate=True)
    final = [o if o is not None else EventOutcome(p) for o, p in zip(outcomes, predicted)]
    return EventScore(final, [g for j, g in enumerate(gold) if j not in taken])


# --- running and totals ------------------------------------------------------------------------------------------


@dataclass
class ArticleScore:
    id: str
    text: str
    claims: ClaimScore
    events: EventScore
    gold_claims: int
    gold_events: int


def score_article(article: GoldArticle, record: Record) -> ArticleScore:
    claims, events = predictions(record, article.text)
    return ArticleScore(article.id, article.text, score_claims(claims, article.claims, article.text),
                        score_events(events, article.events), len(article.claims), len(article.events))


@dataclass
class Scored:
    articles: list[ArticleScore]
    failed: list[str]  # articles the reader or the pipeline could not read, with why
    profile: str


def run(data: Path, config: Config | None = None) -> Scored:
    """Read the set as `sitroom annotate` reads a JSONL file and score each article's Record."""
    config = config or Config()
    gold = read_set(data)
    by_id = {a.id: a for a in gold}
    articles: list[Article] = []
    failed: list[str] = []
    with (Path(data) / "articles.jsonl").open("rb") as stream:
        for item in read_jsonl(stream, source=str(Path(data) / "articles.jsonl"), options=config.ingest):
            if isinstance(item, Article):
                if str(item.extra.get("source_id")) in by_id:
                    articles.append(item)
            else:
                failed.append(f"{item.source}: {item.reason} {item.detail}")
    nlp = load_pipeline(config.nlp)
    scores: list[ArticleScore] = []
    for article, outcome in zip(articles, annotate(nlp, articles, config.nlp)):
        if isinstance(outcome, Record):
            scores.append(score_article(by_id[outcome.id], outcome))
        else:
            failed.append(f"{article.extra.get('source_id')}: {outcome.reason} in {outcome.component}: "
                          f"{outcome.detail}")
    read = {s.id for s in scores}
    failed.extend(f"{a.id}: not read" for a in gold if a.id not in read and not any(a.id in f for f in failed))
    return Scored(scores, failed, config.nlp.profile)


def _figures(prefix: str, correct: int, predicted: int, gold: int) -> dict[str, float]:
    p, r, f = prf(correct, predicted, gold)
    return {f"{prefix}_precision": round(p, 2), f"{prefix}_recall": round(r, 2), f"{prefix}_f1": round(f, 2)}


def article_metrics(scores: Iterable[ArticleScore]) -> dict[str, float | int]:
    """Figures and counts over the given articles (micro-averaged)."""
    scores = list(scores)
    count = Counter()
    for s in scores:
        count["claims_predicted"] += len(s.claims.outcomes)
        count["claims_gold"] += s.gold_claims
        count["claims_correct"] += s.claims.correct
        count["claims_matched"] += s.claims.matched
        count["claims_matched_source_wrong"] += sum(o.gold is not None and not o.source_right
                                                    for o in s.claims.outcomes)
        count["claims_matched_stance_wrong"] += sum(o.gold is not None and not o.stance_right
                                                    for o in s.claims.outcomes)
        count["claims_content_exact"] += s.claims.exact
        count["events_predicted"] += len(s.events.outcomes)
        count["events_gold"] += s.gold_events
        count["events_correct"] += s.events.correct
        count["events_matched"] += s.events.matched
        count["events_duplicates"] += s.events.duplicates
        for o in s.events.outcomes:
            if o.gold is not None and not o.duplicate:
                count["events_matched_type_wrong"] += not o.type_right
                count["events_matched_place_wrong"] += not o.place_right
                count["events_matched_date_wrong"] += not o.date_right
        count["events_fatalities_right"] += s.events.fatalities_right
    out: dict[str, float | int] = {}
    out.update(_figures("claim", count["claims_correct"], count["claims_predicted"], count["claims_gold"]))
    out.update(_figures("claim_content_exact", count["claims_content_exact"], count["claims_predicted"],
                        count["claims_gold"]))
    out.update(_figures("event", count["events_correct"], count["events_predicted"], count["events_gold"]))
    correct_events = count["events_correct"]
    out["event_fatalities_share"] = round(100.0 * count["events_fatalities_right"] / correct_events, 2) \
        if correct_events else 0.0
    keys = ("claims_predicted", "claims_gold", "claims_correct", "claims_matched", "claims_matched_source_wrong",
            "claims_matched_stance_wrong", "claims_content_exact", "events_predicted", "events_gold",
            "events_correct", "events_matched", "events_duplicates", "events_matched_type_wrong",
            "events_matched_place_wrong", "events_matched_date_wrong", "events_fatalities_right")
    out.update({key: count[key] for key in keys})
    return out


def metrics(scored: Scored) -> dict[str, Any]:
    out: dict[str, Any] = article_metrics(scored.articles)
    out["articles"] = len(scored.articles)
    out["failed_articles"] = len(scored.failed)
    out["profile"] = scored.profile
    out["per_article"] = {s.id: article_metrics([s]) for s in scored.articles}
    return out


def evaluate(data: Path, *, config: Config | None = None, split: str | None = None) -> dict[str, Any]:
    """Claim and event precision/recall/F1 of the full pipeline (the config's profile) on the news set, with the
    counts behind them, overall and under "per_article". ``split`` names a subfolder of ``data``."""
    return metrics(run(Path(data) / split if split else Path(data), config))


# --- reading the errors ------------------------------------------------------------------------------------------

# Source names that are no resolution: a pronoun or a bare nominal left as the source.
UNRESOLVED = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its"})


def claim_error(outcome: ClaimOutcome, gold: list[GoldClaim]) -> str | None:
    """The kind of error a predicted claim makes, None when it is correct: source not resolved (none, a pronoun or
    a lowercase nominal), source wrong, stance wrong, duplicate (it matches a gold claim taken by another
    prediction), content too short / too long (its content overlaps a gold claim's, but not by half of the
    shorter), not an attribution (overlaps no gold content)."""
    if outcome.correct:
        return None
    p = outcome.predicted
    if outcome.gold is not None:
        if not outcome.source_right:
            name = (p.source or "").strip()
            if not name or _name(name) in UNRESOLVED or not any(c.isupper() for c in name):
                return "source not resolved"
            return "source wrong"
        return "stance wrong"
    if any(content_matches(p.content, g.content) for g in gold):
        return "duplicate"  # it matches a gold claim another prediction was matched to
    touching = [g for g in gold if overlap(p.content, g.content)]
    if not touching:
        return "not an attribution"
    g = max(touching, key=lambda g: overlap(p.content, g.content))
    return "content too short" if p.content[1] - p.content[0] < g.content[1] - g.content[0] else \
        "content too long"


def _gold_of(article: ArticleScore) -> list[GoldClaim]:
    return [o.gold for o in article.claims.outcomes if o.gold is not None] + article.claims.missed


def error_kinds(scored: Scored) -> Counter[str]:
    """How many predicted claims make each kind of error (:func:`claim_error`), and the gold claims missed."""
    kinds: Counter[str] = Counter()
    for article in scored.articles:
        gold = _gold_of(article)
        for outcome in article.claims.outcomes:
            kind = claim_error(outcome, gold)
            if kind:
                kinds[kind] += 1
        kinds["gold claim missed"] += len(article.claims.missed)
    return kinds


def _words(text: str, span: Span, most: int = 60) -> str:
    words = " ".join(text[span[0]:span[1]].split())
    return words if len(words) <= most else words[: most - 3] + "..."


def error_lines(scored: Scored) -> list[str]:
    """Per article, each wrong predicted claim (its error kind, predicted and gold source) and each missed gold
    claim, short enough to read through."""
    lines: list[str] = []
    for article in scored.articles:
        gold = _gold_of(article)
        lines.append(f"== {article.id}: claims {article.claims.correct}/{len(article.claims.outcomes)} predicted "
                     f"right, {article.gold_claims} gold")
        for o in article.claims.outcomes:
            kind = claim_error(o, gold)
            if kind is None:
                continue
            p = o.predicted
            against = f" | gold {o.gold.id} {o.gold.source!r} {o.gold.stance}" if o.gold else ""
            lines.append(f"  {kind}: {p.id} source {p.source!r} (mention {p.mention!r}) {p.stance} "
                         f"[{_words(article.text, p.content)}]{against}")
        for g in article.claims.missed:
            lines.append(f"  missed: {g.id} {g.source!r} {g.stance} [{_words(article.text, g.content)}]")
    return lines
