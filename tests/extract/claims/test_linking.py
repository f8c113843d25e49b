"""The parse-free linking rules over Claims: which claim a claim noun names, where verification phrases are, and
which claim a phrase qualifies; importable without spaCy."""

from __future__ import annotations

import re
import subprocess
import sys

from sitroom.extract.claims import linking
from sitroom.model import Claim, Evidence


def _claim(id: str, cue: int, source: str | None, lemma: str = "say", stance: str = "assert",
           content: tuple[int, int] | None = None, mention: tuple[int, int] | None = None) -> Claim:
    start, end = content or (cue + 5, cue + 20)
    return Claim(id=id, source=source, source_mention=Evidence("a", *mention) if mention else None,
                 cue=Evidence("a", cue, cue + 4), content=Evidence("a", start, end), cue_lemma=lemma,
                 stance=stance)  # type: ignore[arg-type]


def test_linking_imports_no_spacy() -> None:
    code = "import sys, sitroom.extract.claims.linking; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_response_answers_someone_else_and_an_assertion_its_own_source() -> None:
    assert linking.response_sources(_claim("C2", 50, "A2", stance="deny")) == ("A2", None)
    assert linking.response_sources(_claim("C2", 50, "A2")) == (None, "A2")


def test_referent_prefers_the_owner_then_the_named_cue_then_the_latest() -> None:
    claims = [_claim("C1", 0, "A1", "report"), _claim("C2", 30, "A2", "say"), _claim("C3", 60, "A3", "say")]
    assert linking.referent(claims, 100, ("report", "say"), frozenset()) == "C1"
    assert linking.referent(claims, 100, (linking.ANY_CUE,), frozenset()) == "C3"
    assert linking.referent(claims, 100, (linking.ANY_CUE,), frozenset(), owner="A2") == "C2"
    assert linking.referent(claims, 100, (linking.ANY_CUE,), frozenset({"C3"})) == "C2"
    assert linking.referent(claims, 100, (linking.ANY_CUE,), frozenset(), exclude_source="A3") == "C2"
    assert linking.referent(claims, 20, ("say",), frozenset(), exclude="C1") is None


def test_verification_phrases_drop_overlaps_in_pattern_order() -> None:
    patterns = [("unverified", re.compile("could not be independently verified")),
                ("no_evidence", re.compile("independently verified|no evidence"))]
    text = "The report could not be independently verified; there was no evidence."
    assert linking.verification_phrases(text, patterns) == [("unverified", 11, 46), ("no_evidence", 58, 69)]


def test_a_phrase_qualifies_the_claim_around_it_its_source_or_the_nearest() -> None:
    claims = [_claim("C1", 0, "A1", content=(5, 40), mention=(41, 50)), _claim("C2", 60, "A2"),
              _claim("C3", 120, "A1")]
    assert linking.claim_containing(claims, 10).id == "C1"
    assert linking.claim_sourced_at(claims, 45).id == "C1"
    assert linking.latest_claim_of(claims, "A1", 200).id == "C3"
    assert linking.latest_claim_of(claims, "A1", 100).id == "C1"
    assert linking.nearest_claim(claims, 50, 130, 110).id == "C3"
    assert linking.nearest_claim(claims, 200, 300, 250).id == "C3"
    assert linking.nearest_claim(claims, 0, 0, 0) is None
