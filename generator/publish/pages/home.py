"""The home page: the state of each topic, the next and latest dated events, the newest articles and what's new,
with coverage and events charts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Mapping

from markupsafe import Markup

from generator.config import Config
from generator.model import Corpus, Event, Topic
from generator.publish import charts
from generator.publish.paths import (
    ARTICLES_INDEX,
    PEOPLE_INDEX,
    STORIES_INDEX,
    TAGS,
    TIMELINE,
    TOPICS_INDEX,
    WHATS_NEW,
    front_matter,
    story_path,
    topic_path,
)

from .rows import article_row, merged_event_rows, person_row
from .shared_charts import NO_TOPIC, event_lanes, newest_article_date, topic_colours
from .topic import citations

HOME_EVENTS = 5
HOME_PAST_DAYS = 183  # the home page's event axis: about six months back from the newest article…
HOME_FUTURE_DAYS = 366  # …and a year ahead


def home_context(
    corpus: Corpus, config: Config, topics_by_id: Mapping[str, Topic], whats_new: Mapping[str, Any]
) -> dict[str, Any]:
    dates = sorted(article.meta.date for article in corpus.articles if article.meta.date)
    outlets = sorted({article.meta.outlet for article in corpus.articles if article.meta.outlet})
    topics = []
    for topic in corpus.topics:
        cited = citations(topic, corpus, "")
        topics.append(
            {
                "name": topic.name,
                "href": Markup(topic_path(topic.id)),
                "count": len(topic.article_ids),
                "state": cited[0] if cited else None,
            }
        )
    latest = [article_row(article, "", topics_by_id) for article in corpus.articles[: config.site.latest_articles]]
    return {
        **home_analysis(corpus, topics_by_id, HOME_EVENTS, config.site.own_page_articles),
        **home_charts(corpus),
        "front_matter": front_matter(config.site.title, searched=False),
        "title": config.site.title,
        "article_count": len(corpus.articles),
        "outlet_count": len(outlets),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "undated_count": sum(1 for article in corpus.articles if not article.meta.date),
        "untopical_count": sum(1 for article in corpus.articles if not article.topics),
        "topics": topics,
        "latest": latest,
        "topics_index": Markup(TOPICS_INDEX),
        "articles_index": Markup(ARTICLES_INDEX),
        "tags_page": Markup(TAGS),
        "whats_new": {**whats_new, "added": whats_new["added"][: config.site.latest_articles]},
        "whats_new_page": Markup(WHATS_NEW),
    }


_PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def home_analysis(
    corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int, own_page_articles: int
) -> dict[str, Any]:
    """Return the home page's next and latest dated events, counted from the newest article's date."""
    today = newest_article_date(corpus)
    upcoming: list[Event] = []
    past: list[Event] = []
    for event in corpus.events:
        if today and event.date[: len(today)] > today[: len(event.date)]:
            upcoming.append(event)
        else:
            past.append(event)
    # Exact dates first: a deadline on a day matters more than "next year"; one fact from two sources is one row.
    upcoming.sort(key=lambda event: (_PRECISION_ORDER.get(event.precision, 3), event.date, event.id))
    return {
        "as_of": today,
        "next_events": merged_event_rows(upcoming, corpus, "", topics_by_id, limit),
        "latest_events": merged_event_rows(past, corpus, "", topics_by_id, limit),
        "timeline_page": Markup(TIMELINE),
        "people_index": Markup(PEOPLE_INDEX),
        "stories_index": Markup(STORIES_INDEX),
        "people": [person_row(person, "", own_page_articles) for person in corpus.people[:limit]],
        "stories": [
            {"title": story.title, "href": Markup(story_path(story.id)), "count": len(story.article_ids)}
            for story in corpus.stories[:limit]
        ],
    }


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
    window = event_lanes(corpus, names)
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
