"""Export the analysed corpus as `briefing.json` (DESIGN.md §4: stable keys, added to, never renamed)."""

from __future__ import annotations

import json
from typing import Any

from generator import __version__
from generator.model import Corpus
from generator.publish.paths import article_path, html_path, organisation_href, person_href, story_path, topic_path
from generator.text import context_around

EXPORT_FILE = "briefing.json"


def export_corpus(corpus: Corpus, own_page_articles: int) -> str:
    """Return the corpus as JSON text: articles, topics, people, organisations, events and stories, with site-relative URLs.

    A person's or organisation's `url` is their page, or for one without a page of their own (paths.has_own_page)
    the section of their one article that lists them."""
    data: dict[str, Any] = {
        "generated_by": f"briefing {__version__}",
        "articles": [
            {
                "id": article.id,
                "source": article.source_path,
                "title": article.meta.title,
                "original_title": article.meta.original_title,
                "date": article.meta.date,
                "outlet": article.meta.outlet,
                "author": article.meta.author,
                "url": html_path(article_path(article.id)),
                "original_url": article.meta.url,
                "dateline": article.meta.dateline,
                "topics": list(article.topic_ids),
                "topic_evidence": [
                    {
                        "topic": evidence.topic_id,
                        "score": evidence.score,
                        "terms": {term: count for term, count in evidence.terms},
                        "origin": evidence.origin,
                    }
                    for evidence in article.topics
                ],
                "summary": article.summary,
                "body": "\n\n".join(article.paragraphs),
                "related": list(corpus.related.get(article.id, ())),
                "people": [person.id for person in corpus.people_of.get(article.id, ())],
                "organisations": [organisation.id for organisation in corpus.organisations_of.get(article.id, ())],
                "copies": [
                    {
                        "seed": copy.source_path, "title": copy.title, "outlet": copy.outlet, "date": copy.date,
                        "url": copy.url, "added": list(copy.added), "dropped": list(copy.dropped),
                    }
                    for copy in corpus.copies.get(article.id, ())
                ],
                "events": [event.id for event in corpus.events_of.get(article.id, ())],
                "story": corpus.story_of[article.id].id if article.id in corpus.story_of else None,
                "quotes": [{"text": quote.text, "speaker": quote.speaker} for quote in article.quotes],
                "unresolved_dates": [
                    {
                        "expression": mention.expression,
                        "sentence": context_around(dated.sentence, mention.start, mention.end),
                        "reason": mention.derivation,
                    }
                    for dated in article.dated
                    for mention in dated.mentions
                    if not mention.value
                ],
            }
            for article in corpus.articles
        ],
        "topics": [
            {
                "id": topic.id,
                "name": topic.name,
                "url": html_path(topic_path(topic.id)),
                "articles": list(topic.article_ids),
            }
            for topic in corpus.topics
        ],
        "people": [
            {
                "id": person.id,
                "name": person.name,
                "aliases": list(person.aliases),
                "role": person.role or None,
                "url": _html_url(person_href(person, own_page_articles)),
                "articles": list(person.article_ids),
                "roles": [{"article": role.article_id, "date": role.date, "role": role.role} for role in person.roles],
                "topics": list(person.topics),
                "mentions": len(person.mentions),
            }
            for person in corpus.people
        ],
        "organisations": [
            {
                "id": organisation.id,
                "name": organisation.name,
                "aliases": list(organisation.aliases),
                "kind": organisation.kind or None,
                "url": _html_url(organisation_href(organisation, own_page_articles)),
                "articles": list(organisation.article_ids),
                "topics": list(organisation.topics),
                "mentions": len(organisation.mentions),
            }
            for organisation in corpus.organisations
        ],
        "events": [
            {
                "id": event.id,
                "date": event.date,
                "text": event.text,
                "article": event.article_id,
                "topics": list(event.topics),
                "sentence": event.sentence,
                "expression": event.expression,
                "derivation": event.derivation,
                "ambiguous": event.ambiguous,
            }
            for event in corpus.events
        ],
        "stories": [
            {
                "id": story.id,
                "title": story.title,
                "url": html_path(story_path(story.id)),
                "articles": list(story.article_ids),
                "shared_facts": [
                    [{"article": c.article_id, "sentence": c.sentence} for c in fact.sentences] for fact in story.shared
                ],
                "single_source": [{"article": c.article_id, "sentence": c.sentence} for c in story.single_source],
                "claims": [
                    {"kind": claim.kind, "value": claim.value, "articles": list(claim.article_ids)} for claim in story.claims
                ],
                "differences": [
                    [{"article": article_id, "values": value} for article_id, value in difference.values]
                    for difference in story.differences
                ],
            }
            for story in corpus.stories
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _html_url(markdown_href: str) -> str:
    """The site URL of a docs-relative link that may end in an anchor ("articles/x.md#people")."""
    path, hash_mark, anchor = markdown_href.partition("#")
    return html_path(path) + hash_mark + anchor
