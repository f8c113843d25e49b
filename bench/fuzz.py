"""Fuzz the HTML and feed readers for a bounded time: generated pages, feeds and raw bytes through read_bytes, each
checked against the readers' contract (an Article whose captions are its text's slices, or an IngestError /
Skipped with a reason; never an exception, never ``reader_error``).

The inputs and the contract are those of the property tests (tests/ingest/test_readers_properties.py, loaded
from there so there is one definition), plus what only a fuzzer needs: hostile XML prologues (entity bombs,
external entities, false encodings) and byte-level mutations (insert, delete, replace) of generated pages and
feeds. It runs rounds of fresh random examples until the time is up, with no shrinking, and reports each
distinct failure once. Prints one line per failure, then one JSON line.

    .venv/bin/python bench/fuzz.py [--seconds 30] [--round 200]
"""

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

PROLOGUES = [
    "", "<!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;'>]>",
    "<!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>", "<!DOCTYPE rss SYSTEM 'http://example.invalid/x.dtd'>",
    "<?xml-stylesheet href='x'?>", "<!-- comment -->", "<![CDATA[ ]]>",
]
DECLARATIONS = ["<?xml version='1.0'?>", "<?xml version='1.0' encoding='utf-16'?>",
                "<?xml version='1.0' encoding='bogus-8'?>", "<?xml version='1.1' encoding='latin-1'?>", ""]
MUTATIONS = st.lists(st.tuples(st.sampled_from("idr"), st.integers(0, 1 << 16), st.integers(0, 255)), max_size=8)
PROPERTIES = Path(__file__).resolve().parents[1] / "tests" / "ingest" / "test_readers_properties.py"


def load_properties() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readers_properties", PROPERTIES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def with_prologue(feed: bytes, declaration: str, prologue: str) -> bytes:
    """The feed with its XML declaration replaced and a prologue (a DOCTYPE, say) before the root element."""
    body = feed.split(b"?>", 1)[1] if feed.startswith(b"<?xml") else feed
    return (declaration + prologue).encode() + body


def mutate(data: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    """Insert, delete or replace single bytes at (wrapped) positions."""
    buffer = bytearray(data)
    for kind, position, byte in edits:
        at = position % (len(buffer) + 1)
        if kind == "i":
            buffer.insert(at, byte)
        elif buffer and at < len(buffer):
            if kind == "d":
                del buffer[at]
            else:
                buffer[at] = byte
    return bytes(buffer)


def make_round(props: ModuleType, strategy: st.SearchStrategy[bytes], fmt: str, name: str, tried: dict[str, int],
               examples: int) -> Callable[[], None]:
    """One round: ``examples`` fresh inputs, generation only (no shrinking, no example database)."""

    @settings(max_examples=examples, phases=[Phase.generate], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def fuzz(data: bytes) -> None:
        tried[name] += 1
        try:
            for item in props._read(data, fmt):
                props._check(item)
        except Exception as error:
            error.add_note(f"input (base64): {base64.b64encode(data[:4000]).decode()}")
            raise

    return fuzz


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="fuzzing time (default 30 s)")
    parser.add_argument("--round", type=int, default=200, help="examples per round of fresh random inputs")
    args = parser.parse_args()
    props = load_properties()
    pages = props.PAGES.map(str.encode)
    feeds = st.builds(with_prologue, props.FEEDS, st.sampled_from(DECLARATIONS), st.sampled_from(PROLOGUES))
    targets = {
        "html": (pages | st.builds(mutate, pages, MUTATIONS) | st.binary(max_size=2000), "html"),
        "feed": (feeds | st.builds(mutate, feeds, MUTATIONS) | st.binary(max_size=2000), "feed"),
    }
    tried = {name: 0 for name in targets}
    failures: dict[str, dict[str, str]] = {}
    deadline = time.monotonic() + args.seconds
    rounds = 0
    while time.monotonic() < deadline:
        for name, (strategy, fmt) in targets.items():
            if time.monotonic() >= deadline:
                break

            fuzz = make_round(props, strategy, fmt, name, tried, args.round)
            try:
                fuzz()
            except Exception as error:  # noqa: BLE001 - a failure is the finding: record it and go on
                where = traceback.extract_tb(error.__traceback__)[-1]
                key = f"{name}: {type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
                if key not in failures:
                    failures[key] = {"target": name, "error": f"{type(error).__name__}: {error}"[:500]}
                    notes = "\n  ".join(getattr(error, "__notes__", []))
                    trace = "".join(traceback.format_exception(error)[-6:])
                    print(f"FAILURE {key}\n  {failures[key]['error']}\n  {notes}\n{trace}")
        rounds += 1
    summary = {
        "bench": "fuzz", "seconds": args.seconds, "rounds": rounds, "html_inputs": tried["html"],
        "feed_inputs": tried["feed"], "failures": len(failures), "failure_kinds": sorted(failures),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
