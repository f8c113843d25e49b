"""Disjoint sets (union-find with path halving): copies of copies, articles linked through an agency, pairs
closed under "a copy of a copy is a copy". The root of a set is its least member by ``rank``, so the name of a
set does not depend on the order of the unions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class UnionFind:
    def __init__(self, rank: Callable[[str], Any] | None = None) -> None:
        self.parent: dict[str, str] = {}
        self.rank = rank or (lambda item: item)

    def __contains__(self, item: str) -> bool:
        return item in self.parent

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        first, second = sorted((ra, rb), key=self.rank)
        self.parent[second] = first
        return first

    def groups(self) -> dict[str, list[str]]:
        """Every set, by its root, members sorted."""
        out: dict[str, list[str]] = {}
        for item in list(self.parent):
            out.setdefault(self.find(item), []).append(item)
        return {root: sorted(members) for root, members in out.items()}
