"""Paragraph breaks are sentence breaks: titles, captions and promo lines have no final full stop, and without
this the parser runs them into the next paragraph's first sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "sitroom_paragraphs",
    assigns=["token.is_sent_start"],
    default_config={"min_newlines": 2},
)
def make_paragraph_boundaries(nlp: Language, name: str, min_newlines: int) -> "ParagraphBoundaries":
    return ParagraphBoundaries(min_newlines)


class ParagraphBoundaries:
    """Marks the first token after `min_newlines` line breaks as a sentence start; leaves the rest to the parser.

    Two line breaks (a blank line) by default, so hard-wrapped plain text is not cut mid-sentence.
    """

    def __init__(self, min_newlines: int = 2) -> None:
        self.min_newlines = min_newlines

    def __call__(self, doc: Doc) -> Doc:
        newlines = 0
        for token in doc:
            if token.is_space:
                newlines += token.text.count("\n") + token.whitespace_.count("\n")
                continue
            if token.i > 0 and newlines >= self.min_newlines:
                token.is_sent_start = True
            newlines = token.whitespace_.count("\n")
        return doc
