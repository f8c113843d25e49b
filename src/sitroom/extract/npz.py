"""What the learned linear files (the ACLED typer, the event detector) share: ``.npz`` archives that are byte for
byte the same for the same arrays (so that a rebuild of a shipped model shows as no change in git when nothing
changed), their loading with the encoder check, the unit vectors they read, and the Adam steps that fit them."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import numpy as np

from sitroom.lexicons import LexiconError, read_bytes

# Every zip entry carries this date instead of the time of writing (the earliest a zip can hold).
FIXED_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)
# Adam's decay rates for the gradient's mean and its square (Kingma and Ba's defaults; both shipped files).
# (The complements are written out: 1 - 0.9 is not 0.1 in floating point, and the shipped files were fitted with 0.1.)
MEAN_DECAY, MEAN_NEW = 0.9, 0.1
SQUARE_DECAY, SQUARE_NEW = 0.999, 0.001
ADAM_EPSILON = 1e-8


class ModelMismatch(LexiconError):
    """The model file was trained over another encoder than the one installed: its vectors mean something else."""


class EncoderBound(Protocol):
    encoder_sha256: str


Model = TypeVar("Model", bound=EncoderBound)


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """The arrays as a compressed ``.npz`` (no pickles), entries in the dict's order with a fixed date."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_ENTRY_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            payload = io.BytesIO()
            np.lib.format.write_array(payload, array, allow_pickle=False)
            archive.writestr(entry, payload.getvalue())
    return buffer.getvalue()


def load_learned(name: str, data_dir: str, from_bytes: Callable[[bytes], Model], encoder_sha256: str,
                 retrain: str) -> Model | None:
    """The learned file ``name`` (shipped, or under ``data_dir``) read by ``from_bytes``; None where there is none;
    ModelMismatch, naming the ``retrain`` command, when ``encoder_sha256`` is given and the file was trained over
    another encoder."""
    try:
        data = read_bytes(name, data_dir or None)
    except LexiconError:
        return None
    model = from_bytes(data)
    if encoder_sha256 and model.encoder_sha256 != encoder_sha256:
        raise ModelMismatch(f"{name} was trained over encoder {model.encoder_sha256[:12]}..., not "
                            f"{encoder_sha256[:12]}...: retrain it ({retrain})")
    return model


def unit(vector: np.ndarray) -> np.ndarray:
    """The vector scaled to length 1 (float32); a zero vector stays zero."""
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm > 0 else vector.astype(np.float32)


class Adam:
    """Adam's running, bias-corrected estimates for a list of parameter arrays, updated in place by ``step``."""

    def __init__(self, params: Sequence[np.ndarray], step: float) -> None:
        self.params = list(params)
        self.step_size = step
        self.means = [np.zeros_like(p) for p in self.params]
        self.squares = [np.zeros_like(p) for p in self.params]

    def step(self, grads: Sequence[np.ndarray], epoch: int) -> None:
        """One update from ``grads`` (one per parameter, in order); ``epoch`` counts from 1."""
        for param, grad, mean, square in zip(self.params, grads, self.means, self.squares):
            mean *= MEAN_DECAY
            mean += MEAN_NEW * grad
            square *= SQUARE_DECAY
            square += SQUARE_NEW * grad ** 2
            param -= self.step_size * (mean / (1 - MEAN_DECAY ** epoch)) / (
                np.sqrt(square / (1 - SQUARE_DECAY ** epoch)) + ADAM_EPSILON)
