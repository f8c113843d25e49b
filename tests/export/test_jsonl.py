"""`jsonl` (records, as `sitroom annotate --json` prints them) and `clusters` (fusion clusters), one JSON a line."""

from __future__ import annotations

import json

import pytest

from sitroom.export import EXPORTERS, ExportError, ExportFilter, ExportStats
from sitroom.model import Cluster, Record, from_dict, to_dict


def lines(store, name: str, where=None, stats=None) -> list[dict]:
    data = b"".join(EXPORTERS[name].stream(store, where, stats)).decode("utf-8")
    assert data == "" or data.endswith("\n")
    return [json.loads(line) for line in data.splitlines()]


def test_records_are_the_data_model_as_annotate_prints_it(store):
    stats = ExportStats()
    exported = lines(store, "jsonl", stats=stats)
    assert stats.rows == len(exported) == 5
    for obj in exported:
        record = from_dict(Record, obj)
        assert obj == to_dict(store.record(record.article.id))  # what `annotate --json` prints: to_dict(record)
    ids = {obj["article"]["id"] for obj in exported}
    assert ids == {"kyivpost", "rferl", "ukrinform", "tass", "unian"}


@pytest.mark.parametrize(("where", "expected"), [
    (ExportFilter(since="2024-11-01"), {"ukrinform"}),
    (ExportFilter(until="2024-10-14"), {"kyivpost", "rferl"}),
    (ExportFilter(admin1="Kharkiv"), {"kyivpost", "rferl", "tass"}),
    (ExportFilter(country="UA", since="2024-10-21"), {"ukrinform", "unian"}),
    (ExportFilter(country="RU"), set()),  # no record names a place in Russia
])
def test_records_filter_by_publication_day_and_the_places_they_mention(store, where, expected):
    assert {obj["article"]["id"] for obj in lines(store, "jsonl", where)} == expected


def test_clusters_are_the_stored_clusters_with_members_and_evidence(store, ledger):
    exported = [from_dict(Cluster, obj) for obj in lines(store, "clusters")]
    assert [c.id for c in exported] == [row.id for row in store.iter_clusters()]
    strike = next(c for c in exported if c.id == ledger.strike)
    assert strike == store.cluster(ledger.strike)
    assert [m.evidence.article_id for m in strike.detail] == ["kyivpost", "rferl"]
    assert {c.kind for c in exported} == {"event", "claim"}


def test_clusters_filter_by_kind(store):
    claims = lines(store, "clusters", ExportFilter(kind="claim"))
    assert len(claims) == 1 and claims[0]["kind"] == "claim"
    events = lines(store, "clusters", ExportFilter(kind="event"))
    assert len(events) == 6 and all(c["kind"] == "event" for c in events)


def test_kind_is_refused_where_it_means_nothing(store):
    with pytest.raises(ExportError, match="exports records"):
        EXPORTERS["jsonl"].stream(store, ExportFilter(kind="event"))
    with pytest.raises(ExportError, match="takes kind event"):
        EXPORTERS["acled"].stream(store, ExportFilter(kind="claim"))


def test_an_empty_store_gives_no_lines(empty_store):
    assert lines(empty_store, "jsonl") == [] and lines(empty_store, "clusters") == []
