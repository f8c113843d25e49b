"""Runners: drive the stages over many articles: in this process (local), or partitioned on a Dask cluster (dask)."""
