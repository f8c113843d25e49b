"""The words of a report, shared by the markdown and the HTML writers so both say the same thing.

Everything here returns plain text; each writer escapes it for its format.
"""

from __future__ import annotations

import re

from sitroom.brief.briefing import (
    Attribution, Briefing, Check, Citation, ClaimItem, EventItem, EventReport, Figure,
)

NO_OUTLET = "outlet not recorded"
UNNAMED_SOURCE = "an unnamed source"
# How each approximation reads beside the source's own words.
APPROXIMATIONS: dict[str, str] = {
    "approx": "approximate", "at_least": "at least", "at_most": "at most", "range": "a range", "vague": "vague",
}
CHECKS: dict[str, str] = {
    "unverified": "unverified", "no_evidence": "no evidence given", "independently_verified": "independently verified",
    "reported": "reportedly (unattributed)", "confirmed": "confirmed",
}
GRANULARITY_NOTE: dict[str, str] = {
    "": "date of the report", "time": "", "part_of_day": "", "day": "", "week": "week of", "month": "month of",
}
TRUNCATION = " [...]"


def spaced(text: str) -> str:
    """Whitespace as single spaces: a quotation across a paragraph break prints on one line."""
    return re.sub(r"\s+", " ", text).strip()


def quote(citation: Citation, limit: int) -> str:
    """The quoted words, cut at a word when longer than ``limit`` characters (the offsets still cover all)."""
    text = spaced(citation.quote)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut or text[:limit]) + TRUNCATION


def citation_label(citation: Citation) -> str:
    """outlet · article id · sentence (from 1) · characters start-end."""
    parts = [citation.outlet or NO_OUTLET, citation.article_id]
    if citation.sentence is not None:
        parts.append(f"sentence {citation.sentence + 1}")
    parts.append(f"chars {citation.start}-{citation.end}")
    return " · ".join(parts)


def number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def figure_text(figure: Figure) -> str:
    """'evacuated: some 30,415 people (approximate, "some")': the source's words first, then how they read."""
    words = spaced(figure.words)
    unit = figure.unit if figure.unit and figure.unit.casefold() not in words.casefold() else ""
    head = " ".join(x for x in (words, unit) if x)
    notes = []
    reading = APPROXIMATIONS.get(figure.approximation, "")
    if reading:
        hedge = figure.approximator
        notes.append(reading + (f", “{hedge}”" if hedge and hedge.casefold() != reading else ""))
    if figure.value is None and figure.low is not None and figure.high is not None:
        notes.append(f"read as {number(figure.low)}-{number(figure.high)}")
    elif figure.value is None and (figure.low is not None or figure.high is not None) and not reading:
        notes.append(f"read as {number(figure.low if figure.low is not None else figure.high)}")
    what = f"{figure.what}: " if figure.what and figure.what != "count" else ""
    victims = f" ({figure.victims})" if figure.victims and figure.victims != "unknown" else ""
    return what + head + victims + (f" ({'; '.join(notes)})" if notes else "")


def new_figures(attribution: Attribution, event: EventItem | None) -> tuple[Figure, ...]:
    """A claim's figures that its event's reports do not already give (the same words, once per item)."""
    if event is None:
        return attribution.figures
    shown = {(f.citation.article_id, f.citation.start, f.citation.end) for r in event.reports for f in r.figures}
    return tuple(f for f in attribution.figures if (f.citation.article_id, f.citation.start, f.citation.end)
                 not in shown)


def source_text(attribution: Attribution) -> str:
    name = attribution.source or UNNAMED_SOURCE
    return f"{name} (as “{spaced(attribution.named_as)}”)" if attribution.named_as else name


def attribution_text(attribution: Attribution) -> str:
    """'asserted by Volodymyr Zelenskiy ("claims", said 2024-10-13), reported by RFE/RL'."""
    verb = {"asserted": "asserted by", "denied": "denied by", "no comment": "no comment from",
            "retracted": "retracted by"}.get(attribution.standing)
    who = source_text(attribution)
    head = f"{verb} {who}" if verb else f"{attribution.standing}: {who}" if attribution.source else attribution.standing
    detail = [f"“{attribution.cue}”"] if attribution.cue else []
    if attribution.said_on:
        detail.append(f"said {attribution.said_on}")
    if attribution.kind == "direct":
        detail.append("direct quotation")
    tail = f" ({', '.join(detail)})" if detail else ""
    return f"{head}{tail}, reported by {attribution.reported_by or NO_OUTLET}"


def check_text(check: Check) -> str:
    return CHECKS.get(check.status, check.status)


def claim_heading(claim: ClaimItem) -> str:
    """'Claim — asserted by X; unverified · 1 independent source asserts it, 3 reports'."""
    verb = "asserts" if claim.independent_sources == 1 else "assert"
    return f"Claim — {claim.standing} · {sources_text(claim.independent_sources)} {verb} it," \
        f" {reports_text(claim.size)}"


def sources_text(count: int) -> str:
    return f"{count} independent source" + ("" if count == 1 else "s")


def reports_text(count: int) -> str:
    return f"{count} report" + ("" if count == 1 else "s")


def date_text(event: EventItem) -> str:
    if not event.date:
        return "date unknown"
    note = GRANULARITY_NOTE.get(event.date_granularity, "")
    if note == "date of the report":
        return f"{event.date[:10]} ({note})"
    return f"{note} {event.date[:10]}".strip()


def place_text(event: EventItem) -> str:
    if not event.place and not event.admin1 and not event.country:
        return "place not stated"
    parts = []
    for value in (event.place, event.admin1, event.country):
        if value and value not in parts:
            parts.append(value)
    text = ", ".join(parts)
    return f"{text} ({event.precision})" if event.precision else text


def type_text(event: EventItem) -> str:
    kind = event.event_type or event.plover or "event"
    if event.sub_event_type and event.sub_event_type != kind:
        kind += f": {event.sub_event_type}"
    if event.event_type and event.plover:
        kind += f" (PLOVER {event.plover})"
    return kind


def event_heading(event: EventItem) -> str:
    """date · place · type · territory · status — standing · sources · reports."""
    parts = [date_text(event), place_text(event), type_text(event)]
    if event.territory_change:
        parts.append(f"territory: {event.territory_change}")
    if event.status and event.status != "occurred":
        parts.append(event.status)
    verb = "reports" if event.independent_sources == 1 else "report"
    tail = f" · {confidence_text(event)}" if event.confidence is not None else ""
    return " · ".join(parts) + f" — {event.standing} · {sources_text(event.independent_sources)} {verb} it," \
        f" {reports_text(event.size)}" + tail


def confidence_text(event: EventItem) -> str:
    """'confidence 0.75', or 'LOW CONFIDENCE 0.45' below [brief] min_event_confidence ("" when not scored)."""
    if event.confidence is None:
        return ""
    return f"{'LOW CONFIDENCE' if event.low_confidence else 'confidence'} {event.confidence:.2f}"


def low_confidence_note(briefing: Briefing) -> str:
    """What became of the period's low-confidence events ("" when there were none)."""
    count = briefing.low_confidence
    if not count:
        return ""
    events = f"{count} event{'s' if count != 1 else ''}"
    below = f"a confidence below {briefing.min_event_confidence:g} ([brief] min_event_confidence)"
    if briefing.low_confidence_events == "omit":
        return f"{events} of {below} left out ([brief] low_confidence_events = \"omit\")."
    return f"{events} of {below} marked LOW CONFIDENCE and ranked after the others of as many independent sources."


def fatalities_text(event: EventItem) -> str:
    """ACLED's conservative figure beside each report's own ("" when no report counts the dead)."""
    own = [r for r in event.reports if r.figure is not None]
    if event.fatalities is None and not own:
        return ""
    text = f"Fatalities: {number(event.fatalities)} (ACLED's conservative figure, the lowest of the reports')"
    if own:
        text += "; each report's own: " + "; ".join(f"{r.reported_by or NO_OUTLET} {r.figure}" for r in own)
    return text


def report_text(report: EventReport) -> str:
    parts = []
    if report.actors:
        parts.append(" and ".join(report.actors))
    if report.places:
        parts.append("in " + "; ".join(report.places))
    if report.status and report.status != "occurred":
        parts.append(report.status)
    return f"Report by {report.reported_by or NO_OUTLET}" + (f" ({', '.join(parts)})" if parts else "")
