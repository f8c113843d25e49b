"""Stored text is untrusted: square brackets in titles, outlets, claims and paths print as they are.

Finding 1 of the hostile-input issue: rich read `[/x]` as markup and crashed, and `[sic]` vanished from quotes.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()
TITLE = "Shelling [/x] in Kharkiv [video]"
QUOTE = "the occupiers [sic] shelled [/b] the city"


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _bracketed(tmp_path):
    folder = tmp_path / "in [bold]"  # a path cannot hold "/": "[bold]" would vanish as markup
    folder.mkdir()
    row = {"id": "b1", "outlet": "Wire [/i]", "url": "https://example.org/b", "title": TITLE,
           "published": "2024-10-14", "text": f'Officials said "{QUOTE}," on Sunday. ' * 4}
    (folder / "wire.jsonl").write_text(json.dumps(row) + "\n{bad [/x]\n", encoding="utf-8")
    return folder


def test_every_command_prints_brackets_verbatim(tmp_path):
    db = str(tmp_path / "s.db")
    folder = _bracketed(tmp_path)
    ingest = invoke("ingest", str(folder), "--db", db)
    assert ingest.exit_code == 1 and "[bold]" in ingest.output  # its bad line failed
    extract = invoke("extract", "--db", db)
    assert extract.exit_code == 0
    listing = invoke("articles", "--db", db)
    assert "[/x]" in listing.output and "[video]" in listing.output and "[/i]" in listing.output
    shown = invoke("show", _only_id(db), "--db", db)
    assert shown.exit_code == 0 and TITLE in shown.output and "[sic]" in shown.output
    claims = invoke("claims", "--db", db)
    assert claims.exit_code == 0 and "[sic]" in claims.output
    problems = invoke("problems", "--db", db)
    assert problems.exit_code == 0 and "[bold]" in problems.output
    annotated = invoke("annotate", str(folder / "wire.jsonl"))
    assert "[sic]" in annotated.output and "[/x]" in annotated.output


def _only_id(db: str) -> str:
    from sitroom.store import open_store

    with open_store(db) as store:
        (article_id,) = store.article_ids()
    return article_id
