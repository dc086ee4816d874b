"""Charts drawn at build time as inline SVG: no JavaScript, no network, the same bytes in the site, the offline
site, the handouts and print.

Small hand-written SVG rather than a plotting library: a chart here is a few dozen rectangles or circles, and a
page of 5,000-article builds carries several, so the cost that matters is per chart (microseconds here against
tens of milliseconds for a matplotlib figure) and the markup's size. Text and axes use `currentColor`, so a chart
follows Material's light and dark schemes; marks use one fixed palette (Okabe-Ito, told apart with colour
blindness and of distinct greys in black-and-white print), a topic keeping its colour on every page. Every chart
has a `<title>` and `<desc>`, a `<title>` on each mark (a tooltip, read by screen readers), and its numbers in a
table under it. Many points aggregate: days become weeks, months or years, a long tail becomes "other".

Everything shown is data: each label is escaped as XML text, never markup.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping, Sequence

from markupsafe import Markup

from generator.text import shorten

# Okabe-Ito without its yellow (too pale on white), then two more; "other" is grey.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D31", "#7F7F7F")
OTHER_COLOUR = "#9E9E9E"
OTHER = "other"
UNDATED = "undated"
MAX_PERIODS = 60  # columns on a time axis before days become weeks, weeks months, months years
MAX_SERIES = 6  # series (topics) drawn before the rest become "other"
MAX_BARS = 8  # bars in a ranking before the rest become "other"
# A ranking is drawn from this many counted items on at least two bars: "one article each from A, B and C" is a
# sentence's worth of data, which the page says in words.
MIN_RANKED_TOTAL = 4
MAX_MATRIX_COLUMNS = 24
_WIDTH = 640
_FONT = 12


@dataclass(frozen=True)
class Period:
    """How a time axis buckets dates: "day", "week" (from Monday), "month" or "year"."""

    unit: str

    def start(self, day: date) -> date:
        if self.unit == "week":
            return day - timedelta(days=day.weekday())
        if self.unit == "month":
            return day.replace(day=1)
        if self.unit == "year":
            return day.replace(month=1, day=1)
        return day

    def next(self, start: date) -> date:
        if self.unit == "day":
            return start + timedelta(days=1)
        if self.unit == "week":
            return start + timedelta(days=7)
        if self.unit == "month":
            return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start.replace(year=start.year + 1)

    def label(self, start: date) -> str:
        if self.unit == "year":
            return str(start.year)
        if self.unit == "month":
            return start.strftime("%b %Y")
        prefix = "week of " if self.unit == "week" else ""
        return f"{prefix}{start.day} {start.strftime('%b %Y')}"

    def short_label(self, start: date) -> str:
        if self.unit == "year":
            return str(start.year)
        if self.unit == "month":
            return start.strftime("%b %Y")  # "Oct 26" would read as a day
        return f"{start.day} {start.strftime('%b')}"


def as_date(value: str) -> date | None:
    """A date from "YYYY-MM-DD", "YYYY-MM" or "YYYY" (the first day of that month or year); None if unreadable."""
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts[:3]]
        return date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        return None


_UNITS = ("day", "week", "month", "year")


def _precision(value: str) -> str:
    """How precisely an ISO value dates something: "year" for "2026", "month" for "2026-02", else "day"."""
    return {1: "year", 2: "month"}.get(len(value.split("-")), "day")


def choose_period(first: date, last: date, finest: str = "week") -> Period:
    """The finest bucket from `finest` up that keeps the axis within MAX_PERIODS columns."""
    for unit in _UNITS[_UNITS.index(finest):]:
        period = Period(unit)
        if unit == "year" or _period_count(period, first, last) <= MAX_PERIODS:
            return period
    return Period("year")


def _period_count(period: Period, first: date, last: date) -> int:
    span = (last - first).days
    return {"day": span + 1, "week": span // 7 + 2, "month": span // 28 + 2}.get(period.unit, last.year - first.year + 1)


def _periods(period: Period, first: date, last: date) -> list[date]:
    starts = [period.start(first)]
    while True:
        try:
            following = period.next(starts[-1])
        except (OverflowError, ValueError):  # the calendar ends (9999-12-31) inside this period
            return starts
        if following > last:
            return starts
        starts.append(following)


def topic_colours(topic_ids: Sequence[str]) -> dict[str, str]:
    """A colour per topic by its place in the taxonomy, so a topic has the same colour on every page."""
    return {topic_id: PALETTE[index % len(PALETTE)] for index, topic_id in enumerate(topic_ids)}


def _text(value: object) -> str:
    return html.escape(str(value), quote=True)


def _figure(name: str, title: str, description: str, width: int, height: int, body: list[str], table: str) -> Markup:
    """Wrap marks in an accessible SVG inside a figure, its numbers in a collapsed table; one line, no blank line,
    so Markdown keeps it as one raw HTML block."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="briefing-chart-svg" viewBox="0 0 {width} {height}" '
        f'width="100%" style="display:block;height:auto" role="img" aria-labelledby="{name}-title {name}-desc" '
        f'font-family="inherit" font-size="{_FONT}" fill="currentColor">'
        f'<title id="{name}-title">{_text(title)}</title><desc id="{name}-desc">{_text(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )
    return Markup(
        f'<figure class="briefing-chart" id="{name}" data-chart="{name}" data-search-exclude '
        f'style="display:block;width:100%;max-width:{width}px;margin:1em 0">{svg}'
        f"<figcaption>{_text(title)}</figcaption>{table}</figure>"
    )


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{_text(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f"<details class=\"briefing-chart-numbers\"><summary>{_text(caption)}</summary>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )


def _y_axis(left: int, top: int, plot_height: int, width: int, maximum: int) -> list[str]:
    marks = []
    for value in sorted({0, maximum // 2, maximum}):
        y = top + plot_height - plot_height * value / maximum
        marks.append(
            f'<line x1="{left}" x2="{width - 4}" y1="{y:.1f}" y2="{y:.1f}" stroke="currentColor" stroke-opacity="0.2"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    return marks


def _x_labels(labels: Sequence[str], left: float, step: float, y: float, last: bool = False) -> list[str]:
    """About eight of the column labels under an axis (and the last one too, with `last`)."""
    every = max(1, -(-len(labels) // 8))
    return [
        f'<text x="{left + step * index + step / 2:.1f}" y="{y}" text-anchor="middle">{_text(label)}</text>'
        for index, label in enumerate(labels)
        if index % every == 0 or (last and index == len(labels) - 1)
    ]


def columns_over_time(
    name: str,
    title: str,
    dated: Sequence[tuple[str | None, str]],
    series_colours: Mapping[str, str],
    unit: str = "article",
    finest: str = "week",
) -> Markup | None:
    """Stacked columns of how many items fall in each period, by series: `dated` holds (ISO date or None, series)
    pairs, `series_colours` the series in legend order with their colours. Items without a date stand in a last
    column, "undated", so a corpus of undated articles still shows its counts. None when there is nothing."""
    points = [(as_date(value) if value else None, series) for value, series in dated]
    if not points:
        return None
    totals = Counter(series for _, series in points)
    shown = [series for series in series_colours if totals[series]]
    if len(shown) > MAX_SERIES:
        shown = sorted(shown, key=lambda series: (-totals[series], list(series_colours).index(series)))[: MAX_SERIES - 1]
        shown = [series for series in series_colours if series in shown]
    colours = {series: series_colours[series] for series in shown}
    if any(series not in colours for _, series in points):
        colours[OTHER] = OTHER_COLOUR
    days = [day for day, _ in points if day]
    period = choose_period(min(days), max(days), finest) if days else Period(finest)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for day, series in points:
        counts[period.start(day).isoformat() if day else UNDATED][series if series in colours else OTHER] += 1
    columns = [(start.isoformat(), period.label(start), period.short_label(start)) for start in _periods(period, min(days), max(days))] if days else []
    if counts.get(UNDATED):
        columns.append((UNDATED, UNDATED, UNDATED))
    maximum = max(sum(counts[key].values()) for key, _, _ in columns) or 1
    legend_rows = -(-len(colours) // 4) if len(colours) > 1 else 0
    left, top, plot_height = 34, 8 + 16 * legend_rows, 150
    height = top + plot_height + 24
    step = (_WIDTH - left - 4) / max(len(columns), 4)
    body = _legend(colours, 8) + _y_axis(left, top, plot_height, _WIDTH, maximum)
    rows = []
    marks: dict[str, list[str]] = {series: [] for series in colours}  # one group per series carries its colour
    for index, (key, label, _) in enumerate(columns):
        y = top + plot_height
        for series in colours:
            count = counts[key][series]
            if not count:
                continue
            bar = plot_height * count / maximum
            y -= bar
            tip = f"{label}: {count} {unit}{'s' if count != 1 else ''}" + (f" — {series}" if len(colours) > 1 else "")
            # Undated counts are drawn paler and dashed, so they read apart from the dated columns in print too.
            pattern = ' fill-opacity="0.5" stroke-dasharray="2 2"' if key == UNDATED else ""
            marks[series].append(
                f'<rect class="mark" data-period="{key}" data-value="{count}" x="{left + step * index + step * 0.1:.1f}" '
                f'y="{y:.1f}" width="{max(step * 0.8, 1):.1f}" height="{bar:.1f}"{pattern}><title>{_text(tip)}</title></rect>'
            )
        if counts[key]:
            rows.append([label, *(counts[key][series] for series in colours), sum(counts[key].values())])
    for series, colour in colours.items():
        body.append(
            f'<g data-series="{_text(series)}" fill="{colour}" stroke="currentColor" stroke-width="0.6">'
            + "".join(marks[series]) + "</g>"
        )
    body += _x_labels([short for _, _, short in columns], left, step, top + plot_height + 16, last=columns[-1][0] == UNDATED)
    undated = sum(counts[UNDATED].values())
    description = f"{len(points)} {unit}s" + (
        f" by {period.unit}, {columns[0][1]} to {columns[-1 if not undated else -2][1]}" if days else ""
    ) + (f"; {undated} undated" if undated else "")
    header = [period.unit.capitalize(), *colours, "total"] if len(colours) > 1 else [period.unit.capitalize(), f"{unit}s"]
    table_rows = rows if len(colours) > 1 else [[row[0], row[-1]] for row in rows]
    return _figure(name, title, description, _WIDTH, height, body, _table("The numbers", header, table_rows))


def _legend(colours: Mapping[str, str], y: int) -> list[str]:
    marks = []
    if len(colours) < 2:
        return marks
    for index, (series, colour) in enumerate(colours.items()):
        row, column = divmod(index, 4)
        x, top = 34 + column * 150, y + row * 16
        marks.append(
            f'<rect x="{x}" y="{top}" width="10" height="10" fill="{colour}" stroke="currentColor" stroke-width="0.4"/>'
            f'<text x="{x + 14}" y="{top + 9}">{_text(shorten(series, 22))}</text>'
        )
    return marks


# The events axis spans at most this many years either side of the reference date (or of the middle event).
AXIS_YEARS_AROUND = 5


def _years(years: Sequence[int]) -> str:
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def events_on_axis(
    name: str,
    title: str,
    events: Sequence[tuple[str, str]],
    lane_colours: Mapping[str, str],
    as_of: str | None,
    unit: str = "event",
) -> Markup | None:
    """Events as dots on a time axis, one lane per series (`events`: (ISO date, lane) pairs); what lies after
    `as_of` is shaded and drawn hollow. Dots of one lane and period merge into one sized by their count."""
    given = [(day, lane, _precision(value)) for value, lane in events if (day := as_date(value)) and lane in lane_colours]
    if not given:
        return None
    reference = as_date(as_of) if as_of else None
    # A date years away from the rest ("between 2031 and 2060") would squeeze every other dot into one cluster: it
    # stays off the axis, and the chart says so at the edge it lies beyond.
    centre = reference or sorted(day for day, _, _ in given)[len(given) // 2]
    earliest = date(max(centre.year - AXIS_YEARS_AROUND, date.min.year), 1, 1)
    latest = date(min(centre.year + AXIS_YEARS_AROUND, date.max.year), 12, 31)
    before = sorted(day.year for day, _, _ in given if day < earliest)
    after = sorted(day.year for day, _, _ in given if day > latest)
    given = [item for item in given if earliest <= item[0] <= latest]
    if not given:
        return None
    first, last = min(day for day, _, _ in given), max(day for day, _, _ in given)
    period = choose_period(first, last, "day")
    # A date known only to its month or year has no place on a finer axis: coarsen the axis while most dates
    # would be left out, then leave out (and say so) the few that still do not fit.
    while period.unit != "year" and sum(1 for *_, unit in given if _UNITS.index(unit) > _UNITS.index(period.unit)) * 2 > len(given):
        period = Period(_UNITS[_UNITS.index(period.unit) + 1])
    points = [(day, lane) for day, lane, unit in given if _UNITS.index(unit) <= _UNITS.index(period.unit)]
    left_out = len(given) - len(points)
    if not points:
        return None
    first, last = min(day for day, _ in points), max(day for day, _ in points)
    lanes = [lane for lane in lane_colours if any(lane == found for _, found in points)]
    counts: Counter[tuple[str, date]] = Counter((lane, period.start(day)) for day, lane in points)
    starts = _periods(period, first, last)
    label_width = 130
    left, top, lane_height = label_width + 8, 22, 22
    plot_width = _WIDTH - left - 8
    height = top + lane_height * len(lanes) + 28
    step = plot_width / len(starts)
    position = {start: left + step * index + step / 2 for index, start in enumerate(starts)}
    body = []
    if reference and reference <= last:
        cut = left if reference < first else position[period.start(reference)] + step / 2
        body.append(
            f'<rect class="upcoming" x="{cut:.1f}" y="{top}" width="{left + plot_width - cut:.1f}" '
            f'height="{lane_height * len(lanes)}" fill="currentColor" fill-opacity="0.07"/>'
            f'<line x1="{cut:.1f}" x2="{cut:.1f}" y1="{top}" y2="{top + lane_height * len(lanes)}" stroke="currentColor" '
            f'stroke-dasharray="3 3"/><text x="{left + plot_width}" y="{top - 6}" text-anchor="end" font-style="italic">'
            f'after {_text(as_of)}: upcoming</text>'
        )
    biggest = max(counts.values())
    for row, lane in enumerate(lanes):
        y = top + lane_height * row + lane_height / 2
        body.append(
            f'<text x="{label_width}" y="{y + 4:.1f}" text-anchor="end">{_text(shorten(lane, 22))}</text>'
            f'<line x1="{left}" x2="{left + plot_width}" y1="{y:.1f}" y2="{y:.1f}" stroke="currentColor" stroke-opacity="0.2"/>'
        )
        for start in starts:
            count = counts.get((lane, start))
            if not count:
                continue
            upcoming = bool(reference) and start > period.start(reference)
            radius = 2.5 + 5.5 * (count / biggest) ** 0.5
            fill = f'fill="none" stroke="{lane_colours[lane]}" stroke-width="2"' if upcoming else f'fill="{lane_colours[lane]}" stroke="currentColor" stroke-width="0.4"'
            label = f"{period.label(start)}: {count} {unit}{'s' if count != 1 else ''} — {lane}{' (upcoming)' if upcoming else ''}"
            body.append(
                f'<circle class="mark{" upcoming-mark" if upcoming else ""}" data-period="{start.isoformat()}" '
                f'data-series="{_text(lane)}" data-value="{count}" cx="{position[start]:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                f"{fill}><title>{_text(label)}</title></circle>"
            )
    body += _x_labels([period.short_label(start) for start in starts], left, step, height - 8)
    beyond = []
    if before:
        beyond.append(f"{len(before)} earlier ({_years(before)})")
        body.append(f'<text class="beyond" x="{left}" y="{top - 6}" font-style="italic">← {_text(beyond[-1])}</text>')
    if after:
        beyond.append(f"{len(after)} later ({_years(after)})")
        body.append(f'<text class="beyond" x="{left + plot_width}" y="{height - 20}" text-anchor="end" '
                    f'font-style="italic">{_text(beyond[-1])} →</text>')
    description = (
        f"{len(points)} {unit}s by {period.unit} from {period.label(starts[0])} to {period.label(starts[-1])}"
        + (f"; those after {as_of} are upcoming, drawn hollow" if reference else "")
        + (f"; {left_out} known only to a coarser date are not drawn" if left_out else "")
        + (f"; beyond the axis: {' and '.join(beyond)}" if beyond else "")
    )
    rows = [[period.label(start), lane, counts[(lane, start)]] for start in starts for lane in lanes if counts.get((lane, start))]
    return _figure(name, title, description, _WIDTH, height, body, _table("The numbers", [period.unit.capitalize(), "", f"{unit}s"], rows))


def ranked_bars(name: str, title: str, ranked: Sequence[tuple[str, int]], unit: str = "article", colour: str = PALETTE[0]) -> Markup | None:
    """Horizontal bars, largest first (`ranked`: (label, count) pairs); beyond MAX_BARS the rest are "other"; None
    for too little data to draw (see MIN_RANKED_TOTAL)."""
    ranked = sorted((item for item in ranked if item[1] > 0), key=lambda item: (-item[1], item[0]))
    if len(ranked) < 2 or sum(count for _, count in ranked) < MIN_RANKED_TOTAL:
        return None
    if len(ranked) > MAX_BARS:
        ranked = [*ranked[: MAX_BARS - 1], (f"{len(ranked) - MAX_BARS + 1} {OTHER}s", sum(count for _, count in ranked[MAX_BARS - 1:]))]
    label_width, top, bar_height = 170, 4, 20
    left = label_width + 8
    plot_width = _WIDTH - left - 40
    height = top + bar_height * len(ranked) + 4
    maximum = max(count for _, count in ranked)
    body = []
    for row, (label, count) in enumerate(ranked):
        y = top + bar_height * row
        width = max(plot_width * count / maximum, 1)
        body.append(
            f'<text x="{label_width}" y="{y + 14}" text-anchor="end">{_text(shorten(label, 28))}</text>'
            f'<rect class="mark" data-series="{_text(label)}" data-value="{count}" x="{left}" y="{y + 3}" width="{width:.1f}" '
            f'height="{bar_height - 6}" fill="{colour}" stroke="currentColor" stroke-width="0.4">'
            f"<title>{_text(label)}: {count} {unit}{'s' if count != 1 else ''}</title></rect>"
            f'<text x="{left + width + 4:.1f}" y="{y + 14}">{count}</text>'
        )
    description = f"{len(ranked)} bars, {ranked[0][0]} first with {ranked[0][1]} {unit}{'s' if ranked[0][1] != 1 else ''}"
    return _figure(name, title, description, _WIDTH, height, body, _table("The numbers", ["", f"{unit}s"], ranked))


def matrix(
    name: str,
    title: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    cells: set[tuple[int, int]],
    differing: set[tuple[int, int]],
) -> Markup | None:
    """A rows × columns grid (sources × facts): a filled square where a row reports a column's fact, a ringed
    "≠" where its figures differ from the other sources'. `rows` are (key, label) pairs ("A", "A: Wire"): the
    label heads the row, the key names it in tooltips and the table; `columns` are (short label, full text)."""
    if not rows or not columns:
        return None
    columns = list(columns[:MAX_MATRIX_COLUMNS])
    label_width, top, size = 170, 96, 20
    left = label_width + 8
    width = max(_WIDTH, left + size * len(columns) + 90)
    height = top + size * len(rows) + 6
    body = []
    for column, (short, full) in enumerate(columns):
        x = left + size * column + size / 2 + 4
        body.append(
            f'<text x="{x:.1f}" y="{top - 6}" transform="rotate(-45 {x:.1f} {top - 6})">{_text(shorten(short, 18))}</text>'
        )
    reported: list[str] = []
    for row, (key, label) in enumerate(rows):
        y = top + size * row
        key = _text(shorten(key, 12))
        body.append(
            f'<text x="{label_width}" y="{y + 14}" text-anchor="end">{_text(shorten(label, 28))}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{size * len(columns)}" height="{size - 4}" fill="currentColor" fill-opacity="0.06"/>'
        )
        for column, (short, _) in enumerate(columns):
            x = left + size * column
            if (row, column) in differing:
                body.append(
                    f'<g class="mark differs" data-row="{row}" data-column="{column}"><rect x="{x + 3}" y="{y + 3}" '
                    f'width="{size - 6}" height="{size - 6}" fill="{PALETTE[4]}" stroke="currentColor" stroke-width="1.5"/>'
                    f'<text x="{x + size / 2}" y="{y + 14}" text-anchor="middle" fill="#fff" font-weight="bold">≠</text>'
                    f"<title>{key}, {_text(shorten(short, 18))}: a different figure</title></g>"
                )
            elif (row, column) in cells:
                reported.append(
                    f'<rect class="mark" data-row="{row}" data-column="{column}" x="{x + 3}" y="{y + 3}" '
                    f'width="{size - 6}" height="{size - 6}">'
                    f"<title>{key}, {_text(shorten(short, 18))}</title></rect>"
                )
    body.append(
        f'<g fill="{PALETTE[0]}" stroke="currentColor" stroke-width="0.4">' + "".join(reported) + "</g>"
    )
    description = f"{len(rows)} sources by {len(columns)} facts; {len(cells)} reported, {len(differing)} with differing figures"
    marked = cells | differing
    keys = [key for key, _ in rows]  # the page's sources table says who A is
    table_rows = [
        [short, shorten(full, 90), ", ".join(key for row, key in enumerate(keys) if (row, column) in marked),
         ", ".join(key for row, key in enumerate(keys) if (row, column) in differing)]
        for column, (short, full) in enumerate(columns)
    ]
    return _figure(name, title, description, width, height, body, _table("The numbers", ["", "fact", "reported by", "differs in"], table_rows))
