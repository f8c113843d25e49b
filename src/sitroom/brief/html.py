"""The report as one HTML page, through a Jinja2 template with autoescaping: every word from an article is text,
never markup; the page has no script and links only to the evidence and to http(s) sources."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from sitroom.brief import wording
from sitroom.brief.briefing import Briefing
from sitroom.brief.markdown import LEGEND
from sitroom.brief.topics import BEFORE_DISPUTES

TEMPLATE = "briefing.html.j2"
SAFE_SCHEMES = ("http://", "https://")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("sitroom.brief", "templates"), autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals.update(
        w=wording, legend=LEGEND, before_disputes=BEFORE_DISPUTES, safe_url=safe_url, capital=capital,
    )
    return env


def safe_url(url: str) -> str:
    """An article's own URL where it is http(s); "" otherwise (no javascript: or data: link from a page's data)."""
    return url if url.strip().lower().startswith(SAFE_SCHEMES) else ""


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_html(briefing: Briefing) -> str:
    return environment().get_template(TEMPLATE).render(b=briefing, quote_chars=briefing.quote_chars)
