"""The listing pages: topics, all articles, people, organisations and stories (all kept out of the search index,
since each entry repeats what its own page says)."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from markupsafe import Markup

from generator.model import Corpus, Page, Story, Topic
from generator.publish.paths import (
    ARTICLES_INDEX, ORGANISATIONS_INDEX, PEOPLE_INDEX, STORIES_INDEX, front_matter, source_label, story_path,
)

from .parts import Part, part_links, part_navigation, split_by_letter, split_by_period
from .rows import article_row, organisation_row, person_row, topic_links

BY_PERIOD = "by-period"  # articles/by-period/2026-03.md: one part of a long list of articles
BY_LETTER = "by-letter"  # people/by-letter/a.md: the people (or organisations) whose name starts with A


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


def articles_index_pages(corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int) -> list[Page]:
    """The list of all articles, newest first (cut by period past `limit`, see _period_pages)."""
    parts = split_by_period(corpus.articles, lambda article: article.meta.date or "", limit)
    return _period_pages(
        ARTICLES_INDEX, "articles", parts, lambda article, base: article_row(article, base, topics_by_id),
        {"front_matter": front_matter("All articles", searched=False), "count": len(corpus.articles)}, "Articles",
    )


def _period_pages(
    index: str, kind: str, parts: list[Part], row_of: Callable[[Any, str], dict[str, Any]], context: dict[str, Any],
    title: str,
) -> list[Page]:
    """A listing's index page holding its newest part and, when it has several, a page per other part under
    <folder>/by-period/, each linking to the newer and older ones."""
    folder = index.rsplit("/", 1)[0]

    def href(part: Part) -> Markup:  # from a part's page
        return Markup("../index.md" if part is parts[0] else f"{part.key}.md")

    navigation = part_navigation(parts, 0, lambda part: Markup("index.md" if part is parts[0] else f"{BY_PERIOD}/{part.key}.md"))
    pages = [Page(index, f"{kind}_index.md.j2", {
        **context,
        kind: [row_of(row, "../") for row in parts[0].rows],
        "first_label": parts[0].label,
        **(navigation if len(parts) > 1 else {"part_groups": [], "older": None, "newer": None}),
    })]
    for number, part in enumerate(parts[1:], start=1):
        pages.append(Page(f"{folder}/{BY_PERIOD}/{part.key}.md", f"{kind}_part.md.j2", {
            "front_matter": front_matter(f"{title}: {part.label}", searched=False),
            "label": part.label,
            "index": Markup("../index.md"),
            kind: [row_of(row, "../../") for row in part.rows],
            **part_navigation(parts, number, href),
        }))
    return pages


def people_index_pages(corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int, own_page_articles: int) -> list[Page]:
    """The who's who, most cited first; past `limit` people the index keeps the most cited and every person is
    listed by name on a page per letter."""
    rows = []
    for person in corpus.people:
        row = person_row(person, "../", own_page_articles)
        row["topics"] = topic_links(person.topics, topics_by_id, "../")
        rows.append(row)
    front = front_matter("People", "Who's who: everyone the articles name.", searched=False)
    return _lettered_pages(PEOPLE_INDEX, "people", front, rows, limit)


def organisations_index_pages(
    corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int, own_page_articles: int
) -> list[Page]:
    """The organisations, most cited first; past `limit` the index keeps the most cited and every organisation is
    listed by name on a page per letter."""
    rows = []
    for organisation in corpus.organisations:
        row = organisation_row(organisation, "../", topics_by_id, own_page_articles)
        rows.append(row)
    front = front_matter(
        "Organisations", "Companies, government bodies and international bodies the articles name.", searched=False
    )
    return _lettered_pages(ORGANISATIONS_INDEX, "organisations", front, rows, limit)


def _lettered_pages(index: str, kind: str, front: dict[str, Any], rows: list[dict[str, Any]], limit: int) -> list[Page]:
    """An index of the first `limit` rows and, when there are more, a page per letter listing every row by name."""
    template = f"{kind}_index.md.j2"
    if len(rows) <= limit:
        return [Page(index, template, {"front_matter": front, kind: rows, "letters": [], "count": len(rows)})]
    by_name = sorted(rows, key=lambda row: (str(row["name"]).casefold(), str(row["href"])))
    parts = split_by_letter(by_name, lambda row: str(row["name"]), limit)
    pages = [Page(index, template, {
        "front_matter": front, kind: rows[:limit], "count": len(rows),
        "letters": part_links(parts, lambda part: Markup(f"{BY_LETTER}/{part.key}.md")),
    })]
    folder = index.rsplit("/", 1)[0]
    title = front["title"]
    for number, part in enumerate(parts):
        pages.append(Page(f"{folder}/{BY_LETTER}/{part.key}.md", f"{kind}_part.md.j2", {
            "front_matter": front_matter(f"{title}: {part.label}", searched=False),
            "label": part.label,
            "index": Markup("../index.md"),
            "title": title,
            kind: [{**row, "href": Markup(f"../{row['href']}"), "topics": _deeper(row["topics"])} for row in part.rows],
            **part_navigation(parts, number, lambda other: Markup(f"{other.key}.md"), ("Previous", "Next")),
        }))
    return pages


def _deeper(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Topic links made for a page one folder up, for a page one folder further down."""
    return [{**link, "href": Markup(f"../{link['href']}")} for link in links]


def stories_index_pages(corpus: Corpus, limit: int) -> list[Page]:
    """The stories, newest first (cut by period past `limit`, see _period_pages)."""
    newest = {story.id: max((corpus.article(i).meta.date or "" for i in story.article_ids), default="") for story in corpus.stories}
    parts = split_by_period(corpus.stories, lambda story: newest[story.id], limit)
    front = front_matter("Stories", "Events covered by several articles, compared source by source.", searched=False)
    return _period_pages(
        STORIES_INDEX, "stories", parts, lambda story, base: _story_row(story, corpus, base),
        {"front_matter": front, "count": len(corpus.stories)}, "Stories",
    )


def _story_row(story: Story, corpus: Corpus, base: str) -> dict[str, Any]:
    """One story in the list, for a page `base` below the docs folder."""
    members = [corpus.article(article_id) for article_id in story.article_ids]
    dates = sorted(article.meta.date for article in members if article.meta.date)
    return {
        "title": story.title,
        "href": Markup(base + story_path(story.id)),
        "count": len(members),
        "sources": [source_label(article) for article in members],
        "dates": f"{dates[0]} to {dates[-1]}" if len(set(dates)) > 1 else (dates[0] if dates else "undated"),
        "agreed": len(story.shared),
    }
