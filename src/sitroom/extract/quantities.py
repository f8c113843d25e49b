"""Quantities: every count in the text with its literal hedge, a defensible value/low/high, and what it counts.

A compiled regex finds numbers (digits, number words, scales: sitroom.text.numbers, the one parser), their
approximators ("some", "nearly", "more than") and vague counts ("several thousand", "dozens"); the parse tells
what each counts ("six North Korean military personnel", "more than 50 of Ukraine's allies", "five people were
killed and eight were wounded" -> eight people). Vague counts follow ACLED's conventions ("dozens" = 12, "hundreds" = 100) and keep the hedge.

Not emitted, by decision: numbers inside time expressions (years, dates, "32 months", "one day"), ordinals,
percentages and other ratios ("12 percent" is not a count of anything), clock times, ages ("6-year-old"), and
number words with nothing to count ("no one", "the two of them" -- a pronoun, not a figure). The time
expressions are the time component's (doc._.times): it must run before this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom import lexicons
from sitroom.extract.doc import doc_text, evidence, require_inputs
from sitroom.model import Evidence, Quantity
from sitroom.text.numbers import LEXICON, NumberWords, alternation, number_pattern, parse_number

# Longest noun phrase (tokens) taken as "what is counted"; longer spans are parse errors in our dev reading
# (calibrated on the seed's class of sentences: unit phrases of 1-4 tokens).
MAX_UNIT_TOKENS = 6
UNIT_DEPS = ("nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "appos", "dep")


@dataclass(frozen=True)
class Grammar:
    regex: re.Pattern[str]
    lexicon: dict[str, Any]
    words: NumberWords


@lru_cache(maxsize=4)
def load_grammar(data_dir: str = "") -> Grammar:
    """The quantity regex, built once from the lexicon's number words, scales, approximators and vague counts
    (data_dir: a folder whose lexicon.json replaces the packaged one; "" = packaged)."""
    lexicon = lexicons.read_json(LEXICON, data_dir or None)
    words = NumberWords.of(lexicon)
    number = number_pattern(words, skip=("zero",))
    abbr = r"(?:" + alternation(list(lexicon["scale_abbreviations"])) + r"(?![\w]))?"  # "$25m": read with a currency
    signs = alternation(list(lexicon["currency_signs"]))
    pattern = (
        r"(?:(?P<approx>" + alternation(list(lexicon["approximators"])) + r")\s+)?"
        r"(?:(?P<cur>" + signs + r")\s?)?"
        r"(?:(?P<vague>" + alternation(list(lexicon["vague"])) + r")"
        r"|between\s+(?P<blo>" + number + r")\s+and\s+(?P<bhi>" + number + r")"
        r"|(?P<lo>" + number + r")(?P<abbr>" + abbr + r")"
        r"(?:\s*(?:-|–|to)\s*(?P<hi>" + number + r")(?P<habbr>" + abbr + r"))?)"
        r"(?:\s*(?P<pct>" + alternation(lexicon["percent_words"]) + r")"
        r"|\s+(?P<curword>" + alternation(list(lexicon["currency_words"])) + r"))?"
    )
    regex = re.compile(r"(?<![\w.,$£€/-])" + pattern + r"(?![\w]|[.,]\d|-\w)", re.IGNORECASE)
    return Grammar(regex, lexicon, words)


class QuantityTagger:
    """The ``sitroom_quantities`` component: sets ``doc._.quantities``."""

    def __init__(self, data_dir: str = "", skip_times: bool = True, name: str = "sitroom_quantities") -> None:
        self.grammar = load_grammar(data_dir)
        self.lexicon = self.grammar.lexicon
        self.words = self.grammar.words
        self.skip_times = skip_times
        self.name = name
        self.not_counts = re.compile(
            r"\s*(?:" + alternation(self.lexicon["not_counts"]) + r")(?!\w)", re.IGNORECASE
        )

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = self.find(doc)
        return doc

    def _time_spans(self, doc: Doc) -> list[tuple[int, int]]:
        if not self.skip_times:
            return []
        require_inputs(doc, self.name, ("times",))
        return [(t.evidence.start, t.evidence.end) for t in doc._.times]

    def find(self, doc: Doc) -> list[Quantity]:
        text = doc_text(doc)  # once: spaCy rebuilds doc.text from the tokens on every access
        times = self._time_spans(doc)
        found: list[Quantity] = []
        for match in self.grammar.regex.finditer(text):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in times):
                continue
            if self.not_counts.match(text, end):
                continue
            quantity = self._quantity(doc, match, len(found) + 1, found)
            if quantity is not None:
                found.append(quantity)
        return found

    def _quantity(self, doc: Doc, match: re.Match[str], n: int, previous: list[Quantity]) -> Quantity | None:
        lexicon = self.lexicon
        approx = re.sub(r"\s+", " ", (match.group("approx") or "").lower())
        approx_literal = match.group("approx") or ""
        value = low = high = None
        kind = "exact"
        currency = self._currency(match)
        if (match.group("abbr") or match.group("habbr")) and not currency:
            return None  # "25m" without a currency is a length
        if match.group("vague"):
            phrase = re.sub(r"\s+", " ", match.group("vague").lower())
            value, low, high = lexicon["vague"][phrase]
            hedge = phrase.split(" ")[0] if phrase.startswith(("several ", "a few ")) else phrase
            if hedge == "a":
                hedge = " ".join(phrase.split(" ")[:2])
            approx_literal = (approx_literal + " " if approx_literal else "") + hedge
            kind = "vague"
        elif match.group("blo") or match.group("hi"):
            low = self._number(match.group("blo") or match.group("lo"), match.group("abbr"))
            high = self._number(match.group("bhi") or match.group("hi"), match.group("habbr") or match.group("abbr"))
            if low is None or high is None or high < low:
                return None
            kind = "range"
        else:
            lo = match.group("lo")
            if currency and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", lo):
                lo = lo.replace(".", "")  # "400.000 Euros": thousands with dots (money has no third decimal)
            value = self._number(lo, match.group("abbr"))
            if value is None:
                return None
        if approx and kind == "exact" and value is not None:
            kind = lexicon["approximators"][approx]
            strict = approx in lexicon["strict_bounds"]
            step = 1 if value == int(value) else 0
            if kind == "at_least":
                low, value = value + (step if strict else 0), None
            elif kind == "at_most":
                high = value - (step if strict else 0)
                value = None
        measure = "count"
        if match.group("pct"):
            measure, unit, unit_evidence = "percent", "percent", evidence(doc, match.start("pct"), match.end("pct"))
        elif currency:
            group = "cur" if match.group("cur") else "curword"
            measure, unit, unit_evidence = "money", currency, evidence(doc, match.start(group), match.end(group))
        else:
            unit, unit_evidence = self._unit(doc, match, previous)
        is_word = not re.search(r"\d", match.group(0)) and kind in ("exact", "range")
        if measure == "count" and is_word and unit_evidence is None:
            return None  # "no one", "the two": a number word with nothing to count is not a figure
        return Quantity(
            id=f"Q{n}",
            evidence=evidence(doc, match.start(), match.end()),
            value=value,
            low=low,
            high=high,
            approximator=approx_literal,
            approximation=kind,
            unit=unit,
            unit_evidence=unit_evidence,
            kind=measure,
        )

    def _currency(self, match: re.Match[str]) -> str:
        """The ISO 4217 code of the match's currency sign or word, "" for none."""
        signs = self.lexicon["currency_signs"]
        if match.group("cur"):
            return str(signs.get(match.group("cur")) or signs.get(match.group("cur").upper(), ""))
        if match.group("curword"):
            return str(self.lexicon["currency_words"].get(re.sub(r"\s+", " ", match.group("curword").lower()), ""))
        return ""

    def _number(self, text: str, abbreviation: str | None) -> float | None:
        """A number with its attached scale abbreviation ("25" + "m" -> 25,000,000)."""
        value = parse_number(text, self.words)
        if value is None or not abbreviation:
            return value
        return value * self.lexicon["scale_abbreviations"][abbreviation.lower()]

    def _unit(self, doc: Doc, match: re.Match[str], previous: list[Quantity]) -> tuple[str, Evidence | None]:
        """What the number counts: the noun it modifies, the noun of an "of" phrase, or the elided noun of the
        quantity before it in the same sentence ("five people were killed and eight were wounded")."""
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span) or not doc.has_annotation("DEP"):
            return "", None
        number = span[-1]
        head = self._counted_noun(number, span)
        if head is not None:
            return self._phrase(doc, span, head, match.string)
        if previous and previous[-1].unit_evidence is not None and doc.has_annotation("SENT_START"):
            last = previous[-1]
            if last.evidence.sentence == evidence(doc, match.start(), match.end()).sentence:
                return last.unit, last.unit_evidence
        return "", None

    @staticmethod
    def _counted_noun(number: Token, span: Span) -> Token | None:
        of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
        head = number.head
        for _ in range(len(span)):  # climb to the span's own root: "15-20", "between 10 and 20", "1.5 million"
            if head.i not in range(span.start, span.end) or head is number:
                break
            number, head = head, head.head
        if number.dep_ in UNIT_DEPS and head.i >= span.end and head.pos_ in ("NOUN", "PROPN"):
            return head
        return None

    @staticmethod
    def _phrase(doc: Doc, span: Span, head: Token, text: str) -> tuple[str, Evidence]:
        if head.i >= span.end and head.i - span.end < MAX_UNIT_TOKENS and not any(
            t.is_punct or t.pos_ in ("VERB", "AUX") for t in doc[span.end : head.i]
        ):
            start = span.end
            while start < head.i and doc[start].lower_ == "of":
                start += 1
            if doc[start].lower_ == "of":
                start += 1
        else:
            start = head.i
        if head.left_edge.i > span.end - 1 and head.left_edge.i < start:
            start = head.left_edge.i
        first = doc[start]
        return text[first.idx : head.idx + len(head)], evidence(doc, first.idx, head.idx + len(head))


@Language.factory(
    "sitroom_quantities",
    requires=["token.dep", "doc._.times"],  # the times are read with skip_times (the default) only
    assigns=["doc._.quantities"],
    default_config={"data_dir": "", "skip_times": True},
)
def make_quantity_tagger(nlp: Language, name: str, data_dir: str, skip_times: bool) -> QuantityTagger:
    """data_dir: a folder whose lexicon.json replaces the packaged quantities lexicon ("" = packaged).
    skip_times: no count inside a time expression of doc._.times ("32 months"); needs sitroom_times before."""
    return QuantityTagger(data_dir, skip_times, name=name)
