"""The entries that lists on several kinds of page show: an article, an event, a person, an organisation, a
topic link; and the date as a reader reads it."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from markupsafe import Markup

from generator.analyse.dates import MONTH_NAMES
from generator.model import Article, Corpus, Event, Organisation, Person, Topic
from generator.publish.paths import article_path, organisation_path, person_path, source_label, topic_path


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
    }


def topic_links(topic_ids: Sequence[str], topics_by_id: Mapping[str, Topic], base: str) -> list[dict[str, Any]]:
    """Return links to these topics (those still in the taxonomy), for lists of events, people and organisations."""
    return [
        {"name": topics_by_id[topic_id].name, "href": Markup(base + topic_path(topic_id))}
        for topic_id in topic_ids
        if topic_id in topics_by_id
    ]


def person_row(person: Person, base: str) -> dict[str, Any]:
    """Return what a list of people shows for one person."""
    return {
        "name": person.name,
        "role": person.role,
        "href": Markup(base + person_path(person.id)),
        "articles": len(person.article_ids),
        "mentions": len(person.mentions),
    }


def organisation_row(organisation: Organisation, base: str, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return what a list of organisations shows for one organisation."""
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "href": Markup(base + organisation_path(organisation.id)),
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
