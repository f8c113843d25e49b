"""The same ledger gives the same report, byte for byte: whatever order it was stored in, however often it is
built, and nothing in it is the time of the run."""

from __future__ import annotations

import re

from brief_ledger import clusters, kyiv_record, old_record, wire_record

from sitroom.brief import BriefRequest, build, render
from sitroom.store import SQLiteStore

OCTOBER = BriefRequest("2024-10-01", "2024-10-31")


def _store(path, reverse: bool) -> SQLiteStore:
    store = SQLiteStore(str(path))
    records = [kyiv_record(), wire_record(), old_record()]
    found = clusters(*records)
    if reverse:
        records.reverse()
        found.reverse()
        for cluster in found:
            cluster.detail.reverse()
            cluster.members.reverse()
    store.add_batch([r.article for r in records], "test")
    store.put_records(records, "test")
    store.put_clusters(found)
    return store


def test_storage_order_changes_nothing(tmp_path) -> None:
    outputs = []
    for n, reverse in enumerate((False, True)):
        with _store(tmp_path / f"{n}.db", reverse) as store:
            briefing = build(store, OCTOBER)
            outputs.append((render(briefing, "md"), render(briefing, "html")))
    assert outputs[0] == outputs[1]


def test_building_again_gives_the_same_bytes(ledger) -> None:
    first = build(ledger, OCTOBER)
    second = build(ledger, OCTOBER)
    assert first == second
    for format in ("md", "html"):
        assert render(first, format).encode() == render(second, format).encode()


def test_no_clock_time_in_the_report(ledger) -> None:
    for format in ("md", "html"):
        text = render(build(ledger, OCTOBER), format)
        assert not re.search(r"\d{2}:\d{2}", text)
        assert set(re.findall(r"20\d\d-\d\d-\d\d", text)) <= {
            "2024-10-01", "2024-10-31", "2024-10-13", "2024-10-14", "2024-10-19"}
