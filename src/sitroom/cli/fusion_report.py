"""`sitroom eval fusion --db`: the corpus's cross-side event clusters and the drawn sample, member by member."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def print_cluster_members(console: Console, title: str, clusters: dict[str, dict[str, Any]]) -> None:
    """One table row per member: cluster id (on its first member), date, sides and whether the cluster is copies
    of one text, then the member's item, outlet, publication date, actors and words."""
    table = Table(title=f"{title}: {len(clusters)} clusters")
    for column in ("cluster", "date", "sides", "copies", "item", "outlet", "published", "actors", "words"):
        table.add_column(column, overflow="fold")
    for cid, cluster in clusters.items():
        for n, member in enumerate(cluster["members"]):
            first = n == 0
            table.add_row(cid if first else "", (cluster["date"] or "")[:10] if first else "",
                          "+".join(cluster["sides"]) if first else "", ("yes" if cluster["copies"] else "no") if first
                          else "", member["item"], member["outlet"], (member["published"] or "")[:10],
                          member["actors"], member["text"])
    console.print(table)
