"""One actor across articles: a key per person, government, military or organization, whatever the article
calls it.

Persons are keyed by the romanization-blind skeleton of their surname and the initial of their given name
(Zelenskiy / Zelensky / Zelenskyy are one); titles in front of a name are read as its role ("President of Ukraine
Volodymyr Zelenskyy"), and the corpus's own pairs of role and name resolve a role alone ("the President of
Ukraine"; "the President" and "the Head of State" in a text of the president's own site). Governments and armed
forces are keyed by country and named as ACLED names them. Nothing here reads a parse: only the extractor's
Actor objects and the article's outlet, so better extraction feeds in unchanged.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from sitroom import acled
from sitroom.geo.names import skeleton
from sitroom.lexicons import read_rows
from sitroom.model import Actor, Record
from sitroom.text.names import strip_article

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mister", "madame", "lady", "lord"})
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in"})
# Titles that stand for the head of state when no country is named ("the Head of State").
HEAD_OF_STATE = frozenset({"president", "head of state"})
# Sources that are pronouns or place holders, not actors: not counted by actor.
PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "who", "everyone", "someone", "one", "us"})
# The first person as a source or an actor: the speaker (ActorRegistry.speaker).
FIRST_PERSON = frozenset({"i", "me", "we"})
# Generational suffixes after a surname ("Joseph R. Biden, Jr."): not the surname.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# International organizations whose offices are roles ("UN Secretary-General"), as countries' are.
ORGANIZATIONS_FILE = "fuse/organizations.tsv"
# A role in an organization is keyed "<title> of @<code>" (a country's: "<title> of <iso2>").
ORGANIZATION_MARK = "@"
# Words that make an organization's name its members, who speak and meet as it ("G7 leaders", "the leaders of the
# G7", "NATO allies"): one actor with it.
COLLECTIVE = frozenset({"leader", "leaders", "member", "members", "state", "states", "country", "countries",
                        "nation", "nations", "partner", "partners", "ally", "allies", "summit"})


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    words: set[str] = set()
    for row in read_rows("actors/titles.tsv"):
        words.update(row[0].lower().split())
    return frozenset(words | {"head", "office", "state", "deputy", "general", "ambassador", "spokesperson",
                              "spokesman", "press", "commander", "chief", "acting", "first", "former"})


@lru_cache(maxsize=1)
def countries() -> tuple[dict[str, str], dict[str, str]]:
    """(iso2 -> name, lowercased name/demonym/metonym -> iso2) from the shared country table."""
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for row in read_rows("countries.tsv"):
        iso, name = row[0], row[1]
        names[iso] = name
        lookup[name.lower()] = iso
        for cell in row[2:5]:
            for alias in filter(None, cell.split("|")):
                lookup[alias.lower()] = iso
                lookup[strip_article(alias).lower()] = iso
    return names, lookup


@lru_cache(maxsize=1)
def multiword_countries() -> tuple[str, ...]:
    """The country names and aliases of several words, longest first ("united states of america")."""
    _, lookup = countries()
    return tuple(sorted((a for a in lookup if " " in a), key=len, reverse=True))


@lru_cache(maxsize=1)
def organizations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, code) for every name and acronym of data/fuse/organizations.tsv, the longest first: names match
    without regard to case, acronyms with theirs ("WHO", not "who"); both as whole words."""
    forms: list[tuple[str, str, int]] = []
    for row in read_rows(ORGANIZATIONS_FILE):
        cells = [*row, "", ""]
        forms += [(name, row[0], re.IGNORECASE) for name in cells[1].split("|") if name]
        forms += [(acronym, row[0], 0) for acronym in cells[2].split("|") if acronym]
    forms.sort(key=lambda f: -len(f[0]))
    return tuple((re.compile(r"(?<![\w.])" + re.escape(form) + r"(?!\w)", flags), code) for form, code, flags in forms)


def organization_in(text: str) -> tuple[str, str]:
    """(code, the text with that name blanked) of the first international organization a text names, by its
    longest name ("Secretary-General of the United Nations" -> UN); ("", text) when it names none."""
    for pattern, code in organizations():
        found = pattern.search(text)
        if found:
            return code, text[:found.start()] + " " + text[found.end():]
    return "", text


def organization_named(name: str) -> str:
    """The code of the international organization a name is, alone or as its members ("the G7", "G7 Leaders",
    "leaders of the G7", "NATO"); "" for any other name ("NATO Secretary General Jens Stoltenberg")."""
    code, rest = organization_in(name)
    words = [w for w in re.findall(r"[\w']+", rest.lower()) if w not in CONNECTORS]
    return code if code and all(w in COLLECTIVE for w in words) else ""


def country_in(text: str) -> str:
    """The first country a text names, by name, demonym or seat of government ("Kremlin (en.kremlin.ru)")."""
    _, lookup = countries()
    for word_count in (3, 2, 1):
        tokens = re.findall(r"[\w.']+", text)
        for i in range(len(tokens) - word_count + 1):
            iso = lookup.get(" ".join(tokens[i:i + word_count]).lower())
            if iso:
                return iso
    return ""


def split_name(name: str) -> tuple[str, list[str]]:
    """(role phrase, name tokens): "President of Ukraine Volodymyr Zelenskyy" -> ("President of Ukraine",
    ["Volodymyr", "Zelenskyy"]); a name that is all title ("the President of Ukraine") has no name tokens. A
    generational suffix is dropped ("Joseph R. Biden, Jr." -> ["Joseph", "R.", "Biden"]) and a country name in
    front of the name is part of the role ("President of the United States Joseph Biden", where a tagger cut off
    the title: "United States Joseph Biden")."""
    tokens = [t.strip(",;") for t in strip_article(name).split()]
    tokens = [t for t in tokens if t]
    while tokens and tokens[-1].lower().strip(".") in SUFFIXES and len(tokens) > 1:
        tokens.pop()
    _, lookup = countries()
    cut = len(tokens)
    while cut > 0:
        word = tokens[cut - 1]
        low = word.lower().strip(".,'")
        if not word[:1].isupper() or low in titles() or low in CONNECTORS or low in HONORIFICS or low in lookup \
                or (low.endswith("s") and low[:-1] in titles()):  # "Presidents Putin and Xi"
            break
        cut -= 1
    start = cut
    longest = len(multiword_countries()[0].split()) if multiword_countries() else 1
    while start < len(tokens):  # a country's or organization's name of several words before the name ("United
        # States", "Secretary-General of the United Nations Antonio Guterres")
        width = next((n for n in range(min(longest, len(tokens) - start), 1, -1)
                      if " ".join(tokens[start:start + n]).lower().strip(".,'") in lookup
                      or _whole_organization(" ".join(tokens[start:start + n]))), 0)
        if not width:
            break
        start += width
    return " ".join(tokens[:start]), tokens[start:]


def _whole_organization(words: str) -> bool:
    code, rest = organization_in(words)
    return bool(code) and not rest.strip(" .,'")


def role_key(phrase: str, outlet: str = "") -> str:
    """A role as "<title> of <iso2>": "Ukrainian President", "President of Ukraine" -> "president of UA"; a bare
    head-of-state title takes the country of the outlet ("the President" on president.gov.ua). A role in an
    international organization is "<title> of @<code>" ("the U.N. Secretary-General", "Secretary-General of the
    United Nations" -> "secretary general of @UN"), where no country is named."""
    iso = country_in(phrase)
    if not iso:
        code, rest = organization_in(phrase)
        if code:
            iso, phrase = ORGANIZATION_MARK + code, rest
    _, lookup = countries()
    plain = strip_article(phrase).lower()
    for alias in multiword_countries():
        if alias in plain:
            plain = plain.replace(alias, " ")  # "the United States": its words are the country, not the title
    words = [w for w in re.findall(r"[\w']+", plain) if w not in HONORIFICS]
    if not words:
        return ""
    kept = [w for w in words if w not in lookup and (w in CONNECTORS or w in titles())]
    while kept and kept[-1] in CONNECTORS:
        kept.pop()
    while kept and kept[0] in CONNECTORS:
        kept.pop(0)
    title = " ".join(kept)
    if not title or any(w not in lookup and w not in CONNECTORS and w not in titles() for w in words):
        return ""
    if not iso:
        if title not in HEAD_OF_STATE:
            return ""
        iso = country_in(outlet)
        if not iso:
            return ""
        title = "president"
    if title == "head of state":
        title = "president"
    return f"{title} of {iso}"


def outlet_role(outlet: str) -> str:
    """The role an outlet speaks for: "President of Ukraine (president.gov.ua)" -> "president of UA"."""
    return role_key(re.sub(r"\(.*?\)", "", outlet), outlet)


def _acronym(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in CONNECTORS]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


class ActorRegistry:
    """What the corpus says about who is who, grown article by article: which person holds which role, which
    full name a surname stands for, which name each key is shown with."""

    def __init__(self) -> None:
        self.role_holders: dict[str, Counter[str]] = defaultdict(Counter)
        self.surnames: dict[str, Counter[str]] = defaultdict(Counter)
        self.names: dict[str, Counter[str]] = defaultdict(Counter)
        self.acronyms: dict[str, str] = {}

    def observe(self, records: Iterable[Record]) -> None:
        """Learn role holders, full names and acronyms from the records (call before ``key`` on them)."""
        for record in records:
            outlet = record.article.outlet
            for actor in record.actors:
                role, tokens = split_name(actor.name)
                if is_person(actor, role, tokens):
                    if len(tokens) >= 2 and not all(_initial(t) for t in tokens[:-1]):
                        key = _person_key(tokens)
                        self.surnames[skeleton(tokens[-1])][key] += 1
                        for phrase in (role, actor.role):
                            found = role_key(phrase, outlet) if phrase else ""
                            if found:
                                self.role_holders[found][key] += 1
                elif actor.kind == "organization" and _acronym(actor.name):
                    self.acronyms.setdefault(_acronym(actor.name), "org:" + actor.name.lower())

    def key(self, record: Record, actor: Actor) -> str:
        """The corpus-wide key of one of a record's actors."""
        key = self._key(actor, record.article.outlet)
        shown = _display(actor)
        # A person is shown by a full name where the corpus gives one ("Joseph Biden", not "President").
        self.names[key][shown] += 1 if not key.startswith("person:") or " " in shown else 0
        return key

    def _key(self, actor: Actor, outlet: str) -> str:
        name = strip_article(actor.name)
        names, _ = countries()
        if actor.kind in ("government", "military") and actor.country and not role_key(name, outlet):
            return f"{actor.kind}:{actor.country}"
        role, tokens = split_name(name)
        if is_person(actor, role, tokens):
            if len(tokens) >= 2 and not all(_initial(t) for t in tokens[:-1]):
                return _person_key(tokens)
            known = self.surnames.get(skeleton(tokens[-1]))
            return known.most_common(1)[0][0] if known else "person:" + skeleton(tokens[-1])
        found = role_key(name, outlet) if not tokens else ""
        if found:
            holders = self.role_holders.get(found)
            return holders.most_common(1)[0][0] if holders else "role:" + found
        code = organization_named(name)  # whatever the tagger typed it: "G7 Leaders" is the G7
        if code:
            return "org:" + ORGANIZATION_MARK + code
        if actor.kind == "organization":
            return self.acronyms.get(name.upper(), "org:" + name.lower()) if name.isupper() else "org:" + name.lower()
        return f"{actor.kind}:{name.lower()}"

    def speaker(self, record: Record) -> str:
        """The key of whoever "I" is in a record: the source the claims component gave its first-person claims
        (the most frequent), else the office its outlet speaks for ("President of Ukraine (president.gov.ua)":
        the President's texts in the first person are his), else a person the outlet names in brackets
        ("video addresses (Volodymyr Zelensky)"); "" when none."""
        actors = {a.id: a for a in record.actors}
        spoken = Counter(self._key(actors[c.source], record.article.outlet) for c in record.claims
                         if c.source in actors and c.source_mention is not None
                         and c.source_mention.text.lower() in FIRST_PERSON)
        if spoken:
            return spoken.most_common(1)[0][0]
        outlet = record.article.outlet
        holders = self.role_holders.get(outlet_role(outlet))
        if holders:
            return holders.most_common(1)[0][0]
        for inside in re.findall(r"\(([^()]*)\)", outlet):
            _, tokens = split_name(inside)
            if len(tokens) >= 2 and all(t[:1].isupper() for t in tokens) and " " in inside and "." not in inside:
                return _person_key(tokens)
        return ""

    def display(self, key: str) -> str:
        """The name a key is shown with: ACLED's for governments and forces, else its most used full name."""
        kind, _, rest = key.partition(":")
        names, _ = countries()
        if kind == "military" and rest in names:
            return acled.military_forces(names[rest])
        if kind == "government" and rest in names:
            return f"Government of {names[rest]}"
        seen = self.names.get(key)
        return seen.most_common(1)[0][0] if seen else rest


def is_person(actor: Actor, role: str, tokens: list[str]) -> bool:
    """A person's name: so typed, or a title followed by a given name and a surname whatever the type a tagger
    gave it ("President of Ukraine Volodymyr Zelenskyy" read as an organization)."""
    if actor.kind == "person":
        return bool(tokens)
    return actor.kind in ("organization", "unnamed", "group") and bool(role) and len(tokens) >= 2 and \
        bool(role_key(role) or country_in(role)) and all(t[:1].isupper() for t in tokens)


def _person_key(tokens: list[str]) -> str:
    """Surname skeleton and the initial of the given name just before it, skipping middle initials ("Joseph R.
    Biden" -> J; "Republic Emmanuel Macron", where a tagger kept a word of the title, -> E). A name whose words
    before the surname are all initials ("R. Biden") is a surname alone (the caller resolves it by the surnames
    the corpus knows)."""
    given = next((t for t in reversed(tokens[:-1]) if not _initial(t)), tokens[0])
    return f"person:{skeleton(tokens[-1])}:{skeleton(given)[:1]}"


def _initial(token: str) -> bool:
    return len(token.rstrip(".")) <= 1


def _display(actor: Actor) -> str:
    role, tokens = split_name(actor.name)
    if is_person(actor, role, tokens) and len(tokens) >= 2:
        return " ".join(tokens)
    return strip_article(actor.name)


def sources_by_actor(records: Iterable[Record], limit: int = 10) -> list[tuple[str, int]]:
    """Claims counted by their source's actor across the corpus (the most cited first); claims whose source is
    an unresolved pronoun are not an actor's and are left out."""
    records = list(records)
    registry = ActorRegistry()
    registry.observe(records)
    counts: Counter[str] = Counter()
    for record in records:
        actors = {a.id: a for a in record.actors}
        for claim in record.claims:
            actor = actors.get(claim.source) if claim.source else None
            if actor is None or actor.name.lower() in PRONOUNS:
                continue
            counts[registry.key(record, actor)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(registry.display(key), n) for key, n in ranked]
