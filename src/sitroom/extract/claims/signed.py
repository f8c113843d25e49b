"""Signed words: a quotation line or a post signed after a dash ('"..." ― Sonya Herridge'); the signer said them."""

from __future__ import annotations

import re

from sitroom.extract.claims.context import DocContext
from sitroom.extract.claims.draft import Draft
from sitroom.extract.claims.finders import SPEAKER_WORDS
from sitroom.extract.claims.spans import chars, trim

# Words signed after a dash, whose signature's first words up to a comma or bracket name the speaker: a quotation
# standing as its own line, as pull quotes, vox pops and debate digests print them ('"We are tired." ― Olena, 54, a
# nurse in Kharkiv', or the signature on the next line: '"..."\n\n- Bernie Sanders.'), and an embedded post as
# its text reads once the embed's markup is gone ('... — Paul Ryan (@SpeakerRyan) July 5, 2016'). Seen on PolNeAR
# train (wash-post and breitbart articles) and dev (a huff-post vox pop).
SIGNED_WORDS = (
    re.compile(r"^[ \t]*[\"“”‘'](?P<content>[^\n]+?)[\"”“’'][ \t]*(?:\n[ \t]*){0,2}"
               r"(?P<dash>―|—|–|--|-(?=[ \t]*[A-Z]))[ \t]*(?P<signature>[^\n]{1,160})$", re.MULTILINE),
    re.compile(r"^(?:<[^>\n]*>)?[ \t]*(?P<content>[^\n]+?)[ \t]+(?P<dash>—|―|–|-)[ \t]+"
               r"(?P<signature>[^\n(]{1,80}\(@\w{1,15}\)[^\n]*)$", re.MULTILINE),
)
# A speaker's name in a signature: capitalized words and initials, with at most two short lower-case words between
# two of them (the particles of 'Ursula von der Leyen').
SIGNATURE_NAME = re.compile(r"[A-Z][\w'’\-]*\.?(?:[ \t]+(?:[a-z]{1,3}[ \t]+){0,2}[A-Z][\w'’\-]*\.?)*")
# The cue lemma of signed words, whichever dash signs them.
SIGNATURE_CUE = "―"


def signed_words(ctx: DocContext) -> list[Draft]:
    """Words signed after a dash (SIGNED_WORDS: '"..." ― Sonya Herridge'): the signer said them, verbatim. The
    dash is the cue; the name it opens is the speaker."""
    doc = ctx.doc
    found: list[Draft] = []
    text = ctx.text
    for match in (m for pattern in SIGNED_WORDS for m in pattern.finditer(text)):
        name = SIGNATURE_NAME.match(match.group("signature"))
        if name is None or len(name.group().split()) > SPEAKER_WORDS:
            continue
        name_start = match.start("signature")
        name_end = name_start + len(name.group().rstrip("."))
        rest = match.group("signature")[name_end - name_start:].strip(" \t.")
        if rest and rest[0] not in ",(":
            continue  # the signature goes on as a sentence: not a name alone
        source = doc.char_span(name_start, name_end, alignment_mode="contract")  # not a dash glued on
        content = doc.char_span(match.start("content"), match.end("content"), alignment_mode="contract")
        dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
        if source is None or content is None or dash is None or not len(content):
            continue
        trimmed = trim(doc, content.start, content.end - 1)
        if trimmed is None:
            continue
        found.append(Draft(cue=match.span("dash"), cue_token=dash.start, cue_lemma=SIGNATURE_CUE,
                           content=chars(doc, *trimmed), source=(source.start_char, source.end_char),
                           source_token=source.root.i, kind="direct", stance="assert", signed=True))
    return found
