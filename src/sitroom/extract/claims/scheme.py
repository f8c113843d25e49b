"""Which drafts are claims as a news coder records them (../shared/eval/news/GUIDELINES.md: "a source asserting,
denying, refusing to comment on, or retracting a proposition"; not "a verb of perception or mental state with no
one informed"), against PolNeAR's broader attribution, which also marks what a source wants, hopes, plans, sees
or supports ("pledged to push", "wants to be free", "supported the plan").

The rules find both. ``ClaimOptions.scheme`` picks the reading: "reported" (the default, what sitroom's users
record) keeps a draft only where :func:`reported` holds; "broad" keeps them all (``sitroom eval attribution``
scores PolNeAR under its own scheme).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft

SCHEMES = ("reported", "broad")
# Verbs whose infinitive after "declined to", "refused to" makes the refusal a no-comment claim.
COMMENT_VERBS = frozenset({"comment", "answer", "say", "discuss", "elaborate", "speak", "talk", "confirm",
                           "respond", "reveal", "disclose", "explain", "specify"})  # not "talk": "refuses to talk with X" is an act
# Cue lemmas whose infinitive content is an act agreed to, not a proposition ("agreed to send"; "agreed that" stays;
# "vowed to", "threatened to" are claims a coder records).
ACT_INFINITIVE_CUES = frozenset({"agree", "decide"})
# Cue lemmas that, passive and with no source, name a thing rather than report what someone said.
NAMING_CUES = frozenset({"know", "refer", "call", "dub", "describe"})
# Cue lemmas that report a proposition only with a clause or a quotation ("declared that ...", "responded by
# saying ..."); with a bare noun phrase they name a topic or an act (news dev set: 5 false claims, no true one).
CLAUSE_CUES = frozenset({"mention", "echo", "declare", "respond", "post"})
# Modal auxiliaries of a prescription: "X must state", "X should support" is no claim X made.
PRESCRIPTIVE = frozenset({"must", "should", "ought"})
# Cue lemmas whose passive subject is the one they are aimed at ("Russia is accused"), not what was said.
TARGET_CUES = frozenset({"accuse", "criticize", "criticise", "condemn", "blame", "denounce", "praise", "urge",
                         "thank", "warn"})
# Cue lemmas of a question put to someone: as a participle beside another cue ("replied when asked") no claim.
QUESTION_CUES = frozenset({"ask", "question", "press"})
# Characters after a content's last word that hide a question mark.
QUOTE_MARKS = " \"'”’»)"

# Cue lemmas of a refusal: with a verb of COMMENT_VERBS after them, the source declines to comment.
REFUSALS = frozenset({"decline", "refuse"})
# Wishes that are demands when they name who is to act ("wants Ukraine to recognise Crimea").
DEMAND_CUES = frozenset({"want", "wish"})


def as_reported(ctx: DocContext, drafts: list[Draft]) -> list[Draft]:
    """The drafts that are claims in the news coder's reading (:func:`reported`); a refusal to comment ("declined
    to comment", "refused to answer") is a no-comment claim, as GUIDELINES.md codes it, not a denial; a content
    that is a lone pronoun is the sentence before where it is "said this" (:func:`what_this_says`), else no
    claim."""
    kept = []
    for draft in drafts:
        if not reported(ctx, draft):
            continue
        content = ctx.doc.char_span(*draft.content, alignment_mode="expand")
        if content is not None and len(content) == 1 and content[0].pos_ == "PRON" \
                and ctx.in_quote(*draft.content) is None:
            previous = what_this_says(ctx, content[0], drafts)
            if previous is None:
                continue  # "I answered it", "what can I say": no proposition the text gives
            draft.content = previous
        if draft.stance == "deny" and draft.cue_lemma.lower() in REFUSALS and content is not None \
                and refusal_to_comment(content):
            draft.stance = "no_comment"
        kept.append(draft)
    return kept


def what_this_says(ctx: DocContext, pronoun: Token, drafts: list[Draft]) -> tuple[int, int] | None:
    """The sentence before "said this" ("The Kremlin is conducting ... . ISW said this in a new assessment"),
    where the pronoun is "this" or "so" and that sentence is nobody else's claim; else None."""
    if pronoun.lower_ not in ("this", "so"):
        return None
    sent = ctx.sent(pronoun)
    if sent.start == 0:
        return None
    before = ctx.sent(ctx.doc[sent.start - 1])
    first, last = before.start, before.end - 1
    while last > first and (ctx.doc[last].is_punct or ctx.doc[last].is_space):
        last -= 1
    while first < last and ctx.doc[first].is_space:
        first += 1
    start, end = ctx.doc[first].idx, ctx.doc[last].idx + len(ctx.doc[last].text)
    if any(start <= d.cue[0] < end for d in drafts):
        return None
    return start, end


def reported(ctx: DocContext, draft: Draft) -> bool:
    """Whether a draft is a claim in the news coder's reading: not a question, not an act agreed to ("agreed to
    send"), not a prescription ("must state"), not the passive target of an accusation ("Russia is accused"), not
    a sourceless name ("known as"), not a topic mentioned (CLAUSE_CUES with a noun phrase), not where its cue is a state of mind, an intention, a perception or an act (unreported_cues.txt), but
    for a refusal to comment ("declined to comment") and a demand ("wants Ukraine to recognise ...")."""
    if draft.signed or draft.kind == "hedged" or draft.stance == "no_comment":
        return True
    lemma = draft.cue_lemma.lower()
    content = ctx.doc.char_span(*draft.content, alignment_mode="expand")
    if content is None:
        return True
    if ctx.text[draft.content[0]:draft.content[1]].rstrip(QUOTE_MARKS).endswith("?"):
        return False  # a question asked ("KIIS asked: 'Do you consider yourself happy?'") asserts nothing
    if lemma in ACT_INFINITIVE_CUES and content[0].lower_ == "to":
        return False
    token = ctx.doc[draft.cue_token]
    if any(c.dep_ == "aux" and c.lower_ in PRESCRIPTIVE for c in token.children):
        return False  # "Biden must immediately state ...": what the writer says someone ought to say
    if token.tag_ == "VBN" and lemma in TARGET_CUES and draft.source is None and any(
            c.dep_ == "nsubjpass" and c.idx == draft.content[0] for c in token.children):
        return False  # "Russia is accused": the one accused, not what was said
    if draft.learned and ctx.in_quote(*draft.content) is None and not any(t.pos_ in ("VERB", "AUX") for t in content):
        return False  # a tagger's own cue with a bare noun phrase ("cautioned western allies", "of which"): no
        # proposition; the rules' cues keep theirs ("accused Russian military agents")
    if lemma in QUESTION_CUES and token.tag_ == "VBN" and token.dep_ == "advcl":
        return False  # "he replied when asked": the question put to the speaker, whose reply is the claim
    if lemma in NAMING_CUES and token.tag_ == "VBN" and draft.source is None:
        return False  # "Known as the breadbasket of Europe", "is sometimes referred to as": a name, no one's claim
    if lemma in CLAUSE_CUES and ctx.in_quote(*draft.content) is None \
            and not any(t.pos_ in ("VERB", "AUX") for t in content):
        return False  # "also mentioned the conflict", "declared independence", "posted video": a topic or an act
    if lemma not in ctx.lexicon.unreported_cues:
        return True
    return refusal_to_comment(content) or demand(lemma, content)


def demand(lemma: str, content: Span) -> bool:
    """'The Kremlin wants Ukraine to recognise Crimea': a want of someone else's act is a demand the source
    makes (a claim); 'wants to be free' is a wish."""
    return lemma in DEMAND_CUES and content[0].lower_ != "to" and any(t.lower_ == "to" for t in content)


def refusal_to_comment(content: Span) -> bool:
    """'declined to comment on ...', 'refused to answer': the refusal is a claim (no comment); 'declined to
    extend an invitation' is an act."""
    first = content[0]
    verb = content[1] if first.lower_ == "to" and len(content) > 1 else first
    return verb.lemma_.lower() in COMMENT_VERBS
