"""Prints a scorer's metrics: a readable table, or with --json one JSON object (percentages 0-100)."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table


def print_metrics(title: str, metrics: dict[str, Any], as_json: bool, console: Console | None = None) -> None:
    if as_json:
        print(json.dumps(metrics, ensure_ascii=False, sort_keys=True))
        return
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in metrics.items():
        if isinstance(value, dict):
            continue
        table.add_row(key, f"{value:.1f}" if isinstance(value, float) else str(value))
    (console or Console()).print(table)
