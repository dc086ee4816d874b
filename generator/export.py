"""Export the analysed corpus as `briefing.json` (DESIGN.md §4: stable keys, added to, never renamed)."""

from __future__ import annotations

import json
from typing import Any

from . import __version__
from .model import Corpus
from .pages import article_path, html_path, topic_path

EXPORT_FILE = "briefing.json"


def export_corpus(corpus: Corpus) -> str:
    """Return the corpus as JSON text: articles, topics, people, events and stories, with site-relative URLs."""
    data: dict[str, Any] = {
        "generated_by": f"briefing {__version__}",
        "articles": [
            {
                "id": article.id,
                "source": article.source_path,
                "title": article.meta.title,
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
                "people": [],
                "events": [],
                "story": None,
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
        "people": [],
        "events": [],
        "stories": [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
