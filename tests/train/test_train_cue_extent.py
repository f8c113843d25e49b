"""The cue extent counter: counting gold cues writes a table the run-time extent reads."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sitroom.config import NlpOptions
from sitroom.extract.claims.cue_extent import GOVERNOR, cue_extent, load_extent_table
from sitroom.nlp import load_pipeline
from sitroom.train.cue_extent import count_kinds, gold_cue_heads, write_table


def test_counting_gold_cues_writes_a_table_the_extent_reads(tmp_path: Path) -> None:
    nlp = load_pipeline(NlpOptions(pipeline=[]))
    text = "Officials have said Monday that talks failed."
    doc = nlp(text)
    start = text.index("have said")
    relation = {"cue": [(start, start + 4), (start + 5, start + 9)], "source": [(0, 9)],
                "content": [(text.index("that"), len(text) - 1)]}
    counts: Counter[tuple[str, bool]] = Counter()
    for _ in range(10):
        counts.update(count_kinds(doc, gold_cue_heads(doc, [relation])))
    assert counts[("aux:have:left", True)] == 10 and counts[("npadvmod:DATE:right", False)] == 10
    write_table(counts, tmp_path / "cue_extent.tsv", "a test")
    table = load_extent_table(str(tmp_path))
    said = doc[2]
    assert cue_extent(said, (4, 7), table, 0) == (1, 2)
    assert GOVERNOR not in table
