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
        "site:\n  feed_articles: 7\ntopics:\n  - id: energy\n    name: Energy\n    terms: {oil: 2, gas: 1}\n    threshold: 3\n"
    )
    config = load_config(tmp_path, site_name="Desk")
    assert config.site.title == "Desk"  # mkdocs.yml's site_name, handed in
    assert config.site.feed_articles == 7
    assert config.site.latest_articles == 10  # default kept
    assert [(t.id, t.threshold, dict(t.terms)) for t in config.topics] == [("energy", 3.0, {"oil": 2.0, "gas": 1.0})]
    assert config.cleaning.line_patterns  # cleaning defaults kept


@pytest.mark.parametrize(
    "text, key",
    [
        ("colour: blue\n", "colour"),
        ("site:\n  feed_articles: many\n", "site.feed_articles"),
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


def test_the_title_comes_from_mkdocs_yml_and_an_old_site_title_is_named_unused(tmp_path, caplog):
    assert load_config(tmp_path).site.title == "Briefing"  # no site_name: the default
    assert load_config(tmp_path, site_name="  Lithium\n desk ").site.title == "Lithium desk"
    (tmp_path / "briefing.yml").write_text("site:\n  title: Old desk\n  latest_articles: 4\n")
    with caplog.at_level("WARNING"):
        config = load_config(tmp_path, site_name="New desk")
    assert config.site.title == "New desk" and config.site.latest_articles == 4
    assert "site.title is no longer read" in caplog.text and "'New desk'" in caplog.text


def test_invalid_yaml_names_the_line(tmp_path):
    (tmp_path / "briefing.yml").write_text("site:\n  title: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML at line"):
        load_config(tmp_path)


def test_requires_any_must_be_a_list_of_terms(tmp_path):
    (tmp_path / "briefing.yml").write_text("topics:\n  - id: energy\n    terms: {oil: 2}\n    requires_any: India\n")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert error.value.key == "topics[0].requires_any"


@pytest.mark.parametrize(
    "text, message",
    [
        # A missing key is placed on its parent's line; the others on their own.
        ("topics:\n  - id: energy\n", "briefing.yml:2: topics[0].terms: must be a non-empty mapping of term: weight"),
        ("site:\n  latest_articles: ten\n", "briefing.yml:2: site.latest_articles: must be a whole number, got 'ten'"),
        ("site:\n  title: Desk\n\n  feed_articles: -1\n", "briefing.yml:4: site.feed_articles: must be 0 or more, got -1"),
        ("topics:\n  - id: energy\n    terms: {oil: 1}\n    colour: red\n",
         "briefing.yml:4: topics[0].colour: unknown key; expected one of description, id, lead_terms, name, requires_any, terms"),
        ("topics:\n  - id: index\n    terms: {oil: 1}\n", "briefing.yml:2: topics[0].id: 'index' is the topics index page"),
        ("topics:\n  - id: energy\n    name: Energy\n    terms:\n      oil: heavy\n",
         "briefing.yml:5: topics[0].terms.oil: must be a number, got 'heavy'"),
        ("site:\n  title: [unclosed\n", "briefing.yml: is not valid YAML at line 3, column 1: expected ',' or ']'"),
        ("stories:\n  max_days_apart: 2026-02-30\n", "briefing.yml: holds an impossible value (day is out of range"),
    ],
)
def test_config_errors_say_file_key_and_what_is_expected(tmp_path, text, message):
    (tmp_path / "briefing.yml").write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
