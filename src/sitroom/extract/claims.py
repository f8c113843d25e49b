"""Claims: who asserts, denies or declines to comment on what, with the cue, the content and its verification.

Rules over the dependency parse, with the cue lexicon as data: the source is the cue's subject or by-agent, the
content its complement clause, its object (for denials and responses) or the quotation it introduces. A response
("The Kremlin has dismissed those claims") links to the claim it answers, and a verification phrase ("could not be
independently verified", "did not provide evidence") attaches to the claim it qualifies, across sentences, by
matching the noun that refers back ("the reports", "his claim") to the cue of an earlier claim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.extract.actors import DATA_DIR as ACTOR_DATA_DIR
from sitroom.extract.actors import ActorIndex, load_actor_lexicon, noun_phrase, read_rows
from sitroom.extract.cue_extent import cue_extent, load_extent_table
from sitroom.extract.cue_model import load_cue_model
from sitroom.extract.doc import doc_text, evidence, register_extensions
from sitroom.model import Actor, Claim, ClaimKind, Evidence, Stance, VerificationNote

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "claims"

OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
STRAIGHT_QUOTES = '"'
# Labels of a cue's children that can carry what was said.
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
SUBJECT_DEPS = ("nsubj", "csubj")
# Sources that stand for the speaker: resolved to whoever speaks where the article says so.
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Cues by which a lead names the speaker of the speech that follows ("This was stated by President ...").
SPEECH_CUES = frozenset({":", "say", "state", "tell", "address", "speak", "declare", "announce", "note"})
# A headline naming a whole-article speech's speaker: "Speech by the President of Ukraine at ...", "Putin's address".
SPEECH_TITLE = re.compile(
    r"^(?:(?:speech|address|remarks|statement|interview|message|transcript)\s+(?:by|of)\s+(?:the\s+)?"
    r"(?P<by>[^:;,.]+?)(?=\s+(?:at|to|on|in|during|before|after|following|for)\s|[:;,.]|$)"
    r"|(?:the\s+)?(?P<own>[^:;,.]+?)['’]s?\s+(?:speech|address|remarks|statement|message)\b)", re.IGNORECASE)
# Prepositions after a noun cue that introduce what it is about ("criticism of", "call for", "questions about").
NOUN_PREPS = frozenset({"about", "on", "for", "of", "to", "over", "against", "with", "that"})
# Verbs whose subject is the source of the stated thing they take as object ("issued a warning", "voiced support").
VOICING_VERBS = frozenset({"make", "issue", "express", "voice", "offer", "give", "raise", "lodge", "file", "deliver",
                           "announce", "publish", "release", "send", "post"})
# Prepositions whose object is what a cue is about, the likelier first ("complained to officials about the emblem").
CONTENT_PREPS = ("about", "on", "over", "against", "for", "of", "as", "to", "with", "by")
# Labels of a cue's children that may stand between it and the quotation it introduces.
ARGUMENT_DEPS = ("nsubj", "dobj", "dative", "prt", "npadvmod", "advmod", "prep", "aux", "neg")
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


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: Stance
    negated: str  # stance when negated ("no_comment"), or "-": a denial, or no claim (negated_cues off)


@dataclass(frozen=True)
class ClaimLexicon:
    cues: dict[str, Cue]
    hedges: frozenset[str]
    verification: tuple[tuple[str, re.Pattern[str]], ...]
    channels: frozenset[str]
    claim_nouns: dict[str, tuple[str, ...]]  # noun lemma -> cue lemmas it names, in order of preference
    object_cues: frozenset[str]  # cue lemmas whose direct object is what was said
    addressee_cues: frozenset[str]  # cue lemmas whose direct object is the listener ("told reporters")
    not_speakers: frozenset[str]  # line labels that name no speaker ("UPDATE:")
    light_nouns: frozenset[str]  # objects that leave the content to a preposition ("took a shot at")


@lru_cache(maxsize=8)
def load_claim_lexicon(data_dir: str = str(DATA_DIR)) -> ClaimLexicon:
    base = Path(data_dir)
    cues = {row[0]: Cue(row[0], row[1], row[2]) for row in read_rows(base / "cues.tsv")}  # type: ignore[arg-type]
    hedges = frozenset(row[0] for row in read_rows(base / "hedges.txt"))
    verification = tuple((row[0], re.compile(row[1], re.IGNORECASE)) for row in read_rows(base / "verification.tsv"))
    channels = frozenset(row[0] for row in read_rows(base / "channels.tsv"))
    nouns = {row[0]: tuple(row[1].split("|")) for row in read_rows(base / "claim_nouns.tsv")}
    objects = frozenset(row[0] for row in read_rows(base / "object_cues.txt"))
    addressees = frozenset(row[0] for row in read_rows(base / "addressee_cues.txt"))
    not_speakers = frozenset(row[0] for row in read_rows(base / "not_speakers.txt"))
    light = frozenset(row[0] for row in read_rows(base / "light_nouns.txt"))
    return ClaimLexicon(cues, hedges, verification, channels, nouns, objects, addressees, not_speakers, light)


# --- quotations ----------------------------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every quotation, marks included; curly quotes pair up, a straight one toggles. Two
    apostrophes are one straight quote: the New York Times archive writes ''...'' for both marks (PolNeAR's NYT
    articles quote that way only), and its quotations are otherwise invisible to every rule that reads quotes."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    skip = False
    for i, char in enumerate(text):
        if skip:
            skip = False
            continue
        if char == "'" and text[i + 1:i + 2] == "'":
            char, skip = STRAIGHT_QUOTES[0], True
        if char in OPEN_QUOTES or (char in STRAIGHT_QUOTES and start is None):
            start = i
        elif (char in CLOSE_QUOTES or char in STRAIGHT_QUOTES) and start is not None:
            spans.append((start, i + 2 if skip else i + 1))
            start = None
        elif char == "\n" and start is not None and text[i + 1:i + 2] == "\n":
            start = None  # a quote left open at a paragraph end closes there (news style reopens it)
    return spans


def _quote_around(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for q_start, q_end in quotes:
        if q_start <= start and end <= q_end:
            return q_start, q_end
    return None


# --- spans ---------------------------------------------------------------------------------------------------


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Token range [first, last] without punctuation at either end or a conjunction at its end (a leading "But"
    stays, as PolNeAR marks it)."""
    while first <= last and doc[first].is_punct and doc[first].text not in "“\"":
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].dep_ == "cc") and doc[last].text not in "”\"":
        last -= 1
    return (first, last) if first <= last else None


def _subtree_range(token: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    indices = [t.i for t in token.subtree if not exclude or t.i not in exclude]
    return min(indices), max(indices)


def _chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


# --- the extractor -------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    cue: tuple[int, int]  # char offsets
    cue_token: int
    cue_lemma: str
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_token: int | None
    kind: ClaimKind
    stance: Stance
    channel: tuple[int, int] | None = None
    whole_source: bool = False  # the source mention is the whole noun phrase, appositions and clauses included
    mention: tuple[int, int] | None = None  # the source as written where it is not ``source`` ("who" said)
    signed: bool = False  # the source signed the words (a quotation line, a post); see build for its kind


class ClaimExtractor:
    """Sets ``doc._.claims``: list[Claim]; adds the actors it meets as sources to ``doc._.actors``."""

    def __init__(self, data_dir: str, actor_data_dir: str, quote_window: int, objects_as_content: bool,
                 clause_verbs_as_cues: bool, cue_threshold: float, agent_in_cue: bool,
                 skip_quoted_cues: bool, lexicon_floor: float, continuation_chars: int,
                 negated_cues: bool, speaker_sentences: int, noun_threshold: float) -> None:
        register_extensions()
        self.agent_in_cue = agent_in_cue
        self.noun_threshold = noun_threshold
        self.skip_quoted_cues = skip_quoted_cues
        self.cue_model = load_cue_model() if cue_threshold < 1.0 else None
        self.cue_threshold = cue_threshold
        self.cue_extent_kinds = load_extent_table()
        self._sent_starts: list[int] = [0]
        self.lexicon_floor = lexicon_floor
        self.clause_verbs_as_cues = clause_verbs_as_cues
        self.objects_as_content = objects_as_content
        self.lexicon = load_claim_lexicon(data_dir)
        self.actor_lexicon = load_actor_lexicon(actor_data_dir)
        self.quote_window = quote_window
        self.continuation_chars = continuation_chars
        self.negated_cues = negated_cues
        self.speaker_words = 8  # 'President of Russia Vladimir Putin'
        self.speaker_sentences = speaker_sentences

    def __call__(self, doc: Doc) -> Doc:
        self._sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        index = ActorIndex.from_doc(doc, self.actor_lexicon)
        drafts = self.find(doc)
        claims = self.build(doc, drafts, index)
        doc._.actors = index.actors
        doc._.claims = claims
        return doc

    def _sent(self, token: Token) -> Span:
        """``token.sent`` without spaCy's walk over every sentence before it: the starts are read once a Doc."""
        starts = self._sent_starts
        k = bisect_right(starts, token.i) - 1
        return token.doc[starts[k]:starts[k + 1] if k + 1 < len(starts) else len(token.doc)]

    # -- finding cues and their arguments -------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[_Draft]:
        quotes = quote_spans(doc_text(doc))
        persons = {ent.text.lower() for ent in doc.ents if ent.label_ == "PERSON"}
        persons |= {word for name in persons for word in name.split()}
        headline_end = doc_text(doc).find("\n")
        headline_end = headline_end if 0 <= headline_end < 300 else 0
        drafts: list[_Draft] = []
        for token in doc:
            draft = (self._according_to(doc, token) or self._hedge(doc, token) or self._bridge(doc, token)
                     or self._headline(doc, token, headline_end)
                     or self._colon(doc, token, persons) or self._noun_cue(doc, token)
                     or self._learned_noun_cue(doc, token, quotes) or self._verb_cue(doc, token, quotes))
            if draft is not None:
                drafts.append(draft)
        signed = self._signed_words(doc)
        drafts = [d for d in drafts if not any(s.content[0] < d.content[1] and d.content[0] < s.content[1]
                                               for s in signed)]  # signed words have their one speaker
        drafts = self._outermost(doc, drafts + signed)
        for draft in drafts:
            if draft.kind != "hedged" and not draft.signed:
                draft.kind = self._kind(doc, draft, quotes)
        return drafts + self._continued_quotes(doc, drafts, quotes)

    def _signed_words(self, doc: Doc) -> list[_Draft]:
        """Words signed after a dash (SIGNED_WORDS: '"..." ― Sonya Herridge'): the signer said them, verbatim. The
        dash is the cue; the name it opens is the speaker."""
        found: list[_Draft] = []
        text = doc_text(doc)
        for match in (m for pattern in SIGNED_WORDS for m in pattern.finditer(text)):
            name = SIGNATURE_NAME.match(match.group("signature"))
            if name is None or len(name.group().split()) > self.speaker_words:
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
            trimmed = _trim(doc, content.start, content.end - 1)
            if trimmed is None:
                continue
            found.append(_Draft(cue=match.span("dash"), cue_token=dash.start, cue_lemma=SIGNATURE_CUE,
                                content=_chars(doc, *trimmed), source=(source.start_char, source.end_char),
                                source_token=source.root.i, kind="direct", stance="assert", signed=True))
        return found

    def _continued_quotes(self, doc: Doc, drafts: list[_Draft], quotes: list[tuple[int, int]]) -> list[_Draft]:
        """A quotation standing alone, with no cue of its own, continues the direct quote just before it (or, with
        none before, just after it): the same speaker said it, through the same cue."""
        taken = [d.content for d in drafts] + [d.cue for d in drafts]
        direct = sorted((d for d in drafts if d.kind in ("direct", "mixed") and d.source and not d.signed),
                        key=lambda d: d.cue[0])  # a signature signs its own line only
        found: list[_Draft] = []
        for q_start, q_end in quotes:
            if any(s < q_end and q_start < e for s, e in taken):
                continue
            span = doc.char_span(q_start, q_end, alignment_mode="expand")
            if span is None or len(span) < 4:
                continue
            sentences = doc[self._sent(span[0]).start:self._sent(span[-1]).end]
            outside = [t for t in sentences if not t.is_punct and not t.is_space and not q_start <= t.idx < q_end]
            if outside:
                continue  # the quotation is part of a larger sentence: not a quote paragraph
            before = [d for d in direct if d.content[1] <= q_start and q_start - d.content[1] < self.continuation_chars]
            after = [d for d in direct if d.content[0] >= q_end and d.content[0] - q_end < self.continuation_chars]
            speaker = before[-1] if before else (after[0] if after else None)
            trimmed = _trim(doc, span.start, span.end - 1)
            if speaker is None or trimmed is None:
                continue
            found.append(_Draft(cue=speaker.cue, cue_token=speaker.cue_token, cue_lemma=speaker.cue_lemma,
                                content=_chars(doc, *trimmed), source=speaker.source,
                                source_token=speaker.source_token, kind="direct", stance=speaker.stance,
                                whole_source=speaker.whole_source))
            direct.append(found[-1])
            direct.sort(key=lambda d: d.content[0])
        return found

    def _cue_entry(self, token: Token) -> Cue | None:
        return self.lexicon.cues.get(token.lemma_.lower())

    def _verb_cue(self, doc: Doc, token: Token, quotes: list[tuple[int, int]]) -> _Draft | None:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
            return None
        cue = self._cue_entry(token)
        probability = 1.0
        if self.cue_model is not None and token.pos_ == "VERB" and (cue is None or self.lexicon_floor > 0):
            in_quote = _quote_around(quotes, token.idx, token.idx + len(token.text)) is not None
            probability = self.cue_model.probability(token, in_quote)
            if cue is None and probability >= self.cue_threshold:
                cue = Cue(token.lemma_.lower(), "assert", "-")
            elif cue is not None and probability < self.lexicon_floor and cue.stance == "assert":
                return None
        if cue is None and self.clause_verbs_as_cues and token.pos_ == "VERB" and any(
                c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if")
                                          for m in c.children)
                for c in token.children):
            cue = Cue(token.lemma_.lower(), "assert", "-")
        if cue is None:
            return None
        if token.dep_ == "advcl" and token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                for c in token.children):
            return None  # "... visited Berlin to discuss aid": a purpose, not something said
        if self.skip_quoted_cues and _quote_around(quotes, token.idx, token.idx + len(token.text)) is not None:
            return None  # a cue inside a quotation belongs to what the quoted speaker said
        negated = any(c.dep_ == "neg" for c in token.children)
        stance: Stance = cue.stance
        if negated:
            if cue.negated == "-" and not self.negated_cues:
                return None
            stance = "deny" if cue.negated == "-" else cue.negated  # type: ignore[assignment]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        source = self._source(token, passive)
        content, extra_cue = self._content(doc, token, cue, passive, negated, quotes)
        if content is None:
            return None
        if source is None and not passive and probability < self.cue_threshold:
            return None
        cue_first, cue_last = self._cue_extent(token, extra_cue, content)
        channel = self._channel(token)
        relative = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT")), None)
        return _Draft(
            cue=_chars(doc, cue_first, cue_last), cue_token=token.i, cue_lemma=cue.lemma,
            content=_chars(doc, *content),
            source=(source.start_char, source.end_char) if source is not None else None,
            source_token=source.root.i if source is not None else None,
            kind="indirect", stance=stance, channel=channel, whole_source=True,
            mention=_chars(doc, relative.i, relative.i) if relative is not None and source is not None else None,
        )

    def _cue_extent(self, verb: Token, extra: list[int], content: tuple[int, int] | None) -> tuple[int, int]:
        """The cue's words as PolNeAR marks them, counted on its train split (sitroom.extract.cue_extent): "has
        also said", "pointed out", "called for", "continues to insist", but "said" before "Friday"."""
        first, last = cue_extent(verb, content, self.cue_extent_kinds, self._sent(verb).start)
        return first, max([last] + extra)

    def _source(self, verb: Token, passive: bool) -> Span | None:
        """The cue's subject (or by-agent when passive), inherited from the verb it is coordinated with."""
        current: Token | None = verb
        for _ in range(3):
            if current is None:
                break
            for child in current.children:
                if not passive and child.dep_ in SUBJECT_DEPS:
                    if child.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
                        return self._source_span(current.head)  # "officials, who said ..."
                    return self._source_span(child)
                if passive and child.dep_ == "agent":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self._source_span(pobj)
            if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
                current = current.head
                passive = False
            elif current.dep_ == "pcomp" and current.head.head is not current.head:
                current = current.head.head  # "... by asking her", "after announcing that"
                passive = False
            elif current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") \
                    and current.tag_ == "VBG":
                return self._source_span(current.head)  # "one saying that ..."
            else:
                break
        return None if passive else self._adjacent_subject(verb)

    def _adjacent_subject(self, verb: Token) -> Span | None:
        """The name or pronoun right before the cue when the parse gave it another role ("... of the Post Trump
        said that ..."): English puts the speaker there."""
        i = verb.i - 1
        while i >= self._sent(verb).start and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
            i -= 1
        if i < self._sent(verb).start:
            return None
        token = verb.doc[i]
        if token.pos_ in ("PROPN", "PRON") and token.dep_ not in ("poss",) and token.tag_ not in ("WP", "WDT", "EX"):
            return self._source_span(token) if token.pos_ == "PRON" else verb.doc[
                min(t.i for t in token.subtree if t.pos_ == "PROPN" or t.i == token.i):token.i + 1]
        return None

    def _source_span(self, head: Token) -> Span:
        if head.pos_ == "PRON":
            return head.doc[head.i:head.i + 1]
        return noun_phrase(head)

    def _content(self, doc: Doc, verb: Token, cue: Cue, passive: bool, negated: bool,
                 quotes: list[tuple[int, int]]) -> tuple[tuple[int, int] | None, list[int]]:
        """Token range of what was said, and tokens to add to the cue (a preposition: 'commented on')."""
        right_object = any(c.dep_ == "dobj" and c.i > verb.i and c.pos_ != "PRON" for c in verb.children)
        for child in sorted(verb.children, key=lambda c: c.i < verb.i):  # a clause after the cue first
            if child.i < verb.i and right_object and _quote_around(quotes, child.idx, child.idx + 1) is None:
                continue  # "He made the observation ..., he had said the same thing": the object after
            if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX") or child.dep_ == "ccomp":
                first, last = _subtree_range(child)
                listener = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None)
                if child.dep_ == "xcomp" and listener is not None:
                    first = min(first, _subtree_range(listener)[0])  # "urged his supporters to monitor ..."
                quote = _quote_around(quotes, doc[first].idx, doc[last].idx + len(doc[last].text))
                if quote is None:
                    quote = _quote_around(quotes, child.idx, child.idx + len(child.text))
                if quote is not None:
                    span = doc.char_span(*quote, alignment_mode="expand")
                    if span is not None:
                        return _trim(doc, span.start, span.end - 1), []
                return _trim(doc, first, last), []
        if passive:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if subject is not None and agent is not None:
                return _trim(doc, *_subtree_range(subject)), ([agent.i] if self.agent_in_cue else [])
            if subject is not None and subject.pos_ != "PRON":
                return _trim(doc, *_subtree_range(subject)), []  # "The compromise ... had been reported"
            return None, []
        after_colon = self._after_colon(doc, verb)
        if after_colon is not None:
            return after_colon, []  # "released the following statement: ..."
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in self.lexicon.light_nouns:
            prep = next((c for c in [*obj.rights, *verb.rights] if c.dep_ == "prep" and c.i > obj.i
                         and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
            if prep is not None:  # "took a shot at Clinton", "pinned his hopes on South Carolina"
                inner = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
                return _trim(doc, *_subtree_range(inner)), []
        if obj is not None and (cue.lemma in self.lexicon.object_cues or self._claim_noun(obj) or negated
                                or (self.objects_as_content and cue.lemma not in self.lexicon.addressee_cues)):
            predicate = next((c for c in verb.children if c.i > obj.i and (
                c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("of", "as", "for")))), None)
            person = obj.pos_ == "PRON" or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            if predicate is not None and (person or predicate.dep_ == "oprd"):
                if predicate.dep_ == "prep":  # "thanked Obama for taking ...": what the preposition governs
                    inner = next((c for c in predicate.children if c.dep_ in ("pobj", "pcomp")), None)
                    if inner is not None:
                        return _trim(doc, *_subtree_range(inner)), []
                return _trim(doc, *_subtree_range(predicate)), []  # "called him a genius", "accusing her of ..."
            return _trim(doc, *_subtree_range(obj)), []
        preps = sorted((c for c in verb.children if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS),
                       key=lambda c: CONTENT_PREPS.index(c.lower_))  # "complained to X about Y": about Y
        for prep in preps:
            if negated or cue.stance != "assert" or cue.negated != "-" or self.objects_as_content:
                pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                    return _trim(doc, *_subtree_range(pobj)), [prep.i]  # "commented on", "is assured of winning"
        short = next((c for c in verb.rights if c.lower_ in ("so", "no", "yes")), None)
        if short is not None:
            return (short.i, short.i), []  # "said so", "said no"
        quote = self._adjacent_quote(doc, verb, quotes)
        if quote is not None:
            return quote, []
        if verb.head.pos_ in ("VERB", "AUX") and (verb.dep_ in ("parataxis", "ccomp") or (
                verb.dep_ == "advcl" and verb.head.i > verb.i and any(
                    c.dep_ == "mark" and c.lower_ == "as" for c in verb.children))):
            return self._around(doc, verb), []  # "..., he said, ...", "As X reported, ...": the clause around
        mark = next((t for t in doc[verb.i + 1:self._sent(verb).end]
                     if t.dep_ == "mark" and t.lower_ in ("that", "whether") and t.head.i > t.i
                     and self._only_arguments(verb, verb.idx + len(verb.text), t.idx)), None)
        if mark is not None:  # "said earlier on Friday during a news conference that he may wait": misattached
            return _trim(doc, mark.i, max(t.i for t in mark.head.subtree)), []
        if self.objects_as_content:  # "tweeted ... that Machado was ...", "responded by using ...": the largest
            rest = [c for c in verb.rights if (c.dep_ in ("advcl", "oprd", "acomp", "dep") or (
                c.dep_ == "prep" and c.lower_ in ("by", "with", "about", "as", "against", "for", "over", "on", "to")))
                and not any(t.ent_type_ in ("DATE", "TIME") for t in c.children)]
            if rest:
                biggest = max(rest, key=lambda c: sum(1 for _ in c.subtree))
                if sum(1 for _ in biggest.subtree) >= 3:
                    return _trim(doc, *_subtree_range(biggest)), []
        return self._clause_before(doc, verb), []

    def _clause_before(self, doc: Doc, verb: Token) -> tuple[int, int] | None:
        """The clause before a closing "..., experts say." or "..., Graham told The Huffington Post on Thursday.":
        the cue, its subject and its own arguments end the sentence after a comma, and the parse left the clause
        before them unattached."""
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
        sent = self._sent(verb)
        if subject is None or subject.left_edge.i - 1 <= sent.start:
            return None
        comma = doc[subject.left_edge.i - 1]
        while comma.text in CLOSE_QUOTES + STRAIGHT_QUOTES + "'" and comma.i - 1 > sent.start:
            comma = doc[comma.i - 1]
        if comma.text != "," or not self._only_arguments(verb, subject.idx, verb.idx) \
                or not self._only_arguments(verb, verb.idx + len(verb.text), sent.end_char):
            return None
        trimmed = _trim(doc, sent.start, comma.i - 1)
        return trimmed if trimmed is not None and trimmed[1] - trimmed[0] >= 2 else None

    def _after_colon(self, doc: Doc, verb: Token) -> tuple[int, int] | None:
        """'The New York Times reports:' / 'Caddell continued:' then the words: the rest of the paragraph after the
        colon, or the next paragraph when the colon ends one."""
        i = verb.i + 1
        while i < len(doc) and i < self._sent(verb).end and doc[i].text != ":" and (
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
        return _trim(doc, first, last) if first < len(doc) else None

    def _around(self, doc: Doc, verb: Token) -> tuple[int, int] | None:
        """The clause a parenthetical cue is inserted in: after the cue's own words where that part is a clause
        ("In his state, Christie said, offenders are sent ..."), else before them."""
        own = [t.i for t in verb.subtree]
        clause = [t.i for t in verb.head.subtree]
        before = [i for i in clause if i < min(own)]
        after = [i for i in clause if i > max(own)]
        if len(after) >= 3 or not before:
            return _trim(doc, min(after), max(after)) if after else None
        return _trim(doc, min(before), max(before))

    def _adjacent_quote(self, doc: Doc, verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
        """A quotation that ends just before the cue (“...,” he said) or starts just after it (said: “...”)."""
        sent = self._sent(verb)
        ranked = []
        verb_end = verb.idx + len(verb.text)
        for q_start, q_end in quotes:
            inside = sent.start_char <= q_end <= verb.idx and (
                doc_text(doc)[q_end:verb.idx].strip(" ,.\n").count(" ") <= 3
                or self._only_arguments(verb, q_end, verb.idx))
            after = 0 <= q_start - verb_end <= self.quote_window or (
                verb_end <= q_start < sent.end_char and self._only_arguments(verb, verb_end, q_start))
            before = 0 <= sent.start_char - q_end <= self.quote_window
            if inside or after or before:
                ranked.append((0 if inside else 1 if after else 2, abs(verb.idx - q_end), q_start, q_end))
        for _, _, q_start, q_end in sorted(ranked):
            span = doc.char_span(q_start, q_end, alignment_mode="expand")
            if span is not None and not (span.start <= verb.i < span.end):
                return _trim(doc, span.start, span.end - 1)
        return None

    def _only_arguments(self, verb: Token, start: int, end: int) -> bool:
        """Whether the words between two characters are all the cue's subject, listener or setting ("“...,” Brent
        Bozell III, founder of the Media Research Center, tells", "asking her, “...”"), so a quotation beyond
        them is still next to the cue."""
        words = [t for t in self._sent(verb) if start <= t.idx < end and not t.is_punct and not t.is_space]
        if not words:
            return True
        allowed = {t.i for c in verb.children if c.dep_ in ARGUMENT_DEPS for t in c.subtree}
        return all(t.i in allowed for t in words)

    def _claim_noun(self, token: Token) -> bool:
        return token.lemma_.lower() in self.lexicon.claim_nouns

    def _channel(self, verb: Token) -> tuple[int, int] | None:
        """'in his regular nightly address published on social media': the medium the cue was spoken through."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "on", "via", "through"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() in self.lexicon.channels:
                    return _chars(verb.doc, *_subtree_range(pobj))
        return None

    def _according_to(self, doc: Doc, token: Token) -> _Draft | None:
        """'According to X, <clause>': X is the source, the rest of the clause the content."""
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
        first, last = _subtree_range(head, exclude=phrase)
        if first < min(phrase) <= last and all(t.is_punct for t in doc[max(phrase) + 1:last + 1]):
            last = min(phrase) - 1  # '..., according to the ministry.': the content stops before the cue
        trimmed = _trim(doc, first, last)
        if trimmed is None:
            return None
        return _Draft(cue=_chars(doc, token.i, to.i), cue_token=token.i, cue_lemma="according to",
                      content=_chars(doc, *trimmed), source=(source.start_char, source.end_char),
                      source_token=source.root.i, kind="indirect", stance="assert", whole_source=True)

    def _colon(self, doc: Doc, token: Token, persons: set[str]) -> _Draft | None:
        """'PENCE: Well, the question ...', '"WALLACE: Let's start ...', 'President of Russia Vladimir Putin: Good
        afternoon', 'Pence: Flowers Won't Be at Debate': a speaker's name (a person, a name in capitals, or any
        capitalized name opening the headline) opening a line, then a colon; the rest of the paragraph is what the
        speaker said."""
        if token.text != ":" or token.i == 0 or token.i + 1 >= len(doc):
            return None
        label_end = token.i
        if doc[label_end - 1].text == ")" and label_end >= 3 and doc[label_end - 3].text == "(":
            label_end -= 3  # 'Emmanuel Macron (retranslated):'
        start = label_end
        while start > 0 and "\n" not in doc[start - 1].text and label_end - start < self.speaker_words and (
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
        if name[-1].lower_ in self.lexicon.not_speakers:
            return None  # 'UPDATE: ...', 'EXCLUSIVE: ...'
        headline = opener < 0 and all(t.is_title or t.is_upper for t in words)  # 'Poll: ...', 'Issa: ...'
        if not (shouted or headline or name.text.lower() in persons or name[-1].text.lower() in persons
                or name[-1].ent_type_ == "PERSON"):
            return None
        end = token.i + 1
        sentences = 0
        while end < len(doc) and "\n" not in doc[end].text and sentences < self.speaker_sentences:
            sentences += doc[end].is_sent_end is True
            end += 1
        trimmed = _trim(doc, token.i + 1, end - 1)
        if trimmed is None or not any(t.pos_ in ("VERB", "AUX") for t in doc[trimmed[0]:trimmed[1] + 1]):
            return None  # 'Hillary Clinton: 1,769.' is a tally, not words said
        person = name
        while len(person) > 1 and person[0].ent_type_ != "PERSON" and name[-1].ent_type_ == "PERSON":
            person = person[1:]  # 'President of Russia Vladimir Putin': the actor is the person, the mention all
        return _Draft(cue=_chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=":",
                      content=_chars(doc, *trimmed), source=(person.start_char, person.end_char),
                      source_token=person.root.i, kind="direct", stance="assert",
                      mention=(name.start_char, name.end_char))

    def _noun_cue(self, doc: Doc, token: Token) -> _Draft | None:
        """"Trump's claim that ...", "the ministry's statement on ...": a claim noun with a possessor (the source)
        and a that-clause or an about/on object (the content)."""
        if token.pos_ != "NOUN" or not self._claim_noun(token):
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        content = None
        for child in token.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" and m.dep_ == "mark"
                                                                 for m in child.children):
                content = _subtree_range(child)
            elif child.dep_ == "prep" and child.lower_ in ("about", "on", "that") and content is None:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    content = _subtree_range(pobj)
        trimmed = _trim(doc, *content) if content else None
        if trimmed is None:
            return None
        source = self._source_span(owner)
        last = source.end - 1
        return _Draft(cue=_chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=token.lemma_.lower(),
                      content=_chars(doc, *trimmed), source=_chars(doc, source.start, last),
                      source_token=owner.i, kind="indirect", stance="assert")

    def _learned_noun_cue(self, doc: Doc, token: Token, quotes: list[tuple[int, int]]) -> _Draft | None:
        """'criticism of the plan', 'his call for a ceasefire', 'the decision to withdraw', 'support from Berlin for
        ...': a noun the cue model scores as a cue, with what it is about (a that- or to-clause, a prepositional
        object) as the content and its owner ('his', 'from Berlin', 'Russian', the one who 'voiced' it) as source."""
        if token.pos_ != "NOUN" or self.cue_model is None or self.noun_threshold >= 1.0:
            return None
        content: tuple[int, int] | None = None
        cue_last = token.i
        for child in token.children:
            if child.dep_ in ("acl", "ccomp", "relcl") and child.i > token.i and any(
                    m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in child.children):
                content = _subtree_range(child)
                break
        if content is None:
            prep = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ in NOUN_PREPS
                         and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
            if prep is not None:
                content = _subtree_range(prep)
                content = (content[0] + 1, content[1])
                cue_last = prep.i if prep.i == token.i + 1 else cue_last
        trimmed = _trim(doc, *content) if content else None
        if trimmed is None:
            return None
        in_quote = _quote_around(quotes, token.idx, token.idx + len(token.text)) is not None
        if (in_quote and self.skip_quoted_cues) or self.cue_model.probability(token, in_quote) < self.noun_threshold:
            return None  # scored last: the model is the costly part, and most nouns have no content
        source = self._noun_owner(token, trimmed)
        return _Draft(cue=_chars(doc, token.i, cue_last), cue_token=token.i, cue_lemma=token.lemma_.lower(),
                      content=_chars(doc, *trimmed),
                      source=(source.start_char, source.end_char) if source is not None else None,
                      source_token=source.root.i if source is not None else None, kind="indirect", stance="assert")

    def _noun_owner(self, noun: Token, content: tuple[int, int]) -> Span | None:
        """Whose the stated thing is: a possessor, a 'from'/'by' object, a name or nationality before the noun, or
        the subject of the verb that voiced it ('Kyiv issued a warning')."""
        outside = [c for c in noun.children if not content[0] <= c.i <= content[1]]
        for child in outside:
            if child.dep_ == "poss":
                return self._source_span(child)
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return self._source_span(pobj)
        for child in outside:
            if child.dep_ in ("compound", "amod") and child.i < noun.i and child.ent_type_ in (
                    "PERSON", "ORG", "NORP", "GPE"):
                return noun.doc[child.i:child.i + 1]
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in VOICING_VERBS:
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return self._source_span(subject)
        return None

    def _hedge(self, doc: Doc, token: Token) -> _Draft | None:
        """'North Korea has reportedly been providing ...': an unnamed source; the clause is the content."""
        if token.lower_ not in self.lexicon.hedges or token.dep_ != "advmod":
            return None
        verb = token.head
        keep = [verb] + [c for c in verb.children if c.dep_ not in ("advcl", "conj", "cc", "punct", "mark")
                         and not (c.dep_ == "prep" and c.i > verb.i and c.lower_ not in ("with", "to", "in"))]
        first = min(min(t.i for t in c.subtree) for c in keep)
        last = max(max(t.i for t in c.subtree) for c in keep)
        trimmed = _trim(doc, first, last)
        if trimmed is None:
            return None
        return _Draft(cue=_chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=token.lower_,
                      content=_chars(doc, *trimmed), source=None, source_token=None, kind="hedged", stance="assert")

    def _headline(self, doc: Doc, token: Token, headline_end: int) -> _Draft | None:
        """'Glenn Beck Blasts Drudge for Mocking His Fast': in a title-case headline the small model reads the verb as
        a name; a cue word there ('Blasts', 'Praises', 'Urges') between names and words is the headline's claim."""
        if token.idx >= headline_end or token.pos_ == "VERB" or token.i == 0 or not token.is_alpha:
            return None
        word = token.lower_
        cue = next((self.lexicon.cues[w] for w in (word, word[:-1], word[:-2], token.lemma_.lower())
                    if w in self.lexicon.cues), None)
        if cue is None or not word.endswith("s"):
            return None
        start = token.i
        while start > 0 and doc[start - 1].idx < headline_end and (doc[start - 1].is_title or doc[start - 1].is_upper
                                                                  or doc[start - 1].text in "’'-"):
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].idx < headline_end:
            end += 1
        trimmed = _trim(doc, token.i + 1, end - 1)
        if start == token.i or trimmed is None or trimmed[1] - trimmed[0] < 1:
            return None
        return _Draft(cue=_chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=cue.lemma,
                      content=_chars(doc, *trimmed), source=_chars(doc, start, token.i - 1), source_token=token.i - 1,
                      kind="indirect", stance=cue.stance)

    def _bridge(self, doc: Doc, token: Token) -> _Draft | None:
        """'... missile that Kyiv claims was made in North Korea': a cue between a name and a finite verb, which the
        small model parses as a noun; the name is the source, what follows the content."""
        if token.pos_ == "VERB" and token.dep_ not in ("nsubj", "nsubjpass", "compound", "amod"):
            return None
        if not token.is_lower or not token.text.endswith("s") or token.i == 0 or token.i + 1 >= len(doc):
            return None
        cue = self.lexicon.cues.get(token.lower_[:-1]) or self.lexicon.cues.get(token.lemma_.lower())
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
        trimmed = _trim(doc, token.i + 1, last)
        if trimmed is None:
            return None
        return _Draft(cue=_chars(doc, token.i, token.i), cue_token=token.i, cue_lemma=cue.lemma,
                      content=_chars(doc, *trimmed), source=_chars(doc, start, before.i), source_token=before.i,
                      kind="indirect", stance=cue.stance)

    def _outermost(self, doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
        """Drop claims whose cue lies inside another claim's content (each token belongs to one attribution), but
        for a cue the parse coordinated with the reported clause's verb where its form says it goes with the outer
        cue ("said he would order a review and warned against hackers": said/warned, not order/warned), or a
        participle closing the content after a comma ("said he didn't believe it, arguing that ..."); the outer
        content then stops before it, and the outer source is its source. A claim whose cue verb another cue has
        grown over ("appeared" in "appeared to suggest that ...") gives way to it."""
        drafts = [d for d in drafts if not any(
            o is not d and o.cue[0] <= doc[d.cue_token].idx < o.cue[1] and d.content[0] <= doc[o.cue_token].idx
            < d.content[1] for o in drafts)]
        kept = []
        for draft in drafts:
            outer = [o for o in drafts if o is not draft and o.content[0] <= draft.cue[0] < o.content[1]]
            if not outer:
                kept.append(draft)
                continue
            verb, cue = doc[draft.cue_token], doc[outer[0].cue_token]
            coordinated = verb.dep_ == "conj" and verb.head.head == cue and verb.tag_ == cue.tag_ != verb.head.tag_
            trailing = verb.dep_ == "advcl" and verb.tag_ == "VBG" and doc[verb.left_edge.i - 1].text == "," \
                and draft.content[1] >= outer[0].content[1]  # "said he didn't believe it, arguing that ..."
            if len(outer) > 1 or not (coordinated or trailing):
                continue
            first = doc.char_span(*outer[0].content, alignment_mode="expand")
            cut = (min(t.i for t in verb.subtree if t.i > verb.head.i) if coordinated else verb.left_edge.i) \
                if first is not None else 0
            trimmed = _trim(doc, first.start, cut - 1) if first is not None else None
            if trimmed is None:
                continue
            outer[0].content = _chars(doc, *trimmed)
            draft.source, draft.source_token = outer[0].source, outer[0].source_token
            draft.mention, draft.whole_source = outer[0].mention, outer[0].whole_source
            kept.append(draft)
        return kept

    def _kind(self, doc: Doc, draft: _Draft, quotes: list[tuple[int, int]]) -> ClaimKind:
        start, end = draft.content
        if _quote_around(quotes, start, end) is not None:
            return "direct"
        if any(start <= q_start < end for q_start, _ in quotes):
            return "mixed"
        return "indirect"

    # -- building Claims ---------------------------------------------------------------------------------------------

    def build(self, doc: Doc, drafts: list[_Draft], index: ActorIndex) -> list[Claim]:
        claims: list[Claim] = []
        drafts = sorted(drafts, key=lambda d: d.cue[0])
        for number, draft in enumerate(drafts, 1):
            source_id = None
            source_mention = None
            if draft.source is not None:
                span = doc.char_span(*draft.source, alignment_mode="expand")
                actor = self._source_actor(draft, span, index) if span is not None else None
                source_id = actor.id if actor else None
                source_mention = evidence(doc, *self._mention(doc, draft))
            first = min(draft.cue[0], draft.content[0], *(draft.source or ()))
            last = max(draft.cue[1], draft.content[1], *(draft.source or ()))
            claim = Claim(
                id=f"C{number}", source=source_id, source_mention=source_mention,
                cue=evidence(doc, *draft.cue), content=evidence(doc, *draft.content), cue_lemma=draft.cue_lemma,
                kind=draft.kind, stance=draft.stance,
                channel=evidence(doc, *draft.channel) if draft.channel else None,
                evidence=self._sentences(doc, first, last),
            )
            if draft.kind == "hedged":
                claim.verification.append(VerificationNote("reported", evidence(doc, *draft.cue)))
            claims.append(claim)
        for claim, draft in zip(claims, drafts):
            claim.target_claim = self._target(doc, claim, draft, claims, index)
        self._speakers(doc, drafts, claims, index)
        self._verify(doc, claims, index)
        self._dates(doc, claims, drafts)
        return claims

    def _source_actor(self, draft: _Draft, span: Span, index: ActorIndex) -> Actor | None:
        """The actor a draft's source names. A signature names a person whatever NER read ('Oleksandr' tagged a
        place), unless it reads as an organization ('The Associated Press', 'The Daily Beast')."""
        if not draft.signed or any(t.ent_type_ == "ORG" for t in span) or span[0].lower_ == "the" \
                or index.group_kind(span.root) is not None:
            return index.resolve(span)
        return index.resolve(span, create=False) or index.add(span.text, "person", span)

    def _speakers(self, doc: Doc, drafts: list[_Draft], claims: list[Claim], index: ActorIndex) -> None:
        """'I'/'we' as a source is whoever speaks there: the speaker of the quotation it stands in, of the
        transcript turn ('PENCE: ...' up to the next speaker's line), or, outside quotations in a whole-article
        speech, the speaker the lead or the headline names."""
        pending = [(c, d) for c, d in zip(claims, drafts) if c.source is None and d.source is not None
                   and doc_text(doc)[d.source[0]:d.source[1]].lower() in FIRST_PERSON]
        if not pending:
            return
        quotes = quote_spans(doc_text(doc))
        named = [(c, d) for c, d in zip(claims, drafts) if c.source is not None]
        headline_end = doc_text(doc).find("\n")
        headline_end = headline_end if 0 <= headline_end < 300 else 0  # 'Trump: Cruz Has ...' starts no turn
        turns = sorted((d.cue[0], c.source) for c, d in named if d.cue_lemma == ":" and d.cue[0] >= headline_end)
        unplaced = []
        for claim, draft in pending:
            at = draft.cue[0]
            quote = _quote_around(quotes, at, at + 1)
            speaker = None
            if quote is not None:  # the quote's own claim, else the direct quote it continues
                direct = [(c, d) for c, d in named if d.kind in ("direct", "mixed") and d.content[0] < quote[1]]
                covering = [c for c, d in direct if quote[0] <= d.content[1]]
                before = [c for c, d in direct if quote[0] - d.content[1] < self.continuation_chars]
                speaker = (covering or before or [None])[-1]
                speaker = speaker.source if speaker is not None else None
            elif turns and turns[0][0] < at:
                speaker = [source for start, source in turns if start < at][-1]
            if speaker is None and quote is None:
                unplaced.append(claim)
            claim.source = speaker
        if len(unplaced) >= 2:  # first person outside quotations, more than once: the article is a speech
            speaker = self._article_speaker(doc, named, index)
            for claim in unplaced:
                claim.source = speaker

    def _article_speaker(self, doc: Doc, named: list[tuple[Claim, _Draft]], index: ActorIndex) -> str | None:
        """The speaker of a whole-article speech: the person a speech cue in the lead names ("This was stated by
        President Volodymyr Zelenskyy"), else the speaker the headline names ("Speech by the President of Ukraine
        at ...")."""
        lead_end = self._sent(doc[min(len(doc) - 1, 80)]).end_char if len(doc) else 0
        for claim, draft in named:
            actor = index.actor(claim.source or "")
            if draft.cue[0] < lead_end and draft.cue_lemma in SPEECH_CUES and actor is not None \
                    and actor.kind == "person":
                return actor.id
        title = doc._.title if doc.has_extension("title") else None
        match = SPEECH_TITLE.match(title.strip()) if title else None
        if match is None:
            return None
        actor = index.named(match.group("by") or match.group("own"))
        return actor.id if actor is not None else None

    def _mention(self, doc: Doc, draft: _Draft) -> tuple[int, int]:
        """The source as written: the whole noun phrase ("Rep. Jim Clyburn (D-S.C.), the assistant leader of the
        Democratic caucus"), as PolNeAR marks it, where it stays clear of the cue and the content."""
        assert draft.source is not None
        if draft.mention is not None:
            return draft.mention  # "officials, who said ...": the relative pronoun, standing for them in the clause
        if not draft.whole_source or draft.source_token is None:
            return draft.source
        trimmed = _trim(doc, *_subtree_range(doc[draft.source_token]))
        if trimmed is None:
            return draft.source
        start, end = _chars(doc, *trimmed)
        for other in (draft.cue, draft.content):
            if start < other[1] and other[0] < end:
                return draft.source
        return (min(start, draft.source[0]), max(end, draft.source[1]))

    def _sentences(self, doc: Doc, start: int, end: int) -> Evidence:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return evidence(doc, start, end)
        first = self._sent(span[0]).start_char
        last = self._sent(span[-1]).end_char
        return evidence(doc, first, len(doc_text(doc)[:last].rstrip()))

    # -- responses ------------------------------------------------------------------------------------------------

    def _target(self, doc: Doc, claim: Claim, draft: _Draft, claims: list[Claim], index: ActorIndex) -> str | None:
        """The earlier claim that a nominal content ('those claims', "Zelenskiy's assertions") refers to."""
        span = doc.char_span(claim.content.start, claim.content.end, alignment_mode="expand")
        if span is None or span.root.pos_ not in ("NOUN", "PROPN") or not self._claim_noun(span.root):
            return None
        respond = claim.stance != "assert"
        return self._referent(doc, span.root, claim.cue.start, claims, index,
                              exclude_source=claim.source if respond else None,
                              prefer_source=None if respond else claim.source, exclude=claim.id)

    def _referent(self, doc: Doc, noun: Token, before: int, claims: list[Claim], index: ActorIndex,
                  exclude_source: str | None = None, prefer_source: str | None = None,
                  exclude: str | None = None) -> str | None:
        """The claim a noun names: by its possessor where it has one, by the cue lemmas the noun names, then the
        latest before ``before``."""
        lemmas = self.lexicon.claim_nouns.get(noun.lemma_.lower(), ("*",))
        candidates = [c for c in claims if c.cue.start < before and c.id != exclude and not self._is_reference(doc, c)]
        possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
        if possessor is not None:
            actor = index.resolve(noun_phrase(possessor) if possessor.pos_ != "PRON"
                                  else doc[possessor.i:possessor.i + 1], create=False)
            if actor is not None:
                owned = [c for c in candidates if c.source == actor.id]
                candidates = owned or candidates
        if exclude_source is not None:
            candidates = [c for c in candidates if c.source != exclude_source] or candidates
        if prefer_source is not None:
            candidates = [c for c in candidates if c.source == prefer_source] or candidates
        if not candidates:
            return None

        def rank(c: Claim) -> tuple[int, int]:
            order = lemmas.index(c.cue_lemma) if c.cue_lemma in lemmas else len(lemmas)
            if "*" in lemmas:
                order = 0
            return (-order, c.cue.start)

        return max(candidates, key=rank).id

    def _is_reference(self, doc: Doc, claim: Claim) -> bool:
        span = doc.char_span(claim.content.start, claim.content.end, alignment_mode="expand")
        return bool(span is not None and span.root.pos_ == "NOUN" and self._claim_noun(span.root) and len(span) <= 4)

    # -- verification -------------------------------------------------------------------------------------------------

    def _verify(self, doc: Doc, claims: list[Claim], index: ActorIndex) -> None:
        taken: list[tuple[int, int]] = []
        for status, pattern in self.lexicon.verification:
            for match in pattern.finditer(doc_text(doc)):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                target = self._verified_claim(doc, match.start(), match.end(), claims, index)
                if target is not None:
                    note = VerificationNote(status, evidence(doc, match.start(), match.end()))  # type: ignore[arg-type]
                    target.verification.append(note)

    def _verified_claim(self, doc: Doc, start: int, end: int, claims: list[Claim],
                        index: ActorIndex) -> Claim | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not claims:
            return None
        by_id = {c.id: c for c in claims}
        for claim in claims:  # the phrase sits inside a claim's content: that claim
            if claim.content.start <= start < claim.content.end:
                return claim
        verb = span.root
        while verb.dep_ in ("aux", "auxpass", "neg", "advmod", "dobj", "amod") and verb.head is not verb:
            verb = verb.head
        sent = self._sent(verb)
        # a noun that refers back to a claim: the verb's subject ("The reports could not be ...") or a noun in its
        # clause ("... to back up his claim"), or the noun the phrase modifies ("unconfirmed reports")
        if span.root.dep_ == "amod" and self._claim_noun(span.root.head):
            noun = span.root.head
            for claim in claims:  # "unconfirmed reports said ...": the claim whose source those reports are
                if claim.source_mention and claim.source_mention.start <= noun.idx < claim.source_mention.end:
                    return claim
        nouns = [t for t in verb.subtree if self._claim_noun(t) and t.pos_ == "NOUN"]
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        for noun in nouns:
            referent = self._referent(doc, noun, start, claims, index)
            if referent is not None:
                return by_id[referent]
        if subject is not None:
            actor = index.resolve(noun_phrase(subject), create=False)
            if actor is not None:
                owned = [c for c in claims if c.source == actor.id and c.cue.start < end]
                if owned:
                    return owned[-1]
        in_sentence = [c for c in claims if sent.start_char <= c.cue.start < sent.end_char]
        if in_sentence:
            return min(in_sentence, key=lambda c: abs(c.cue.start - start))
        earlier = [c for c in claims if c.cue.start < start]
        return earlier[-1] if earlier else None

    # -- dates --------------------------------------------------------------------------------------------------------

    def _dates(self, doc: Doc, claims: list[Claim], drafts: list[_Draft]) -> None:
        """Link a claim to the time expression that modifies its cue ('said on October 14'), when times exist."""
        times = doc._.times if doc.has_extension("times") else None
        if not times:
            return
        for claim, draft in zip(claims, drafts):
            cue = doc[draft.cue_token]
            blocked = {t.i for t in doc.char_span(*draft.content, alignment_mode="expand") or []}
            for time in (t for t in times if t.type in ("DATE", "TIME")):
                span = doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
                if span is None or span.root.i in blocked:
                    continue
                token = span.root
                for _ in range(6):
                    if token.i in blocked or token.head is token:
                        break
                    token = token.head
                    if token == cue:
                        claim.said_on = time.id
                        break
                if claim.said_on:
                    break


@Language.factory(
    "sitroom_claims",
    requires=["token.dep", "token.tag", "doc._.actors"],
    assigns=["doc._.claims", "doc._.actors"],
    default_config={"data_dir": "", "actor_data_dir": "", "quote_window": 3, "objects_as_content": True,
                    "clause_verbs_as_cues": True, "cue_threshold": 0.45, "agent_in_cue": False,
                    "skip_quoted_cues": True, "lexicon_floor": 0.3,
                    "continuation_chars": 400, "negated_cues": True,
                    "speaker_sentences": 6, "noun_threshold": 0.5},
)
def make_claims(nlp: Language, name: str, data_dir: str, actor_data_dir: str, quote_window: int,
                objects_as_content: bool, clause_verbs_as_cues: bool, cue_threshold: float,
                agent_in_cue: bool, skip_quoted_cues: bool, lexicon_floor: float,
                continuation_chars: int, negated_cues: bool,
                speaker_sentences: int, noun_threshold: float) -> ClaimExtractor:
    """The options, each measured where it says:

    objects_as_content: a cue's object, infinitive or prepositional object is what was said when it has no clause
        (PolNeAR's broad attribution: "pledged to push", "praised the plan"; +recall on PolNeAR train).
    clause_verbs_as_cues: a verb outside the lexicon is a cue when it takes a that/whether/if clause ("hinted
        that"; PolNeAR dev: +recall at equal precision).
    cue_threshold: a verb outside the lexicon is a cue when the learned cue model (sitroom.extract.cue_model) gives
        it at least this probability; 1.0 turns the model off. 0.45 chosen end to end on two held-out folds of 84
        PolNeAR train articles (model trained on the other 756): overlap F1 source/cue/content +0.4/+0.35/+0.3 and
        +0.3/+0.3/+0.2 over 0.5. Overlap peaks near 0.35 (+1.5/+1.6/+1.1 on one fold, exact content -0.6) but that
        adds a false claim to the seed article ('is expected to be high on the agenda').
    noun_threshold: a noun is a cue ("criticism of", "his call for") when the cue model gives it at least this
        probability and it has a content; 1.0 turns learned noun cues off.
    lexicon_floor: an asserting lexicon verb is no cue where the cue model gives it less than this ("I think" in
        passing; 0.3 chosen on PolNeAR train and dev with the verb+noun model: +0.4 overlap F1 over 0.2).
    agent_in_cue: whether a passive cue's "by" belongs to the cue ("were reported by"); PolNeAR leaves it out.
    skip_quoted_cues: a cue inside a quotation is part of the quote, not a claim of its own (PolNeAR marks one
        attribution per token; +precision on dev).
    continuation_chars: how far (characters) a cue-less quote paragraph may be from the direct quote whose speaker
        it continues (about two short news paragraphs; PolNeAR dev content exact +2.5 at 400).
    negated_cues: a negated cue is still a claim ("He doesn't think so": a denial; "has not said when": no comment,
        per cues.tsv), as PolNeAR marks them; off, only cues with a stance for negation are kept.
    speaker_sentences: the most sentences a speaker line's claim ('PENCE: ...') takes; the rest of a long turn
        keeps its own claims, whose 'I' and 'we' are the speaker.
    quote_window: characters allowed between a quotation and its cue's sentence (the seed's “...,” he said layout
        and PolNeAR train, where the cue follows the closing mark after a comma and a space).
    """
    return ClaimExtractor(data_dir or str(DATA_DIR), actor_data_dir or str(ACTOR_DATA_DIR), quote_window,
                          objects_as_content, clause_verbs_as_cues, cue_threshold, agent_in_cue,
                          skip_quoted_cues, lexicon_floor, continuation_chars, negated_cues,
                          speaker_sentences, noun_threshold)
