"""The `sitroom` command end to end on small inputs (the store in a temporary folder)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.model import Record, from_dict

SEED_ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "article.txt"

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


def _inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "seed.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 40)
    rows = [
        {"id": "w1", "outlet": "Test Wire", "url": "https://example.org/a", "title": "Shelling in Kharkiv",
         "published": "2024-10-14", "text": "Officials said Russian shelling hit Kharkiv on Sunday. " * 5},
        "{not json",
    ]
    (folder / "wire.jsonl").write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return folder


def test_ingest_reports_each_bad_item_and_stores_the_good(tmp_path):
    db = str(tmp_path / "s.db")
    result = invoke("ingest", str(_inputs(tmp_path)), "--db", db)
    assert result.exit_code == 1  # some items failed; the good ones are stored
    assert "empty" in result.output and "binary" in result.output and "malformed_json" in result.output
    listing = invoke("articles", "--db", db)
    assert "Zelenskiy Claims North Korea" in listing.output and "Shelling in Kharkiv" in listing.output
    again = invoke("ingest", str(_inputs(tmp_path)), "--db", db)
    assert "│      0 │       0 │         2 │" in again.output  # nothing stored twice
    problems = invoke("problems", "--db", db)
    assert problems.exit_code == 0 and "malformed" in problems.output and "binary" in problems.output


def test_show_prints_text_credits_and_removed_lines(tmp_path):
    db = str(tmp_path / "s.db")
    invoke("ingest", str(SEED_ARTICLE), "--db", db)
    from sitroom.store import open_store

    with open_store(db) as store:
        (article_id,) = store.article_ids()
    shown = invoke("show", article_id[:8], "--db", db)
    assert "AFP, dpa, Reuters" in shown.output
    assert "removed" in shown.output and "SEE ALSO" in shown.output
    assert invoke("show", "nope", "--db", db).exit_code == 1


def test_annotate_json_is_the_data_model_with_offsets_that_round_trip(tmp_path):
    result = invoke("annotate", str(SEED_ARTICLE), "--published", "2024-10-14", "--outlet", "RFE/RL", "--json")
    assert result.exit_code == 0
    record = from_dict(Record, json.loads(result.output))
    article = record.article
    assert article.title.startswith("Zelenskiy Claims") and article.credits == ["AFP", "dpa", "Reuters"]
    assert article.published == "2024-10-14" and article.outlet == "RFE/RL"
    spans = [c for c in article.captions]
    for group in (record.claims, record.times, record.places, record.quantities, record.events):
        for item in group:
            for value in vars(item).values():
                if hasattr(value, "start") and hasattr(value, "article_id"):
                    spans.append(value)
    for span in spans:
        assert article.text[span.start:span.end] == span.text


def test_annotate_jsonl_prints_one_line_per_document_in_order_with_input_ids(tmp_path):
    source = tmp_path / "docs.jsonl"
    docs = [{"id": f"d{i}", "title": f"T{i}", "published": "2024-10-14",
             "text": f"Officials said {i} people were evacuated from the border areas on Monday."} for i in range(3)]
    source.write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    result = invoke("annotate", str(source), "--json")
    lines = result.output.strip().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["d0", "d1", "d2"]


def test_run_ingests_and_extracts(tmp_path):
    db = str(tmp_path / "s.db")
    result = invoke("run", str(_inputs(tmp_path)), "--db", db)
    assert result.exit_code == 1 and "extracted 2 articles" in result.output  # 1: the bad inputs failed
    rerun = invoke("run", str(_inputs(tmp_path)), "--db", db)
    assert "extracted 0 articles" in rerun.output


def test_every_eval_task_has_a_command():
    from sitroom.cli import eval_app

    names = {command.name for command in eval_app.registered_commands}
    assert names == {"extraction", "attribution", "timex", "geo", "events", "fusion", "news"}


def test_exit_codes_say_whether_anything_failed(tmp_path):
    db = str(tmp_path / "s.db")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g", "title": "Shelling in Kharkiv", "published": "2024-10-14",
                                "text": "Officials said Russian shelling hit Kharkiv on Sunday. " * 3}) + "\n")
    assert invoke("ingest", str(good), "--db", db).exit_code == 0
    assert invoke("ingest", str(tmp_path / "missing.txt"), "--db", db).exit_code == 1  # every item failed
    both = invoke("ingest", str(tmp_path / "missing.txt"), str(good), "--db", str(tmp_path / "both.db"))
    assert both.exit_code == 1 and "unreadable" in both.output
    listed = invoke("articles", "--db", str(tmp_path / "both.db"))
    assert "Shelling in Kharkiv" in listed.output  # the good file named after the bad one is stored
