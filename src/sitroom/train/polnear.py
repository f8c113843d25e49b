"""PolNeAR as training data: a split's texts parsed as the pipeline parses them, with their gold relations."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

from sitroom.config import NlpOptions
from sitroom.eval.attribution import GoldRelation, read_gold_relations
from sitroom.lexicons import data_root
from sitroom.nlp import load_pipeline


def packaged_path(name: str) -> Path:
    """Where the packaged data file ``name`` ("claims/cue_model.npz") lives in this checkout: a trainer's default
    output."""
    return Path(str(data_root().joinpath(*name.split("/"))))


def parsed_training_split(description: str, default_out: Path,
                          more_options: Callable[[argparse.ArgumentParser], None] | None = None
                          ) -> tuple[argparse.Namespace, list[Doc], list[list[GoldRelation]]]:
    """The command line of a file learned from PolNeAR (--data, --split, --out, and the trainer's own options) and
    the split's texts parsed as the pipeline parses them (paragraph boundaries), with their gold relations."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--split", default="train")
    parser.add_argument("--out", type=Path, default=default_out)
    if more_options is not None:
        more_options(parser)
    args = parser.parse_args()
    nlp = load_pipeline(NlpOptions(pipeline=[]))
    texts, relations = read_gold_relations(args.data, args.split)
    return args, list(nlp.pipe(texts, batch_size=16)), relations
