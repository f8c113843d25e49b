"""`sitroom run` fuses after extracting; `fuse` again changes nothing; `clusters` and `cluster ID` show them."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from sitroom.cli import app

runner = CliRunner()
REPORT = ("Officials said Russian shelling hit Kharkiv on Sunday, killing three people. "
          "The governor said the attack damaged a school. ")


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_run_fuses_and_the_clusters_can_be_listed_and_read(tmp_path):
    rows = [
        {"id": "a", "outlet": "Wire A", "url": "https://a.example/1", "published": "2024-10-14", "text": REPORT * 3},
        {"id": "b", "outlet": "Paper B", "url": "https://b.example/1", "published": "2024-10-14",
         "text": "Russian shelling hit Kharkiv on Sunday, killing three people, officials said. " * 3},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    db = str(tmp_path / "s.db")
    result = invoke("run", str(source), "--db", db)
    assert result.exit_code == 0 and "fused:" in result.output
    again = invoke("fuse", "--db", db)
    assert "0 new, 0 joined, 0 merged; 0 clusters written" in again.output
    listing = invoke("clusters", "--db", db, "--kind", "event")
    assert listing.exit_code == 0
    ids = re.findall(r"ev-[0-9a-f]{12}", listing.output)
    assert ids
    shown = invoke("cluster", ids[0], "--db", db)
    assert shown.exit_code == 0 and "members" in shown.output and "history" in shown.output
    assert invoke("cluster", "nope", "--db", db).exit_code == 1
    assert invoke("clusters", "--db", db, "--kind", "story").exit_code == 2
    assert invoke("clusters", "--db", db, "--status", "maybe").exit_code == 2
