"""Temporal expressions resolved against the article date: one row per rule, plus the negatives."""

from __future__ import annotations

import pytest

from generator.analyse.dates import resolve_dates

PUBLISHED = "2026-01-29"  # a Thursday


def _values(sentence: str, published: str | None = PUBLISHED) -> list[tuple[str, str | None, str]]:
    return [(m.expression, m.value, m.precision) for m in resolve_dates(sentence, published)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # explicit dates: the year is written
        ("The pact was signed on 4 February 2026 in Delhi.", ("4 February 2026", "2026-02-04", "day")),
        ("The pact was signed on February 4, 2026 in Delhi.", ("February 4, 2026", "2026-02-04", "day")),
        ("The pact was signed on Feb. 4, 2026 in Delhi.", ("Feb. 4, 2026", "2026-02-04", "day")),
        ("In July 2025, the minister travelled to the US.", ("July 2025", "2025-07", "month")),
        ("They met several times in 2025.", ("in 2025", "2025", "year")),
        # month-day with no year: the year nearest the publication date
        ("He will travel for the meeting on February 4, sources said.", ("February 4", "2026-02-04", "day")),
        ("They spoke on January 13 about a meeting.", ("January 13", "2026-01-13", "day")),
        ("They will meet on Feb. 4 in Washington.", ("Feb. 4", "2026-02-04", "day")),
        ("They will meet on 4 Feb in Washington.", ("4 Feb", "2026-02-04", "day")),
        # a month with a relative year
        ("Tariffs have applied since August last year.", ("August last year", "2025-08", "month")),
        ("Their first meeting was in January last year.", ("January last year", "2025-01", "month")),
        ("Trump claimed he brokered a ceasefire in May last year.", ("May last year", "2025-05", "month")),
        ("The deal may be signed in March next year.", ("March next year", "2027-03", "month")),
        # bare months, relative months, years and weeks
        ("They discussed a possible meeting in February.", ("in February", "2026-02", "month")),
        ("Earlier this month, the envoy said India would be invited.", ("Earlier this month", "2026-01", "month")),
        ("They discussed a possible meeting next month.", ("next month", "2026-02", "month")),
        ("Talks held last year failed to yield a breakthrough.", ("last year", "2025", "year")),
        ("It is his first visit this year.", ("this year", "2026", "year")),
        ("He will travel to Washington next week.", ("next week", "2026-02", "month")),
        ("Last week, he met a delegation.", ("Last week", "2026-01", "month")),
        ("Last December, the talks stalled.", ("Last December", "2025-12", "month")),
        # weekdays, adjacent days and counted offsets
        ("The minister on Monday began a three-day visit.", ("on Monday", "2026-01-26", "day")),
        ("The minister will travel on Monday.", ("on Monday", "2026-02-02", "day")),
        ("The ministry said so yesterday.", ("yesterday", "2026-01-28", "day")),
        ("The rule came into force two weeks ago.", ("two weeks ago", "2026-01", "month")),
        ("The rule came into force three years ago.", ("three years ago", "2023", "year")),
    ],
)
def test_each_rule_resolves_against_the_article_date(sentence, expected):
    assert expected in _values(sentence)


def test_month_day_takes_the_year_nearest_the_publication_date():
    # A December date in a January article is last December; a June date would be flagged as ambiguous.
    december = resolve_dates("The talks began on December 20.", "2026-01-10")[0]
    assert (december.value, december.ambiguous) == ("2025-12-20", False)
    june = resolve_dates("The summit is on June 20.", "2026-01-10")[0]
    assert june.ambiguous and "could be" in june.derivation
    assert june.value == "2026-06-20"  # "is" with no past marker: the nearer reading stands


def test_far_month_follows_since_into_the_past():
    mention = resolve_dates("Exports have fallen since August.", "2026-01-29")[0]
    assert mention.value == "2025-08" and mention.ambiguous


def test_week_spanning_two_months_is_flagged():
    mention = resolve_dates("They will meet next week.", "2026-02-20")[0]  # the week of 23 February to 1 March
    assert mention.value == "2026-02" and mention.ambiguous and "2026-03" in mention.derivation
    plain = resolve_dates("They met last week.", "2026-01-27")[0]
    assert plain.value == "2026-01" and not plain.ambiguous


def test_a_past_verb_after_the_weekday_gives_the_tense():
    mention = resolve_dates("U.S. President Donald Trump on Wednesday imposed an additional 25% tariff.", "2025-08-06")[0]
    assert (mention.value, mention.ambiguous) == ("2025-08-06", False)
    scheduled = resolve_dates("Talks on Friday scheduled by envoys.", PUBLISHED)[0]
    assert scheduled.ambiguous


def test_weekday_without_tense_is_flagged():
    mention = resolve_dates("Monday talks in Delhi.", PUBLISHED)[0]
    assert mention.ambiguous and mention.value == "2026-01-26"


def test_derivation_names_the_expression_and_anchor():
    mention = resolve_dates("Tariffs have applied since August last year.", PUBLISHED)[0]
    assert "2026-01-29" in mention.derivation and "2025-08" in mention.derivation


def test_without_a_publication_date_only_explicit_dates_resolve():
    mentions = {m.expression: m for m in resolve_dates("On February 4, as in July 2025, they met; next week too.", None)}
    assert mentions["July 2025"].value == "2025-07"
    assert mentions["February 4"].value is None and "no publication date" in mentions["February 4"].derivation
    assert mentions["next week"].value is None


@pytest.mark.parametrize(
    "sentence",
    [
        "India may join the initiative.",  # "may" the verb
        "May I add that the talks went well.",  # sentence-initial verb
        "The march to Parliament was peaceful.",
        "They agreed to march on.",
        "Theresa May said the deal was done.",  # a surname, not a month
        "The plant makes 2025 units a day.",  # a number, not a year
        "Sales rose 20 per cent to 1,200 units.",
        "Article 370 was revoked.",
    ],
)
def test_negatives_are_not_dates(sentence):
    assert resolve_dates(sentence, PUBLISHED) == ()



@pytest.mark.parametrize(("sentence", "expected"), [
    ("The country met the 2030 target early.", [("2030", "2030", "year")]),
    ("A 2024 study found the same.", [("2024", "2024", "year")]),
    ("The 2000 workers went home.", []),  # a count, not a year
    ("The 2026-27 budget was tabled.", []),  # a fiscal year: conventions differ
    ("Output will recover by the end of the year.", [("end of the year", "2026", "year")]),
    ("Rates may fall in the second half of the year.", [("second half of the year", "2026", "year")]),
    ("Supply grows between 2031 and 2060.", [("between 2031", "2031", "year"), ("and 2060", "2060", "year")]),
    ("The mine opens by the fall of 2027.", [("of 2027", "2027", "year")]),
])
def test_years_before_nouns_and_parts_of_the_year(sentence, expected):
    assert _values(sentence) == expected
