"""The frozen dataclasses that flow between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Source:
    """One seed file as read: decoded text plus whatever metadata came with it (front matter, sidecar)."""

    path: str  # file name relative to seeds/, POSIX separators
    text: str  # decoded, BOM stripped, newlines normalised, front matter removed
    metadata: Mapping[str, Any] = field(default_factory=dict)
    format: str = "txt"  # "txt" | "md"
    metadata_origin: Mapping[str, str] = field(default_factory=dict)  # key -> "front matter" | "sources.yml"


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner dropped, and the rule that dropped it (for the cleaning report)."""

    line_no: int  # 1-based, in the seed's text after front matter
    text: str
    rule: str


@dataclass(frozen=True)
class CleanText:
    """A seed with boilerplate removed: header lines (headline, byline …) apart from the body paragraphs."""

    source: Source
    header_lines: tuple[str, ...]
    paragraphs: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    stamp_date: str | None  # from a leading "date YYYY-MM-DD" stamp, if the text had one


@dataclass(frozen=True)
class Metadata:
    """What an analyst needs to know about an article before reading it."""

    title: str
    title_origin: str  # "front matter" | "headline" | "lead sentence"
    date: str | None  # ISO YYYY-MM-DD, or None when unknown (never invented)
    date_origin: str  # "front matter" | "sidecar" | "date stamp" | "unknown"
    outlet: str | None
    author: str | None
    dateline: str | None
    url: str | None
    standfirst: str | None  # header text that is neither headline nor byline


@dataclass(frozen=True)
class TopicEvidence:
    """Why an article was put into a topic: the terms matched, how often, and the sentences they were in."""

    topic_id: str
    score: float
    terms: tuple[tuple[str, int], ...]  # (term, mentions), highest first
    sentences: tuple[str, ...]
    origin: str = "text"  # "text" | "front matter"


@dataclass(frozen=True)
class Article:
    """A cleaned, analysed article."""

    id: str  # stable slug, also the page file name
    source_path: str
    meta: Metadata
    summary: str
    paragraphs: tuple[str, ...]
    topics: tuple[TopicEvidence, ...]
    removed: tuple[RemovedLine, ...]

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Return the ids of the article's topics, strongest first."""
        return tuple(evidence.topic_id for evidence in self.topics)


@dataclass(frozen=True)
class Citation:
    """A sentence quoted from an article."""

    sentence: str
    article_id: str


@dataclass(frozen=True)
class Topic:
    """A topic with its articles (newest first), synthesis and related topics."""

    id: str
    name: str
    description: str
    article_ids: tuple[str, ...]
    synthesis: tuple[Citation, ...]
    related: tuple[tuple[str, int], ...]  # (topic id, shared articles), most shared first


@dataclass(frozen=True)
class Corpus:
    """Everything analysed and linked: what the pages and `briefing.json` are made from."""

    articles: tuple[Article, ...]  # newest first, undated last
    topics: tuple[Topic, ...]  # taxonomy order
    related: Mapping[str, tuple[str, ...]]  # article id -> related article ids, best first
    by_id: Mapping[str, Article] = field(default_factory=dict)  # article id -> article

    def article(self, article_id: str) -> Article:
        """Return the article with this id."""
        return self.by_id[article_id]


@dataclass(frozen=True)
class Page:
    """One page to write: where it goes (relative to docs_src/), which template, and what it is given."""

    path: str
    template: str
    context: Mapping[str, Any]
