"""Files the commands write: beside their target first, renamed into place when whole, so a failed or interrupted
write never leaves half a file under the name asked for (and an older file there stays as it was)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


def write_whole(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` through ``path.partial``; OSError (and any error of the chunks) propagates, the
    partial file removed."""
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    try:
        with partial.open("wb") as target:
            for chunk in chunks:
                target.write(chunk)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
