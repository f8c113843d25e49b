"""The shared precision/recall/F1 arithmetic."""

from __future__ import annotations

import pytest

from sitroom.eval.metrics import f1, prf


def test_prf_counts_in_percent() -> None:
    assert prf(3, 4, 6) == pytest.approx((75.0, 50.0, 60.0))


def test_empty_sides_score_zero() -> None:
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)
    assert f1(0.0, 0.0) == 0.0


def test_f1_keeps_the_unit() -> None:
    assert f1(0.5, 1.0) == pytest.approx(2 / 3)
    assert f1(50.0, 100.0) == pytest.approx(200 / 3)
