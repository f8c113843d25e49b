"""lexicons: the one reader of data files, and the digest that ties a pipeline's fingerprint to them."""

from __future__ import annotations

import pytest

from sitroom import lexicons


def test_packaged_rows_skip_comments_and_blank_lines():
    rows = lexicons.read_rows("claims/cues.tsv")
    assert rows and all(row[0] and not row[0].startswith("#") for row in rows)


def test_a_folder_of_ones_own_replaces_the_packaged_file(tmp_path):
    (tmp_path / "hedges.txt").write_text("# mine\nallegedly\n\n", encoding="utf-8")
    assert lexicons.read_lines("claims/hedges.txt", tmp_path) == ["allegedly"]
    # a file the folder lacks still comes from the package
    assert lexicons.read_rows("claims/cues.tsv", tmp_path) == lexicons.read_rows("claims/cues.tsv")


def test_a_missing_file_names_itself():
    with pytest.raises(lexicons.LexiconError, match="claims/nope.tsv"):
        lexicons.read_text("claims/nope.tsv")


def test_digest_follows_the_files(tmp_path):
    assert "claims/cues.tsv" in lexicons.names()
    base = lexicons.digest()
    assert base == lexicons.digest()
    (tmp_path / "cues.tsv").write_text("say\tassert\tverb\n", encoding="utf-8")
    changed = lexicons.digest((tmp_path,))
    (tmp_path / "cues.tsv").write_text("say\tdeny\tverb\n", encoding="utf-8")
    assert len({base, changed, lexicons.digest((tmp_path,))}) == 3
