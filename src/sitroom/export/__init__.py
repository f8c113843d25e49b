"""Exports through the EXPORTERS registry (acled, geojson, jsonl, parquet), streamed from store iterators. Not built yet."""
