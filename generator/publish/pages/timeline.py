"""The timeline page: every dated event, newest first, grouped by month, on one chart with a lane per topic."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from markupsafe import Markup

from generator.model import Article, Corpus, Topic
from generator.publish import charts
from generator.publish.paths import front_matter, topic_path

from .rows import event_row, grouped_by_month
from .shared_charts import event_lanes, newest_article_date, topic_colours


def timeline_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the context of the timeline page: every event, newest first, grouped by month."""
    rows = [event_row(event, corpus, "", topics_by_id) for event in corpus.events]
    unresolved = _unresolved_count(corpus.articles)
    return {
        "front_matter": front_matter("Timeline", "Every dated event the articles mention, newest first.", searched=False),
        "months": grouped_by_month(rows),
        "chart": timeline_chart(corpus),
        "count": len(rows),
        "ambiguous": sum(1 for event in corpus.events if event.ambiguous),
        "unresolved": unresolved,
        "topics": [
            {"name": topic.name, "href": Markup(topic_path(topic.id) + "#timeline"), "count": sum(1 for e in corpus.events if topic.id in e.topics)}
            for topic in corpus.topics
        ],
    }


def _unresolved_count(articles: Sequence[Article]) -> int:
    return sum(1 for article in articles for dated in article.dated for mention in dated.mentions if not mention.value)


def timeline_chart(corpus: Corpus) -> Markup | None:
    """Every event on one time axis, a lane per topic; after the newest article's date, marked upcoming."""
    names = {topic.id: topic.name for topic in corpus.topics}
    return charts.events_on_axis(
        "chart-timeline", "Dated events by topic", event_lanes(corpus, names), topic_colours(corpus),
        newest_article_date(corpus), unit="event",
    )
