"""What the charts on more than one kind of page count, and the charts they share; `charts` draws them.

Every function here is pure: corpus in, `Markup` (an inline SVG figure) or None out. A topic is coloured by its
place in the taxonomy, so it has the same colour on the home page, the timeline and its own page.
"""

from __future__ import annotations

from typing import Mapping, Sequence, TypeVar

from markupsafe import Markup

from generator.model import Corpus, Organisation, Person, Topic
from generator.publish import charts

Named = TypeVar("Named", Person, Organisation)

NO_TOPIC = "no topic"


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


def event_lanes(corpus: Corpus, names: Mapping[str, str], topic_id: str | None = None) -> list[tuple[str, str]]:
    """(date, topic name) for each event in each of its topics ("no topic" when it has none)."""
    lanes = []
    for event in corpus.events:
        topics = [names[t] for t in event.topics if t in names and (topic_id is None or t == topic_id)]
        if topic_id is None and not topics:
            topics = [NO_TOPIC]
        lanes.extend((event.date, name) for name in topics)
    return lanes


def involvement(topic: Topic, named: Sequence[Named]) -> list[tuple[Named, int]]:
    """Each person or organisation with how many of the topic's articles name them (0 included)."""
    members = set(topic.article_ids)
    return [(item, len(members.intersection(item.article_ids))) for item in named]


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
