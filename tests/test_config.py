"""Configuration is checked when it is loaded: a wrong value is one line naming its key (hostile-input finding 6)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.config import Config, ConfigError, load_config


def write(tmp_path, text: str):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file():
    assert load_config(None) == Config()


def test_values_override_defaults_by_table(tmp_path):
    config = load_config(write(tmp_path, '[ingest]\nbatch_size = 7\n[nlp.components.sitroom_claims]\nquote_window = 2\n'))
    assert config.ingest.batch_size == 7
    assert config.nlp.components == {"sitroom_claims": {"quote_window": 2}}


@pytest.mark.parametrize("text, message", [
    ("[ingest]\nbatch_size = 0\n", "ingest.batch_size: must be at least 1, not 0"),
    ('[ingest]\nmax_item_bytes = "5MB"\n', "ingest.max_item_bytes: must be a whole number, not the text '5MB'"),
    ("[ingest]\nkeep_captions = 1\n", "ingest.keep_captions: must be true or false"),
    ('[ingest]\nlanguages = "en"\n', "ingest.languages: must be a list"),
    ("[ingest]\nlanguages = [1]\n", "ingest.languages: item 0: must be text"),
    ("[nlp]\nbatch_chars = -5\n", "nlp.batch_chars: must be at least 1"),
    ("[nlp]\nspeed = 3\n", "unknown option [nlp] 'speed'"),
    ("ingest = 3\n", "[ingest] must be a table"),
    ("[ingest\nbatch_size = 3\n", "not valid TOML"),
])
def test_a_wrong_value_is_one_line_naming_its_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(tmp_path / "nope.toml")


def test_the_cli_prints_the_error_and_exits_2_without_a_traceback(tmp_path):
    result = CliRunner().invoke(app, ["--config", str(write(tmp_path, "[ingest]\nbatch_size = 0\n")), "articles",
                                      "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
    assert "batch_size: must be at least 1" in result.output and "Traceback" not in result.output


def test_fusion_thresholds_are_options_too(tmp_path):
    config = load_config(write(tmp_path, "[fuse]\ncontainment = 0.6\ndate_window_days = 2\n"))
    assert (config.fuse.containment, config.fuse.date_window_days) == (0.6, 2)
    with pytest.raises(ConfigError, match="fuse.containment: must be a number"):
        load_config(write(tmp_path, '[fuse]\ncontainment = "high"\n'))
