"""An article's page: its text with each person's first mention linked, its people, organisations, events, quotes,
topics with their evidence, other coverage of its story, and provenance; and the redirect at an old address."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Mapping, Sequence

from markupsafe import Markup

from generator.model import Article, Corpus, Person, Topic
from generator.text import SAFE_URL, context_around, is_table, shown_name
from generator.publish.tables import markdown_table
from generator.publish.paths import (
    article_path,
    front_matter,
    has_own_page,
    organisation_path,
    person_path,
    story_path,
    topic_path,
)

from .rows import article_row, event_row, person_row

# A word that may start a person's name in the text: not glued to a word or an initial before it.
_WORD_START = re.compile(r"(?<![\w.])\w+")
_LEADING_WORD = re.compile(r"\w+")
_WORD_CHARACTER = re.compile(r"\w")


def article_context(
    article: Article, corpus: Corpus, topics_by_id: Mapping[str, Topic], own_page_articles: int
) -> dict[str, Any]:
    """An article page's context; people and organisations with a page of their own (paths.has_own_page) are
    linked, the others are listed here only."""
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
        **article_analysis(article, corpus, topics_by_id, own_page_articles),
        "copies": copies,
        # No Material tags: the tags index would list every article of a topic on one page (thousands in a year);
        # the topic pages carry the tags, and the article links its topics.
        "front_matter": front_matter(meta.title, article.summary),
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
        "summary": "" if opens_with(article.paragraphs, article.summary) else article.summary,
        "topics": topics,
        "paragraphs": list(article.paragraphs),
        "removed_count": len(article.removed),
        "related": [article_row(corpus.article(other), "../", topics_by_id) for other in corpus.related.get(article.id, ())],
        "articles_index": Markup("index.md"),
    }


def opens_with(paragraphs: Sequence[str], summary: str) -> bool:
    """Whether the text's first paragraph begins with the summary: then the page shows it once, as the text."""
    if not paragraphs or not summary:
        return False
    opening = " ".join(paragraphs[0].split())
    return opening.startswith(" ".join(summary.removesuffix("…").split()))


def article_analysis(
    article: Article, corpus: Corpus, topics_by_id: Mapping[str, Topic], own_page_articles: int
) -> dict[str, Any]:
    """Return the article page's people, events, unresolved dates, quotes and other coverage of its story."""
    people = corpus.people_of.get(article.id, ())
    with_page = [person for person in people if has_own_page(person, own_page_articles)]
    with_page_ids = {person.id for person in with_page}
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
    for person in with_page:
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
             "href": Markup("../" + organisation_path(organisation.id)) if has_own_page(organisation, own_page_articles) else None}
            for organisation in corpus.organisations_of.get(article.id, ())
        ],
        "people": [
            {**person_row(person, "../", own_page_articles), "role_here": role_here[person.id],
             "href": Markup("../" + person_path(person.id)) if person.id in with_page_ids else None}
            for person in people
        ],
        "events": events,
        "unresolved": unresolved,
        "quotes": quotes,
        "story": story,
        "also_covered_by": also,
        "linked_paragraphs": linked_paragraphs(article, with_page),
    }


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
        if is_table(paragraph):
            continue  # people are linked from the running text
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
        if is_table(paragraph):
            result.append([{"text": markdown_table(paragraph), "href": None}])
            continue
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
