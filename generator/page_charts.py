"""Which charts each page carries, and the numbers behind them, taken from the corpus; `charts` draws them.

Every function here is pure: corpus in, `Markup` (an inline SVG figure) or None out. A topic is coloured by its
place in the taxonomy, so it has the same colour on the home page, the timeline and its own page.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Mapping, Sequence, TypeVar

from markupsafe import Markup

from . import charts
from .model import Corpus, Organisation, Person, Story, Topic

Named = TypeVar("Named", Person, Organisation)
from .paths import source_label

NO_TOPIC = "no topic"
HOME_PAST_DAYS = 183  # the home page's event axis: about six months back from the newest article…
HOME_FUTURE_DAYS = 366  # …and a year ahead


def topic_colours(corpus: Corpus) -> dict[str, str]:
    """Each topic's name with its colour, in taxonomy order, then "no topic" in grey."""
    by_id = charts.topic_colours([topic.id for topic in corpus.topics])
    colours = {topic.name: by_id[topic.id] for topic in corpus.topics}
    colours[NO_TOPIC] = charts.OTHER_COLOUR
    return colours


def newest_article_date(corpus: Corpus) -> str | None:
    """The build's "today": the newest article's date (a build on old seeds is not dated by the machine clock)."""
    dates = [article.meta.date for article in corpus.articles if article.meta.date]
    return max(dates) if dates else None


def home_charts(corpus: Corpus) -> dict[str, Markup | None]:
    """Articles per week by main topic over the corpus's span, and the recent and coming events."""
    names = {topic.id: topic.name for topic in corpus.topics}
    colours = topic_colours(corpus)
    dated = [
        (article.meta.date, names.get(article.topic_ids[0], NO_TOPIC) if article.topic_ids else NO_TOPIC)
        for article in corpus.articles
    ]
    coverage = charts.columns_over_time(
        "chart-coverage", "Articles per week by main topic", dated, colours, unit="article"
    )
    as_of = newest_article_date(corpus)
    window = _event_lanes(corpus, names)
    if as_of:
        today = charts.as_date(as_of)
        first, last = _shifted(today, -HOME_PAST_DAYS), _shifted(today, HOME_FUTURE_DAYS)
        window = [(iso, lane) for iso, lane in window if first <= charts.as_date(iso) <= last]
    events = charts.events_on_axis(
        "chart-events", "Recent and coming dated events by topic", window, colours, as_of, unit="event"
    )
    return {"coverage_chart": coverage, "events_chart": events}


def _shifted(day: date, days: int) -> date:
    """`day` moved by `days`, held within the calendar (an article may be dated 9999-12-31)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _event_lanes(corpus: Corpus, names: Mapping[str, str], topic_id: str | None = None) -> list[tuple[str, str]]:
    """(date, topic name) for each event in each of its topics ("no topic" when it has none)."""
    lanes = []
    for event in corpus.events:
        topics = [names[t] for t in event.topics if t in names and (topic_id is None or t == topic_id)]
        if topic_id is None and not topics:
            topics = [NO_TOPIC]
        lanes.extend((event.date, name) for name in topics)
    return lanes


def timeline_chart(corpus: Corpus) -> Markup | None:
    """Every event on one time axis, a lane per topic; after the newest article's date, marked upcoming."""
    names = {topic.id: topic.name for topic in corpus.topics}
    return charts.events_on_axis(
        "chart-timeline", "Dated events by topic", _event_lanes(corpus, names), topic_colours(corpus),
        newest_article_date(corpus), unit="event",
    )


def involvement(topic: Topic, named: Sequence[Named]) -> list[tuple[Named, int]]:
    """Each person or organisation with how many of the topic's articles name them (0 included)."""
    members = set(topic.article_ids)
    return [(item, len(members.intersection(item.article_ids))) for item in named]


def topic_charts(topic: Topic, corpus: Corpus) -> dict[str, Markup | None]:
    """A topic's coverage over time, its outlets, and the people and organisations most involved."""
    colour = topic_colours(corpus)[topic.name]
    members = [corpus.article(article_id) for article_id in topic.article_ids]
    coverage = charts.columns_over_time(
        "chart-topic-coverage", f"Articles on {topic.name} per week",
        [(article.meta.date, topic.name) for article in members], {topic.name: colour},
    )
    outlets = Counter(article.meta.outlet or "unknown outlet" for article in members)
    people = [(person.name, count) for person, count in involvement(topic, corpus.people)]
    organisations = [(organisation.name, count) for organisation, count in involvement(topic, corpus.organisations)]
    return {
        "coverage_chart": coverage,
        "outlets_chart": charts.ranked_bars("chart-outlets", f"Outlets covering {topic.name}", sorted(outlets.items()), colour=colour),
        "people_chart": charts.ranked_bars("chart-people", f"People most involved in {topic.name}", people, colour=colour),
        "organisations_chart": charts.ranked_bars(
            "chart-organisations", f"Organisations most involved in {topic.name}", organisations, colour=colour
        ),
    }


def mentions_chart(name: str, article_ids: Sequence[str], mention_article_ids: Sequence[str], corpus: Corpus) -> Markup | None:
    """How often someone or something is named over time: each sentence naming them counted at its article's
    date; with no such sentence (named only in a headline, say), the articles naming them instead."""
    if mention_article_ids:
        dated = [(corpus.article(article_id).meta.date, name) for article_id in mention_article_ids]
        return charts.columns_over_time(
            "chart-mentions", f"Mentions of {name} over time", dated, {name: charts.PALETTE[0]}, unit="mention"
        )
    dated = [(corpus.article(article_id).meta.date, name) for article_id in article_ids]
    return charts.columns_over_time(
        "chart-mentions", f"Articles naming {name} over time", dated, {name: charts.PALETTE[0]}, unit="article"
    )


def story_charts(story: Story, corpus: Corpus, letters: Mapping[str, str]) -> dict[str, Markup | None]:
    """A sources × facts matrix (facts several report, then checkable claims, then details one source alone
    gives, up to MAX_MATRIX_COLUMNS; differing figures marked) and when each source published."""
    rows = [
        (letters[article_id], f"{letters[article_id]}: {source_label(corpus.article(article_id))}") for article_id in story.article_ids
    ]
    row_of = {article_id: index for index, article_id in enumerate(story.article_ids)}
    columns: list[tuple[str, str]] = []
    cells: set[tuple[int, int]] = set()
    differing: set[tuple[int, int]] = set()
    for fact in story.shared:
        column = len(columns)
        columns.append((f"fact {column + 1}", fact.sentences[0].sentence))
        cells.update((row_of[article_id], column) for article_id in fact.article_ids if article_id in row_of)
        for difference in story.differences:
            if difference.fact == fact:
                differing.update((row_of[article_id], column) for article_id, _ in difference.values if article_id in row_of)
    for claim in story.claims:
        if len(columns) >= charts.MAX_MATRIX_COLUMNS:
            break
        column = len(columns)
        columns.append((claim.value, f"{claim.kind}: {claim.value}"))
        cells.update((row_of[article_id], column) for article_id in claim.article_ids if article_id in row_of)
    for number, citation in enumerate(story.single_source, start=1):
        if len(columns) >= charts.MAX_MATRIX_COLUMNS:
            break
        if citation.article_id in row_of:
            cells.add((row_of[citation.article_id], len(columns)))
            columns.append((f"detail {number}", citation.sentence))
    published = [
        (corpus.article(article_id).meta.date, row)
        for article_id, (_, row) in zip(story.article_ids, rows)
        if corpus.article(article_id).meta.date
    ]
    return {
        "matrix_chart": charts.matrix("chart-matrix", "Which source reports which fact", rows, columns, cells, differing),
        "published_chart": charts.events_on_axis(
            "chart-published", "When each source published", published,
            {row: charts.PALETTE[index % len(charts.PALETTE)] for index, (_, row) in enumerate(rows)}, None, unit="article",
        ),
    }
