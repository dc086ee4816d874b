"""The site's Atom and RSS feeds of the newest articles, written by feedgen (an XML library, so every value is escaped)."""

from __future__ import annotations

import datetime as dt
import re

from feedgen.feed import FeedGenerator

from generator.config import Config
from generator.model import Article, Corpus
from generator.publish.paths import article_path, html_path

ATOM_FEED = "feed.xml"
RSS_FEED = "rss.xml"
# An RSS date whose year strftime wrote with fewer than four digits ("Mon, 01 Jan 1 00:00:00 +0000").
_SHORT_YEAR = re.compile(r"(<(?:pubDate|lastBuildDate)>\w{3}, \d{2} \w{3} )(\d{1,3})(?= )")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def render_feeds(corpus: Corpus, config: Config, site_url: str | None) -> dict[str, str]:
    """Return the Atom and RSS documents (docs-relative path -> XML) of the newest `site.feed_articles` articles.

    Undated articles are left out: a feed reader orders by date, and any date given them would be invented.

    Links are absolute when mkdocs.yml names the site's address (`site_url`), as feed readers expect; otherwise they
    are relative to the feed, which readers resolve against the address they fetched it from. Every date comes
    from the articles, never the clock, so the same seeds give the same feeds.
    """
    base = (site_url.rstrip("/") + "/") if site_url else ""
    dated = [(article, _published(article)) for article in corpus.articles]
    chosen = [(article, published) for article, published in dated if published][: config.site.feed_articles]
    newest = max((published for _, published in chosen), default=_EPOCH)
    feed = FeedGenerator()
    feed.title(config.site.title)
    feed.id(base + ATOM_FEED if base else f"urn:briefing:{_urn_part(config.site.title)}")
    feed.link(href=base + "index.html", rel="alternate")
    feed.link(href=base + ATOM_FEED, rel="self")
    feed.description(f"The newest articles of {config.site.title}")
    feed.language("en")
    feed.updated(newest)
    feed.lastBuildDate(newest)
    feed.generator("briefing")
    topic_names = {topic.id: topic.name for topic in corpus.topics}
    for article, published in chosen:
        entry = feed.add_entry(order="append")
        link = base + html_path(article_path(article.id))
        identifier = link if base else f"urn:briefing:article:{article.id}"  # a relative link is no lasting id
        entry.id(identifier)
        entry.guid(identifier, permalink=bool(base))
        entry.title(article.meta.title)
        entry.link(href=link)
        entry.published(published)
        entry.updated(published)
        byline = ", ".join(part for part in (article.meta.author, article.meta.outlet) if part)
        if byline:
            entry.author({"name": byline})
        entry.description(article.summary or article.meta.title)
        for topic_id in article.topic_ids:
            entry.category(term=topic_id, label=topic_names.get(topic_id, topic_id))
    return {
        ATOM_FEED: feed.atom_str(pretty=True).decode("utf-8"),
        RSS_FEED: _four_digit_years(feed.rss_str(pretty=True).decode("utf-8")),
    }


def _published(article: Article) -> dt.datetime | None:
    try:
        day = dt.date.fromisoformat(article.meta.date or "")
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _four_digit_years(rss: str) -> str:
    """Pad the year of RSS dates to four digits: strftime writes year 1 as "1", which no reader parses."""
    return _SHORT_YEAR.sub(lambda match: match.group(1) + match.group(2).zfill(4), rss)


def _urn_part(text: str) -> str:
    return "".join(char if char.isalnum() else "-" for char in text.lower()).strip("-") or "site"

