"""Readouts of calls and meetings as PLOVER CONSULT events, with both leaders as their actors.

The PLOVER lexicon leaves "speak" and "talk" out (they are report verbs: "he spoke about the war") and has no
"conversation" or "call" (alone they name no act: "a call for a ceasefire"). With a named counterpart they report
exactly what an official readout is for: "President Biden spoke today with President Zelenskyy of Ukraine", "The
President held a telephone conversation with ...", "Another phone call took place between A and B". A readout
trigger carries ``Sense.needs == COUNTERPART``, so the events component keeps it where it would drop a report
verb, a claim's cue or a bare noun.

The parties: the counterpart of a consultation noun is its "with" phrase (on the noun or on its light verb) or
the second of its "between" phrases; of a verb, its "with" phrase, or the subject's conjunct ("Zelenska and Jill
Biden met"). "I" is the speaker the claims component found for the first person there (a statement's author, a
transcript turn's speaker, a quotation's source), so "I just spoke with President Zelenskyy" in a statement by the
President has him as its first actor.

Kept apart from the lexicon and the component (its own data file, data/events/readouts.tsv) so it can change on
its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from sitroom import lexicons
from sitroom.extract.event_lexicon import DATA_FOLDER, NAME_ENTITIES, Sense, Trigger
from sitroom.model import Actor, Claim

READOUTS = "readouts.tsv"
# Sense.needs of a readout trigger: it is an event only with its counterpart, and then even where a report verb,
# a claim's cue or a bare noun would not be one.
COUNTERPART = "counterpart"
# Named entities that can be a party to talks (a person, a government or organization, a country).
PARTY_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# First-person words that stand for the speaker (the singular only: "we" is a side, not a person).
FIRST_PERSON = frozenset({"i", "me"})
# A counterpart corrected after a dash ("with President – Russian President Putin"): the dashes, and how many words
# after one the name may begin.
DASHES = frozenset({"–", "—", "-", "--"})
CORRECTION_WORDS = 4


@dataclass(frozen=True)
class ReadoutLexicon:
    verbs: frozenset[str]
    nouns: frozenset[str]
    phone: frozenset[str]
    counterparts: frozenset[str]
    quantifiers: frozenset[str]


@lru_cache(maxsize=4)
def load_readouts(data_dir: str = "") -> ReadoutLexicon:
    """data/events/readouts.tsv (data_dir: a folder whose files replace the packaged ones by base name)."""
    roles: dict[str, set[str]] = {}
    rows = lexicons.read_rows(f"{DATA_FOLDER}/{READOUTS}", data_dir or None)
    for word, role in (row[:2] for row in rows[1:] if len(row) >= 2):  # the first row is the header
        roles.setdefault(role, set()).add(word.lower())
    return ReadoutLexicon(*(frozenset(roles.get(r, ())) for r in ("verb", "noun", "phone", "counterpart", "quantifier")))


def with_readouts(found: list[Trigger], sent: Span, lex: ReadoutLexicon) -> list[Trigger]:
    """The sentence's triggers plus a CONSULT trigger on every readout verb or noun with a counterpart that no
    trigger holds yet, in sentence order."""
    taken = {i for t in found for i in range(t.start, t.end)}
    added = []
    for token in sent:
        if token.i in taken or token.ent_type_ in NAME_ENTITIES:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lex.verbs:
            if many_times(token, lex):
                continue
            named = verb_counterparts(token, lex)
        elif token.pos_ == "NOUN" and lemma in lex.nouns:
            if not_one_act(token, lex):
                continue
            named = noun_counterparts(token, token_governor(token))
        else:
            continue
        if not any(is_party(t, lex) for t in named):
            continue
        mode = "phone" if is_call(token, lex) else "meet"
        added.append(Trigger(token.i, token.i + 1, token.i, Sense("CONSULT", mode=mode, needs=COUNTERPART)))
    return sorted(found + added, key=lambda t: t.start) if added else found


def is_readout(trigger: Trigger | None) -> bool:
    return trigger is not None and trigger.sense.needs == COUNTERPART


def token_governor(noun: Token) -> Token:
    """The verb a consultation noun is the object or subject of ("held talks", "a call took place"), else itself."""
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and noun.head.i != noun.i:
        return noun.head
    return noun


def verb_counterparts(verb: Token, lex: ReadoutLexicon) -> list[Token]:
    """ "spoke with X (and Y)"; "spoke to X" only where X is a person named ("spoke to reporters" is no talk)."""
    named = _pobjs(verb, "with")
    named += [t for t in _pobjs(verb, "to") if t.ent_type_ == "PERSON"]
    return named


def noun_counterparts(noun: Token, governor: Token) -> list[Token]:
    """ "a conversation with X" (the phrase on the noun or on its verb); "talks between X and Y": X and Y."""
    named = _pobjs(noun, "with") or (_pobjs(governor, "with") if governor is not noun else [])
    between = _pobjs(noun, "between") or (_pobjs(governor, "between") if governor is not noun else [])
    return named or between


def not_one_act(noun: Token, lex: ReadoutLexicon) -> bool:
    """A consultation noun that reports no talks held: one asked or prepared for ("preconditions for a
    conversation", "ready for talks"), or many told as one ("a range of conversations", "many calls")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "for":
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lex.quantifiers:
        return True
    return any(c.dep_ == "amod" and c.lemma_.lower() in lex.quantifiers for c in noun.children)


def many_times(verb: Token, lex: ReadoutLexicon) -> bool:
    """A consultation verb that tells many talks as one: "has spoken multiple times with", "talked several times",
    "spoke repeatedly", "speak regularly" (the quantifier role of readouts.tsv, or its adverb)."""
    for child in verb.children:
        if child.dep_ in ("npadvmod", "advmod", "dobj") and child.lemma_.lower() == "time" and child.tag_ == "NNS":
            if any(c.lemma_.lower() in lex.quantifiers or c.like_num for c in child.children
                   if c.dep_ in ("amod", "nummod", "det")):
                return True
        if child.dep_ == "advmod" and child.lower_.endswith("ly") and child.lower_[:-2] in lex.quantifiers:
            return True
    return False


def consult_parties(head: Token, anchor: Token, agent: Token | None) -> tuple[Token | None, list[Token]]:
    """(first party, the counterparts in order) of a CONSULT trigger: a noun's "with"/"between" phrases, a verb's
    "with" phrase, else the agent's conjuncts ("A and B met"). "between A and B" makes A the first party where
    the clause names none."""
    if head.pos_ in ("NOUN", "PROPN"):
        named = noun_counterparts(head, anchor)
        own = agent is None or agent.i == head.i  # "a call took place between": the call is no party
        if named and own and named[0].head.lower_ == "between":
            return named[0], named[1:]
    else:
        # "discussed the situation with Macron, Scholz and Biden": the parser may hang the "with" phrase on the
        # verb's object
        named = _pobjs(head, "with") or [t for c in head.children if c.dep_ == "dobj" for t in _pobjs(c, "with")]
    if not named and agent is not None:
        named = _conjuncts(agent)
    if agent is None and named and head.pos_ in ("NOUN", "PROPN"):
        agent = clause_subject(head)  # "In a recent phone call with Putin, Xi said ...": Xi
        if agent is not None and agent in named:
            # "... with President – Russian President Putin, Chinese President Xi Jinping said": the parser took the
            # corrected counterpart for the subject and the subject for its apposition; no one talks with himself
            agent = next((c for c in agent.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    return agent, named


def clause_subject(noun: Token) -> Token | None:
    """The subject of the clause a prepositional phrase holding the noun modifies ("during a call with X, the
    President stressed ..."), else None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def is_party(token: Token, lex: ReadoutLexicon) -> bool:
    """A phrase head that names someone to talk with: a named person, government, organization or country, or a
    word for one ("leaders", "his counterpart", "the President")."""
    return token.ent_type_ in PARTY_ENTITIES or token.lemma_.lower() in lex.counterparts or any(
        c.ent_type_ in ("PERSON", "ORG") for c in token.children if c.dep_ in ("compound", "appos"))


def is_call(token: Token, lex: ReadoutLexicon) -> bool:
    """A call rather than a meeting: the trigger or a modifier says so ("telephone conversation", "video call"),
    or its verb is done by phone ("spoke by phone", "on the phone")."""
    words = [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "nmod"))]
    verb = token_governor(token)
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "on", "over", "via"):
            words.extend(c for c in prep.children if c.dep_ == "pobj")
    return any(w.lemma_.lower() in lex.phone or w.lower_ in lex.phone for w in words if w is not token) or \
        token.lemma_.lower() in lex.phone


def first_person_speaker(token: Token, claims: Iterable[Claim], actors: Iterable[Actor]) -> Actor | None:
    """Whom "I" stands for, as the claims component read the article: the source of a quotation holding it ("'I
    spoke with Biden,' Zelenskyy said"), else of the first-person claim nearest before it (the speaker of that
    transcript turn or of the whole statement), else of the nearest after it."""
    if token.lower_ not in FIRST_PERSON:
        return None
    by_id = {a.id: a for a in actors}
    at = token.idx
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for claim in claims:
        if claim.source is None or claim.source not in by_id:
            continue
        mention = claim.source_mention
        first = mention is not None and mention.text.lower() in FIRST_PERSON | {"we", "us"}
        if not first and claim.content is not None and claim.content.start <= at < claim.content.end:
            if claim.kind in ("direct", "mixed"):
                return by_id[claim.source]
        if not first or mention is None:
            continue
        if mention.start <= at and (before is None or mention.start > before[0]):
            before = (mention.start, claim.source)
        elif mention.start > at and (after is None or mention.start < after[0]):
            after = (mention.start, claim.source)
    chosen = before or after
    return by_id[chosen[1]] if chosen else None


def _pobjs(token: Token, preposition: str) -> list[Token]:
    """The objects of the token's preposition, with their conjuncts ("with Macron, Scholz and Draghi"); a bare
    title the speaker corrected after a dash is the name that follows (corrected_name)."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == preposition:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.append(corrected_name(pobj))
                    out.extend(_conjuncts(pobj))
    return out


def corrected_name(token: Token) -> Token:
    """A transcript's self-correction: "a call with President – Russian President Putin" is a call with Putin. A
    capitalized word that names no one (no entity in its phrase), then a spaced dash, then a person's name within
    the same clause: that name's head; else the token itself."""
    doc = token.doc
    if token.ent_type_ or not token.text[:1].isupper() or any(t.ent_type_ for t in token.subtree) \
            or token.i + 2 >= len(doc):
        return token
    dash = doc[token.i + 1]
    if dash.text not in DASHES or not token.whitespace_ or not dash.whitespace_:
        return token
    for follower in doc[dash.i + 1:min(len(doc), dash.i + 1 + CORRECTION_WORDS)]:
        if follower.is_punct:
            break
        if follower.ent_type_ == "PERSON":
            name = next((e for e in doc.ents if e.start <= follower.i < e.end), None)
            return name.root if name is not None else follower
    return token


def _conjuncts(token: Token) -> list[Token]:
    out: list[Token] = []
    todo = [c for c in token.children if c.dep_ == "conj"]
    while todo:
        conj = todo.pop(0)
        out.append(conj)
        todo.extend(c for c in conj.children if c.dep_ == "conj")
    return out
