"""Plain text: the first line is the title when a blank line follows it; the rest is cleaned line by line."""

from __future__ import annotations

from sitroom.config import IngestOptions
from sitroom.ingest.article import ItemError, article_from_text
from sitroom.ingest.decode import Changes, tidy_text
from sitroom.ingest.language import gate_article
from sitroom.model import Article, IngestError, Skipped


def read_text(
    text: str,
    *,
    source: str,
    options: IngestOptions | None = None,
    url: str = "",
    outlet: str = "",
    changes: Changes | None = None,
) -> Article | IngestError | Skipped:
    """One .txt document as an Article, or the reason it is not one; ``changes``: what decoding its bytes did."""
    options = options or IngestOptions()
    text, changes = tidy_text(text, changes)
    try:
        article = article_from_text(
            text, url=url, outlet=outlet, source_format="txt", source_path=source, min_text_chars=options.min_text_chars
        )
    except ItemError as error:
        return error.record(source)
    return gate_article(changes.stamp(article), source, options)

