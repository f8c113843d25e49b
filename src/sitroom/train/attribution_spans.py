"""Train the span tagger (``sitroom.extract.claims.span_tagger``) on PolNeAR train and export it to ONNX:

    .venv/bin/pip install torch==2.13.0 onnx   # the training extra: pip install -e '.[train]'
    .venv/bin/python -m sitroom.train.attribution_spans --data ../shared/eval/attribution/polnear

Each training text is parsed as the pipeline parses it (PolNeAR's broad scheme), read by the shared encoder and by
the claim rules; each rule draft is one example: the paragraph piece around its cue, the attribution tagger's
features of its tokens plus the draft's marks (cue, the rules' content and source), and as targets the source and
content of the gold relation whose cue shares the most words with the draft's (all outside where none does). The
model is a projection, a one-layer BiLSTM and a softmax over outside / source / content, trained with Adam;
torch is used here only. ``--holdout K`` keeps every K-th text out and prints, after each epoch, how many of its
matched drafts get exactly the gold content words (the rules' own share beside it), which is how the settings
below were chosen (cross-validation inside train; dev is never read).

Fixed seeds, one thread and a fixed order. The shipped file was built by these same functions from parses cached
once, not by this command end to end, so how close a rebuild with this command comes is not yet measured.
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.eval.attribution import GoldRelation
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.extractor import ClaimExtractor
from sitroom.extract.claims.span_tagger import (
    MODEL_FILE,
    SPAN_TAGS,
    SpanOptions,
    content_parts,
    marks,
    readable_drafts,
)
from sitroom.extract.claims.tagger import features, rule_spans, segments
from sitroom.extract.encoder.runtime import SentenceEncoder
from sitroom.nlp import load_pipeline
from sitroom.train.attribution import bilstm_tagger, export, fit
from sitroom.train.polnear import packaged_path, parsed_training_split

EPOCHS = 8
BATCH = 32  # examples a step, batched by length
LEARNING_RATE = 2e-3
HIDDEN = 128  # BiLSTM units each way
PROJECTION = 256  # the features' projection before the BiLSTM
DROPOUT = 0.2
SEED = 0
# Every 10th training text is held out: the shipped file is trained on the other 9/10 and its decoding settings
# (ClaimOptions.span_threshold, span_margin) were chosen on the held-out tenth.
HOLDOUT = 10
WORD = re.compile(r"\w+")


@dataclass
class Example:
    """One draft: its Doc's index, its piece, the piece's features (a view of the Doc's rows), marks, targets."""

    doc: int
    piece: tuple[int, int]
    rows: np.ndarray
    marks: np.ndarray
    tags: np.ndarray
    draft: Draft
    gold_content: frozenset[int]  # the gold content's word offsets (character starts), for the held-out check


def encode(doc: Doc, encoder: SentenceEncoder) -> np.ndarray:
    """The shared encoder's rows of a Doc, sentence by sentence, as the encoder component sets them."""
    encoding = np.zeros((len(doc), encoder.hidden), dtype=np.float32)
    sents = list(doc.sents)
    for sent, rows in zip(sents, encoder.encode([[t.text for t in s] for s in sents])):
        encoding[sent.start:sent.end] = rows
    return encoding


def matched_relation(draft: Draft, relations: list[GoldRelation]) -> GoldRelation | None:
    """The gold relation whose cue has the most words inside the draft's cue (the nearest first on ties)."""
    best, best_words = None, 0
    for relation in relations:
        words = sum(1 for start, end in relation.get("cue", []) if draft.cue[0] <= start and end <= draft.cue[1])
        if words > best_words:
            best, best_words = relation, words
    return best


def word_starts(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """The character starts of the words in the spans (the scorer's words)."""
    return frozenset(m.start() + start for start, end in spans for m in WORD.finditer(text[start:end]))


def examples(nlp: Language, docs: list[Doc], relations: list[list[GoldRelation]], encodings: list[np.ndarray]
             ) -> list[Example]:
    """An example for each rule draft whose cue and content lie in one piece, the features exactly as the
    component computes them."""
    extractor: ClaimExtractor = nlp.get_pipe("sitroom_claims")
    actors = nlp.get_pipe("sitroom_actors")
    out: list[Example] = []
    for number, (doc, gold, encoding) in enumerate(zip(docs, relations, encodings)):
        doc = actors(doc)
        ctx = extractor.context(doc)
        drafts = extractor.find(ctx)
        rows = features(doc, encoding, ctx.lexicon, rule_spans(drafts))
        pieces = segments(doc)
        for draft, _span, piece in readable_drafts(doc, drafts, pieces):
            relation = matched_relation(draft, gold)
            tags = np.zeros(piece[1] - piece[0], dtype=np.int64)
            for role in ("source", "content"):
                for start, end in (relation or {}).get(role, []):
                    words = doc.char_span(start, end, alignment_mode="expand")
                    if words is not None:
                        a, b = max(words.start, piece[0]), min(words.end, piece[1])
                        tags[a - piece[0]:b - piece[0]] = SPAN_TAGS.index(role)
            content = word_starts(doc.text, (relation or {}).get("content", []))
            out.append(Example(number, piece, rows[piece[0]:piece[1]], marks(doc, piece, draft), tags, draft,
                               content))
    return out


def train(data: list[Example], epochs: int = EPOCHS, check=None):  # -> torch.nn.Module
    """The tagger, trained; its first layer normalises the inputs with the training set's mean and spread.
    ``check(model, epoch)`` runs after each epoch (the held-out figures)."""
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    sample = np.vstack([np.hstack([e.rows, e.marks]) for e in data[::7]])
    mean, spread = sample.mean(0), sample.std(0) + 1e-3
    del sample

    model = bilstm_tagger(mean, spread, len(SPAN_TAGS), PROJECTION, HIDDEN, DROPOUT)
    order = sorted(range(len(data)), key=lambda i: (len(data[i].tags), i))
    groups = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
    return fit(model, len(groups), lambda k: padded([data[i] for i in groups[k]]), len(SPAN_TAGS), epochs, check,
               LEARNING_RATE, SEED)


def padded(batch: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    longest = max(len(e.tags) for e in batch)
    width = batch[0].rows.shape[1] + batch[0].marks.shape[1]
    rows = np.zeros((len(batch), longest, width), dtype=np.float32)
    tags = np.full((len(batch), longest), -100, dtype=np.int64)
    for i, e in enumerate(batch):
        rows[i, :len(e.tags)] = np.hstack([e.rows, e.marks])
        tags[i, :len(e.tags)] = e.tags
    return rows, tags


def probabilities(model, example: Example) -> np.ndarray:  # model: torch.nn.Module
    import torch

    with torch.no_grad():
        logits = model(torch.from_numpy(np.hstack([example.rows, example.marks])[None].astype(np.float32)))
        return torch.softmax(logits, dim=-1)[0].numpy()


def held_out_check(docs: list[Doc], held: list[Example], options: SpanOptions | None = None):
    """A ``check`` that prints how many held-out drafts matched to a gold relation get its content words exactly,
    by the rules and by the span tagger."""
    options = options or SpanOptions()
    matched = [e for e in held if e.gold_content]

    def words(doc: Doc, parts: list[tuple[int, int]]) -> frozenset[int]:
        return word_starts(doc.text, [(doc[a].idx, doc[b].idx + len(doc[b].text)) for a, b in parts])

    rules = sum(word_starts(docs[e.doc].text, [e.draft.content]) == e.gold_content for e in matched)

    def check(model, epoch: int) -> None:
        learned = 0
        for e in matched:
            doc = docs[e.doc]
            parts = content_parts(doc, e.piece, probabilities(model, e), e.draft, options)
            got = words(doc, parts) if parts else word_starts(doc.text, [e.draft.content])
            learned += got == e.gold_content
        print(f"  held out: {len(matched)} matched drafts, content words exact: rules {rules}, "
              f"span tagger {learned}", flush=True)

    return check


def span_pipeline() -> Language:
    """The claim rules in PolNeAR's broad scheme without either tagger: their drafts are the model's input."""
    return load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"],
                                    components={"sitroom_claims": {"tagger": False, "scheme": "broad"}}))


def main() -> None:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--epochs", type=int, default=EPOCHS)
        parser.add_argument("--holdout", type=int, default=HOLDOUT,
                            help="keep every K-th text out and print the held-out check each epoch (0: none)")

    args, docs, relations = parsed_training_split("Train the span tagger on PolNeAR.", packaged_path(MODEL_FILE),
                                                  options)
    started = time.process_time()
    encoder = SentenceEncoder()
    data = examples(span_pipeline(), docs, relations, [encode(doc, encoder) for doc in docs])
    print(f"{len(docs)} texts, {len(data)} drafts, {sum(len(e.tags) for e in data)} tokens: features in "
          f"{time.process_time() - started:.0f} CPU s", flush=True)
    check = None
    if args.holdout:
        held = [e for e in data if e.doc % args.holdout == 0]
        data = [e for e in data if e.doc % args.holdout != 0]
        check = held_out_check(docs, held)
    model = train(data, args.epochs, check)
    export(model, data[0].rows.shape[1] + data[0].marks.shape[1], args.out)
    print(f"-> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
