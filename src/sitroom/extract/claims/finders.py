"""The cue finders: each reads one token and, where it is the cue of a claim of its kind, returns the claim's draft.

``FINDERS`` names them; the component offers every token to the finders its ``finders`` option names, in that
order, and keeps the first draft (the order resolves a token that two rules would read, e.g. a hedge's verb).
A finder takes the Doc's context and the token and keeps nothing between calls.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from sitroom.extract.actors import noun_phrase
from sitroom.extract.claims.content import cue_channel, cue_content
from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.cue_extent import cue_extent
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.lexicon import Cue
from sitroom.extract.claims.source import cue_source, noun_owner, source_span
from sitroom.extract.claims.spans import SUBJECT_DEPS, chars, subtree_range, trim
from sitroom.model import Stance
from sitroom.text.quotes import OPEN_QUOTES, STRAIGHT_QUOTES

# Prepositions after a noun cue that introduce what it is about ("criticism of", "call for", "questions about").
NOUN_PREPS = frozenset({"about", "on", "for", "of", "to", "over", "against", "with", "that"})
# The most words a speaker's name takes ('President of Russia Vladimir Putin').
SPEAKER_WORDS = 8

Finder = Callable[[DocContext, Token], Draft | None]


def verb_cue(ctx: DocContext, token: Token) -> Draft | None:
    doc = ctx.doc
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
        return None
    cue = ctx.lexicon.cues.get(token.lemma_.lower())
    probability = 1.0
    if ctx.cue_model is not None and token.pos_ == "VERB" and (cue is None or ctx.options.lexicon_floor > 0):
        in_quote = ctx.in_quote(token.idx, token.idx + len(token.text)) is not None
        probability = ctx.cue_model.probability(token, in_quote)
        if cue is None and probability >= ctx.options.cue_threshold:
            cue = Cue(token.lemma_.lower(), "assert", "-")
        elif cue is not None and probability < ctx.options.lexicon_floor and cue.stance == "assert":
            return None
    if cue is None and ctx.options.clause_verbs_as_cues and token.pos_ == "VERB" and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if")
                                      for m in c.children)
            for c in token.children):
        cue = Cue(token.lemma_.lower(), "assert", "-")
    if cue is None:
        return None
    if token.dep_ == "advcl" and token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                            for c in token.children):
        return None  # "... visited Berlin to discuss aid": a purpose, not something said
    if ctx.options.skip_quoted_cues and ctx.in_quote(token.idx, token.idx + len(token.text)) is not None:
        return None  # a cue inside a quotation belongs to what the quoted speaker said
    negated = any(c.dep_ == "neg" for c in token.children)
    stance: Stance = cue.stance
    if negated:
        if cue.negated == "-" and not ctx.options.negated_cues:
            return None
        stance = "deny" if cue.negated == "-" else cue.negated  # type: ignore[assignment]
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    source = cue_source(ctx, token, passive)
    content, extra_cue = cue_content(ctx, token, cue, passive, negated)
    if content is None:
        return None
    if source is None and not passive and probability < ctx.options.cue_threshold:
        return None
    cue_first, cue_last = verb_extent(ctx, token, extra_cue, content)
    channel = cue_channel(ctx, token)
    relative = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT")), None)
    return Draft(
        cue=chars(doc, cue_first, cue_last), cue_token=token.i, cue_lemma=cue.lemma,
        content=chars(doc, *content),
        source=(source.start_char, source.end_char) if source is not None else None,
        source_token=source.root.i if source is not None else None,
        kind="indirect", stance=stance, channel=channel, whole_source=True,
        mention=chars(doc, relative.i, relative.i) if relative is not None and source is not None else None,
    )


def verb_extent(ctx: DocContext, verb: Token, extra: list[int], content: tuple[int, int] | None) -> tuple[int, int]:
    """The cue's words as PolNeAR marks them, counted on its train split (claims.cue_extent): "has
    also said", "pointed out", "called for", "continues to insist", but "said" before "Friday"."""
    first, last = cue_extent(verb, content, ctx.extent_table, ctx.sent(verb).start)
    return first, max([last] + extra)


def according_to(ctx: DocContext, token: Token) -> Draft | None:
    """'According to X, <clause>': X is the source, the rest of the clause the content."""
    doc = ctx.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is None:  # the tagger read a noun compound as a verb phrase: 'according to show(VB) insiders'
        pobj = next((c for c in to.children if c.dep_ == "pcomp" and c.tag_ in ("VB", "VBP")), None)
    if pobj is None:
        return None
    source = noun_phrase(pobj)
    head = token.head
    phrase = set(range(token.i, max(t.i for t in token.subtree) + 1))
    phrase |= {t.i for t in pobj.subtree}
    if head is token or head.i in phrase:
        return None
    first, last = subtree_range(head, exclude=phrase)
    if first < min(phrase) <= last and all(t.is_punct for t in doc[max(phrase) + 1:last + 1]):
        last = min(phrase) - 1  # '..., according to the ministry.': the content stops before the cue
    trimmed = trim(doc, first, last)
    if trimmed is None:
        return None
    return Draft(cue=chars(doc, token.i, to.i), cue_token=token.i, cue_lemma="according to",
                 content=chars(doc, *trimmed), source=(source.start_char, source.end_char),
                 source_token=source.root.i, kind="indirect", stance="assert", whole_source=True)


def colon(ctx: DocContext, token: Token) -> Draft | None:
    """'PENCE: Well, the question ...', '"WALLACE: Let's start ...', 'President of Russia Vladimir Putin: Good
    afternoon', 'Pence: Flowers Won't Be at Debate': a speaker's name (a person, a name in capitals, or any
    capitalized name opening the headline) opening a line, then a colon; the rest of the paragraph is what the
    speaker said."""
    doc = ctx.doc
    if token.text != ":" or token.i == 0 or token.i + 1 >= len(doc):
        return None
    label_end = token.i
    if doc[label_end - 1].text == ")" and label_end >= 3 and doc[label_end - 3].text == "(":
        label_end -= 3  # 'Emmanuel Macron (retranslated):'
    start = label_end
    while start > 0 and "\n" not in doc[start - 1].text and label_end - start < SPEAKER_WORDS and (
            doc[start - 1].pos_ in ("PROPN", "NOUN") or doc[start - 1].lower_ in ("of", "the", ".")):
        start -= 1
    while start < label_end and not doc[start].pos_ == "PROPN" and not doc[start].is_upper:
        start += 1  # a name starts with a name word
    if start == label_end:
        return None
    opener = start - 1
    if opener >= 0 and doc[opener].text in STRAIGHT_QUOTES + OPEN_QUOTES:
        opener -= 1  # a transcript turn inside quotation marks: '"WALLACE: ...'
    name = doc[start:label_end]
    inline = opener >= 0 and doc[opener].text in ".?!" and name[-1].ent_type_ == "PERSON"
    if opener >= 0 and "\n" not in doc[opener].text_with_ws and not inline:
        return None  # a speaker line opens a paragraph, or in a flattened transcript a sentence ('? Putin:')
    words = [t for t in name if t.is_alpha]
    shouted = bool(words) and all(t.is_upper for t in words) and len(name.text) > 2
    if name[-1].lower_ in ctx.lexicon.not_speakers:
        return None  # 'UPDATE: ...', 'EXCLUSIVE: ...'
    headline = opener < 0 and all(t.is_title or t.is_upper for t in words)  # 'Poll: ...', 'Issa: ...'
    if not (shouted or headline or name.text.lower() in ctx.persons or name[-1].text.lower() in ctx.persons
            or name[-1].ent_type_ == "PERSON"):
        return None
    end = token.i + 1
    sentences = 0
    while end < len(doc) and "\n" not in doc[end].text and sentences < ctx.options.speaker_sentences:
        sentences += doc[end].is_sent_end is True
        end += 1
    trimmed = trim(doc, token.i + 1, end - 1)
    if trimmed is None or not any(t.pos_ in ("VERB", "AUX") for t in doc[trimmed[0]:trimmed[1] + 1]):
        return None  # 'Hillary Clinton: 1,769.' is a tally, not words said
    person = name
    while len(person) > 1 and person[0].ent_type_ != "PERSON" and name[-1].ent_type_ == "PERSON":
        person = person[1:]  # 'President of Russia Vladimir Putin': the actor is the person, the mention all
    return Draft(cue=chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=":",
                 content=chars(doc, *trimmed), source=(person.start_char, person.end_char),
                 source_token=person.root.i, kind="direct", stance="assert",
                 mention=(name.start_char, name.end_char))


def noun_cue(ctx: DocContext, token: Token) -> Draft | None:
    """"Trump's claim that ...", "the ministry's statement on ...": a claim noun with a possessor (the source)
    and a that-clause or an about/on object (the content)."""
    doc = ctx.doc
    if token.pos_ != "NOUN" or not ctx.claim_noun(token):
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    content = None
    for child in token.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" and m.dep_ == "mark"
                                                             for m in child.children):
            content = subtree_range(child)
        elif child.dep_ == "prep" and child.lower_ in ("about", "on", "that") and content is None:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                content = subtree_range(pobj)
    trimmed = trim(doc, *content) if content else None
    if trimmed is None:
        return None
    source = source_span(owner)
    last = source.end - 1
    return Draft(cue=chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=token.lemma_.lower(),
                 content=chars(doc, *trimmed), source=chars(doc, source.start, last),
                 source_token=owner.i, kind="indirect", stance="assert")


def learned_noun_cue(ctx: DocContext, token: Token) -> Draft | None:
    """'criticism of the plan', 'his call for a ceasefire', 'the decision to withdraw', 'support from Berlin for
    ...': a noun the cue model scores as a cue, with what it is about (a that- or to-clause, a prepositional
    object) as the content and its owner ('his', 'from Berlin', 'Russian', the one who 'voiced' it) as source."""
    doc = ctx.doc
    if token.pos_ != "NOUN" or ctx.cue_model is None or ctx.options.noun_threshold >= 1.0:
        return None
    content: tuple[int, int] | None = None
    cue_last = token.i
    for child in token.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and child.i > token.i and any(
                m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in child.children):
            content = subtree_range(child)
            break
    if content is None:
        prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in NOUN_PREPS
                     and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
        if prep is not None:
            content = subtree_range(prep)
            content = (content[0] + 1, content[1])
            cue_last = prep.i if prep.i == token.i + 1 else cue_last
    trimmed = trim(doc, *content) if content else None
    if trimmed is None:
        return None
    in_quote = ctx.in_quote(token.idx, token.idx + len(token.text)) is not None
    if (in_quote and ctx.options.skip_quoted_cues) \
            or ctx.cue_model.probability(token, in_quote) < ctx.options.noun_threshold:
        return None  # scored last: the model is the costly part, and most nouns have no content
    source = noun_owner(token, trimmed)
    return Draft(cue=chars(doc, token.i, cue_last), cue_token=token.i, cue_lemma=token.lemma_.lower(),
                 content=chars(doc, *trimmed),
                 source=(source.start_char, source.end_char) if source is not None else None,
                 source_token=source.root.i if source is not None else None, kind="indirect", stance="assert")


def hedge(ctx: DocContext, token: Token) -> Draft | None:
    """'North Korea has reportedly been providing ...': an unnamed source; the clause is the content."""
    doc = ctx.doc
    if token.lower_ not in ctx.lexicon.hedges or token.dep_ != "advmod":
        return None
    verb = token.head
    keep = [verb] + [c for c in verb.children if c.dep_ not in ("advcl", "conj", "cc", "punct", "mark")
                     and not (c.dep_ == "prep" and c.i > verb.i and c.lower_ not in ("with", "to", "in"))]
    first = min(min(t.i for t in c.subtree) for c in keep)
    last = max(max(t.i for t in c.subtree) for c in keep)
    trimmed = trim(doc, first, last)
    if trimmed is None:
        return None
    return Draft(cue=chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=token.lower_,
                 content=chars(doc, *trimmed), source=None, source_token=None, kind="hedged", stance="assert")


def headline(ctx: DocContext, token: Token) -> Draft | None:
    """'Glenn Beck Blasts Drudge for Mocking His Fast': in a title-case headline the small model reads the verb as
    a name; a cue word there ('Blasts', 'Praises', 'Urges') between names and words is the headline's claim."""
    doc = ctx.doc
    if token.idx >= ctx.headline_end or token.pos_ == "VERB" or token.i == 0 or not token.is_alpha:
        return None
    word = token.lower_
    cue = next((ctx.lexicon.cues[w] for w in (word, word[:-1], word[:-2], token.lemma_.lower())
                if w in ctx.lexicon.cues), None)
    if cue is None or not word.endswith("s"):
        return None
    start = token.i
    while start > 0 and doc[start - 1].idx < ctx.headline_end and (doc[start - 1].is_title or doc[start - 1].is_upper
                                                              or doc[start - 1].text in "’'-"):
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].idx < ctx.headline_end:
        end += 1
    trimmed = trim(doc, token.i + 1, end - 1)
    if start == token.i or trimmed is None or trimmed[1] - trimmed[0] < 1:
        return None
    return Draft(cue=chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=cue.lemma,
                 content=chars(doc, *trimmed), source=chars(doc, start, token.i - 1), source_token=token.i - 1,
                 kind="indirect", stance=cue.stance)


def bridge(ctx: DocContext, token: Token) -> Draft | None:
    """'... missile that Kyiv claims was made in North Korea': a cue between a name and a finite verb, which the
    small model parses as a noun; the name is the source, what follows the content."""
    doc = ctx.doc
    if token.pos_ == "VERB" and token.dep_ not in ("nsubj", "nsubjpass", "compound", "amod"):
        return None
    if not token.is_lower or not token.text.endswith("s") or token.i == 0 or token.i + 1 >= len(doc):
        return None
    cue = ctx.lexicon.cues.get(token.lower_[:-1]) or ctx.lexicon.cues.get(token.lemma_.lower())
    before, after = doc[token.i - 1], doc[token.i + 1]
    named = before.pos_ in ("PROPN", "PRON") or before.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
    if cue is None or not named or after.pos_ not in ("AUX", "VERB"):
        return None
    if after.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return None
    start = before.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    clause = token.head if token.head.i > token.i else after
    last = max(t.i for t in clause.subtree)
    trimmed = trim(doc, token.i + 1, last)
    if trimmed is None:
        return None
    return Draft(cue=chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=cue.lemma,
                 content=chars(doc, *trimmed), source=chars(doc, start, before.i), source_token=before.i,
                 kind="indirect", stance=cue.stance)


# The finders by name; ClaimOptions.finders picks and orders them (its default is the order they were tuned in).
FINDERS: dict[str, Finder] = {
    "according_to": according_to,
    "hedge": hedge,
    "bridge": bridge,
    "headline": headline,
    "colon": colon,
    "noun_cue": noun_cue,
    "learned_noun_cue": learned_noun_cue,
    "verb_cue": verb_cue,
}


def chosen_finders(names: tuple[str, ...] | list[str]) -> tuple[tuple[str, Finder], ...]:
    """The named finders in the given order; an unknown name is a configuration error."""
    unknown = [name for name in names if name not in FINDERS]
    if unknown:
        raise ValueError(f"unknown claim finders {unknown} (known: {', '.join(FINDERS)})")
    return tuple((name, FINDERS[name]) for name in names)
