"""First-person speakers: 'I' and 'we' as a source stand for whoever speaks there (a quotation's speaker, a
transcript turn's, a whole-article speech's)."""

from __future__ import annotations

import re

from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft
from sitroom.model import Claim

# Sources that stand for the speaker: resolved to whoever speaks where the article says so.
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Cues by which a lead names the speaker of the speech that follows ("This was stated by President ...").
SPEECH_CUES = frozenset({":", "say", "state", "tell", "address", "speak", "declare", "announce", "note"})
# A headline naming a whole-article speech's speaker: "Speech by the President of Ukraine at ...", "Putin's address".
SPEECH_TITLE = re.compile(
    r"^(?:(?:speech|address|remarks|statement|interview|message|transcript)\s+(?:by|of)\s+(?:the\s+)?"
    r"(?P<by>[^:;,.]+?)(?=\s+(?:at|to|on|in|during|before|after|following|for)\s|[:;,.]|$)"
    r"|(?:the\s+)?(?P<own>[^:;,.]+?)['’]s?\s+(?:speech|address|remarks|statement|message)\b)", re.IGNORECASE)


def speakers(ctx: DocContext, drafts: list[Draft], claims: list[Claim]) -> None:
    """'I'/'we' as a source is whoever speaks there: the speaker of the quotation it stands in, of the
    transcript turn ('PENCE: ...' up to the next speaker's line), or, outside quotations in a whole-article
    speech, the speaker the lead or the headline names."""
    pending = [(c, d) for c, d in zip(claims, drafts) if c.source is None and d.source is not None
               and ctx.text[d.source[0]:d.source[1]].lower() in FIRST_PERSON]
    if not pending:
        return
    named = [(c, d) for c, d in zip(claims, drafts) if c.source is not None]
    headline_end = ctx.headline_end  # 'Trump: Cruz Has ...' starts no turn
    turns = sorted((d.cue[0], c.source) for c, d in named if d.cue_lemma == ":" and d.cue[0] >= headline_end)
    unplaced = []
    for claim, draft in pending:
        at = draft.cue[0]
        quote = ctx.in_quote(at, at + 1)
        speaker = None
        if quote is not None:  # the quote's own claim, else the direct quote it continues
            direct = [(c, d) for c, d in named if d.kind in ("direct", "mixed") and d.content[0] < quote[1]]
            covering = [c for c, d in direct if quote[0] <= d.content[1]]
            before = [c for c, d in direct if quote[0] - d.content[1] < ctx.options.continuation_chars]
            speaker = (covering or before or [None])[-1]
            speaker = speaker.source if speaker is not None else None
        elif turns and turns[0][0] < at:
            speaker = [source for start, source in turns if start < at][-1]
        if speaker is None and quote is None:
            unplaced.append(claim)
        claim.source = speaker
    if len(unplaced) >= 2:  # first person outside quotations, more than once: the article is a speech
        speaker = article_speaker(ctx, named)
        for claim in unplaced:
            claim.source = speaker


def article_speaker(ctx: DocContext, named: list[tuple[Claim, Draft]]) -> str | None:
    """The speaker of a whole-article speech: the person a speech cue in the lead names ("This was stated by
    President Volodymyr Zelenskyy"), else the speaker the headline names ("Speech by the President of Ukraine
    at ...")."""
    doc = ctx.doc
    lead_end = ctx.sent(doc[min(len(doc) - 1, 80)]).end_char if len(doc) else 0
    for claim, draft in named:
        actor = ctx.index.actor(claim.source or "")
        if draft.cue[0] < lead_end and draft.cue_lemma in SPEECH_CUES and actor is not None \
                and actor.kind == "person":
            return actor.id
    title = doc._.title if doc.has_extension("title") else None
    match = SPEECH_TITLE.match(title.strip()) if title else None
    if match is None:
        return None
    actor = ctx.index.named(match.group("by") or match.group("own"))
    return actor.id if actor is not None else None
