"""MinHash signatures and banded locality-sensitive hashing, in numpy.

Why not ``datasketch``: its wheel is pure Python but it requires scipy (about 35 MB of compiled code) for an
optional optimizer of band sizes; the part fusion needs is forty lines of numpy, which sitroom already has.
Banding makes candidate search sub-quadratic: an item is compared only with the items that share one of its
band hashes, never with the whole corpus.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np

PRIME = np.uint64((1 << 31) - 1)  # a Mersenne prime above every 31-bit hash; a*h+b stays below 2**63
EMPTY = np.uint32((1 << 32) - 1)  # the signature of a set with no members


class MinHasher:
    """``num_perm`` universal hash functions h(x) = (a*x + b) mod p, fixed by ``seed``."""

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.a = rng.integers(1, int(PRIME), size=(num_perm, 1), dtype=np.uint64)
        self.b = rng.integers(0, int(PRIME), size=(num_perm, 1), dtype=np.uint64)

    def signature(self, hashes: Iterable[int]) -> np.ndarray:
        """The minimum of each hash function over the set's (32-bit) hashes."""
        values = np.fromiter(hashes, dtype=np.uint64)
        if values.size == 0:
            return np.full(self.num_perm, EMPTY, dtype=np.uint32)
        values = values % PRIME
        # Every value is below PRIME < 2**32: kept as uint32, half the bytes of the arithmetic's uint64.
        return ((self.a * values[None, :] + self.b) % PRIME).min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate: the share of hash functions whose minima agree."""
    return float(np.count_nonzero(a == b)) / len(a)


class LSHIndex:
    """Signatures cut into ``bands`` bands of ``rows`` values; two items whose values agree on a whole band are
    candidates. The probability that a pair of Jaccard similarity s is found is 1 - (1 - s**rows)**bands."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        # Most buckets hold one item: it is stored as itself, a list only once a second item shares the bucket
        # (a one-item list costs 88 bytes more than the reference; measured, bench/fuse.py).
        self.buckets: dict[int, Hashable | list[Hashable]] = {}

    def keys(self, signature: np.ndarray, prefix: int = 0) -> list[int]:
        """One int per band (Python's hash of the band's values: in memory only, never stored, so its salt per
        process does not matter; an int key costs a fraction of a tuple of bytes). ``prefix`` partitions the
        index (by week, for claims), so a query looks only where a match may be."""
        return [hash((prefix, band, signature[band * self.rows:(band + 1) * self.rows].tobytes()))
                for band in range(self.bands)]

    def candidates(self, signature: np.ndarray, prefixes: Iterable[int] = (0,)) -> set[Hashable]:
        found: set[Hashable] = set()
        for prefix in prefixes:
            for key in self.keys(signature, prefix):
                held = self.buckets.get(key)
                if isinstance(held, list):
                    found.update(held)
                elif held is not None:
                    found.add(held)
        return found

    def insert(self, key: Hashable, signature: np.ndarray, prefix: int = 0) -> None:
        for bucket in self.keys(signature, prefix):
            held = self.buckets.get(bucket)
            if held is None:
                self.buckets[bucket] = key
            elif isinstance(held, list):
                held.append(key)
            else:
                self.buckets[bucket] = [held, key]
