"""Which reports are independent: copies of one text (dedup groups) and articles crediting the same agency
("With reporting by AFP") are one source; ACLED's warning that more reports from copies is not more
reliability is this module's reason to exist."""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.model import Article


class SourceIndex:
    """Union-find over articles and the agencies they credit; ``root`` names an article's source."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def _find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low

    def add(self, article: Article, copy_of: str) -> None:
        """Link an article to the first copy of its text and to every agency it credits."""
        node = "article:" + article.id
        self._union(node, "article:" + copy_of)
        for agency in article.credits:
            self._union(node, "agency:" + agency.strip().lower())

    def root(self, article_id: str) -> str:
        return self._find("article:" + article_id)

    def independent(self, article_ids: Iterable[str]) -> int:
        """How many independent sources a set of articles is."""
        return len({self.root(a) for a in article_ids})
