"""Actors: who is named in an article (people, governments, militaries, organizations, media, anonymous sources).

The small English model mislabels names ("Kyiv" as PERSON, "Zelenskiy" as ORG), so a name's kind is decided at the
level of the document (a surname seen once as a PERSON is a person everywhere) and by lexicons (a capital is a
place, and as the subject of a verb the government of its country). Metonyms ("the Kremlin", "Moscow", "Kyiv
claims") resolve to governments; pronouns and nominals ("he", "the Ukrainian leader") resolve by rules over the
parse to the person they refer to, because no coreference package works offline.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom.extract.doc import evidence, register_extensions
from sitroom.lexicons import read_rows
from sitroom.model import Actor, ActorKind

DATA_FOLDER = "actors"
# The one country table every extractor shares (events read their nationalities from it too); a data_dir's own
# countries.tsv replaces it.
COUNTRIES_FILE = "countries.tsv"
# First names and their sex (SSA baby names; sitroom.train.first_names rebuilds it): pronoun agreement.
FIRST_NAMES_FILE = f"{DATA_FOLDER}/first_names.tsv"
GENDER_CUES_FILE = f"{DATA_FOLDER}/gender_cues.tsv"

# Dependency labels of a noun phrase that acts (speaks, claims, attacks): the positions where a place name is a
# metonym for its government rather than a location.
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
# Plural office words closing a name ("G7 Leaders", "EU Foreign Ministers"): a forum's members, not a person; the
# actor is the forum (the small model tags such names PERSON).
OFFICE_HOLDERS = frozenset({"leaders", "ministers", "heads", "chiefs", "envoys"})
# The sex a third-person pronoun agrees with; "it" and "they" name no person (an organization, a document, a group).
PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
SINGULAR_THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# Actor kinds "it" can stand for (a ministry, a government, an outlet, a document's issuer) and "they" (a group,
# officials, a government's people).
# Kinds of actor a role noun may be apposed to and stand for ("their Nordic neighbour Finland").
APPOSED_KINDS = frozenset({"person", "government", "organization", "media", "military"})
THING_KINDS = frozenset({"organization", "government", "media", "military", "group"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
DEFINITE = frozenset({"the", "this", "that"})


# --- lexicons ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorLexicon:
    """Countries (names, demonyms, capitals, seats of government), group head nouns and titles."""

    countries: dict[str, Country]  # iso -> country
    by_name: dict[str, str]  # lowercase country name -> iso
    by_demonym: dict[str, str]  # lowercase demonym -> iso
    by_metonym: dict[str, str]  # lowercase capital / seat of government (no article) -> iso
    groups: dict[str, ActorKind]  # head-noun lemma -> kind
    titles: dict[str, bool]  # lowercase title -> names a leader
    first_names: dict[str, str] = field(default_factory=dict)  # lowercase first name -> "m" or "f"
    sex_titles: dict[str, str] = field(default_factory=dict)  # "mrs", "spokeswoman" -> "f"
    sex_endings: dict[str, str] = field(default_factory=dict)  # a surname's ending ("ova") -> "f"

    def country_of(self, text: str) -> str | None:
        """ISO code for a country name, demonym or metonym ("Ukrainian", "the Kremlin", "Kyiv")."""
        key = strip_article(text).lower()
        return self.by_name.get(key) or self.by_demonym.get(key) or self.by_metonym.get(key)


@lru_cache(maxsize=8)
def load_actor_lexicon(data_dir: str = "") -> ActorLexicon:
    """The packaged lexicon, or with the files of ``data_dir`` in place of the packaged ones of the same name."""
    countries: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    by_metonym: dict[str, str] = {}
    for iso, name, demonyms, metonyms, *other in read_rows(COUNTRIES_FILE, data_dir):
        others = tuple(n for n in (other[0] if other else "").split("|") if n)
        country = Country(iso, name, tuple(demonyms.split("|")), tuple(metonyms.split("|")), others)
        countries[iso] = country
        for known_as in (name, *others):
            by_name[known_as.lower()] = iso
        for demonym in country.demonyms:
            by_demonym[demonym.lower()] = iso
        for metonym in country.metonyms:
            by_metonym[strip_article(metonym).lower()] = iso
    groups = {lemma: kind for lemma, kind in read_rows(f"{DATA_FOLDER}/groups.tsv", data_dir)}  # type: ignore[misc]
    titles = {title: flag == "1" for title, flag in read_rows(f"{DATA_FOLDER}/titles.tsv", data_dir)}
    first_names = {name: sex for name, sex in read_rows(FIRST_NAMES_FILE, data_dir)}
    cues = read_rows(GENDER_CUES_FILE, data_dir)
    sex_titles = {text: sex for kind, text, sex in cues if kind == "title"}
    sex_endings = {text: sex for kind, text, sex in cues if kind == "ending"}
    return ActorLexicon(countries, by_name, by_demonym, by_metonym, groups, titles, first_names, sex_titles,
                        sex_endings)


# --- names ---------------------------------------------------------------------------------------------------


def strip_article(text: str) -> str:
    words = text.strip().split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def name_key(name: str) -> str:
    """A spelling-insensitive key so transliteration variants meet: Zelenskiy / Zelensky / Zelenskyy."""
    text = ascii_lower(strip_article(name))
    text = text.replace("'s", "")
    words = []
    for word in "".join(c if c.isalnum() else " " for c in text).split():
        for old, new in (("yy", "y"), ("iy", "y"), ("ii", "y"), ("ij", "y")):
            if word.endswith(old):
                word = word[: -len(old)] + new
        if word.endswith("i") and len(word) > 4:
            word = word[:-1] + "y"
        word = word.replace("kh", "h").replace("ck", "k")
        words.append(word)
    return " ".join(words)


def ascii_lower(text: str) -> str:
    """Lowercase without accents ("María" -> "maria"), as the first-name lexicon spells names."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def surname(name: str) -> str:
    """The last word of a name's key ('' for a name with no letters)."""
    words = name_key(name).split()
    return words[-1] if words else ""


# --- the builder ---------------------------------------------------------------------------------------------


@dataclass
class ActorIndex:
    """The article's actors with lookups by key and by token, so every mention of one actor lands on it."""

    doc: Doc
    lexicon: ActorLexicon
    actors: list[Actor] = field(default_factory=list)
    by_key: dict[str, Actor] = field(default_factory=dict)
    by_token: dict[int, str] = field(default_factory=dict)
    surnames: dict[str, list[Actor]] = field(default_factory=dict)
    last_seen: dict[str, int] = field(default_factory=dict)  # actor id -> char offset of its latest mention
    speakers: dict[str, int] = field(default_factory=dict)  # actor id -> char offset of its latest claim's cue
    # actor id -> the sex a "he"/"she" resolved to it says, where nothing else tells it ("Lukashenko ... He said")
    pronoun_sex: dict[str, str] = field(default_factory=dict)
    # token index of a pronoun -> the actor this index resolved it to: a later pronoun may refer back through it
    pronoun_of: dict[int, str] = field(default_factory=dict)
    # character ranges of what sources said (the claims component sets them): a name inside one is not salient
    reported: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_doc(cls, doc: Doc, lexicon: ActorLexicon) -> ActorIndex:
        """Rebuild the index over the actors a previous component put on the Doc (the claims component adds more)."""
        index = cls(doc, lexicon)
        for actor in doc._.actors or []:
            index.actors.append(actor)
            for alias in [actor.name, *actor.aliases]:
                index.by_key.setdefault(name_key(alias), actor)
            if actor.kind == "person":
                index.surnames.setdefault(surname(actor.name), []).append(actor)
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    for token in span:
                        index.by_token[token.i] = actor.id
        return index

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    # -- adding ------------------------------------------------------------------------------------------------

    def add(self, name: str, kind: ActorKind, span: Span, country: str = "", role: str = "",
            key: str | None = None, alias: str | None = None) -> Actor:
        """The actor under ``key`` (made if new), with ``span`` recorded as one of its mentions."""
        key = key or name_key(name)
        actor = self.by_key.get(key)
        if actor is None and kind == "person":
            actor = self._same_person(key)
        if actor is None:
            actor = Actor(id=f"A{len(self.actors) + 1}", name=name, kind=kind, country=country, role=role)
            self.actors.append(actor)
            self.by_key[key] = actor
            if kind == "person":
                self.surnames.setdefault(surname(name), []).append(actor)
        else:
            if kind == "person" and len(name) > len(actor.name) and name_key(name).endswith(name_key(actor.name)):
                self._alias(actor, actor.name)
                actor.name = name
                self.by_key[name_key(name)] = actor
                self.surnames.setdefault(surname(name), [])
            actor.country = actor.country or country
            actor.role = actor.role or role
        if alias:
            self._alias(actor, alias)
        if name != actor.name:
            self._alias(actor, name)
        self.mention(actor, span)
        return actor

    def _same_person(self, key: str) -> Actor | None:
        """A person already known under this surname whose first name (when both have one) agrees."""
        words = key.split()
        while len(words) > 1 and (words[0] in self.lexicon.titles or words[0] in self.lexicon.sex_titles):
            words = words[1:]  # "Mr Zelensky", "President Zelensky": the surname alone
        if not words:
            return None
        for actor in sorted(self.surnames.get(words[-1], []), key=lambda a: -self.last_seen.get(a.id, -1)):
            other = name_key(actor.name).split()
            if len(words) == 1 or len(other) == 1 or other[0] == words[0]:
                return actor
        return None

    def _alias(self, actor: Actor, alias: str) -> None:
        alias = strip_article(alias)
        if alias and alias != actor.name and alias not in actor.aliases:
            actor.aliases.append(alias)
        self.by_key.setdefault(name_key(alias), actor)

    def mention(self, actor: Actor, span: Span) -> None:
        if any(t.i in self.by_token for t in span):
            return
        actor.mentions.append(evidence(self.doc, span.start_char, span.end_char))
        actor.mentions.sort(key=lambda e: e.start)
        for token in span:
            self.by_token[token.i] = actor.id
        self.last_seen[actor.id] = max(self.last_seen.get(actor.id, -1), span.start_char)

    def government(self, iso: str, span: Span) -> Actor:
        country = self.lexicon.countries[iso]
        return self.add(f"Government of {country.name}", "government", span, country=iso,
                        key=f"government:{iso}", alias=strip_article(span.text))

    # -- resolving one noun phrase -------------------------------------------------------------------------------

    def resolve(self, span: Span, create: bool = True, skip: tuple[tuple[int, int], ...] = ()) -> Actor | None:
        """The actor a noun phrase names: the person a role noun is apposed to ("Mr Putin's spokesman, Dmitry
        Peskov"), an existing mention (the head's own first: "Putin's spokesman Dmitry Peskov" is Peskov), a
        pronoun's antecedent (mentions inside ``skip`` not counted), a metonym's government, a person, an
        organization or a group; ``None`` when it names none."""
        head = span.root
        lower = head.lower_
        if len(span) == 1 and lower in PERSON_PRONOUNS | SINGULAR_THING_PRONOUNS | PLURAL_PRONOUNS:
            antecedent = self.antecedent_person(head, skip=skip) if lower in PERSON_PRONOUNS \
                else self.antecedent_thing(head, skip=skip)
            if antecedent is not None:
                self.mention(antecedent, span)
                self.pronoun_of[head.i] = antecedent.id
            return antecedent
        apposed = self.apposed_person(head)
        if apposed is not None:
            self.mention(apposed, span)
            return apposed
        if head.i in self.by_token:
            return self.actor(self.by_token[head.i])
        for token in span:
            if token.i <= head.i and token.i in self.by_token:
                return self.actor(self.by_token[token.i])
        if not create:
            return None
        text = strip_article(span.text)
        iso = self.lexicon.country_of(text)
        if iso is not None:
            return self.government(iso, span)
        nominal = self.nominal_person(span)
        if nominal is not None:
            self.mention(nominal, span)
            return nominal
        if self.unnamed_person(span):
            return self.add(text, "person", span, country=self.country_modifier(head) or "", role=text,
                            key=f"unnamed:{name_key(text)}")
        if head.pos_ == "PROPN":
            return self.add_name(span)
        kind = self.group_kind(head)
        if kind is None and head.pos_ in ("NOUN", "PROPN"):
            kind = "group"
        if kind is None:
            return None
        country = self.country_modifier(head) or ""
        if kind == "anonymous" or head.lemma_.lower() == "source":
            return self.add(text, "anonymous", span, country=country, key=f"anon:{span.start_char}")
        return self.add(text, kind, span, country=country)

    def _aside(self, start: int) -> bool:
        """Whether the name at this character is an owner or a prepositional object ("In Zelensky's address")."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return False
        root = span[0]
        while root.dep_ in ("compound", "flat") and root.head is not root:
            root = root.head
        return root.dep_ in ("poss", "pobj")

    def unnamed_person(self, span: Span) -> bool:
        """'The Russian foreign minister', 'Moldova's interior minister': one person the text names by a title
        alone (singular, definite or owned by a country, no name in it), so a later 'he' or 'she' can be them."""
        head = span.root
        if head.pos_ != "NOUN" or head.tag_ != "NN" or self.title_of(head) is None or any(
                t.pos_ == "PROPN" and self.lexicon.country_of(t.text) is None for t in span):
            return False
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        owned = any(c.dep_ == "poss" and self.lexicon.country_of(c.text) for c in head.children)
        return bool({span[0].lower_, before} & DEFINITE) or owned

    def apposed_person(self, head: Token) -> Actor | None:
        """The person a common noun is apposed to ("The leader of the region, Denis Pushilin"; "Mr Putin's
        spokesman, Dmitry Peskov"), or the country or organization ("their Nordic neighbour Finland"): the name,
        not the role, is who acts."""
        if head.pos_ != "NOUN":
            return None
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i in self.by_token:
                actor = self.actor(self.by_token[child.i])
                if actor is not None and actor.kind in APPOSED_KINDS:
                    return actor
        for prep in head.rights:  # "The leader of the DPR, Denis Pushilin": the parse apposes the name to "DPR"
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep.children:
                for child in pobj.rights:
                    if child.dep_ == "appos" and child.ent_type_ == "PERSON" and child.i in self.by_token \
                            and pobj.ent_type_ != "PERSON" and child.doc[child.left_edge.i - 1].text == ",":
                        actor = self.actor(self.by_token[child.i])
                        if actor is not None and actor.kind == "person":
                            return actor
        return None

    def named(self, name: str) -> Actor | None:
        """The actor a name read outside the text refers to (a headline's "the President of Ukraine"): one the text
        knows by that name or surname, else the person holding that role, else a new actor without mentions."""
        key = name_key(strip_article(name))
        if not key:
            return None
        known = self.by_key.get(key) or self._same_person(key)
        if known is not None:
            return known
        holders = [a for a in self.actors if a.kind == "person" and a.role and name_key(a.role) == key]
        if holders:
            return holders[0]
        title = next((t for t in sorted(self.lexicon.titles, key=len, reverse=True) if key.startswith(t)), None)
        country = self.lexicon.country_of(key.rsplit(" of ", 1)[-1]) if " of " in key else None
        actor = Actor(id=f"A{len(self.actors) + 1}", name=strip_article(name), kind="person", country=country or "",
                      role=strip_article(name) if title else "")
        self.actors.append(actor)
        self.by_key[key] = actor
        return actor

    def country_of_tokens(self, tokens: list[Token]) -> str | None:
        """The country named by a run of modifier tokens, trying two-word names first ("South Korean")."""
        for i in range(len(tokens)):
            if i + 1 < len(tokens) and tokens[i + 1].i == tokens[i].i + 1:
                iso = self.lexicon.country_of(tokens[i].text + " " + tokens[i + 1].text)
                if iso:
                    return iso
            iso = self.lexicon.country_of(tokens[i].text)
            if iso:
                return iso
        return None

    def country_modifier(self, head: Token) -> str | None:
        """The country of the demonym or country name modifying a noun ("Ukrainian authorities")."""
        tokens = [t for t in head.subtree if t.i < head.i and t.dep_ in ("amod", "compound", "nmod", "poss")]
        return self.country_of_tokens(tokens)

    def group_kind(self, head: Token) -> ActorKind | None:
        return self.lexicon.groups.get(head.lemma_.lower()) or self.lexicon.groups.get(head.lower_)

    def add_name(self, span: Span) -> Actor:
        """A proper name: a person if the document, a title or a "who" clause says so ("Sabalenka, who could
        become ..."), else an organization (or a government)."""
        text = strip_article(span.text)
        key = name_key(text)
        if key in self.by_key:
            actor = self.by_key[key]
            self.mention(actor, span)
            return actor
        known = self.surnames.get(surname(text), []) if key else []
        if known:
            actor = max(known, key=lambda a: self.last_seen.get(a.id, -1))
            self._alias(actor, text)
            self.mention(actor, span)
            return actor
        labels = {t.ent_type_ for t in span if t.ent_type_}
        if "PERSON" in labels or self.has_title(span) or who_clause(span.root):
            return self.add(text, "person", span)
        if labels & {"GPE"}:
            return self.add(text, "government", span)
        kind: ActorKind = self.lexicon.groups.get(span.root.lemma_.lower(), "organization")  # type: ignore
        return self.add(text, kind, span)

    def has_title(self, span: Span) -> bool:
        head = span.root
        for child in head.children:
            if child.dep_ == "appos" and self.title_of(child) is not None:
                return True
        return head.i > 0 and self.doc[head.i - 1] not in span and self.doc[head.i - 1].lower_ in self.lexicon.titles

    def title_of(self, token: Token) -> str | None:
        """The longest lexicon title among a noun's words and modifiers ("the deputy defence minister"), if any; the
        module's apposition and nominal rules ask it too. Words the tokenizer split at a hyphen are one title
        ("Secretary-General", not the "Secretary" of "Secretary Mayorkas")."""
        words = [t.lower_ for t in token.subtree if t.dep_ in ("compound", "amod") or t == token]
        hyphened = _hyphened_words(token)
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                joined = "-".join(words[i:i + size])
                if size > 1 and joined in hyphened:
                    for title in (joined, " ".join(words[i:i + size])):  # "vice-president": "vice president"
                        if title in self.lexicon.titles:
                            return title
            for i in range(len(words) - size + 1):
                title = " ".join(words[i:i + size])
                if title in self.lexicon.titles:
                    return title
        return None

    # -- pronouns and nominals -------------------------------------------------------------------------------------

    def antecedent_person(self, token: Token, window_sents: int = 3,
                          skip: tuple[tuple[int, int], ...] = ()) -> Actor | None:
        """The person a pronoun refers to: of the people mentioned before it within a few sentences whose sex does
        not contradict the pronoun's ("she" is never a man's name), the latest, preferring the same sentence, then
        a subject (or its apposition) or an earlier claim's speaker. Mentions inside ``skip`` (the quotation the
        pronoun's claim reports: its "Putin" is not who says it) do not count."""
        sex = PRONOUN_SEX.get(token.lower_)
        found = self.antecedent(token, lambda a: a.kind == "person" and (sex is None or self.sex_of(a) in (None, sex)),
                                window_sents, skip)
        if found is not None and sex is not None and self.sex_of(found) is None:
            self.pronoun_sex[found.id] = sex  # a reader takes "He later said" as telling Lukashenko's sex
        return found

    def antecedent_thing(self, token: Token, window_sents: int = 2,
                         skip: tuple[tuple[int, int], ...] = ()) -> Actor | None:
        """What 'it' or 'they' stands for as a source: the latest organization, government, outlet or group
        before it, plural ones for 'they' and singular ones for 'it', with the same preferences as for people."""
        plural = token.lower_ in PLURAL_PRONOUNS

        def fits(actor: Actor) -> bool:
            return actor.kind in THING_KINDS or (plural and actor.kind == "anonymous")

        return self.antecedent(token, fits, window_sents, skip, plural=plural, named=not plural)

    def antecedent(self, token: Token, fits: Callable[[Actor], bool], window_sents: int,
                   skip: tuple[tuple[int, int], ...] = (), plural: bool | None = None,
                   named: bool = False) -> Actor | None:
        """The latest fitting actor mentioned before ``token`` within ``window_sents`` sentences, scored
        (same sentence x2, subject or the latest claim's speaker, position); ``plural`` asks the mention's number, ``named``
        a name or an institution's noun ("the ministry"), not any noun read as a group ("the mission")."""
        best: tuple[tuple[int, int, int], Actor] | None = None
        sent_start = token.sent.start
        limit = self._sentence_start_before(token, window_sents)
        earlier = [(at, actor_id) for actor_id, at in self.speakers.items() if at < token.idx]
        last_speaker = max(earlier)[1] if earlier else None
        for actor in self.actors:
            if not fits(actor):
                continue
            for mention in actor.mentions:
                if not (limit <= mention.start < token.idx) or any(s <= mention.start < e for s, e in skip):
                    continue
                mtoken = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if mtoken is None or (mtoken.root.pos_ == "PRON" and self.pronoun_of.get(mtoken.root.i) != actor.id):
                    continue  # a pronoun counts where this index resolved it to the actor ("he said ... he said")
                root = mtoken.root
                if named and root.pos_ != "PROPN" and self.group_kind(root) is None:
                    continue
                if plural is not None and actor.kind != "government" \
                        and (root.tag_ in PLURAL_TAGS or any(c.dep_ == "conj" for c in root.children)) != plural:
                    continue
                # a name inside what a source said ("..., he said, was because Xi Jinping was watching") is less
                # salient than the speakers around it: no subject's preference, and the deeper the less
                depth = sum(1 for s, e in self.reported if s <= mention.start < e)
                is_subject = depth == 0 and (root.dep_ in AGENT_DEPS or (
                    root.dep_ == "appos" and root.head.dep_ in AGENT_DEPS))
                speaker = actor.id == last_speaker and limit <= self.speakers[actor.id]
                in_same = int(mtoken.start >= sent_start)
                # the latest claim's speaker and a subject each add; together they outweigh a subject named in
                # passing since ("'...,' he replied" after Moore spoke and Xi was mentioned)
                score = (in_same * 2 + int(is_subject) + int(speaker), -depth, mention.start)
                if best is None or score > best[0]:
                    best = (score, actor)
        return best[1] if best else None

    def sex_of(self, actor: Actor) -> str | None:
        """'m', 'f' or None (not known): from a title before a mention or in the role ("Mrs", "spokeswoman"), else
        the first name (first_names.tsv), else a surname's ending ("-ova"), else the pronoun an earlier mention
        resolved to it."""
        words = [w for w in ascii_lower(actor.role).split()]
        for mention in actor.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.start > 0:
                words.append(self.doc[span.start - 1].lower_)
        words += ascii_lower(actor.name).split()[:1]
        for word in words:
            if word in self.lexicon.sex_titles:
                return self.lexicon.sex_titles[word]
        names = [w for w in ascii_lower(strip_article(actor.name)).split() if w not in self.lexicon.titles]
        if len(names) >= 2 and names[0] in self.lexicon.first_names:
            return self.lexicon.first_names[names[0]]
        if names:
            last = names[-1]
            for size in (5, 4, 3, 2):
                if len(last) > size + 2 and last[-size:] in self.lexicon.sex_endings:
                    return self.lexicon.sex_endings[last[-size:]]
        return self.pronoun_sex.get(actor.id)

    def _sentence_start_before(self, token: Token, count: int) -> int:
        sents = list(self.doc.sents)
        index = next((i for i, s in enumerate(sents) if s.start <= token.i < s.end), 0)
        return sents[max(0, index - count)].start_char

    def nominal_person(self, span: Span) -> Actor | None:
        """'the Ukrainian leader', 'the president': a definite title with no name refers to the latest person
        holding that title (or any leader's title for 'leader'), of the same country where one is given."""
        head = span.root
        # the determiner may lie just outside an entity span ("the [President]"), and the small model tags a
        # capitalized title PROPN (and often ORG)
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if not {span[0].lower_, before} & DEFINITE or head.pos_ not in ("NOUN", "PROPN"):
            return None
        title = self.title_of(head)
        if title is None:
            return None
        # the country of "the Ukrainian leader" or of "the President of Ukraine"
        modifiers = [c for c in head.children if c.dep_ in ("amod", "compound")] + [
            p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children if p.dep_ == "pobj"]
        country = next((iso for c in modifiers if (iso := self.lexicon.country_of(c.text))), None)
        leader = self.lexicon.titles.get(title, False)
        candidates = []
        for actor in self.actors:
            if actor.kind != "person" or not actor.role or not actor.mentions \
                    or actor.mentions[0].start >= span.start_char:
                continue
            role = actor.role.lower()
            title_ok = title in role or (leader and any(t in role for t, flag in self.lexicon.titles.items() if flag))
            if title_ok and (country is None or actor.country == country):
                candidates.append(actor)
        if not candidates:
            return self.untitled_person(span, country)
        return max(candidates, key=lambda a: max((m.start for m in a.mentions if m.start < span.start_char),
                                                 default=-1))


    def untitled_person(self, span: Span, country: str | None) -> Actor | None:
        """'In Zelensky's latest address, the Ukrainian President commented ...': a definite title that no one
        holds yet is the person last named before it in its sentence as an owner or a prepositional object (not
        as the subject or object of another verb: "Stoltenberg met the Russian foreign minister" is two people),
        where the text gives that person no role and no other country; the title becomes the person's role, so
        the next 'the President' is them too."""
        limit = span.root.sent.start_char
        for ent in self.doc.ents:  # a name NER tagged but no rule made an actor ("Zelensky's" alone)
            if ent.label_ == "PERSON" and limit <= ent.start_char < span.start_char and ent.root.pos_ == "PROPN" \
                    and not any(t.i in self.by_token for t in ent) and self.lexicon.country_of(ent.text) is None:
                self.add(ent.text, "person", ent)
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            if actor.kind != "person" or actor.role or (country and actor.country not in ("", country)):
                continue
            seen = [m.start for m in actor.mentions if limit <= m.start < span.start_char and self._aside(m.start)]
            if seen and (best is None or max(seen) > best[0]):
                best = (max(seen), actor)
        if best is None:
            return None
        actor = best[1]
        actor.role = strip_article(span.text)
        actor.country = actor.country or country or ""
        return actor


# --- extraction over a document ------------------------------------------------------------------------------


def _hyphened_words(token: Token) -> set[str]:
    """The hyphenated words of a noun's phrase, lowercased, as the text writes them ("secretary-general"; the
    tokenizer splits them at the hyphen)."""
    out: set[str] = set()
    tokens = list(token.subtree)
    for i, t in enumerate(tokens[:-2]):
        if tokens[i + 1].text == "-" and not t.whitespace_ and not tokens[i + 1].whitespace_:
            j = i + 2
            parts = [t.lower_, tokens[j].lower_]
            while j + 2 < len(tokens) and tokens[j + 1].text == "-" and not tokens[j].whitespace_ \
                    and not tokens[j + 1].whitespace_:
                j += 2
                parts.append(tokens[j].lower_)
            out.add("-".join(parts))
    return out


def _name_span(doc: Doc, head: Token) -> Span:
    """The proper-name part of a noun phrase headed by ``head``: its run of PROPN compounds (not punctuation the
    tagger read as one, as the '”―' glued before a signature's name)."""
    start = head.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(start, head.i + 1) \
            and doc[start - 1].dep_ in ("compound", "flat", "nmod") and doc[start - 1].text[:1].isalnum():
        start -= 1
    return doc[start:head.i + 1]


def _split_title(index: ActorIndex, span: Span) -> tuple[Span, str]:
    """Split 'President Volodymyr Zelenskiy' into the name and the title words in front of it."""
    words = [t.lower_ for t in span]
    cut = 0
    for i in range(len(words)):
        for size in (3, 2, 1):
            if " ".join(words[i:i + size]) in index.lexicon.titles and i + size < len(words):
                cut = max(cut, i + size)
    titles = [t.text for t in span[:cut] if index.lexicon.country_of(t.text) is None]
    return span[cut:], " ".join(titles)


def _title_before(index: ActorIndex, name: Span) -> str:
    """'MI6 chief Richard Moore', 'Defence secretary Grant Shapps': a common-noun title compounded to the name
    (the name's span holds proper nouns only), with its own modifiers; '' where there is none."""
    doc = name.doc
    if name.start == 0:
        return ""
    noun = doc[name.start - 1]
    if noun.pos_ != "NOUN" or noun.dep_ not in ("compound", "nmod", "amod") or not name.start <= noun.head.i < name.end \
            or index.title_of(noun) is None:
        return ""
    first = min(t.i for t in noun.subtree)
    while first < noun.i and (doc[first].is_punct or doc[first].lower_ in DETERMINERS):
        first += 1
    return doc[first:noun.i + 1].text


def _role(index: ActorIndex, head: Token, title: str) -> tuple[str, str]:
    """(role, country) from a title in front of the name and a demonym before it, or an apposition."""
    country = ""
    country = index.country_modifier(head) or ""
    if title:
        role = title[:1].upper() + title[1:]
        if country:
            role = f"{role} of {index.lexicon.countries[country].name}"
        return role, country
    for child in head.rights:
        if child.dep_ == "appos" and index.title_of(child) is not None:
            tokens = [t for t in child.subtree if not t.is_punct or t.text in ("’", "'")]
            while tokens and tokens[0].lower_ in DETERMINERS:
                tokens = tokens[1:]
            if tokens:
                role = index.doc[tokens[0].i:tokens[-1].i + 1].text
                for token in child.subtree:
                    iso = index.lexicon.country_of(token.text)
                    if iso:
                        country = country or iso
                return role, country
    if head.dep_ == "appos" and index.title_of(head.head) is not None:
        # "President of Ukraine Volodymyr Zelenskyy": the title phrase the name stands in apposition to
        title_head = head.head
        words = [t for t in title_head.subtree if t.i < head.i and t not in head.subtree and not t.is_punct]
        while words and words[0].lower_ in DETERMINERS:
            words = words[1:]
        if words:
            for token in words:
                country = country or index.lexicon.country_of(token.text) or ""
            return index.doc[words[0].i:words[-1].i + 1].text, country
    return "", country


def _acronym(doc: Doc, head: Token) -> str | None:
    """'The Institute for the Study of War (ISW)': the bracketed acronym after an organization's name."""
    for token in head.subtree:
        if token.dep_ == "appos" and token.text.isupper() and 2 <= len(token.text) <= 8 and token.i > 0 \
                and doc[token.i - 1].text == "(":
            return token.text
    return None


def _org_span(doc: Doc, token: Token) -> Span | None:
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def extract_actors(doc: Doc, lexicon: ActorLexicon) -> list[Actor]:
    """All actors of the document, each with its mentions; see the module docstring for the rules."""
    index = ActorIndex(doc, lexicon)
    person_surnames = {surname(ent.text) for ent in doc.ents if ent.label_ == "PERSON"
                       and lexicon.country_of(ent.text) is None and len(ent) >= 2} - {""}
    # 1. people: names with a PERSON tag, a title or an apposition with a title, or a surname seen as a person
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ in ("compound", "flat"):
            continue
        span = _name_span(doc, token)
        name, title = _split_title(index, span)
        if not len(name) or lexicon.country_of(name.text) is not None:
            continue
        if len(name) > 1 and name[-1].lower_ in OFFICE_HOLDERS:
            # "G7 Leaders", "NATO Foreign Ministers" (tagged PERSON): the forum's office holders act for it
            index.add(name[:-1].text, "organization", name)
            continue
        key = name_key(name.text)
        tagged = "PERSON" in {t.ent_type_ for t in name} and not any(t.ent_type_ == "ORG" for t in name)
        # "President of Ukraine Volodymyr Zelenskyy": a name in apposition to a title is a person's, whatever NER said
        titled = token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN") and index.title_of(token.head)
        person = (tagged and (len(name) > 1 or _agentive(token))) or bool(title) or index.has_title(name) \
            or bool(key.split() and key.split()[-1] in person_surnames) or bool(titled and len(name) > 1) \
            or _first_named(index, name) or (len(name) == 1 and bool(index.surnames.get(surname(name.text)))) \
            or who_clause(token)
        if person:
            role, country = _role(index, token, title or _title_before(index, name))
            index.add(name.text, "person", name, country=country, role=role)
    # 2. organizations (with acronyms), then 3. governments by metonym, then 4. groups in agent positions
    for ent in doc.ents:
        if ent.label_ == "ORG" and not any(t.i in index.by_token for t in ent) and (
                _agentive(ent.root) or _acronym(doc, ent.root) or index.group_kind(ent.root)):
            if lexicon.country_of(ent.text):
                index.government(lexicon.country_of(ent.text) or "", ent)
                continue
            holder = index.nominal_person(ent)  # "the President" tagged ORG: the person holding the title
            if holder is not None:
                index.mention(holder, ent)
                continue
            acronym = _acronym(doc, ent.root)
            kind: ActorKind = lexicon.groups.get(ent.root.lemma_.lower(), "organization")  # type: ignore
            owned, owner = _country_owned(index, ent)
            actor = index.add(strip_article(owned.text), kind, owned, country=owner or "")
            if acronym:
                index._alias(actor, acronym)
    for token in doc:
        if token.i in index.by_token:
            continue
        if not _agentive(token):
            continue
        iso = lexicon.country_of(token.text)
        if iso is None and token.i > 0 and token.pos_ == "PROPN":
            iso = lexicon.country_of(doc[token.i - 1].text + " " + token.text)
            if iso is not None:
                index.government(iso, doc[token.i - 1:token.i + 1])
                continue
        if iso is not None and token.pos_ == "PROPN":
            index.government(iso, doc[token.i:token.i + 1])
        elif token.pos_ in ("NOUN", "PROPN") and index.group_kind(token) and not any(
                c.dep_ in ("nummod", "poss") for c in token.children) or token.pos_ in ("NOUN", "PROPN") and token.lower_ in lexicon.titles and not any(
                c.dep_ == "appos" and c.i in index.by_token for c in token.children):
            index.resolve(noun_phrase(token))
        elif token.lower_ in PERSON_PRONOUNS:
            index.resolve(doc[token.i:token.i + 1])
    return index.actors


def _country_owned(index: ActorIndex, ent: Span) -> tuple[Span, str | None]:
    """An institution's name with the country that owns it where NER left that out ("Ukraine's Defense Ministry",
    "the Russian Defense Ministry" against an ORG "Defense Ministry"), and that country's code: a news coder names
    the ministry with its country, and two countries' ministries in one article are two actors."""
    doc = ent.doc
    start = ent.start
    while start > 0 and doc[start - 1].lower_ in ("'s", "’s", "'", "’"):
        start -= 1  # the possessive marker between the owner and the name
    owner_end = start
    while start > 0 and (ent.start <= doc[start - 1].head.i < ent.end or start <= doc[start - 1].head.i < owner_end) \
            and doc[start - 1].dep_ in ("poss", "amod", "compound", "nmod") and doc[start - 1].text[:1].isupper():
        start -= 1
    if start == owner_end:
        return ent, None
    iso = index.country_of_tokens(list(doc[start:owner_end]))
    if iso is None or index.lexicon.country_of(doc[start:owner_end].text) is None:
        return ent, None
    return doc[start:ent.end], iso


def _first_named(index: ActorIndex, name: Span) -> bool:
    """'Sanna Lindqvist', whatever NER read: two or three capitalized words, the first a first name of the lexicon,
    the last no institution's noun ("Grant Ministry")."""
    words = [t for t in name if t.text[:1].isupper()]
    return 2 <= len(name) <= 3 and len(words) == len(name) \
        and ascii_lower(name[0].text) in index.lexicon.first_names and index.group_kind(name[-1]) is None \
        and index.lexicon.country_of(name[-1].text) is None


def _agentive(token: Token) -> bool:
    """Subject, by-agent or 'according to' object: where a noun phrase names someone who acts or speaks."""
    if token.dep_ in AGENT_DEPS or (token.dep_ == "pobj" and token.head.dep_ == "agent"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i > 0 \
        and token.doc[token.head.i - 1].lower_ == "according"


def who_clause(head: Token) -> bool:
    """Whether a name takes a relative clause that "who" or "whom" opens: English uses them for people."""
    return any(c.dep_ == "relcl" and any(t.lower_ in ("who", "whom") and t.i < c.i for t in c.children)
               for c in head.children)


def noun_phrase(head: Token) -> Span:
    """The noun phrase of ``head`` without relative clauses or appositions after it, but with a following
    'in/from <place>' ("a government source in Berlin"). Public: the claims component cuts its sources with it,
    so a source and the actor it resolves to span the same words."""
    doc = head.doc
    left = min((t.i for t in head.subtree if t.i <= head.i), default=head.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") or child.text in (",", "("):
            break
        if child.dep_ == "prep" and (child.lower_ not in ("in", "from", "of", "at", "for", "with")
                                     or sum(1 for _ in child.subtree) > 4
                                     or any(t.dep_ in ("conj", "relcl", "acl") for t in child.subtree)):
            break
        right = max(right, max(t.i for t in child.subtree))
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left:right + 1]


@Language.factory(
    "sitroom_actors",
    requires=["token.dep", "token.tag", "doc.ents"],
    assigns=["doc._.actors"],
    default_config={"data_dir": ""},
)
def make_actors(nlp: Language, name: str, data_dir: str) -> ActorExtractor:
    return ActorExtractor(data_dir)


class ActorExtractor:
    """Sets ``doc._.actors``: list[Actor] with every mention's Evidence. It keeps only its lexicon: each call
    builds its own ``ActorIndex``, so one pipeline can serve several threads."""

    def __init__(self, data_dir: str) -> None:
        register_extensions()
        self.lexicon = load_actor_lexicon(data_dir)

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = extract_actors(doc, self.lexicon)
        return doc
