"""ACLED notes as typing data: the coders' formulas stripped, repeats dropped before splitting, splits fixed by
the text, and the scorer's arithmetic."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sitroom.eval.acled_notes import (
    HELD_OUT_SOURCE,
    DataError,
    Note,
    clean_note,
    confusion,
    random_split,
    read_notes,
    score,
    select,
    split_of,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
NOTES = SHARED / "eval" / "events" / "acled_notes"
needs_notes = pytest.mark.skipif(not NOTES.exists(), reason=f"ACLED notes not found at {NOTES}")


@pytest.mark.parametrize(("raw", "clean"), [
    ("On 3 May 2020, rebels attacked a police post in Kidal. 2 fatalities.", "Rebels attacked a police post in Kidal."),
    ("On or around 12 July 2025 (as reported), protesters marched in Dhaka. [size=no report]",
     "Protesters marched in Dhaka."),
    ("Movement of forces: On 3 June 2025, Al Shabaab deployed fighters (coded separately). There were no casualties.",
     "Al Shabaab deployed fighters."),
    ("Around 8 May 2020, police fired at rioters. Casualties unknown. Neither injuries nor fatalities were reported.",
     "Police fired at rioters."),
    ("Raiders killed two herdsmenLOCATION: Kapelbok in Turkana District", "Raiders killed two herdsmen"),
    ("10 May: refugees held a demonstration. Unspecified number of fatalities coded as 10.",
     "Refugees held a demonstration."),
    ("On 30 September 2025, On 30 September 2025, militia clashed.", "Militia clashed."),
    ("On 3 May 2020 workers protested in Tirupati.", "Workers protested in Tirupati."),
    ("Students riot - police intervened.", "Students riot - police intervened."),
])
def test_clean_note_strips_the_formulas(raw: str, clean: str) -> None:
    assert clean_note(raw) == clean


def test_clean_note_keeps_a_sentence_that_only_mentions_casualties() -> None:
    text = "Gunmen shot two men. At least 3 people were injured in the clash."
    assert clean_note(text) == text


def _folder(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    """A notes folder: (event_id, source, sub_event_type, notes)."""
    with (tmp_path / "acled_notes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id", "event_date", "country", "event_type", "sub_event_type", "notes"])
        writer.writerows([(e, "2020-05-01", "X", "Battles", sub, note) for e, _, sub, note in rows])
    with (tmp_path / "provenance.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id", "source_name", "repo", "path", "commit"])
        writer.writerows([(e, source, "r", "p", "c") for e, source, _, _ in rows])
    return tmp_path


def test_repeats_are_dropped_after_cleaning_keeping_the_first(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [
        ("A1", "s1", "Armed clash", "On 1 May 2020, rebels clashed with the army. 2 fatalities."),
        ("A2", "s1", "Attack", "On 2 May 2020, Rebels clashed with the army. There were no casualties."),
        ("A3", "s2", "Armed clash", "On 2 May 2020, militia clashed with police."),
    ])
    notes, counts = read_notes(folder)
    assert [n.event_id for n in notes] == ["A1", "A3"]
    assert counts["duplicates"] == 1 and counts["duplicates_other_label"] == 1 and counts["rows"] == 3


def test_an_unknown_sub_type_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [("A1", "s1", "Skirmish", "Rebels clashed.")])
    with pytest.raises(DataError, match="unknown sub_event_type"):
        read_notes(folder)


def test_missing_files_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        read_notes(tmp_path)


def _note(text: str, source: str = "s") -> Note:
    return Note("E", source, "Battles", "Armed clash", text)


def test_splits_depend_on_the_text_alone_and_cover_the_data() -> None:
    texts = [f"Rebels clashed with the army in village {n}." for n in range(400)]
    first = [random_split(t) for t in texts]
    assert first == [random_split(t) for t in texts]
    assert random_split("Rebels clashed.") == random_split("rebels  CLASHED.")
    shares = {s: first.count(s) / len(first) for s in ("train", "dev", "test")}
    assert 0.7 < shares["train"] < 0.9 and 0.05 < shares["dev"] < 0.15 and 0.05 < shares["test"] < 0.15


def test_the_source_split_holds_one_source_out() -> None:
    notes = [_note(f"Clash number {n}.", source) for n in range(300) for source in (HELD_OUT_SOURCE, "other")]
    held, rest = select(notes, "source-dev"), select(notes, "source-train")
    assert held and rest and {n.source for n in held} == {HELD_OUT_SOURCE} and {n.source for n in rest} == {"other"}
    assert not any("test" in split_of(n) for n in held + rest)
    with pytest.raises(DataError, match="unknown split"):
        select(notes, "everything")


def test_score_weighted_and_macro_f1_and_abstentions() -> None:
    gold = ["Armed clash"] * 3 + ["Arrests"]
    result = score(gold, ["Armed clash", "Armed clash", None, "Armed clash"])
    # Armed clash: P 2/3 R 2/3 F .667 (support 3); Arrests: F 0 (support 1)
    assert result["accuracy"] == 50.0 and result["abstained"] == 25.0
    assert result["weighted_f1"] == pytest.approx(50.0) and result["macro_f1"] == pytest.approx(33.33, abs=0.01)
    assert result["per_class"]["Arrests"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert confusion(gold, ["Armed clash", "Armed clash", None, "Armed clash"]) == {
        "Armed clash": {"-": 1}, "Arrests": {"Armed clash": 1}}


@needs_notes
@pytest.mark.shared
def test_the_shared_notes_read_as_the_readme_describes() -> None:
    notes, counts = read_notes(NOTES)
    assert counts["rows"] == 21262 and counts["duplicates"] >= 575
    assert len({n.text.lower() for n in notes}) == len(notes)
    assert not any(re.match(r"On \d+ \w+ \d{4}", n.text) for n in notes)
    assert not any("[size" in n.text.lower() for n in notes)
    sizes = {split: len(select(notes, split)) for split in ("train", "dev", "test", "source-dev")}
    assert sizes["dev"] > 1500 and sizes["test"] > 1500 and sizes["train"] > 15000 and sizes["source-dev"] > 4000
