"""Train the attribution tagger (``sitroom.extract.claims.tagger``) on PolNeAR train and export it to ONNX:

    .venv/bin/pip install torch==2.13.0   # the training extra: pip install -e '.[train]'
    .venv/bin/python -m sitroom.train.attribution --data ../shared/eval/attribution/polnear

Each training text is parsed as the pipeline parses it, read by the shared encoder and by the claim rules (their
drafts are features: the tagger learns where the rules are right), and tagged with PolNeAR's gold roles (BIO
over source, cue and content). The model is a projection, a one-layer BiLSTM and a softmax, trained with Adam on
paragraph sequences; torch is used here only. The exported graph takes the raw features (the normalisation is
inside it) and returns tag probabilities; it is written as float32 (2.1 MB; not quantized: at this size int8
would save under 2 MB and was not measured) to ``data/claims/attribution_tagger.onnx``.

Fixed seeds, one thread and a fixed order; a rebuild on this machine took 212 s for the features and 12 epochs
of about 20 s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.eval.attribution import GoldRelation
from sitroom.extract.claims.extractor import ClaimExtractor
from sitroom.extract.claims.tagger import MODEL_FILE, ROLES, TAGS, features, rule_spans, segments
from sitroom.extract.encoder.runtime import SentenceEncoder
from sitroom.nlp import load_pipeline
from sitroom.train.polnear import packaged_path, parsed_training_split

# Training settings, chosen on PolNeAR train with dev held out (token F1 of the three roles; see the issue 13 note):
EPOCHS = 12
BATCH = 32  # sequences a step, batched by length
LEARNING_RATE = 2e-3
HIDDEN = 128  # BiLSTM units each way
PROJECTION = 256  # the features' projection before the BiLSTM
DROPOUT = 0.2
SEED = 0


def gold_tags(doc: Doc, relations: list[GoldRelation]) -> np.ndarray:
    """The BIO tag id of each token (TAGS) from the gold relations' character spans; B where a role's run starts or
    another relation's begins."""
    role = np.zeros(len(doc), dtype=np.int64)
    owner = np.full(len(doc), -1, dtype=np.int64)
    for number, relation in enumerate(relations):
        for name, spans in relation.items():
            for start, end in spans:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    role[span.start:span.end] = ROLES.index(name) + 1
                    owner[span.start:span.end] = number
    tags = np.zeros(len(doc), dtype=np.int64)
    for i in range(len(doc)):
        if role[i]:
            begins = i == 0 or role[i - 1] != role[i] or owner[i - 1] != owner[i]
            tags[i] = 2 * role[i] - 1 + (0 if begins else 1)
    return tags


def sequences(nlp: Language, docs: list[Doc], relations: list[list[GoldRelation]], encoder: SentenceEncoder
              ) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, gold tags) of every paragraph piece, the features exactly as the component computes them."""
    extractor: ClaimExtractor = nlp.get_pipe("sitroom_claims")
    actors = nlp.get_pipe("sitroom_actors")
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for doc, gold in zip(docs, relations):
        doc = actors(doc)
        ctx = extractor.context(doc)
        drafts = extractor.find(ctx)
        encoding = np.zeros((len(doc), encoder.hidden), dtype=np.float32)
        sents = list(doc.sents)
        for sent, rows in zip(sents, encoder.encode([[t.text for t in s] for s in sents])):
            encoding[sent.start:sent.end] = rows
        rows = features(doc, encoding, ctx.lexicon, rule_spans(drafts))
        tags = gold_tags(doc, gold)
        out.extend((rows[a:b], tags[a:b]) for a, b in segments(doc))
    return out


def train(data: list[tuple[np.ndarray, np.ndarray]], epochs: int = EPOCHS):  # -> torch.nn.Module
    """The tagger, trained; its first layer normalises the features with the training set's mean and spread."""
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    stacked = np.vstack([rows for rows, _ in data])
    mean, spread = stacked.mean(0), stacked.std(0) + 1e-3
    del stacked

    model = bilstm_tagger(mean, spread, len(TAGS))
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    groups = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
    return fit(model, len(groups), lambda k: padded([data[i] for i in groups[k]]), len(TAGS), epochs)


def fit(model, count: int, batch: Callable[[int], tuple[np.ndarray, np.ndarray]], classes: int, epochs: int,
        check=None, learning_rate: float = LEARNING_RATE, seed: int = SEED):  # model, -> torch.nn.Module
    """The training loop both learned claim files use: Adam on cross-entropy over ``count`` padded batches, each
    made when it is used (``batch(k)``; tag -100 is padding), in a seeded random order each epoch;
    ``check(model, epoch)`` after each epoch."""
    import torch

    optimiser = torch.optim.Adam(model.parameters(), lr=learning_rate)
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=-100)
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        model.train()
        started, total = time.process_time(), 0.0
        for index in rng.permutation(count):
            rows, tags = batch(int(index))
            optimiser.zero_grad()
            logits = model(torch.from_numpy(rows))
            loss = loss_of(logits.reshape(-1, classes), torch.from_numpy(tags).reshape(-1))
            loss.backward()
            optimiser.step()
            total += loss.item()
        print(f"epoch {epoch + 1}/{epochs}: loss {total / count:.4f} "
              f"({time.process_time() - started:.0f} CPU s)", flush=True)
        if check is not None:
            model.eval()
            check(model, epoch)
    model.eval()
    return model


def padded(batch: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    longest = max(len(rows) for rows, _ in batch)
    rows = np.zeros((len(batch), longest, batch[0][0].shape[1]), dtype=np.float32)
    tags = np.full((len(batch), longest), -100, dtype=np.int64)
    for i, (r, t) in enumerate(batch):
        rows[i, :len(r)], tags[i, :len(t)] = r, t
    return rows, tags


def bilstm_tagger(mean: np.ndarray, spread: np.ndarray, classes: int, projection: int = PROJECTION,
                  hidden: int = HIDDEN, dropout: float = DROPOUT):  # -> torch.nn.Module
    """The token tagger both learned claim files use: the features normalised by the training set's ``mean`` and
    ``spread`` (kept in the graph), a ReLU projection, a one-layer BiLSTM and a linear layer to ``classes`` logits."""
    import torch

    class Tagger(torch.nn.Module):
        def __init__(self, width: int) -> None:
            super().__init__()
            self.register_buffer("mean", torch.from_numpy(mean.astype(np.float32)))
            self.register_buffer("spread", torch.from_numpy(spread.astype(np.float32)))
            self.project = torch.nn.Linear(width, projection)
            self.drop = torch.nn.Dropout(dropout)
            self.lstm = torch.nn.LSTM(projection, hidden, batch_first=True, bidirectional=True)
            self.out = torch.nn.Linear(2 * hidden, classes)

        def forward(self, rows):  # [batch, tokens, width] -> logits
            states = self.drop(torch.relu(self.project((rows - self.mean) / self.spread)))
            states, _ = self.lstm(states)
            return self.out(self.drop(states))

    return Tagger(len(mean))


def export(model, width: int, path: Path) -> None:  # model: torch.nn.Module
    """The model as ONNX: input "features" [1, tokens, width], output "probabilities" [1, tokens, classes] (the
    attribution tagger's len(TAGS), the span tagger's 3)."""
    import torch

    class Probabilities(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, rows):
            return torch.softmax(self.inner(rows), dim=-1)

    example = torch.zeros((1, 7, width), dtype=torch.float32)
    torch.onnx.export(Probabilities(model), (example,), str(path), input_names=["features"],
                      output_names=["probabilities"], dynamic_axes={"features": {1: "tokens"},
                                                                    "probabilities": {1: "tokens"}},
                      opset_version=17, dynamo=False)


def main() -> None:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--epochs", type=int, default=EPOCHS)

    args, docs, relations = parsed_training_split("Train the attribution tagger on PolNeAR.",
                                                  packaged_path(MODEL_FILE), options)
    started = time.time()
    # the claim rules without the tagger: their drafts are the tagger's input, never its own output
    nlp = load_pipeline(NlpOptions(pipeline=["sitroom_actors", "sitroom_claims"],
                                   components={"sitroom_claims": {"tagger": False}}))
    data = sequences(nlp, docs, relations, SentenceEncoder())
    print(f"{len(docs)} texts, {len(data)} sequences, {sum(len(t) for _, t in data)} tokens: features in "
          f"{time.time() - started:.0f} s", flush=True)
    model = train(data, args.epochs)
    export(model, data[0][0].shape[1], args.out)
    print(f"-> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
