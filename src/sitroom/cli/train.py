"""``sitroom train ...``: rebuild a learned file from ../shared's data (the trainers live in sitroom.train; this
is their command line). ``sitroom train event-detector`` writes data/events/event_detector.npz."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.render import console, errors

# Exit status of a run refused for its input (a data folder or file that is missing or unreadable).
EXIT_BAD_INPUT = 2

train_app = typer.Typer(help="Rebuild the learned files from ../shared's data.", no_args_is_help=True)


@train_app.command("event-detector")
def train_event_detector(
    acled: Annotated[Path, typer.Option(help="ACLED notes folder (positives)")] = Path(
        "../shared/eval/events/acled_notes"),
    plover: Annotated[Path, typer.Option(help="PLOVER-coded sentences (positives)")] = Path(
        "../shared/eval/events/plover_gsr_cameo/PLOVER_GSR_CAMEO.json"),
    polnear: Annotated[Path, typer.Option(help="PolNeAR folder: its train split's contents (negatives)")] = Path(
        "../shared/eval/attribution/polnear"),
    out: Annotated[Path | None, typer.Option(help="Where to write (default: the packaged file)")] = None,
    cache: Annotated[Path | None, typer.Option(help="A folder outside the repository for encoded vectors")] = None,
) -> None:
    """The clause-level event detector the accurate profile uses: does a clause report a concrete event (see
    sitroom.train.event_detector for the data). Prints the held-out figures and the file's size."""
    from sitroom.extract.event_detection import DETECTOR_FILE
    from sitroom.train.event_detector import train
    from sitroom.train.polnear import packaged_path

    for path in (acled, plover, polnear):
        if not path.exists():
            errors.print(f"sitroom train event-detector: {path} not found (see --help for what each option reads)")
            raise typer.Exit(EXIT_BAD_INPUT)
    try:
        figures = train(acled, plover, polnear, out or packaged_path(DETECTOR_FILE), cache)
    except (ValueError, OSError) as error:  # DataError of the notes, a malformed PLOVER file, an unreadable folder
        errors.print(f"sitroom train event-detector: {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from error
    console.print_json(json.dumps(figures))
