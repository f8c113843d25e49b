"""What one Doc's claim extraction shares, made afresh for every call: the component keeps no per-Doc state, so one
loaded pipeline can serve several threads."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.extract.actors import ActorIndex
from sitroom.extract.claims.cue_model import CueModel
from sitroom.extract.claims.lexicon import ClaimLexicon
from sitroom.extract.claims.options import ClaimOptions
from sitroom.extract.doc import doc_text, sentences
from sitroom.text.quotes import quote_around, quote_spans

# A headline ends at the first line break within this many characters (else the article has none).
HEADLINE_CHARS = 300


@dataclass(frozen=True)
class ClaimResources:
    """What the component loads once and every call reads: options, lexicon and the learned files."""

    options: ClaimOptions
    lexicon: ClaimLexicon
    cue_model: CueModel | None
    extent_table: dict[str, bool]


@dataclass
class DocContext:
    """One Doc with what the rules read over and over: its text, sentence starts, quotations, the names NER tagged
    as people, where its headline ends, and the index of its actors (which the sources add to). In the reported
    scheme a quotation left open before a paragraph that reopens it is one (text.quotes, continued); PolNeAR's
    broad reading keeps the old one (its dev exact F1 fell 0.07 with it)."""

    doc: Doc
    text: str
    options: ClaimOptions
    lexicon: ClaimLexicon
    cue_model: CueModel | None
    extent_table: dict[str, bool]
    index: ActorIndex
    sent_starts: list[int]
    quotes: list[tuple[int, int]]
    persons: set[str]
    headline_end: int

    @classmethod
    def of(cls, doc: Doc, resources: ClaimResources, index: ActorIndex) -> DocContext:
        text = doc_text(doc)
        persons = {ent.text.lower() for ent in doc.ents if ent.label_ == "PERSON"}
        persons |= {word for name in persons for word in name.split()}
        headline_end = text.find("\n")
        return cls(
            doc=doc, text=text, options=resources.options, lexicon=resources.lexicon,
            cue_model=resources.cue_model, extent_table=resources.extent_table, index=index,
            sent_starts=list(sentences(doc).starts),
            quotes=quote_spans(text, continued=resources.options.scheme == "reported"), persons=persons,
            headline_end=headline_end if 0 <= headline_end < HEADLINE_CHARS else 0,
        )

    def sent(self, token: Token) -> Span:
        """``token.sent`` without spaCy's walk over every sentence before it (extract.doc.sentences)."""
        return sentences(self.doc).sent(self.doc, token.i)

    def in_quote(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation that holds the characters [start, end), if any."""
        return quote_around(self.quotes, start, end)

    def claim_noun(self, token: Token) -> bool:
        """Whether a noun names a claim ("report", "assertion"): claim_nouns.tsv."""
        return token.lemma_.lower() in self.lexicon.claim_nouns
