"""Turn the corpus into pages: where each goes, which template renders it, and what it is given."""

from __future__ import annotations

import html
from typing import Any, Mapping

from markupsafe import Markup

from .changes import ArticleEntry, Changes
from .config import Config
from .feeds import ATOM_FEED, RSS_FEED
from .model import Article, Corpus, Page, Topic
from .analysis_pages import (
    article_analysis,
    home_analysis,
    organisation_context,
    organisations_index_context,
    people_index_context,
    person_context,
    stories_index_context,
    story_context,
    timeline_context,
    topic_analysis,
)
from .page_charts import home_charts, topic_charts
from .paths import (
    ARTICLES_INDEX,
    HOME,
    ORGANISATIONS_INDEX,
    PEOPLE_INDEX,
    STORIES_INDEX,
    TIMELINE,
    TAGS,
    TOPICS_INDEX,
    WHATS_NEW,
    article_path,
    article_row,
    front_matter,
    html_path,
    organisation_path,
    person_path,
    source_label,
    story_path,
    topic_path,
)
from .text import SAFE_URL, shown_name

HOME_EVENTS = 5


def build_pages(
    corpus: Corpus, config: Config, changes: Changes, moved: Mapping[str, ArticleEntry] | None = None
) -> tuple[Page, ...]:
    """Return every generated page: home, what's new, tags, the index pages, a page per topic, person, story and
    article, and a redirect page at each article address that moved (`moved`: old id -> the article now)."""
    topics_by_id = {topic.id: topic for topic in corpus.topics}
    whats_new = _whats_new_context(corpus, changes, topics_by_id)
    pages = [
        Page(HOME, "home.md.j2", _home_context(corpus, config, topics_by_id, whats_new)),
        Page(WHATS_NEW, "whats_new.md.j2", whats_new),
        Page(TAGS, "tags.md.j2", {"front_matter": front_matter("Tags", searched=False)}),
        Page(TOPICS_INDEX, "topics_index.md.j2", _topics_index_context(corpus)),
        Page(ARTICLES_INDEX, "articles_index.md.j2", _articles_index_context(corpus, topics_by_id)),
        Page(TIMELINE, "timeline.md.j2", timeline_context(corpus, topics_by_id)),
        Page(PEOPLE_INDEX, "people_index.md.j2", people_index_context(corpus, topics_by_id)),
        Page(ORGANISATIONS_INDEX, "organisations_index.md.j2", organisations_index_context(corpus, topics_by_id)),
        Page(STORIES_INDEX, "stories_index.md.j2", stories_index_context(corpus)),
    ]
    for person in corpus.people:
        pages.append(
            Page(person_path(person.id), "person.md.j2", person_context(person, corpus, topics_by_id),
                 f"the page of the person {person.name!r}", _sources(corpus, person.article_ids))
        )
    for organisation in corpus.organisations:
        pages.append(
            Page(organisation_path(organisation.id), "organisation.md.j2",
                 organisation_context(organisation, corpus, topics_by_id),
                 f"the page of the organisation {organisation.name!r}", _sources(corpus, organisation.article_ids))
        )
    for story in corpus.stories:
        pages.append(Page(story_path(story.id), "story.md.j2", story_context(story, corpus), f"the story {story.title!r}",
                          _sources(corpus, story.article_ids)))
    for topic in corpus.topics:
        pages.append(
            Page(topic_path(topic.id), "topic.md.j2", _topic_context(topic, corpus, topics_by_id), f"the topic {topic.id!r}",
                 _sources(corpus, topic.article_ids))
        )
    for article in corpus.articles:
        pages.append(
            Page(article_path(article.id), "article.md.j2", _article_context(article, corpus, topics_by_id),
                 f"the article from seeds/{article.source_path}", (article.source_path,))
        )
    for old_id, entry in sorted((moved or {}).items()):
        pages.append(
            Page(article_path(old_id), "moved.md.j2", _moved_context(entry),
                 f"the old address of the article from seeds/{entry.source}", (entry.source,))
        )
    return tuple(pages)


def _moved_context(entry: ArticleEntry) -> dict[str, Any]:
    """A page at an article's old address: a redirect (same folder) and a link for a browser that does not follow."""
    target = html_path(article_path(entry.id)).rsplit("/", 1)[-1]
    return {
        "front_matter": front_matter(f"Moved: {entry.title}", searched=False),
        "title": entry.title,
        "href": Markup(article_path(entry.id).rsplit("/", 1)[-1]),
        "url": Markup(html.escape(target, quote=True)),
    }


def _sources(corpus: Corpus, article_ids) -> tuple[str, ...]:
    return tuple(sorted(corpus.article(article_id).source_path for article_id in article_ids))


def _whats_new_context(corpus: Corpus, changes: Changes, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return what the what's-new page shows; the home page shows its head."""
    return {
        "front_matter": front_matter("What's new", "Articles added and removed by the latest build", searched=False),
        "first_build": changes.previous_count is None,
        "previous_count": changes.previous_count,
        "article_count": len(corpus.articles),
        "added": [article_row(corpus.article(entry.id), "", topics_by_id) for entry in changes.added],
        "removed": [
            {"title": entry.title, "date": entry.date or "undated", "outlet": entry.outlet or "unknown outlet",
             "source": entry.source}
            for entry in changes.removed
        ],
        "atom_feed": Markup(ATOM_FEED),
        "rss_feed": Markup(RSS_FEED),
        "articles_index": Markup(ARTICLES_INDEX),
    }


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


def _home_context(
    corpus: Corpus, config: Config, topics_by_id: Mapping[str, Topic], whats_new: Mapping[str, Any]
) -> dict[str, Any]:
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
        "whats_new": {**whats_new, "added": whats_new["added"][: config.site.latest_articles],
                      "added_count": len(whats_new["added"]), "removed_count": len(whats_new["removed"])},
        "whats_new_page": Markup(WHATS_NEW),
    }


def _topics_index_context(corpus: Corpus) -> dict[str, Any]:
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


def _articles_index_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    return {
        "front_matter": front_matter("All articles", searched=False),
        "articles": [article_row(article, "../", topics_by_id) for article in corpus.articles],
    }


def _topic_context(topic: Topic, corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    return {
        **topic_analysis(topic, corpus, topics_by_id),
        **topic_charts(topic, corpus),
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
    copies = [
        {
            "outlet": copy.outlet or "unknown outlet",
            "date": copy.date or "undated",
            "title": copy.title,
            "seed": copy.source_path,
            "link": Markup('<a href="{}" rel="noopener nofollow">{}</a>').format(copy.url, copy.url)
            if copy.url and SAFE_URL.match(copy.url) else None,
            "added": list(copy.added),
            "dropped": list(copy.dropped),
        }
        for copy in corpus.copies.get(article.id, ())
    ]
    return {
        **article_analysis(article, corpus, topics_by_id),
        "copies": copies,
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
        "source_path": shown_name(article.source_path),
        "standfirst": meta.standfirst,
        "summary": article.summary,
        "topics": topics,
        "paragraphs": list(article.paragraphs),
        "removed_count": len(article.removed),
        "related": [article_row(corpus.article(other), "../", topics_by_id) for other in corpus.related.get(article.id, ())],
        "articles_index": Markup("index.md"),
    }
