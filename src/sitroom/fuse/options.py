"""Fusion's thresholds, in one dataclass so a caller (run, eval, bench) passes them explicitly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FuseOptions:
    # Near-duplicates: word 5-grams, 128 MinHash functions in 32 bands of 4 (a pair of Jaccard 0.3 is a
    # candidate with probability 0.23, of 0.5 with 0.87, of 0.6 with 0.98) ...
    shingle_words: int = 5
    num_perm: int = 128
    bands: int = 42
    rows: int = 3
    # ... and a candidate is a copy when this share of the shorter text's shingles is in the longer one (a
    # truncated wire copy or a transcript that is half of a longer statement still counts).
    containment: float = 0.45
    # Texts of fewer shingles than this are too short to call copies (a two-line notice).
    min_shingles: int = 25
    # Event clusters: reports of one event lie within this many days of each other ...
    date_window_days: int = 1
    # ... within this distance when both are placed ...
    max_distance_km: float = 50.0
    # ... and score at least this (actors, casualties, text similarity; fuse/events.py).
    event_threshold: float = 0.5
    # Claim clusters: the content words two claims share, as a share of the shorter claim's.
    claim_overlap: float = 0.6
    claim_min_words: int = 3
    claim_date_window_days: int = 7
