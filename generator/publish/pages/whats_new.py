"""The what's-new page: articles added and removed by the latest build (the home page shows its head)."""

from __future__ import annotations

from typing import Any, Mapping

from markupsafe import Markup

from generator.model import Corpus, Topic
from generator.publish.changes import Changes
from generator.publish.feeds import ATOM_FEED, RSS_FEED
from generator.publish.paths import ARTICLES_INDEX, front_matter

from .rows import article_row


def whats_new_context(
    corpus: Corpus, changes: Changes, topics_by_id: Mapping[str, Topic], limit: int | None = None
) -> dict[str, Any]:
    """Return what the what's-new page shows; the home page shows its head.

    A first build lists nothing item by item (every article is new: the list of all articles is the list), and
    a build that adds or removes more than `limit` articles lists the newest `limit` of each and counts the rest.
    """
    first_build = changes.previous_count is None
    added = () if first_build else changes.added[:limit]
    removed = changes.removed[:limit]
    return {
        "front_matter": front_matter("What's new", "Articles added and removed by the latest build", searched=False),
        "first_build": first_build,
        "previous_count": changes.previous_count,
        "article_count": len(corpus.articles),
        "added": [article_row(corpus.article(entry.id), "", topics_by_id) for entry in added],
        "added_count": len(changes.added),
        "removed_count": len(changes.removed),
        "removed": [
            {"title": entry.title, "date": entry.date or "undated", "outlet": entry.outlet or "unknown outlet",
             "source": entry.source}
            for entry in removed
        ],
        "atom_feed": Markup(ATOM_FEED),
        "rss_feed": Markup(RSS_FEED),
        "articles_index": Markup(ARTICLES_INDEX),
    }
