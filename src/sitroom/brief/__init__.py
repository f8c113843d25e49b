"""The situation report: the clusters of a period (and region), ranked and filed under the Live Briefing's topics,
every line with its evidence, written as markdown or HTML.

The API the CLI and the HTTP API call::

    briefing = build(store, BriefRequest("2024-10-01", "2024-10-31", region="Donetsk", options=config.brief))
    text = render(briefing, "md")  # or "html"
"""

from sitroom.brief.briefing import BriefError, Briefing, BriefRequest
from sitroom.brief.select import build

FORMATS = ("md", "html")


def render(briefing: Briefing, format: str) -> str:
    """The report in one of :data:`FORMATS`: "md" (CommonMark) or "html" (one page, no script)."""
    if format == "md":
        from sitroom.brief.markdown import render_markdown

        return render_markdown(briefing)
    if format == "html":
        from sitroom.brief.html import render_html

        return render_html(briefing)
    raise BriefError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")


__all__ = ["FORMATS", "BriefError", "BriefRequest", "Briefing", "build", "render"]
