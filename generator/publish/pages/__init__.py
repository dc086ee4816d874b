"""Every page of the site: where each goes, which template renders it, and the context its page kind builds."""

from __future__ import annotations

from typing import Mapping

from generator.config import Config
from generator.model import Corpus, Page, Story
from generator.publish.changes import ArticleEntry, Changes

from .article import article_context
from .home import home_context
from .indexes import (
    articles_index_pages,
    organisations_index_pages,
    people_index_pages,
    stories_index_pages,
    topics_index_context,
)

from .organisation import organisation_context
from generator.publish.paths import (
    HOME,
    TAGS,
    TOPICS_INDEX,
    WHATS_NEW,
    article_path,
    front_matter,
    has_own_page,
    organisation_path,
    person_path,
    story_path,
    topic_path,
)
from .moved import moved_context
from .person import person_context
from .story import story_context
from .timeline import timeline_pages
from .topic import topic_context
from .whats_new import whats_new_context


def build_pages(
    corpus: Corpus,
    config: Config,
    changes: Changes,
    moved: Mapping[str, ArticleEntry] | None = None,
    moved_stories: Mapping[str, Story] | None = None,
) -> tuple[Page, ...]:
    """Return every generated page: home, what's new, tags, the index pages, a page per topic, person, story and
    article, and a redirect page at each article or story address that moved (`moved`: old id -> the article now;
    `moved_stories`: old id -> the story now)."""
    topics_by_id = {topic.id: topic for topic in corpus.topics}
    whats_new = whats_new_context(corpus, changes, topics_by_id, config.site.listing_limit)
    pages = [
        Page(HOME, "home.md.j2", home_context(corpus, config, topics_by_id, whats_new)),
        Page(WHATS_NEW, "whats_new.md.j2", whats_new),
        Page(TAGS, "tags.md.j2", {"front_matter": front_matter("Tags", searched=False)}),
        Page(TOPICS_INDEX, "topics_index.md.j2", topics_index_context(corpus)),
        *articles_index_pages(corpus, topics_by_id, config.site.listing_limit),
        *timeline_pages(corpus, topics_by_id, config.site.listing_limit),
        *people_index_pages(corpus, topics_by_id, config.site.listing_limit, config.site.own_page_articles),
        *organisations_index_pages(corpus, topics_by_id, config.site.listing_limit, config.site.own_page_articles),
        *stories_index_pages(corpus, config.site.listing_limit),
    ]
    own = config.site.own_page_articles
    for person in (person for person in corpus.people if has_own_page(person, own)):
        pages.append(
            Page(person_path(person.id), "person.md.j2", person_context(person, corpus, topics_by_id, config.site.listing_limit),
                 f"the page of the person {person.name!r}", _sources(corpus, person.article_ids))
        )
    for organisation in (organisation for organisation in corpus.organisations if has_own_page(organisation, own)):
        pages.append(
            Page(organisation_path(organisation.id), "organisation.md.j2",
                 organisation_context(organisation, corpus, topics_by_id, config.site.listing_limit),
                 f"the page of the organisation {organisation.name!r}", _sources(corpus, organisation.article_ids))
        )
    for story in corpus.stories:
        pages.append(Page(story_path(story.id), "story.md.j2", story_context(story, corpus), f"the story {story.title!r}",
                          _sources(corpus, story.article_ids)))
    for topic in corpus.topics:
        pages.append(
            Page(topic_path(topic.id), "topic.md.j2", topic_context(topic, corpus, topics_by_id, config.site), f"the topic {topic.id!r}",
                 _sources(corpus, topic.article_ids))
        )
    for article in corpus.articles:
        pages.append(
            Page(article_path(article.id), "article.md.j2", article_context(article, corpus, topics_by_id, own),
                 f"the article from seeds/{article.source_path}", (article.source_path,))
        )
    for old_id, entry in sorted((moved or {}).items()):
        pages.append(
            Page(article_path(old_id), "moved.md.j2", moved_context("article", entry.title, article_path(entry.id)),
                 f"the old address of the article from seeds/{entry.source}", (entry.source,))
        )
    for old_id, story in sorted((moved_stories or {}).items()):
        pages.append(
            Page(story_path(old_id), "moved.md.j2", moved_context("story", story.title, story_path(story.id)),
                 f"the old address of the story {story.title!r}", _sources(corpus, story.article_ids))
        )
    return tuple(pages)


def _sources(corpus: Corpus, article_ids) -> tuple[str, ...]:
    return tuple(sorted(corpus.article(article_id).source_path for article_id in article_ids))
