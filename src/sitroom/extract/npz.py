"""Learned files as ``.npz`` archives that are byte for byte the same for the same arrays, so that a rebuild
of a shipped model (the ACLED typer, the event detector) shows as no change in git when nothing changed."""
from __future__ import annotations

import io
import zipfile

import numpy as np

# Every zip entry carries this date instead of the time of writing (the earliest a zip can hold).
FIXED_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)


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
