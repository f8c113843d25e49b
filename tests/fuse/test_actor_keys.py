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


def test_suffixes_countries_in_front_and_initials_do_not_make_another_person() -> None:
    assert split_name("President Joseph R. Biden, Jr.") == ("President", ["Joseph", "R.", "Biden"])
    assert split_name("United States Joseph Biden") == ("United States", ["Joseph", "Biden"])
    assert split_name("the President of the United States") == ("President of the United States", [])
    assert role_key("the President of the United States") == "president of US"
    white_house = _record("w", "The White House", [
        Actor("A1", "President Joseph R. Biden, Jr.", "person"), Actor("A2", "the President of the United States",
                                                                      "organization"),
        Actor("A3", "R. Biden", "person"), Actor("A4", "President Biden", "person"),
        Actor("A5", "the President", "organization"), Actor("A6", "First Lady of the United States Jill Biden",
                                                            "person")])
    kyiv = _record("u", "President of Ukraine (president.gov.ua)", [
        Actor("A1", "United States Joseph Biden", "person"),
        Actor("A2", "President of Ukraine Volodymyr Zelenskyy", "organization"),  # a tagger's type
        Actor("A3", "Zelenskyy", "person"), Actor("A4", "the President", "organization")])
    registry = ActorRegistry()
    registry.observe([white_house, kyiv])
    biden = {registry.key(white_house, a) for a in white_house.actors[:5]} | {registry.key(kyiv, kyiv.actors[0])}
    assert len(biden) == 1
    assert registry.key(white_house, white_house.actors[5]) not in biden  # Jill Biden is not Joe Biden
    zelenskyy = {registry.key(kyiv, a) for a in kyiv.actors[1:]}
    assert len(zelenskyy) == 1 and not zelenskyy & biden
    assert registry.display(next(iter(zelenskyy))) == "Volodymyr Zelenskyy"


def test_the_given_name_is_the_one_before_the_surname_and_plural_titles_are_titles() -> None:
    kremlin = _record("k", "Kremlin (en.kremlin.ru)", [
        Actor("A1", "President of the French Republic Emmanuel Macron", "person"),
        Actor("A2", "Vladimir Putin", "person")])
    washington = _record("w", "The White House", [
        Actor("A1", "French President Emmanuel Macron", "person"), Actor("A2", "Presidents Putin", "person")])
    registry = ActorRegistry()
    registry.observe([kremlin, washington])
    assert registry.key(kremlin, kremlin.actors[0]) == registry.key(washington, washington.actors[0])
    assert registry.key(kremlin, kremlin.actors[1]) == registry.key(washington, washington.actors[1])


def test_a_person_is_shown_by_a_full_name() -> None:
    record = _record("w", "The White House", [Actor("A1", "the President", "organization")] * 3 + [
        Actor("A2", "President Joseph R. Biden, Jr.", "person")])
    registry = ActorRegistry()
    registry.observe([record])
    keys = {registry.key(record, a) for a in record.actors}
    assert len(keys) == 1 and registry.display(keys.pop()) == "Joseph R. Biden"


def test_an_organization_and_its_members_are_one_actor() -> None:
    """"G7 Leaders" (the White House), "the leaders of the G7" and "G7" are the G7; NATO's Secretary General is a
    person, not NATO; "WHO" is the organization and "who" nothing."""
    from sitroom.fuse.actors import organization_named

    assert organization_named("G7 Leaders") == organization_named("the leaders of the G7") == "G7"
    assert organization_named("G-7") == "G7" and organization_named("NATO allies") == "NATO"
    assert organization_named("NATO Secretary General Jens Stoltenberg") == ""
    assert organization_named("WHO") == "WHO" and organization_named("who") == ""
    record = Record(article=Article(id="a", text="x", outlet="The White House"),
                    actors=[Actor("A1", "G7 Leaders", "organization"), Actor("A2", "G7", "organization")])
    registry = ActorRegistry()
    registry.observe([record])
    assert registry.key(record, record.actors[0]) == registry.key(record, record.actors[1]) == "org:@G7"
