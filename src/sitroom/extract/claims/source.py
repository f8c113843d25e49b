"""Who said it: a cue's subject or by-agent (inherited through coordination), a noun cue's owner, the source as
written, and the actor it names."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitroom.extract.actors import name_key, noun_phrase, strip_article
from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.spans import SUBJECT_DEPS, chars, subtree_range, trim
from sitroom.model import Actor

# Verbs whose subject is the source of the stated thing they take as object ("issued a warning", "voiced support").
VOICING_VERBS = frozenset({"make", "issue", "express", "voice", "offer", "give", "raise", "lodge", "file", "deliver",
                           "announce", "publish", "release", "send", "post"})

# Nouns that name a document or its findings, whose issuer is the source where the phrase names it.
DOCUMENT_NOUNS = frozenset({"report", "statement", "study", "survey", "poll", "assessment", "analysis", "document",
                            "letter", "communique", "communiqué", "results", "result", "findings", "data", "words", "word",
                            "update", "bulletin", "briefing", "review", "paper", "note", "post", "release"})
# Prepositions whose phrase after a source's common noun says who it is (naming_span), and the most words it takes.
NAMING_PREPS = frozenset({"of", "from", "to", "at", "in", "for", "with"})
NAMING_WORDS = 12


def cue_source(ctx: DocContext, verb: Token, passive: bool) -> Span | None:
    """The cue's subject (or by-agent when passive), inherited from the verb it is coordinated with."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            break
        for child in current.children:
            if not passive and child.dep_ in SUBJECT_DEPS:
                if child.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
                    return source_span(current.head)  # "officials, who said ..."
                return source_span(child)
            if passive and child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return source_span(pobj)
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
            current = current.head
            passive = False
        elif current.dep_ == "pcomp" and current.head.head is not current.head:
            current = current.head.head  # "... by asking her", "after announcing that"
            passive = False
        elif current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") \
                and current.tag_ == "VBG":
            return source_span(current.head)  # "one saying that ..."
        else:
            break
    return None if passive else adjacent_subject(ctx, verb)


def adjacent_subject(ctx: DocContext, verb: Token) -> Span | None:
    """The name or pronoun right before the cue when the parse gave it another role ("... of the Post Trump
    said that ..."): English puts the speaker there."""
    i = verb.i - 1
    while i >= ctx.sent(verb).start and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < ctx.sent(verb).start:
        return None
    token = verb.doc[i]
    if token.pos_ in ("PROPN", "PRON") and token.dep_ not in ("poss",) and token.tag_ not in ("WP", "WDT", "EX"):
        return source_span(token) if token.pos_ == "PRON" else verb.doc[
            min(t.i for t in token.subtree if t.pos_ == "PROPN" or t.i == token.i):token.i + 1]
    return None


def source_span(head: Token) -> Span:
    if head.pos_ == "PRON":
        return head.doc[head.i:head.i + 1]
    return noun_phrase(head)


def noun_owner(noun: Token, content: tuple[int, int]) -> Span | None:
    """Whose the stated thing is: a possessor, a 'from'/'by' object, a name or nationality before the noun, or
    the subject of the verb that voiced it ('Kyiv issued a warning')."""
    outside = [c for c in noun.children if not content[0] <= c.i <= content[1]]
    for child in outside:
        if child.dep_ == "poss":
            return source_span(child)
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return source_span(pobj)
    for child in outside:
        if child.dep_ in ("compound", "amod") and child.i < noun.i and child.ent_type_ in (
                "PERSON", "ORG", "NORP", "GPE"):
            return noun.doc[child.i:child.i + 1]
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in VOICING_VERBS:
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return source_span(subject)
    return None


def source_actor(ctx: DocContext, draft: Draft, span: Span) -> Actor | None:
    """The actor a draft's source names, noted as a speaker (a later pronoun prefers it). A pronoun's antecedent
    is never named inside the words it says. A signature names a person whatever NER read ('Oleksandr' tagged a
    place), unless it reads as an organization ('The Associated Press', 'The Daily Beast')."""
    if not draft.signed or any(t.ent_type_ == "ORG" for t in span) or span[0].lower_ == "the" \
            or ctx.index.group_kind(span.root) is not None:
        actor = ctx.index.resolve(document_issuer(span) or span, skip=(draft.content,))
        naming = naming_span(draft, span)
        if actor is not None and (actor.kind != "person" or actor.role == actor.name) and len(naming) > len(span) \
                and actor.name.lower() == strip_article(span.text).lower():
            # the group (or the person a title alone names) as this claim names it, apart from others under the
            # same noun ("officials from ...", "the head of Britain's foreign intelligence service")
            named = strip_article(naming.text)
            actor = ctx.index.add(named, actor.kind, naming, country=actor.country,
                                  role=named if actor.kind == "person" else "",
                                  key=f"unnamed:{name_key(named)}" if actor.kind == "person" else None)
    else:
        actor = ctx.index.resolve(span, create=False) or ctx.index.add(span.text, "person", span)
    if actor is not None:
        ctx.index.speakers[actor.id] = max(draft.cue[0], ctx.index.speakers.get(actor.id, -1))
    return actor


def document_issuer(span: Span) -> Span | None:
    """Who issued the document a source names, where the phrase says it ("a report published by the World Food
    Programme", "Other KIIS results", "his words", "the ministry's statement"): GUIDELINES.md's "the report" ->
    its issuer. None when the phrase names no issuer (the report itself is then the source)."""
    head = span.root
    if head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for child in head.children:
        if child.dep_ == "poss":
            return source_span(child)
        if child.dep_ == "compound" and child.i < head.i and (child.pos_ == "PROPN" or child.ent_type_ in (
                "ORG", "GPE", "NORP", "PERSON")):
            return noun_phrase(child)
    for child in head.rights:
        verb = child if child.dep_ == "acl" and child.tag_ == "VBN" else None
        preps = [c for c in (verb.children if verb is not None else [child]) if c.dep_ in ("agent", "prep")
                 and c.lower_ in ("by", "from")]
        for prep in preps:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return source_span(pobj)
    return None


def naming_span(draft: Draft, span: Span) -> Span:
    """An unnamed source with the prepositional phrases that say who it is ("officials from the Russian-backed
    administration", "the foreign ministers of Germany and France", "Germany's ambassador to the U.S."): a news
    coder names such a source as written, and ``noun_phrase`` cuts them off (a long or coordinated phrase)."""
    head, doc = span.root, span.doc
    if head.pos_ != "NOUN" or head.ent_type_:
        return span
    end = span.end
    for child in head.rights:
        if child.i < end:
            continue
        if child.i != end or child.dep_ != "prep" or child.lower_ not in NAMING_PREPS:
            break
        last = max(t.i for t in child.subtree)
        if last - span.start >= NAMING_WORDS or any(t.dep_ in ("relcl", "acl") or t.text in (",", "(")
                                                     for t in child.subtree):
            break
        stop = doc[last].idx + len(doc[last].text)
        if any(doc[end].idx < other[1] and other[0] < stop for other in (draft.cue, draft.content)):
            break
        end = last + 1
    return doc[span.start:end]


def source_mention(ctx: DocContext, draft: Draft) -> tuple[int, int]:
    """The source as written: the whole noun phrase ("Rep. Jim Clyburn (D-S.C.), the assistant leader of the
    Democratic caucus"), as PolNeAR marks it, where it stays clear of the cue and the content."""
    doc = ctx.doc
    assert draft.source is not None
    if draft.mention is not None:
        return draft.mention  # "officials, who said ...": the relative pronoun, standing for them in the clause
    if not draft.whole_source or draft.source_token is None:
        return draft.source
    trimmed = trim(doc, *subtree_range(doc[draft.source_token]))
    if trimmed is None:
        return draft.source
    start, end = chars(doc, *trimmed)
    for other in (draft.cue, draft.content):
        if start < other[1] and other[0] < end:
            return draft.source
    return (min(start, draft.source[0]), max(end, draft.source[1]))
