"""Scorers against gold data, one module per task; each exposes ``evaluate(...) -> dict`` of metrics (0-100)."""
