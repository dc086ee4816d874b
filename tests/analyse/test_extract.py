"""Metadata extraction: titles, dates, bylines, datelines, outlets, summaries."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import make_source
from generator.read.clean import clean_text
from generator.analyse.extract import extract_metadata, find_dateline, lead_title, parse_date, summarise

BODY = [
    "NEW DELHI: India and the United States on Tuesday resumed negotiations on a bilateral trade agreement, officials said.",
    "The talks focused on tariffs on steel and aluminium, market access for farm goods and the digital trade chapter.",
]


def _meta(lines, config, **kwargs):
    return extract_metadata(clean_text(make_source("\n".join(lines), **kwargs), config), config)


@pytest.mark.parametrize(
    "header, title, author",
    [
        (["India, US resume trade talks", "Jane Doe"], "India, US resume trade talks", "Jane Doe"),
        (["By Ravi Kumar", "India, US resume trade talks"], "India, US resume trade talks", "Ravi Kumar"),
        (["India, US resume trade talks", "By Ravi Kumar | Example Times"], "India, US resume trade talks", "Ravi Kumar"),
        (["Trade Talks Resume", "Jane Doe"], "Trade Talks Resume", "Jane Doe"),
    ],
)
def test_headline_and_byline_from_header_lines(config, header, title, author):
    meta = _meta([*header, *BODY], config)
    assert (meta.title, meta.title_origin, meta.author) == (title, "headline", author)


def test_front_matter_wins_over_text(config):
    meta = _meta(["A headline in the text", *BODY], config, fmt="md",
                 metadata={"title": "Given title", "date": dt.date(2026, 2, 1), "outlet": "Example Times", "author": "A. Writer"})
    assert (meta.title, meta.date, meta.date_origin, meta.outlet, meta.author) == (
        "Given title", "2026-02-01", "front matter", "Example Times", "A. Writer")


def test_title_from_lead_sentence_when_there_is_no_headline(config):
    meta = _meta(BODY, config)
    assert meta.title_origin == "lead sentence"
    assert meta.title == "India and the United States on Tuesday resumed negotiations on a bilateral trade agreement"


@pytest.mark.parametrize(
    "sentence",
    [
        "External Affairs Minister S Jaishankar on Monday began a three-day visit to the United States to attend a key ministerial meeting on critical minerals, with the trip watched closely.",
        "Supercalifragilisticexpialidocious negotiations between delegations representing numerous governments continued throughout the extraordinarily protracted afternoon session yesterday.",
        "The finance ministry of the republic is likely to publish its revised borrowing calendar for the second half of the fiscal year next week.",
        "Quarterly dividend payments of the cooperative banks association rose sharply throughout the whole of the extraordinarily long financial year ending March.",
    ],
)
def test_lead_title_is_a_complete_phrase_of_at_most_100_characters(sentence):
    title = lead_title((sentence,))
    assert 0 < len(title) <= 100
    assert "…" not in title
    assert sentence.startswith(title)
    assert sentence[len(title) : len(title) + 1] in (" ", ",", "")
    assert title.split()[-1].lower() not in {"the", "a", "of", "to", "is", "likely", "and", "in", "on"}


@pytest.mark.parametrize(
    "sentence, unsplit",
    [
        ("Quaker Oats Co said it filed a shelf registration with the Securities and Exchange Commission covering "
         "up to 100 mln dlrs of debt securities.", "Securities and Exchange"),
        ("The treasury said the finance ministry would issue new notes worth between eight and 12 billion francs "
         "at its auction next Thursday.", "between eight and 12"),
    ],
)
def test_lead_title_does_not_cut_a_name_or_a_range_in_two(sentence, unsplit):
    title = lead_title((sentence,))
    assert not title.endswith(unsplit.split(" and ")[0])


def test_date_is_unknown_rather_than_invented(config):
    meta = _meta(BODY, config)
    assert (meta.date, meta.date_origin) == (None, "unknown")


def test_date_from_leading_stamp(config):
    meta = _meta(["date 2026-01-29 " + BODY[0], BODY[1]], config)
    assert (meta.date, meta.date_origin) == ("2026-01-29", "date stamp")


def test_date_from_published_line(config):
    meta = _meta(["Published: January 29, 2026 10:30 IST", *BODY], config)
    assert (meta.date, meta.date_origin) == ("2026-01-29", "published line")


def test_date_from_sidecar_keeps_its_origin(config):
    source = make_source("\n".join(BODY), metadata={"date": "2026-03-02"})
    source = source.__class__(**{**source.__dict__, "metadata_origin": {"date": "sources.yml"}})
    meta = extract_metadata(clean_text(source, config), config)
    assert (meta.date, meta.date_origin) == ("2026-03-02", "sources.yml")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-01-29", "2026-01-29"),
        (dt.date(2026, 1, 29), "2026-01-29"),
        (dt.datetime(2026, 1, 29, 10, 0), "2026-01-29"),
        ("29 January 2026", "2026-01-29"),
        ("Jan. 29, 2026", "2026-01-29"),
        ("January 2026", None),  # no day: not a publication date
        ("yesterday", None),
        ("2026-02-30", None),
        (5, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "paragraph, dateline",
    [
        ("NEW DELHI: India said on Monday ...", "NEW DELHI"),
        ("New Delhi: India said on Monday ...", "New Delhi"),
        ("WASHINGTON (Reuters) - The United States said ...", "WASHINGTON (Reuters)"),
        ("Washington, Jan 29 (PTI): The United States said ...", "Washington, Jan 29 (PTI)"),
        ("India said on Monday that talks would resume.", None),
        ("US Ambassador to India Sergio Gor later indicated that both sides were working.", None),
    ],
)
def test_dateline(paragraph, dateline):
    assert find_dateline(paragraph) == dateline


def test_outlet_from_url_via_configured_domains(config):
    from generator.config import parse_config
    import yaml
    from generator.config import DEFAULT_CONFIG_FILE
    custom = parse_config(yaml.safe_load(DEFAULT_CONFIG_FILE.read_text()), {"outlets": {"example.com": "Example Times"}}, "test")
    meta = _meta(BODY, custom, metadata={"url": "https://www.example.com/news/1"})
    assert meta.outlet == "Example Times"
    assert _meta(BODY, config).outlet is None


def test_summary_is_lead_sentence_without_dateline():
    assert summarise(tuple(BODY)) == BODY[0].replace("NEW DELHI: ", "")


def test_summary_of_short_first_sentence_takes_the_next_one_too():
    assert summarise(("It is official. India joined the initiative on Friday after weeks of talks.",)) == (
        "It is official. India joined the initiative on Friday after weeks of talks.")


def test_a_name_above_the_headline_is_the_outlet_not_the_author(config):
    meta = _meta(["The Daily Ledger", "Trade talks resume as negotiators meet in Delhi", *BODY], config)
    assert meta.title == "Trade talks resume as negotiators meet in Delhi"
    assert meta.author is None
    meta = _meta(["Trade talks resume as negotiators meet in Delhi", "Jane Doe", *BODY], config)
    assert meta.author == "Jane Doe"
