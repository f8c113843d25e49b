"""HTML pages: trafilatura for main text, title, date, author and site name; <figcaption> kept as captions.

trafilatura drops <figure> (and so captions) from the main text, but a photo caption can carry a claim, so each
<figcaption> whose neighbouring paragraph is in the extracted text is put back beside it as its own paragraph
and listed in ``Article.captions``. The date comes from the page's metadata only (``extensive_search=False``):
trafilatura 2.3.1 otherwise takes a copyright year for a publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from sitroom.config import IngestOptions
from sitroom.ingest.article import ItemError, article_from_text
from sitroom.ingest.decode import decode_bytes
from sitroom.ingest.language import gate_article
from sitroom.model import Article, IngestError, Skipped

# Characters of a neighbouring paragraph compared to place a caption (long enough to be unique in a page).
ANCHOR_CHARS = 60
# Captions shorter than this are image credits ("Photo: AP"), not captions.
MIN_CAPTION_CHARS = 20

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
# The nearest non-empty text block before / after a caption, outside any other caption (XPath runs in C).
_BLOCK_TEST = "(self::p or self::h2 or self::h3 or self::h4 or self::li or self::blockquote or self::pre)"
_PRECEDING = f"preceding::*[{_BLOCK_TEST} and normalize-space() and not(ancestor::figcaption)][1]"
_FOLLOWING = f"following::*[{_BLOCK_TEST} and normalize-space() and not(ancestor::figcaption)][1]"
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass
class Caption:
    text: str
    before: str  # normalized text of the block just before the figure ('' if none)
    after: str  # normalized text of the block just after it


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def decode_html(data: bytes) -> str:
    """Bytes of a page as text: BOM, UTF-8, the <meta charset> it declares, else cp1252."""
    match = _CHARSET_RE.search(data[:4096])
    return decode_bytes(data, match.group(1).decode("ascii", "replace") if match else "")


def parse_html(text: str) -> HtmlElement:
    """The lxml tree, or ItemError("malformed_html") when the text is not HTML at all."""
    if "<" not in text or not re.search(r"<\s*[a-zA-Z!?]", text):
        raise ItemError("malformed_html", "no HTML markup in the file")
    tree = load_html(text)
    if tree is None or len(tree) == 0:
        raise ItemError("malformed_html", "lxml could not build a document tree from it")
    return tree


def find_captions(tree: HtmlElement) -> list[Caption]:
    """Every <figcaption>, with the text blocks before and after it in document order."""
    captions = []
    for element in tree.iter("figcaption"):
        text = _norm(" ".join(element.itertext()))
        if len(text) < MIN_CAPTION_CHARS:
            continue
        captions.append(Caption(text, _block_text(element, _PRECEDING), _block_text(element, _FOLLOWING)))
    return captions


def _block_text(element: HtmlElement, axis: str) -> str:
    found = element.xpath(axis)
    return _norm(" ".join(found[0].itertext())) if found else ""


def place_captions(paragraphs: list[str], captions: list[Caption]) -> tuple[list[str], set[int]]:
    """Insert captions next to their anchor paragraphs; (paragraphs, indexes of the caption paragraphs)."""
    placed: list[tuple[int, str]] = []  # (insert before this index of the original list, caption)
    marked: set[int] = set()
    normalized = [_norm(p) for p in paragraphs]
    for caption in captions:
        if caption.text in normalized:
            marked.add(normalized.index(caption.text))
            continue
        after = _find(normalized, caption.after)
        if after is not None:
            placed.append((after, caption.text))
            continue
        before = _find(normalized, caption.before)
        if before is not None:
            placed.append((before + 1, caption.text))
    result: list[str] = []
    caption_indexes: set[int] = set()
    queue = sorted(placed, key=lambda item: item[0])
    for index, paragraph in enumerate(paragraphs + [""]):
        while queue and queue[0][0] == index:
            caption_indexes.add(len(result))
            result.append(queue.pop(0)[1])
        if index < len(paragraphs):
            if index in marked:
                caption_indexes.add(len(result))
            result.append(paragraph)
    return result, caption_indexes


def _find(normalized: list[str], anchor: str) -> int | None:
    """Index of the paragraph that starts like ``anchor`` (trafilatura may cut or merge blocks differently)."""
    if not anchor:
        return None
    prefix = anchor[:ANCHOR_CHARS]
    for index, paragraph in enumerate(normalized):
        if paragraph.startswith(prefix):
            return index
        if len(paragraph) >= MIN_CAPTION_CHARS and prefix.startswith(paragraph[:ANCHOR_CHARS]):
            return index
    return None


def read_html(
    data: bytes | str,
    *,
    source: str,
    url: str = "",
    options: IngestOptions | None = None,
    check_language: bool = True,
    favor_precision: bool | None = None,
    keep_captions: bool | None = None,
    source_format: str = "html",
) -> Article | IngestError | Skipped:
    """One HTML page as an Article (main text, metadata, captions), or the reason it is not one.

    `favor_precision` and `keep_captions` override the options' values (feed fragments are not whole pages).
    """
    options = options or IngestOptions()
    favor_precision = options.html_favor_precision if favor_precision is None else favor_precision
    keep_captions = options.keep_captions if keep_captions is None else keep_captions
    try:
        text = decode_html(data) if isinstance(data, bytes) else data
        tree = parse_html(text)
        captions = find_captions(tree) if keep_captions else []
        document = trafilatura.bare_extraction(
            tree,
            url=url or None,
            favor_precision=favor_precision,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
        if document is None or not (document.text or "").strip():
            raise ItemError("missing_text", "no main text found in the page")
        paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
        paragraphs, caption_indexes = place_captions(paragraphs, captions)
        body, ranges = _join(paragraphs, caption_indexes)
        article = article_from_text(
            body,
            title=document.title or "",
            url=url or document.url or "",
            outlet=document.sitename or "",
            published=document.date,
            author=document.author or "",
            source_format=source_format,
            source_path=source,
            caption_ranges=ranges,
            min_text_chars=options.min_text_chars,
        )
    except ItemError as error:
        return error.record(source)
    except (etree.LxmlError, ValueError) as error:
        return IngestError(source, "malformed_html", f"{type(error).__name__}: {error}")
    return gate_article(article, source, options, check_language)


def _join(paragraphs: list[str], caption_indexes: set[int]) -> tuple[str, list[tuple[int, int]]]:
    """Paragraphs separated by blank lines, and the [start, end) of the caption paragraphs."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for index, paragraph in enumerate(paragraphs):
        if index in caption_indexes:
            ranges.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), ranges
