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
    format: str = "txt"  # "txt" | "md" | "html"
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
    header_numbers: tuple[tuple[int, ...], ...] = ()  # the seed's line numbers behind each header line
    paragraph_numbers: tuple[tuple[int, ...], ...] = ()  # ... and behind each paragraph (wrapped lines re-flowed)

    def accounted_lines(self) -> tuple[int, ...]:
        """Every line number of the seed that reached the header, the body or the cleaning report."""
        numbers = [number for group in (*self.header_numbers, *self.paragraph_numbers) for number in group]
        return tuple(sorted({*numbers, *(removed.line_no for removed in self.removed)}))


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
    original_title: str | None = None  # the headline as written, when the title re-cased it (all capitals)


@dataclass(frozen=True)
class TopicEvidence:
    """Why an article was put into a topic: the terms matched, how often, and the sentences they were in."""

    topic_id: str
    score: float
    terms: tuple[tuple[str, int], ...]  # (term, mentions), highest first
    sentences: tuple[str, ...]
    origin: str = "text"  # "text" | "front matter"


@dataclass(frozen=True)
class DateMention:
    """A temporal expression in a sentence and the absolute date it stands for (None when it cannot be resolved)."""

    expression: str  # as written: "August last year"
    value: str | None  # "2025", "2025-08" or "2025-08-14"; None when unresolved
    precision: str  # "year" | "month" | "day"
    rule: str  # the rule that matched, e.g. "month relative year"
    derivation: str  # how the value was reached, for the reader
    ambiguous: bool  # another reading was possible; `derivation` names it
    start: int
    end: int


@dataclass(frozen=True)
class DatedSentence:
    """A sentence of an article with the temporal expressions found in it."""

    sentence: str
    mentions: tuple[DateMention, ...]


@dataclass(frozen=True)
class PersonMention:
    """A person named in an article's text, as written, with the role the text gives them there."""

    name: str  # the name as written, titles stripped: "J Q Doe", "Doe"
    role: str  # "Trade Minister", or "" when this mention gives none
    sentence: str
    how: str  # the rule that found it: "title", "speech verb", "list", "known", "alias"


@dataclass(frozen=True)
class OrganisationMention:
    """A company, government body or international body named in an article's text, as written."""

    name: str  # as written, a leading "the" dropped: "Office of the Nickel Regulator", "ONR"
    kind: str  # "company" | "government body" | "international body" | "" (not known)
    sentence: str
    how: str  # the rule that found it: "known", "legal form", "head word", "recogniser", "acronym"
    acronym: str = ""  # the short form the text gives in brackets right after the name: "(ONR)"


@dataclass(frozen=True)
class Quote:
    """Words the text puts in quotation marks and attributes to someone."""

    text: str  # the quoted words, without the marks
    speaker: str  # the speaker as the text names them ("Doe", "trade officials")
    sentence: str


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
    dated: tuple[DatedSentence, ...] = ()  # sentences with temporal expressions, in text order
    mentions: tuple[PersonMention, ...] = ()  # people named in the text, in text order
    quotes: tuple[Quote, ...] = ()
    organisations: tuple[OrganisationMention, ...] = ()  # organisations named in the text, in text order

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
class Event:
    """Something the text dates: the sentence, its resolved date and how the date was derived."""

    id: str
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    precision: str
    text: str  # the sentence, shortened
    sentence: str
    article_id: str
    topics: tuple[str, ...]
    expression: str
    derivation: str
    ambiguous: bool


@dataclass(frozen=True)
class PersonRole:
    """The role an article gives a person, as of that article's date."""

    article_id: str
    date: str | None
    role: str


@dataclass(frozen=True)
class Person:
    """Someone the articles name, with every variant of the name merged into one entry."""

    id: str
    name: str  # canonical name
    aliases: tuple[str, ...]  # other forms seen in the text or given in configuration
    role: str  # the role as the newest article states it (or the configured one)
    roles: tuple[PersonRole, ...]  # per article, newest first
    article_ids: tuple[str, ...]  # newest first
    topics: tuple[str, ...]
    mentions: tuple[Citation, ...]  # every sentence naming them
    quotes: tuple[tuple[Quote, str], ...]  # (quote, article id)
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # article id -> forms used there


@dataclass(frozen=True)
class Organisation:
    """A company, government body or international body the articles name, its variants merged into one entry."""

    id: str
    name: str  # canonical name: the configured one, else the fullest form the articles use most
    kind: str  # "company" | "government body" | "international body" | ""
    aliases: tuple[str, ...]  # other forms: "ONR", "Acme"
    article_ids: tuple[str, ...]  # newest first
    topics: tuple[str, ...]
    mentions: tuple[Citation, ...]  # every sentence naming it
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # article id -> forms used there


@dataclass(frozen=True)
class Fact:
    """Something several sources report: one sentence per source saying it."""

    sentences: tuple[Citation, ...]  # one per article, the story's order

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Return the articles reporting this fact."""
        return tuple(citation.article_id for citation in self.sentences)


@dataclass(frozen=True)
class Claim:
    """A checkable detail (a figure, a date, a quote) and which articles report it."""

    kind: str  # "figure" | "date" | "quote"
    value: str  # normalised: "50%", "March 3", "constructive"
    article_ids: tuple[str, ...]
    sentences: tuple[Citation, ...]


@dataclass(frozen=True)
class Difference:
    """Sources reporting the same fact with different figures."""

    fact: Fact
    values: tuple[tuple[str, str], ...]  # (article id, the figures it gives)


@dataclass(frozen=True)
class Story:
    """One event covered by several articles: where they agree, what only one says, where they differ."""

    id: str
    title: str
    article_ids: tuple[str, ...]  # oldest first (the order the story unfolded)
    shared: tuple[Fact, ...]
    single_source: tuple[Citation, ...]
    claims: tuple[Claim, ...]
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class Copy:
    """Another seed holding (nearly) the same text as an article: where and when it appeared, and what it changed."""

    source_path: str
    article_id: str  # the id it would have had as an article of its own
    title: str
    outlet: str | None
    date: str | None
    url: str | None
    added: tuple[str, ...]  # sentences of the copy the article lacks (the first few)
    dropped: tuple[str, ...]  # sentences of the article the copy lacks (the first few)


@dataclass(frozen=True)
class Corpus:
    """Everything analysed and linked: what the pages and `briefing.json` are made from."""

    articles: tuple[Article, ...]  # newest first, undated last
    topics: tuple[Topic, ...]  # taxonomy order
    related: Mapping[str, tuple[str, ...]]  # article id -> related article ids, best first
    by_id: Mapping[str, Article] = field(default_factory=dict)  # article id -> article
    events: tuple[Event, ...] = ()  # newest first
    people: tuple[Person, ...] = ()  # most mentioned first
    stories: tuple[Story, ...] = ()  # newest first
    # Reverse indexes, article id -> what it belongs to (computed once when the corpus is linked).
    story_of: Mapping[str, Story] = field(default_factory=dict)
    people_of: Mapping[str, tuple[Person, ...]] = field(default_factory=dict)  # most cited first
    events_of: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)  # newest first
    organisations: tuple[Organisation, ...] = ()  # most cited first
    organisations_of: Mapping[str, tuple[Organisation, ...]] = field(default_factory=dict)  # most cited first
    copies: Mapping[str, tuple[Copy, ...]] = field(default_factory=dict)  # article id -> its other copies, oldest first
    similar: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # id -> (id, cosine), best first

    def article(self, article_id: str) -> Article:
        """Return the article with this id."""
        return self.by_id[article_id]


@dataclass(frozen=True)
class Page:
    """One page to write: where it goes (relative to docs_src/), which template, and what it is given."""

    path: str
    template: str
    context: Mapping[str, Any]
    origin: str = ""  # what the page is made from, for messages ("the article from seeds/x.txt")
    sources: tuple[str, ...] = ()  # the seeds it is made from; () for pages made from the whole corpus

    @property
    def described(self) -> str:
        """Return what messages call this page: its origin, else its path."""
        return self.origin or f"the generated page {self.path}"
