"""ACLED's conventions in one place (ACLED Codebook 2023), so the events component, the store's rows and the
exporters name actors, count fatalities and code precision the same way.

Low layer: imports only ``sitroom.model`` and the standard library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sitroom.model import Casualty, Granularity, Precision, Quantity

# --- actors ----------------------------------------------------------------------------------------------------

# Inter codes ("Actor types"): the kind of actor a name stands for.
INTER_STATE = 1
INTER_REBELS = 2
INTER_POLITICAL_MILITIA = 3
INTER_IDENTITY_MILITIA = 4
INTER_RIOTERS = 5
INTER_PROTESTERS = 6
INTER_CIVILIANS = 7
INTER_EXTERNAL = 8
INTER_CODES: dict[int, str] = {
    INTER_STATE: "State forces",
    INTER_REBELS: "Rebel groups",
    INTER_POLITICAL_MILITIA: "Political militias",
    INTER_IDENTITY_MILITIA: "Identity militias",
    INTER_RIOTERS: "Rioters",
    INTER_PROTESTERS: "Protesters",
    INTER_CIVILIANS: "Civilians",
    INTER_EXTERNAL: "External/Other forces",
}


def military_forces(country_name: str) -> str:
    """ACLED's name for a state's armed forces: "Military Forces of Russia" (inter code 1)."""
    return f"Military Forces of {country_name}"


def civilians(country_name: str = "") -> str:
    """ACLED's name for civilian victims: "Civilians (Ukraine)", or "Civilians" when their country is unknown
    (inter code 7)."""
    return f"Civilians ({country_name})" if country_name else "Civilians"


def interaction(inter1: int | None, inter2: int | None = None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (state forces against civilians = 17); an
    actor acting alone is its code times ten (10: sole military action)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return 10 * inter1
    low, high = sorted((inter1, inter2))
    return 10 * low + high


# --- fatalities ------------------------------------------------------------------------------------------------

# Casualty kinds that count as fatalities: injuries (and captures, disappearances) are not fatalities.
FATALITY_KINDS = frozenset({"killed"})
# The vague numerals ACLED reads as figures ("dozens killed" = 12); the literal hedge stays beside the number.
VAGUE_NUMERALS: dict[str, int] = {"tens": 10, "dozens": 12, "hundreds": 100}


def vague_numeral(word: str) -> int | None:
    """The figure ACLED codes for a vague numeral ("Dozens" -> 12), None for any other word."""
    return VAGUE_NUMERALS.get(word.strip().lower())


def conservative_figure(quantity: Quantity) -> float | None:
    """The lowest figure a quantity reports: its lower bound when it has one ("at least 300"), else its value."""
    return quantity.low if quantity.low is not None else quantity.value


def fatalities(casualties: Iterable[Casualty], quantities: Mapping[str, Quantity]) -> int | None:
    """An event's fatalities: the conservative figures of its killed counts, summed (None when none is known)."""
    total = None
    for casualty in casualties:
        if casualty.kind in FATALITY_KINDS and casualty.quantity in quantities:
            figure = conservative_figure(quantities[casualty.quantity])  # type: ignore[index]
            if figure is not None:
                total = (total or 0) + int(figure)
    return total


def most_conservative(figures: Iterable[int | None]) -> int | None:
    """Of several reports' fatality figures for one event, the lowest (ACLED reports the most conservative)."""
    known = [figure for figure in figures if figure is not None]
    return min(known) if known else None


# --- precision -------------------------------------------------------------------------------------------------

# time_precision: 1 the day is known, 2 the week (coded on its middle day), 3 the month (its middle day).
TIME_PRECISION: dict[str, int] = {"time": 1, "part_of_day": 1, "day": 1, "week": 2, "month": 3}
# geo_precision: 1 the exact town, 2 near a town or part of a region, 3 a region (coded at its capital).
GEO_PRECISION: dict[str, int] = {"exact": 1, "near": 2, "admin2": 2, "admin1": 3}


def time_precision(granularity: Granularity | str | None) -> int | None:
    """ACLED's time_precision for a time expression's granularity; None when coarser than a month (ACLED does
    not code an event it cannot date to a month)."""
    return TIME_PRECISION.get(granularity or "")


# An event the report does not date is coded on the report's day, known within a week at best: precision 2.
UNDATED_TIME_PRECISION = 2


def coded_date(start: str, granularity: Granularity | str | None) -> str:
    """The day ACLED codes an event on: its day; the middle of its week (time_precision 2) or month (3).
    ``start`` is the ISO date of the span's first day."""
    day = dt.date.fromisoformat(start[:10])
    if granularity == "week":
        return (day + dt.timedelta(days=3)).isoformat()
    if granularity == "month":
        return day.replace(day=15).isoformat()
    return day.isoformat()


def geo_precision(precision: Precision | str | None) -> int | None:
    """ACLED's geo_precision for a place mention's precision; None for a country alone (no region to code)."""
    return GEO_PRECISION.get(precision or "")


# --- event types -----------------------------------------------------------------------------------------------

# ACLED's 6 event types and their 25 sub-event types (Codebook 2023, in its order): (event_type, sub_event_type).
SUB_EVENT_TYPES: tuple[tuple[str, str], ...] = (
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Protests", "Peaceful protest"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Excessive force against protesters"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
)


# --- export ----------------------------------------------------------------------------------------------------

# The columns of an ACLED export, in ACLED's order.
EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


# The disorder type of each event type (ACLED codebook 2023, "Disorder type"): riots are political violence there
# unless coded as demonstrations by their sub-type, which sitroom does not separate.
DISORDER_OF_EVENT_TYPE: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
