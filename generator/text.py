"""Text helpers shared by the stages: sentences, words, overlap, slugs, length-capped snippets."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Sequence, TypeVar

from anyascii import anyascii

T = TypeVar("T")

# Abbreviations after which a full stop does not end a sentence (lower case, without the stop).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt maj capt sgt gov sen rep rev hon no nos vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ fig u.s u.k u.n e.g i.e rs
    """.split()
)

# Function words that carry no topic: left out of overlap and similarity measures.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just may me might more most must my no nor not now of
    off on once only or other our ours out over own said same says she should so some such than that the their
    theirs them then there these they this those through to too under until up upon very was we were what when
    where which while who whom why will with would you your yours year years new one two three last next week
    month months day days time per cent percent mr mrs ms dr according told added also including since amid""".split()
)

# "NEW DELHI:", "New Delhi:", "WASHINGTON (Reuters) -", "Washington, Jan 29 (PTI):" opening an article's body.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’/-]*(?:\s+[A-Z][\w.'’/-]*){0,3})"
    r"(?:,\s*[\w .]{1,25}?)?(?:\s*\([^)]{1,30}\))?\s*[:–—-]\s+(?=\S)"
)
# A wire dateline with the day of filing: "SALVADOR, Feb 26 -", "TREVISO, Italy, March 2 -" (the text may follow).
DATED_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’/-]*(?:[ ,]+[A-Za-z][\w.'’/-]*){0,4}),?\s+"
    r"(?P<date>(?i:jan|feb|mar|apr|may|june?|july?|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2})"
    r"(?:\s*\([^)]{1,30}\))?\s*[:–—-]+(?:\s+|$|(?=[A-Z]))"
)
# A line naming the writer: "By Jane Doe", "Written by Jane Doe | Outlet".
BYLINE = re.compile(r"^(?:by|written by|reported by|edited by)\s+(?P<name>\S.*)$", re.IGNORECASE)
# Suffixes stripped by `stem`, longest first; enough for overlap measures, not a linguistic stemmer.
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ied", "y"), ("ed", ""), ("es", ""), ("an", ""), ("s", ""))
_SENTENCE_END = re.compile(r"([.!?…]+[\"'”’)\]]*)(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Control characters (tab and newline aside): no text means them, HTML cannot carry them, and a terminal acts on them.
# With them the characters XML forbids (lone surrogates, U+FFFE, U+FFFF), which would break the feeds.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Bidirectional overrides, isolates and marks: they make a title or a name read other than it is ("Trojan Source").
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Zero-width and invisible characters that hide inside words, so a title can pass for another.
_ZERO_WIDTH = "\u180e\u200b\u2060-\u2064\ufeff"
_DISGUISING = re.compile(f"[{_BIDI_CONTROLS}{_ZERO_WIDTH}]")
# Zero-width (non-)joiners shape Indic and Arabic script and emoji; beside plain ASCII they only disguise.
_STRAY_JOINERS = re.compile("(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")
# What a terminal must never receive raw from a file name or a seed: control characters and the disguises above.
TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_ZERO_WIDTH}\u200c\u200d]")
# An address a page may link to: http(s) only, nothing that could close an attribute or start markup.
SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
_APOSTROPHES = re.compile("['’‘ʼ`´]")  # "India’s" becomes "indias", not "india-s"
# Scripts written without spaces, one syllable per character: each transliterates to its own slug word.
_SYLLABIC = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
# No real sentence is longer than this; a longer run of text without a full stop (a scraped table, a pasted log, a
# hostile seed) is cut into pieces of at most this size, so that every stage that repeats a sentence (events, dates,
# quotes, mentions, citations) costs at most this much per repeat and output stays linear in the input.
MAX_SENTENCE_CHARS = 1000
# Characters of context shown either side of a phrase listed on its own (an unresolved date).
CONTEXT_CHARS = 80
# How far back from a full stop the word before it is looked for (an abbreviation or an initial is short).
_LAST_WORD_WINDOW = 40


def strip_disguises(text: str) -> str:
    """Remove bidi overrides, zero-width characters and stray joiners, which no article needs and which disguise."""
    return _STRAY_JOINERS.sub("", _DISGUISING.sub("", text))


def shown_name(text: str) -> str:
    """Return a file name fit to show in a page or handout: control characters and disguises become "?"."""
    return TERMINAL_UNSAFE.sub("?", text)


# A table is one paragraph: its rows on lines of their own, its cells set apart by tabs (no other paragraph holds a
# tab or a line break: the cleaner collapses spacing).
TABLE_CELL = "\t"
TABLE_ROW = "\n"


def is_table(paragraph: str) -> bool:
    return TABLE_CELL in paragraph


def table_rows(paragraph: str) -> list[list[str]]:
    """The cells of each row of a table paragraph."""
    return [row.split(TABLE_CELL) for row in paragraph.split(TABLE_ROW)]


# An initial, or dotted initials run together ("S", "H.D", "J.R.R", before their last full stop): a name goes on.
_INITIALS = re.compile(r"[A-Za-z]|(?:[A-Z]\.){1,3}[A-Z]")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences without breaking after abbreviations or initials ("Dr. S. Rao")."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        # Only the last few characters: reading all of a long run of skipped stops each time would be quadratic.
        before = paragraph[max(start, match.start(1) - _LAST_WORD_WINDOW) : match.start(1)]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        token = last_word.lower().rstrip(".")
        if match.group(1) == "." and (token in ABBREVIATIONS or _INITIALS.fullmatch(last_word)):
            continue
        sentences.extend(_bounded(paragraph[start : match.end(1)].strip()))
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.extend(_bounded(tail))
    return sentences


def _bounded(sentence: str) -> list[str]:
    """Cut a run of text longer than MAX_SENTENCE_CHARS into pieces at spaces (anywhere, if it has none)."""
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence] if sentence else []
    pieces = []
    start = 0
    while len(sentence) - start > MAX_SENTENCE_CHARS:
        end = start + MAX_SENTENCE_CHARS
        cut = sentence.rfind(" ", start + MAX_SENTENCE_CHARS // 2, end + 1)
        cut = cut if cut > 0 else end
        pieces.append(sentence[start:cut].strip())
        start = cut
    pieces.append(sentence[start:].strip())
    return [piece for piece in pieces if piece]


def words(text: str) -> list[str]:
    """Return the words of a text in lower case, possessive "'s" dropped."""
    return [word[:-2] if word.endswith(("'s", "’s")) else word for word in _WORD.findall(text.lower())]


@lru_cache(maxsize=100_000)
def content_words(text: str) -> tuple[str, ...]:
    """Return the stems of the words that carry meaning: not stop words, single letters or bare numbers.

    Cached: linking reads the same sentences for topics, related articles and stories.
    """
    return tuple(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1 and not w.isdigit())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Reduce a word to a crude stem so "tariffs", "tariff" and "India", "Indian" compare equal."""
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


def overlap(text: str, vocabulary: set[str]) -> float:
    """Return the share of `text`'s content words that occur in `vocabulary` (1.0 for a text with none)."""
    mine = set(content_words(text))
    if not mine:
        return 1.0
    return len(mine & vocabulary) / len(mine)


def word_count(text: str) -> int:
    """Return how many words a text has."""
    return len(text.split())


def ends_like_sentence(line: str) -> bool:
    """Return True when a line ends with sentence punctuation (headlines and labels usually do not)."""
    return bool(_TERMINAL.search(line.strip()))


def shorten(text: str, limit: int) -> str:
    """Cap a text at `limit` characters on a word boundary, preferring a clause boundary, adding "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    clause = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" – "), cut.rfind(" — "))
    if clause >= limit * 0.55:
        return cut[:clause].rstrip(" ,;–—") + "…"
    space = cut.rfind(" ")
    if space <= 0:
        return cut[:limit].rstrip() + "…"
    return cut[:space].rstrip(" ,;:–—-") + "…"


def context_around(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """Return text[start:end] with at most `width` characters either side, cut at spaces and marked with "…".

    A phrase is shown in its context this way wherever it may be listed many times (unresolved dates), so a
    list never repeats a whole long sentence per item.
    """
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def descending(text: str) -> str:
    """Return a sort key that orders texts (ISO dates) newest first under an ascending sort."""
    return "".join(chr(0x10FFFF - ord(char)) for char in text)


def newest_first(date: str | None, title: str, tiebreak: str) -> tuple:
    """Return the sort key of an article in lists: newest first, undated last, then by title, then `tiebreak`,
    so the order never depends on the order seeds were read."""
    return (date is None, descending(date or ""), title.casefold(), tiebreak)


def slugify(text: str, max_length: int = 60) -> str:
    """Make a file-name-safe slug from text in any script: transliterated to ASCII letters, digits and hyphens.

    Lower case only, so two titles that differ in case never become two files a case-insensitive disk would merge.
    """
    ascii_text = anyascii(_SYLLABIC.sub(r" \g<0> ", _APOSTROPHES.sub("", text)))
    slug = _SLUG_UNSAFE.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[: max_length + 1]
        slug = slug[: slug.rfind("-")] if "-" in slug else slug[:max_length]
    return slug.strip("-")


def distinct_ids(wanted: Sequence[tuple[str, str]], reserved: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Give every (preferred id, unique key) pair its own id, in the same order.

    An id nobody else wants is kept as it is; where several want one, the smallest key keeps it and the others add a
    digest of their key, so each id depends only on the items that share its preferred id (stable as others come
    and go). `reserved` ids (index pages) are never handed out.
    """
    wanted_count = Counter(preferred for preferred, _ in wanted)
    used = set(reserved)
    ids: list[str] = [""] * len(wanted)
    for position in sorted(range(len(wanted)), key=lambda index: wanted[index]):
        preferred, key = wanted[position]
        candidate, length = preferred, 6
        while candidate in used or (candidate != preferred and candidate in wanted_count):
            candidate = f"{preferred}-{short_hash(key, length)}"
            length += 2
        used.add(candidate)
        ids[position] = candidate
    return tuple(ids)


def with_distinct_ids(items: Sequence[T], key: Callable[[T], str], reserved: frozenset[str] = frozenset()) -> list[T]:
    """Return the items (dataclasses with an `id`) with ids made distinct by `distinct_ids`, `key` naming each one."""
    ids = distinct_ids([(item.id, key(item)) for item in items], reserved)  # type: ignore[attr-defined]
    return [item if item.id == new_id else replace(item, id=new_id) for item, new_id in zip(items, ids)]  # type: ignore


ARTICLE_SLUG_LENGTH = 60


def article_id(title: str, source_path: str) -> str:
    """An article's id (and page name): its title's slug plus a digest of its seed's path, readable and stable when
    other seeds come and go. The cache checks a stored id against this rule."""
    return f"{slugify(title, ARTICLE_SLUG_LENGTH) or 'article'}-{short_hash(source_path)}"


def short_hash(text: str, length: int = 6) -> str:
    """Return a short, stable hexadecimal digest of a text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]
