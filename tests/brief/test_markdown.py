"""The markdown report: its sections in the Live Briefing's order, each line with its standing and evidence,
article words escaped so they stay text."""

from __future__ import annotations

import re

from sitroom.brief import BriefRequest, build, render
from sitroom.brief.markdown import escape

OCTOBER = BriefRequest("2024-10-01", "2024-10-31")


def test_sections_come_in_the_live_briefing_s_order(ledger) -> None:
    text = render(build(ledger, OCTOBER), "md")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Key developments", "## Front line and territorial claims", "## Strikes and casualties",
                        "## Claims in dispute", "## Civilians and displacement", "## Military aid and diplomacy",
                        "## Sources"]
    assert text.startswith("# Situation report, 2024-10-01 to 2024-10-31\n") and text.endswith("\n")
    assert "### Kharkiv Oblast" in text and "### Zaporizhzhia Oblast" in text


def test_each_line_says_how_it_stands_and_cites_its_evidence(ledger) -> None:
    text = render(build(ledger, OCTOBER), "md")
    assert ("- Denied by Government of Russia (as “The Kremlin”) (“denied”), reported by Kyiv Independent:"
            " “the report” [Kyiv Independent · kyiv · sentence 2 · chars 125-135](/#article=kyiv&start=125&end=135)"
            in text)
    assert "Fatalities: 3 (ACLED's conservative figure, the lowest of the reports'); each report's own:" \
           " Kyiv Independent 3" in text
    assert "killed: at least three people (civilians) (at least): “at least three”" in text
    assert "evacuated: about 1,500 people (civilians) (approximate, “about”): “about 1,500”" in text
    assert "territory: captured — claimed by Government of Russia" in text
    assert "- `kyiv` · Kyiv Independent · “Strike on Kharkiv” · 2024-10-14 · <https://example.org/kyiv>" in text


def test_article_words_cannot_become_markup_links_or_html(ledger) -> None:
    text = render(build(ledger, OCTOBER), "md")
    assert not re.search(r"(?<!\\)<(script|img|/script)", text)  # every < of the article is escaped
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    assert r"\<script\>alert(1)\</script\> more \*air defence\* \[systems\](javascript:alert(2)) \&" in text


def test_escape_backslashes_every_markup_character_and_folds_whitespace() -> None:
    assert escape("a *b* _c_ `d` [e](f) <g> | ~h~ & !i #j\n\nk") == \
        r"a \*b\* \_c\_ \`d\` \[e\](f) \<g\> \| \~h\~ \& \!i \#j k"
    assert escape("\\") == "\\\\"


def test_an_empty_period_says_so(ledger) -> None:
    text = render(build(ledger, BriefRequest("2023-01-01", "2023-01-31")), "md")
    assert "Nothing was reported in this period." in text
    assert "No claim of this period is denied, contested, unanswered or unverified." in text
