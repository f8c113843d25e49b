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
from sitroom.ingest.decode import Changes, declared_encoding, read_text_bytes, tidy_text
from sitroom.ingest.language import gate_article
from sitroom.model import Article, IngestError, Skipped

# Characters of a neighbouring paragraph compared to place a caption (long enough to be unique in a page).
ANCHOR_CHARS = 60
# Captions shorter than this are image credits ("Photo: AP"), not captions.
MIN_CAPTION_CHARS = 20
# Elements whose text a browser shows only when it cannot show the element itself ("Your browser does not support
# iframes", "Please enable JavaScript"), or never (a <template>): no article text, whatever the extractor thinks.
FALLBACK_TAGS = ("iframe", "noscript", "object", "embed", "video", "audio", "canvas", "template")

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


def parse_html(text: str) -> HtmlElement:
    """The lxml tree without fallback elements (FALLBACK_TAGS), or ItemError("malformed_html") for no HTML."""
    if "<" not in text or not re.search(r"<\s*[a-zA-Z!?]", text):
        raise ItemError("malformed_html", "no HTML markup in the file")
    tree = load_html(text)
    if tree is None or len(tree) == 0:
        raise ItemError("malformed_html", "lxml could not build a document tree from it")
    return drop_fallbacks(tree)


def drop_fallbacks(tree: HtmlElement) -> HtmlElement:
    """``tree`` without its FALLBACK_TAGS elements that hold text (the text after each stays).

    One without text (a <noscript> around an <img>, a <video> of <source>s) stays: it adds no text, and taking it
    out changes what trafilatura takes for the main text (one page of the extraction benchmark).
    """
    for element in list(tree.iter(*FALLBACK_TAGS)):
        if element.getparent() is not None and "".join(element.itertext()).strip():
            element.drop_tree()
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
    changes: Changes | None = None,
) -> Article | IngestError | Skipped:
    """One HTML page as an Article (main text, metadata, captions), or the reason it is not one.

    `favor_precision` and `keep_captions` override the options' values (feed fragments are not whole pages);
    ``changes`` is what decoding did to a page given as text (a feed entry: the feed's bytes).
    """
    options = options or IngestOptions()
    favor_precision = options.html_favor_precision if favor_precision is None else favor_precision
    keep_captions = options.keep_captions if keep_captions is None else keep_captions
    try:
        if isinstance(data, bytes):
            text, changes = read_text_bytes(data, declared_encoding(data))
        else:
            text, changes = tidy_text(data, changes)
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
    return gate_article(changes.stamp(article), source, options, check_language)


def _join(paragraphs: list[str], caption_indexes: set[int]) -> tuple[str, list[tuple[int, int]]]:
    """Paragraphs separated by blank lines, and the [start, end) of the caption paragraphs."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for index, paragraph in enumerate(paragraphs):
        if index in caption_indexes:
            ranges.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), ranges
