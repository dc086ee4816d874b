"""The listing pages: topics, all articles, people, organisations and stories (all kept out of the search index,
since each entry repeats what its own page says)."""

from __future__ import annotations

from typing import Any, Mapping

from markupsafe import Markup

from generator.model import Corpus, Topic
from generator.publish.paths import front_matter, source_label

from .rows import article_row, organisation_row, person_row, topic_links


def topics_index_context(corpus: Corpus) -> dict[str, Any]:
    return {
        "front_matter": front_matter("Topics", searched=False),
        "topics": [
            {
                "name": topic.name,
                "description": topic.description,
                "href": Markup(f"{topic.id}.md"),
                "count": len(topic.article_ids),
            }
            for topic in corpus.topics
        ],
    }


def articles_index_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    return {
        "front_matter": front_matter("All articles", searched=False),
        "articles": [article_row(article, "../", topics_by_id) for article in corpus.articles],
    }


def people_index_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the context of the who's who page."""
    rows = []
    for person in corpus.people:
        row = person_row(person, "")
        row["href"] = Markup(f"{person.id}.md")
        row["topics"] = topic_links(person.topics, topics_by_id, "../")
        rows.append(row)
    return {"front_matter": front_matter("People", "Who's who: everyone the articles name.", searched=False), "people": rows}


def organisations_index_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the context of the organisations index."""
    rows = []
    for organisation in corpus.organisations:
        row = organisation_row(organisation, "../", topics_by_id)
        row["href"] = Markup(f"{organisation.id}.md")
        rows.append(row)
    return {
        "front_matter": front_matter(
            "Organisations", "Companies, government bodies and international bodies the articles name.", searched=False
        ),
        "organisations": rows,
    }


def stories_index_context(corpus: Corpus) -> dict[str, Any]:
    """Return the context of the stories page."""
    stories = []
    for story in corpus.stories:
        members = [corpus.article(article_id) for article_id in story.article_ids]
        dates = sorted(article.meta.date for article in members if article.meta.date)
        stories.append(
            {
                "title": story.title,
                "href": Markup(f"{story.id}.md"),
                "count": len(members),
                "sources": [source_label(article) for article in members],
                "dates": f"{dates[0]} to {dates[-1]}" if len(set(dates)) > 1 else (dates[0] if dates else "undated"),
                "agreed": len(story.shared),
            }
        )
    return {
        "front_matter": front_matter("Stories", "Events covered by several articles, compared source by source.", searched=False),
        "stories": stories,
    }
