"""Turn dated sentences into events: one per sentence, at its most precise date, with its topics."""

from __future__ import annotations

from typing import Sequence

from generator.config import Config
from .dates import resolve_dates
from .tense import TenseReader
from .extract import body_sentences
from generator.model import Article, DatedSentence, DateMention, Event
from generator.text import descending, short_hash, shorten
from .topics import find_terms

EVENT_TEXT_LIMIT = 220


def find_dated_sentences(
    paragraphs: tuple[str, ...], published: str | None, read_tense: TenseReader | None = None
) -> tuple[DatedSentence, ...]:
    """Return the article's sentences that hold temporal expressions, each with its resolved mentions (a weekday's
    week read from its verb's tense by `read_tense`, when given)."""
    dated = []
    for sentence in body_sentences(tuple(paragraphs)):
        mentions = resolve_dates(sentence, published, read_tense)
        if mentions:
            dated.append(DatedSentence(sentence, mentions))
    return tuple(dated)


def build_events(articles: Sequence[Article], config: Config) -> tuple[Event, ...]:
    """Return every event of the corpus, newest first: each sentence with a resolved date becomes one per date."""
    events = []
    for article in articles:
        seen: set[tuple[str, str]] = set()
        for dated in article.dated:
            for mention in _event_mentions(dated.mentions):
                key = (dated.sentence, mention.value or "")
                if key in seen:
                    continue
                seen.add(key)
                events.append(
                    Event(
                        id=f"event-{short_hash(article.id + '|' + (mention.value or '') + '|' + dated.sentence, 10)}",
                        date=mention.value or "",
                        precision=mention.precision,
                        text=shorten(dated.sentence, EVENT_TEXT_LIMIT),
                        sentence=dated.sentence,
                        article_id=article.id,
                        topics=_event_topics(dated.sentence, article, config),
                        expression=mention.expression,
                        derivation=mention.derivation,
                        ambiguous=mention.ambiguous,
                    )
                )
    events.sort(key=lambda event: (_newest_first(event.date), event.article_id, event.id))
    return tuple(events)


def _event_mentions(mentions: Sequence[DateMention]) -> list[DateMention]:
    """Return one mention per distinct date of a sentence, leaving out a date that contains a more precise one.

    "In 2025, starting in January last year" is one event in January 2025, not one in 2025 as well; "in October …
    claims of a ceasefire in May last year" is two events.
    """
    resolved = [mention for mention in mentions if mention.value]
    kept = []
    for mention in resolved:
        value = mention.value or ""
        if any(other.value != value and (other.value or "").startswith(value + "-") for other in resolved):
            continue
        if any(value == (other.value or "") for other in kept):
            continue
        kept.append(mention)
    return kept


def _event_topics(sentence: str, article: Article, config: Config) -> tuple[str, ...]:
    """Return the article's topics the sentence itself speaks of, else the article's main topic."""
    own = tuple(topic_id for topic_id in article.topic_ids if find_terms(config.topic(topic_id), sentence))
    if own:
        return own
    return article.topic_ids[:1]


def _newest_first(value: str) -> str:
    # Newest first; an event known only to the month ("2025-08") heads its month, one known to the year heads it.
    return descending(value + "~" * (10 - len(value)))
