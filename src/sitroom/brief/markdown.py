"""The report as markdown (CommonMark): article words are text, escaped so no quotation becomes markup, a link
or HTML."""

from __future__ import annotations

import re

from sitroom.brief.briefing import Attribution, Briefing, Citation, ClaimItem, EventItem, Item, Pointer, Section
from sitroom.brief.topics import BEFORE_DISPUTES
from sitroom.brief.wording import (
    NO_OUTLET, attribution_text, check_text, citation_label, claim_heading, event_heading, fatalities_text,
    figure_text, low_confidence_note, new_figures, quote, report_text, spaced,
)

# Characters that could start markup inline (emphasis, code, links, images, HTML, entities, tables, strikeout).
SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")
LEGEND = (
    "How to read it: each line says how it stands (asserted, denied, no comment, retracted, unverified), who said"
    " it and which outlet reported it; figures keep the source's own words and hedges; events give their date,"
    " place and independent sources. Each citation is outlet · article id · sentence (counted from 1) · characters"
    " start-end of the article's clean text, with the quoted words. An event's confidence (0-1) is how completely"
    " its best report tells it (a reporting verb, its own date, a place below the country, a named side, counted"
    " victims): a ranking score, not a probability."
)


def escape(text: str) -> str:
    """Text as literal markdown: every character that could open markup is backslash-escaped, whitespace is one
    space (a quotation never starts a heading or a list)."""
    return SPECIAL.sub(r"\\\1", spaced(text))


def render_markdown(briefing: Briefing) -> str:
    quote_chars = briefing.quote_chars
    lines = [f"# Situation report, {briefing.date_from} to {briefing.date_to}", ""]
    lines.append(escape(_scope(briefing)))
    if low_confidence_note(briefing):
        lines += ["", escape(low_confidence_note(briefing))]
    lines += ["", escape(LEGEND), ""]
    lines += ["## Key developments", ""]
    if briefing.key_developments:
        lines += [f"{n}. {_pointer(p)}" for n, p in enumerate(briefing.key_developments, 1)]
    else:
        lines.append("Nothing was reported in this period.")
    lines.append("")
    for section in [s for s in briefing.sections if s.topic in BEFORE_DISPUTES]:
        lines += _section(section, quote_chars)
    lines += ["## Claims in dispute", ""]
    if briefing.disputes:
        for pointer in briefing.disputes:
            lines += _dispute(pointer, quote_chars)
    else:
        lines.append("No claim of this period is denied, contested, unanswered or unverified.")
    lines.append("")
    for section in [s for s in briefing.sections if s.topic not in BEFORE_DISPUTES]:
        lines += _section(section, quote_chars)
    lines += ["## Sources", ""]
    for source in briefing.sources:
        published = (source.published or "date unknown")[:10] + (" (inferred)" if source.published_inferred else "")
        parts = [f"`{source.article_id}`", escape(source.outlet or NO_OUTLET), escape(f"“{source.title}”"),
                 escape(published)]
        if source.credits:
            parts.append(escape("with reporting by " + ", ".join(source.credits)))
        if source.url.strip().lower().startswith(("http://", "https://")):
            parts.append(f"<{_url(source.url.strip())}>")
        elif source.url:
            parts.append(escape(source.url))
        lines.append("- " + " · ".join(parts))
    return "\n".join(lines).rstrip() + "\n"


def _scope(briefing: Briefing) -> str:
    region = f"Region: {briefing.region}." if briefing.region else "Region: all."
    outlets = sorted({s.outlet or NO_OUTLET for s in briefing.sources})
    return (f"{region} {briefing.event_clusters} events and {briefing.claim_clusters} claims from"
            f" {len(briefing.sources)} article{'s' if len(briefing.sources) != 1 else ''}"
            f" ({', '.join(outlets) or 'none'}).")


def _pointer(pointer: Pointer) -> str:
    return f"{escape(pointer.topic_title)} › {escape(pointer.thread)}: {escape(pointer.headline)} (`{pointer.key}`)"


def _section(section: Section, quote_chars: int) -> list[str]:
    lines = [f"## {escape(section.title)}", ""]
    for thread in section.threads:
        lines += [f"### {escape(thread.heading)}", ""]
        for item in thread.items:
            lines += _item(item, quote_chars)
        lines.append("")
    if section.omitted:
        lines += [f"And {section.omitted} more items, ranked lower ([brief] items_per_topic).", ""]
    return lines


def _item(item: Item, quote_chars: int) -> list[str]:
    if item.event:
        lines = [f"- **{escape(event_heading(item.event))}** (`{item.key}`)"]
        fatalities = fatalities_text(item.event)
        if fatalities:
            lines.append(f"  - {escape(fatalities)}")
        for report in item.event.reports:
            lines.append(f"  - {escape(report_text(report))}: {_cite(report.citation, quote_chars)}")
            lines += [f"    - {escape(figure_text(f))}: {_cite(f.citation, quote_chars)}" for f in report.figures]
        for claim in item.claims:
            lines += _claim(claim, quote_chars, "  ", item.event)
        return lines
    return _claim(item.claims[0], quote_chars, "", None)


def _claim(claim: ClaimItem, quote_chars: int, indent: str, event: EventItem | None) -> list[str]:
    lines = [f"{indent}- **{escape(claim_heading(claim))}** (`{claim.cluster_id}`)"]
    for attribution in claim.attributions:
        lines += _attribution(attribution, quote_chars, indent + "  ", event)
    return lines


def _attribution(a: Attribution, quote_chars: int, indent: str, event: EventItem | None) -> list[str]:
    lines = [f"{indent}- {escape(_capital(attribution_text(a)))}: {_cite(a.content, quote_chars)}"]
    lines += [f"{indent}  - {escape(check_text(c))}: {_cite(c.citation, quote_chars)}" for c in a.checks]
    lines += [f"{indent}  - {escape(figure_text(f))}: {_cite(f.citation, quote_chars)}"
              for f in new_figures(a, event)]
    return lines


def _dispute(pointer: Pointer, quote_chars: int) -> list[str]:
    claim = pointer.claim
    assert claim is not None
    where = f"{escape(pointer.topic_title)} › {escape(pointer.thread)}"
    lines = [f"- **{escape(_capital(claim.standing))}** — {where} (`{pointer.key}`)"]
    for attribution in claim.attributions:
        lines += _attribution(attribution, quote_chars, "  ", None)
    return lines


def _cite(citation: Citation, quote_chars: int) -> str:
    label = escape(citation_label(citation))
    linked = f"[{label}]({_url(citation.link)})" if citation.link else f"\\[{label}\\]"
    return f"“{escape(quote(citation, quote_chars))}” {linked}"


def _url(url: str) -> str:
    """A link target that cannot end the link early or open markup: spaces, brackets and angle brackets encoded."""
    return re.sub(r"[\s()<>\[\]\\`]", lambda m: f"%{ord(m.group(0)):02X}", url)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
