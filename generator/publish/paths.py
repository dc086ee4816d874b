"""Where each generated page lives, its site URL, and the small helpers every page context shares."""

from __future__ import annotations

from typing import Any


from generator.model import Article, Organisation, Person
from generator.publish.render import escape_html_text
from generator.text import shorten

HOME = "index.md"
TAGS = "tags.md"
WHATS_NEW = "whats-new.md"
TOPICS_INDEX = "topics/index.md"
ARTICLES_INDEX = "articles/index.md"
TIMELINE = "timeline.md"
PEOPLE_INDEX = "people/index.md"
ORGANISATIONS_INDEX = "organisations/index.md"
STORIES_INDEX = "stories/index.md"
DESCRIPTION_LIMIT = 200


def source_label(article: Article) -> str:
    """Return how a list or chart names an article's source: its outlet, else its title."""
    return article.meta.outlet or shorten(article.meta.title, 60)


def article_path(article_id: str) -> str:
    """Return the docs-relative path of an article page."""
    return f"articles/{article_id}.md"


def topic_path(topic_id: str) -> str:
    """Return the docs-relative path of a topic page."""
    return f"topics/{topic_id}.md"


def person_path(person_id: str) -> str:
    """Return the docs-relative path of a person page."""
    return f"people/{person_id}.md"


def organisation_path(organisation_id: str) -> str:
    """Return the docs-relative path of an organisation page."""
    return f"organisations/{organisation_id}.md"


def story_path(story_id: str) -> str:
    """Return the docs-relative path of a story page."""
    return f"stories/{story_id}.md"


def has_own_page(entity: Person | Organisation, own_page_articles: int) -> bool:
    """Whether a person or organisation gets a page: when at least `own_page_articles` articles name them.

    Most names in a year of news occur in one article; their page would repeat that article's sentences, and
    thousands of such pages would double the build. They are listed on the index and on their article instead.
    """
    return len(entity.article_ids) >= own_page_articles


def person_href(person: Person, own_page_articles: int) -> str:
    """Where a person is read about (docs-relative): their page, else the People section of their one article."""
    if has_own_page(person, own_page_articles):
        return person_path(person.id)
    return article_path(person.article_ids[0]) + "#people"


def organisation_href(organisation: Organisation, own_page_articles: int) -> str:
    """Where an organisation is read about: its page, else the Organisations section of its one article."""
    if has_own_page(organisation, own_page_articles):
        return organisation_path(organisation.id)
    return article_path(organisation.article_ids[0]) + "#organisations"


def html_path(markdown_path: str) -> str:
    """Return the site-relative URL MkDocs gives a page (`use_directory_urls: false`)."""
    return markdown_path[: -len(".md")] + ".html"


def front_matter(
    title: str, description: str | None = None, tags: list[str] | None = None, searched: bool = True
) -> dict[str, Any]:
    """Return a page's front matter. `searched=False` keeps the page out of the search index (Material's
    `search: exclude`): pages that only list or repeat what other pages say would double the index and every hit."""
    # The theme prints these into <title>, <meta content="…"> and tag listings without escaping: escape here.
    front: dict[str, Any] = {"title": escape_html_text(title)}
    if description:
        front["description"] = escape_html_text(shorten(description, DESCRIPTION_LIMIT), quote=True)
    if tags:
        front["tags"] = [escape_html_text(tag) for tag in tags]
    if not searched:
        front["search"] = {"exclude": True}
    return front
