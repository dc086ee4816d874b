"""Handouts: one self-contained HTML file per topic and per story, to take into a meeting with no network.

Every handout is a single file: CSS inlined, no script, no font or image from anywhere, and a Content-Security-
Policy that forbids any request even if a template were wrong. Everything it says cites a numbered source.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from jinja2 import Environment
from markupsafe import Markup

from generator.publish.pages.article import opens_with
from generator.publish.pages.rows import display_date
from generator.config import Config
from generator.analyse.extract import body_sentences
from generator.model import Article, Corpus, Event, Page, Story, Topic
from generator.publish.pages.story import story_charts
from generator.publish.pages.topic import topic_charts
from generator.analyse.stories import figures_in
from generator.text import SAFE_URL, is_table, shown_name
from generator.publish.tables import html_table

HANDOUT_TEMPLATE = "handout.html.j2"
HANDOUTS_INDEX_TEMPLATE = "handouts_index.html.j2"
HANDOUT_STYLESHEET = "handout.css"
HANDOUTS_INDEX = "index.html"
KEY_FACTS_LIMIT = 8
PEOPLE_LIMIT = 12
PAPER_SIZES = {"auto": "auto", "a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class HandoutOptions:
    """What the person asked for: the build date printed on each handout, brevity, paper, how many articles."""

    built_on: str  # ISO date
    brief: bool = False  # summaries only, no article text
    paper: str = "auto"  # a key of PAPER_SIZES; "auto" follows the printer's paper (A4 or Letter)
    max_articles: int = 30  # newest articles of a topic in full; 0 = all


def handout_name(kind: str, identifier: str) -> str:
    """Return the file name of a topic's or a story's handout."""
    return f"{identifier}.html" if kind == "topic" else f"story-{identifier}.html"


def build_handouts(
    corpus: Corpus, config: Config, options: HandoutOptions, moved_stories: Mapping[str, Story] | None = None
) -> tuple[Page, ...]:
    """Return one handout page per topic with articles, one per multi-source story, and the index linking them.

    A topic with no article gets no handout: a file saying only "nothing here" is not worth attaching. A story
    handout whose name changed (`moved_stories`: old story id -> the story now) is listed on the index under its
    old name with the file it is now, since copies of the old file are in people's inboxes.
    """
    covered = [topic for topic in corpus.topics if topic.article_ids]
    pages = [
        Page(handout_name("topic", topic.id), HANDOUT_TEMPLATE, _topic_handout(topic, corpus, config, options))
        for topic in covered
    ]
    stories = [story for story in corpus.stories if len(story.article_ids) > 1]
    pages += [
        Page(handout_name("story", story.id), HANDOUT_TEMPLATE, _story_handout(story, corpus, config, options))
        for story in stories
    ]
    index = {
        **_common(config, options, "Handouts", "Handouts"),
        "topics": [
            {"name": topic.name, "href": handout_name("topic", topic.id), "count": len(topic.article_ids),
             "description": topic.description}
            for topic in covered
        ],
        "stories": [
            {"name": story.title, "href": handout_name("story", story.id), "count": len(story.article_ids)}
            for story in stories
        ],
        "renamed": [
            {"old": handout_name("story", old_id), "name": story.title, "href": handout_name("story", story.id)}
            for old_id, story in sorted((moved_stories or {}).items())
            if len(story.article_ids) > 1
        ],
    }
    pages.append(Page(HANDOUTS_INDEX, HANDOUTS_INDEX_TEMPLATE, index))
    return tuple(pages)


def render_handouts(
    pages: Sequence[Page], environment: Environment, advance: Callable[[int], None] = lambda done: None
) -> dict[str, str]:
    """Render each handout with the stylesheet inlined; `advance(done)` follows along (a progress bar)."""
    stylesheet = environment.loader.get_source(environment, HANDOUT_STYLESHEET)[0]
    rendered = {}
    for page in pages:
        rendered[page.path] = environment.get_template(page.template).render(**page.context, stylesheet=Markup(stylesheet))
        advance(len(rendered))
    return rendered


# --- contexts ---------------------------------------------------------------------------------------------------


def _common(config: Config, options: HandoutOptions, kind: str, title: str) -> dict[str, Any]:
    return {
        "site_title": config.site.title,
        "kind": kind,
        "title": title,
        "built_on": display_date(options.built_on),
        "built_iso": options.built_on,
        "page_size": PAPER_SIZES[options.paper],
        "brief": options.brief,
    }


def _topic_handout(topic: Topic, corpus: Corpus, config: Config, options: HandoutOptions) -> dict[str, Any]:
    members = [corpus.article(article_id) for article_id in topic.article_ids]  # newest first
    cited = {citation.article_id for citation in topic.synthesis}
    limit = options.max_articles or len(members)
    included = [article for position, article in enumerate(members) if position < limit or article.id in cited]
    number = {article.id: position + 1 for position, article in enumerate(included)}
    events = [event for event in corpus.events if topic.id in event.topics and event.article_id in number]
    return {
        **_common(config, options, "Topic briefing", topic.name),
        "description": topic.description,
        "coverage": _coverage(included, len(members)),
        "synthesis_heading": "State of play",
        "charts": [chart for key, chart in topic_charts(topic, corpus, config.site.own_page_articles).items() if key.endswith("_chart") and chart],
        "synthesis": [{"sentence": c.sentence, "sources": [number[c.article_id]]} for c in topic.synthesis],
        "key_facts": _key_facts(included, number),
        "differences": [],
        "single_source": [],
        **_shared_sections(included, events, corpus, options),
        "omitted": len(members) - len(included),
    }


def _story_handout(story: Story, corpus: Corpus, config: Config, options: HandoutOptions) -> dict[str, Any]:
    included = [corpus.article(article_id) for article_id in story.article_ids]  # oldest first
    number = {article.id: position + 1 for position, article in enumerate(included)}
    events = [event for article in included for event in corpus.events_of.get(article.id, ())]
    return {
        **_common(config, options, "Story: sources compared", story.title),
        "description": f"One event as {len(included)} sources report it.",
        "coverage": _coverage(included, len(included)),
        "synthesis_heading": "Reported by several sources",
        "charts": [chart for chart in story_charts(story, corpus, {key: str(value) for key, value in number.items()}).values() if chart],
        "synthesis": [
            {"sentence": fact.sentences[0].sentence, "sources": [number[c.article_id] for c in fact.sentences]}
            for fact in story.shared
        ],
        "key_facts": [
            {"values": [claim.value], "kind": claim.kind, "sentence": claim.sentences[0].sentence,
             "sources": [number[article_id] for article_id in claim.article_ids]}
            for claim in story.claims
            if claim.kind in ("figure", "date")
        ][:KEY_FACTS_LIMIT],
        "differences": [
            {
                "values": [{"value": value, "source": number[article_id]} for article_id, value in difference.values],
            }
            for difference in story.differences
        ],
        "single_source": [{"sentence": c.sentence, "sources": [number[c.article_id]]} for c in story.single_source],
        **_shared_sections(included, events, corpus, options),
        "omitted": 0,
    }


def _shared_sections(
    included: Sequence[Article], events: Sequence[Event], corpus: Corpus, options: HandoutOptions
) -> dict[str, Any]:
    """Return the sections every handout has: timeline (oldest first), people, organisations, articles and
    numbered sources."""
    number = {article.id: position + 1 for position, article in enumerate(included)}
    return {
        "timeline": [
            {"date": display_date(event.date), "iso": event.date, "text": event.text, "sources": [number[event.article_id]]}
            for event in sorted(events, key=lambda event: (event.date, event.id))
        ],
        "people": _people(included, corpus),
        "organisations": _organisations(included, corpus),
        "articles": [_article_entry(article, number[article.id], options) for article in included],
        "sources": [_source_entry(article, number[article.id]) for article in included],
    }


def _coverage(included: Sequence[Article], total: int) -> str:
    dates = sorted(article.meta.date for article in included if article.meta.date)
    outlets = {article.meta.outlet for article in included if article.meta.outlet}
    parts = [f"{len(included)} article{'s' if len(included) != 1 else ''}"]
    if total > len(included):
        parts[0] += f" (the newest of {total})"
    if outlets:
        parts.append(f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}")
    if dates:
        span = display_date(dates[0]) if dates[0] == dates[-1] else f"{display_date(dates[0])} to {display_date(dates[-1])}"
        parts.append(span)
    undated = sum(1 for article in included if not article.meta.date)
    if undated:
        parts.append(f"{undated} undated")
    return " · ".join(parts)


def _key_facts(articles: Sequence[Article], number: dict[str, int]) -> list[dict[str, Any]]:
    """Return the figures the articles give, those most sources give first, each with the newest sentence."""
    reported: dict[str, dict[str, str]] = defaultdict(dict)  # figure -> article id -> first sentence giving it
    for article in articles:
        for sentence in body_sentences(article.paragraphs):
            for value in figures_in(sentence):
                reported[value].setdefault(article.id, sentence)
    # A count such as "3-day" or "12-member" is a detail, not a key fact, unless several sources give it.
    kept = {value: by_article for value, by_article in reported.items() if not _is_count(value) or len(by_article) > 1}
    ranked = sorted(kept.items(), key=lambda item: (-len(item[1]), min(number[a] for a in item[1]), item[0]))
    facts: list[dict[str, Any]] = []
    by_sentence: dict[str, dict[str, Any]] = {}
    for value, by_article in ranked:
        newest = min(by_article, key=number.__getitem__)
        sentence = by_article[newest]
        sources = sorted(number[article_id] for article_id in by_article)
        if sentence in by_sentence:  # one sentence giving several figures is one fact
            fact = by_sentence[sentence]
            fact["values"].append(value)
            fact["sources"] = sorted(set(fact["sources"]) | set(sources))
            continue
        if len(facts) == KEY_FACTS_LIMIT:
            continue
        fact = {"values": [value], "kind": "figure", "sentence": sentence, "sources": sources}
        by_sentence[sentence] = fact
        facts.append(fact)
    return facts


def _is_count(value: str) -> bool:
    return not value.endswith("%") and "-" in value and value.split("-", 1)[0].isdigit()


def _people(articles: Sequence[Article], corpus: Corpus) -> list[dict[str, str]]:
    ranked = _most_named(articles, corpus.people_of)
    return [{"name": person.name, "role": person.role} for person in ranked[:PEOPLE_LIMIT]]


def _organisations(articles: Sequence[Article], corpus: Corpus) -> list[dict[str, str]]:
    ranked = _most_named(articles, corpus.organisations_of)
    return [{"name": organisation.name, "kind": organisation.kind} for organisation in ranked[:PEOPLE_LIMIT]]


def _most_named(articles: Sequence[Article], named_in: Mapping[str, Sequence[Any]]) -> list[Any]:
    """Return the people (or organisations) these articles name, those named in most of them first."""
    counts: dict[str, int] = defaultdict(int)
    found = {}
    for article in articles:
        for item in named_in.get(article.id, ()):
            counts[item.id] += 1
            found[item.id] = item
    return sorted(found.values(), key=lambda item: (-counts[item.id], -len(item.mentions), item.name))


def _article_entry(article: Article, number: int, options: HandoutOptions) -> dict[str, Any]:
    meta = article.meta
    return {
        "number": number,
        "title": meta.title,
        "outlet": meta.outlet or "unknown outlet",
        "date": display_date(meta.date) if meta.date else "undated",
        "author": meta.author,
        "standfirst": meta.standfirst,
        # In full, a text that opens with the summary shows it once; a brief handout keeps the summary alone.
        "summary": article.summary if options.brief or not opens_with(article.paragraphs, article.summary) else "",
        # A table is a mapping holding its HTML (the template shows it as it is); other paragraphs are text.
        "paragraphs": [] if options.brief else [
            {"table": html_table(paragraph)} if is_table(paragraph) else paragraph for paragraph in article.paragraphs
        ],
    }


def _source_entry(article: Article, number: int) -> dict[str, Any]:
    meta = article.meta
    return {
        "number": number,
        "outlet": meta.outlet or "Outlet unknown",
        "title": meta.title,
        "date": display_date(meta.date) if meta.date else "undated",
        "author": meta.author,
        "url": meta.url if meta.url and SAFE_URL.match(meta.url) else None,
        "seed": shown_name(article.source_path),
    }
