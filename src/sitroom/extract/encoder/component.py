"""The ``sitroom_encoder`` spaCy factory: a thin layer over :class:`SentenceEncoder`; the options are
:class:`EncoderOptions`'s (see there and bench/encoder.py for how batch size and chunk length were chosen)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from sitroom.extract.doc import MissingInputError
from sitroom.extract.encoder.runtime import EncoderOptions, SentenceEncoder

NAME = "sitroom_encoder"


class DocEncoder:
    """Sets ``doc._.encoding``: the encoder's vectors of each sentence's tokens, one row per token of the Doc.
    ``pipe`` runs the sentences of a batch of Docs together (sorted by length, so less padding); a sentence's
    vectors do not depend on what it is batched with (tests/extract/test_encoder.py checks it), so a Doc gets the
    same arrays alone or in a batch. It keeps nothing of a Doc on itself, so one instance serves threads at once."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.encoder = encoder

    def __call__(self, doc: Doc) -> Doc:
        self._encode([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._encode(batch)
            yield from batch

    def _encode(self, docs: list[Doc]) -> None:
        sentences: list[Span] = []
        for doc in docs:
            if len(doc) and not doc.has_annotation("SENT_START"):
                raise MissingInputError(f"{NAME} needs doc.sents: add a parser or senter before it")
            sentences.extend(doc.sents if len(doc) else ())
        vectors = self.encoder.encode([[token.text for token in sentence] for sentence in sentences])
        for doc in docs:
            doc._.encoding = np.zeros((len(doc), self.encoder.hidden), dtype=np.float32)
        for sentence, rows in zip(sentences, vectors):
            sentence.doc._.encoding[sentence.start:sentence.end] = rows


@Language.factory(
    NAME,
    requires=["doc.sents"],
    assigns=["doc._.encoding"],
    default_config={"package": EncoderOptions.package, "model_sha256": EncoderOptions.model_sha256,
                    "data_dir": EncoderOptions.data_dir, "batch_size": EncoderOptions.batch_size,
                    "max_length": EncoderOptions.max_length, "threads": EncoderOptions.threads},
)
def make_encoder(nlp: Language, name: str, package: str, model_sha256: str, data_dir: str, batch_size: int,
                 max_length: int, threads: int) -> DocEncoder:
    """package: the installed package holding model.onnx; model_sha256: its pinned digest ("" = unchecked);
    data_dir: a folder whose tokenizer.json replaces the packaged one; batch_size: chunks run together;
    max_length: pieces a chunk ([CLS]/[SEP] included); threads: onnxruntime's intra-op threads."""
    return DocEncoder(SentenceEncoder(EncoderOptions(package, model_sha256, data_dir, batch_size, max_length, threads)))
