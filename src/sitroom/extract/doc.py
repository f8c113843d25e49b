"""The Doc extensions the sitroom components share, and the Evidence helper they all use."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitroom.model import Evidence

# Set before the pipeline runs (see sitroom.nlp.make_doc).
INPUT_EXTENSIONS = ("article_id", "published", "title")
# Set by sitroom components; each holds a list of model objects.
OUTPUT_EXTENSIONS = ("times", "quantities", "places", "actors", "claims", "events")
# Set by the time component when the article had no publication date: (ISO date, list[Evidence]).
INFERRED_EXTENSIONS = ("published_inferred",)
# Set by the shared encoder (sitroom_encoder, the accurate profile): a float32 array [len(doc), hidden].
ENCODING_EXTENSIONS = ("encoding",)
# Set by the claims component: the cue offsets [(start, end)] of attributions its scheme does not record as claims
# ("wants to be free", "plans to give"); the events component treats them as it treats claim cues.
UNRECORDED_EXTENSIONS = ("unrecorded_cues",)


def register_extensions() -> None:
    for name in INPUT_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in OUTPUT_EXTENSIONS + INFERRED_EXTENSIONS + ENCODING_EXTENSIONS + UNRECORDED_EXTENSIONS:
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
            sentence = sentences(doc).number(token[0].i)
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


@dataclass(frozen=True)
class SentenceIndex:
    """A Doc's sentences by the token each starts at: the one sentence index every component uses (spaCy's
    ``token.sent`` walks every sentence before the token, on each call)."""

    starts: tuple[int, ...]
    length: int

    def number(self, token_i: int) -> int:
        """The index of the sentence holding token ``token_i`` (0 for a Doc without sentence boundaries)."""
        return max(bisect_right(self.starts, token_i) - 1, 0)

    def sent(self, doc: Doc, token_i: int) -> Span:
        k = self.number(token_i)
        return doc[self.starts[k]:self.starts[k + 1] if k + 1 < len(self.starts) else self.length]


def sentences(doc: Doc) -> SentenceIndex:
    """The Doc's sentence index, read once per Doc (kept in doc.user_data, so one nlp serves many threads)."""
    index = doc.user_data.get("sitroom_sentences")
    if index is None or index.length != len(doc):
        starts = tuple(s.start for s in doc.sents) if doc.has_annotation("SENT_START") else (0,)
        index = SentenceIndex(starts or (0,), len(doc))
        doc.user_data["sitroom_sentences"] = index
    return index


register_extensions()
