"""The default pipeline: every sitroom component declares what it requires, and the order satisfies it."""

from __future__ import annotations

from sitroom.config import DEFAULT_PIPELINE


def test_default_pipeline_order_satisfies_every_requirement(nlp_base) -> None:
    assert [name for name in nlp_base.pipe_names if name.startswith("sitroom_") and name != "sitroom_paragraphs"] \
        == list(DEFAULT_PIPELINE)
    analysis = nlp_base.analyze_pipes(pretty=False)
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}


def test_events_declare_the_extensions_they_read(nlp_base) -> None:
    summary = nlp_base.analyze_pipes(pretty=False)["summary"]
    assert {"doc._.claims", "doc._.places", "doc._.times"} <= set(summary["sitroom_events"]["requires"])
