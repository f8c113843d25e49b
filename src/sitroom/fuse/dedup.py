"""Near-duplicates and syndication: the same text republished is one source.

Each article gets a MinHash signature of its word 5-grams; banded LSH proposes the few articles that may share
text with it, and a candidate is a copy when the shorter text is mostly inside the longer (containment, estimated
from the signatures and the shingle counts, so nothing but the signature is kept per article). Copies form
groups (union-find); a group is named by its earliest member (published, then id), so the name does not depend
on the order articles arrive in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from sitroom.config import FuseOptions
from sitroom.fuse.minhash import LSHIndex, MinHasher, similarity
from sitroom.fuse.unionfind import UnionFind
from sitroom.model import Article
from sitroom.text.shingles import shingles, stable_hash, words


@dataclass(slots=True)
class Fingerprint:  # one per article the ledger has seen
    article_id: str
    order: tuple[str, str]  # (published, id): the earliest copy names its group
    signature: np.ndarray
    size: int  # distinct shingles


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """The estimated share of the smaller text's shingles found in the larger: |A∩B| = J (|A|+|B|) / (1+J)."""
    jac = similarity(a.signature, b.signature)
    common = jac * (a.size + b.size) / (1 + jac)
    return common / max(1, min(a.size, b.size))


class Deduplicator:
    """Incremental: ``add`` one article at a time; ``group_of`` names each article's copy group."""

    def __init__(self, options: FuseOptions | None = None) -> None:
        self.options = options or FuseOptions()
        self.hasher = MinHasher(self.options.num_perm)
        self.index = LSHIndex(self.options.bands, self.options.rows)
        self.prints: dict[str, Fingerprint] = {}
        self.copies = UnionFind(rank=lambda article_id: self.prints[article_id].order)
        self.matches: dict[str, list[tuple[str, float]]] = {}  # article -> (copy, containment): the evidence

    def fingerprint(self, article: Article) -> Fingerprint:
        grams = shingles(words(article.text), self.options.shingle_words)
        return Fingerprint(article.id, (article.published or "", article.id),
                           self.hasher.signature(stable_hash(g) for g in grams), len(grams))

    def add(self, article: Article) -> list[tuple[str, float]]:
        """Index the article; the earlier articles it copies or is copied by, with their containment."""
        if article.id in self.prints:
            return self.matches.get(article.id, [])
        fp = self.fingerprint(article)
        self.prints[article.id] = fp
        self.copies.find(article.id)
        found: list[tuple[str, float]] = []
        if fp.size >= self.options.min_shingles:
            for other in sorted(self.index.candidates(fp.signature)):  # type: ignore[type-var]
                score = containment(fp, self.prints[other])  # type: ignore[index]
                if score >= self.options.containment and self.prints[other].size >= self.options.min_shingles:  # type: ignore[index]
                    found.append((str(other), round(score, 3)))
                    self.matches.setdefault(str(other), []).append((article.id, round(score, 3)))
                    self.copies.union(article.id, str(other))
            self.index.insert(article.id, fp.signature)
        self.matches.setdefault(article.id, []).extend(found)
        return found

    def add_all(self, articles: Iterable[Article]) -> None:
        for article in articles:
            self.add(article)

    def group_of(self, article_id: str) -> str:
        """The id of the earliest copy of this article's text (itself when it has none)."""
        return self.copies.find(article_id) if article_id in self.copies else article_id

    def groups(self) -> dict[str, list[str]]:
        """Copy groups of two or more articles, by the id that names them."""
        return {k: v for k, v in self.copies.groups().items() if len(v) > 1}
