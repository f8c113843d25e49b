"""Quote continuation: a quotation paragraph with no cue of its own continues the speaker of the direct quote next
to it."""

from __future__ import annotations

from sitroom.extract.claims.content import inserted_in, only_arguments
from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.spans import chars, trim


def continued_quotes(ctx: DocContext, drafts: list[Draft]) -> list[Draft]:
    """A quotation standing alone, with no cue of its own, continues the direct quote just before it (or, with
    none before, just after it): the same speaker said it, through the same cue. In the "reported" scheme the
    second part of a quotation split by its cue in one paragraph is no claim of its own (split_quotation)."""
    doc = ctx.doc
    taken = [d.content for d in drafts] + [d.cue for d in drafts]
    direct = sorted((d for d in drafts if d.kind in ("direct", "mixed") and d.source and not d.signed),
                    key=lambda d: d.cue[0])  # a signature signs its own line only
    found: list[Draft] = []
    for q_start, q_end in ctx.quotes:
        if any(s < q_end and q_start < e for s, e in taken):
            continue
        span = doc.char_span(q_start, q_end, alignment_mode="expand")
        if span is None or len(span) < 4:
            continue
        sentences = doc[ctx.sent(span[0]).start:ctx.sent(span[-1]).end]
        outside = [t for t in sentences if not t.is_punct and not t.is_space and not q_start <= t.idx < q_end]
        if outside:
            split = split_by_cue(ctx, direct, q_start, q_end)
            if split is not None and (trimmed := trim(doc, span.start, span.end - 1)) is not None:
                found.append(part_of(split, chars(doc, *trimmed)))
            continue  # else the quotation is part of a larger sentence: not a quote paragraph
        reach = ctx.options.continuation_chars
        before = [d for d in direct if d.content[1] <= q_start and q_start - d.content[1] < reach]
        after = [d for d in direct if d.content[0] >= q_end and d.content[0] - q_end < reach]
        speaker = before[-1] if before else (after[0] if after else None)
        trimmed = trim(doc, span.start, span.end - 1)
        if speaker is None or trimmed is None:
            continue
        if ctx.options.scheme == "reported" and split_quotation(ctx, speaker, q_start):
            continue
        found.append(part_of(speaker, chars(doc, *trimmed)))
        direct.append(found[-1])
        direct.sort(key=lambda d: d.content[0])
    return found


def part_of(speaker: Draft, content: tuple[int, int]) -> Draft:
    """A further part of ``speaker``'s quotation: its cue, source and stance, direct."""
    return Draft(cue=speaker.cue, cue_token=speaker.cue_token, cue_lemma=speaker.cue_lemma, content=content,
                 source=speaker.source, source_token=speaker.source_token, kind="direct", stance=speaker.stance,
                 whole_source=speaker.whole_source)


def split_by_cue(ctx: DocContext, direct: list[Draft], q_start: int, q_end: int) -> Draft | None:
    """'“...,” Rep. Jordan said in a phone interview, “...”': in PolNeAR's broad scheme a quotation on the other side
    of a direct claim's cue continues it where only the cue and its own words (subject, setting) stand between
    them, in one paragraph; the draft it continues. None in the reported scheme (split_quotation: one claim)."""
    if ctx.options.scheme == "reported":
        return None
    for draft in direct:
        source = draft.source or draft.cue
        first, last = min(draft.cue[0], source[0]), max(draft.cue[1], source[1])
        if draft.content[1] <= first and last <= q_start:
            between = (last, q_start)
        elif q_end <= first and last <= draft.content[0]:
            between = (q_end, first)
        else:
            continue
        if "\n" not in ctx.text[min(q_start, draft.content[0]):max(q_end, draft.content[1])] \
                and only_arguments(ctx, ctx.doc[draft.cue_token], *between):
            return draft
    return None


def around_parts(ctx: DocContext, drafts: list[Draft]) -> list[Draft]:
    """'These employees, Stumpf explained, were well paid': in PolNeAR's broad scheme the content of a cue inserted
    in the clause it reports is the clause on both sides of it; the finders took one side (content.around), this
    is the other, as a second part with the same cue. None in the reported scheme (one claim, one span)."""
    if ctx.options.scheme == "reported":
        return []
    doc = ctx.doc
    found: list[Draft] = []
    for draft in drafts:
        verb = doc[draft.cue_token]
        if verb.dep_ not in ("parataxis", "ccomp") or verb.head.pos_ not in ("VERB", "AUX") or draft.signed:
            continue
        own = [t.i for t in verb.subtree]
        clause = [t.i for t in inserted_in(verb).subtree]
        content = doc.char_span(*draft.content, alignment_mode="expand")
        if content is None or not (min(clause) <= content.start and content.end - 1 <= max(clause)):
            continue
        if content.start > max(own):
            other = [i for i in clause if i < min(own)]
        elif content.end - 1 < min(own):
            other = [i for i in clause if i > max(own)]
        else:
            continue
        part = trim(doc, min(other), max(other)) if other else None
        if part is None or not any(t.is_alpha for t in doc[part[0]:part[1] + 1]):
            continue
        if part[0] == part[1] and doc[part[0]].dep_ == "cc":
            continue  # "But, he said, ...": the conjunction alone is no part
        found.append(Draft(cue=draft.cue, cue_token=draft.cue_token, cue_lemma=draft.cue_lemma,
                           content=chars(doc, *part), source=draft.source, source_token=draft.source_token,
                           kind=draft.kind, stance=draft.stance, whole_source=draft.whole_source,
                           mention=draft.mention))
    return found


def split_quotation(ctx: DocContext, speaker: Draft, q_start: int) -> bool:
    """'"...," he said. "..."' in one paragraph: a quotation split by its attribution, which a news coder codes as
    one claim, the first part (GUIDELINES.md of the news set); PolNeAR joins both parts to the one cue."""
    return speaker.content[1] <= speaker.cue[0] < q_start and "\n" not in ctx.text[speaker.cue[1]:q_start]
