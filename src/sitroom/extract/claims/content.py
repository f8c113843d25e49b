"""What was said: the token range of a cue's content (its clause, object, the quotation next to it, the clause
around a parenthetical cue, ...) and the medium it was said through."""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.lexicon import Cue
from sitroom.extract.claims.spans import SUBJECT_DEPS, chars, subtree_range, trim
from sitroom.text.quotes import CLOSE_QUOTES, STRAIGHT_QUOTES

# Labels of a cue's children that can carry what was said.
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
# Prepositions whose object is what a cue is about, the likelier first ("complained to officials about the emblem").
CONTENT_PREPS = ("about", "on", "over", "against", "for", "of", "as", "to", "with", "by")
# Labels of a cue's children that may stand between it and the quotation it introduces.
ARGUMENT_DEPS = ("nsubj", "dobj", "dative", "prt", "npadvmod", "advmod", "prep", "aux", "neg")


def cue_content(ctx: DocContext, verb: Token, cue: Cue, passive: bool,
                negated: bool) -> tuple[tuple[int, int] | None, list[int]]:
    """Token range of what was said, and tokens to add to the cue (a preposition: 'commented on')."""
    doc = ctx.doc
    right_object = any(c.dep_ == "dobj" and c.i > verb.i and c.pos_ != "PRON" for c in verb.children)
    for child in sorted(verb.children, key=lambda c: c.i < verb.i):  # a clause after the cue first
        if child.i < verb.i and right_object and ctx.in_quote(child.idx, child.idx + 1) is None:
            continue  # "He made the observation ..., he had said the same thing": the object after
        if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX") or child.dep_ == "ccomp":
            first, last = subtree_range(child)
            listener = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None)
            if child.dep_ == "xcomp" and listener is not None:
                first = min(first, subtree_range(listener)[0])  # "urged his supporters to monitor ..."
            quote = ctx.in_quote(doc[first].idx, doc[last].idx + len(doc[last].text))
            if quote is None:
                quote = ctx.in_quote(child.idx, child.idx + len(child.text))
            if quote is not None:
                span = doc.char_span(*quote, alignment_mode="expand")
                if span is not None:
                    return trim(doc, span.start, span.end - 1), []
            return trim(doc, first, last), []
    if passive:
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if subject is not None and agent is not None:
            return trim(doc, *subtree_range(subject)), ([agent.i] if ctx.options.agent_in_cue else [])
        if subject is not None and subject.pos_ != "PRON":
            return trim(doc, *subtree_range(subject)), []  # "The compromise ... had been reported"
        return None, []
    colon_words = after_colon(ctx, verb)
    if colon_words is not None:
        return colon_words, []  # "released the following statement: ..."
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lemma_.lower() in ctx.lexicon.light_nouns:
        prep = next((c for c in [*obj.rights, *verb.rights] if c.dep_ == "prep" and c.i > obj.i
                     and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
        if prep is not None:  # "took a shot at Clinton", "pinned his hopes on South Carolina"
            inner = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
            return trim(doc, *subtree_range(inner)), []
    if obj is not None and (cue.lemma in ctx.lexicon.object_cues or ctx.claim_noun(obj) or negated
                            or (ctx.options.objects_as_content and cue.lemma not in ctx.lexicon.addressee_cues)):
        predicate = next((c for c in verb.children if c.i > obj.i and (
            c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("of", "as", "for")))), None)
        person = obj.pos_ == "PRON" or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        if predicate is not None and (person or predicate.dep_ == "oprd"):
            if predicate.dep_ == "prep":  # "thanked Obama for taking ...": what the preposition governs
                inner = next((c for c in predicate.children if c.dep_ in ("pobj", "pcomp")), None)
                if inner is not None:
                    return trim(doc, *subtree_range(inner)), []
            return trim(doc, *subtree_range(predicate)), []  # "called him a genius", "accusing her of ..."
        return trim(doc, *subtree_range(obj)), []
    preps = sorted((c for c in verb.children if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS),
                   key=lambda c: CONTENT_PREPS.index(c.lower_))  # "complained to X about Y": about Y
    for prep in preps:
        if negated or cue.stance != "assert" or cue.negated != "-" or ctx.options.objects_as_content:
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return trim(doc, *subtree_range(pobj)), [prep.i]  # "commented on", "is assured of winning"
    short = next((c for c in verb.rights if c.lower_ in ("so", "no", "yes")), None)
    if short is not None:
        return (short.i, short.i), []  # "said so", "said no"
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i > verb.i and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return around(ctx, verb), []  # "As Ukrinform reported, ...": the clause it opens, not a quote before it
    quote = adjacent_quote(ctx, verb)
    if quote is not None:
        return quote, []
    if verb.head.pos_ in ("VERB", "AUX") and (verb.dep_ in ("parataxis", "ccomp") or (
            verb.dep_ == "advcl" and verb.head.i > verb.i and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in verb.children))):
        return around(ctx, verb), []  # "..., he said, ...", "As X reported, ...": the clause around
    mark = next((t for t in doc[verb.i + 1:ctx.sent(verb).end]
                 if t.dep_ == "mark" and t.lower_ in ("that", "whether") and t.head.i > t.i
                 and only_arguments(ctx, verb, verb.idx + len(verb.text), t.idx)), None)
    if mark is not None:  # "said earlier on Friday during a news conference that he may wait": misattached
        return trim(doc, mark.i, max(t.i for t in mark.head.subtree)), []
    if ctx.options.objects_as_content:  # "tweeted ... that Machado was ...", "responded by using ...": the largest
        rest = [c for c in verb.rights if (c.dep_ in ("advcl", "oprd", "acomp", "dep") or (
            c.dep_ == "prep" and c.lower_ in ("by", "with", "about", "as", "against", "for", "over", "on", "to")))
            and not any(t.ent_type_ in ("DATE", "TIME") for t in c.children)]
        if rest:
            biggest = max(rest, key=lambda c: sum(1 for _ in c.subtree))
            if sum(1 for _ in biggest.subtree) >= 3:
                return trim(doc, *subtree_range(biggest)), []
    return clause_before(ctx, verb), []


def clause_before(ctx: DocContext, verb: Token) -> tuple[int, int] | None:
    """The clause before a closing "..., experts say." or "..., Graham told The Huffington Post on Thursday.":
    the cue, its subject and its own arguments end the sentence after a comma, and the parse left the clause
    before them unattached."""
    doc = ctx.doc
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
    sent = ctx.sent(verb)
    if subject is None or subject.left_edge.i - 1 <= sent.start:
        return None
    comma = doc[subject.left_edge.i - 1]
    while comma.text in CLOSE_QUOTES + STRAIGHT_QUOTES + "'" and comma.i - 1 > sent.start:
        comma = doc[comma.i - 1]
    if comma.text != "," or not only_arguments(ctx, verb, subject.idx, verb.idx) \
            or not only_arguments(ctx, verb, verb.idx + len(verb.text), sent.end_char):
        return None
    trimmed = trim(doc, sent.start, comma.i - 1)
    return trimmed if trimmed is not None and trimmed[1] - trimmed[0] >= 2 else None


def after_colon(ctx: DocContext, verb: Token) -> tuple[int, int] | None:
    """'The New York Times reports:' / 'Caddell continued:' then the words: the rest of the paragraph after the
    colon, or the next paragraph when the colon ends one."""
    doc = ctx.doc
    i = verb.i + 1
    while i < len(doc) and i < ctx.sent(verb).end and doc[i].text != ":" and (
            doc[i].head == verb and doc[i].dep_ in ARGUMENT_DEPS or doc[i].head.i in range(verb.i + 1, i)):
        i += 1
    if i >= len(doc) or doc[i].text != ":":
        return None
    first = i + 1
    while first < len(doc) and doc[first].is_space:
        first += 1
    last = first
    while last + 1 < len(doc) and "\n\n" not in doc[last].text_with_ws and not doc[last + 1].is_space:
        last += 1
    return trim(doc, first, last) if first < len(doc) else None


def around(ctx: DocContext, verb: Token) -> tuple[int, int] | None:
    """The clause a parenthetical cue is inserted in: after the cue's own words where that part is a clause
    ("In his state, Christie said, offenders are sent ..."), else before them."""
    doc = ctx.doc
    own = [t.i for t in verb.subtree]
    clause = [t.i for t in inserted_in(verb).subtree]
    before = [i for i in clause if i < min(own)]
    after = [i for i in clause if i > max(own)]
    if len(after) >= 3 or not before:
        return trim(doc, min(after), max(after)) if after else None
    return trim(doc, min(before), max(before))


def inserted_in(verb: Token) -> Token:
    """The head of the clause a parenthetical cue is inserted in: the verb's head, or that head's own head where
    the parse hung the cue on an auxiliary ("These employees, Stumpf explained, were well paid")."""
    head = verb.head
    return head.head if head.dep_ in ("aux", "auxpass") and head.head.pos_ in ("VERB", "AUX") else head


def adjacent_quote(ctx: DocContext, verb: Token) -> tuple[int, int] | None:
    """A quotation that ends just before the cue (“...,” he said) or starts just after it (said: “...”)."""
    doc = ctx.doc
    sent = ctx.sent(verb)
    ranked = []
    verb_end = verb.idx + len(verb.text)
    for q_start, q_end in ctx.quotes:
        inside = sent.start_char <= q_end <= verb.idx and (
            ctx.text[q_end:verb.idx].strip(" ,.\n").count(" ") <= 3
            or only_arguments(ctx, verb, q_end, verb.idx))
        after = (0 <= q_start - verb_end <= ctx.options.quote_window and not any(
            c in ".\n" for c in ctx.text[verb_end:q_start])) or (  # "..., X reports.\n\n“...”": not X's quote
            verb_end <= q_start < sent.end_char and only_arguments(ctx, verb, verb_end, q_start))
        before = 0 <= sent.start_char - q_end <= ctx.options.quote_window
        if inside or after or before:
            ranked.append((0 if inside else 1 if after else 2, abs(verb.idx - q_end), q_start, q_end))
    for _, _, q_start, q_end in sorted(ranked):
        span = doc.char_span(q_start, q_end, alignment_mode="expand")
        if span is not None and not (span.start <= verb.i < span.end):
            return trim(doc, span.start, span.end - 1)
    return None


def only_arguments(ctx: DocContext, verb: Token, start: int, end: int) -> bool:
    """Whether the words between two characters are all the cue's subject, listener or setting ("“...,” Brent
    Bozell III, founder of the Media Research Center, tells", "asking her, “...”"), so a quotation beyond
    them is still next to the cue."""
    words = [t for t in ctx.sent(verb) if start <= t.idx < end and not t.is_punct and not t.is_space]
    if not words:
        return True
    allowed = {t.i for c in verb.children if c.dep_ in ARGUMENT_DEPS for t in c.subtree}
    return all(t.i in allowed for t in words)


def cue_channel(ctx: DocContext, verb: Token) -> tuple[int, int] | None:
    """'in his regular nightly address published on social media': the medium the cue was spoken through."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "on", "via", "through"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in ctx.lexicon.channels:
                return chars(verb.doc, *subtree_range(pobj))
    return None
