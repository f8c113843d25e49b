"""The API's reply and request shapes, made from the data model and the store's typed rows, so the OpenAPI
schema documents exactly what the store gives out (no second copy of a field list to drift).

The model dataclasses (Article, Record, Cluster) and the rows (ClaimRow, EventRow, ClusterRow, ClusterLogRow)
are response models as they are: pydantic reads their annotations. Only what is the API's own is defined here:
a page of rows, an article's list entry (its metadata without the text), the search reply, the error body and
the bodies of annotate and ingest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from sitroom.model import Article
from sitroom.store.rows import ClaimRow, ClusterRow, EventRow

Row = TypeVar("Row")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day_only(value: Any) -> Any:
    """A day as the schema says (YYYY-MM-DD), not pydantic's lax readings of it (a Unix time, "20241014")."""
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("an ISO day is YYYY-MM-DD")
    return value


# A query parameter's day: documented as format date, read only in that form.
IsoDay = Annotated[dt.date, BeforeValidator(_iso_day_only)]

# An article in a list: what a reader picks it by; the text, captions and removed lines come with /api/articles/{id}.
ARTICLE_SUMMARY_FIELDS = (
    "id", "title", "outlet", "url", "published", "published_inferred", "language", "author", "source_format",
    "version", "ingested_at",
)


class Page(BaseModel, Generic[Row]):
    """One page of a list. ``next`` is the cursor of the following page (pass it as ``?after=``); null on the last."""

    rows: list[Row]
    next: str | None = None


def _summary_model(source: type, name: str, keep: tuple[str, ...]) -> type[BaseModel]:
    """A pydantic model of some fields of a model dataclass, with their types and defaults."""
    hints = typing.get_type_hints(source)
    defaults = {f.name: f for f in dataclasses.fields(source)}
    definitions: dict[str, Any] = {}
    for field_name in keep:
        spec = defaults[field_name]
        default = spec.default if spec.default is not dataclasses.MISSING else ...
        definitions[field_name] = (hints[field_name], default)
    return create_model(name, __doc__=f"{source.__name__}: {', '.join(keep)}", **definitions)


ArticleSummary = _summary_model(Article, "ArticleSummary", ARTICLE_SUMMARY_FIELDS)


def article_summary(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in ARTICLE_SUMMARY_FIELDS}


class Tally(BaseModel):
    name: str
    events: int


class Places(BaseModel):
    """Where the stored events are: their regions (admin1) and countries, the most events first."""

    regions: list[Tally]
    countries: list[Tally]


class SearchResult(BaseModel):
    """The first matches of each kind; page further with the list endpoint of that kind, the same ?q= and
    ``next`` as ?after=."""

    query: str
    claims: Page[ClaimRow]
    events: Page[EventRow]
    clusters: Page[ClusterRow]
    articles: Page[ArticleSummary]  # type: ignore[valid-type]


class Counts(BaseModel):
    """Rows of each table of the store."""

    counts: dict[str, int]


class ErrorBody(BaseModel):
    """Every error reply: what went wrong, specifically; ``errors`` lists each bad parameter of a 422."""

    detail: str
    errors: list[dict[str, Any]] | None = None


class AnnotateRequest(BaseModel):
    """A document to read without storing it: its text (plain or HTML) and what the text cannot say itself."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The document: plain text, or an HTML page with format=html.")
    format: Literal["txt", "html"] = "txt"
    title: str | None = Field(None, description="Plain text: else the first line when a blank line follows it.")
    published: str | None = Field(None, description="ISO 8601 date or datetime, when the text has none.")
    outlet: str | None = None
    url: str | None = None


class IngestDocument(BaseModel):
    """One document, as a line of the corpus JSONL: its text and metadata (other fields are kept as extras)."""

    model_config = ConfigDict(extra="allow")

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    licence: str | None = None


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[IngestDocument] = Field(min_length=1)


class Problem(BaseModel):
    """A document that was skipped or failed, with its reason (the others were stored)."""

    status: Literal["skipped", "error"]
    source: str
    reason: str
    detail: str = ""


class IngestResult(BaseModel):
    """What one ingest stored; extraction and fusion follow with `sitroom extract` and `sitroom fuse`."""

    run: str
    stored: int
    updated: int
    unchanged: int
    skipped: int
    failed: int
    problems: list[Problem]
