"""The entries that lists on several kinds of page show: an article, an event, a person, an organisation, a
topic link; and the date as a reader reads it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from generator.analyse.dates import MONTH_NAMES
from generator.model import Article, Corpus, Event, Organisation, Person, Topic
from generator.text import content_words
from generator.publish.paths import article_path, organisation_href, person_href, source_label, topic_path


def display_date(value: str) -> str:
    """Return "4 February 2026", "February 2026" or "2026" for an ISO value at its own precision."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return value


def article_row(article: Article, base: str, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return what a list of articles shows for one article, links relative to a page under `base`."""
    return {
        "title": article.meta.title,
        "href": Markup(base + article_path(article.id)),
        "date": article.meta.date or "undated",
        "outlet": article.meta.outlet or "unknown outlet",
        "summary": article.summary,
        "topics": [
            {"name": topics_by_id[topic_id].name, "href": Markup(base + topic_path(topic_id))}
            for topic_id in article.topic_ids
        ],
    }


def event_row(event: Event, corpus: Corpus, base: str, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return what a list of events shows for one event, links relative to a page under `base`."""
    article = corpus.article(event.article_id)
    return {
        "date": display_date(event.date),
        "iso": event.date,
        "text": event.text,
        "sentence": event.sentence,
        "expression": event.expression,
        "derivation": event.derivation,
        "ambiguous": event.ambiguous,
        "href": Markup(base + article_path(article.id)),
        "source": source_label(article),
        "published": article.meta.date or "undated",
        "topics": topic_links(event.topics, topics_by_id, base),
        "also": [],  # the same fact from other articles (see merged_event_rows)
    }


# Two articles' events on one date are one fact when this share of the shorter sentence's content words is shared.
SAME_FACT_SHARE = 0.5


def merged_event_rows(
    events: Sequence[Event], corpus: Corpus, base: str, topics_by_id: Mapping[str, Topic], limit: int
) -> list[dict[str, Any]]:
    """Return up to `limit` rows for events in the order given, one row per fact: an event of the same date from
    another article that says the same thing (or is of the same story) joins the first row as one more source."""
    story_of = {article_id: story.id for story in corpus.stories for article_id in story.article_ids}
    rows: list[dict[str, Any]] = []
    shown_on: dict[str, list[tuple[Event, set[str], dict[str, Any], set[str]]]] = defaultdict(list)  # by date
    for event in events:
        same_day = shown_on.get(event.date, [])
        if not same_day and len(rows) == limit:
            continue  # no row it could join, and no room for a new one
        words = set(content_words(event.sentence))
        same = next(
            (entry for entry in same_day
             if event.article_id not in entry[3]
             and (story_of.get(entry[0].article_id, "a") == story_of.get(event.article_id, "b")
                  or len(words & entry[1]) >= SAME_FACT_SHARE * max(min(len(words), len(entry[1])), 1))),
            None,
        )
        if same is not None:
            _, _, row, article_ids = same
            article = corpus.article(event.article_id)
            row["also"].append({"source": source_label(article), "href": Markup(base + article_path(article.id))})
            article_ids.add(event.article_id)
        elif len(rows) < limit:
            row = event_row(event, corpus, base, topics_by_id)
            rows.append(row)
            shown_on[event.date].append((event, words, row, {event.article_id}))
    return rows


def topic_links(topic_ids: Sequence[str], topics_by_id: Mapping[str, Topic], base: str) -> list[dict[str, Any]]:
    """Return links to these topics (those still in the taxonomy), for lists of events, people and organisations."""
    return [
        {"name": topics_by_id[topic_id].name, "href": Markup(base + topic_path(topic_id))}
        for topic_id in topic_ids
        if topic_id in topics_by_id
    ]


def person_row(person: Person, base: str, own_page_articles: int) -> dict[str, Any]:
    """Return what a list of people shows for one person (linked to their page, or to their one article)."""
    return {
        "name": person.name,
        "role": person.role,
        "href": Markup(base + person_href(person, own_page_articles)),
        "articles": len(person.article_ids),
        "mentions": len(person.mentions),
    }


def organisation_row(
    organisation: Organisation, base: str, topics_by_id: Mapping[str, Topic], own_page_articles: int
) -> dict[str, Any]:
    """Return what a list of organisations shows for one organisation (linked to its page, or to its article)."""
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "href": Markup(base + organisation_href(organisation, own_page_articles)),
        "articles": len(organisation.article_ids),
        "mentions": len(organisation.mentions),
        "topics": topic_links(organisation.topics, topics_by_id, base),
    }


def grouped_by_month(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group event rows (newest first) under month headings; year-only events head their year."""
    groups: list[dict[str, Any]] = []
    for row in rows:
        iso = row["iso"]
        key = iso[:7]
        label = display_date(key) if len(iso) >= 7 else f"{iso} (known only to the year)"
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "label": label, "events": []})
        groups[-1]["events"].append(row)
    return groups
