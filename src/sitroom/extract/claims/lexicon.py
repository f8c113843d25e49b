"""The claims lexicon: cue words with their stances, hedges, verification phrases, channels and claim nouns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.lexicons import read_rows
from sitroom.model import Stance

DATA_FOLDER = "claims"


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: Stance
    negated: str  # stance when negated ("no_comment"), or "-": a denial, or no claim (negated_cues off)


@dataclass(frozen=True)
class ClaimLexicon:
    cues: dict[str, Cue]
    hedges: frozenset[str]
    verification: tuple[tuple[str, re.Pattern[str]], ...]
    channels: frozenset[str]
    claim_nouns: dict[str, tuple[str, ...]]  # noun lemma -> cue lemmas it names, in order of preference
    object_cues: frozenset[str]  # cue lemmas whose direct object is what was said
    addressee_cues: frozenset[str]  # cue lemmas whose direct object is the listener ("told reporters")
    not_speakers: frozenset[str]  # line labels that name no speaker ("UPDATE:")
    light_nouns: frozenset[str]  # objects that leave the content to a preposition ("took a shot at")
    unreported_cues: frozenset[str] = frozenset()  # states of mind, intentions, acts: no claim (claims.scheme)


def data_name(file: str) -> str:
    """The name ``sitroom.lexicons`` reads a claims data file by ("cues.tsv" -> "claims/cues.tsv")."""
    return f"{DATA_FOLDER}/{file}"


@lru_cache(maxsize=8)
def load_claim_lexicon(data_dir: str = "") -> ClaimLexicon:
    """The packaged lexicon, or with the files of ``data_dir`` in place of the packaged ones of the same name."""

    def rows(file: str) -> list[list[str]]:
        return read_rows(data_name(file), data_dir)

    cues = {row[0]: Cue(row[0], row[1], row[2]) for row in rows("cues.tsv")}  # type: ignore[arg-type]
    hedges = frozenset(row[0] for row in rows("hedges.txt"))
    verification = tuple((row[0], re.compile(row[1], re.IGNORECASE)) for row in rows("verification.tsv"))
    channels = frozenset(row[0] for row in rows("channels.tsv"))
    nouns = {row[0]: tuple(row[1].split("|")) for row in rows("claim_nouns.tsv")}
    objects = frozenset(row[0] for row in rows("object_cues.txt"))
    addressees = frozenset(row[0] for row in rows("addressee_cues.txt"))
    not_speakers = frozenset(row[0] for row in rows("not_speakers.txt"))
    light = frozenset(row[0] for row in rows("light_nouns.txt"))
    unreported = frozenset(row[0] for row in rows("unreported_cues.txt"))
    return ClaimLexicon(cues, hedges, verification, channels, nouns, objects, addressees, not_speakers, light,
                        unreported)
