"""Time expressions: find them with compiled regexes, resolve them against the publication date.

HeidelTime's approach, kept small: a rule file (``data/time/rules.tsv``) of regexes over the raw text finds
candidates fast; a normalizer per rule turns each into a TIMEX3 value and a start/end day range. The parse is
consulted only for candidates whose value depends on tense (a month-day without a year, a weekday, a bare month):
"is set to visit Germany on October 18" looks forward, "a strike ... on January 2" looks back. When the article
has no publication date, one is inferred from the dates the text reports and from durations anchored on a dated
event ("almost 32 months after the full-scale invasion ... February 2022"), and stored as inferred with its
evidence.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom import lexicons
from sitroom.extract.doc import doc_text, evidence
from sitroom.model import Evidence, TimeExpression
from sitroom.text.speech import SpeechFrames, announcement_lines, load_frames

RULES_FILE = "time/rules.tsv"
LEXICON_FILE = "time/lexicon.json"

# How far apart (days) a past-tense reported date may lie before the inferred publication date and still be
# taken as "the day of writing"; calibrated on the seed's class of article (a daily news report, mentions within
# two weeks) -- a wider window lets old anniversaries pull the date back.
INFER_WINDOW_DAYS = 45
# How many characters back a quarter stays the reference time for "a year earlier"; calibrated on TBAQ's
# earnings reports (the quarter is named in the same or the previous sentence).
REFERENCE_REACH = 400
# A past-tense yearless date may lie this many days after the reference date before it is moved a year back
# (and a future-tense one as many days before); calibrated on TBAQ (announced payment and meeting dates).
TENSE_SLACK_DAYS = 62


# Python's dates run from year 1 to 9999: arithmetic that leaves them (a "published" of 9999-12-31 and "next
# year", "a century ago" in year 50) raises these. Such an expression gets no value rather than failing the article.
CALENDAR_ERRORS = (ValueError, OverflowError)

# --- rules ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    normalizer: str
    regex: re.Pattern[str]


@dataclass
class Lexicon:
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def number(self, text: str) -> float | None:
        """'two' -> 2, '24' -> 24, 'twenty-four' -> 24, 'several' -> None (vague)."""
        text = re.sub(r"\s+", " ", text.lower().strip())
        if text.endswith(" 1/2") and text[:-4].isdigit():
            return float(text[:-4]) + 0.5
        if re.fullmatch(r"\d+(?:\.\d+)?", text.replace(",", "")):
            return float(text.replace(",", ""))
        numbers = self.data["numbers"]
        if text in numbers:
            return float(numbers[text])
        parts = re.split(r"[- ]", text)
        if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
            return float(numbers[parts[0]] + numbers[parts[1]])
        return None


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


# Characters around a trigger word inside which a rule's match must lie (the longest rule matches in TBAQ span
# under 50 characters: "more than four decades ago", "the year-earlier third quarter").
TRIGGER_MARGIN = 60
DIGIT = re.compile(r"\d+")


def trigger_words(lexicon: Lexicon) -> frozenset[str]:
    """Words at least one of which every rule's match contains (digits aside): where matching may start."""
    words: set[str] = set()
    for key in ("months", "weekdays", "units", "parts_of_day", "seasons", "sets", "refs", "holidays"):
        for phrase in lexicon[key]:
            words.update(w.strip(".") for w in phrase.split())
    words |= {u + "s" for u in lexicon["units"]} | set(lexicon["unit_plurals"])
    words |= {"today", "tomorrow", "yesterday", "tonight", "ago", "a.m", "p.m", "am", "pm", "half", "period",
              "thanksgiving", "noon", "midnight", "nineteen", "thousand"}
    words -= {"the", "a", "of", "in", "at", "day's"}
    return frozenset(words | {w + "." for w in words})


@lru_cache(maxsize=8)
def load_rules(data_dir: str = "") -> tuple[tuple[Rule, ...], Lexicon]:
    """Compile the rule file with its placeholders filled from the lexicon (cached: loaded once per process).
    ``data_dir``, when given, is a folder whose rules.tsv / lexicon.json replace the packaged ones."""
    lexicon = Lexicon(lexicons.read_json(LEXICON_FILE, data_dir))
    months = list(lexicon["months"])
    month_alt = "(?:" + "|".join(
        re.escape(m) + (r"\.?" if len(m) <= 4 and m != "may" else "") for m in sorted(months, key=len, reverse=True)
    ) + ")"
    full_months = [m for m, _ in sorted(lexicon["months"].items(), key=lambda kv: kv[1]) if len(m) > 4 or m == "june"]
    cap_months = [m.capitalize() for m in full_months if m != "may"]
    cap_abbrev = [m.capitalize() + r"\." for m in months if len(m) <= 4 and m not in ("may", "june", "july")]
    unit_names = list(lexicon["units"]) + ["fiscal year"]
    plural_units = [u + "s" for u in lexicon["units"] if u not in ("century",)] + list(lexicon["unit_plurals"])
    number_words = list(lexicon["numbers"]) + lexicon["vague_numbers"]
    tens = (
        "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine)"
    )
    fills = {
        "MONTH": month_alt,
        "MONTHCAP": "(?:" + "|".join(sorted(cap_months, key=len, reverse=True) + cap_abbrev) + ")",
        "WEEKDAY": _alternation(list(lexicon["weekdays"])),
        "POD": _alternation(list(lexicon["parts_of_day"])),
        "SEASON": _alternation(list(lexicon["seasons"])),
        "UNIT": _alternation(unit_names),
        "UNITPL": _alternation(plural_units),
        "NUM": r"(?:\d{1,3}(?:\.\d+|\s+1/2)?(?![\d/])|" + tens + "|" + _alternation(number_words)[3:],
        "SETWORD": _alternation(list(lexicon["sets"])),
        "HOLIDAY": _alternation(list(lexicon["holidays"])),
        "REF": _alternation(list(lexicon["refs"])),
    }
    rules: list[Rule] = []
    rules_path = lexicons.locate(RULES_FILE, data_dir)
    for line_no, line in enumerate(rules_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            name, type_, normalizer, flags, pattern = line.split("\t")
        except ValueError as error:
            raise ValueError(f"{rules_path}:{line_no}: expected 5 tab-separated columns") from error
        for key, value in fills.items():
            pattern = pattern.replace("{" + key + "}", value)
        regex = re.compile(r"(?<![\w-])(?:" + pattern + r")(?!\w|-\w)", re.IGNORECASE if "i" in flags else 0)
        rules.append(Rule(name, type_, normalizer, regex))
    return tuple(rules), lexicon


# --- candidates ----------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    index: int = 0

    def group(self, name: str) -> str:
        value = self.match.groupdict().get(name)
        return (value or "").strip()


def trigger_windows(doc: Doc, text: str, triggers: np.ndarray) -> list[tuple[int, int]]:
    """Stretches of text around trigger words (read from the token arrays, no Python loop over tokens) and
    digits: the only places a rule can match, so the rules need not scan the rest."""
    array = doc.to_array([LOWER, IDX, LENGTH])
    hits = array[np.isin(array[:, 0], triggers)]
    points = [(int(i), int(i + n)) for _, i, n in hits] + [(m.start(), m.end()) for m in DIGIT.finditer(text)]
    points.sort()
    windows: list[tuple[int, int]] = []
    for start, end in points:
        start, end = max(0, start - TRIGGER_MARGIN), min(len(text), end + TRIGGER_MARGIN)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def find_candidates(
    text: str, rules: tuple[Rule, ...], windows: list[tuple[int, int]] | None = None
) -> list[Candidate]:
    """Every rule's matches (inside the windows, when given), overlaps resolved: the longest span wins, then
    the earlier rule."""
    found: list[Candidate] = []
    spans = windows if windows is not None else [(0, len(text))]
    for order, rule in enumerate(rules):
        for match in (m for start, end in spans for m in rule.regex.finditer(text, start, end)):
            end = match.end()
            while end > match.start() and text[end - 1] in " \t\n,":
                end -= 1
            if end > match.start():
                found.append(Candidate(match.start(), end, rule, match, order))
    found.sort(key=lambda c: (-(c.end - c.start), c.index, c.start))
    taken: list[Candidate] = []
    for cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken


# --- date arithmetic -----------------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def quarter_span(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return month_span(year, 3 * quarter - 2)[0], month_span(year, 3 * quarter)[1]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass
class Norm:
    """A normalized value: what a normalizer returns before it becomes a TimeExpression."""

    value: str
    type: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None
    modifier: str = ""
    part_of_day: str = ""
    anchor: str = "publication"
    skip: int = 0  # characters of context (a preposition) the rule matched before the expression itself


# --- tense ---------------------------------------------------------------------------------------------------


def tense_of(doc: Doc, start: int, end: int, lexicon: Lexicon) -> str | None:
    """past / present / future of the verb that governs doc.text[start:end], read from tags and the parse."""
    if not (doc.has_annotation("TAG") and len(doc)):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb: Token | None = None
    if doc.has_annotation("DEP"):
        token = span.root
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
                verb = token
                break
            if token.head is token:
                break
            token = token.head
    if verb is None:
        sent_start = span.sent.start if doc.has_annotation("SENT_START") else max(0, span.start - 15)
        for i in range(span.start - 1, sent_start - 1, -1):
            if doc[i].tag_.startswith("VB") or doc[i].tag_ == "MD":
                verb = doc[i]
                break
    if verb is None:
        return None
    return _verb_tense(verb, lexicon)


@lru_cache(maxsize=4)
def _future_cue(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\s+(?:on\s+)?$")


def FUTURE_CUE(lexicon: Lexicon) -> re.Pattern[str]:  # noqa: N802 - reads like the constant it caches
    return _future_cue(tuple(lexicon["future_cues"]))


def _verb_tense(verb: Token, lexicon: Lexicon) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.lemma_.lower() in lexicon["prospective_verbs"] and not any(a.lower_ == "had" for a in auxes):
        return "future"  # "scheduled a news conference Thursday", "postponed until Tuesday": what is planned
    aux_words = {a.lower_ for a in auxes}
    if aux_words & set(lexicon["future_auxiliaries"]):
        return "future"
    if verb.tag_ == "VB" and "to" in aux_words:
        governor = verb.head
        if any(c.lower_ == "had" for c in governor.children if c.dep_ in ("aux", "auxpass")):
            return "past"  # "had been scheduled to expire Friday": a plan seen from after it
        if governor is not verb and governor.lemma_.lower() in lexicon["future_governors"]:
            return "future"
        if governor is not verb and governor.tag_.startswith("VB"):
            return _verb_tense(governor, lexicon)
        return "future"  # "ready to leave", "a plan to visit": an infinitive under a noun or adjective looks ahead
    if verb.tag_ == "VBG" and verb.lemma_ == "go":
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or any(a.lower_ in ("has", "have") for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in lexicon["future_auxiliaries"] else None
    return "present"


# --- the normalizers -----------------------------------------------------------------------------------------


@dataclass
class Context:
    """What a normalizer may consult: the reference date, the lexicon, the Doc, the candidate."""

    dct: dt.date | None
    lexicon: Lexicon
    doc: Doc
    cand: Candidate
    tenses: dict[int, str | None] = field(default_factory=dict)

    def tense(self) -> str | None:
        key = self.cand.start
        if key not in self.tenses:
            self.tenses[key] = tense_of(self.doc, self.cand.start, self.cand.end, self.lexicon)
        return self.tenses[key]

    def month(self, text: str) -> int:
        return int(self.lexicon["months"][text.lower().rstrip(".")])


def _year_for(month: int, day: int, dct: dt.date, tense: str | None) -> int:
    """A month(-day) without a year: the closest such day to the reference date, unless the governing verb's
    tense contradicts it by more than TENSE_SLACK_DAYS (HeidelTime looks at tense alone; on TBAQ that moves
    "payable Nov. 20" in a past-tense report a year back)."""
    best = dct.year
    best_gap = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        candidate = safe_date(year, month, min(day, 28 if month == 2 else day))
        if candidate is None:
            continue
        gap = abs((candidate - dct).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    closest = safe_date(best, month, min(day, 28 if month == 2 else day)) or dct
    if tense == "past" and (closest - dct).days > TENSE_SLACK_DAYS:
        return best - 1
    if tense == "future" and (dct - closest).days > TENSE_SLACK_DAYS:
        return best + 1
    return best


def _mod(ctx: Context) -> str:
    raw = re.sub(r"\s+", " ", ctx.cand.group("mod").lower())
    return ctx.lexicon["modifiers"].get(raw, "")


def _day_norm(start: dt.date, end: dt.date | None, ctx: Context) -> Norm:
    mod_word = ctx.cand.group("mod").lower()
    pod = ""
    if mod_word == "late" and re.search(r"\bon\b", ctx.cand.match.group(0)[:10], re.IGNORECASE):
        pod = "evening"
    if end is not None and end != start:
        return Norm(f"{start.isoformat()}/{end.isoformat()}", "DATE", start, end, "day")
    return Norm(start.isoformat(), "DATE", start, start, "day", modifier=_mod(ctx) if not pod else "", part_of_day=pod)


def _day_or_range(year: int, month: int, day: int, ctx: Context) -> Norm | None:
    """The day (or "October 10-12" range) in that year; None for a day the month does not have."""
    start = safe_date(year, month, day)
    if start is None:
        return None
    end = safe_date(year, month, int(ctx.cand.group("day2"))) if ctx.cand.group("day2") else None
    return _day_norm(start, end, ctx)


def n_date_full(ctx: Context) -> Norm | None:
    month, day, year = ctx.month(ctx.cand.group("month")), int(ctx.cand.group("day")), int(ctx.cand.group("year"))
    return _day_or_range(year, month, day, ctx)


def n_date_iso(ctx: Context) -> Norm | None:
    start = safe_date(int(ctx.cand.group("year")), int(ctx.cand.group("month")), int(ctx.cand.group("day")))
    return None if start is None else Norm(start.isoformat(), "DATE", start, start, "day")


def n_date_slash(ctx: Context) -> Norm | None:
    year = int(ctx.cand.group("year"))
    year = year + (1900 if year >= 50 else 2000) if year < 100 else year
    start = safe_date(year, int(ctx.cand.group("month")), int(ctx.cand.group("day")))
    return None if start is None else Norm(start.isoformat(), "DATE", start, start, "day")


def n_month_day(ctx: Context) -> Norm | None:
    month, day = ctx.month(ctx.cand.group("month")), int(ctx.cand.group("day"))
    if not 1 <= day <= 31:
        return None
    if ctx.dct is None:
        return Norm(f"XXXX-{month:02d}-{day:02d}", "DATE", None, None, "day")
    return _day_or_range(_year_for(month, day, ctx.dct, ctx.tense()), month, day, ctx)


def n_month_year(ctx: Context) -> Norm | None:
    month, year = ctx.month(ctx.cand.group("month")), int(ctx.cand.group("year"))
    start, end = month_span(year, month)
    return Norm(f"{year}-{month:02d}", "DATE", start, end, "month", modifier=_mod(ctx))


def n_month(ctx: Context) -> Norm | None:
    rel = (ctx.cand.group("rel") or ctx.cand.group("rel2")).lower()
    written = ctx.cand.group("month")
    if written.lower() in ("mar", "jan", "sep", "dec"):  # an abbreviation without its dot is another word
        return None
    month = ctx.month(ctx.cand.group("month"))
    if ctx.dct is None:
        return Norm(f"XXXX-{month:02d}", "DATE", None, None, "month")
    if rel == "last":  # the month just ended would be "last month": "last February" on March 1 is a year back
        year = ctx.dct.year - 1 if month >= ctx.dct.month - 1 else ctx.dct.year
    elif rel == "next":
        year = ctx.dct.year + 1 if month <= ctx.dct.month else ctx.dct.year
    elif rel == "this":
        year = ctx.dct.year
    else:
        year = _year_for(month, 15, ctx.dct, ctx.tense())
    start, end = month_span(year, month)
    span_text = ctx.cand.match.group(0)
    modifier = ctx.lexicon["modifiers"].get(rel.rstrip("-"), "")
    norm = Norm(f"{year}-{month:02d}", "DATE", start, end, "month", modifier=modifier)
    if rel in ("since", "in", "until", "by"):  # the preposition is context, not part of the expression
        offset = len(rel)
        norm.skip = offset + len(span_text[offset:]) - len(span_text[offset:].lstrip())
    return norm


def n_year(ctx: Context) -> Norm | None:
    year = int(ctx.cand.group("year"))
    mod_word = ctx.cand.group("mod").lower()
    if mod_word == "" and ctx.dct is not None and year > ctx.dct.year + 30:
        return None
    return Norm(str(year), "DATE", dt.date(year, 1, 1), dt.date(year, 12, 31), "year", modifier=_mod(ctx))


def n_year_words(ctx: Context) -> Norm | None:
    """"nineteen ninety-six", "the year two thousand": years read out (broadcast transcripts)."""
    if ctx.cand.group("twok"):
        year = 2000
    else:
        century, rest = ctx.lexicon.number(ctx.cand.group("century")), ctx.lexicon.number(ctx.cand.group("rest"))
        if century is None or rest is None:
            return None
        year = int(century * 100 + rest)
    return Norm(str(year), "DATE", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def n_decade(ctx: Context) -> Norm | None:
    decade = int(ctx.cand.group("decade"))
    mod = ctx.lexicon["modifiers"].get(re.sub(r"^the\s+", "", ctx.cand.group("mod").lower()), "")
    return Norm(str(decade)[:3], "DATE", dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade", modifier=mod)


def n_season(ctx: Context) -> Norm | None:
    code = ctx.lexicon["seasons"][ctx.cand.group("season").lower()]
    rel = ctx.cand.group("rel").lower()
    if ctx.cand.group("year"):
        year = int(ctx.cand.group("year"))
    elif ctx.dct is None:
        return Norm(f"XXXX-{code}", "DATE", None, None, "season")
    elif rel == "last":
        year = ctx.dct.year - 1  # TimeBank: "last spring" in October is the previous year's, like "last year"
    elif rel == "next":
        year = ctx.dct.year + 1
    elif rel in ("this", "early", "late", "the"):
        year = ctx.dct.year
    else:
        return None  # a bare season word ("fall", "spring") is too often not a time
    return Norm(f"{year}-{code}", "DATE", None, None, "season", modifier=ctx.lexicon["modifiers"].get(rel, ""))


def n_weekday(ctx: Context) -> Norm | None:
    weekday = ctx.lexicon["weekdays"][ctx.cand.group("wd").lower()]
    rel = ctx.cand.group("rel").lower()
    pod_code = ctx.lexicon["parts_of_day"].get(ctx.cand.group("pod").lower(), "")
    if ctx.dct is None:
        return Norm("XXXX-WXX-" + str(weekday + 1), "DATE", None, None, "day")
    delta = weekday - ctx.dct.weekday()
    tense = "past" if rel in ("last", "past") else "future" if rel in ("next", "coming") else ctx.tense()
    before = ctx.cand.match.string[max(0, ctx.cand.start - 20) : ctx.cand.start].lower()
    if not rel and FUTURE_CUE(ctx.lexicon).search(before):
        tense = "future"  # "as soon as Tuesday", "until Friday": a deadline ahead
    if rel == "this":
        tense = "future" if delta >= 0 else "past"
    if rel in ("last", "past") and delta == 0:
        delta = -7  # "last Wednesday" written on a Wednesday is a week back
    if tense == "future":
        delta = delta if delta >= 0 else delta + 7
    else:  # reported weekdays are past unless the verb looks forward: "said Friday" is the last Friday
        delta = delta if delta <= 0 else delta - 7
    day = ctx.dct + dt.timedelta(days=delta)
    if pod_code:
        name = ctx.lexicon["part_of_day_names"][pod_code]
        return Norm(f"{day.isoformat()}T{pod_code}", "TIME", day, day, "part_of_day", part_of_day=name)
    return Norm(day.isoformat(), "DATE", day, day, "day", modifier=_mod(ctx))


def n_relday(ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", ctx.cand.group("word").lower())
    if ctx.cand.group("word") == "Today" and re.search(r"[A-Z]\w*\s$", ctx.cand.match.string[: ctx.cand.start][-20:]):
        return None  # "VOA Today", "USA Today": a title mid-sentence, not the day
    offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1, "the day before yesterday": -2,
               "the day after tomorrow": 2}
    pod_code = ctx.lexicon["parts_of_day"].get(ctx.cand.group("pod").lower(), "")
    if ctx.dct is None:
        return Norm("", "TIME" if pod_code else "DATE", None, None, "day")
    day = ctx.dct + dt.timedelta(days=offsets[word])
    if word == "tonight":
        return Norm(day.isoformat(), "DATE", day, day, "day", part_of_day="night")
    if pod_code:
        name = ctx.lexicon["part_of_day_names"][pod_code]
        return Norm(f"{day.isoformat()}T{pod_code}", "TIME", day, day, "part_of_day", part_of_day=name)
    return Norm(day.isoformat(), "DATE", day, day, "day")


def n_pod(ctx: Context) -> Norm | None:
    rel = ctx.cand.group("rel").lower()
    pod_code = ctx.lexicon["parts_of_day"][ctx.cand.group("pod").lower()]
    if ctx.dct is None:
        return Norm("", "TIME", None, None, "part_of_day")
    day = ctx.dct - dt.timedelta(days=1) if "last" in rel else ctx.dct
    name = ctx.lexicon["part_of_day_names"][pod_code]
    return Norm(f"{day.isoformat()}T{pod_code}", "TIME", day, day, "part_of_day", part_of_day=name)


def n_past_day(ctx: Context) -> Norm | None:
    """'the past day': the 24 hours before publication, a two-calendar-day range (the seed's reading)."""
    if ctx.dct is None:
        return Norm("P1D", "DURATION")
    start = ctx.dct - dt.timedelta(days=1)
    return Norm(f"{start.isoformat()}/{ctx.dct.isoformat()}", "DURATION", start, ctx.dct, "day")


def _unit_code(unit: str, lexicon: Lexicon) -> str:
    unit = unit.lower()
    unit = lexicon["unit_plurals"].get(unit, unit)
    if unit.endswith("s") and unit[:-1] in lexicon["units"]:
        unit = unit[:-1]
    if unit in ("fiscal year", "school year"):
        unit = "year"
    return lexicon["units"][unit]


def _period(day: dt.date, code: str, shift: int) -> Norm | None:
    """The calendar unit containing ``day``, moved ``shift`` units: value, span and granularity."""
    if code == "D":
        d = day + dt.timedelta(days=shift)
        return Norm(d.isoformat(), "DATE", d, d, "day")
    if code in ("W", "WE"):
        d = day + dt.timedelta(weeks=shift)
        start, end = week_span(d)
        if code == "WE":
            return Norm(week_value(d) + "-WE", "DATE", end - dt.timedelta(days=1), end, "week")
        return Norm(week_value(d), "DATE", start, end, "week")
    if code == "M":
        d = add_months(day.replace(day=1), shift)
        start, end = month_span(d.year, d.month)
        return Norm(f"{d.year}-{d.month:02d}", "DATE", start, end, "month")
    if code == "Q":
        index = day.year * 4 + (day.month - 1) // 3 + shift
        year, q = divmod(index, 4)
        start, end = quarter_span(year, q + 1)
        return Norm(f"{year}-Q{q + 1}", "DATE", start, end, "quarter")
    if code == "Y":
        year = day.year + shift
        return Norm(str(year), "DATE", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if code == "DE":
        decade = day.year // 10 * 10 + 10 * shift
        return Norm(str(decade)[:3], "DATE", dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade")
    if code == "CE":
        century = day.year // 100 + shift
        return Norm(f"{century:02d}", "DATE", dt.date(century * 100, 1, 1), dt.date(century * 100 + 99, 12, 31),
                    "century")
    return None


def n_rel_unit(ctx: Context) -> Norm | None:
    rel = re.sub(r"\s+", " ", ctx.cand.group("rel").lower())
    code = _unit_code(ctx.cand.group("unit"), ctx.lexicon)
    mod_word = re.sub(r"\s+", " ", ctx.cand.group("mod").lower())
    if ctx.dct is None:
        return Norm("", "DATE")
    # "the past year" is, in TBAQ, the previous calendar year (a DATE), like "last year"
    shift = {"last": -1, "previous": -1, "the past": -1, "the previous": -1, "the last": -1, "next": 1,
             "coming": 1, "the coming": 1, "the next": 1}.get(rel, 0)
    if code == "WE" and shift == 0 and ctx.dct.weekday() < 4:
        shift = -1  # "this weekend" said Monday-Thursday: the one just past
    norm = _period(ctx.dct, code, shift)
    if norm is None:
        return None
    if mod_word in ("later", "earlier") and shift == 0 and norm.start and norm.end:
        if mod_word == "later":
            norm.start = max(norm.start, ctx.dct + dt.timedelta(days=1))
        else:
            norm.end = min(norm.end, ctx.dct - dt.timedelta(days=1))
    else:
        norm.modifier = ctx.lexicon["modifiers"].get(mod_word, "")
    return norm


def n_the_unit(ctx: Context) -> Norm | None:
    code = _unit_code(ctx.cand.group("unit"), ctx.lexicon)
    before = ctx.cand.match.string[max(0, ctx.cand.start - 12) : ctx.cand.start].lower()
    full = "full" in ctx.cand.match.group(0).lower()  # "for the full year": the calendar year itself
    if code == "Y" and not full and re.search(r"\b(?:for|over|through|throughout)\s+$", before):
        return Norm("P1Y", "DURATION")  # "net income for the year": a year-long span
    if ctx.dct is None:
        return Norm("", "DATE")
    shift = -1 if code == "WE" and ctx.dct.weekday() < 4 else 0  # "the weekend" said early in the week: past
    return _period(ctx.dct, code, shift)


def n_quarter(ctx: Context) -> Norm | None:
    ordinal = ctx.cand.group("ord").lower()
    unit = ctx.cand.group("unit").lower()
    if ctx.cand.group("year0"):  # "the 1988 second quarter", "the 1988 period": that year's (last reported) one
        year = int(ctx.cand.group("year0"))
        q = ctx.lexicon["ordinals"].get(ordinal) or (
            ((ctx.dct.month - 1) // 3 or 4) if ctx.dct else 4
        )
        start, end = quarter_span(year, q)
        return Norm(f"{year}-Q{q}", "DATE", start, end, "quarter")
    if ctx.dct is None and not ctx.cand.group("year"):
        return Norm("", "DATE")
    reference = ctx.dct or dt.date(int(ctx.cand.group("year")), 12, 31)
    current = (reference.month - 1) // 3 + 1
    last_complete = (reference.year, current - 1) if current > 1 else (reference.year - 1, 4)
    if unit == "half":
        number = ctx.lexicon["ordinals"].get(ordinal)
        year = int(ctx.cand.group("year") or reference.year)
        if number not in (1, 2):
            return None
        start = dt.date(year, 1 if number == 1 else 7, 1)
        return Norm(f"{year}-H{number}", "DATE", start, add_months(start, 6) - dt.timedelta(days=1), "quarter")
    skip = 0
    if ctx.cand.group("det").lower() == "the" and re.search(r"\w-(?:quarter|half)", ctx.cand.match.group(0), re.I):
        skip = 4  # "the third-quarter loss": the article belongs to the noun, not to the time expression
    det = re.sub(r"\s+", " ", ctx.cand.group("det").lower())
    if ordinal in ctx.lexicon["ordinals"] and (ctx.cand.group("back") or det in ("next year's", "last year's")):
        q = ctx.lexicon["ordinals"][ordinal]  # "the year-ago third quarter", "next year's first quarter"
        year = reference.year + (1 if det == "next year's" else -1)
        start, end = quarter_span(year, q)
        return Norm(f"{year}-Q{q}", "DATE", start, end, "quarter", skip=skip)
    if ordinal in ctx.lexicon["ordinals"]:
        q = ctx.lexicon["ordinals"][ordinal]
        year = int(ctx.cand.group("year")) if ctx.cand.group("year") else (
            reference.year if q <= current or q == 4 and current == 4 else reference.year - 1
        )
        if not ctx.cand.group("year") and q == current and reference.month % 3 == 1 and reference.day < 15:
            year = reference.year
    elif ordinal in ("year-earlier", "year-ago"):
        year, q = last_complete[0] - 1, last_complete[1]
    elif ordinal == "current":
        year, q = reference.year, current
    else:  # latest, last, just-ended, recent, previous, same, final, bare "the quarter": the last one reported
        year, q = last_complete
    start, end = quarter_span(year, q)
    return Norm(f"{year}-Q{q}", "DATE", start, end, "quarter", skip=skip)


def n_quarter_back(ctx: Context) -> Norm | None:
    """"the corresponding period last year", "the quarter a year ago": the last reported quarter, a year back."""
    if ctx.dct is None:
        return Norm("", "DATE")
    current = (ctx.dct.month - 1) // 3 + 1
    year, q = (ctx.dct.year - 1, current - 1) if current > 1 else (ctx.dct.year - 2, 4)
    start, end = quarter_span(year, q)
    return Norm(f"{year}-Q{q}", "DATE", start, end, "quarter")


def n_ago(ctx: Context) -> Norm | None:
    number = ctx.lexicon.number(ctx.cand.group("num"))
    code = _unit_code(ctx.cand.group("unit"), ctx.lexicon)
    direction = ctx.cand.group("dir").lower()
    if ctx.cand.group("mod"):  # "about two years ago": TimeBank keeps the hedged length, a DURATION
        return Norm(_duration_value(number, code), "DURATION", modifier=_mod(ctx))
    if ctx.dct is None or code in ("H", "MI", "S"):
        return Norm("", "DATE") if ctx.dct is None else Norm(ctx.dct.isoformat(), "DATE", ctx.dct, ctx.dct, "day")
    if number is None:
        sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
        value = {"D": "PAST_REF", "W": "PAST_REF"}.get(code, "PAST_REF") if sign < 0 else "FUTURE_REF"
        return Norm(value, "DATE")
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    shift = int(round(number)) * sign
    if code == "FN":
        code, shift = "W", shift * 2
    return _period(ctx.dct, code, shift)


def n_year_earlier(ctx: Context) -> Norm | None:
    if ctx.dct is None:
        return Norm("", "DATE")
    code = _unit_code(ctx.cand.group("unit"), ctx.lexicon)
    return _period(ctx.dct, code, -1)


# What comes before "a year" when it is a rate ("$1.76 a year", "four flights a week"), not a length of time.
RATE_BEFORE = re.compile(r"(?:\d|million|billion|times|once|twice)\S*(?:\s+[\w-]+){0,3}\s+$")


def _duration_value(number: float | None, code: str) -> str:
    if code in ("DE", "CE") and number is not None:  # decades and centuries are written in years
        number, code = number * (10 if code == "DE" else 100), "Y"
    if code == "Q" and number is not None:  # quarters in months: "the next three quarters" = P9M
        number, code = number * 3, "M"
    if number is not None and number != int(number) and code in ("Y", "D", "H"):
        whole, smaller = int(number), {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M")}[code]
        rest = f"{round((number - whole) * smaller[0])}{smaller[1]}"
        return f"P{whole}Y{rest}" if code == "Y" else f"P{whole}DT{rest}" if code == "D" else f"PT{whole}H{rest}"
    count = "X" if number is None else (str(int(number)) if number == int(number) else str(number))
    if code in ("H", "S"):
        return f"PT{count}{code}"
    if code == "MI":
        return f"PT{count}M"
    if code == "FN":
        return f"P{'X' if number is None else int(number * 2)}W"
    return f"P{count}{code}"


def n_duration(ctx: Context) -> Norm | None:
    raw_num = ctx.cand.group("num").lower()
    unit = ctx.cand.group("unit").lower()
    if unit == "second" and raw_num in ("a", "one"):
        return None  # "a second time", "one second-largest": an ordinal, not a duration
    if raw_num in ("some", "many") and not ctx.cand.group("win"):
        return None
    before = ctx.cand.match.string[max(0, ctx.cand.start - 30) : ctx.cand.start]
    if raw_num in ("a", "an") and RATE_BEFORE.search(before):
        return None  # "$1.76 a year", "four flights a week": a rate, not a length of time
    if re.search(r"\w-quarters\b", ctx.cand.match.group(0), re.IGNORECASE):
        return None  # "three-quarters of": a fraction
    code = _unit_code(unit, ctx.lexicon)
    number = ctx.lexicon.number(raw_num)
    mod_word = ctx.cand.group("mod").lower()
    if mod_word == "over" and ctx.cand.group("win"):  # "over the past 20 years": a preposition, not "more than"
        return Norm(_duration_value(number, code), "DURATION", skip=5)
    return Norm(_duration_value(number, code), "DURATION", modifier=_mod(ctx))


def n_vague_duration(ctx: Context) -> Norm | None:
    lead = re.sub(r"\s+", " ", ctx.cand.group("lead").lower())
    code = _unit_code(ctx.cand.group("unit"), ctx.lexicon)
    if lead in ("recent", "in recent", "coming", "the coming"):
        skip = 3 if lead == "in recent" else 0
        if code == "Y" and "recent" in lead:
            return Norm("PAST_REF", "DATE", skip=skip)  # "recent years": TBAQ's past reference
        return Norm(_duration_value(None, "M" if code == "Q" else code), "DURATION", skip=skip)
    if not lead and code in ("S", "MI", "H", "Q", "WE", "D", "M"):
        return None  # a bare "days" is mostly not a time in TBAQ ("in those days", "two days' pay")
    if lead.startswith("for") and not lead.startswith("for the"):
        pass  # "for weeks": the preposition stays in the span, it is what makes the bare plural a duration
    elif lead.startswith(("for ", "over ")):
        text = ctx.cand.match.group(0)
        return Norm(_duration_value(None, code), "DURATION", skip=len(text) - len(text.split(None, 1)[1]))
    return Norm(_duration_value(None, code), "DURATION")


def n_set(ctx: Context) -> Norm | None:
    return Norm(ctx.lexicon["sets"][ctx.cand.group("word").lower()], "SET")


def n_every(ctx: Context) -> Norm | None:
    unit = ctx.cand.group("unit").lower()
    if unit in ctx.lexicon["weekdays"]:
        return Norm(f"XXXX-WXX-{ctx.lexicon['weekdays'][unit] + 1}", "SET")
    if ctx.cand.match.group(0).lower().startswith("a ") and not re.search(
        r"(?:\d|times?|once|twice)\s*$", ctx.cand.match.string[max(0, ctx.cand.start - 20):ctx.cand.start]
    ):
        return None
    return Norm(_duration_value(1, _unit_code(unit, ctx.lexicon)), "SET")


def n_clock(ctx: Context) -> Norm | None:
    word = ctx.cand.group("word").lower()
    if word:
        hour, minute = (0, 0) if word == "midnight" else (12, 0)
    else:
        hour, minute = int(ctx.cand.group("hour")), int(ctx.cand.group("minute") or 0)
        if hour > 12:
            return None
        pm = ctx.cand.group("ampm").lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    if ctx.dct is None:
        return Norm(f"XXXX-XX-XXT{hour:02d}:{minute:02d}", "TIME", granularity="time")
    return Norm(f"{ctx.dct.isoformat()}T{hour:02d}:{minute:02d}", "TIME", ctx.dct, ctx.dct, "time")


def n_clock_day(ctx: Context) -> Norm | None:
    """"10 p.m. Wednesday", "5 p.m. EST Nov. 9": the clock time on the day named beside it."""
    day = (n_weekday if ctx.cand.group("wd") else n_month_day)(ctx)
    clock = n_clock(ctx)
    if day is None or clock is None or day.start is None:
        return clock
    return Norm(day.start.isoformat() + clock.value[clock.value.index("T"):], "TIME", day.start, day.start, "time")


def n_holiday(ctx: Context) -> Norm | None:
    name = re.sub(r"\s+", " ", ctx.cand.group("holiday").lower())
    year = ctx.dct.year if ctx.dct else None
    if year is None or ctx.dct is None:
        return Norm("", "DATE")
    month, mday = ctx.lexicon["holidays"].get(name, (11, 22))
    year = _year_for(month, mday, ctx.dct, ctx.tense())
    if name.startswith("thanksgiving"):  # the fourth Thursday of November
        first = dt.date(year, 11, 1)
        day = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    else:
        day = dt.date(year, month, mday)
    return Norm(day.isoformat(), "DATE", day, day, "day")


def n_ref(ctx: Context) -> Norm | None:
    word = re.sub(r"\s+", " ", ctx.cand.group("word").lower())
    return Norm(ctx.lexicon["refs"][word], "DATE")


NORMALIZERS: dict[str, Callable[[Context], Norm | None]] = {
    "date_full": n_date_full, "date_iso": n_date_iso, "date_slash": n_date_slash, "month_day": n_month_day,
    "month_year": n_month_year, "year_words": n_year_words, "month": n_month, "year": n_year, "decade": n_decade,
    "season": n_season,
    "weekday": n_weekday, "relday": n_relday, "pod": n_pod, "past_day": n_past_day, "rel_unit": n_rel_unit,
    "the_unit": n_the_unit, "quarter": n_quarter, "quarter_back": n_quarter_back, "ago": n_ago,
    "year_earlier": n_year_earlier,
    "duration": n_duration, "vague_duration": n_vague_duration, "set": n_set, "every": n_every,
    "clock": n_clock, "clock_day": n_clock_day, "holiday": n_holiday, "ref": n_ref,
}

# Rules whose value is absolute (carries its own year): the ones publication-date inference may trust.
ABSOLUTE_RULES = ("date_full", "date_dmy", "date_iso", "date_slash", "month_year", "year")
DAY_RULES = ("date_full", "date_dmy", "date_iso", "date_slash", "month_day", "day_month")

# --- a speech's own day -------------------------------------------------------------------------------------

# How far after the dated frame of a speech ("In Zelensky's latest address on Thursday evening, July 21, ...") the
# line announcing its text ("Read the President's full address below:") may end, in characters: the frame's
# paragraph and the next one or two (the Kyiv Post's transcripts put a promo line between them).
SPEECH_ANNOUNCE_REACH = 400
# Dependency steps from a date up to the speech noun it dates ("address" <- "on" <- "Thursday evening").
SPEECH_NOUN_STEPS = 3


def speech_text_start(doc: Doc, expression: TimeExpression, frames: SpeechFrames) -> int | None:
    """Where the text of a dated speech begins, if this expression dates one whose text the article then gives:
    the expression is attached to a speech noun (address, speech, remarks ...), and a line ending within
    SPEECH_ANNOUNCE_REACH characters after it announces the text (``text.speech``: "Read the President's full address
    below:"). Everything after that line is the speaker's, so its relative dates ("today", "tomorrow", "this
    morning") count from the speech's day, not from publication (a transcript published the next morning)."""
    if expression.granularity not in ("day", "part_of_day", "time") or not expression.start or not doc.has_annotation(
            "DEP"):
        return None
    span = doc.char_span(expression.evidence.start, expression.evidence.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(SPEECH_NOUN_STEPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if frames.is_speech_noun(token.lemma_) and token.pos_ in ("NOUN", "PROPN"):
            break
    else:
        return None
    text = doc_text(doc)
    newline = text.find("\n", expression.evidence.end)
    if newline < 0:
        return None
    for _line_start, line_end in announcement_lines(text, frames, newline + 1,
                                                    expression.evidence.end + SPEECH_ANNOUNCE_REACH):
        return line_end
    return None


# --- anchored durations and publication inference ------------------------------------------------------------

ANCHOR_CUE = re.compile(r"\s+(?:after|since)\s+((?:[\w'’-]+\s+){1,10})", re.IGNORECASE)
STOP = frozenset(
    "the a an of and or in on at to was were is are has have had been be its their his her that which".split()
)


def _anchor(doc: Doc, cand: Candidate, dated: list[tuple[Candidate, TimeExpression]]) -> TimeExpression | None:
    """The dated expression a duration is counted from: "32 months after the invasion" -> the invasion's date."""
    text = cand.match.string  # doc.text is rebuilt from the tokens on every access
    cue = ANCHOR_CUE.match(text, cand.end)
    if cue is None:
        return None
    keys = {w.lower()[:6] for w in re.findall(r"[A-Za-z][\w-]{4,}", cue.group(1)) if w.lower() not in STOP}
    best: tuple[int, TimeExpression] | None = None
    for other, expression in dated:
        if other is cand or other.rule.normalizer not in ("date_full", "month_year", "year"):
            continue
        left = text.rfind(".", 0, other.start) + 1
        right = text.find(".", other.end)
        window = text[left : right if right >= 0 else len(text)]
        words = {w.lower()[:6] for w in re.findall(r"[A-Za-z][\w-]{4,}", window)}
        overlap = len(keys & words)
        if overlap and (best is None or overlap > best[0]):
            best = (overlap, expression)
    return best[1] if best else None


def _shift_reference(cand: Candidate, expression: TimeExpression, reference: TimeExpression, lexicon: Lexicon) -> None:
    """"a year earlier" after "the third quarter" is that quarter a year back, not the publication's year:
    the reference time of the narrative (HeidelTime's last-mentioned time), used when it is a quarter."""
    if cand.start - reference.evidence.end > REFERENCE_REACH or not reference.start:
        return
    unit = cand.group("unit").lower().rstrip("s")
    years = lexicon.number(cand.group("num") or "one") if unit == "year" else None
    if not years or years != int(years):
        return
    match = re.fullmatch(r"(\d{4})-Q(\d)", reference.value)
    if match is None:
        return
    year, quarter = int(match.group(1)) - int(years), int(match.group(2))
    start, end = quarter_span(year, quarter)
    expression.value, expression.start, expression.end = f"{year}-Q{quarter}", start.isoformat(), end.isoformat()
    expression.granularity, expression.anchor = "quarter", reference.id


def _duration_months(value: str) -> int | None:
    match = re.fullmatch(r"P(\d+)([YM])", value)
    if not match:
        return None
    return int(match.group(1)) * (12 if match.group(2) == "Y" else 1)


# --- the component -------------------------------------------------------------------------------------------


class TimeTagger:
    """The ``sitroom_times`` component: sets ``doc._.times`` (and ``doc._.published_inferred`` when needed)."""

    def __init__(self, data_dir: str = "", infer_publication: bool = True) -> None:
        self.rules, self.lexicon = load_rules(data_dir)
        self.speech_frames = load_frames(data_dir)
        self.infer_publication = infer_publication
        self.trigger_words = trigger_words(self.lexicon)
        self._triggers: tuple[Any, np.ndarray] | None = None

    def triggers(self, doc: Doc) -> np.ndarray:
        """The trigger words' LOWER hashes in this Doc's string store (computed once per vocab)."""
        if self._triggers is None or self._triggers[0] is not doc.vocab.strings:
            strings = doc.vocab.strings
            hashes = np.array(sorted(strings.add(w) for w in self.trigger_words), dtype="uint64")
            self._triggers = (strings, hashes)
        return self._triggers[1]

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        if isinstance(published, dt.datetime):
            published = published.date()
        text = doc_text(doc)
        candidates = find_candidates(text, self.rules, trigger_windows(doc, text, self.triggers(doc)))
        tenses: dict[int, str | None] = {}
        if published is None and self.infer_publication:
            inferred = self.infer(doc, candidates, tenses)
            if inferred is not None:
                published = dt.date.fromisoformat(inferred[0])
                doc._.published_inferred = inferred
        doc._.times = self.resolve(doc, candidates, published, tenses)
        return doc

    def resolve(
        self, doc: Doc, candidates: list[Candidate], dct: dt.date | None, tenses: dict[int, str | None]
    ) -> list[TimeExpression]:
        results: list[tuple[Candidate, TimeExpression]] = []
        speech: tuple[int, TimeExpression] | None = None  # where a dated speech's own text begins, and its day
        for cand in candidates:
            reference, anchor = dct, "publication"
            if speech is not None and cand.start >= speech[0] and speech[1].start:
                # inside a speech the text dates ("Today, I held ..." in an address of July 21): its day
                reference, anchor = dt.date.fromisoformat(speech[1].start), speech[1].id
            try:
                norm = NORMALIZERS[cand.rule.normalizer](Context(reference, self.lexicon, doc, cand, tenses))
            except CALENDAR_ERRORS:
                continue
            if norm is None:
                continue
            if anchor != "publication" and norm.anchor == "publication" and cand.rule.normalizer not in ABSOLUTE_RULES:
                norm.anchor = anchor
            expression = TimeExpression(
                id=f"T{len(results) + 1}",
                evidence=evidence(doc, cand.start + norm.skip, cand.end),
                type=norm.type or cand.rule.type,  # type: ignore[arg-type]
                value=norm.value,
                start=norm.start.isoformat() if norm.start else None,
                end=norm.end.isoformat() if norm.end else None,
                granularity=norm.granularity,  # type: ignore[arg-type]
                anchor=norm.anchor,
                modifier=norm.modifier,
                part_of_day=norm.part_of_day,
            )
            results.append((cand, expression))
            if speech is None and dct is not None:
                begins = speech_text_start(doc, expression, self.speech_frames)
                if begins is not None:
                    speech = (begins, expression)
        previous: TimeExpression | None = None
        for cand, expression in results:
            if cand.rule.normalizer in ("ago", "year_earlier") and previous is not None:
                with contextlib.suppress(*CALENDAR_ERRORS):
                    _shift_reference(cand, expression, previous, self.lexicon)
            if expression.granularity == "quarter" and cand.rule.normalizer == "quarter" and cand.group(
                "ord"
            ).lower() not in ("year-earlier", "year-ago"):
                previous = expression
            if expression.type == "DURATION" and _duration_months(expression.value):
                anchor = _anchor(doc, cand, results)
                if anchor is not None and anchor.start:
                    months = _duration_months(expression.value) or 0
                    try:
                        end = add_months(dt.date.fromisoformat(anchor.start), months)
                    except CALENDAR_ERRORS:
                        continue
                    expression.anchor, expression.start, expression.end = anchor.id, anchor.start, end.isoformat()
        return [expression for _, expression in results]

    def infer(
        self, doc: Doc, candidates: list[Candidate], tenses: dict[int, str | None]
    ) -> tuple[str, list[Evidence]] | None:
        """The publication date from the text: the year from anchored durations or absolute dates, the day from
        the latest date the text reports in the past or present tense."""
        absolute = self.resolve(doc, [c for c in candidates if c.rule.normalizer in ABSOLUTE_RULES], None, tenses)
        proofs: list[Evidence] = []
        estimate: dt.date | None = None
        provisional = self.resolve(doc, candidates, None, tenses)
        for expression in provisional:
            if expression.anchor != "publication" and expression.end:
                estimate = dt.date.fromisoformat(expression.end)
                anchor = next(e for e in provisional if e.id == expression.anchor)
                proofs += [expression.evidence, anchor.evidence]
                break
        if estimate is None:
            days = [dt.date.fromisoformat(e.start) for e in absolute if e.start and e.granularity == "day"]
            years = [dt.date.fromisoformat(e.end) for e in absolute if e.end]
            if days:
                estimate = max(days)
            elif years:
                estimate = max(years)
            else:
                return None
        # Dates without a year are placed closest to the estimate here (tense would compare with a guess).
        resolved = self.resolve(doc, candidates, estimate, {c.start: None for c in candidates})
        reported: list[tuple[dt.date, Evidence]] = []
        by_end = {c.end: c for c in candidates}
        for expression in resolved:
            cand = by_end.get(expression.evidence.end)
            if cand is None or cand.rule.normalizer not in DAY_RULES or expression.granularity != "day":
                continue
            if not expression.start or "/" in expression.value:
                continue
            day = dt.date.fromisoformat(expression.start)
            tense = tense_of(doc, cand.start, cand.end, self.lexicon)
            if tense != "future" and abs((day - estimate).days) <= INFER_WINDOW_DAYS:
                reported.append((day, expression.evidence))
        if reported:
            day, proof = max(reported, key=lambda item: item[0])
            return day.isoformat(), [proof] + proofs
        return estimate.isoformat(), proofs


@Language.factory(
    "sitroom_times",
    requires=["token.tag", "token.dep"],
    assigns=["doc._.times", "doc._.published_inferred"],
    default_config={"data_dir": "", "infer_publication": True},
)
def make_time_tagger(nlp: Language, name: str, data_dir: str, infer_publication: bool) -> TimeTagger:
    return TimeTagger(data_dir, infer_publication)
