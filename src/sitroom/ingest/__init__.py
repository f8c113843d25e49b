"""Ingest: files, pages, corpora and feeds to clean Articles with their metadata, or a reason for each failure.

Readers per format (text, html, jsonl, feed) share one cleaning step (clean), language gate (language) and id
scheme (ids); ``read_paths`` walks files and directories and yields Article, IngestError or Skipped per item.
"""

from sitroom.ingest.article import ItemError, article_from_text, normalize_published
from sitroom.ingest.clean import clean_lines, to_clean, to_source
from sitroom.ingest.files import read_bytes, read_file, read_paths
from sitroom.ingest.ids import article_id, canonical_url, content_hash

__all__ = [
    "ItemError",
    "article_from_text",
    "article_id",
    "canonical_url",
    "clean_lines",
    "content_hash",
    "normalize_published",
    "read_bytes",
    "read_file",
    "read_paths",
    "to_clean",
    "to_source",
]
