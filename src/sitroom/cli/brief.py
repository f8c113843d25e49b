"""``sitroom brief --from DATE --to DATE``: the situation report of a period, as markdown or HTML, to a file or
standard output. A file is written beside its target and renamed into place when whole."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from sitroom.brief import FORMATS, BriefError, BriefRequest, build, render
from sitroom.cli.files import write_whole
from sitroom.cli.render import errors
from sitroom.config import Config
from sitroom.store.base import Store

STDOUT = "-"


def make_brief(open_db: Callable[[str | None], Store], config: Callable[[], Config],
               exit_code: int) -> Callable[..., None]:
    """The ``brief`` command, given how the app opens a store, reads its config and exits on a usage error
    (cli.app registers it; this module does not import the app)."""

    def brief(
        date_from: Annotated[str, typer.Option("--from", help="First day of the period (YYYY-MM-DD), inclusive.")],
        date_to: Annotated[str, typer.Option("--to", help="Last day of the period (YYYY-MM-DD), inclusive.")],
        region: Annotated[str | None, typer.Option(
            help="Only this region: part of a place, admin1 or country name (Donetsk, Ukraine), or an ISO code (UA)."
        )] = None,
        format: Annotated[str, typer.Option("--format", help="md (markdown) or html (one page).")] = "md",
        db: Annotated[str | None, typer.Option("--db", help="SQLite file (default: the config's, sitroom.db).")] = None,
        out: Annotated[str, typer.Option("--out", help="File to write, or - for standard output.")] = STDOUT,
        min_confidence: Annotated[float | None, typer.Option(
            "--min-confidence", help="Events below this confidence (0-1) are low confidence (default: [brief]"
            " min_event_confidence, 0.6).")] = None,
        low_confidence: Annotated[str | None, typer.Option(
            "--low-confidence", help="mark (flag them, rank them after the others) or omit (leave them out);"
            " default: [brief] low_confidence_events.")] = None,
    ) -> None:
        """The situation report of a period: key developments, the front line, strikes and casualties, claims in
        dispute, civilians, aid and diplomacy; every line with its sources and evidence."""
        try:
            if format not in FORMATS:
                raise BriefError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
            options = config().brief
            if min_confidence is not None:
                options = dataclasses.replace(options, min_event_confidence=min_confidence)
            if low_confidence is not None:
                options = dataclasses.replace(options, low_confidence_events=low_confidence)
            request = BriefRequest(date_from, date_to, region or None, options)
            request.period()
            location = db or config().db
            if "://" not in location and not Path(location).exists():
                raise BriefError(f"no store at {location} (`sitroom run FILES --db {location}` makes one)")
            with open_db(location) as store:
                briefing = build(store, request)
            text = render(briefing, format)
        except BriefError as error:
            errors.print(f"error: {error}", soft_wrap=True)
            raise typer.Exit(exit_code) from None
        if out == STDOUT:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            _write_file(text, Path(out), exit_code)
        done = "left out" if briefing.low_confidence_events == "omit" else "marked"
        low = f" ({briefing.low_confidence} low confidence {done})" if briefing.low_confidence else ""
        errors.print(f"briefing {briefing.date_from} to {briefing.date_to}: {briefing.event_clusters} events{low},"
                     f" {briefing.claim_clusters} claims, {len(briefing.sources)} articles cited"
                     + ("" if out == STDOUT else f" -> {out}"), soft_wrap=True)

    return brief


def _write_file(text: str, target: Path, exit_code: int) -> None:
    try:
        write_whole(target, [text.encode("utf-8")])
    except OSError as error:
        errors.print(f"error: cannot write {target}: {error.strerror or error}", soft_wrap=True)
        raise typer.Exit(exit_code) from None
