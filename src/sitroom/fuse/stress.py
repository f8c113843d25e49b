"""A stress corpus with known truth, made from real articles: for each original, a perturbed copy (typos and
synonyms), a reordered wire copy, a truncated wire copy and a rewrite (sentences reordered, words swapped for
another outlet's, a new lead), each sentence remembering which sentence of the original it came from. An event
read in any of them is the event its original sentence reports, so the truth of the event clusters is known
without reading them.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from sitroom.model import Article

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
# Words another outlet would use instead (the rewrite and the perturbed copy).
SYNONYMS = {
    "said": "stated", "attack": "assault", "attacks": "assaults", "killed": "left dead", "struck": "hit",
    "talks": "discussions", "meeting": "session", "discussed": "talked about", "support": "backing",
    "president": "leader", "conversation": "call", "weapons": "arms", "announced": "declared",
    "important": "significant", "help": "assistance", "also": "additionally", "country": "nation",
}
VARIANTS = ("perturbed", "reordered", "truncated", "rewritten")


@dataclass
class Piece:
    text: str
    origin: int  # sentence index in the original (-1: added text, no origin)


@dataclass
class StressDoc:
    article: Article
    original: str  # id of the original article
    variant: str  # original, or one of VARIANTS
    pieces: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, origin sentence)

    def origin_of(self, offset: int) -> int:
        for start, end, origin in self.pieces:
            if start <= offset < end:
                return origin
        return -1


def sentences(text: str) -> list[list[str]]:
    """Paragraphs of sentences."""
    return [SENTENCE_END.split(p.strip()) for p in text.split("\n\n") if p.strip()]


def _swap_words(sentence: str, rng: random.Random, share: float) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        other = SYNONYMS.get(word.lower())
        if other and rng.random() < share:
            return other.capitalize() if word[0].isupper() else other
        return word
    return re.sub(r"[A-Za-z]+", swap, sentence)


def _typos(sentence: str, rng: random.Random, share: float) -> str:
    words = sentence.split(" ")
    for i, word in enumerate(words):
        if len(word) > 5 and word.isalpha() and word.islower() and rng.random() < share:
            j = rng.randrange(1, len(word) - 1)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2:]
    return " ".join(words)


def _assemble(paragraphs: list[list[Piece]]) -> tuple[str, list[tuple[int, int, int]]]:
    out: list[str] = []
    spans: list[tuple[int, int, int]] = []
    at = 0
    for p, paragraph in enumerate(paragraphs):
        if p:
            out.append("\n\n")
            at += 2
        for s, piece in enumerate(paragraph):
            if s:
                out.append(" ")
                at += 1
            out.append(piece.text)
            spans.append((at, at + len(piece.text), piece.origin))
            at += len(piece.text)
    return "".join(out), spans


def _shift(published: str | None, days: int) -> str | None:
    if not published or len(published) < 10:
        return published
    day = dt.date.fromisoformat(published[:10]) + dt.timedelta(days=days)
    return day.isoformat() + published[10:]


def make_variants(original: Article, seed: int = 0) -> list[StressDoc]:
    """The original and its four variants, each a separate article of another outlet."""
    rng = random.Random(f"{seed}:{original.id}")
    numbered: list[list[Piece]] = []
    n = 0
    for paragraph in sentences(original.text):
        numbered.append([])
        for sentence in paragraph:
            numbered[-1].append(Piece(sentence, n))
            n += 1
    docs = []
    for variant in ("original", *VARIANTS):
        paragraphs = [list(p) for p in numbered]
        credits: list[str] = []
        days = 0
        if variant == "perturbed":
            paragraphs = [[Piece(_typos(_swap_words(s.text, rng, 0.3), rng, 0.04), s.origin) for s in p]
                          for p in paragraphs]
        elif variant == "reordered":
            head, rest = paragraphs[:1], paragraphs[1:]
            rng.shuffle(rest)
            paragraphs = head + rest
            paragraphs.append([Piece("With reporting by Reuters", -1)])
            credits = ["Reuters"]
        elif variant == "truncated":
            paragraphs = paragraphs[: max(1, (len(paragraphs) * 3) // 5)]
            paragraphs.append([Piece("With reporting by Reuters", -1)])
            credits = ["Reuters"]
        elif variant == "rewritten":
            kept = [[Piece(_swap_words(s.text, rng, 0.8), s.origin) for s in p if rng.random() < 0.8]
                    for p in paragraphs]
            kept = [p[::-1] for p in kept if p]
            rng.shuffle(kept)
            paragraphs = [[Piece("Here is what our correspondents learned.", -1)]] + kept
            days = 1
        text, spans = _assemble(paragraphs)
        aid = f"{original.id}~{variant}"
        article = Article(id=aid, text=text, title=original.title, outlet=f"{variant} desk",
                          url=f"https://stress.example/{aid}", published=_shift(original.published, days),
                          credits=credits, content_hash=aid)
        docs.append(StressDoc(article, original.id, variant, spans))
    return docs


def pick_originals(articles: list[Article], count: int, min_gap_days: int = 3, max_chars: int = 6000) -> list[Article]:
    """``count`` articles of moderate length, at least ``min_gap_days`` apart, so no two originals can report
    one event (the truth would not know); taken in order of publication, across the outlets in turn."""
    by_outlet: dict[str, list[Article]] = {}
    for a in sorted(articles, key=lambda a: (a.published or "", a.id)):
        if a.published and 1500 <= len(a.text) <= max_chars:
            by_outlet.setdefault(a.outlet, []).append(a)
    chosen: list[Article] = []
    days: list[int] = []
    queues = [list(v) for _, v in sorted(by_outlet.items())]
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue:
                a = queue.pop(0)
                day = dt.date.fromisoformat(a.published[:10]).toordinal()  # type: ignore[index]
                if all(abs(day - d) >= min_gap_days for d in days):
                    chosen.append(a)
                    days.append(day)
                    break
            if len(chosen) >= count:
                break
    return chosen
