"""Charts: the marks say what the data says, labels stay text, output is the same bytes each time, and big inputs
aggregate instead of drawing thousands of marks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from generator.publish import charts

SVG = "{http://www.w3.org/2000/svg}"


def _svg(figure) -> ET.Element:
    """The chart's SVG element, parsed as XML (so a stray `<` or unclosed tag fails the test)."""
    text = str(figure)
    start, end = text.index("<svg"), text.index("</svg>") + len("</svg>")
    return ET.fromstring(text[start:end])


def _marks(figure) -> list[ET.Element]:
    return [element for element in _svg(figure).iter() if "mark" in element.get("class", "").split()]


def _series_marks(figure) -> list[tuple[str, ET.Element]]:
    """(series, mark) for a column chart, whose marks sit in one group per series (the group holds the colour)."""
    return [(group.get("data-series"), mark) for group in _svg(figure).iter(f"{SVG}g") for mark in group if "mark" in mark.get("class", "")]


def test_columns_count_items_per_week_and_series():
    dated = [("2026-02-02", "Tariffs"), ("2026-02-04", "Tariffs"), ("2026-02-05", "Trade deal"), ("2026-02-16", "Tariffs")]
    figure = charts.columns_over_time("c", "Articles", dated, {"Tariffs": "#111111", "Trade deal": "#222222"})
    values = {(m.get("data-period"), series): int(m.get("data-value")) for series, m in _series_marks(figure)}
    # 2 Feb 2026 is a Monday: the first week holds three articles, the week of 16 Feb one, the week between none.
    assert values == {("2026-02-02", "Tariffs"): 2, ("2026-02-02", "Trade deal"): 1, ("2026-02-16", "Tariffs"): 1}
    heights = {(m.get("data-period"), series): float(m.get("height")) for series, m in _series_marks(figure)}
    assert heights[("2026-02-02", "Tariffs")] == 2 * heights[("2026-02-16", "Tariffs")]
    assert "<title" in str(figure) and "The numbers" in str(figure)


def test_undated_items_stand_in_their_own_column():
    figure = charts.columns_over_time("c", "Articles", [(None, "A"), (None, "A"), ("2026-01-05", "A")], {"A": "#111111"})
    values = {m.get("data-period"): int(m.get("data-value")) for m in _marks(figure)}
    assert values == {"2026-01-05": 1, "undated": 2}
    only_undated = charts.columns_over_time("c", "Articles", [(None, "A")], {"A": "#111111"})
    assert [m.get("data-period") for m in _marks(only_undated)] == ["undated"]
    assert charts.columns_over_time("c", "Articles", [], {"A": "#111111"}) is None


def test_thousands_of_articles_aggregate_into_few_columns_and_an_other_series():
    start = date(2016, 1, 1)
    series = [f"topic {n}" for n in range(10)]
    dated = [((start + timedelta(days=day * 3)).isoformat(), series[day % 10]) for day in range(5000)]  # ~41 years
    figure = charts.columns_over_time("c", "Articles", dated, {name: "#123456" for name in series})
    marks = _marks(figure)
    periods = {m.get("data-period") for m in marks}
    assert len(periods) <= charts.MAX_PERIODS and all(p.endswith("-01-01") for p in periods)  # years
    shown = {series for series, _ in _series_marks(figure)}
    assert len(shown) == charts.MAX_SERIES and charts.OTHER in shown
    assert sum(int(m.get("data-value")) for m in marks) == 5000
    assert len(str(figure)) < 120_000


def test_a_year_of_weekly_dates_becomes_months():
    dated = [((date(2025, 1, 1) + timedelta(days=day)).isoformat(), "A") for day in range(0, 730, 2)]
    periods = {m.get("data-period") for m in _marks(charts.columns_over_time("c", "t", dated, {"A": "#111111"}))}
    assert len(periods) == 24 and all(p.endswith("-01") for p in periods)


def test_labels_are_text_never_markup():
    hostile = "<script>alert(1)</script> & \"quoted\""
    figures = [
        charts.columns_over_time("c", hostile, [("2026-01-01", hostile), ("2026-01-01", "B")], {hostile: "#111111", "B": "#222222"}),
        charts.events_on_axis("e", hostile, [("2026-01-01", hostile)], {hostile: "#111111"}, "2025-12-01"),
        charts.ranked_bars("r", hostile, [(hostile, 3), ("B", 1)]),
        charts.matrix("m", hostile, [(hostile, hostile)], [(hostile, hostile)], {(0, 0)}, set()),
    ]
    for figure in figures:
        text = str(figure)
        assert "<script" not in text and "&lt;script&gt;" in text
        _svg(figure)  # still well-formed XML


def test_same_input_gives_the_same_bytes_and_no_random_ids():
    def draw():
        return charts.events_on_axis("e", "Events", [("2026-03-01", "A"), ("2026-01-01", "B")], {"A": "#1", "B": "#2"}, "2026-02-01")

    assert str(draw()) == str(draw())
    assert sorted(set(re.findall(r'id="([^"]+)"', str(draw())))) == ["e", "e-desc", "e-title"]


def test_events_after_the_build_date_are_drawn_as_upcoming():
    events = [("2026-01-10", "A"), ("2026-01-20", "A"), ("2026-03-05", "A"), ("2026-04-01", "B")]
    figure = charts.events_on_axis("e", "Events", events, {"A": "#111111", "B": "#222222"}, "2026-02-01")
    upcoming = {(m.get("data-period"), m.get("data-series")) for m in _marks(figure) if "upcoming-mark" in m.get("class")}
    past = {(m.get("data-period"), m.get("data-series")) for m in _marks(figure) if "upcoming-mark" not in m.get("class")}
    assert {series for _, series in upcoming} == {"A", "B"} and all(period > "2026-02" for period, _ in upcoming)
    assert all(period < "2026-02" for period, _ in past) and len(past) == 2
    assert all(m.get("fill") == "none" for m in _marks(figure) if "upcoming-mark" in m.get("class"))
    assert 'class="upcoming"' in str(figure)


def test_events_known_only_to_the_year_are_left_out_of_a_daily_axis_and_said_to_be():
    events = [("2026-01-10", "A"), ("2026-01-12", "A"), ("2026-01-15", "A"), ("2026", "A")]
    figure = charts.events_on_axis("e", "Events", events, {"A": "#111111"}, None)
    assert sum(int(m.get("data-value")) for m in _marks(figure)) == 3
    assert "1 known only to a coarser date are not drawn" in str(figure)
    # Mostly coarse dates coarsen the axis instead of vanishing.
    coarse = charts.events_on_axis("e", "Events", [("2025", "A"), ("2026", "A"), ("2026-05-02", "A")], {"A": "#1"}, None)
    assert sum(int(m.get("data-value")) for m in _marks(coarse)) == 3


def test_a_date_years_away_stays_off_the_axis_and_the_chart_says_so():
    events = [("2026-01-10", "A"), ("2026-02-12", "A"), ("2026-03-15", "A"), ("2060", "A"), ("1977", "A")]
    figure = charts.events_on_axis("e", "Events", events, {"A": "#111111"}, "2026-02-01")
    periods = [m.get("data-period") for m in _marks(figure)]
    assert periods and all(period.startswith("2026") for period in periods)  # by day or month in 2026, not by decade
    assert "beyond the axis: 1 earlier (1977) and 1 later (2060)" in str(figure)
    assert "1 later (2060) →" in str(figure) and "← 1 earlier (1977)" in str(figure)


def test_many_events_merge_into_one_dot_per_lane_and_period():
    events = [((date(2020, 1, 1) + timedelta(days=day)).isoformat(), "A") for day in range(3000)]
    marks = _marks(charts.events_on_axis("e", "Events", events, {"A": "#111111"}, None))
    assert len(marks) <= charts.MAX_PERIODS and sum(int(m.get("data-value")) for m in marks) == 3000


def test_ranked_bars_keep_the_largest_and_sum_the_rest_as_other():
    ranked = [(f"outlet {n}", n) for n in range(1, 13)]  # 1..12
    marks = _marks(charts.ranked_bars("r", "Outlets", ranked))
    assert len(marks) == charts.MAX_BARS
    assert [int(m.get("data-value")) for m in marks[:3]] == [12, 11, 10]
    assert marks[-1].get("data-series") == "5 others" and int(marks[-1].get("data-value")) == 1 + 2 + 3 + 4 + 5
    ratios = [float(m.get("width")) / int(m.get("data-value")) for m in marks]  # bar length follows the count
    assert max(ratios) - min(ratios) < 0.1
    assert charts.ranked_bars("r", "none", [("a", 0)]) is None


def test_matrix_marks_reported_and_differing_cells():
    figure = charts.matrix(
        "m", "Facts", [("A", "A: Wire"), ("B", "B: Daily")], [("fact 1", "Tariff cut"), ("50%", "figure: 50%")], {(0, 0), (1, 0), (0, 1)}, {(1, 0)}
    )
    cells = {(m.get("data-row"), m.get("data-column")): "differs" in m.get("class") for m in _marks(figure)}
    assert cells == {("0", "0"): False, ("1", "0"): True, ("0", "1"): False}
    assert "≠" in str(figure)


def test_topic_colours_follow_taxonomy_order():
    first = charts.topic_colours(["a", "b", "c"])
    assert first == charts.topic_colours(["a", "b", "c"]) and len(set(first.values())) == 3
    assert first["a"] == charts.topic_colours(["a", "z"])["a"]


def test_text_and_axes_follow_the_page_colour_scheme():
    svg = _svg(charts.ranked_bars("r", "Outlets", [("x", 2), ("y", 2)]))
    assert svg.get("fill") == "currentColor"
    assert all(text.get("fill") in (None, "currentColor", "#fff") for text in svg.iter(f"{SVG}text"))


def test_a_ranking_of_a_sentence_s_worth_is_not_drawn():
    assert charts.ranked_bars("r", "t", [("A", 1), ("B", 1), ("C", 1)]) is None  # one each from three
    assert charts.ranked_bars("r", "t", [("A", 9)]) is None  # one bar ranks nothing
    drawn = charts.ranked_bars("r", "t", [("A", 3), ("B", 1)])
    assert drawn is not None and [int(mark.get("data-value")) for mark in _marks(drawn)] == [3, 1]
