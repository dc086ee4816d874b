"""Page contexts for the analyst's views: the timeline, who's who and stories, plus the event, person and story
pieces that article, topic and home pages show."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from .dates import MONTH_NAMES
from .model import Article, Corpus, Event, Organisation, Person, Story, Topic
from .page_charts import involvement, mentions_chart, newest_article_date, story_charts, timeline_chart
from .paths import (
    PEOPLE_INDEX,
    STORIES_INDEX,
    TIMELINE,
    article_path,
    front_matter,
    organisation_path,
    person_path,
    source_label,
    story_path,
    topic_path,
)
from .text import context_around, shown_name

TOPIC_PEOPLE_LIMIT = 12


def display_date(value: str) -> str:
    """Return "4 February 2026", "February 2026" or "2026" for an ISO value at its own precision."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return value


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


def timeline_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the context of the timeline page: every event, newest first, grouped by month."""
    rows = [event_row(event, corpus, "", topics_by_id) for event in corpus.events]
    unresolved = _unresolved_count(corpus.articles)
    return {
        "front_matter": front_matter("Timeline", "Every dated event the articles mention, newest first.", searched=False),
        "months": grouped_by_month(rows),
        "chart": timeline_chart(corpus),
        "count": len(rows),
        "ambiguous": sum(1 for event in corpus.events if event.ambiguous),
        "unresolved": unresolved,
        "topics": [
            {"name": topic.name, "href": Markup(topic_path(topic.id) + "#timeline"), "count": sum(1 for e in corpus.events if topic.id in e.topics)}
            for topic in corpus.topics
        ],
    }


def _unresolved_count(articles: Sequence[Article]) -> int:
    return sum(1 for article in articles for dated in article.dated for mention in dated.mentions if not mention.value)


def people_index_context(corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the context of the who's who page."""
    rows = []
    for person in corpus.people:
        row = person_row(person, "")
        row["href"] = Markup(f"{person.id}.md")
        row["topics"] = topic_links(person.topics, topics_by_id, "../")
        rows.append(row)
    return {"front_matter": front_matter("People", "Who's who: everyone the articles name.", searched=False), "people": rows}


def person_context(person: Person, corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the context of one person's page: role, aliases, roles by article, mentions and quotes."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for citation in person.mentions:
        by_article[citation.article_id].append(citation.sentence)
    role_of = {role.article_id: role.role for role in person.roles}
    articles = []
    for article_id in person.article_ids:
        article = corpus.article(article_id)
        articles.append(
            {
                "title": article.meta.title,
                "href": Markup("../" + article_path(article_id)),
                "date": article.meta.date or "undated",
                "source": source_label(article),
                "role": role_of.get(article_id, ""),
                "sentences": by_article.get(article_id, []),
            }
        )
    quotes = [
        {
            "text": quote.text,
            "sentence": quote.sentence,
            "href": Markup("../" + article_path(article_id)),
            "source": source_label(corpus.article(article_id)),
        }
        for quote, article_id in person.quotes
    ]
    return {
        "front_matter": front_matter(person.name, f"{person.name}: {person.role}" if person.role else person.name),
        "name": person.name,
        "role": person.role,
        "aliases": list(person.aliases),
        "topics": topic_links(person.topics, topics_by_id, "../"),
        "articles": articles,
        "quotes": quotes,
        "mentions_chart": mentions_chart(person.name, person.article_ids, [c.article_id for c in person.mentions], corpus),
        "people_index": Markup("index.md"),
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


def organisation_context(organisation: Organisation, corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the context of one organisation's page: kind, other names, and the sentences naming it by article."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for citation in organisation.mentions:
        by_article[citation.article_id].append(citation.sentence)
    articles = [
        {
            "title": corpus.article(article_id).meta.title,
            "href": Markup("../" + article_path(article_id)),
            "date": corpus.article(article_id).meta.date or "undated",
            "source": source_label(corpus.article(article_id)),
            "forms": list(organisation.forms.get(article_id, ())),
            "sentences": by_article.get(article_id, []),
        }
        for article_id in organisation.article_ids
    ]
    described = f"{organisation.name}: {organisation.kind}" if organisation.kind else organisation.name
    return {
        "front_matter": front_matter(organisation.name, described),
        "name": organisation.name,
        "kind": organisation.kind,
        "aliases": list(organisation.aliases),
        "topics": topic_links(organisation.topics, topics_by_id, "../"),
        "articles": articles,
        "mentions_chart": mentions_chart(
            organisation.name, organisation.article_ids, [c.article_id for c in organisation.mentions], corpus
        ),
        "organisations_index": Markup("index.md"),
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


def story_context(story: Story, corpus: Corpus) -> dict[str, Any]:
    """Return the context of one story page: sources side by side, agreement, single-source details, claims."""
    members = [corpus.article(article_id) for article_id in story.article_ids]
    letters = {article.id: _letter(index) for index, article in enumerate(members)}

    def cite(article_id: str) -> dict[str, Any]:
        article = corpus.article(article_id)
        return {"letter": letters[article_id], "href": Markup("../" + article_path(article_id)), "source": source_label(article)}

    return {
        "front_matter": front_matter(story.title, f"{len(members)} sources on one event"),
        "title": story.title,
        "sources": [
            {
                **cite(article.id),
                "outlet": article.meta.outlet or "unknown outlet",
                "date": article.meta.date or "undated",
                "title": article.meta.title,
                "seed": shown_name(article.source_path),
            }
            for article in members
        ],
        "shared": [
            {
                "count": len(fact.sentences),
                "of": len(members),
                "sentences": [{**cite(c.article_id), "sentence": c.sentence} for c in fact.sentences],
            }
            for fact in story.shared
        ],
        "single": [{**cite(c.article_id), "sentence": c.sentence} for c in story.single_source],
        "claims": [
            {
                "kind": claim.kind,
                "value": claim.value,
                "by": [cite(article_id) for article_id in claim.article_ids],
                "status": "all sources" if len(claim.article_ids) == len(members) else (
                    "single source" if len(claim.article_ids) == 1 else f"{len(claim.article_ids)} of {len(members)} sources"
                ),
                "missing": [cite(article.id) for article in members if article.id not in claim.article_ids],
            }
            for claim in story.claims
        ],
        "differences": [
            {
                "values": [{**cite(article_id), "value": value} for article_id, value in difference.values],
                "sentences": [{**cite(c.article_id), "sentence": c.sentence} for c in difference.fact.sentences],
            }
            for difference in story.differences
        ],
        **story_charts(story, corpus, letters),
        "stories_index": Markup("index.md"),
    }


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"S{index + 1}"


# --- pieces of article, topic and home pages -------------------------------------------------------------------


def article_analysis(article: Article, corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return the article page's people, events, unresolved dates, quotes and other coverage of its story."""
    people = corpus.people_of.get(article.id, ())
    role_here = {
        person.id: next((role.role for role in person.roles if role.article_id == article.id), "") for person in people
    }
    events = [event_row(event, corpus, "../", topics_by_id) for event in corpus.events_of.get(article.id, ())]
    events.sort(key=lambda row: row["iso"])
    unresolved = [
        {
            "expression": mention.expression,
            "sentence": context_around(dated.sentence, mention.start, mention.end),
            "why": mention.derivation,
        }
        for dated in article.dated
        for mention in dated.mentions
        if not mention.value
    ]
    speaker_href = {}
    for person in people:
        for form in person.forms.get(article.id, ()):
            speaker_href.setdefault(form, Markup("../" + person_path(person.id)))
    quotes = [
        {"text": quote.text, "speaker": quote.speaker, "href": speaker_href.get(quote.speaker), "sentence": quote.sentence}
        for quote in article.quotes
    ]
    story_obj = corpus.story_of.get(article.id)
    also = []
    story = None
    if story_obj:
        story = {"title": story_obj.title, "href": Markup("../" + story_path(story_obj.id))}
        for other_id in story_obj.article_ids:
            if other_id != article.id:
                other = corpus.article(other_id)
                also.append(
                    {
                        "title": other.meta.title,
                        "href": Markup(article_path(other_id).split("/", 1)[1]),
                        "source": other.meta.outlet or "unknown outlet",
                        "date": other.meta.date or "undated",
                    }
                )
    return {
        "organisations": [
            {"name": organisation.name, "kind": organisation.kind,
             "href": Markup("../" + organisation_path(organisation.id))}
            for organisation in corpus.organisations_of.get(article.id, ())
        ],
        "people": [
            {**person_row(person, "../"), "role_here": role_here[person.id]} for person in people
        ],
        "events": events,
        "unresolved": unresolved,
        "quotes": quotes,
        "story": story,
        "also_covered_by": also,
        "linked_paragraphs": linked_paragraphs(article, people),
    }


# A word that may start a person's name in the text: not glued to a word or an initial before it.
_WORD_START = re.compile(r"(?<![\w.])\w+")
_LEADING_WORD = re.compile(r"\w+")
_WORD_CHARACTER = re.compile(r"\w")


def linked_paragraphs(article: Article, people: Sequence[Person]) -> list[list[dict[str, Any]]]:
    """Split the article text into segments, the first mention of each person a link to their page."""
    # Every form, under the word it starts with, longest first: one scan of the text finds each person's first
    # mention (a pattern per person, searched through the whole text, is people × text: quadratic).
    forms_by_word: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for person in people:
        for form in person.forms.get(article.id, ()):
            lead = _LEADING_WORD.match(form)
            if lead:
                forms_by_word[lead.group(0)].append((-len(form), form, "../" + person_path(person.id)))
    for candidates in forms_by_word.values():
        candidates.sort()
    first: dict[str, tuple[int, int, int, str]] = {}  # href -> (paragraph, start, end, href)
    for index, paragraph in enumerate(article.paragraphs):
        if len(first) == len(people):
            break
        for word in _WORD_START.finditer(paragraph):
            for _, form, href in forms_by_word.get(word.group(0), ()):
                end = word.start() + len(form)
                if href in first or not paragraph.startswith(form, word.start()):
                    continue
                if end < len(paragraph) and _WORD_CHARACTER.match(paragraph[end]):
                    continue
                first[href] = (index, word.start(), end, href)
    by_paragraph: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for index, start, end, href in sorted(first.values()):
        spans = by_paragraph[index]
        # In order of start, a span is clear of all kept ones when it starts after the last kept one ends.
        if not spans or start >= spans[-1][1]:
            spans.append((start, end, href))
    result = []
    for index, paragraph in enumerate(article.paragraphs):
        segments = []
        cursor = 0
        for start, end, href in sorted(by_paragraph.get(index, [])):
            if start > cursor:
                segments.append({"text": paragraph[cursor:start], "href": None})
            segments.append({"text": paragraph[start:end], "href": Markup(href)})
            cursor = end
        if cursor < len(paragraph):
            segments.append({"text": paragraph[cursor:], "href": None})
        result.append(segments)
    return result


def topic_analysis(topic: Topic, corpus: Corpus, topics_by_id: Mapping[str, Topic]) -> dict[str, Any]:
    """Return a topic page's timeline (its events, newest first, by month) and the people most involved."""
    rows = [event_row(event, corpus, "../", topics_by_id) for event in corpus.events if topic.id in event.topics]
    involved = sorted(
        ((person, count) for person, count in involvement(topic, corpus.people) if count),
        key=lambda pair: (-pair[1], -len(pair[0].mentions), pair[0].name),
    )
    people = [person for person, _ in involved]
    return {
        "timeline": grouped_by_month(rows),
        "people": [person_row(person, "../") for person in people[:TOPIC_PEOPLE_LIMIT]],
        "more_people": max(0, len(people) - TOPIC_PEOPLE_LIMIT),
        "timeline_page": Markup("../" + TIMELINE),
        "people_index": Markup("../" + PEOPLE_INDEX),
    }


def home_analysis(corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int) -> dict[str, Any]:
    """Return the home page's next and latest dated events, counted from the newest article's date."""
    today = newest_article_date(corpus)
    upcoming: list[Event] = []
    past: list[Event] = []
    for event in corpus.events:
        if today and event.date[: len(today)] > today[: len(event.date)]:
            upcoming.append(event)
        else:
            past.append(event)
    upcoming.sort(key=lambda event: (event.date, event.id))
    return {
        "as_of": today,
        "next_events": [event_row(event, corpus, "", topics_by_id) for event in upcoming[:limit]],
        "latest_events": [event_row(event, corpus, "", topics_by_id) for event in past[:limit]],
        "timeline_page": Markup(TIMELINE),
        "people_index": Markup(PEOPLE_INDEX),
        "stories_index": Markup(STORIES_INDEX),
        "people": [person_row(person, "") for person in corpus.people[:limit]],
        "stories": [
            {"title": story.title, "href": Markup(story_path(story.id)), "count": len(story.article_ids)}
            for story in corpus.stories[:limit]
        ],
    }
