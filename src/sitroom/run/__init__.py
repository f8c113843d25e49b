"""Runners: drive the stages over many articles (locally now; a Dask runner for archives later)."""
