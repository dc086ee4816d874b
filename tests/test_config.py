"""Configuration: defaults load, a user's file is laid over them, and errors name the file and the key."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.errors import ConfigError


def test_default_taxonomy(config):
    assert [topic.id for topic in config.topics] == ["critical-minerals", "pax-silica", "tariffs", "trade-deal"]
    assert all(topic.terms and topic.description for topic in config.topics)


def test_user_file_replaces_topics_and_overrides_site_keys(tmp_path):
    (tmp_path / "briefing.yml").write_text(
        "site:\n  title: Desk\ntopics:\n  - id: energy\n    name: Energy\n    terms: {oil: 2, gas: 1}\n    threshold: 3\n"
    )
    config = load_config(tmp_path)
    assert config.site.title == "Desk"
    assert config.site.latest_articles == 10  # default kept
    assert [(t.id, t.threshold, dict(t.terms)) for t in config.topics] == [("energy", 3.0, {"oil": 2.0, "gas": 1.0})]
    assert config.cleaning.line_patterns  # cleaning defaults kept


@pytest.mark.parametrize(
    "text, key",
    [
        ("colour: blue\n", "colour"),
        ("site:\n  title: 5\n", "site.title"),
        ("site:\n  lates_articles: 3\n", "site.lates_articles"),
        ("topics:\n  - id: Bad Id\n    terms: {a: 1}\n", "topics[0].id"),
        ("topics:\n  - id: energy\n", "topics[0].terms"),
        ("topics:\n  - id: energy\n    terms: {oil: heavy}\n", "topics[0].terms.oil"),
        ("cleaning:\n  line_patterns: {broken: '(unclosed'}\n", "cleaning.line_patterns.broken"),
        ("cleaning:\n  end_markers: [nonexistent]\n", "cleaning.end_markers"),
    ],
)
def test_errors_name_the_key(tmp_path, text, key):
    (tmp_path / "briefing.yml").write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert error.value.key == key
    assert "briefing.yml" in str(error.value)


def test_invalid_yaml_names_the_line(tmp_path):
    (tmp_path / "briefing.yml").write_text("site:\n  title: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML at line"):
        load_config(tmp_path)


def test_requires_any_must_be_a_list_of_terms(tmp_path):
    (tmp_path / "briefing.yml").write_text("topics:\n  - id: energy\n    terms: {oil: 2}\n    requires_any: India\n")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert error.value.key == "topics[0].requires_any"
