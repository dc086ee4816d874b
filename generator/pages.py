"""Turn the corpus into pages: where each goes, which template renders it, and what it is given."""

from __future__ import annotations

from typing import Any, Mapping

from markupsafe import Markup

from .config import Config
from .model import Article, Corpus, Page, Topic
from .analysis_pages import (
    article_analysis,
    home_analysis,
    people_index_context,
    source_label,
    person_context,
    stories_index_context,
    story_context,
    timeline_context,
    topic_analysis,
)
from .paths import (
    ARTICLES_INDEX,
    HOME,
    PEOPLE_INDEX,
    STORIES_INDEX,
    TIMELINE,
    TAGS,
    TOPICS_INDEX,
    article_path,
    article_row,
    front_matter,
    person_path,
    story_path,
    topic_path,
)
from .text import SAFE_URL

HOME_EVENTS = 5


def build_pages(corpus: Corpus, config: Config) -> tuple[Page, ...]:
    """Return every generated page: home, tags, topic index and pages, article index and pages."""
    topics_by_id = {topic.id: topic for topic in corpus.topics}
    pages = [
        Page(HOME, "home.md.j2", _home_context(corpus, config, topics_by_id)),
        Page(TAGS, "tags.md.j2", {"front_matter": {"title": "Tags"}}),
        Page(TOPICS_INDEX, "topics_index.md.j2", _topics_index_context(corpus)),
        Page(ARTICLES_INDEX, "articles_index.md.j2", _articles_index_context(corpus, topics_by_id)),
        Page(TIMELINE, "timeline.md.j2", timeline_context(corpus, topics_by_id)),
        Page(PEOPLE_INDEX, "people_index.md.j2", people_index_context(corpus, topics_by_id)),
        Page(STORIES_INDEX, "stories_index.md.j2", stories_index_context(corpus)),
    ]
    for person in corpus.people:
        pages.append(
            Page(person_path(person.id), "person.md.j2", person_context(person, corpus, topics_by_id),
                 f"the page of the person {person.name!r}")
        )
    for story in corpus.stories:
        pages.append(Page(story_path(story.id), "story.md.j2", story_context(story, corpus), f"the story {story.title!r}"))
    for topic in corpus.topics:
        pages.append(
            Page(topic_path(topic.id), "topic.md.j2", _topic_context(topic, corpus, topics_by_id), f"the topic {topic.id!r}")
        )
    for article in corpus.articles:
        pages.append(
            Page(article_path(article.id), "article.md.j2", _article_context(article, corpus, topics_by_id),
                 f"the article from seeds/{article.source_path}")
        )
    return tuple(pages)


def _citations(topic: Topic, corpus: Corpus, base: str) -> list[dict[str, Any]]:
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


def _home_context(corpus: Corpus, config: Config, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    dates = sorted(article.meta.date for article in corpus.articles if article.meta.date)
    outlets = sorted({article.meta.outlet for article in corpus.articles if article.meta.outlet})
    topics = []
    for topic in corpus.topics:
        citations = _citations(topic, corpus, "")
        topics.append(
            {
                "name": topic.name,
                "href": Markup(topic_path(topic.id)),
                "count": len(topic.article_ids),
                "state": citations[0] if citations else None,
            }
        )
    latest = [article_row(article, "", topics_by_id) for article in corpus.articles[: config.site.latest_articles]]
    return {
        **home_analysis(corpus, topics_by_id, HOME_EVENTS),
        "front_matter": front_matter(config.site.title),
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
    }


def _topics_index_context(corpus: Corpus) -> dict[str, Any]:
    return {
        "front_matter": front_matter("Topics"),
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


def _articles_index_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    return {
        "front_matter": front_matter("All articles"),
        "articles": [article_row(article, "../", topics_by_id) for article in corpus.articles],
    }


def _topic_context(topic: Topic, corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    return {
        **topic_analysis(topic, corpus, topics_by_id),
        "front_matter": front_matter(topic.name, topic.description, [topic.name]),
        "name": topic.name,
        "description": topic.description,
        "synthesis": _citations(topic, corpus, "../"),
        "articles": [article_row(corpus.article(article_id), "../", topics_by_id) for article_id in topic.article_ids],
        "related": [
            {"name": topics_by_id[other].name, "href": Markup(f"{other}.md"), "shared": shared}
            for other, shared in topic.related
        ],
        "home": Markup("../" + HOME),
    }


def _article_context(article: Article, corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    meta = article.meta
    original = None
    if meta.url and SAFE_URL.match(meta.url):
        original = Markup('<a href="{}" rel="noopener nofollow">original article</a>').format(meta.url)
    topics = []
    for evidence in article.topics:
        topics.append(
            {
                "name": topics_by_id[evidence.topic_id].name,
                "href": Markup("../" + topic_path(evidence.topic_id)),
                "score": f"{evidence.score:g}",
                "origin": evidence.origin,
                "terms": [{"term": term, "count": count} for term, count in evidence.terms],
                "sentences": list(evidence.sentences),
            }
        )
    return {
        **article_analysis(article, corpus, topics_by_id),
        "front_matter": front_matter(
            meta.title, article.summary, [topics_by_id[topic_id].name for topic_id in article.topic_ids]
        ),
        "title": meta.title,
        "title_origin": meta.title_origin,
        "date": meta.date or "unknown",
        "date_origin": meta.date_origin,
        "outlet": meta.outlet or "unknown",
        "author": meta.author,
        "dateline": meta.dateline,
        "original": original,
        "source_path": article.source_path,
        "standfirst": meta.standfirst,
        "summary": article.summary,
        "topics": topics,
        "paragraphs": list(article.paragraphs),
        "removed_count": len(article.removed),
        "related": [article_row(corpus.article(other), "../", topics_by_id) for other in corpus.related.get(article.id, ())],
        "articles_index": Markup("index.md"),
    }
