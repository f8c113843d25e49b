"""The only reader of sitroom's data files: lexicons, patterns and learned tables under ``sitroom/data``.

Every file is named by its path inside the data folder ("claims/cues.tsv"), never by an absolute path, so a
pipeline's config stays valid when the package moves. A component may be given a folder of its own
(``data_dir``) that replaces the packaged folder of the name ("claims/" -> that folder) for the files it holds.
``digest()`` hashes what a pipeline reads, so a changed lexicon changes the pipeline fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

DATA_PACKAGE = "sitroom"
DATA_ROOT = "data"
COMMENT = "#"


class LexiconError(FileNotFoundError):
    """A data file that is neither in the given folder nor in the package."""


def data_root() -> Traversable:
    return resources.files(DATA_PACKAGE).joinpath(DATA_ROOT)


def locate(name: str, data_dir: str | Path | None = None) -> Traversable | Path:
    """The file for ``name``: in ``data_dir`` (by its base name) when that folder has it, else the packaged one."""
    if data_dir:
        own = Path(data_dir) / Path(name).name
        if own.is_file():
            return own
    packaged = data_root().joinpath(*name.split("/"))
    if not packaged.is_file():
        where = f" or in {data_dir}" if data_dir else ""
        raise LexiconError(f"no data file {name!r} in the sitroom package{where}")
    return packaged


def read_text(name: str, data_dir: str | Path | None = None) -> str:
    return locate(name, data_dir).read_text(encoding="utf-8")


def read_bytes(name: str, data_dir: str | Path | None = None) -> bytes:
    return locate(name, data_dir).read_bytes()


def read_json(name: str, data_dir: str | Path | None = None) -> Any:
    return json.loads(read_text(name, data_dir))


def read_lines(name: str, data_dir: str | Path | None = None) -> list[str]:
    """The lines of a list file, without blank lines and '#' comments (not stripped inside)."""
    return [line for line in read_text(name, data_dir).splitlines() if line.strip() and not line.startswith(COMMENT)]


def read_rows(name: str, data_dir: str | Path | None = None) -> list[list[str]]:
    """The tab-separated rows of a lexicon file, each cell stripped, without blank lines and '#' comments."""
    return [[cell.strip() for cell in line.split("\t")] for line in read_lines(name, data_dir)]


def names() -> list[str]:
    """Every packaged data file, as the names ``locate`` takes, sorted."""
    found: list[str] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif not entry.name.startswith("."):
                found.append(prefix + entry.name)

    walk(data_root(), "")
    return sorted(found)


def digest(data_dirs: tuple[str | Path, ...] = ()) -> str:
    """A SHA-256 over every packaged data file (name and bytes) and every file of the extra folders given."""
    hasher = hashlib.sha256()
    for name in names():
        hasher.update(name.encode("utf-8") + b"\0")
        hasher.update(data_root().joinpath(*name.split("/")).read_bytes())
    for folder in data_dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                hasher.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + path.read_bytes())
    return hasher.hexdigest()
