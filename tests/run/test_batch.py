"""The extract step over a store: a poison article is logged with its reason, the rest are stored, and a rerun
does not stop on it again; a changed component option changes the fingerprint and re-reads every article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from sitroom import lexicons
from sitroom.cli import app
from sitroom.config import Config
from sitroom.nlp import load_pipeline
from sitroom.run.batch import extract_articles, ingest_items
from sitroom.run.identity import fingerprint
from sitroom.ingest import read_paths
from sitroom.store import SQLiteStore
from sitroom.store.base import ProblemFilter

POISON = "POISON-PILL"
runner = CliRunner()


@Language.component("sitroom_test_poison_batch")
def _poison(doc):
    if POISON in doc.text:
        raise RuntimeError("cannot read this one")
    return doc


def _corpus(tmp_path, n: int = 5):
    path = tmp_path / "docs.jsonl"
    rows = [{"id": f"d{i}", "title": f"Report {i}", "published": "2024-10-14", "url": f"https://e.org/{i}",
             "text": f"Officials said {i + 2} people were evacuated from Kupiansk on Monday. "
                     + (POISON if i == 2 else "") + " The governor said shelling continued."} for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_poison_article_is_logged_and_the_rest_stored(tmp_path):
    db = tmp_path / "s.db"
    config = Config()
    config.extract.commit_articles = 2
    nlp = load_pipeline(config.nlp)
    nlp.add_pipe("sitroom_test_poison_batch", first=True)
    with SQLiteStore(db) as store:
        ingest_items(store, read_paths([_corpus(tmp_path)]), config, "r1")
        pipeline = fingerprint(nlp)
        result = extract_articles(store, nlp, pipeline, store.ids_to_extract(pipeline), config)
        assert (result.stored, result.failed) == (4, 1)
        (problem,) = store.iter_problems(ProblemFilter(stage="extract"))
        poisoned = next(a for a in store.iter_articles() if POISON in a.text)
        assert problem.article_id == poisoned.id and problem.item == "sitroom_test_poison_batch"
        assert store.ids_to_extract(pipeline) == []  # the rerun does not stop on it again
    shown = runner.invoke(app, ["problems", "--stage", "extract", "--db", str(db)])
    assert shown.exit_code == 0 and "component_error" in shown.output and "cannot read" in shown.output


def test_a_changed_option_or_lexicon_changes_the_fingerprint(tmp_path):
    base = fingerprint(load_pipeline())
    config = Config()
    config.nlp.components = {"sitroom_claims": {"quote_window": 2}}
    assert fingerprint(load_pipeline(config.nlp)) != base
    lexicon = tmp_path / "claims"
    shutil.copytree(Path(str(lexicons.data_root().joinpath("claims"))), lexicon)
    config.nlp.components = {"sitroom_claims": {"data_dir": str(lexicon)}}
    with_folder = fingerprint(load_pipeline(config.nlp))
    with (lexicon / "hedges.txt").open("a", encoding="utf-8") as hedges:
        hedges.write("purportedly\n")
    assert len({base, with_folder, fingerprint(load_pipeline(config.nlp))}) == 3


@pytest.mark.parametrize("option", ["[nlp.components.sitroom_claims]\nquote_window = 2\n"])
def test_extract_redoes_the_articles_under_a_changed_option(tmp_path, option):
    db, corpus = str(tmp_path / "s.db"), _corpus(tmp_path, 3)
    assert runner.invoke(app, ["run", str(corpus), "--db", db]).exit_code == 0
    again = runner.invoke(app, ["extract", "--db", db])
    assert "extracted 0 articles" in again.output
    config = tmp_path / "c.toml"
    config.write_text(option, encoding="utf-8")
    changed = runner.invoke(app, ["--config", str(config), "extract", "--db", db])
    assert changed.exit_code == 0 and "extracted 3 articles" in changed.output
