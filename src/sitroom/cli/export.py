"""``sitroom export NAME --out PATH``: one of the EXPORTERS, streamed from the store to a file or stdout.

A file is written beside its target and renamed into place when the export is whole, so a failed export never
leaves half a file under the name asked for. The count of rows, and of what was left out and why, goes to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Annotated, BinaryIO, Optional

import typer

from sitroom.cli.files import write_whole
from sitroom.cli.render import errors
from sitroom.export import EXPORTERS, ExportError, ExportFilter, ExportStats, exporter
from sitroom.config import Config
from sitroom.store.base import Store

# The --out value that means standard output.
STDOUT = "-"
DbOption = Annotated[Optional[str], typer.Option("--db", help="SQLite file (default: the config's, sitroom.db).")]


def make_export(open_db: Callable[[str | None], Store], config: Callable[[], Config],
                exit_code: int) -> Callable[..., None]:
    """The ``export`` command, given how the app opens a store, reads its config and exits on a usage error
    (cli.app registers it; this module does not import the app)."""

    def export(
        name: Annotated[str, typer.Argument(help="Exporter: " + ", ".join(EXPORTERS) + ".")],
        out: Annotated[str, typer.Option("--out", help="File to write, or - for standard output.")],
        since: Annotated[Optional[str], typer.Option("--from", help="First day (ISO date), inclusive.")] = None,
        until: Annotated[Optional[str], typer.Option("--to", help="Last day (ISO date), inclusive.")] = None,
        country: Annotated[Optional[str], typer.Option(help="ISO 3166-1 alpha-2 code (UA) or name (Ukraine).")] = None,
        admin1: Annotated[Optional[str], typer.Option(help="Part of a first-level region's name (Kharkiv).")] = None,
        kind: Annotated[Optional[str], typer.Option(help="clusters export: event or claim (default both).")] = None,
        min_confidence: Annotated[Optional[float], typer.Option(
            "--min-confidence", help="Event clusters of at least this confidence (0-1; not jsonl).")] = None,
        db: DbOption = None,
    ) -> None:
        """Export the store: acled (ACLED's CSV), geojson, parquet, jsonl (records), clusters (JSON lines)."""
        where = ExportFilter(since, until, country, admin1, kind, min_confidence)  # type: ignore[arg-type]
        stats = ExportStats()
        try:
            chosen = exporter(name, config().export)
            location = db or config().db
            if "://" not in location and not Path(location).exists():
                raise ExportError(f"no store at {location} (`sitroom run FILES --db {location}` makes one)")
            with open_db(location) as store:
                chunks = chosen.stream(store, where, stats)
                if out == STDOUT:
                    _write(chunks, sys.stdout.buffer)
                    sys.stdout.buffer.flush()
                else:
                    write_whole(Path(out), chunks)
        except ExportError as error:
            errors.print(f"error: {error}", soft_wrap=True)
            raise typer.Exit(exit_code) from None
        except OSError as error:
            errors.print(f"error: cannot write {out}: {error.strerror or error}", soft_wrap=True)
            raise typer.Exit(exit_code) from None
        left_out = ", ".join(f"{count} {reason}" for reason, count in sorted(stats.skipped.items()))
        errors.print(f"{name}: {stats.rows} rows -> {'stdout' if out == STDOUT else out}"
                     + (f" (left out: {left_out})" if left_out else ""))

    return export


def _write(chunks: Iterable[bytes], target: BinaryIO) -> None:
    for chunk in chunks:
        target.write(chunk)


