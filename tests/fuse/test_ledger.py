"""The fusion ledger: event clusters across outlets, claim status with its reasons, stable ids, idempotence, merges
and splits logged (in the store too)."""

from __future__ import annotations

from sitroom.fuse.ledger import Fusion
from sitroom.model import (
    Actor, Article, Claim, Event, Evidence, Place, PlaceMention, Record, TimeExpression,
)

import random

WORDS = "front line energy grid sanctions talks aid winter budget parliament grain port drone air defence".split()


def _filler(seed: str) -> str:
    """Background text of its own for each article, so two articles are not copies of each other."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 999)) for _ in range(300))


def _ev(aid: str, text: str, start: int = 0) -> Evidence:
    return Evidence(aid, start, start + len(text), text=text)


def _record(aid: str, outlet: str, published: str, *, claims=(), events=(), actors=(), credits=(), text=None):
    article = Article(id=aid, text=text if text is not None else _filler(aid), outlet=outlet,
                      published=published, credits=list(credits))
    places = [PlaceMention("P1", _ev(aid, "Kharkiv"), Place("geonames:706483", "Kharkiv", "PPLA", "UA",
                                                             "Kharkiv Oblast", lat=49.98, lon=36.25), "exact")]
    times = [TimeExpression("T1", _ev(aid, "on Sunday"), start=published[:10], granularity="day")]
    return Record(article=article, actors=list(actors), claims=list(claims), events=list(events), places=places,
                  times=times)


def _claim(aid: str, cid: str, source: str, content: str, stance: str = "assert", target: str | None = None):
    return Claim(id=cid, source=source, source_mention=_ev(aid, "x"), cue=_ev(aid, "said"), content=_ev(aid, content),
                 stance=stance, target_claim=target)


def _strike(aid: str, eid: str, sentence: str) -> Event:
    return Event(id=eid, trigger=_ev(aid, "strike"), event_type="Explosions/Remote violence", actor1="A2",
                 places=["P1"], time="T1", evidence=_ev(aid, sentence))


ZELENSKIY = "that North Korea has sent soldiers and weapons to Russia to support Moscow's war in Ukraine"
SHELLS = "that Pyongyang supplies artillery shells and short-range missiles to Moscow"


def _seed(aid: str, outlet: str, name: str, credits=()) -> Record:
    actors = [Actor("A1", name, "person"), Actor("A2", "Military Forces of Russia", "military", country="RU"),
              Actor("A3", "South Korean intelligence service", "organization", country="KR"),
              Actor("A4", "Government of Russia", "government", country="RU")]
    claims = [_claim(aid, "C1", "A1", ZELENSKIY), _claim(aid, "C2", "A3", SHELLS),
              _claim(aid, "C3", "A4", "those claims", stance="deny", target="C2")]
    events = [_strike(aid, "E1", "A Russian missile strike hit Kharkiv on Sunday, killing three people")]
    return _record(aid, outlet, "2024-10-14", claims=claims, events=events, actors=actors, credits=credits)


def _by_label(fusion: Fusion, kind: str, words: str):
    return next(c for c in fusion.clusters(kind) if words in c.label)


def test_an_independent_rewrite_corroborates_and_the_kremlin_denies() -> None:
    fusion = Fusion()
    fusion.add([_seed("seed", "RFE/RL", "Volodymyr Zelenskiy", credits=["AFP"]),
                _seed("other", "Kyiv Post", "Volodymyr Zelensky")])
    claim = _by_label(fusion, "claim", "North Korea has sent")
    assert claim.status == "corroborated" and claim.independent_sources == 2
    assert set(claim.status_claims) == {"seed/C1", "other/C1"}
    shells = _by_label(fusion, "claim", "artillery shells")
    assert shells.status == "denied" and set(shells.status_claims) == {"seed/C3", "other/C3"}
    (event,) = fusion.clusters("event")
    assert sorted(event.members) == ["other/E1", "seed/E1"] and event.place == "Kharkiv"


def test_an_event_cluster_keeps_the_point_and_precisions_an_export_needs() -> None:
    fusion = Fusion()
    seed = _seed("seed", "RFE/RL", "Volodymyr Zelenskiy")
    seed.events[0].sub_event_type = "Air/drone strike"
    fusion.add([seed])
    (event,) = fusion.clusters("event")
    assert (event.latitude, event.longitude, event.precision) == (49.98, 36.25, "exact")
    assert event.date == "2024-10-14" and event.date_granularity == "day"
    assert event.sub_event_type == "Air/drone strike"


def test_a_copy_or_the_same_agency_is_not_corroboration() -> None:
    copy = Fusion()
    seed = _seed("seed", "RFE/RL", "Volodymyr Zelenskiy")
    twin = _seed("twin", "Wire", "Volodymyr Zelenskiy")
    twin.article.text = seed.article.text
    copy.add([seed, twin])
    assert _by_label(copy, "claim", "North Korea has sent").status == "single_source"
    agency = Fusion()
    agency.add([_seed("a", "RFE/RL", "Volodymyr Zelenskiy", credits=["Reuters"]),
                _seed("b", "Daily", "Volodymyr Zelensky", credits=["Reuters"])])
    assert _by_label(agency, "claim", "North Korea has sent").status == "single_source"


def test_ids_are_stable_as_clusters_grow_and_adding_again_changes_nothing() -> None:
    fusion = Fusion()
    fusion.add([_seed("a", "RFE/RL", "Volodymyr Zelenskiy")])
    ids = {c.label: c.id for c in fusion.clusters()}
    fusion.add([_seed("b", "Kyiv Post", "Volodymyr Zelensky")])
    grown = {c.label: c.id for c in fusion.clusters()}
    assert all(grown[label] == cid for label, cid in ids.items())
    before = [(c.id, c.members) for c in fusion.clusters()]
    assert fusion.add([_seed("b", "Kyiv Post", "Volodymyr Zelensky")]) == []
    assert [(c.id, c.members) for c in fusion.clusters()] == before


def test_restore_keeps_stored_clusters_and_joins_new_articles() -> None:
    first = Fusion()
    a = _seed("a", "RFE/RL", "Volodymyr Zelenskiy")
    first.add([a])
    stored = first.clusters()
    again = Fusion()
    b = _seed("b", "Kyiv Post", "Volodymyr Zelensky")
    again.restore(stored, [a, b])
    event = next(c for c in again.clusters("event"))
    assert event.id == stored[0].id and sorted(event.members) == ["a/E1", "b/E1"]
    changed, gone = again.changed_clusters()
    assert {c.id for c in changed} >= {event.id} and gone == []


def test_a_report_linking_two_clusters_merges_them_into_the_older() -> None:
    fusion = Fusion()
    kharkiv = "A Russian missile strike hit Kharkiv on Sunday killing three people near the station"
    fusion.add([_record("a", "One", "2024-10-14", events=[_strike("a", "E1", kharkiv)],
                        actors=[Actor("A2", "Military Forces of Russia", "military", country="RU")])])
    fusion.add([_record("b", "Two", "2024-10-14", events=[_strike("b", "E1", "Drones attacked the energy grid overnight")],
                        actors=[Actor("A2", "Ukrainian forces", "military", country="UA")])])
    assert len(fusion.clusters("event")) == 2
    both = _strike("c", "E1", kharkiv + " and drones attacked the energy grid overnight")
    both.assoc_actors = ["A3"]
    fusion.add([_record("c", "Three", "2024-10-14", events=[both],
                        actors=[Actor("A2", "Military Forces of Russia", "military", country="RU"),
                                Actor("A3", "Ukrainian forces", "military", country="UA")])])
    older = fusion.clusters("event")[0].id
    (merge,) = [e for e in fusion.log if e.action == "merge"]
    (cluster,) = fusion.clusters("event")
    assert cluster.id == merge.cluster == older and sorted(cluster.members) == ["a/E1", "b/E1", "c/E1"]


KHARKIV = "A Russian missile strike hit Kharkiv on Sunday killing three people near the station"
BOTH = KHARKIV + " and drones attacked the energy grid overnight"  # links the Kharkiv report and the grid report


def _three_reports(c_sentence: str):
    kharkiv = KHARKIV
    a = _record("a", "One", "2024-10-14", events=[_strike("a", "E1", kharkiv)],
                actors=[Actor("A2", "Military Forces of Russia", "military", country="RU")])
    b = _record("b", "Two", "2024-10-14", events=[_strike("b", "E1", "Drones attacked the energy grid overnight")],
                actors=[Actor("A2", "Ukrainian forces", "military", country="UA")])
    event = _strike("c", "E1", c_sentence)
    event.assoc_actors = ["A3"]
    c = _record("c", "Three", "2024-10-14", events=[event],
                actors=[Actor("A2", "Military Forces of Russia", "military", country="RU"),
                        Actor("A3", "Ukrainian forces", "military", country="UA")])
    return a, b, c, kharkiv


def test_a_changed_article_that_held_a_cluster_together_splits_it_and_the_split_is_logged() -> None:
    a, b, c, kharkiv = _three_reports(BOTH)
    first = Fusion()
    first.add([a, b, c])
    (merged,) = first.clusters("event")
    assert sorted(merged.members) == ["a/E1", "b/E1", "c/E1"]
    # The third article is read again and now reports the Kharkiv strike alone: nothing links b to a any more.
    _, _, changed, _ = _three_reports(kharkiv + " on Sunday, the regional governor said")
    again = Fusion()
    again.restore(first.clusters(), [a, b, changed])
    clusters = {c.id: sorted(c.members) for c in again.clusters("event")}
    assert clusters[merged.id] == ["a/E1", "c/E1"]  # the id stays with the cluster's first member
    (split,) = [e for e in again.log if e.action == "split"]
    assert split.cluster == merged.id and split.member == "b/E1" and clusters[split.other] == ["b/E1"]
    assert [e.member for e in again.log if e.action == "remove"] == ["c/E1"]
    live, gone = again.changed_clusters()
    assert {c.id for c in live} == {merged.id, split.other} and gone == []


def test_a_member_gone_from_a_cluster_that_still_holds_together_is_no_split() -> None:
    a, _, c, kharkiv = _three_reports("A Russian missile strike hit Kharkiv on Sunday killing three people")
    d = _record("d", "Four", "2024-10-14", events=[_strike("d", "E1", kharkiv + " in the morning")],
                actors=[Actor("A2", "Military Forces of Russia", "military", country="RU")])
    first = Fusion()
    first.add([a, c, d])
    (cluster,) = first.clusters("event")
    assert len(cluster.members) == 3
    again = Fusion()
    again.restore(first.clusters(), [a, c])  # the fourth article is gone
    assert [(e.action, e.member) for e in again.log] == [("remove", "d/E1")]
    assert [(c.id, c.members) for c in again.clusters("event")] == [(cluster.id, ["a/E1", "c/E1"])]


def _store(tmp_path, records):
    from sitroom.store import SQLiteStore

    store = SQLiteStore(str(tmp_path / "s.db"))
    store.add_batch([r.article for r in records], "run-1")
    store.put_records(records, "pipeline-1")
    return store


def test_a_split_reaches_the_cluster_log_of_the_store(tmp_path) -> None:
    from sitroom.run.batch import fuse_store

    a, b, c, kharkiv = _three_reports(BOTH)
    store = _store(tmp_path, [a, b, c])
    fuse_store(store)
    (merged,) = [row for row in store.iter_clusters() if row.kind == "event"]
    assert merged.size == 3
    # The third article was read again: its event now covers the Kharkiv strike alone, at another span.
    _, _, changed, _ = _three_reports(kharkiv + " on Sunday, the regional governor said")
    changed.events[0].evidence.start = 5
    changed.events[0].evidence.end = 5 + len(changed.events[0].evidence.text)
    store.put_records([changed], "pipeline-2")
    result = fuse_store(store)
    events = {row.id: row.size for row in store.iter_clusters() if row.kind == "event"}
    assert events[merged.id] == 2 and len(events) == 2 and result.written >= 2
    log = [(row.action, row.member) for row in store.iter_cluster_log(merged.id)]
    assert ("split", "b/E1") in log and ("remove", "c/E1") in log
    (new,) = [cid for cid in events if cid != merged.id]
    assert ("split", "b/E1") in [(row.action, row.member) for row in store.iter_cluster_log(new)]
    store.close()
