"""Extract what an analyst needs before reading: title, publication date, byline, dateline, outlet, summary."""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from dateutil import parser as date_parser

from generator.config import Config
from generator.model import CleanText, Metadata
from generator.read.page import is_person_line, outlet_name
from generator.text import BYLINE, DATED_DATELINE, DATELINE, ends_like_sentence, is_table, split_sentences, word_count

logger = logging.getLogger(__name__)

# A line that is only a person's name (or two): capitalised words, initials, particles, no end punctuation.
_NAME_WORD = r"(?:[A-Z][\w'’-]*\.?|de|da|van|von|bin|al|el|la|le|di)"
NAME_LINE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}(?:\s*(?:,|and|&)\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})*$")
# Separators after a byline name that introduce the outlet or a role ("Jane Doe | Outlet", "Jane Doe, Reuters").
# ... and after it a desk or a place: "Jane Doe, Outlet staff writer", "Jane Doe, ET Bureau", "Jane Doe in Beijing".
_BYLINE_TAIL = re.compile(
    r"\s*(?:[|•·/]|,\s*(?:[\w.&]+\s+){0,3}(?i:staff|staff writer|correspondent|bureau|desk|reporter|writer|editor)\b"
    r"|\s+in\s+(?=[A-Z])).*$"
)
# Attribution that a lead-sentence title does not need.
_TRAILING_ATTRIBUTION = re.compile(
    r",?\s+(?:sources|officials|people familiar with the matter|reports|a report|an official)\s+(?:said|say|told \w+)\.?$",
    re.IGNORECASE,
)
# Where a long lead sentence can be cut into a title: at a clause mark, or before a word that opens a clause or a
# prepositional phrase (what comes before it is a complete phrase: "X began a visit to Y" -> "X began a visit").
_TITLE_BREAK = re.compile(
    r"(?:,|;|:| [–—-])? (?=(?:to|with|amid|as|after|before|while|for|on|in|at|over|from|by|between|during|despite|"
    r"following|under|against|because|since|when|where|which|who|that|and|but|saying|throughout|into|than)\b)"
    r"|[,;:] | [–—] "
)
# A title does not end on a word that needs a next one.
_DANGLING_WORDS = frozenset(
    "a an the and or but of to in on at for with by from as that which who is are was were be has have had will "
    "would can could its their his her our this these those very more most than likely unlikely expected due able "
    "set about depending according such so said says".split()
)
_TITLE_MIN_CHARS = 30
# Cleaning rules whose removed line may carry the publication date (the first one that parses wins).
_DATED_RULES = ("updated-stamp", "timestamp")
# A date inside a timestamp line: "Feb 12, 2026", "12 February 2026", "2026-02-12".
_DATE_IN_TEXT = re.compile(
    r"\d{4}-\d{2}-\d{2}|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r",?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}|(?<![\d.])\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?!\d)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})[-/.](?P<year>\d{4})")
_TITLE_LIMIT = 100
_SUMMARY_PARAGRAPHS = 4  # the lead: a summary is looked for in the first paragraphs only
_SHORT_SENTENCE_WORDS = 8
_HEADLINE_MIN_WORDS = 3


def extract_metadata(clean: CleanText, config: Config) -> Metadata:
    """Read the article's metadata from its front matter or sidecar first, then from the text itself."""
    source = clean.source
    meta = source.metadata
    author, title_line, rest = _split_header(clean.header_lines)
    original_title: str | None = None
    dateline = find_dateline(clean.paragraphs[0]) if clean.paragraphs else None

    if _text(meta.get("title")):
        title, title_origin = _text(meta["title"]), "front matter"
    elif title_line:
        title, title_origin = title_line, "headline"
        if is_all_caps(title):
            title, original_title = title_case(title, clean.paragraphs, config.cleaning.headline_acronyms), title
    else:
        title, title_origin = lead_title(clean.paragraphs), "lead sentence"
    if not title:
        title, title_origin = source.path.rsplit("/", 1)[-1], "file name"

    date, date_origin = _publication_date(clean, config)
    url = _text(meta.get("url"))
    outlet = _text(meta.get("outlet")) or _outlet_from_url(url, config) or outlet_from_page(clean, config)
    return Metadata(
        title=title,
        title_origin=title_origin,
        date=date,
        date_origin=date_origin,
        outlet=outlet,
        author=_text(meta.get("author")) or author,
        dateline=dateline,
        url=url,
        standfirst=" ".join(line for line in rest if outlet is None or line.casefold() != outlet.casefold()) or None,
        original_title=original_title,
    )


# Words a title keeps in lower case unless they open it.
_MINOR_WORDS = frozenset("a an and as at but by for from in into of on or over per the to up via vs with".split())
_TITLE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def is_all_caps(title: str) -> bool:
    """Whether a headline is set in capitals ("BENETTON IN FINANCIAL SERVICES JOINT VENTURE")."""
    letters = [char for char in title if char.isalpha()]
    return len(title.split()) >= 2 and len(letters) >= 6 and sum(char.isupper() for char in letters) >= 0.9 * len(letters)


def title_case(title: str, paragraphs: tuple[str, ...], acronyms: frozenset[str] = frozenset()) -> str:
    """Set an all-caps headline in title case, writing each word as the article writes it: an acronym the body
    writes in capitals (USDA, OPEC) stays so, as do the configured `acronyms` (US where the body writes U.S.,
    iPhone) and a ticker in angle brackets (<TCB>)."""
    written: dict[str, str] = {word.casefold(): word for word in acronyms}
    for sentence in body_sentences(paragraphs):
        for word in _TITLE_WORD.findall(sentence):
            key = word.casefold()
            if word.isupper() and len(word) > 1:
                written[key] = word  # the body's capitals win: it is an acronym
            elif key in written and written[key] != word and any(char.isupper() for char in written[key][1:]):
                continue  # a configured form ("US", "iPhone") is not undone by the body's "Us" or "us"
            elif key not in written and not word.islower():
                written[key] = word

    def recase(match: re.Match[str]) -> str:
        word = match.group()
        key = word.casefold()
        before = title[match.start() - 1] if match.start() > 0 else ""
        if before == "<":
            return word  # a ticker
        if before.isdigit():
            return word.lower()  # 4TH, 1987S
        if key in written and (written[key].isupper() or written[key] in acronyms):
            return written[key]
        if key in _MINOR_WORDS and match.start() > 0:
            return key
        return written.get(key) or word[:1] + word[1:].lower()

    return _TITLE_WORD.sub(recase, title)


def summarise(paragraphs: tuple[str, ...], title: str = "") -> str:
    """Return a summary of whole sentences from the lead: the first sentence (two when it is short), dateline and
    a repeated headline left out; a table row ("Shr 10 cts vs 5 cts") gives way to the lead's first sentence."""
    headline = " ".join(title.split()).casefold().rstrip(".")
    sentences = [
        sentence for sentence in body_sentences(paragraphs[:_SUMMARY_PARAGRAPHS])
        if " ".join(sentence.split()).casefold().rstrip(".") != headline
    ]
    if not sentences:
        return ""
    first = next((index for index, sentence in enumerate(sentences) if ends_like_sentence(sentence)), 0)
    summary = sentences[first]
    if word_count(summary) < _SHORT_SENTENCE_WORDS and first + 1 < len(sentences):
        summary = f"{summary} {sentences[first + 1]}"
    return summary


def _lead_sentences(paragraphs: tuple[str, ...]) -> list[str]:
    return list(body_sentences(paragraphs[:1]))


def find_dateline(paragraph: str) -> str | None:
    """Return the place a story was filed from when the paragraph opens with one ("NEW DELHI:")."""
    match = DATED_DATELINE.match(paragraph) or DATELINE.match(paragraph)
    if not match:
        return None
    prefix = paragraph[: match.end()].strip().rstrip(":–—-").strip()
    return prefix if len(prefix) <= 60 else None


def strip_dateline(paragraph: str) -> str:
    """Return the paragraph without its opening dateline (and the dateline's own date: the day of filing)."""
    match = DATED_DATELINE.match(paragraph) or DATELINE.match(paragraph)
    return paragraph[match.end() :] if match else paragraph


@lru_cache(maxsize=8192)
def body_sentences(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """Return an article's sentences, the dateline left out; cached, as every analysis stage reads them."""
    sentences: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if not is_table(paragraph):  # a table's rows are no sentences
            sentences.extend(split_sentences(strip_dateline(paragraph) if index == 0 else paragraph))
    return tuple(sentences)


def lead_title(paragraphs: tuple[str, ...]) -> str:
    """Build a title from the lead sentence for a seed without a headline: the sentence when it fits, else its
    longest opening that ends at a clause or phrase boundary; a complete phrase, never one cut off with "…"."""
    sentences = _lead_sentences(paragraphs)
    if not sentences:
        return ""
    sentence = _TRAILING_ATTRIBUTION.sub("", sentences[0]).rstrip(" .")
    if len(sentence) <= _TITLE_LIMIT:
        return sentence
    cuts = [match.start() for match in _TITLE_BREAK.finditer(sentence, 0, _TITLE_LIMIT + 1)]
    for cut in sorted(cuts, reverse=True):
        title = sentence[:cut].rstrip(" ,;:–—-")
        if len(title) < _TITLE_MIN_CHARS:
            break
        if title.rsplit(" ", 1)[-1].lower() not in _DANGLING_WORDS and not _splits_a_pair(sentence, cut):
            return title
    return _opening_words(sentence)


def _splits_a_pair(sentence: str, cut: int) -> bool:
    """Whether a cut before "and" would split a name ("Securities and Exchange Commission") or a range ("between
    eight and 12 billion")."""
    before, after = sentence[:cut].split()[-4:], sentence[cut:].split()
    if len(after) < 2 or after[0] != "and" or not before:
        return False
    return (before[-1][:1].isupper() and after[1][:1].isupper()) or "between" in (word.lower() for word in before)


def _opening_words(sentence: str) -> str:
    """The words of a sentence that has no boundary to cut at, up to the limit, minus words left dangling."""
    window = sentence[: _TITLE_LIMIT + 1]
    kept = window.rsplit(" ", 1)[0] if " " in window else sentence[:_TITLE_LIMIT]
    words = kept.rstrip(" ,;:–—-").split(" ")
    while len(words) > 1 and words[-1].lower() in _DANGLING_WORDS:
        words.pop()
    return " ".join(words).rstrip(" ,;:–—-")


def _split_header(lines: tuple[str, ...]) -> tuple[str | None, str | None, list[str]]:
    """Return (author, headline, other header lines) from the lines above the first paragraph.

    The headline is the first line of some length that is not just a name ("The Daily Ledger" above a headline is
    the outlet's); only without one does a short name-like line serve. A "By …" line names the author; without
    one, a bare name under the headline does, never a name above it."""
    bylines = [index for index, line in enumerate(lines) if BYLINE.match(line)]
    name_like = [bool(NAME_LINE.match(_BYLINE_TAIL.sub("", line))) for line in lines]
    candidates = [index for index, line in enumerate(lines) if index not in bylines[:1]]
    headline = next((i for i in candidates if word_count(lines[i]) >= _HEADLINE_MIN_WORDS and not name_like[i]), None)
    if headline is None:
        headline = next((i for i in candidates if word_count(lines[i]) >= _HEADLINE_MIN_WORDS or not name_like[i]), None)
    author: str | None = None
    rest: list[str] = []
    for index, line in enumerate(lines):
        if bylines and index == bylines[0]:
            author = _name_as_written(_BYLINE_TAIL.sub("", BYLINE.match(line).group("name")).strip())
        elif index == headline:
            continue
        elif author is None and not bylines and name_like[index] and headline is not None and index > headline:
            author = _name_as_written(_BYLINE_TAIL.sub("", line).strip())
        else:
            rest.append(line)
    return author, None if headline is None else lines[headline], rest


def _name_as_written(name: str) -> str:
    """A byline's names set in capitals ("SHUNSUKE TAKAHARA") in the case a sentence writes them."""
    if not is_all_caps(name) and not (name.isupper() and len(name) > 3):
        return name
    return " ".join("and" if word.lower() == "and" else word.capitalize() if len(word) > 2 else word
                    for word in name.split())


def _publication_date(clean: CleanText, config: Config) -> tuple[str | None, str]:
    source = clean.source
    if "date" in source.metadata:
        parsed = parse_date(source.metadata["date"])
        if parsed:
            return parsed, source.metadata_origin.get("date", "front matter")
        logger.warning("%s: date %r is not a date (use YYYY-MM-DD); ignored", source.path, source.metadata["date"])
    if clean.stamp_date:
        parsed = parse_date(clean.stamp_date)
        if parsed:
            return parsed, "date stamp"
    lines = [item.text for item in clean.removed if item.rule in _DATED_RULES]
    lines += [line for line in clean.header_lines if is_person_line(line)]  # "Jane Doe | January 19, 2026"
    for line in lines:
        found = _DATE_IN_TEXT.search(line)
        parsed = _page_date(found.group(), clean) if found else None
        if parsed:
            return parsed, "published line"
    return None, "unknown"


def _page_date(text: str, clean: CleanText) -> str | None:
    """A date as a page prints it. A numeric one is read day first with dashes or dots ("09-02-2026", as Indian
    and most other outlets write it) and month first with slashes (as US ones do), unless only the other reading
    is a date or the dateline's day ("New Delhi, Feb 9") names the other."""
    numeric = _NUMERIC_DATE.fullmatch(text)
    if not numeric:
        return parse_date(text, fuzzy=True)
    first, second, year = int(numeric["first"]), int(numeric["second"]), int(numeric["year"])
    readings = [(year, second, first), (year, first, second)]  # day first, month first
    if numeric["sep"] == "/":
        readings.reverse()
    valid = []
    for reading in readings:
        try:
            valid.append(dt.date(*reading))
        except ValueError:
            continue
    if not valid:
        return None
    dateline = _DATELINE_DAY.match(clean.paragraphs[0]) if clean.paragraphs else None
    if dateline and len(valid) == 2:
        day = parse_date(f"{dateline.group('day')} {valid[0].year}", fuzzy=True)
        for date in valid:
            if date.isoformat() == day:
                return day
    return valid[0].isoformat()


# The day in a dateline: "New Delhi, Feb 9 (PTI)", "SYDNEY, Feb. 10 (Reuters) -".
_DATELINE_DAY = re.compile(
    r"^[^.!?]{0,50}?,\s+(?P<day>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\b",
    re.IGNORECASE,
)


def parse_date(value: Any, fuzzy: bool = False) -> str | None:
    """Return an ISO date for a date, datetime or text that names a full date (day, month and year), else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not re.search(r"\d{4}", value):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    # Parse twice with different defaults: a part missing from the text would differ between the two.
    try:
        first = date_parser.parse(text, fuzzy=fuzzy, ignoretz=True, default=dt.datetime(2000, 1, 1))
        second = date_parser.parse(text, fuzzy=fuzzy, ignoretz=True, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return None
    return first.date().isoformat()


# A wire credit in a dateline: "New Delhi, Feb 9 (PTI)", "SYDNEY, Feb 10 (Reuters) -".
_WIRE_CREDIT = re.compile(r"^[^()]{2,80}?\((?P<name>[A-Z][\w.&-]{1,20}(?: [A-Z][\w.&-]{1,20}){0,2})\)")
# A copyright line's holder: "© 2026 MINING.COM All rights reserved", "© 2026 Reuters."
_COPYRIGHT_HOLDER = re.compile(
    r"(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}[,.]?\s*)?(?P<name>[\w][\w .&'’-]{1,50}?)\s*(?:[.,–-]\s|\ball rights\b|$)",
    re.IGNORECASE,
)
_SIGN_OFF_AGENCY = re.compile(r"^-{1,2}\s?(?P<name>[A-Za-z]{2,8})$")


def outlet_from_page(clean: CleanText, config: Config) -> str | None:
    """The outlet a copied page shows: its masthead line, else a wire credit in the dateline or a sign-off, else
    the holder of its copyright line; short names the `outlets:` table knows ("AP") become its names."""
    removed = {item.rule: item.text for item in reversed(clean.removed)}  # the first line of each rule
    found = None
    if "outlet-line" in removed:
        found = outlet_name(removed["outlet-line"])
    if found is None and clean.paragraphs:
        credit = _WIRE_CREDIT.match(clean.paragraphs[0])
        if credit and (credit.group("name").casefold() in config.entities.news_agencies
                       or _known_outlet(credit.group("name"), config)):
            found = credit.group("name")
    if found is None:
        for item in clean.removed:
            sign_off = _SIGN_OFF_AGENCY.match(item.text)
            if sign_off and sign_off.group("name").casefold() in config.entities.news_agencies:
                found = sign_off.group("name").upper()
                break
    if found is None and "copyright" in removed:
        holder = _COPYRIGHT_HOLDER.search(removed["copyright"])
        if holder and not re.search(r"\b(?:ltd|limited|pvt|inc|llc|plc|media|publishing|publishers|group)\b",
                                    holder.group("name"), re.IGNORECASE):
            found = holder.group("name").strip()
    if not found:
        return None
    return _known_outlet(found, config) or _tidy_outlet(found)


def _known_outlet(name: str, config: Config) -> str | None:
    key = name.casefold()
    for short, full in config.outlets:
        if short == key:
            return full
    return None


def _tidy_outlet(name: str) -> str:
    """An outlet's name as it reads in a sentence: "THE DIPLOMAT" → "The Diplomat", "mint" → "Mint"; acronyms
    ("PTI") and web names ("MINING.COM") as written."""
    if name.isupper() and " " in name and "." not in name:
        return " ".join(word if len(word) <= 3 and word not in ("THE", "AND") else word.capitalize()
                        for word in name.split())
    if name.islower() and "." not in name:
        return name[:1].upper() + name[1:]
    return name


def _outlet_from_url(url: str | None, config: Config) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    for domain, name in config.outlets:
        if "." in domain and (host == domain or host.endswith("." + domain)):  # "AP" is a short name, not a domain
            return name
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
