"""Train the ACLED sub-event typer (``sitroom.extract.acled_typing``) on the random train split of ACLED's coder
notes, cleaned and de-duplicated as ``sitroom.eval.acled_notes`` reads them, plus the few lines of
``data/events/acled_definitions.tsv`` (our own paraphrases of the codebook, for the sub-types the notes hold
almost none of). Full-batch Adam softmax regression in numpy, zero-initialised, fixed order: the same notes and
encoder rebuild ``data/events/acled_types.npz`` byte for byte:

    .venv/bin/python -m sitroom.train.acled_types --data ../shared/eval/events/acled_notes

Encoding the ~16,000 training notes takes a few minutes on two cores; ``--cache DIR`` (somewhere outside the
repository, e.g. /tmp) keeps the encoded matrix between runs. The dev figures printed at the end are those of
``sitroom eval events --data ... --split dev``, and the abstention threshold calibrated on dev beside the one
the run time uses (:data:`sitroom.extract.acled_typing.ABSTAIN_BELOW`).
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sitroom.eval.acled_notes import encode, predictions, read_notes, score, select, tokenize, training_examples
from sitroom.extract.acled_typing import ABSTAIN_BELOW, MODEL_FILE, AcledTyper, FitOptions, fit
from sitroom.extract.encoder.runtime import MODEL_SHA256, SentenceEncoder
from sitroom.train.polnear import packaged_path


def encoded(words: Sequence[Sequence[str]], encoder: SentenceEncoder, cache: Path | None) -> np.ndarray:
    """The pooled vectors of the texts, read from ``cache`` when it holds the same texts encoded by the same
    encoder (keyed by a hash of both), else encoded and, with a cache, kept there."""
    key = hashlib.sha256(("\n".join(" ".join(w) for w in words) + MODEL_SHA256).encode("utf-8")).hexdigest()[:16]
    path = cache / f"acled_vectors_{key}.npy" if cache else None
    if path is not None and path.is_file():
        return np.load(path)
    vectors = encode(words, encoder)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def calibrated_threshold(probabilities: np.ndarray, correct: np.ndarray) -> float:
    """The top-probability cut that keeps the most (right - wrong) predictions: below it, what is kept is more
    often wrong than right. Rounded down to 0.05."""
    order = np.argsort(-probabilities, kind="stable")
    net = np.cumsum(np.where(correct[order], 1, -1))
    if not len(net):
        return 0.0
    cut = float(probabilities[order][int(np.argmax(net))])
    return float(np.floor(cut * 20) / 20)


def main() -> None:
    parser = argparse.ArgumentParser(description="Retrain the ACLED sub-event typer on ACLED's notes.")
    parser.add_argument("--data", type=Path, required=True, help="the acled_notes folder")
    parser.add_argument("--out", type=Path, default=packaged_path(MODEL_FILE))
    parser.add_argument("--cache", type=Path, default=None, help="a folder outside the repository for vectors")
    args = parser.parse_args()
    notes, counts = read_notes(args.data)
    train, dev = select(notes, "train"), select(notes, "dev")
    texts, labels = training_examples(train)
    encoder = SentenceEncoder()
    words = tokenize(texts)
    typer = fit(encoded(words, encoder, args.cache), words, labels, FitOptions(), MODEL_SHA256)
    data = typer.to_bytes()
    args.out.write_bytes(data)
    print(f"{counts['rows']} notes, {counts['duplicates']} repeats dropped; train {len(train)} + "
          f"{len(texts) - len(train)} definitions, dev {len(dev)} -> {args.out} ({len(data) / 1e6:.2f} MB, sha256 "
          f"{hashlib.sha256(data).hexdigest()[:12]})")
    dev_words = tokenize([note.text for note in dev])
    report(AcledTyper.from_bytes(data), encoded(dev_words, encoder, args.cache), dev_words,
           [note.sub_event_type for note in dev])


def report(typer: AcledTyper, vectors: np.ndarray, words: Sequence[Sequence[str]], gold: Sequence[str]) -> None:
    """The dev figures, with and without abstaining, and the threshold dev calibrates."""
    forced = predictions(typer, vectors, words, threshold=0.0)
    top = np.array([typer.top(vector, tokens, 1)[0][2] for vector, tokens in zip(vectors, words)])
    correct = np.array([g == p for g, p in zip(gold, forced)])
    for name, predicted in (("no abstaining", forced), (f"abstaining below {ABSTAIN_BELOW}",
                                                        predictions(typer, vectors, words))):
        figures = score(gold, predicted)
        print(f"dev, {name}: accuracy {figures['accuracy']}, weighted F1 {figures['weighted_f1']}, macro F1 "
              f"{figures['macro_f1']} over {figures['classes']} sub-types, abstained {figures['abstained']} %")
    print(f"threshold calibrated on dev: {calibrated_threshold(top, correct)} (in use: {ABSTAIN_BELOW})")


if __name__ == "__main__":
    main()
