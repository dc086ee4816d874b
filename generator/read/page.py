"""The parts of a web page around its article, in text a user copied from the page: menus, the outlet's name, the
headline among them, and the boxes and lists a page sets above, inside and under the article.

The cleaner's patterns catch furniture that says what it is ("Accept all", "Follow us on …"); these rules catch
furniture by its shape: a line of short menu items, a label followed by its list ("Key takeaways" and its
bullets, "Tags" and its tags, "Related stories" and their headlines), a line of the header above the headline.
Each removed line gets the kind of furniture it is as its rule, so `briefing check -v` reports it.

The functions work on the cleaner's logical lines (anything with `text`, `raw`, `rule`, `blank_before`), changing
only their `rule`.
"""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from generator.text import BYLINE, DATED_DATELINE, DATELINE, ends_like_sentence, word_count

# Menu items are set apart by bars, bullets, arrows, slashes or wide gaps (the raw line keeps its spacing).
_ITEM_GAP = re.compile(r"\s*[|•·›»]\s*|\s+[/>]\s+|\t|\s{2,}")
_BREADCRUMB_GAP = re.compile(r"[›»]|\s[/>]\s")
_MENU_ITEM_MAX_WORDS = 4
_MENU_ITEM_MAX_CHARS = 40
# A headline has some words, and no more than a paragraph's opening.
_HEADLINE_MIN_WORDS = 3
_HEADLINE_MAX_WORDS = 30
# A line this short right above a longer heading-like line is a kicker ("Ministry of Mines"), not the headline.
_KICKER_MAX_WORDS = 4
# Heading-like lines looked at (a page's header holds a few; a seed of thousands of short lines must stay linear).
_MAX_CANDIDATES = 40
# The outlet's own line at the top of a page is a name of a few words ("The Economic Times", "mint").
_OUTLET_MAX_WORDS = 6
# What follows a box label and belongs to it: its lines up to the next blank line, at most this many.
_BOX_MAX_LINES = 10
# A tag or a related headline is a short line without a sentence's end.
_TAG_MAX_WORDS = 6
_RELATED_MIN_WORDS = 3  # "About us", "Contact": the footer's links, not headlines
_RELATED_MAX_WORDS = 25
_DIGIT = re.compile(r"\d")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|de|da|van|von|bin|al|el|la|le|di)"
# "Jane Doe", "JANE DOE, Outlet staff writer", "Jane Doe in Beijing", "Jane Doe | January 19, 2026 | …".
_NAMES = rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
_NAME_TAIL = r"\s*(?:,|\bin\b|\||•|/).*"
_PERSON_LINE = re.compile(rf"{_NAMES}(?:{_NAME_TAIL})?$")
_NAME_WITH_TAIL = re.compile(rf"{_NAMES}{_NAME_TAIL}$")


# The cleaning patterns whose label opens a box, and the kind of box.
BOX_OPENERS = {"summary-label": "summary-box", "tags-label": "tag-list", "related-label": "related-headlines"}
# Lines of a page's top that come before its masthead: a consent banner and its buttons, a skip link, sign-in.
_ABOVE_MASTHEAD = frozenset({"consent-banner", "consent-button", "site-banner", "page-controls", "social-call-to-action"})


# The rules a masthead line may have been given before it is known to be one.
_MASTHEAD_RULES = frozenset({None, "page-header", "navigation", "section-label", "recurring-line"})


class Line(Protocol):
    text: str
    raw: str
    rule: str | None
    blank_before: bool


def menu_items(raw: str) -> list[str]:
    """The items of a line split at its bars, bullets, arrows, slashes and wide gaps."""
    return [item.strip() for item in _ITEM_GAP.split(raw.strip()) if item.strip()]


def menu_kind(raw: str) -> str | None:
    """Return "breadcrumb" or "navigation" for a line of menu items, else None.

    Every item is a few words without a sentence's end; a breadcrumb's last item may be the headline itself
    ("Home › News › India, US seal first tranche …"). Two items need to be short (an "Outlet | Section" line);
    figures in most items make a table row, not a menu.
    """
    items = menu_items(raw)
    if len(items) < 2:
        return None
    breadcrumb = bool(_BREADCRUMB_GAP.search(raw))
    checked = items[:-1] if breadcrumb and len(items) >= 3 else items
    if any(_too_long_for_menu(item) for item in checked):
        return None
    if len(items) == 2 and any(len(item.split()) > 3 for item in items):
        return None
    if sum(bool(_DIGIT.search(item)) for item in items) * 2 > len(items):
        return None
    return "breadcrumb" if breadcrumb else "navigation"


def _too_long_for_menu(item: str) -> bool:
    return len(item.split()) > _MENU_ITEM_MAX_WORDS or len(item) > _MENU_ITEM_MAX_CHARS or item[-1] in ".!?:"


def is_person_line(text: str) -> bool:
    """A line naming a writer: "By …", or a bare name with an outlet, a place or a date after it."""
    return bool(BYLINE.match(text) or _PERSON_LINE.match(text))


def is_byline(text: str) -> bool:
    """A line that surely names a writer: "By …", or a name with a desk, a place or a date after it."""
    return bool(BYLINE.match(text) or _NAME_WITH_TAIL.match(text))


def is_heading_like(line: Line) -> bool:
    """Whether a line could be a headline: some words, no menu, no byline, no date line, no full stop."""
    text = line.text
    count = word_count(text)
    if not (_HEADLINE_MIN_WORDS <= count <= _HEADLINE_MAX_WORDS) or menu_kind(line.raw):
        return False
    if is_byline(text) or DATED_DATELINE.match(text):
        return False  # "Trade Talks Resume" may be a headline; "Jane Doe, Outlet staff writer" is not
    return not text.endswith(".") or text.endswith("..")


def mark_boxes(lines: Sequence[Line], openers: dict[str, str], body_start: int) -> None:
    """Mark each box a label opens: a summary box's lines up to the next blank line (bullets beyond it), a tag
    list's short lines, a related-stories list's headline-like lines (up to the next line of prose).

    `openers` maps the rule a cleaning pattern gave a label line to the kind of box it opens. A summary box is
    furniture above the body (`body_start`); under the article's first paragraph, key points are its own.
    """
    index = 0
    while index < len(lines):
        kind = openers.get(lines[index].rule or "")
        if kind is None or (kind == "summary-box" and index >= body_start):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and end - index <= _BOX_MAX_LINES and _in_box(lines[end], kind, openers):
            if lines[end].rule is None:
                lines[end].rule = kind
            end += 1
        index = end


def _in_box(line: Line, kind: str, openers: dict[str, str]) -> bool:
    if line.rule in openers:
        return False  # the next label opens a box of its own
    if line.rule is not None:
        return True  # furniture inside a box (a picture's caption, an advertisement) is part of it
    text = line.text
    if kind == "summary-box":
        return not line.blank_before or text.startswith(_BULLETS)
    if kind == "tag-list":
        return (word_count(text) <= _TAG_MAX_WORDS and not ends_like_sentence(text)) or bool(menu_kind(line.raw))
    return _RELATED_MIN_WORDS <= word_count(text) <= _RELATED_MAX_WORDS and (not ends_like_sentence(text) or text.endswith("?"))


_BULLETS = ("•", "·", "▪", "- ", "* ", "– ")


def find_headline(lines: Sequence[Line], body_start: int) -> int | None:
    """Return the index of the headline among the kept lines above the body, or None.

    The headline is the first heading-like line of the header: what stands above it is the page's (the outlet's
    name, menus, a section's name) and what stands between it and the body is the article's furniture (standfirst,
    byline, date, picture). A line some other line repeats (a breadcrumb ending in the headline, a page title)
    is the headline when it is heading-like.
    """
    header = [index for index in range(body_start) if lines[index].rule is None]
    candidates = [index for index in header if is_heading_like(lines[index])][:_MAX_CANDIDATES]
    if not candidates:
        return None
    repeated = _repeated_elsewhere(lines, candidates, body_start)
    if repeated is not None:
        return repeated
    menus = [index for index in range(body_start) if lines[index].rule in ("navigation", "breadcrumb")]
    below_menus = [index for index in candidates if not menus or index > menus[-1]]
    candidates = below_menus or candidates  # the masthead's lines stand above the menus, the headline below
    first = candidates[0]
    if len(candidates) > 1 and word_count(lines[first].text) <= _KICKER_MAX_WORDS \
            and word_count(lines[candidates[1]].text) > word_count(lines[first].text) \
            and not any(lines[other].rule is None and is_byline(lines[other].text)
                        for other in range(first + 1, candidates[1])):
        return candidates[1]  # a kicker, a section's or the outlet's name, above the headline
    return first


def _repeated_elsewhere(lines: Sequence[Line], candidates: list[int], body_start: int) -> int | None:
    """A candidate another line of the header holds whole (a page title "Headline - Outlet", a breadcrumb ending
    in the headline)."""
    keys = [_key(line.text) for line in lines[:body_start]]
    for index in candidates:
        key = keys[index]
        if len(key) < 20:
            continue
        if any(other != index and key in keys[other] and len(keys[other]) > len(key) for other in range(body_start)):
            return index
    return None


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def classify_header(lines: Sequence[Line], body_start: int) -> int | None:
    """Mark the header's furniture by kind and return the headline's index (None when there is none).

    Above the headline: menus (`navigation`, `breadcrumb`) and anything else (`page-header`; the outlet's line
    among them is named by `mark_outlet_line`). Between the headline and the body, menus go; the byline, the date
    and one standfirst stay for extraction to read; a second paragraph-like line goes as `standfirst`.
    """
    header = [index for index in range(body_start) if lines[index].rule is None]
    headline = find_headline(lines, body_start)
    if headline is None:
        return None
    headline_key = _key(lines[headline].text)
    for index in header:
        line = lines[index]
        if index < headline and not BYLINE.match(line.text):  # a "By …" line is the writer's wherever it stands
            line.rule = "page-title" if headline_key in _key(line.text) else menu_kind(line.raw) or "page-header"
    standfirst_seen = False
    for index in header:
        line = lines[index]
        if index <= headline:
            continue
        if line.text.isupper() and word_count(line.text) <= _KICKER_MAX_WORDS and not is_byline(line.text):
            line.rule = "page-header"  # "MEDIA NOTE", "OFFICE OF THE SPOKESPERSON": labels, not names
            continue
        if is_person_line(line.text) or DATELINE.match(line.text) or word_count(line.text) < _HEADLINE_MIN_WORDS:
            continue
        if standfirst_seen:
            line.rule = "standfirst"
        standfirst_seen = True
    return headline


def mark_outlet_line(lines: Sequence[Line], before: int, section_labels: frozenset[str]) -> None:
    """Name the outlet's line: the first line of the page above `before` (the headline) after a consent banner,
    when it is a short name or a menu led by one ("Reuters | Commodities | Metals"), not a section's name
    ("Business"); extraction reads it."""
    for index in range(before):
        line = lines[index]
        if line.rule in _ABOVE_MASTHEAD:
            continue
        if _is_language_menu(line.raw or line.text):
            continue  # "English | हिंदी | اردو"
        name = outlet_name(line.raw or line.text).strip(" :|-–—").lower()
        if line.rule in _MASTHEAD_RULES and _is_name_line(line) and name not in section_labels:
            line.rule = "outlet-line"
        return


def _is_language_menu(raw: str) -> bool:
    """A menu of the page's languages: some of its items are written in another script."""
    items = menu_items(raw)
    return len(items) >= 2 and any(not re.search(r"[A-Za-z]", item) and re.search(r"\w", item) for item in items)


def _is_name_line(line: Line) -> bool:
    if BYLINE.match(line.text):
        return False
    items = menu_items(line.raw)
    first = items[0] if items else line.text
    return 0 < word_count(first) <= _OUTLET_MAX_WORDS and not ends_like_sentence(first) and not _DIGIT.search(first)


_SERVICE_WORDS = re.compile(r"\s+(?:english |hindi )?(?:news service|news agency|service|newswire|news)$", re.IGNORECASE)


def outlet_name(line: str) -> str:
    """The outlet's name in its line: the first menu item, without "News Service" and the like."""
    items = menu_items(line)
    name = _SERVICE_WORDS.sub("", items[0] if items else line).strip()
    return name or line.strip()


_AUTHOR_NAMES = re.compile(r"\s*(?:,|\band\b|&)\s*")


def mark_author_bios(lines: Sequence[Line], body_start: int) -> None:
    """Under the article, the writers' names the byline gives and the lines about them ("Jane Doe is a fellow at
    …") are author bios."""
    names: set[str] = set()
    for line in lines[:body_start]:
        match = BYLINE.match(line.text)
        if match and line.rule is None:
            names.update(name.strip().casefold() for name in _AUTHOR_NAMES.split(match.group("name")) if name.strip())
    if not names:
        return
    openings = tuple(f"{name} {verb} " for name in sorted(names) for verb in ("is", "has", "writes"))
    for line in lines[body_start:]:
        text = line.text.casefold()
        if line.rule is None and (text in names or text.startswith(openings)):
            line.rule = "author-bio"
