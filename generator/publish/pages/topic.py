"""A topic's page: its synthesis with citations, timeline, people most involved, articles and related topics, with
coverage, outlets, people and organisations charts (the topic handout carries the same charts)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from markupsafe import Markup

from generator.config import SiteConfig
from generator.model import Corpus, Topic
from generator.publish import charts
from generator.publish.paths import (
    ARTICLES_INDEX, HOME, PEOPLE_INDEX, TIMELINE, article_path, front_matter, organisation_href, source_label,
)

from .rows import article_row, event_row, grouped_by_month, person_row
from .shared_charts import involvement, topic_colours

TOPIC_PEOPLE_LIMIT = 12


def topic_context(topic: Topic, corpus: Corpus, topics_by_id: Mapping[str, Topic], site: SiteConfig) -> dict[str, Any]:
    """A topic page's context. Its lists stop at `site.listing_limit` entries, newest first (the timeline and the
    list of all articles hold the rest), so a topic of thousands of articles is still a page that opens."""
    articles = [article_row(corpus.article(article_id), "../", topics_by_id) for article_id in topic.article_ids[: site.listing_limit]]
    return {
        **topic_analysis(topic, corpus, topics_by_id, site),
        **topic_charts(topic, corpus, site.own_page_articles),
        "front_matter": front_matter(topic.name, topic.description, [topic.name]),
        "name": topic.name,
        "description": topic.description,
        "synthesis": citations(topic, corpus, "../"),
        "articles": articles,
        "article_count": len(topic.article_ids),
        "articles_index": Markup("../" + ARTICLES_INDEX),
        "related": [
            {"name": topics_by_id[other].name, "href": Markup(f"{other}.md"), "shared": shared}
            for other, shared in topic.related
        ],
        "home": Markup("../" + HOME),
    }


def topic_analysis(topic: Topic, corpus: Corpus, topics_by_id: Mapping[str, Topic], site: SiteConfig) -> dict[str, Any]:
    """Return a topic page's timeline (its events, newest first, by month) and the people most involved."""
    events = [event for event in corpus.events if topic.id in event.topics]
    rows = [event_row(event, corpus, "../", topics_by_id) for event in events[: site.listing_limit]]
    involved = sorted(
        ((person, count) for person, count in involvement(topic, corpus.people) if count),
        key=lambda pair: (-pair[1], -len(pair[0].mentions), pair[0].name),
    )
    people = [person for person, _ in involved]
    return {
        "timeline": grouped_by_month(rows),
        "event_count": len(events),
        "events_shown": len(rows),
        "people": [person_row(person, "../", site.own_page_articles) for person in people[:TOPIC_PEOPLE_LIMIT]],
        "more_people": max(0, len(people) - TOPIC_PEOPLE_LIMIT),
        "timeline_page": Markup("../" + TIMELINE),
        "people_index": Markup("../" + PEOPLE_INDEX),
    }


def citations(topic: Topic, corpus: Corpus, base: str) -> list[dict[str, Any]]:
    cited = []
    for citation in topic.synthesis:
        article = corpus.article(citation.article_id)
        cited.append(
            {
                "sentence": citation.sentence,
                "href": Markup(base + article_path(article.id)),
                "source": source_label(article),
                "date": article.meta.date or "undated",
            }
        )
    return cited


def topic_charts(topic: Topic, corpus: Corpus, own_page_articles: int) -> dict[str, Markup | None]:
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
        # What a chart too small to draw would have shown, in words.
        "outlet_counts": sorted(outlets.items(), key=lambda item: (-item[1], item[0])),
        "organisation_rows": [
            {"name": organisation.name, "href": Markup("../" + organisation_href(organisation, own_page_articles)), "count": count}
            for organisation, count in sorted(involvement(topic, corpus.organisations),
                                              key=lambda pair: (-pair[1], pair[0].name.casefold()))
            if count
        ][:TOPIC_PEOPLE_LIMIT],
    }
