"""Claim matching by concepts (fuse/claims.py, data/fuse/claim_concepts.tsv): the seed's Zelenskiy claim and
ISW's report of North Korean troops are one proposition (country, personnel, movement), corroborated by a
rewritten copy from another outlet; the South Korean shells-and-missiles claim stays apart and is denied by the
Kremlin; claims that share a country and nothing else stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.fuse.claims import claim_concepts
from sitroom.fuse.ledger import Fusion
from sitroom.model import Actor, Article, Claim, Evidence, Record

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "article.txt"


def _ev(aid: str, text: str) -> Evidence:
    return Evidence(aid, 0, len(text), text=text)


def _claim(aid: str, cid: str, source: str, content: str, stance: str = "assert", target: str | None = None):
    return Claim(id=cid, source=source, source_mention=_ev(aid, "x"), cue=_ev(aid, "said"), content=_ev(aid, content),
                 stance=stance, target_claim=target)


def _record(aid: str, outlet: str, claims: list[tuple[str, str, str]], zelenskiy: str) -> Record:
    """One article's claims: (source actor, content, stance) with a Kremlin denial answering the shells claim."""
    actors = [Actor("A1", zelenskiy, "person"), Actor("A2", "Institute for the Study of War", "organization"),
              Actor("A3", "South Korean intelligence service", "organization", country="KR"),
              Actor("A4", "Government of Russia", "government", country="RU")]
    built = [_claim(aid, f"C{i}", source, content) for i, (source, content) in enumerate(claims, 1)]
    built.append(_claim(aid, "C9", "A4", "those claims", stance="deny", target="C3"))
    article = Article(id=aid, text=f"{aid} " + " ".join(c for _, c in claims), outlet=outlet,
                      published="2024-10-14")
    return Record(article=article, actors=actors, claims=built)


SEED_CLAIMS = [
    ("A1", ("that North Korea has sent soldiers and weapons to Russia to support Moscow's war in Ukraine in a sign"
            " of the increasing alliance between the Kremlin and Pyongyang")),
    ("A2", ("that several thousand North Korean troops had arrived in Russia and were being prepared for deployment"
            " in Ukraine")),
    ("A3", "that Pyongyang supplies artillery shells and short-range missiles to Moscow"),
]
REWRITE = [
    ("A1", "Pyongyang has dispatched troops and arms to Russia for its war against Ukraine"),
    ("A2", "thousands of North Korean soldiers had been deployed to Russia ahead of fighting in Ukraine"),
    ("A3", "North Korea supplies artillery shells and short-range missiles to Moscow"),
]


def _cluster_of(fusion: Fusion, member: str):
    return fusion.claim_cluster(fusion.claim_of[member])


def test_concepts_read_countries_and_classes_and_drop_figures() -> None:
    assert claim_concepts("several thousand North Korean troops had arrived in Russia") == (
        "@KP", "@RU", "~move", "~personnel")
    assert set(claim_concepts("Pyongyang sent soldiers to the Kremlin")) == {"@KP", "@RU", "~move", "~personnel"}
    assert "~give" in claim_concepts("supplies shells") and "~move" not in claim_concepts("supplies shells")


def test_zelenskiy_and_isw_are_one_claim_corroborated_across_outlets_and_the_shells_claim_is_denied() -> None:
    fusion = Fusion()
    fusion.add([_record("seed", "RFE/RL", SEED_CLAIMS, "Volodymyr Zelenskiy"),
                _record("other", "Kyiv Post", REWRITE, "Volodymyr Zelensky")])
    troops = _cluster_of(fusion, "seed/C1")
    assert {"seed/C1", "seed/C2", "other/C1", "other/C2"} <= set(troops.members)
    assert troops.status == "corroborated" and troops.independent_sources >= 2
    shells = _cluster_of(fusion, "seed/C3")
    assert "seed/C1" not in shells.members and "other/C3" in shells.members
    assert shells.status == "denied" and set(shells.status_claims) == {"seed/C9", "other/C9"}


def test_a_shared_country_alone_makes_no_proposition() -> None:
    fusion = Fusion()
    fusion.add([_record("a", "RFE/RL", [("A1", "that North Korea has sent soldiers to Russia"),
                                        ("A2", "that North Korea held elections for its parliament in March")],
                        "Volodymyr Zelenskiy")])
    assert fusion.claim_of["a/C1"] != fusion.claim_of["a/C2"]


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not at {SEED}")
def test_the_seed_through_the_pipeline_fuses_zelenskiy_with_isw_and_not_with_the_shells(nlp_base) -> None:
    """The real extractor's claims of the seed: Zelenskiy's and ISW's in one corroborated cluster; South Korea's
    shells and missiles in another, denied by the Kremlin."""
    text = SEED.read_text(encoding="utf-8")
    from sitroom.config import Config
    from sitroom.nlp import annotate

    article = Article(id="seed", text=text, outlet="RFE/RL", published="2024-10-14")
    record = next(r for r in annotate(nlp_base, [article], Config().nlp) if isinstance(r, Record))
    fusion = Fusion()
    fusion.add([record])
    by_text = {c.content.text: f"seed/{c.id}" for c in record.claims}
    zelenskiy = next(m for t, m in by_text.items() if "sent soldiers and weapons" in t)
    isw = next(m for t, m in by_text.items() if "several thousand North Korean troops" in t)
    shells = next(m for t, m in by_text.items() if "artillery shells" in t)
    assert fusion.claim_of[zelenskiy] == fusion.claim_of[isw]
    assert _cluster_of(fusion, zelenskiy).status == "corroborated"
    assert fusion.claim_of[shells] != fusion.claim_of[zelenskiy]
    assert _cluster_of(fusion, shells).status == "denied"
