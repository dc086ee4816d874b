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

import hashlib
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from generator.config import Config
from .furniture import article_span, is_prose, looks_like_dump
from .tables import find_tables, table_text
from .page import BOX_OPENERS, classify_header, is_byline, mark_author_bios, mark_boxes, mark_outlet_line, menu_kind
from generator.model import CleanText, RemovedLine, Source
from generator.text import (
    BYLINE, DATED_DATELINE, DATELINE, content_words, ends_like_sentence, is_table, overlap, word_count,
)

logger = logging.getLogger(__name__)

# Invisible or odd spacing characters scrapers leave behind.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Light Markdown a .md seed may carry; its words are kept, the syntax is not.
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_LIST = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
# The target may hold balanced parentheses ("…/Treaty_(1957)"); each character matches one way only, so it is linear.
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
# A line counts as a paragraph of the article (not a headline, label or byline) when it is this long ...
_PARAGRAPH_MIN_WORDS = 15
# ... or ends like a sentence and has at least this many words.
_SENTENCE_MIN_WORDS = 8
# A line without a sentence's end is a paragraph only when it is this long (headlines run to 25 words or so).
_UNPUNCTUATED_PARAGRAPH_MIN_WORDS = 32
# Trailing headline-like lines are at most this long.
_HEADLINE_MAX_WORDS = 30
# An end marker ends the article only once this share of the body's words lies before it (share bars and
# calls to action also sit near the top).
_END_MARKER_MIN_SHARE = 0.6
# Rounds of marking summary boxes and finding the body's start again (each box moves the start past it).
_BOX_ROUNDS = 4
# A byline is a short line: longer lines starting "By …" are sentences.
_BYLINE_MAX_CHARS = 75
# Seeds sharing more than this share of their lines are copies of one another, not an outlet's template.
_NEAR_DUPLICATE_SHARE = 0.5


@dataclass
class _Line:
    """A logical line: one physical line, or the wrapped lines of one paragraph joined back together."""

    number: int  # the first physical line's number
    text: str
    rule: str | None = None
    raw: str = ""  # the physical line as written (its spacing sets menu items and table cells apart)
    indent: int = 0  # leading spaces of the last physical line
    width: int = 0  # length of the last physical line, indentation included
    blank_before: bool = False
    parts: list[tuple[int, str]] = field(default_factory=list)  # (line number, text) of each physical line

    @property
    def kept(self) -> bool:
        return self.rule is None

    def removed(self) -> list[RemovedLine]:
        """One report entry per physical line, so every line of the seed is accounted for."""
        return [RemovedLine(number, text, self.rule or "") for number, text in self.parts or [(self.number, self.text)]]

    def numbers(self) -> tuple[int, ...]:
        return tuple(number for number, _ in self.parts) or (self.number,)


def normalise_line(line: str) -> str:
    """Return a line with invisible characters removed and runs of spaces collapsed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def find_recurring_lines(sources: Iterable[Source], config: Config) -> frozenset[str]:
    """Return the short lines (case-folded) that occur verbatim in several seeds that are not copies of each other."""
    return frozenset().union(*recurring_lines_by_seed(list(sources), config).values())


@dataclass(frozen=True)
class LineSet:
    """A seed's lines as the search for recurring lines compares them: the short ones (which may be boilerplate)
    as text, the longer ones as digests, since only how many a seed shares with another counts for them."""

    short: frozenset[str]
    long: frozenset[str]


def seed_line_set(source: Source, config: Config) -> LineSet:
    """The lines of one seed that recurring_lines_by_seed compares (normalised, datelines and tables left out).

    It depends on the seed and the configuration alone, so it can be kept between runs (analyse/cache.py)."""
    short, long = set(), set()
    for line in _candidate_lines(source, config):
        if DATED_DATELINE.match(line) or is_table(line):
            continue
        key = _key(line)
        if not key:
            continue
        if word_count(key) <= config.cleaning.recurring_line_max_words:
            short.add(key)
        else:
            long.add(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest())
    return LineSet(frozenset(short), frozenset(long))


def recurring_lines_by_seed(
    sources: Sequence[Source], config: Config, known: Sequence[LineSet] | None = None
) -> dict[str, frozenset[str]]:
    """Return, per seed path, the recurring lines it holds: all its cleaning needs to know of the other seeds.
    `known` gives each seed's line set when it was kept from an earlier run (else it is read here)."""
    rules = config.cleaning
    given = list(known) if known is not None else [seed_line_set(source, config) for source in sources]
    line_sets = [found.short | found.long for found in given]
    seeds_by_line: dict[str, list[int]] = defaultdict(list)
    for index, found in enumerate(given):
        for line in found.short:
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
                    recurring.add(line)  # enough seeds that are not copies of each other: no need to count on
                    break
    return {source.path: found.short & recurring for source, found in zip(sources, given)}


def clean_text(source: Source, config: Config, recurring: frozenset[str] = frozenset()) -> CleanText:
    """Split a seed into header lines and body paragraphs, dropping boilerplate by the rules above."""
    rules = config.cleaning
    lines, stamp_date, removed_stamp = _split_lines(source, config)
    title = str(source.metadata.get("title") or "")
    for line in lines:
        if line.rule is None and _key(line.text) in recurring:
            line.rule = "recurring-line"
        if line.rule is None and title and _key(line.text) == _key(title):
            line.rule = "repeated-headline"

    # An HTML page went through trafilatura, Markdown is written, not scraped, and a wire story (hard-wrapped, or
    # opened by a dateline) has tables, not menus.
    copied_page = source.format == "txt" and not _reflowed(lines)
    if copied_page:
        for line in lines:
            if line.kept and not is_byline(line.text):
                line.rule = menu_kind(line.raw)
        body_start = _body_start_past_boxes(lines, rules.header_markers)
    else:
        body_start = _find_body_start(lines, rules.header_markers)
    for line in lines[body_start if copied_page else 0 :]:
        if line.rule == "summary-label":
            line.rule = None  # "Key points:" in the article is its own heading
    _keep_recurring_inside_article(lines, body_start)
    if copied_page and not _is_wire_story(lines):
        body_start = _drop_page_furniture(lines, body_start)
    _drop_repeats(lines, body_start)
    for line in lines[:body_start]:
        if line.kept and _is_section_label(line.text, rules.section_labels):
            line.rule = "section-label"
    if copied_page:
        headline = classify_header(lines, body_start)
        if headline is not None:
            mark_outlet_line(lines, headline, rules.section_labels)
        mark_author_bios(lines, body_start)
    body = lines[body_start:]
    _drop_after_end_marker(body, lines, rules.end_markers, rules.final_markers, rules.min_overlap)
    if source.format != "html" and not _reflowed(lines):
        # Guesses about where a scraped page's text ends; trafilatura has already cut an HTML page to its article,
        # so a loosely related last paragraph there is the article's own; hard-wrapped text (a wire story, a
        # mail) is no web page with teasers under it.
        _drop_trailing_headlines(body, lines, rules.min_overlap)
        _drop_unrelated_last_paragraph(body, lines, rules.min_overlap_last_paragraph)

    header = [line for line in lines[:body_start] if line.kept]
    paragraphs = [line for line in body if line.kept]
    removed = tuple(removed_stamp) + tuple(entry for line in lines if not line.kept for entry in line.removed())
    return CleanText(
        source,
        tuple(line.text for line in header),
        tuple(line.text for line in paragraphs),
        tuple(sorted(removed, key=lambda item: item.line_no)),
        stamp_date,
        tuple(line.numbers() for line in header),
        tuple(line.numbers() for line in paragraphs),
    )


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
    """Number the non-empty lines, cut a leading stamp off the first one, strip light Markdown, match the line
    join hard-wrapped lines back into their paragraphs, and match the line patterns."""
    lines: list[_Line] = []
    stamp_date: str | None = None
    removed: list[RemovedLine] = []
    blank_before = False
    for number, raw in enumerate(source.text.split("\n"), start=1):
        text = normalise_line(raw)
        if not text:
            blank_before = True
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
        expanded = raw.expandtabs(8).rstrip()
        indent = len(expanded) - len(expanded.lstrip())
        lines.append(_Line(number, text, None, raw.strip(), indent, len(expanded), blank_before, [(number, text)]))
        blank_before = False
    if source.format in ("txt", "md"):
        lines = _with_tables(lines)
    if source.format == "txt":  # Markdown and HTML carry their own paragraphs
        lines = reflow(lines)
    for line in lines:
        if not is_table(line.text):  # after re-flowing: a wrapped fragment is no whole line
            line.rule = _pattern_rule(line.text, config)
    return lines, stamp_date, removed


def _with_tables(lines: list[_Line]) -> list[_Line]:
    """Join each table's rows into one line (see `tables`): every row kept, in order, whatever rule comes next."""
    tables = find_tables(lines)
    if not tables:
        return lines
    joined: list[_Line] = []
    position = 0
    for first, last, block in tables:
        joined.extend(lines[position:first])
        rows = lines[first : last + 1]
        joined.append(_Line(rows[0].number, table_text(block), None, "", rows[-1].indent, max(row.width for row in rows),
                            rows[0].blank_before, [part for row in rows for part in row.parts]))
        position = last + 1
    joined.extend(lines[position:])
    return joined


def reflow(lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped text back into paragraphs; other text is returned as it is.

    Text is hard-wrapped when no line is wider than a terminal's and either most lines that are full (the next
    line's first word would not have fitted) end mid-sentence, or paragraphs start with an indent and go on at
    the margin. A line joins the one before when it starts at the margin after no blank line and either the one
    before was full or paragraphs are indent-started: short lines (lists, headings, bylines, table rows) and
    paragraphs that end early stay lines of their own.
    """
    if not lines or max(line.width for line in lines) > _WRAP_MAX_WIDTH * 2:
        return lines
    margin = min(line.indent for line in lines)  # continuation lines start at the margin; indented ones do not
    indent_started = _indent_started(lines, margin)
    width = _wrap_width(lines)
    if width is None and not indent_started:
        return lines
    joined: list[_Line] = []
    pieces: list[list[str]] = []  # each joined line's texts, joined once at the end (linear in the text)
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and line.indent == margin and not line.blank_before \
                and not is_table(pieces[-1][0]) and not is_table(line.text) and (
            indent_started or (width is not None and _is_full(previous, line, width))
        ):
            glue = "" if re.search(r"[^\W\d_]-$", pieces[-1][-1][-2:]) and line.text[:1].islower() else " "
            pieces[-1].append(glue + line.text)
            previous.width, previous.indent = line.width, line.indent
            previous.parts.append((line.number, line.text))
        else:
            joined.append(line)
            pieces.append([line.text])
    for line, texts in zip(joined, pieces):
        line.text = "".join(texts)
    return joined


def _indent_started(lines: Sequence[_Line], margin: int) -> bool:
    """Whether a paragraph starts indented and continues at the margin, mid-sentence (a wire story)."""
    continued = sum(
        1 for previous, line in zip(lines, lines[1:])
        if previous.indent > margin and line.indent == margin and not line.blank_before
        and not _ENDS_CLAUSE.search(previous.text) and line.text[:1].isalnum()
    )
    return continued >= 1 and max(line.width for line in lines) <= _WRAP_MAX_WIDTH


# Wrapped text is at most this wide; wider lines are paragraphs an editor or scraper left on one line.
_WRAP_MAX_WIDTH = 120
_WRAP_MIN_FULL_LINES = 2
_WRAP_SLACK = 0.1
# Share of full lines that must end mid-sentence for the text to count as wrapped (one-sentence lines do not).
_WRAP_MID_SENTENCE_SHARE = 0.3
_ENDS_CLAUSE = re.compile(r"[.!?:;\"'”’)\]]$")


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _is_full(line: _Line, following: _Line, width: int) -> bool:
    """Whether the next line's first word would (nearly) have fitted: wrapping tools leave a ragged margin."""
    return line.width + 1 + len(_first_word(following.text)) > width * (1 - _WRAP_SLACK)


def _wrap_width(lines: Sequence[_Line]) -> int | None:
    """Return the width the text was wrapped at, or None when it is not hard-wrapped."""
    widths = sorted(line.width for line in lines if " " in line.text)
    if len(widths) < _WRAP_MIN_FULL_LINES + 1:
        return None
    width = widths[(len(widths) * 19) // 20]  # the 95th percentile: a stray long line (a URL) does not set it
    if width > _WRAP_MAX_WIDTH:
        return None
    full = [line for line, following in zip(lines, lines[1:])
            if not following.blank_before and _is_full(line, following, width)]
    if len(full) < _WRAP_MIN_FULL_LINES:
        return None
    mid_sentence = sum(1 for line in full if not _ENDS_CLAUSE.search(line.text))
    return width if mid_sentence >= len(full) * _WRAP_MID_SENTENCE_SHARE else None


def _strip_markdown(text: str) -> str:
    text = _MD_HEADING.sub("", text)
    text = _MD_LIST.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return normalise_line(text.lstrip(">").strip())


# A sentence reporting speech ("…, a dealer in Mumbai said.") is the article's, whatever it starts like.
_REPORTED_SPEECH_END = re.compile(r"\b(?:said|says|told [\w ]{1,30}|added|according to [\w .]{1,40})[.!]?[\"'”’]?$")


def _pattern_rule(text: str, config: Config) -> str | None:
    if _REPORTED_SPEECH_END.search(text) and word_count(text) >= _SENTENCE_MIN_WORDS:
        return None
    return config.cleaning.line_patterns.first_match(text)


def _is_paragraph(text: str, page: bool = False) -> bool:
    """Whether a line is a paragraph of the article. On a copied page (`page`), a long headline or standfirst has
    no full stop, so a line without one is a paragraph only when it is longer than they are; elsewhere a line
    without one may be a hard-wrapped fragment of a paragraph."""
    count = word_count(text)
    if page and not ends_like_sentence(text):
        return count >= _UNPUNCTUATED_PARAGRAPH_MIN_WORDS
    if count >= _PARAGRAPH_MIN_WORDS:
        return True
    # A short sentence opening with a dateline ("NEW DELHI: India and US sign pact.") starts the body too.
    return count >= _SENTENCE_MIN_WORDS or (count >= 4 and bool(DATELINE.match(text)))


def _body_start_past_boxes(lines: Sequence[_Line], header_markers: frozenset[str]) -> int:
    """On a copied page, mark the boxes labels open and return where the body starts: a summary box's sentences
    may look like the body's start, and once the box is marked the body starts after it (a few rounds)."""
    start = _find_body_start(lines, header_markers, page=True)
    for _ in range(_BOX_ROUNDS):
        mark_boxes(lines, BOX_OPENERS, start)
        start, before = _find_body_start(lines, header_markers, page=True), start
        if start == before:
            break
    return start


def _find_body_start(lines: Sequence[_Line], header_markers: frozenset[str], page: bool = False) -> int:
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
        if line.kept and DATED_DATELINE.match(line.text):
            return index  # a wire dateline ("SALVADOR, Feb 26 -") opens the body, whatever follows it
        if line.kept and _is_paragraph(line.text, page) and later_keys[_key(line.text)] == index:
            if candidate is not None:
                return candidate  # a second paragraph: the body has begun
            candidate = index
        elif candidate is not None and (line.rule in header_markers or (line.kept and _is_byline(line.text))):
            candidate = None  # header furniture after it: that "paragraph" was a standfirst
    if candidate is not None:
        return candidate
    # No paragraph at all: a report that is a table starts at its table, under its headline.
    return next((index for index, line in enumerate(lines) if line.kept and is_table(line.text)), 0)


def _reflowed(lines: Sequence[_Line]) -> bool:
    """Whether the text was hard-wrapped (some logical line joins several physical ones)."""
    return any(len(line.parts) > 1 and not is_table(line.text) for line in lines)


def _is_wire_story(lines: Sequence[_Line]) -> bool:
    return _reflowed(lines) or any(DATED_DATELINE.match(line.text) for line in lines)


def _drop_page_furniture(lines: Sequence[_Line], body_start: int) -> int:
    """In a full-page dump, drop every line around the article's run of prose; return where the body starts.

    Above the run, the header is left to `page.classify_header`, which finds the headline among it.
    """
    texts = [line.text for line in lines]
    marked = [not line.kept for line in lines]
    span = article_span(texts, marked)
    if span is None or not looks_like_dump(texts, marked, span):
        return body_start
    for line in lines[span.end + 1 :]:
        if line.kept:
            line.rule = "page-furniture"
    _drop_link_lists(lines[span.start : span.end + 1])
    return span.start


def _drop_link_lists(lines: Sequence[_Line]) -> None:
    """Inside a page's article, the short lines under a "Related" label up to the next prose are its links."""
    in_list = False
    for line in lines:
        if line.rule == "also-read":
            in_list = True
        elif is_prose(line.text):
            in_list = False
        elif in_list and line.kept:
            line.rule = "related-links"


def _keep_recurring_inside_article(lines: Sequence[_Line], body_start: int) -> None:
    """Keep recurring lines between the body's first line and its last line of content: there they are the
    article's own (a follow-up repeating an earlier story's paragraphs, a wire template's "Record March 13"),
    not an outlet's furniture, which sits around the article."""
    last_content = max(
        (index for index, line in enumerate(lines)
         if index > body_start and _is_content(line) and (line.kept or line.rule == "recurring-line")),
        default=-1,
    )
    for line in lines[body_start + 1 : last_content + 1]:
        if line.rule == "recurring-line":
            line.rule = None


def _is_content(line: _Line) -> bool:
    """A paragraph, a sentence or a line with figures: what an outlet's menus and footers are not."""
    return _is_paragraph(line.text) or (
        word_count(line.text) >= 2 and (ends_like_sentence(line.text) or bool(_NUMBER.search(line.text)))
    )


def _drop_repeats(lines: Sequence[_Line], body_start: int) -> None:
    """Keep one copy of a repeated line: the headline where it heads the article (never again as the body's
    first paragraph), else the first copy in the body (a standfirst printed twice), else the last in the header."""
    headline = next((index for index in range(body_start) if lines[index].kept), None)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        if line.kept:
            groups[_key(line.text)].append(index)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        in_body = [index for index in indexes if index >= body_start]
        keep = in_body[0] if in_body else indexes[-1]
        if headline in indexes and not _is_paragraph(lines[headline].text):
            keep = headline
        for index in indexes:
            if index != keep:
                lines[index].rule = "repeated-headline" if keep == headline else "repeated-line"


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


def _drop_after_end_marker(
    body: Sequence[_Line], lines: Sequence[_Line], ends: frozenset[str], final: frozenset[str], minimum: float
) -> None:
    """After the first end marker that follows most of the article, drop lines that do not continue it (after a
    final marker, every line: comments quote the article they are under)."""
    total_words = sum(word_count(line.text) for line in body if line.kept)
    words_before = 0
    paragraphs_before = 0
    for position, line in enumerate(body):
        if line.kept:
            words_before += word_count(line.text)
            paragraphs_before += 1
            continue
        ends_here = line.rule in ends or line.rule in final
        if ends_here and paragraphs_before >= 2 and words_before >= total_words * _END_MARKER_MIN_SHARE:
            tail = [item for item in body[position + 1 :] if item.kept]
            vocabulary = _vocabulary(lines, {id(item) for item in tail})
            for item in tail:
                if line.rule in final or overlap(item.text, vocabulary) < minimum:
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
        if ends_like_sentence(line.text) or word_count(line.text) > _HEADLINE_MAX_WORDS or _is_data_row(line.text) \
                or is_table(line.text):
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


_NUMBER = re.compile(r"(?<![\w.])\d[\d.,/:%-]*")


def _is_data_row(text: str) -> bool:
    """A row of figures ("North End: 13 hrs 15 hrs", "Record March 13"): a table's, not a teaser headline."""
    figures = len(_NUMBER.findall(text))
    return figures >= 1 and figures * 3 >= word_count(text)


def _drop_unrelated_last_paragraph(body: Sequence[_Line], lines: Sequence[_Line], minimum: float) -> None:
    """Drop a last line that shares almost nothing with the article and is no sentence (a teaser); a closing
    sentence is the article's own, however new its words."""
    kept = [line for line in body if line.kept]
    if len(kept) < 3:
        return
    last = kept[-1]
    if not is_table(last.text) and not ends_like_sentence(last.text) and overlap(last.text, _vocabulary(lines, {id(last)})) < minimum:
        last.rule = "trailing-unrelated-paragraph"
