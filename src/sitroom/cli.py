"""The `sitroom` command: thin typer wrappers over the stages."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitroom.eval.report import print_metrics

app = typer.Typer(help="sitroom: war reporting as a source-attributed, verifiable record.", no_args_is_help=True)
eval_app = typer.Typer(help="Score extraction against gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object of the metrics.")]
SplitOption = Annotated[Optional[str], typer.Option("--split", help="Subfolder of the data set (train, dev, ...).")]


def _run_eval(task: str, title: str, as_json: bool, *args: object) -> None:
    scorer = importlib.import_module(f"sitroom.eval.{task}")
    print_metrics(title, scorer.evaluate(*args), as_json)


@eval_app.command("extraction")
def eval_extraction(
    gold: Annotated[Path, typer.Option(help="article-extraction-benchmark folder (html/ + ground-truth.json)")],
    as_json: JsonFlag = False,
) -> None:
    """HTML main-text extraction: 4-gram shingle precision/recall/F1 per page, averaged."""
    _run_eval("extraction", "HTML extraction", as_json, gold)


@eval_app.command("attribution")
def eval_attribution(
    data: Annotated[Path, typer.Option(help="PolNeAR folder (brat standoff)")],
    split: SplitOption = "dev",
    as_json: JsonFlag = False,
) -> None:
    """Attribution (source, cue, content): exact and overlap precision/recall/F1."""
    _run_eval("attribution", f"Attribution ({split})", as_json, data, split)


@eval_app.command("timex")
def eval_timex(
    data: Annotated[Path, typer.Option(help="TimeML folder or file")],
    split: SplitOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Time expressions: TempEval-3 strict/relaxed extraction F1, type accuracy and value F1."""
    _run_eval("timex", "Time expressions", as_json, data, split)


@eval_app.command("geo")
def eval_geo(
    corpus: Annotated[Path, typer.Option(help="GeoWebNews or LGL folder or file")],
    split: SplitOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Toponyms: recognition P/R/F1 and resolution accuracy, given gold names and end to end."""
    _run_eval("geo", "Places", as_json, corpus, split)


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option(help="PLOVER GSR folder")],
    split: SplitOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Event typing: PLOVER category accuracy and macro-F1."""
    _run_eval("events", "Events", as_json, data, split)


if __name__ == "__main__":
    app()
