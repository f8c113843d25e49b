"""The claims' status filter (ClaimFilter.status, GET /api/claims?status=): the status of the claim cluster holding
each claim, applied by the store before it pages, so a page is full however rare the status, on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sitroom.model import Actor, Article, Claim, Cluster, Evidence, Record
from sitroom.store import open_store
from sitroom.store.base import ClaimFilter, Store

# Claims C0..C9 of one article; C3 and C7 in a denied cluster, C5 in a contested one, C1 in a single-source cluster,
# the rest in none.
CLUSTERS = {"denied": ["C3", "C7"], "contested": ["C5"], "single_source": ["C1"]}


@pytest.fixture
def store(any_store_location: str) -> Iterator[Store]:
    text = " ".join(f"Claim number {k}." for k in range(10))
    article = Article(id="a1", text=text, title="t", published="2024-10-14", content_hash="h1")
    claims = []
    for k in range(10):
        at = text.index(f"number {k}.")
        words = Evidence("a1", at, at + 8, text=text[at:at + 8])
        claims.append(Claim(f"C{k}", "A1", None, words, words))
    other = Article(id="a2", text="Claim number 9 in a2", title="t", published="2024-10-15", content_hash="h2")
    other_claim = Evidence("a2", 6, 14, text="number 9")
    with open_store(any_store_location) as opened:
        opened.add_batch([article, other], run="r")
        opened.put_records([Record(article=article, actors=[Actor("A1", "Peskov", "person")], claims=claims),
                            Record(article=other, claims=[Claim("C9", None, None, other_claim, other_claim)])],
                           pipeline="p")
        opened.put_clusters([Cluster(id=f"k-{status}", kind="claim", status=status,  # type: ignore[arg-type]
                                     members=[f"a1/{m}" for m in members])
                             for status, members in CLUSTERS.items()])
        yield opened


def _listed(store: Store, status: str | None, limit: int) -> list[str]:
    keys, after = [], None
    while True:
        page = store.claims_page(ClaimFilter(status=status), after, limit)
        keys += [f"{row.article_id}/{row.claim_id}" for row in page.rows]
        if page.next is None:
            return keys
        after = page.next


def test_pages_hold_only_claims_of_the_status(store: Store) -> None:
    first = store.claims_page(ClaimFilter(status="denied"), None, 1)
    assert [row.claim_id for row in first.rows] == ["C3"] and first.next is not None  # not C0, filtered away
    assert _listed(store, "denied", 1) == ["a1/C3", "a1/C7"]
    assert _listed(store, "contested", 2) == ["a1/C5"]
    assert _listed(store, "corroborated", 2) == []
    # single_source: in a single-source cluster or in none; a2's C9 is not a1's C9 (members name their article).
    lone = ["a1/C0", "a1/C1", "a1/C2", "a1/C4", "a1/C6", "a1/C8", "a1/C9", "a2/C9"]
    assert _listed(store, "single_source", 3) == lone
    assert len(_listed(store, None, 4)) == 11


def test_status_combines_with_the_other_filters(store: Store) -> None:
    assert _listed(store, "denied", 5) == ["a1/C3", "a1/C7"]
    page = store.claims_page(ClaimFilter(status="denied", text="number 7"), None, 5)
    assert [row.claim_id for row in page.rows] == ["C7"]
    page = store.claims_page(ClaimFilter(status="single_source", article_id="a2"), None, 5)
    assert [(row.article_id, row.claim_id) for row in page.rows] == [("a2", "C9")]
