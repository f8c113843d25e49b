"""The fusion ledger: articles' records in, event and claim clusters out, incrementally.

``add`` takes new records and places each event and claim in an existing cluster or a new one; nothing already
placed is recomputed. A cluster's id is fixed when it is made (from its first member, so a rebuild in the same
order gives the same ids) and kept as it grows; when a report links two clusters they merge into the older one,
and the merge is logged. ``restore`` rebuilds the in-memory features of clusters read back from a store, so a
later ``add`` joins new articles to them; adding a record already placed changes nothing (idempotent).

A member whose record is gone, or whose evidence is no longer what the cluster stored (its article changed and was
read again), leaves its cluster ("remove"; a changed one is placed again like a new one). What is left of a
cluster that lost members may no longer hold together: its members are linked again by the rules that made it
(events: the match score; claims: the same proposition or an answer), and each part but the one holding the
cluster's first member becomes a cluster of its own, logged as a "split" (``other``: the new cluster) for each
member that moved.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sitroom.config import FuseOptions
from sitroom.fuse.actors import ActorRegistry
from sitroom.fuse.claims import (
    ClaimCluster,
    ClaimMention,
    claim_mentions,
    concept_keys,
    same_proposition,
    status,
)
from sitroom.fuse.dedup import Deduplicator
from sitroom.fuse.events import (
    EventCluster,
    EventMention,
    best_link,
    event_mentions,
    linked,
    reach_days,
    summary,
    within_window,
)
from sitroom.fuse.mentions import MentionCluster
from sitroom.fuse.minhash import LSHIndex, MinHasher
from sitroom.fuse.sources import SourceIndex
from sitroom.fuse.unionfind import UnionFind
from sitroom.model import Cluster, ClusterMember, Record
from sitroom.text.shingles import stable_hash


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A change to the clusters: create, join, merge (``other`` absorbed into ``cluster``), remove (``member``
    left it), or split (``member`` moved from ``cluster`` to the new cluster ``other``)."""

    action: str
    cluster: str
    other: str = ""
    member: str = ""


def cluster_id(kind: str, first_member: str) -> str:
    return ("ev-" if kind == "event" else "cl-") + hashlib.sha1(first_member.encode("utf-8")).hexdigest()[:12]


class Fusion:
    def __init__(self, options: FuseOptions | None = None) -> None:
        self.options = options or FuseOptions()
        self.dedup = Deduplicator(self.options)
        self.sources = SourceIndex()
        self.registry = ActorRegistry()
        self.events: dict[str, EventCluster] = {}
        self.claims: dict[str, ClaimCluster] = {}
        self.event_of: dict[str, str] = {}
        self.claim_of: dict[str, str] = {}
        self.claim_mention: dict[str, ClaimMention] = {}
        self.blocks: dict[tuple[str, int], set[str]] = defaultdict(set)
        rows = self.options.claim_lsh_rows
        self.claim_hasher = MinHasher(self.options.claim_num_perm, seed=2)
        self.claim_index = LSHIndex(self.options.claim_num_perm // rows, rows)
        self.concept_index: dict[tuple[int, str], list[str]] = defaultdict(list)  # (week, class pair) -> claims
        self.seen: set[str] = set()
        self.seq = 0
        self.log: list[LogEntry] = []
        self.changed: set[str] = set()

    # --- input --------------------------------------------------------------------------------------------

    def _index_articles(self, records: list[Record]) -> None:
        for record in records:
            article = record.article
            matches = self.dedup.add(article)
            self.sources.add(article, article.id)
            for other, _ in matches:
                self.sources.add(article, other)
        self.registry.observe(records)

    def add(self, records: Iterable[Record]) -> list[LogEntry]:
        """Place the events and claims of records not seen before; the log of what changed."""
        fresh = [r for r in records if r.article.id not in self.seen]
        start = len(self.log)
        self._index_articles(fresh)
        for record in fresh:
            self.seen.add(record.article.id)
            for mention in self._event_mentions(record):
                if mention.member not in self.event_of:
                    self._add_event(mention)
            mentions = claim_mentions(record, self.registry)
            for mention in sorted(mentions, key=lambda m: m.target is not None):
                if mention.member not in self.claim_of:
                    self._add_claim(mention)
        return self.log[start:]

    def restore(self, clusters: Iterable[Cluster], records: Iterable[Record]) -> None:
        """Clusters read back from a store, with the records of their members: their ids and membership are
        kept as they are; the records' members that no cluster holds are placed by ``add`` afterwards."""
        placed: dict[str, tuple[str, str]] = {}
        stored: dict[str, Cluster] = {}
        said: dict[str, tuple[int, int]] = {}  # member -> the evidence span the cluster stored for it
        for cluster in clusters:
            stored[cluster.id] = cluster
            for member in cluster.members:
                placed[member] = (cluster.kind, cluster.id)
            for detail in cluster.detail:
                if detail.evidence is not None:
                    said[detail.member] = (detail.evidence.start, detail.evidence.end)
        records = list(records)
        self._index_articles(records)

        def same(member: str, evidence: object) -> bool:
            where = said.get(member)
            return where is None or evidence is None or where == (evidence.start, evidence.end)  # type: ignore[attr-defined]

        leftover = []
        for record in records:
            whole = True
            for mention in self._event_mentions(record):
                if placed.get(mention.member, ("", ""))[0] == "event" and same(mention.member, mention.evidence):
                    self._put_event(mention, placed[mention.member][1])
                else:
                    whole = False
            for claim in claim_mentions(record, self.registry):
                if placed.get(claim.member, ("", ""))[0] == "claim" and same(claim.member, claim.evidence):
                    self._put_claim(claim, placed[claim.member][1])
                else:
                    whole = False
            if whole:
                self.seen.add(record.article.id)
            else:
                leftover.append(record)
        found = set(self.event_of) | set(self.claim_of)
        self.changed.clear()
        for cid, cluster in stored.items():
            missing = [m for m in cluster.members if m not in found]
            if missing:  # their records are gone or re-read: the cluster is what is left of it
                self.changed.add(cid)
                self.log.extend(LogEntry("remove", cid, member=m) for m in missing)
                self._split(cluster.kind, cid)
        self.add(leftover)

    def _split(self, kind: str, cid: str) -> None:
        """What is left of a cluster that lost members, in the parts its links still hold together: the part with
        its first member keeps the id, each other part becomes a new cluster (a "split" per moved member)."""
        cluster = (self.events if kind == "event" else self.claims).get(cid)
        if cluster is None or len(cluster.members) < 2:
            return
        members = [m.member for m in cluster.members]  # arrival order
        parts = UnionFind()
        for i, one in enumerate(cluster.members):
            parts.union(one.member, one.member)
            for other in cluster.members[i + 1:]:
                if self._linked(kind, one, other):
                    parts.union(one.member, other.member)
        groups = sorted((sorted(g, key=members.index) for g in parts.groups().values()), key=lambda g: members.index(g[0]))
        if len(groups) < 2:
            return
        keep = next((g for g in groups if any(cluster_id(kind, m) == cid for m in g)), groups[0])
        for group in groups:
            if group is not keep:
                self._move(kind, cid, group)

    def _move(self, kind: str, cid: str, group: list[str]) -> None:
        """Members ``group`` (in arrival order) out of cluster ``cid`` into a new cluster named by the first."""
        clusters = self.events if kind == "event" else self.claims
        cluster = clusters[cid]
        new = cluster_id(kind, group[0])
        while new in clusters:
            new = cluster_id(kind, new)
        moved = [m for m in cluster.members if m.member in group]
        cluster.members = [m for m in cluster.members if m.member not in group]
        for mention in moved:
            score = cluster.scores.pop(mention.member, 1.0)
            if isinstance(mention, EventMention):
                if not any((o.kind, o.day) == (mention.kind, mention.day) for o in cluster.members):
                    self.blocks[(mention.kind, mention.day)].discard(cid)
                self._put_event(mention, new, score)
            else:
                self._put_claim(mention, new, score)
            self.log.append(LogEntry("split", cid, other=new, member=mention.member))

    def _linked(self, kind: str, one: EventMention | ClaimMention, other: EventMention | ClaimMention) -> bool:
        """Whether two members of one cluster would still be put together, on their own."""
        if isinstance(one, EventMention) and isinstance(other, EventMention):
            return linked(one, other, self.options)
        if not isinstance(one, ClaimMention) or not isinstance(other, ClaimMention):
            return False
        if one.target == other.member or other.target == one.member:
            return True
        if one.day is not None and other.day is not None and \
                abs(one.day - other.day) > self.options.claim_date_window_days:
            return False
        return same_proposition(one, other, self.options.claim_overlap, self.options.claim_min_words) > 0

    # --- events -------------------------------------------------------------------------------------------

    def _event_mentions(self, record: Record) -> list[EventMention]:
        """The record's events as mentions, each knowing its article's copy group (articles are indexed first)."""
        mentions = event_mentions(record, self.registry)
        group = self.dedup.group_of(record.article.id)
        for mention in mentions:
            mention.text_group = group
        return mentions

    def _new_id(self, kind: str, member: str) -> tuple[str, int]:
        self.seq += 1
        return cluster_id(kind, member), self.seq

    def _cluster_in(self, clusters: dict[str, MentionCluster], cid: str) -> MentionCluster:
        """The cluster ``cid`` of ``clusters``, made (and numbered) when it is new."""
        cluster = clusters.get(cid)
        if cluster is None:
            self.seq += 1
            cluster = clusters[cid] = MentionCluster(cid, self.seq)
        return cluster

    def _put_event(self, mention: EventMention, cid: str, score: float = 1.0) -> None:
        self._cluster_in(self.events, cid).add(mention, score)
        self.event_of[mention.member] = cid
        self.blocks[(mention.kind, mention.day)].add(cid)
        self.changed.add(cid)

    def _add_event(self, mention: EventMention) -> None:
        window = reach_days(mention, self.options)
        candidates = set()
        for day in range(mention.day - window, mention.day + window + 1):
            candidates |= self.blocks.get((mention.kind, day), set())
        scored = [(best_link(mention, self.events[c], self.options), c) for c in sorted(candidates)]
        matches = [(s, c) for s, c in scored if s >= self.options.event_threshold]
        if not matches:
            cid, _ = self._new_id("event", mention.member)
            self._put_event(mention, cid)
            self.log.append(LogEntry("create", cid, member=mention.member))
            return
        # The report joins the cluster it matches best; another cluster it also matches merges with that one
        # only where every report of the two stays within the date window of every other (within_window, the rule
        # a report joins by): a call dated 4 March and one dated 6 March are not one call because a report dated
        # 5 March matches both. The clusters merge into the oldest of them.
        best_score, best = max(matches, key=lambda sc: (sc[0], -self.events[sc[1]].seq))
        group = [best]
        members = [*self.events[best].members, mention]
        for _, other in sorted(matches, key=lambda sc: self.events[sc[1]].seq):
            if other == best:
                continue
            if any(self.events[g].articles & self.events[other].articles for g in group):
                continue  # they hold two events of one article: the extractor says they differ
            if not all(within_window(one, two, self.options)
                       for one in members for two in self.events[other].members):
                continue
            group.append(other)
            members += self.events[other].members
        keep = min(group, key=lambda c: self.events[c].seq)
        for other in group:
            if other != keep:
                self._merge_events(keep, other)
        self._put_event(mention, keep, best_score)
        self.log.append(LogEntry("join", keep, member=mention.member))

    def _merge_events(self, keep: str, other: str) -> None:
        absorbed = self.events.pop(other)
        for m in absorbed.members:
            self.blocks[(m.kind, m.day)].discard(other)
            self._put_event(m, keep, absorbed.scores.get(m.member, 1.0))
        self.changed.add(other)
        self.log.append(LogEntry("merge", keep, other=other))

    # --- claims -------------------------------------------------------------------------------------------

    def _put_claim(self, mention: ClaimMention, cid: str, score: float = 1.0) -> None:
        self._cluster_in(self.claims, cid).add(mention, score)
        self.claim_of[mention.member] = cid
        self.claim_mention[mention.member] = mention
        if len(mention.words) >= self.options.claim_min_words:  # a shorter claim matches none (same_proposition)
            signature = self.claim_hasher.signature(stable_hash(w) for w in mention.words)
            self.claim_index.insert(mention.member, signature, self._week(mention))
            for key in concept_keys(mention.concepts):
                self.concept_index[(self._week(mention), key)].append(mention.member)
        self.changed.add(cid)

    def _week(self, mention: ClaimMention) -> int:
        """The index partition of a claim: its week (claims with no date share partition -1)."""
        return mention.day // self.options.claim_date_window_days if mention.day is not None else -1

    def _claim_candidates(self, mention: ClaimMention, signature: object) -> list[str]:
        week = self._week(mention)
        weeks = (week - 1, week, week + 1) if week >= 0 else (-1,)
        found = {str(m) for m in self.claim_index.candidates(signature, weeks)}  # type: ignore[arg-type]
        for key in concept_keys(mention.concepts):
            for w in weeks:
                found.update(self.concept_index.get((w, key), ()))
        return sorted(m for m in found if m in self.claim_of)

    def _add_claim(self, mention: ClaimMention) -> None:
        if mention.target and mention.target in self.claim_of:
            self._put_claim(mention, self.claim_of[mention.target])
            self.log.append(LogEntry("join", self.claim_of[mention.target], member=mention.member))
            return
        best, where = 0.0, None
        if len(mention.words) >= self.options.claim_min_words:
            signature = self.claim_hasher.signature(stable_hash(w) for w in mention.words)
            for member in self._claim_candidates(mention, signature):
                other = self.claim_mention[member]
                if mention.day is not None and other.day is not None and \
                        abs(mention.day - other.day) > self.options.claim_date_window_days:
                    continue
                score = same_proposition(mention, other, self.options.claim_overlap, self.options.claim_min_words)
                cid = self.claim_of[member]
                if score > best or (score == best and where is not None and score > 0
                                    and self.claims[cid].seq < self.claims[where].seq):
                    best, where = score, cid
        if where is None:
            cid, _ = self._new_id("claim", mention.member)
            self._put_claim(mention, cid)
            self.log.append(LogEntry("create", cid, member=mention.member))
        else:
            self._put_claim(mention, where, best)
            self.log.append(LogEntry("join", where, member=mention.member))

    # --- output -------------------------------------------------------------------------------------------

    def event_cluster(self, cid: str) -> Cluster:
        cluster = self.events[cid]
        facts = summary(cluster)
        members = sorted(cluster.members, key=lambda m: m.member)
        return Cluster(
            id=cid, kind="event", members=[m.member for m in members],
            independent_sources=self.sources.independent(m.article_id for m in members),
            status="corroborated" if self.sources.independent(m.article_id for m in members) > 1 else "single_source",
            label=str(facts["label"]), event_type=str(facts["event_type"]), date=facts["date"],  # type: ignore[arg-type]
            place=str(facts["place"]), admin1=str(facts["admin1"]), country=str(facts["country"]),
            fatalities=facts["fatalities"], actors=list(facts["actors"]),  # type: ignore[arg-type]
            latitude=facts["latitude"], longitude=facts["longitude"],  # type: ignore[arg-type]
            precision=str(facts["precision"]), date_granularity=str(facts["date_granularity"]),
            sub_event_type=str(facts["sub_event_type"]), confidence=facts["confidence"],  # type: ignore[arg-type]
            detail=[ClusterMember(m.member, m.evidence, source=", ".join(m.actor_names), figure=m.fatalities,  # type: ignore[arg-type]
                                  score=round(cluster.scores.get(m.member, 1.0), 3)) for m in members],
        )

    def claim_cluster(self, cid: str) -> Cluster:
        cluster = self.claims[cid]
        verdict, because, independent = status(cluster, self.sources)
        members = sorted(cluster.members, key=lambda m: m.member)
        roles = {"denied": "denies", "contested": "contests", "retracted": "retracts", "corroborated": "corroborates"}
        first = min(cluster.members, key=lambda m: (m.stance != "assert", m.member))
        sources: list[str] = []
        for m in members:
            if m.source_name and m.source_name not in sources:
                sources.append(m.source_name)
        return Cluster(
            id=cid, kind="claim", members=[m.member for m in members], independent_sources=independent,
            status=verdict,  # type: ignore[arg-type]
            label=first.content[:160], actors=sources, status_claims=because,
            detail=[ClusterMember(m.member, m.evidence, source=m.source_name, stance=m.stance,
                                  role=roles.get(verdict, "member") if m.member in because else "member",
                                  score=round(cluster.scores.get(m.member, 1.0), 3)) for m in members],
        )

    def clusters(self, kind: str | None = None) -> list[Cluster]:
        out = []
        if kind in (None, "event"):
            out += [self.event_cluster(c) for c in sorted(self.events, key=lambda c: self.events[c].seq)]
        if kind in (None, "claim"):
            out += [self.claim_cluster(c) for c in sorted(self.claims, key=lambda c: self.claims[c].seq)]
        return out

    def changed_clusters(self) -> tuple[list[Cluster], list[str]]:
        """(clusters changed since the last call, ids of clusters merged away) and forget the changes."""
        live = [self.event_cluster(c) for c in sorted(self.changed) if c in self.events]
        live += [self.claim_cluster(c) for c in sorted(self.changed) if c in self.claims]
        gone = sorted(c for c in self.changed if c not in self.events and c not in self.claims)
        self.changed.clear()
        return live, gone
