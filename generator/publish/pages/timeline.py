"""The timeline: every dated event, newest first, grouped by month, on one chart with a lane per topic.

A long timeline is cut into parts by year and month (pages/parts.py): the timeline page keeps the chart, the list
of parts and the newest part; every other part is a page of its own under timeline/.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from markupsafe import Markup

from generator.model import Article, Corpus, Event, Page, Topic
from generator.publish import charts
from generator.publish.paths import TIMELINE, front_matter, topic_path

from .parts import Part, part_navigation, split_by_period
from .rows import event_row, grouped_by_month
from .shared_charts import event_lanes, newest_article_date, topic_colours

TIMELINE_PARTS = "timeline"  # folder of the timeline's other parts


def timeline_part_path(key: str) -> str:
    """Return the docs-relative path of one part of a long timeline."""
    return f"{TIMELINE_PARTS}/{key}.md"


def timeline_pages(corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int) -> list[Page]:
    """Return the timeline page and, for a timeline longer than `limit` events, a page per further part."""
    parts = split_by_period(corpus.events, lambda event: event.date, limit)
    pages = [Page(TIMELINE, "timeline.md.j2", timeline_context(corpus, topics_by_id, parts))]
    for number, part in enumerate(parts[1:], start=1):
        pages.append(Page(timeline_part_path(part.key), "timeline_part.md.j2",
                          _part_context(part, parts, number, corpus, topics_by_id)))
    return pages


def _href(part: Part, parts: Sequence[Part]) -> Markup:
    """Where a part is read, from the timeline page: the newest there, the others on their own pages."""
    return Markup(TIMELINE if part is parts[0] else timeline_part_path(part.key))


def timeline_context(
    corpus: Corpus, topics_by_id: Mapping[str, Topic], parts: Sequence[Part]
) -> dict[str, Any]:
    """Return the context of the timeline page: the chart, the parts, and the newest part's events by month."""
    unresolved = _unresolved_count(corpus.articles)
    return {
        "front_matter": front_matter("Timeline", "Every dated event the articles mention, newest first.", searched=False),
        "months": _months(parts[0].rows, corpus, "", topics_by_id),
        **(part_navigation(parts, 0, lambda part: _href(part, parts)) if len(parts) > 1
           else {"part_groups": [], "older": None, "newer": None}),
        "first_label": parts[0].label,
        "chart": timeline_chart(corpus),
        "count": len(corpus.events),
        "ambiguous": sum(1 for event in corpus.events if event.ambiguous),
        "unresolved": unresolved,
        "topics": [
            {"name": topic.name, "href": Markup(topic_path(topic.id) + "#timeline"), "count": sum(1 for e in corpus.events if topic.id in e.topics)}
            for topic in corpus.topics
        ],
    }


def _part_context(
    part: Part, parts: Sequence[Part], number: int, corpus: Corpus, topics_by_id: Mapping[str, Topic]
) -> dict[str, Any]:
    """One further part of a long timeline: its events by month, and links to the newer and older parts."""
    def href(other: Part) -> Markup:
        return Markup("../" + TIMELINE if other is parts[0] else f"{other.key}.md")

    return {
        "front_matter": front_matter(f"Timeline: {part.label}", f"Dated events of {part.label}, newest first.", searched=False),
        "label": part.label,
        "timeline": Markup("../" + TIMELINE),
        **part_navigation(parts, number, href),
        "count": len(part.rows),
        "months": _months(part.rows, corpus, "../", topics_by_id),
    }


def _months(events: Sequence[Event], corpus: Corpus, base: str, topics_by_id: Mapping[str, Topic]) -> list[dict[str, Any]]:
    return grouped_by_month([event_row(event, corpus, base, topics_by_id) for event in events])


def _unresolved_count(articles: Sequence[Article]) -> int:
    return sum(1 for article in articles for dated in article.dated for mention in dated.mentions if not mention.value)


def timeline_chart(corpus: Corpus) -> Markup | None:
    """Every event on one time axis, a lane per topic; after the newest article's date, marked upcoming."""
    names = {topic.id: topic.name for topic in corpus.topics}
    return charts.events_on_axis(
        "chart-timeline", "Dated events by topic", event_lanes(corpus, names), topic_colours(corpus),
        newest_article_date(corpus), unit="event",
    )
