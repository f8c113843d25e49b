"""Files and directories to items: recursive walk in a stable order, .gz of any format, format by extension or
by sniffing, and a specific IngestError for every file that cannot be read. Nothing here raises for one bad item.
"""

from __future__ import annotations

import errno
import gzip
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from sitroom.config import IngestOptions
from sitroom.ingest.article import ItemError, reader_error
from sitroom.ingest.decode import decode_bytes, sniff_magic
from sitroom.ingest.feed import read_feed
from sitroom.ingest.html import read_html
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.text import read_text
from sitroom.model import Article, IngestError, Skipped

Item = Article | IngestError | Skipped

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".feed": "feed",
}
_READ_CHUNK = 1 << 20
_FEED_RE = re.compile(r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_RE = re.compile(r"<(!doctype html|html|head|body)\b", re.IGNORECASE)
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def read_paths(paths: Iterable[str | Path], options: IngestOptions | None = None) -> Iterator[Item]:
    """Every item under ``paths`` (files, directories recursively in sorted order), good or bad, in order."""
    options = options or IngestOptions()
    seen: set[tuple[int, int]] = set()
    for path in paths:
        yield from _read_path(Path(path), options, seen, ancestors=())


def _read_path(
    path: Path, options: IngestOptions, seen: set[tuple[int, int]], ancestors: tuple[tuple[int, int], ...]
) -> Iterator[Item]:
    source = str(path)
    try:
        info = path.stat()
    except OSError as error:
        yield _os_error(source, error)
        return
    key = (info.st_dev, info.st_ino)
    is_dir = path.is_dir()
    if is_dir and key in ancestors:
        yield IngestError(source, "symlink_loop", "directory link points back to a directory above it")
        return
    if not is_dir and not path.is_file():
        yield IngestError(source, "unsupported_format", "not a regular file (a device, socket or pipe)")
        return
    if key in seen:
        yield Skipped(source, "duplicate_path", "already read through another path (a link)")
        return
    seen.add(key)
    if not is_dir:
        yield from read_file(path, options, size=info.st_size)
        return
    try:
        children = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError as error:
        yield _os_error(source, error)
        return
    for child in children:
        if not child.name.startswith("."):  # hidden files and folders (.git, .DS_Store) are not input
            yield from _read_path(Path(child.path), options, seen, (*ancestors, key))


def read_file(path: Path, options: IngestOptions, size: int | None = None) -> Iterator[Item]:
    """The items of one file: one for .txt/.html, one per line of .jsonl, one per feed entry."""
    source = str(path)
    try:
        size = path.stat().st_size if size is None else size
        if size == 0:
            yield IngestError(source, "empty", "file is empty")
            return
        if size > options.max_file_bytes:
            yield IngestError(source, "too_large", f"{size} bytes, over the {options.max_file_bytes}-byte file limit")
            return
        name = path.name.lower()
        compressed = name.endswith(".gz")
        inner = name[:-3] if compressed else name
        fmt = EXTENSIONS.get(Path(inner).suffix)
        if fmt == "jsonl":
            yield from _read_jsonl_file(path, compressed, options)
            return
        if not compressed and size > options.max_item_bytes:
            yield IngestError(source, "too_large", f"{size} bytes, over the {options.max_item_bytes}-byte item limit")
            return
        data = _read_limited(path, compressed, options.max_item_bytes)
        fmt = fmt or sniff_format(data, Path(inner).suffix)
        yield from read_bytes(data, fmt, source, options)
    except ItemError as error:
        yield error.record(source)
    except OSError as error:
        yield _os_error(source, error)
    except Exception as error:  # noqa: BLE001 - one file must not stop the batch
        yield reader_error(source, error)


def read_bytes(data: bytes, fmt: str, source: str, options: IngestOptions) -> Iterator[Item]:
    """Items of one file's content read as ``fmt`` (txt, html, feed)."""
    if not data.strip():
        yield IngestError(source, "empty", "only whitespace" if data else "no content")
    elif fmt == "html":
        yield read_html(data, source=source, options=options)
    elif fmt == "feed":
        yield from read_feed(data, source=source, options=options)
    else:
        text, changes = decode_bytes(data)
        yield read_text(text, source=source, options=options, changes=changes)


def sniff_format(data: bytes, suffix: str) -> str:
    """txt/html/feed/jsonl from the content; ItemError for a binary or unknown file."""
    magic = sniff_magic(data)
    if magic:
        raise ItemError("unsupported_format", f"{magic}{f' ({suffix})' if suffix else ''}: not a supported format")
    head = data[:2048].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if _FEED_RE.search(head) and head.startswith("<"):
        return "feed"
    if _HTML_RE.search(head) and head.startswith("<"):
        return "html"
    if head.startswith("{"):
        raise ItemError("unsupported_format", "looks like JSON; name it .jsonl (one document per line) to ingest it")
    if suffix:
        raise ItemError("unsupported_format", f"extension {suffix} is not a supported format (txt, html, jsonl, feed)")
    return "txt"


def _read_limited(path: Path, compressed: bool, limit: int) -> bytes:
    """The file's bytes (decompressed for .gz), or ItemError when over ``limit`` or a broken gzip stream."""
    opener = gzip.open if compressed else open
    try:
        with opener(path, "rb") as stream:
            data = stream.read(limit + 1)
    except _GZIP_ERRORS as error:
        raise ItemError("malformed_gzip", f"{type(error).__name__}: {error}") from None
    if len(data) > limit:
        what = "decompresses to" if compressed else "is"
        raise ItemError("too_large", f"{what} more than the {limit}-byte item limit")
    return data


def _read_jsonl_file(path: Path, compressed: bool, options: IngestOptions) -> Iterator[Item]:
    source = str(path)
    stream: IO[bytes]
    with (gzip.open(path, "rb") if compressed else open(path, "rb")) as stream:
        counted = _LimitedReader(stream, options.max_file_bytes)
        try:
            yield from read_jsonl(counted, source=source, options=options)  # type: ignore[arg-type]
        except _GZIP_ERRORS as error:
            yield IngestError(source, "malformed_gzip", f"{type(error).__name__}: {error} (after the items above)")
        except ItemError as error:
            yield error.record(source)


class _LimitedReader:
    """readline() over a stream that raises ItemError("too_large") past ``limit`` bytes (gzip bombs)."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream, self.limit, self.read_bytes = stream, limit, 0

    def readline(self, size: int = -1) -> bytes:
        line = self.stream.readline(size)
        self.read_bytes += len(line)
        if self.read_bytes > self.limit:
            raise ItemError("too_large", f"decompresses to more than the {self.limit}-byte file limit")
        return line


def _os_error(source: str, error: OSError) -> IngestError:
    if error.errno == errno.ELOOP:
        return IngestError(source, "symlink_loop", "symbolic link points to itself (loop)")
    if error.errno == errno.ENOENT:
        return IngestError(source, "unreadable", "no such file (or a broken link)")
    if error.errno == errno.EACCES:
        return IngestError(source, "unreadable", "permission denied")
    return IngestError(source, "unreadable", f"{error.strerror or error}")
