"""Event trigger lexicons (data files under sitroom/data/events) and the clause reading that types a predicate.

Kept apart from the spaCy component so the PLOVER evaluation can type single sentences with exactly the rules
the component uses for articles.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from sitroom import lexicons
from sitroom.text.names import strip_article

# PLOVER categories whose act is cooperative: announced for the future they are commitments (AGREE);
# the hostile ones announced for the future are threats (THREATEN). PLOVER manual, "AGREE" and "THREATEN".
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "AGREE"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE", "THREATEN"})
# Verbs whose own category decides even when their complement names another act ("threatened to shell").
CONTROL = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "CONCEDE", "SUPPORT"})
# Adjectives that make their complement an announced intention ("is ready to host", "is willing to withdraw").
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "committed", "determined"})
DISPLACEMENT = "DISPLACEMENT"
# Words inside these named entities are names or dates, not acts ("March 13", "Hurricane Milton", "Defense Group").
NAME_ENTITIES = frozenset({"DATE", "TIME", "PERSON", "GPE", "LOC", "ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT",
                           "EVENT"})
# The events data files, by their names inside sitroom/data (read through sitroom.lexicons).
DATA_FOLDER = "events"
# The one country table the extractors share: iso2, name, demonyms, metonyms, other names (|-separated).
COUNTRIES = "countries.tsv"


@dataclass(frozen=True)
class Sense:
    """What a trigger word means: a PLOVER category (or DISPLACEMENT) with its ACLED coding where violent."""

    category: str
    mode: str = ""
    disorder: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    specific: bool = False
    casualty_kind: str = ""
    needs: str = ""

    @property
    def violent(self) -> bool:
        return self.disorder == "Political violence"


@dataclass(frozen=True)
class Trigger:
    """A trigger found in a sentence: token offsets [start, end) of the words and the head token index."""

    start: int
    end: int
    head: int
    sense: Sense


@dataclass(frozen=True)
class Reading:
    """The act a clause reports, with the modality the clause puts on it."""

    trigger: Trigger
    future: bool = False
    negated: bool = False
    oblige: bool = False

    def plover_category(self) -> str:
        """PLOVER's convention for a sentence: announced acts are AGREE/THREATEN, negated offers REJECT."""
        category = self.trigger.sense.category
        if category == DISPLACEMENT:
            category = "AID"
        if self.oblige and category not in ("REQUEST", "REJECT", "ACCUSE"):
            return "REQUEST"
        if self.negated and category in COOPERATIVE:
            return "REJECT"
        if self.future and category in COOPERATIVE:
            return "AGREE"
        if self.future and category in HOSTILE:
            return "THREATEN"
        return category


@dataclass
class EventLexicon:
    words: dict[tuple[str, str], Sense] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str, Sense]]] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    status_cues: dict[str, tuple[str, str]] = field(default_factory=dict)
    casualty_verbs: dict[str, str] = field(default_factory=dict)
    victims: dict[str, str] = field(default_factory=dict)
    shelter_nouns: frozenset[str] = frozenset()
    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (iso2, name)
    country_names: dict[str, str] = field(default_factory=dict)  # iso2 -> name
    legacy: dict[str, tuple[str, str]] = field(default_factory=dict)
    strategic: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)

    def acled_coded(self, sense: Sense) -> Sense:
        """A non-violent act ACLED still records (arms sent, troops deployed) gets its strategic coding."""
        if sense.event_type:
            return sense
        coding = self.strategic.get((sense.category, sense.mode)) or self.strategic.get((sense.category, "*"))
        if coding is None:
            return sense
        return replace(sense, disorder=coding[0], event_type=coding[1], sub_event_type=coding[2])

    def role(self, word: str, role: str) -> bool:
        return word in self.roles.get(role, set())

    def add(self, lemma: str, pos: str, sense: Sense) -> None:
        parts = tuple(lemma.lower().split())
        if len(parts) == 1:
            self.words.setdefault((parts[0], pos), sense)
        else:
            self.phrases.setdefault(parts[0], []).append((parts, pos, sense))
            self.phrases[parts[0]].sort(key=lambda p: -len(p[0]))

    def sense_of(self, token: Token) -> Sense | None:
        """The single-word sense of a token, by lemma and coarse part of speech."""
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else token.pos_
        lemma = token.lemma_.lower()
        for key in ((lemma, pos), (lemma, "ANY"), (token.lower_, pos)):
            if key in self.words:
                return self.words[key]
        if pos == "NOUN" and (token.lower_, "ANY") in self.words:
            return self.words[(token.lower_, "ANY")]
        return None


def _rows(name: str, data_dir: str) -> list[dict[str, str]]:
    """Rows of an events TSV file, skipping '#' comment lines; the first other line is the header."""
    lines = lexicons.read_lines(f"{DATA_FOLDER}/{name}", data_dir)
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def _lines(name: str, data_dir: str) -> list[str]:
    return [line.strip() for line in lexicons.read_lines(f"{DATA_FOLDER}/{name}", data_dir)]


def _country_aliases(data_dir: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """iso2 -> (name, every way the text may name it: name, other names, demonyms, metonyms)."""
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    for iso, name, demonyms, metonyms, *other in lexicons.read_rows(COUNTRIES, data_dir):
        others = tuple(n for n in (other[0] if other else "").split("|") if n)
        table[iso] = (name, (name, *others, *demonyms.split("|"), *metonyms.split("|")))
    return table


@lru_cache(maxsize=4)
def load_lexicon(data_dir: str = "") -> EventLexicon:
    """Read every events data file once per process (data_dir: a folder whose files replace the packaged ones
    by base name; "" = packaged)."""
    where = data_dir
    lex = EventLexicon()
    # ACLED entries first: a violent reading of a word ("strike" the attack) wins over its PLOVER-only reading.
    for row in _rows("acled_triggers.tsv", where):
        sense = Sense(
            category=row["plover"], mode=row["mode"], disorder=row["disorder"], event_type=row["event_type"],
            sub_event_type=row["sub_event_type"], specific=row["specific"] == "1",
        )
        lex.add(row["lemma"], row["pos"], sense)
    for row in _rows("displacement.tsv", where):
        sense = Sense(
            category=DISPLACEMENT, event_type="Displacement", sub_event_type=row["sub_event_type"],
            casualty_kind=row["casualty_kind"], needs=row["needs"], specific=True,
        )
        lex.add(row["lemma"], row["pos"], sense)
    for row in _rows("plover_triggers.tsv", where):
        lex.add(row["lemma"], row["pos"], Sense(category=row["category"], mode=row["mode"]))
    for row in _rows("clause_words.tsv", where):
        lex.roles.setdefault(row["role"], set()).add(row["word"])
    for row in _rows("status_cues.tsv", where):
        lex.status_cues[row["cue"]] = (row["status"], row["where"])
    for row in _rows("casualties.tsv", where):
        if row["role"] == "verb":
            lex.casualty_verbs[row["word"]] = row["value"]
        else:
            lex.victims[row["word"]] = row["value"]
    lex.shelter_nouns = frozenset(_lines("shelter_nouns.txt", where))
    for iso, (name, aliases) in _country_aliases(where).items():  # data/countries.tsv, shared with the actors
        lex.country_names[iso] = name
        for alias in aliases:
            lex.countries[strip_article(alias)] = (iso, name)
    for row in _rows("acled_strategic.tsv", where):
        lex.strategic[(row["category"], row["mode"])] = (row["disorder"], row["event_type"], row["sub_event_type"])
    for row in _rows("plover_legacy.tsv", where):
        lex.legacy[row["old"]] = (row["new"], row["mode"])
    return lex


def triggers_in(sent: Span, lex: EventLexicon) -> list[Trigger]:
    """Every trigger in a sentence, longest phrase first, one per token (phrases use adjacent lemmas)."""
    found: list[Trigger] = []
    taken: set[int] = set()
    tokens = list(sent)
    for k, token in enumerate(tokens):
        if token.i in taken:
            continue
        for parts, pos, sense in lex.phrases.get(token.lemma_.lower(), []):
            window = tokens[k : k + len(parts)]
            if len(window) == len(parts) and all(
                t.lemma_.lower() == p or t.lower_ == p for t, p in zip(window, parts)
            ):
                head = window[0] if pos == "VERB" else window[-1]
                if pos == "VERB" and head.pos_ not in ("VERB", "AUX"):
                    continue
                if pos == "NOUN" and head.pos_ not in ("NOUN", "PROPN"):
                    continue
                found.append(Trigger(window[0].i, window[-1].i + 1, head.i, sense))
                taken.update(t.i for t in window)
                break
    for token in tokens:
        if token.i in taken or token.ent_type_ in NAME_ENTITIES:
            continue
        sense = token.pos_ in ("VERB", "NOUN", "ADJ", "AUX", "PROPN") and lex.sense_of(token)
        if sense and sense.violent and token.lemma_.lower() == "strike" and _labour_strike(token, lex):
            sense = Sense(category="PROTEST", mode="strike")
        if sense and sense.category == "MOBILIZE" and token.lemma_.lower() == "exercise" and any(
                c.dep_ in ("amod", "compound") and lex.role(c.lower_, "joint_modifier") for c in token.children):
            sense = Sense(category="COOPERATE")  # "joint military exercises": cooperation, not a show of force
        if sense and lex.role(token.lemma_.lower(), "place_object_verb") and not any(
                c.dep_ == "dobj" and (c.ent_type_ in ("GPE", "LOC") or lex.role(c.lemma_.lower(), "place_noun"))
                for c in token.children):
            continue  # "took part", "taking steps": no capture without a place taken
        if sense:
            if sense.needs == "shelter" and not _has_shelter(token, lex):
                continue
            found.append(Trigger(token.i, token.i + 1, token.i, sense))
    found.sort(key=lambda t: t.start)
    return found


def _labour_strike(token: Token, lex: EventLexicon) -> bool:
    """ "a general strike", "a four-day strike", "workers' strike": a work stoppage, not an attack."""
    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            words = {child.lemma_.lower(), child.lower_} | {w.lower_ for w in child.subtree}
            if any(lex.role(w, "labour_strike") for w in words) or child.lower_.endswith(("-day", "-hour")):
                return True
    return False


def _has_shelter(token: Token, lex: EventLexicon) -> bool:
    return any(t.lemma_.lower() in lex.shelter_nouns for t in token.subtree)


# Dependency labels searched, in this order, when a predicate is not itself a trigger.
_COMPLEMENTS = ("xcomp", "ccomp", "dobj", "attr", "acomp", "oprd", "prep", "pobj", "nsubjpass", "conj", "advcl")


def read_clause(token: Token, lex: EventLexicon, by_head: dict[int, Trigger],
                seen: set[int] | None = None) -> Reading | None:
    """The act a predicate reports, reading through frame verbs ("said that"), light verbs ("held talks"),
    intention adjectives ("is ready to") and control verbs ("threatened to"), with modality on the way."""
    seen = seen if seen is not None else set()
    if token.i in seen:
        return None
    seen.add(token.i)
    lemma = token.lemma_.lower()
    future = any(c.dep_ == "aux" and c.lemma_.lower() in lex.roles.get("future", set()) for c in token.children)
    oblige = any(c.dep_ == "aux" and c.lemma_.lower() in lex.roles.get("oblige", set()) for c in token.children)
    negated = any(c.dep_ == "neg" for c in token.children)
    trigger = by_head.get(token.i)
    report = lex.role(lemma, "report") and token.pos_ in ("VERB", "AUX")
    if lemma in INTENT_ADJECTIVES:
        future = True
        trigger = None
    if trigger is not None and lex.role(_lemma_phrase(token), "reverse"):
        undone = _object_trigger(token, by_head)
        if undone is not None and undone.sense.category in COOPERATIVE | {"CONSULT"}:
            trigger = replace(trigger, sense=replace(trigger.sense, category="SANCTION"))
        elif undone is not None and undone.sense.category in HOSTILE:
            trigger = replace(trigger, sense=replace(trigger.sense, category="CONCEDE"))
        return Reading(trigger, future=future, negated=negated, oblige=oblige)
    if trigger is not None and not report and not (lex.role(lemma, "light") and trigger.sense.category != "ASSAULT"):
        return Reading(trigger, future=future, negated=negated, oblige=oblige)
    if report:
        spoken = _object_trigger(token, by_head)
        if spoken is not None:
            return Reading(spoken, future=future, negated=negated, oblige=oblige)
    for label in _COMPLEMENTS:
        for child in token.children:
            if child.dep_ != label:
                continue
            if label == "advcl" and not report:
                continue
            inner = read_clause(child, lex, by_head, seen)
            if inner is not None:
                return Reading(
                    inner.trigger,
                    future=inner.future or (future and not report),
                    negated=inner.negated or negated,
                    oblige=inner.oblige or oblige,
                )
    if trigger is not None:
        return Reading(trigger, future=future, negated=negated, oblige=oblige)
    if oblige:  # "X said Y must ...": a demand, whatever Y must do
        return Reading(Trigger(token.i, token.i + 1, token.i, Sense("REQUEST")), oblige=True)
    return None


def _lemma_phrase(token: Token) -> str:
    """A verb's lemma, with its particle where it has one ("call off")."""
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    return f"{token.lemma_.lower()} {particle}" if particle else token.lemma_.lower()


def _object_trigger(token: Token, by_head: dict[int, Trigger]) -> Trigger | None:
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.i in by_head:
            return by_head[child.i]
    return None


def classify_sentence(sent: Span, lex: EventLexicon) -> Reading | None:
    """The main act of one sentence: read from its root, else the shallowest trigger anywhere in it."""
    found = triggers_in(sent, lex)
    if not found:
        return None
    by_head = {t.head: t for t in found}
    reading = read_clause(sent.root, lex, by_head)
    if reading is not None:
        return reading
    doc = sent.doc

    def depth(t: Trigger) -> int:
        n, tok = 0, doc[t.head]
        while tok.head.i != tok.i:
            n, tok = n + 1, tok.head
        return n

    best = min(found, key=depth)
    return read_clause(doc[best.head], lex, by_head) or Reading(best)


def plover_of(reading: Reading | None) -> str:
    return reading.plover_category() if reading is not None else ""


def with_status(sense: Sense, **changes: str) -> Sense:
    return replace(sense, **changes)
