"""An organisation's page: kind, other names, topics, the sentences naming it by article, and mentions over time."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping

from markupsafe import Markup

from generator.model import Corpus, Organisation, Topic
from generator.publish.paths import article_path, front_matter, source_label

from .rows import topic_links
from .shared_charts import mentions_chart


def organisation_context(
    organisation: Organisation, corpus: Corpus, topics_by_id: Mapping[str, Topic], limit: int
) -> dict[str, Any]:
    """Return the context of one organisation's page: kind, other names, and the sentences naming it in its first
    `limit` articles (the chart counts them all)."""
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
        for article_id in organisation.article_ids[:limit]
    ]
    described = f"{organisation.name}: {organisation.kind}" if organisation.kind else organisation.name
    return {
        "front_matter": front_matter(organisation.name, described),
        "name": organisation.name,
        "kind": organisation.kind,
        "aliases": list(organisation.aliases),
        "topics": topic_links(organisation.topics, topics_by_id, "../"),
        "articles": articles,
        "article_count": len(organisation.article_ids),
        "mentions_chart": mentions_chart(
            organisation.name, organisation.article_ids, [c.article_id for c in organisation.mentions], corpus
        ),
        "organisations_index": Markup("index.md"),
    }
