"""Actors across articles: name variants, transliterations and titles are one actor."""

from __future__ import annotations

from sitroom.fuse.actors import ActorRegistry, role_key, sources_by_actor, split_name
from sitroom.model import Actor, Article, Claim, Evidence, Record


def _record(aid: str, outlet: str, actors: list[Actor]) -> Record:
    ev = Evidence(aid, 0, 1)
    claims = [Claim(id=f"C{i}", source=a.id, source_mention=ev, cue=ev, content=ev) for i, a in enumerate(actors)]
    return Record(article=Article(id=aid, text="x", outlet=outlet), actors=actors, claims=claims)


def test_split_name_and_roles() -> None:
    assert split_name("President of Ukraine Volodymyr Zelenskyy") == ("President of Ukraine", ["Volodymyr", "Zelenskyy"])
    assert split_name("the President of Ukraine") == ("President of Ukraine", [])
    assert role_key("Ukrainian President") == role_key("President of Ukraine") == "president of UA"
    assert role_key("Head of State", "President of Ukraine (president.gov.ua)") == "president of UA"
    assert role_key("the Minister") == ""


def test_zelenskyy_is_one_source() -> None:
    records = [
        _record("a", "President of Ukraine (president.gov.ua)", [
            Actor("A1", "President of Ukraine Volodymyr Zelenskyy", "person"),
            Actor("A2", "President of Ukraine", "government"),
            Actor("A3", "Head of State", "organization"),
        ]),
        _record("b", "Reuters", [Actor("A1", "Volodymyr Zelenskiy", "person"), Actor("A2", "Zelensky", "person"),
                                 Actor("A3", "Vladimir Putin", "person", role="President of Russia")]),
        _record("c", "RFE/RL", [Actor("A1", "Ukrainian President Volodymyr Zelenskyy", "person"),
                                Actor("A2", "Government of Ukraine", "government", country="UA"),
                                Actor("A3", "Kyiv", "government", country="UA"),
                                Actor("A4", "I", "unnamed")]),
    ]
    ranked = dict(sources_by_actor(records))
    assert ranked["Volodymyr Zelenskyy"] == 6
    assert ranked["Government of Ukraine"] == 2
    assert ranked["Vladimir Putin"] == 1
    assert "I" not in ranked


def test_a_role_resolves_to_its_holder() -> None:
    registry = ActorRegistry()
    recs = [_record("a", "Kremlin (en.kremlin.ru)", [Actor("A1", "Vladimir Putin", "person", role="President of Russia"),
                                                     Actor("A2", "the President", "organization")])]
    registry.observe(recs)
    assert registry.key(recs[0], recs[0].actors[1]) == registry.key(recs[0], recs[0].actors[0])
