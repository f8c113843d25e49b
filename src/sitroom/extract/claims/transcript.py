"""Framed bodies: paragraphs a frame line hands to a source, each a claim of its own though no cue is in it.

- A speech printed whole: after a line that introduces it ("Read the President's full address below:"), every
  paragraph is the speaker's words (the news set's coders code such a body one claim a paragraph, cue the frame's
  noun, kind direct). What the speech attributes to others ("the participants agreed that ...", "according to the
  draft") stays those sources' claim, and its sentences are cut out of the speaker's paragraph; the speaker's own
  cues ("we emphasize", a passive "are discussed") give way to the paragraph's claim, which holds them. A paragraph
  whose sentences have no verb at their root (greetings, "Glory to Ukraine!", "Eternal gratitude to all who
  fight") is no claim.
- A list a source's line introduces ("In other results from the most recent KIIS poll:", "The ministry said:"):
  each bullet item after it is that source's claim, and the cues inside an item ("78% talk about ...") give way
  to it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sitroom.extract.actors import noun_phrase
from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.source import document_issuer, source_span
from sitroom.extract.claims.spans import chars, trim
from sitroom.extract.claims.speakers import FIRST_PERSON
from sitroom.text.speech import announcement_lines, load_frames

# The fewest paragraphs of a speech body: a colon before one paragraph is an ordinary quotation's.
BODY_PARAGRAPHS = 2
PARAGRAPH = re.compile(r"[^\n]+")
# A bullet item's line: a bullet mark or a list number, then the item.
BULLET = re.compile(r"[ \t]*(?:[·•▪◦‣*\-–—]|\(?\d{1,2}[.)])[ \t]+(?=\S)")
# Nouns that name a document's findings, whose issuer a list frame without a verb names ("results from the poll:").
FINDING_NOUNS = frozenset({"result", "results", "finding", "findings", "data", "poll", "survey", "report",
                           "statement", "study", "assessment"})


def framed_drafts(ctx: DocContext, drafts: list[Draft], unrecorded: list[tuple[int, int]]) -> list[Draft]:
    """The drafts with the claims of framed bodies added: the items of lists a source's line introduces, then the
    paragraphs of a printed speech (see the module's docstring); the drafts those claims hold are dropped, their
    cues added to ``unrecorded`` (still speech, not events)."""
    kept, items = list_drafts(ctx, drafts)
    kept, paragraphs = speech_drafts(ctx, kept, items)
    unrecorded.extend(d.cue for d in drafts if not any(d is k for k in kept))
    return kept + items + paragraphs


def list_drafts(ctx: DocContext, drafts: list[Draft]) -> tuple[list[Draft], list[Draft]]:
    """(the drafts kept, one claim per bullet item of each list a source's frame line introduces)."""
    doc = ctx.doc
    lines = [(m.start(), m.end()) for m in PARAGRAPH.finditer(ctx.text) if m.group().strip()]
    made: list[Draft] = []
    held: list[Draft] = []
    i = 0
    while i < len(lines):
        first = i
        while i < len(lines) and BULLET.match(ctx.text, lines[i][0]):
            i += 1
        if i == first:
            i += 1
            continue
        if first == 0 or not ctx.text[lines[first - 1][0]:lines[first - 1][1]].rstrip().endswith(":"):
            continue
        source = list_source(ctx, drafts, lines[first - 1])
        if source is None:
            continue
        cue, (source_start, source_end), source_token = source
        for start, end in lines[first:i]:
            bullet = BULLET.match(ctx.text, start)
            assert bullet is not None
            span = doc.char_span(bullet.end(), end, alignment_mode="expand")
            trimmed = trim(doc, span.start, span.end - 1) if span is not None and len(span) else None
            if trimmed is None or not any(t.is_alpha for t in doc[trimmed[0]:trimmed[1] + 1]):
                continue
            content = chars(doc, *trimmed)
            held += [d for d in drafts if content[0] <= d.cue[0] < content[1]]
            made.append(Draft(cue=cue, cue_token=doc.char_span(*cue, alignment_mode="expand").root.i,
                              cue_lemma=ctx.text[cue[0]:cue[1]].lower(), content=content,
                              source=(source_start, source_end), source_token=source_token, kind="indirect",
                              stance="assert"))
    return [d for d in drafts if not any(d is h for h in held)], made


def list_source(ctx: DocContext, drafts: list[Draft], line: tuple[int, int]
                ) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    """(cue, source, source token) of a list's frame line: the claim whose cue is in it and that has a source
    ("Other KIIS results show ...:"), else a findings noun with its issuer ("In other results from the most
    recent KIIS poll:")."""
    framing = [d for d in drafts if line[0] <= d.cue[0] < line[1] and d.source is not None]
    if framing:
        draft = framing[-1]
        assert draft.source is not None and draft.source_token is not None
        return draft.cue, draft.source, draft.source_token
    span = ctx.doc.char_span(*line, alignment_mode="expand")
    for token in span if span is not None else []:
        if token.pos_ == "NOUN" and token.lower_ in FINDING_NOUNS:
            issuer = document_issuer(noun_phrase(token))
            if issuer is not None:
                last = token.nbor() if token.i + 1 < len(ctx.doc) and token.nbor().lower_ in ("from", "of", "by") \
                    else token  # "results from"
                return (token.idx, last.idx + len(last.text)), (issuer.start_char, issuer.end_char), issuer.root.i
    return None


def speech_drafts(ctx: DocContext, drafts: list[Draft], items: list[Draft]) -> tuple[list[Draft], list[Draft]]:
    """(the drafts kept, the speech's paragraph drafts): for a printed speech (:func:`frame`), one direct claim a
    paragraph of its body with the frame's speaker and noun as source and cue; the body's own drafts (first
    person, or with no source and no hedge) are dropped, and the sentences of the others' drafts and of the list
    items are cut out of it."""
    found = frame(ctx)
    if found is None:
        return drafts, []
    noun, source, body_start = found
    doc = ctx.doc
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(ctx.text, body_start) if m.group().strip()]
    if len(paragraphs) < BODY_PARAGRAPHS:
        return drafts, []
    own = [d for d in drafts if d.cue[0] >= body_start and (first_person(ctx, d) or (
        d.source is None and d.kind != "hedged"))]
    kept = [d for d in drafts if not any(d is o for o in own)]
    others = [d for d in kept + items if d.cue[0] >= body_start or d.content[0] >= body_start]
    made: list[Draft] = []
    for start, end in paragraphs:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for first, last in free_runs(ctx, span, others):
            trimmed = trim(doc, first, last)
            if trimmed is None or not any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")
                                          for t in doc[trimmed[0]:trimmed[1] + 1]):
                continue
            made.append(Draft(cue=chars(doc, noun.i, noun.i), cue_token=noun.i, cue_lemma=noun.lemma_.lower(),
                              content=chars(doc, *trimmed), source=(source.start_char, source.end_char),
                              source_token=source.root.i, kind="direct", stance="assert"))
    return kept, made


def first_person(ctx: DocContext, draft: Draft) -> bool:
    return draft.source is not None and ctx.text[draft.source[0]:draft.source[1]].lower() in FIRST_PERSON


def free_runs(ctx: DocContext, paragraph: Span, others: list[Draft]) -> list[tuple[int, int]]:
    """The paragraph's runs of whole sentences that hold no other draft's cue or content, as token ranges."""
    runs: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    i = paragraph.start
    while i < paragraph.end:
        sent = ctx.sent(ctx.doc[i])
        first, last = max(sent.start, paragraph.start), min(sent.end, paragraph.end) - 1
        start_char, end_char = ctx.doc[first].idx, ctx.doc[last].idx + len(ctx.doc[last].text)
        taken = any(start_char <= d.cue[0] < end_char or (d.content[0] < end_char and start_char < d.content[1])
                    for d in others)
        if taken:
            if current is not None:
                runs.append(current)
            current = None
        else:
            current = (current[0] if current is not None else first, last)
        i = last + 1
    if current is not None:
        runs.append(current)
    return runs


def frame(ctx: DocContext) -> tuple[Token, Span, int] | None:
    """(the speech noun, its speaker as written, where the body starts) of the first line that introduces a
    printed speech (``text.speech``: "Read the President's full address below:") and whose speech noun has an owner
    ("the President's", "of Mr Putin", "by the chancellor")."""
    doc = ctx.doc
    frames = load_frames(ctx.options.data_dir)
    for line_start, line_end in announcement_lines(ctx.text, frames):
        span = doc.char_span(line_start, line_end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            if token.pos_ not in ("NOUN", "PROPN") or not frames.is_speech_noun(token.lemma_):
                continue
            owner = speech_owner(token)
            if owner is not None:
                return token, owner, line_end
    return None


def speech_owner(noun: Token) -> Span | None:
    """Whose speech a noun names: its possessor, else the object of its "of" or "by"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in FIRST_PERSON and child.lower_ not in ("its", "their"):
            return source_span(child)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "by"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                return source_span(pobj)
    return None
