"""What produced a record, as one fingerprint, so that any change to what reads an article re-reads it.

A record is current only when it was made by the same code, the same spaCy model, the same component options and
the same data files. The fingerprint hashes all four: sitroom's version and the source of the modules that
build records, the model's name and version, each component's configuration as the loaded pipeline holds it,
and the digest of every data file (``lexicons.digest``, with any folder a component was pointed at).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

import sitroom
from sitroom import lexicons

# Packages and modules whose source decides what a record holds (ingest and storage do not).
RECORD_CODE = ("extract", "text", "geo", "nlp.py", "model.py", "lexicons.py", "acled.py")


def code_digest() -> str:
    """SHA-256 over the source of the modules that build records, by path inside the package."""
    hasher = hashlib.sha256()
    root = resources.files("sitroom")
    for part in RECORD_CODE:
        entry = root.joinpath(part)
        if not (entry.is_file() or entry.is_dir()):
            continue
        base = Path(str(root))
        files = [Path(str(entry))] if entry.is_file() else sorted(Path(str(entry)).rglob("*.py"))
        for path in files:
            hasher.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def component_configs(nlp: Language) -> dict[str, dict]:
    """Each pipeline component's factory and options, as the loaded pipeline holds them."""
    components = nlp.config.get("components", {})
    return {name: dict(components.get(name, {})) for name in nlp.pipe_names}


def data_dirs(configs: dict[str, dict]) -> tuple[str, ...]:
    """The folders components were pointed at with a ``data_dir`` option (their files are in the digest too)."""
    return tuple(sorted({str(c["data_dir"]) for c in configs.values() if c.get("data_dir")}))


def fingerprint(nlp: Language) -> str:
    """A readable prefix and a hash: 'sitroom 0.1.0; en_core_web_sm 3.8.0; 3f2a9c41d0b7'."""
    configs = component_configs(nlp)
    parts = {
        "sitroom": sitroom.__version__,
        "spacy": spacy.__version__,
        "model": f"{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}",
        "components": configs,
        "code": code_digest(),
        "data": lexicons.digest(data_dirs(configs)),
    }
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    model = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}"
    return f"sitroom {sitroom.__version__}; {model}; {digest[:16]}"


def partition_fingerprint(pipeline: str, articles: Iterable[tuple[str, str]]) -> str:
    """What one partition of a job was: the pipeline's fingerprint and its articles' (id, content hash) pairs, in
    id order. Equal fingerprints mean equal records, so a finished partition is not read again; a changed text, an
    article more or less, or another pipeline makes another one."""
    hasher = hashlib.sha256(pipeline.encode("utf-8") + b"\0")
    for article_id, content in sorted(articles):
        hasher.update(f"{article_id}\0{content}\0".encode())
    return hasher.hexdigest()
