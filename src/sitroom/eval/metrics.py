"""The arithmetic every scorer shares, so that F1 means the same thing in each table."""

from __future__ import annotations


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall, in whatever unit they come in (0-1 or 0-100); 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent from match counts; an empty side scores 0."""
    precision = 100.0 * hits / system if system else 0.0
    recall = 100.0 * hits / gold if gold else 0.0
    return precision, recall, f1(precision, recall)
