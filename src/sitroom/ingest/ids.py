"""Stable article ids: the same article read twice, from any format, gets the same id.

The id is a hash of the canonical URL (lowercased scheme and host, no default port, no fragment, no tracking
parameters), so a changed text at the same URL keeps its id and becomes a new version (told apart by
``content_hash``). Without a URL the id is a hash of the normalized text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ID_HEX_CHARS = 16  # 64 bits: a collision among 10^8 articles has probability ~3e-4

_SPACE_RE = re.compile(r"\s+")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


@lru_cache(maxsize=1)
def tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    """(exact names, prefixes) of query parameters dropped from URLs; from data/urls/tracking_params.txt."""
    text = resources.files("sitroom").joinpath("data/urls/tracking_params.txt").read_text(encoding="utf-8")
    names = [line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return (
        frozenset(n for n in names if not n.endswith("*")),
        tuple(n[:-1] for n in names if n.endswith("*")),
    )


def canonical_url(url: str) -> str:
    """The URL with lowercased scheme and host, no default port, fragment or tracking parameters ('' if none)."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and str(parts.port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    exact, prefixes = tracking_params()
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in exact and not k.lower().startswith(prefixes)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def normalize_text(text: str) -> str:
    """NFKC, casefolded, whitespace collapsed: what 'the same text' means for an id."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def article_id(url: str = "", text: str = "") -> str:
    """'u' + hash of the canonical URL, else 't' + hash of the normalized text."""
    canonical = canonical_url(url)
    if canonical:
        return "u" + _digest(canonical)[:ID_HEX_CHARS]
    return "t" + _digest(normalize_text(text))[:ID_HEX_CHARS]


def content_hash(text: str) -> str:
    """SHA-256 of the clean text as stored: any change of the stored text is a new version."""
    return _digest(text)
