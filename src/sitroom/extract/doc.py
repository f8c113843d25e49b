"""The Doc extensions the sitroom components share, and the Evidence helper they all use."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from sitroom.model import Evidence

# Set before the pipeline runs (see sitroom.nlp.make_doc).
INPUT_EXTENSIONS = ("article_id", "published", "title")
# Set by sitroom components; each holds a list of model objects.
OUTPUT_EXTENSIONS = ("times", "quantities", "places", "actors", "claims", "events")
# Set by the time component when the article had no publication date: (ISO date, list[Evidence]).
INFERRED_EXTENSIONS = ("published_inferred",)


def register_extensions() -> None:
    for name in INPUT_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in OUTPUT_EXTENSIONS + INFERRED_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class MissingInputError(RuntimeError):
    """A component's input extension is None: the component that sets it did not run before it."""


def require_inputs(doc: Doc, component: str, extensions: Iterable[str]) -> None:
    """Raise MissingInputError naming the first of the extensions (each set by sitroom_<name>) left None."""
    for name in extensions:
        if getattr(doc._, name) is None:
            raise MissingInputError(f"{component} needs doc._.{name}: add sitroom_{name} before it")


def evidence(doc: Doc, start_char: int, end_char: int) -> Evidence:
    """Evidence for doc.text[start_char:end_char], with the index of the sentence it starts in."""
    sentence = None
    if doc.has_annotation("SENT_START"):
        token = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
        if token is not None and len(token):
            sentence = _sentence_index(doc, token[0].sent.start)
    return Evidence(
        article_id=doc._.article_id or "",
        start=start_char,
        end=end_char,
        sentence=sentence,
        text=doc_text(doc)[start_char:end_char],
    )


def doc_text(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy rebuilds the string from its tokens on every access, which made
    each evidence() call linear in the article's length."""
    text = doc.user_data.get("sitroom_text")
    size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    stale = text is None or len(text) != size or (len(doc) and not text.endswith(doc[-1].text_with_ws))
    if stale:  # a Doc made by Span.as_doc / Doc.from_docs may carry another Doc's copy
        text = doc.text
        doc.user_data["sitroom_text"] = text
    return text


def span_evidence(span: Span) -> Evidence:
    return evidence(span.doc, span.start_char, span.end_char)


def _sentence_index(doc: Doc, sent_start: int) -> int:
    cache = doc.user_data.setdefault("sitroom_sentence_starts", None)
    if cache is None:
        cache = {s.start: i for i, s in enumerate(doc.sents)}
        doc.user_data["sitroom_sentence_starts"] = cache
    return cache.get(sent_start, 0)


register_extensions()
