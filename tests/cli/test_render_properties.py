"""Property test for the CLI's rendering: any stored title, outlet and claim text -- square brackets, emoji codes
(":fire:"), any printable character -- prints verbatim in `show` (its metadata, marked text and claims table; the
listing commands share the consoles of cli/render.py and are checked on fixed text in test_render.py).

Control characters are the exception: they print as their control pictures ("␛"), never raw. Found here: rich
drops some (BEL, BS, CR) but passed ESC through, so a stored title could send escape sequences to the terminal.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.model import Article, Claim, Evidence, Record
from sitroom.store import open_store

# Examples per property: each stores one article and runs `show` in-process (~30 ms).
RENDER_EXAMPLES = 40
PIPELINE = "render-test"

runner = CliRunner()
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn", "Me", "Cf"))
PIECES = st.sampled_from(["[/x]", "[bold]", "[sic]", "[", "]", "\\[", ":fire:", ":warning:", ":", "[link=x]", "]]"])
FIELDS = st.lists(PIECES | st.text(PRINTABLE, min_size=1, max_size=6), min_size=1, max_size=6).map(" ".join)
_numbers = itertools.count()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("render") / "s.db"


def _store_one(db: Path, title: str, outlet: str, claim: str) -> str:
    """One article whose text holds ``claim`` as a claim's content; its id."""
    number = next(_numbers)
    text = f"Officials said that {claim} on Sunday, number {number}."
    start = text.index(claim)
    article = Article(id=f"render{number:06d}", text=text, title=title, outlet=outlet, source_format="txt")
    cue = Evidence(article.id, 10, 14, 0, "said")
    content = Evidence(article.id, start, start + len(claim), 0, claim)
    record = Record(article=article, claims=[Claim(id="C1", source=None, source_mention=None, cue=cue, content=content)])
    with open_store(str(db)) as store:
        store.add_batch([article], run=f"r{number}")
        store.put_records([record], PIPELINE)
    return article.id


def _output(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@settings(max_examples=RENDER_EXAMPLES)
@given(FIELDS, FIELDS, FIELDS)
def test_stored_text_prints_verbatim(db: Path, title: str, outlet: str, claim: str) -> None:
    article_id = _store_one(db, title, outlet, claim)
    shown = _output("show", article_id, "--db", str(db))
    assert title in shown and outlet in shown
    assert shown.count(claim) >= 2  # in the text and in the claims table


def test_emoji_codes_stay_text(db: Path) -> None:
    """Found by the property above: ':fire:' in a quotation printed as a picture (rich's emoji codes)."""
    article_id = _store_one(db, "Troops :warning: crossed", "Wire :flag_for_ukraine:", "the city is :fire: now")
    shown = _output("show", article_id, "--db", str(db))
    assert ":warning:" in shown and ":flag_for_ukraine:" in shown and ":fire:" in shown


def test_control_characters_are_not_sent_raw(db: Path) -> None:
    article_id = _store_one(db, "Title \x1b]0;owned\x07 \x1b[2J end", "Wire \x9b", "a claim \x1b[31m in red")
    shown = _output("show", article_id, "--db", str(db))
    assert "\x1b" not in shown and "\x9b" not in shown
    assert "Title \u241b]0;owned" in shown and "\u241b[2J end" in shown and "a claim \u241b[31m in red" in shown


CONTROLS = st.lists(st.sampled_from(["\x1b", "\x00", "\x7f", "\x85", "\x9b", "\x0b", "\x0c"]) | FIELDS, max_size=6)


@settings(max_examples=RENDER_EXAMPLES)
@given(CONTROLS.map("".join))
def test_no_control_character_reaches_the_terminal(db: Path, title: str) -> None:
    shown = _output("show", _store_one(db, title or "t", "Wire", "a claim"), "--db", str(db))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
