"""Train the event detector (``sitroom.extract.event_detection``): ``sitroom train event-detector`` (or
``python -m sitroom.train.event_detector``) rebuilds ``data/events/event_detector.npz`` from ../shared:

- positives: ACLED's coder notes of the random train split (cleaned and de-duplicated as
  ``sitroom.eval.acled_notes`` reads them; every ``--acled-every``-th one), the PLOVER-coded sentences (their
  ``eventText``, the DOCUMENT rows left out), and some of those notes reported by a party ("Officials said ...",
  "According to ...": a claimed event is an event);
- negatives: PolNeAR's attribution contents of its train split (what people say: positions, forecasts, opinions;
  the issue's hard negatives), and notes framed as what a coder does not record: hypothetical ("If ..."),
  negated ("There is no evidence that ..."), requested ("... urged that ... must stop"), forecast ("... could
  happen again in the coming weeks") and polled ("A poll found that ... percent fear that ...").

Never the news set (../shared/eval/news: its README forbids training a shipped file on it) and never the seed
article (an acceptance test). A random fifth of the examples is held out and scored at the end. Full-batch Adam
in numpy, one thread; the encoded vectors can be kept between runs with ``--cache DIR`` (outside the repo).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sitroom.eval.acled_notes import read_notes, select, tokenize
from sitroom.eval.attribution import AnnotationError, read_split, word_offsets
from sitroom.extract.encoder.runtime import (
    MODEL_SHA256,
    EncoderOptions,
    SentenceEncoder,
)
from sitroom.extract.event_detection import DETECTOR_FILE, fit
from sitroom.train.polnear import packaged_path

# Every how many-th train note is a positive (the train split holds ~16,000; an eighth keeps encoding short).
ACLED_EVERY = 8
# PolNeAR contents shorter than this many words (a pronoun, "it") are no clause.
MIN_CONTENT_WORDS = 5
POLNEAR_MOST = 1500
# PolNeAR's contents are US politics, the notes war: at full weight the detector would learn the topic (on the
# news dev set it put talks and visits under strikes), so they weigh half a note.
POLNEAR_WEIGHT = 0.5
# Weight of a PLOVER sentence (and of each framing of it) against a note: PLOVER holds the diplomacy, aid and
# protest acts the notes lack, and is news prose, closer to what the detector reads.
PLOVER_WEIGHT = 4.0
HELD_OUT_FIFTH = 5

# Frames of what a coder does not record, around a note ({x}: the note, its first letter lower-cased).
NEGATIVE_FRAMES = (
    "If {x}, the consequences would be grave.",  # hypothetical
    "Imagine that {x}.",
    "Unless talks resume, officials fear that {x}.",
    "It remains to be seen whether {x}.",
    "What would happen if {x}?",
    "There is no evidence that {x}.",  # negated
    "It is not true that {x}, the ministry insisted.",
    "Officials urged that {x} must never be allowed.",  # requested
    "Kyiv called on its allies to make sure that {x} never happens again.",
    "The opposition demanded that the government act before {x}.",
    "Analysts warn that {x} could happen again in the coming weeks.",  # forecast
    "Many expect that {x} may soon happen again.",
    "A poll found that 60 percent of respondents fear that {x}.",  # poll
    "In a survey, most respondents said they expected that {x}.",
    "Commentators often say that {x}.",  # generic, rhetorical
    "The war is about more than whether {x}.",
)
# ... and of what it does: a party's report of the act.
POSITIVE_FRAMES = (
    "Officials said {x}.",
    "According to local authorities, {x}.",
    "The ministry claimed that {x}.",
)


@dataclass
class Example:
    text: str
    label: int
    weight: float
    origin: str


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]
    return first.rstrip(" .")


def _framed(frame: str, text: str) -> str:
    x = _first_sentence(text)
    return frame.format(x=x[:1].lower() + x[1:] if x[:2] != x[:2].upper() else x)


def _pick(key: str, count: int) -> int:
    """A fixed choice among ``count`` from a text (crc32), so the same notes get the same frames."""
    return zlib.crc32(key.encode("utf-8")) % count


def examples(acled: Path, plover: Path, polnear: Path, acled_every: int = ACLED_EVERY) -> list[Example]:
    """The training examples, in a fixed order (see the module's docstring for what each source gives)."""
    notes, _ = read_notes(acled)
    train = select(notes, "train")[::acled_every]
    out = [Example(note.text, 1, 1.0, "acled") for note in train]
    for note in train[::2]:
        frame = NEGATIVE_FRAMES[_pick(note.text, len(NEGATIVE_FRAMES))]
        out.append(Example(_framed(frame, note.text), 0, 1.0, "framed-negative"))
    for note in train[1::6]:
        frame = POSITIVE_FRAMES[_pick(note.text, len(POSITIVE_FRAMES))]
        out.append(Example(_framed(frame, note.text), 1, 1.0, "framed-claim"))
    rows = json.loads(plover.read_text(encoding="utf-8"))
    sentences = [str(row["eventText"]).strip() for row in rows
                 if row.get("event") != "DOCUMENT" and str(row.get("eventText", "")).strip()]
    for sentence in sentences:
        out.append(Example(sentence, 1, PLOVER_WEIGHT, "plover"))
        first = _pick(sentence, len(NEGATIVE_FRAMES))
        for frame in (NEGATIVE_FRAMES[first], NEGATIVE_FRAMES[(first + 7) % len(NEGATIVE_FRAMES)]):
            out.append(Example(_framed(frame, sentence), 0, PLOVER_WEIGHT / 2, "plover-framed-negative"))
        frame = POSITIVE_FRAMES[_pick(sentence, len(POSITIVE_FRAMES))]
        out.append(Example(_framed(frame, sentence), 1, PLOVER_WEIGHT / 2, "plover-framed-claim"))
    contents: list[str] = []
    for document in read_split(polnear, "train"):
        if isinstance(document, AnnotationError):
            continue
        offsets = word_offsets(document.text)
        for relation in document.relations:
            words = sorted(relation.content)
            if len(words) < MIN_CONTENT_WORDS:
                continue
            start, end = offsets[words[0]][0], offsets[words[-1]][1]
            contents.append(" ".join(document.text[start:end].split()))
    contents = sorted(set(contents), key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())[:POLNEAR_MOST]
    out.extend(Example(text, 0, POLNEAR_WEIGHT, "polnear") for text in contents)
    return out


def encoded(words: Sequence[Sequence[str]], encoder: SentenceEncoder, cache: Path | None) -> np.ndarray:
    """Pooled vectors of the texts (each encoded as one sentence); with a ``cache`` folder, each text's vector is
    kept there under a hash of its words and the encoder, so a changed example set encodes only what is new."""
    from sitroom.eval.acled_notes import encode

    keys = [hashlib.sha1((" ".join(w) + MODEL_SHA256).encode("utf-8")).hexdigest() for w in words]
    path = cache / "detector_vectors.npz" if cache else None
    known: dict[str, np.ndarray] = {}
    if path is not None and path.is_file():
        with np.load(path) as stored:
            known = dict(zip(stored["keys"].tolist(), stored["vectors"]))
    missing = sorted({i for i, key in enumerate(keys) if key not in known})
    if missing:
        for i, vector in zip(missing, encode([words[i] for i in missing], encoder)):
            known[keys[i]] = vector
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[key] for key in keys])


def held_out(text: str) -> bool:
    return _pick("held-out:" + text, HELD_OUT_FIFTH) == 0


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (the probability a positive outscores a negative; ties count half)."""
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):  # average ranks of ties
        tied = scores == value
        ranks[tied] = ranks[tied].mean()
    positives = labels == 1
    n_pos, n_neg = int(positives.sum()), int((~positives).sum())
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)) if n_pos and n_neg else 0.0


def train(acled: Path, plover: Path, polnear: Path, out: Path, cache: Path | None = None,
          acled_every: int = ACLED_EVERY) -> dict[str, float]:
    """Build the examples, fit on four fifths, score the held-out fifth, refit on all and write ``out``; returns
    the held-out figures and the file's size."""
    items = examples(acled, plover, polnear, acled_every)
    words = tokenize([item.text for item in items])
    encoder = SentenceEncoder(EncoderOptions(threads=1))
    vectors = encoded(words, encoder, cache)
    labels = np.array([item.label for item in items])
    weights = np.array([item.weight for item in items])
    test = np.array([held_out(item.text) for item in items])
    part = fit(vectors[~test], [w for w, t in zip(words, test) if not t], labels[~test], weights[~test],
               encoder_sha256=MODEL_SHA256)
    scores = np.array([part.probability(vectors[i][None, :], words[i]) for i in np.flatnonzero(test)])
    figures = {"examples": len(items), "positives": int(labels.sum()), "held_out": int(test.sum()),
               "held_out_accuracy": round(100 * float(np.mean((scores >= 0.5) == (labels[test] == 1))), 2),
               "held_out_auc": round(100 * auc(labels[test], scores), 2)}
    for origin in sorted({item.origin for item in items}):
        mask = np.array([item.origin == origin for item in items])[test]
        if mask.any():
            kept = (scores[mask] >= 0.5) == (labels[test][mask] == 1)
            figures[f"held_out_accuracy_{origin}"] = round(100 * float(kept.mean()), 2)
    detector = fit(vectors, words, labels, weights, encoder_sha256=MODEL_SHA256)
    data = detector.to_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    figures["file_bytes"] = len(data)
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Retrain the event detector from ../shared's data.")
    parser.add_argument("--acled", type=Path, default=Path("../shared/eval/events/acled_notes"))
    parser.add_argument("--plover", type=Path,
                        default=Path("../shared/eval/events/plover_gsr_cameo/PLOVER_GSR_CAMEO.json"))
    parser.add_argument("--polnear", type=Path, default=Path("../shared/eval/attribution/polnear"))
    parser.add_argument("--out", type=Path, default=packaged_path(DETECTOR_FILE))
    parser.add_argument("--cache", type=Path, default=None, help="a folder outside the repository for vectors")
    args = parser.parse_args(argv)
    print(json.dumps(train(args.acled, args.plover, args.polnear, args.out, args.cache), indent=1))


if __name__ == "__main__":
    main()
