"""Strip scraped boilerplate from a seed, keeping a record of every removed line and the rule that removed it.

Rules, in order:
1. a leading stamp glued to the first line ("date 2026-01-29 …") is cut off and its date kept;
2. named whole-line patterns from configuration (calls to action, ads, "Also Read", photo credits …);
3. lines that recur verbatim across several seeds (learned outlet boilerplate);
4. a line repeated inside the article (standfirst or headline printed twice) is kept once, where the body has it;
5. section labels above the headline;
6. after an end-of-article marker (a call to action, a "scroll for more" marker …) lines that do not continue the article;
7. a trailing run of headline-like lines that share little with the article (teaser lists);
8. a last paragraph that shares almost nothing with the article (a teaser for another story).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from .config import Config
from .model import CleanText, RemovedLine, Source
from .text import BYLINE, DATELINE, content_words, ends_like_sentence, overlap, word_count

logger = logging.getLogger(__name__)

# Invisible or odd spacing characters scrapers leave behind.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Light Markdown a .md seed may carry; its words are kept, the syntax is not.
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_LIST = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
# A line counts as a paragraph of the article (not a headline, label or byline) when it is this long ...
_PARAGRAPH_MIN_WORDS = 15
# ... or ends like a sentence and has at least this many words.
_SENTENCE_MIN_WORDS = 8
# Trailing headline-like lines are at most this long.
_HEADLINE_MAX_WORDS = 30
# An end marker ends the article only once this share of the body's words lies before it (share bars and
# calls to action also sit near the top).
_END_MARKER_MIN_SHARE = 0.6
# A byline is a short line: longer lines starting "By …" are sentences.
_BYLINE_MAX_CHARS = 75
# Seeds sharing more than this share of their lines are copies of one another, not an outlet's template.
_NEAR_DUPLICATE_SHARE = 0.5


@dataclass
class _Line:
    number: int
    text: str
    rule: str | None = None

    @property
    def kept(self) -> bool:
        return self.rule is None


def normalise_line(line: str) -> str:
    """Return a line with invisible characters removed and runs of spaces collapsed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def find_recurring_lines(sources: Iterable[Source], config: Config) -> frozenset[str]:
    """Return the short lines (case-folded) that occur verbatim in several seeds that are not copies of each other."""
    rules = config.cleaning
    line_sets: list[set[str]] = []
    for source in sources:
        lines = {_key(line) for line in _candidate_lines(source, config)}
        line_sets.append({line for line in lines if line})
    seeds_by_line: dict[str, list[int]] = defaultdict(list)
    for index, lines in enumerate(line_sets):
        for line in lines:
            if word_count(line) <= rules.recurring_line_max_words:
                seeds_by_line[line].append(index)
    recurring = set()
    for line, seeds in seeds_by_line.items():
        if len(seeds) < rules.recurring_line_min_seeds:
            continue
        distinct = [seeds[0]]
        for other in seeds[1:]:
            if all(_share(line_sets[other], line_sets[kept]) <= _NEAR_DUPLICATE_SHARE for kept in distinct[:10]):
                distinct.append(other)
        if len(distinct) >= rules.recurring_line_min_seeds:
            recurring.add(line)
    return frozenset(recurring)


def clean_text(source: Source, config: Config, recurring: frozenset[str] = frozenset()) -> CleanText:
    """Split a seed into header lines and body paragraphs, dropping boilerplate by the rules above."""
    rules = config.cleaning
    lines, stamp_date, removed_stamp = _split_lines(source, config)
    title = str(source.metadata.get("title") or "")
    for line in lines:
        line.rule = _pattern_rule(line.text, config)
        if line.rule is None and _key(line.text) in recurring:
            line.rule = "recurring-line"
        if line.rule is None and title and _key(line.text) == _key(title):
            line.rule = "repeated-headline"

    body_start = _find_body_start(lines, rules.header_markers)
    _drop_repeats(lines, body_start)
    for line in lines[:body_start]:
        if line.kept and _is_section_label(line.text, rules.section_labels):
            line.rule = "section-label"
    body = lines[body_start:]
    _drop_after_end_marker(body, lines, rules.end_markers, rules.min_overlap)
    if source.format != "html":
        # Guesses about where a scraped page's text ends; trafilatura has already cut an HTML page to its article,
        # so a loosely related last paragraph there is the article's own.
        _drop_trailing_headlines(body, lines, rules.min_overlap)
        _drop_unrelated_last_paragraph(body, lines, rules.min_overlap_last_paragraph)

    header = tuple(line.text for line in lines[:body_start] if line.kept)
    paragraphs = tuple(line.text for line in body if line.kept)
    removed = tuple(removed_stamp) + tuple(
        RemovedLine(line.number, line.text, line.rule) for line in lines if not line.kept
    )
    removed = tuple(sorted(removed, key=lambda item: item.line_no))
    return CleanText(source, header, paragraphs, removed, stamp_date)


def _key(line: str) -> str:
    return normalise_line(line).casefold()


def _share(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _candidate_lines(source: Source, config: Config) -> list[str]:
    lines, _, _ = _split_lines(source, config)
    return [line.text for line in lines]


def _split_lines(source: Source, config: Config) -> tuple[list[_Line], str | None, list[RemovedLine]]:
    """Number the non-empty lines, cut a leading stamp off the first one, and strip light Markdown."""
    lines: list[_Line] = []
    stamp_date: str | None = None
    removed: list[RemovedLine] = []
    for number, raw in enumerate(source.text.split("\n"), start=1):
        text = normalise_line(raw)
        if not text:
            continue
        if not lines and stamp_date is None:
            match = config.cleaning.leading_stamp.match(text)
            if match:
                stamp_date = match.group("date")
                removed.append(RemovedLine(number, text[: match.end()].strip(), "leading-date-stamp"))
                text = text[match.end() :].strip()
                if not text:
                    continue
        if source.format == "md":
            text = _strip_markdown(text)
            if not text:
                continue
        lines.append(_Line(number, text))
    return lines, stamp_date, removed


def _strip_markdown(text: str) -> str:
    text = _MD_HEADING.sub("", text)
    text = _MD_LIST.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return normalise_line(text.lstrip(">").strip())


def _pattern_rule(text: str, config: Config) -> str | None:
    return config.cleaning.line_patterns.first_match(text)


def _is_paragraph(text: str) -> bool:
    count = word_count(text)
    if count >= _PARAGRAPH_MIN_WORDS:
        return True
    if not ends_like_sentence(text):
        return False
    # A short sentence opening with a dateline ("NEW DELHI: India and US sign pact.") starts the body too.
    return count >= _SENTENCE_MIN_WORDS or (count >= 4 and bool(DATELINE.match(text)))


def _find_body_start(lines: Sequence[_Line], header_markers: frozenset[str]) -> int:
    """Return the index of the first paragraph of the article.

    A paragraph printed again later is a standfirst, not the start; so is a paragraph followed, before the next
    paragraph, by a byline, timestamp or share bar: those sit between the standfirst and the body.
    """
    later_keys: dict[str, int] = {}
    for index, line in enumerate(lines):
        if line.kept:
            later_keys[_key(line.text)] = index
    candidate: int | None = None
    for index, line in enumerate(lines):
        if line.kept and _is_paragraph(line.text) and later_keys[_key(line.text)] == index:
            if candidate is not None:
                return candidate  # a second paragraph: the body has begun
            candidate = index
        elif candidate is not None and (line.rule in header_markers or (line.kept and _is_byline(line.text))):
            candidate = None  # header furniture after it: that "paragraph" was a standfirst
    return candidate if candidate is not None else 0


def _drop_repeats(lines: Sequence[_Line], body_start: int) -> None:
    """Keep one copy of a repeated line: the first in the body, else the last in the header."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if line.kept:
            groups[_key(line.text)].append(index)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        in_body = [index for index in indexes if index >= body_start]
        keep = in_body[0] if in_body else indexes[-1]
        for index in indexes:
            if index != keep:
                lines[index].rule = "repeated-line"


def _is_section_label(text: str, labels: frozenset[str]) -> bool:
    bare = text.strip(" :|-–—").lower()
    if bare in labels:
        return True
    return len(bare.split()) == 1 and bare.isalpha() and not ends_like_sentence(text)


def _is_byline(text: str) -> bool:
    return len(text) <= _BYLINE_MAX_CHARS and bool(BYLINE.match(text))


def _vocabulary(lines: Sequence[_Line], exclude: set[int]) -> set[str]:
    vocabulary: set[str] = set()
    for line in lines:
        if line.kept and id(line) not in exclude:
            vocabulary.update(content_words(line.text))
    return vocabulary


def _drop_after_end_marker(body: Sequence[_Line], lines: Sequence[_Line], markers: frozenset[str], minimum: float) -> None:
    """After the first end marker that follows most of the article, drop lines that do not continue it."""
    total_words = sum(word_count(line.text) for line in body if line.kept)
    words_before = 0
    paragraphs_before = 0
    for position, line in enumerate(body):
        if line.kept:
            words_before += word_count(line.text)
            paragraphs_before += 1
            continue
        if line.rule in markers and paragraphs_before >= 2 and words_before >= total_words * _END_MARKER_MIN_SHARE:
            tail = [item for item in body[position + 1 :] if item.kept]
            vocabulary = _vocabulary(lines, {id(item) for item in tail})
            for item in tail:
                if overlap(item.text, vocabulary) < minimum:
                    item.rule = "after-end-marker"
            return


def _drop_trailing_headlines(body: Sequence[_Line], lines: Sequence[_Line], minimum: float) -> None:
    """Drop a trailing teaser list: headline-like lines after the last sentence that share little with the article.

    When most of the run is unrelated, all of it goes (a teaser list can hold a related headline); otherwise only
    the unrelated lines at its very end go, so a closing list of key points stays.
    """
    run: list[_Line] = []  # from the end backwards
    for line in reversed(body):
        if not line.kept:
            continue
        if ends_like_sentence(line.text) or word_count(line.text) > _HEADLINE_MAX_WORDS:
            break
        run.append(line)
    if not run or len(run) == sum(1 for line in body if line.kept):
        return  # never remove the whole body
    vocabulary = _vocabulary(lines, {id(item) for item in run})
    unrelated = [overlap(line.text, vocabulary) < minimum for line in run]
    if len(run) >= 2 and 2 * sum(unrelated) > len(run):
        for line in run:
            line.rule = "trailing-headline-list"
        return
    suffix = 0
    while suffix < len(run) and unrelated[suffix]:
        suffix += 1
    for line in run[:suffix]:
        line.rule = "trailing-headline-list" if suffix >= 2 else "trailing-unrelated-headline"


def _drop_unrelated_last_paragraph(body: Sequence[_Line], lines: Sequence[_Line], minimum: float) -> None:
    kept = [line for line in body if line.kept]
    if len(kept) < 3:
        return
    last = kept[-1]
    if overlap(last.text, _vocabulary(lines, {id(last)})) < minimum:
        last.rule = "trailing-unrelated-paragraph"
