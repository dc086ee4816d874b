"""Find the article inside a full-page text dump (every menu, footer, teaser and cookie notice as a line).

A page's article is its densest run of prose. Each line gets a score: a prose line (long, or a sentence of some
length) scores its word count, any other line costs a little (more for lines a pattern already marked as
boilerplate); the article is the run of lines with the highest total (the maximum-subarray idea of Finn et al.'s
Body Text Extraction, on lines instead of HTML tags). Short lines inside the run (subheadings, list items) stay;
short lines that share the article's words right after it (a closing list of key points) stay too.

Only text that looks like a dump is cut: many short lines outside the run. An article pasted on its own, with
a share bar or two, goes by the other rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from generator.text import content_words, ends_like_sentence, overlap, word_count

# A line is prose when it has this many words ...
PROSE_MIN_WORDS = 25
# ... or is a sentence (ends in . ! ? …) of at least this many.
SENTENCE_MIN_WORDS = 8
# A line where more than one word in this many is a figure is a list of figures.
_FIGURE = re.compile(r"(?<!\w)[(\[]?\d[\d.,:/%)\]-]*(?!\w)")
_FIGURE_SHARE_MAX = 3
# A teaser cut short ("Port strike called off after…"): a truncated headline's end, not a sentence's.
_CUT_SHORT = re.compile(r"(?:…|\.\.\.)[\"'”’)\]]*$")
# What a line that is not prose costs; a line a pattern marked as boilerplate costs more: a share bar or a label
# between the article and a footer's prose is a wall the article's run does not cross.
_SHORT_LINE_COST = 2.0
_BOILERPLATE_COST = 10.0
# A short line after the run still belongs to the article when this share of its words is the article's.
_RELATED_SHARE = 0.5
# Text is a page dump when at least this many short lines lie outside the article's run.
DUMP_MIN_OUTSIDE_LINES = 8


@dataclass(frozen=True)
class Span:
    """The article's lines: indexes `start` to `end` inclusive."""

    start: int
    end: int


def is_prose(text: str) -> bool:
    """Whether a line reads as running text rather than a menu item, label, headline or list of figures (an
    archive's "April 2022 (501) March 2022 (805) …" is long, but no prose)."""
    count = word_count(text)
    if count < SENTENCE_MIN_WORDS or len(_FIGURE.findall(text)) * _FIGURE_SHARE_MAX > count:
        return False
    return count >= PROSE_MIN_WORDS or (ends_like_sentence(text) and not _CUT_SHORT.search(text))


def line_score(text: str, boilerplate: bool) -> float:
    """Prose earns its words; anything else costs (menus and footers add up to a wall between prose runs)."""
    if boilerplate:
        return -_BOILERPLATE_COST
    if is_prose(text):
        return float(word_count(text))
    return -_SHORT_LINE_COST


def article_span(texts: Sequence[str], boilerplate: Sequence[bool]) -> Span | None:
    """Return the run of lines with the highest total score, or None when no line is prose."""
    best_total, best = 0.0, None
    total, start = 0.0, 0
    for index, (text, marked) in enumerate(zip(texts, boilerplate)):
        if total <= 0:
            total, start = 0.0, index
        total += line_score(text, marked)
        if total > best_total:
            best_total, best = total, Span(start, index)
    if best is None:
        return None
    return _with_closing_lines(texts, boilerplate, best)


def _with_closing_lines(texts: Sequence[str], boilerplate: Sequence[bool], span: Span) -> Span:
    """Extend the run over the short lines right after it that share the article's words (key points)."""
    vocabulary = {word for text in texts[span.start : span.end + 1] for word in content_words(text)}
    end = span.end
    while end + 1 < len(texts) and not boilerplate[end + 1] and not is_prose(texts[end + 1]) \
            and word_count(texts[end + 1]) >= 3 and overlap(texts[end + 1], vocabulary) >= _RELATED_SHARE:
        end += 1
    return Span(span.start, end)


def looks_like_dump(texts: Sequence[str], boilerplate: Sequence[bool], span: Span) -> bool:
    """Whether enough furniture lies outside the article's run for the text to be a whole page."""
    outside = sum(
        1 for index, (text, marked) in enumerate(zip(texts, boilerplate))
        if not (span.start <= index <= span.end) and not marked and not is_prose(text)
    )
    return outside >= DUMP_MIN_OUTSIDE_LINES
