"""A person's page: role, other names, topics, the sentences naming them by article, quotes, and mentions over time."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping

from markupsafe import Markup

from generator.model import Corpus, Person, Topic
from generator.publish.paths import article_path, front_matter, source_label

from .rows import topic_links
from .shared_charts import mentions_chart


def person_context(person: Person, corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int) -> dict[str, Any]:
    """Return the context of one person's page: role, aliases, roles by article, mentions and quotes; the sentences
    of the first `limit` articles and quotes (a name in thousands of articles would make a page nobody opens; the
    chart counts them all)."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for citation in person.mentions:
        by_article[citation.article_id].append(citation.sentence)
    role_of = {role.article_id: role.role for role in person.roles}
    articles = []
    for article_id in person.article_ids[:limit]:
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
        for quote, article_id in person.quotes[:limit]
    ]
    return {
        "front_matter": front_matter(person.name, f"{person.name}: {person.role}" if person.role else person.name),
        "name": person.name,
        "role": person.role,
        "aliases": list(person.aliases),
        "topics": topic_links(person.topics, topics_by_id, "../"),
        "articles": articles,
        "article_count": len(person.article_ids),
        "quotes": quotes,
        "quote_count": len(person.quotes),
        "mentions_chart": mentions_chart(person.name, person.article_ids, [c.article_id for c in person.mentions], corpus),
        "people_index": Markup("index.md"),
    }
