"""The default pipeline: every sitroom component declares what it requires, and the order satisfies it."""

from __future__ import annotations

from pathlib import Path

from sitroom.config import DEFAULT_PIPELINE
from sitroom.model import to_json


def test_default_pipeline_order_satisfies_every_requirement(nlp_base) -> None:
    assert [name for name in nlp_base.pipe_names if name.startswith("sitroom_") and name != "sitroom_paragraphs"] \
        == list(DEFAULT_PIPELINE)
    analysis = nlp_base.analyze_pipes(pretty=False)
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}


def test_events_declare_the_extensions_they_read(nlp_base) -> None:
    summary = nlp_base.analyze_pipes(pretty=False)["summary"]
    assert {"doc._.claims", "doc._.places", "doc._.times"} <= set(summary["sitroom_events"]["requires"])


def test_a_saved_pipeline_loads_from_another_folder_and_reads_the_same(nlp_base, tmp_path) -> None:
    """nlp.config holds no path of this checkout, and spaCy finds the components by entry point."""
    import shutil

    import spacy

    text = "Officials said Russian shelling hit Kharkiv on Sunday, killing two people. Zelenskiy said it was a crime."
    saved = tmp_path / "saved"
    nlp_base.to_disk(saved)
    moved = shutil.move(str(saved), str(tmp_path / "elsewhere" / "pipeline"))
    assert str(Path(__file__).resolve().parents[2]) not in (Path(moved) / "config.cfg").read_text(encoding="utf-8")
    loaded = spacy.load(moved)
    assert loaded.pipe_names == nlp_base.pipe_names
    first, again = nlp_base(text), loaded(text)
    for name in ("times", "quantities", "places", "actors", "claims", "events"):
        assert to_json(getattr(first._, name)) == to_json(getattr(again._, name)), name


def test_claims_without_the_actors_component_is_refused_not_filled_in() -> None:
    """analyze_pipes reports the missing input, and running raises instead of resolving sources alone."""
    import pytest

    from sitroom.config import NlpOptions
    from sitroom.extract.doc import MissingInputError
    from sitroom.nlp import load_pipeline

    nlp = load_pipeline(NlpOptions(pipeline=["sitroom_claims"]))
    assert nlp.analyze_pipes(pretty=False)["problems"]["sitroom_claims"] == ["doc._.actors"]
    with pytest.raises(MissingInputError, match="sitroom_claims needs doc._.actors"):
        nlp("Officials said Russian shelling hit Kharkiv on Sunday.")
