"""A cluster while fusion builds it, the same for events and claims: its members in arrival order, how well
each joined, and the articles they come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar


class Mention(Protocol):
    member: str  # "<article id>/<record id>"
    article_id: str


M = TypeVar("M", bound=Mention)


@dataclass(slots=True)
class MentionCluster(Generic[M]):
    id: str
    seq: int  # creation order: the oldest of several matching clusters keeps its id
    members: list[M] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)

    def add(self, mention: M, score: float) -> None:
        self.members.append(mention)
        self.scores[mention.member] = score

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.members}
