"""The TempEval-3 style timex scorer, on small made-up TimeML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitroom.eval.timex import Counts, GoldTimex, TimeMLError, match_pairs, metrics, read_timeml, timeml_files

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Shares fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; rose for <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def timeml(tmp_path: Path) -> Path:
    path = tmp_path / "corpus" / "a.tml"
    path.parent.mkdir()
    path.write_text(DOC, encoding="utf-8")
    return path


def test_read_timeml_offsets_entities_and_dct(timeml):
    doc = read_timeml(timeml)
    assert doc.dct == dt.date(1998, 1, 8)
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "1998-01-07"),
        ("two weeks", "DURATION", "P2W"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert "&" in doc.text and "&amp;" not in doc.text


def test_missing_text_is_a_specific_error(tmp_path):
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(TimeMLError, match="bad.tml"):
        read_timeml(bad)


def test_files_and_split(timeml):
    assert timeml_files(timeml.parent.parent) == [timeml]
    assert timeml_files(timeml.parent.parent, "corpus") == [timeml]
    with pytest.raises(FileNotFoundError):
        timeml_files(timeml.parent, "dev")


def test_strict_relaxed_and_attribute_scores():
    gold = [
        GoldTimex(0, 9, "DATE", "1998-01-07"),
        GoldTimex(20, 29, "DURATION", "P2W"),
        GoldTimex(40, 45, "DATE", "1998"),
    ]
    system = [
        GoldTimex(0, 9, "DATE", "1998-01-07"),  # strict, right value
        GoldTimex(16, 29, "DURATION", "P3W"),  # relaxed only, wrong value
        GoldTimex(50, 55, "DATE", "1999"),  # false positive
    ]
    counts = Counts()
    counts.add(gold, system)
    result = metrics(counts)
    assert result["strict_precision"] == pytest.approx(100 / 3, abs=0.01)
    assert result["strict_f1"] == pytest.approx(100 / 3, abs=0.01)
    assert result["relaxed_f1"] == pytest.approx(200 / 3, abs=0.01)
    assert result["value_f1"] == pytest.approx(100 / 3, abs=0.01)
    assert result["type_accuracy"] == 100.0
    assert result["value_accuracy"] == 50.0


def test_matching_is_one_to_one_by_largest_overlap():
    # one system span overlapping two gold spans is matched once, to the larger overlap
    assert match_pairs([(0, 5), (6, 20)], [(3, 18)]) == [(1, 0)]


def test_empty_scores_are_zero_not_errors():
    result = metrics(Counts())
    assert result["strict_f1"] == 0.0 and result["type_accuracy"] == 0.0
