"""Which reports are independent: copies of one text (dedup groups) and articles crediting the same agency
("With reporting by AFP") are one source; ACLED's warning that more reports from copies is not more
reliability is this module's reason to exist."""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.fuse.unionfind import UnionFind
from sitroom.model import Article


class SourceIndex:
    """Union-find over articles and the agencies they credit; ``root`` names an article's source."""

    def __init__(self) -> None:
        self.sets = UnionFind()

    def add(self, article: Article, copy_of: str) -> None:
        """Link an article to the first copy of its text and to every agency it credits."""
        node = "article:" + article.id
        self.sets.union(node, "article:" + copy_of)
        for agency in article.credits:
            self.sets.union(node, "agency:" + agency.strip().lower())

    def root(self, article_id: str) -> str:
        return self.sets.find("article:" + article_id)

    def independent(self, article_ids: Iterable[str]) -> int:
        """How many independent sources a set of articles is."""
        return len({self.root(a) for a in article_ids})
