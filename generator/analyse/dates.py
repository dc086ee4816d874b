"""Resolve temporal expressions in a sentence to absolute dates, against the article's own publication date.

The approach is HeidelTime's and SUTime's for news: rules find an expression ("March 3", "August last year",
"next week", "on Monday"), and a normalisation step turns it into a calendar value using the document creation
time (here the publication date). Three precisions exist: a year ("2025"), a month ("2025-08") and a day
("2026-02-04"). An expression that needs the publication date stays unresolved when the article has none: the
reader sees it, with the reason, instead of a guess. A resolution that could have gone another way (a month-day
far from the publication date, a weekday with no tense to say which week) is flagged as ambiguous and the
alternative is named.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from generator.model import DateMention
from .tense import TenseReader

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0,
}  # fmt: skip

# Month names must be capitalised: "may" and "march" in lower case are verbs. An abbreviation may carry a stop.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Units after a four-digit figure that make it an amount, not a year ("2025 tonnes"); before a noun, more nouns
# count ("the 2000 workers").
_AMOUNT = r"%|per\s*cent|crore|lakh|million|billion|units|people|tonnes"
_COUNTED = (rf"(?:{_AMOUNT}|workers|employees|jobs|students|troops|soldiers|votes|seats|shares|points|runs|homes"
            r"|houses|cars|vehicles|km|kilometres|kilometers|miles|metres|meters|feet|hectares|acres|kg|mw|gw|mwh|gwh"
            r"|barrels|tons)\b")
# Words before a bare month or year that make it a date ("in July", "since 2025"); "May" needs one of these.
_PREPOSITION = r"(?i:in|since|by|during|until|till|from|through|throughout|before|after|of|early|late|mid|mid-|around|between)"
_NOT_A_DIGIT_AFTER = r"(?![\d,]*\d)"

# A far month-day ("December 3" in a January article) could be either side of the publication date: beyond this
# many days the nearer reading is taken but flagged, and the tense of the sentence may overrule it.
NEAR_DAYS = 92
# Words that put a sentence in the future or the past; used only to choose between two far readings and for
# weekdays.
_FUTURE = re.compile(
    r"\b(?:will|shall|is|are) (?:set|scheduled|expected|due|slated|likely|going) to\b|\bwill\b|\bshall\b"
    r"|\bupcoming\b|\bnext\b|\bplans? to\b|\bis to\b|\bare to\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|ago|last|earlier|previously|began|met|held|said|told|took|went|came|spoke|signed"
    r"|announced|visited|travelled|traveled|reached|agreed|since)\b",
    re.IGNORECASE,
)


# Words in -ed after a weekday that do not put the sentence in the past ("on Monday scheduled talks").
_NOT_PAST_PARTICIPLES = frozenset({"scheduled", "expected", "slated", "planned", "proposed", "intended"})


def _rule(name: str, pattern: str, flags: int = 0) -> tuple[str, re.Pattern[str]]:
    return name, re.compile(pattern, flags)


# The rules, most specific first; a later rule never matches inside text an earlier rule took.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    _rule("day month year", rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    _rule("month day year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    _rule("month relative year", rf"\b{_MONTH}\s+(?:of\s+)?(?P<rel>last|this|next|the previous|the following)\s+year\b"),
    _rule("month year", rf"\b{_MONTH},?\s+{_YEAR}\b"),
    _rule("day month", rf"\b{_DAY}\s+{_MONTH}(?!\w)"),
    _rule("month day", rf"\b{_MONTH}\s+{_DAY}\b{_NOT_A_DIGIT_AFTER}"),
    _rule("relative month name", rf"\b(?P<rel>(?i:last|this|next|earlier this|later this|this past|this coming))\s+{_MONTH}(?!\w)"),
    _rule("month", rf"\b{_PREPOSITION}[\s-]+(?:the\s+(?:start|beginning|end|middle)\s+of\s+)?{_MONTH}(?!\w)"),
    _rule("year", rf"\b(?i:in|since|by|during|until|till|from|through|throughout|before|after|early|late|mid-?|of|around|and|between)[\s-]+(?:the\s+year\s+)?{_YEAR}(?![\d-]|\s*(?:{_AMOUNT}))"),
    # "the 2030 target", "a 2024 study": a year before a noun, not a count ("the 2000 workers").
    _rule("year before a noun", rf"(?:(?<=\b[Tt]he )|(?<=\b[Aa] )|(?<=\bits )|(?<=\btheir )|(?<=\b[Tt]his )|(?<=\b[Tt]hat )){_YEAR}(?![\d-])(?=\s+[a-z])(?!\s+{_COUNTED})"),
    # "by the end of the year", "in the second half of this year": the publication year.
    _rule("part of the year", r"\b(?P<part>end|start|beginning|middle|rest|remainder|first half|second half) of (?:the|this) year\b", re.IGNORECASE),
    _rule("relative year", r"\b(?P<rel>last|this|next|earlier this|later this|the previous|the following)\s+year\b", re.IGNORECASE),
    _rule("relative month", r"\b(?P<rel>last|this|next|earlier this|later this|the previous|the following)\s+month\b", re.IGNORECASE),
    _rule("relative week", r"\b(?P<rel>last|this|next|earlier this|later this|the previous|the following)\s+week\b", re.IGNORECASE),
    _rule("ago", r"\b(?P<count>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE),
    _rule("weekday", r"\b(?:(?P<rel>last|next|this|on|from|since|by|until|till)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    _rule("adjacent day", r"\b(?P<word>yesterday|today|tomorrow)\b", re.IGNORECASE),
)
# Every rule needs one of these (a digit, a capitalised month, a weekday or a date word): a sentence with none
# skips the rules. Most sentences of an article have none.
_MAYBE_DATE = re.compile(r"\d|(?i:day|week|month|year|tomorrow)|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# Rules whose direction a verb's tense can decide, and the group the verb is looked for from.
_TENSED_RULES = {"weekday": "weekday", "month": "month", "month day": "month", "day month": "month"}
_CALENDAR_RULES = frozenset({"day month year", "month day year", "day month", "month day", "month year"})
_EXPLICIT_RULES = frozenset({"day month year", "month day year", "month year", "year", "year before a noun"})


def resolve_dates(
    sentence: str, published: str | None, read_tense: TenseReader | None = None
) -> tuple[DateMention, ...]:
    """Return every temporal expression in a sentence, resolved against `published` (ISO date or None).

    With no publication date only explicit dates (those that carry their year) resolve; the others come back with
    no value and a note saying why, so a page can show them as unresolved rather than drop or guess them.
    `read_tense` (see `tense`) reads the tense of the verb a weekday belongs to; without it, words of the
    sentence decide.
    """
    if not _MAYBE_DATE.search(sentence):
        return ()
    anchor = date.fromisoformat(published) if published else None
    taken: list[tuple[int, int]] = []
    mentions = []
    for name, pattern in RULES:
        for match in pattern.finditer(sentence):
            span = (match.start(), match.end())
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue
            if name == "year" and match.group(0).startswith(("and", "of")) and not _year_context(sentence, match):
                continue
            mention = _resolve(name, match, sentence, anchor, read_tense)
            if mention is None:
                continue
            taken.append(span)
            mentions.append(mention)
    mentions.sort(key=lambda mention: mention.start)
    return tuple(mentions)


def _in_calendar(value: str | None) -> bool:
    """Return True when a resolved value ("YYYY", "YYYY-MM", "YYYY-MM-DD") lies in years 1 to 9999."""
    year = (value or "").split("-", 1)[0]
    return len(year) == 4 and year.isdigit() and 1 <= int(year) <= 9999


def calendar_date(mention: DateMention) -> str | None:
    """Return a written calendar date as a story compares them ("March 3", "July 2025"), else None.

    A month-day is compared without its year, so undated articles naming "Feb. 4" agree with dated ones.
    """
    groups = dict(RULES)[mention.rule].match(mention.expression)
    if groups is None or mention.rule not in _CALENDAR_RULES:
        return None
    month = MONTH_NAMES[_month_number(groups["month"]) - 1]
    if mention.rule == "month year":
        return f"{month} {groups['year']}"
    return f"{month} {int(groups['day'])}"


def _year_context(sentence: str, match: re.Match[str]) -> bool:
    # "of 2025" and "and 2025" are dates only next to another date ("between 2024 and 2025", "the summer of 2025").
    before = sentence[max(0, match.start() - 30) : match.start()].lower()
    return bool(re.search(r"(?:between|from|in|since|summer|winter|spring|autumn|fall|end|start|beginning|half|quarter)\W+\w*\W*$", before)) or bool(
        re.search(r"\d{4}\s*$", before)
    )


def _resolve(
    name: str, match: re.Match[str], sentence: str, anchor: date | None, read_tense: TenseReader | None = None
) -> DateMention | None:
    groups = match.groupdict()
    if read_tense is not None and anchor is not None and name in _TENSED_RULES and (
            name == "weekday" or _far_from(groups, anchor)):
        groups["verb_tense"] = read_tense(sentence, match.start(_TENSED_RULES[name]))
    resolver = _RESOLVERS[name]
    expression = match.group(0).strip()
    if name not in _EXPLICIT_RULES and anchor is None:
        return _unresolved(name, match, "not resolved: the article has no publication date to resolve it against")
    try:
        result = resolver(groups, sentence, anchor)
        if result is not None and not _in_calendar(result[0]):
            raise OverflowError(result[0])
    except (OverflowError, ValueError):  # "next month" in an article dated 9999-12-31, "yesterday" on 0001-01-01
        return _unresolved(
            name, match, "not resolved: counted from the article's date it falls outside the calendar (years 1 to 9999)"
        )
    if result is None:
        return None
    value, precision, derivation, ambiguous = result
    return DateMention(expression, value, precision, name, derivation, ambiguous, match.start(), match.end())


def _unresolved(name: str, match: re.Match[str], why: str) -> DateMention:
    """Return a mention listed with no date, and why, so a page shows it as unresolved rather than drop it."""
    return DateMention(match.group(0).strip(), None, _PRECISION.get(name, "day"), name, why, False, match.start(), match.end())


_PRECISION = {
    "month relative year": "month",
    "relative month name": "month",
    "month": "month",
    "relative year": "year",
    "part of the year": "year",
    "relative month": "month",
    "relative week": "month",
}

# A resolver returns (value, precision, derivation, ambiguous) or None when the match is not a date after all.
Resolved = tuple[str, str, str, bool]


def _month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _explicit_day(groups: dict, sentence: str, anchor: date | None) -> Resolved | None:
    value = _day_value(int(groups["year"]), _month_number(groups["month"]), int(groups["day"]))
    return (value, "day", "explicit date", False) if value else None


def _explicit_month(groups: dict, sentence: str, anchor: date | None) -> Resolved | None:
    return f"{int(groups['year']):04d}-{_month_number(groups['month']):02d}", "month", "explicit month", False


def _explicit_year(groups: dict, sentence: str, anchor: date | None) -> Resolved | None:
    return groups["year"], "year", "explicit year", False


def _relative_offset(rel: str) -> int:
    rel = rel.lower()
    if rel in ("last", "the previous", "this past"):
        return -1
    if rel in ("next", "the following", "this coming"):
        return 1
    return 0


def _month_relative_year(groups: dict, sentence: str, anchor: date) -> Resolved:
    year = anchor.year + _relative_offset(groups["rel"])
    value = f"{year:04d}-{_month_number(groups['month']):02d}"
    return value, "month", f"resolved against the article date {anchor.isoformat()} → {value}", False


def _tense(sentence: str) -> str | None:
    future = bool(_FUTURE.search(sentence))
    past = bool(_PAST.search(sentence))
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    return None


def _nearest_year(month: int, day: int | None, sentence: str, anchor: date, hint: str | None = None) -> tuple[int, bool, int]:
    """Choose the year that puts a month (and day) nearest the anchor; return (year, ambiguous, other year).

    Near readings (within NEAR_DAYS) are taken as they are: an article of late January saying "on February 9"
    means the coming February. A far reading is ambiguous; the tense (or a "since") chooses, else the nearer wins.
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        target = date(year, month, min(day or 15, 28))
        candidates.append((abs((target - anchor).days), year, target))
    candidates.sort()
    distance, year, target = candidates[0]
    other = candidates[1][1]
    if distance <= NEAR_DAYS:
        return year, False, other
    tense = hint or _tense(sentence)
    if tense:
        wanted = [item for item in candidates if (item[2] <= anchor if tense == "past" else item[2] >= anchor)]
        if wanted:
            chosen = min(wanted)
            return chosen[1], True, next(item[1] for item in candidates if item[1] != chosen[1])
    return year, True, other


def _far_from(groups: dict, anchor: date) -> bool:
    """Whether a month (and day) is more than NEAR_DAYS from the anchor whichever year it is: only then does its
    verb's tense decide, so only then is the sentence parsed."""
    day = groups.get("day")
    day_number = min(max(int(day), 1), 28) if day and day.isdigit() else 15
    month = _month_number(groups["month"])
    distances = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if 1 <= year <= 9999:  # the calendar's ends: an article dated 0001-01-01 or 9999-12-31
            distances.append(abs((date(year, month, day_number) - anchor).days))
    return min(distances) > NEAR_DAYS


def _verb_hint(groups: dict) -> str | None:
    """The tense of the verb a date belongs to, when the recogniser's parser read one ("imposed in April": past)."""
    verb_tense = groups.get("verb_tense")
    return verb_tense[0] if verb_tense else None


def _month_day(groups: dict, sentence: str, anchor: date) -> Resolved | None:
    month, day = _month_number(groups["month"]), int(groups["day"])
    if not 1 <= day <= 31:
        return None
    year, ambiguous, other = _nearest_year(month, day, sentence, anchor, _verb_hint(groups))
    value = _day_value(year, month, day)
    if value is None:
        return None
    derivation = _year_choice(groups, ambiguous, anchor, value, "one" if not ambiguous else "likelier")
    if ambiguous:
        derivation += f" (could be {other})"
    return value, "day", derivation, ambiguous


def _year_choice(groups: dict, ambiguous: bool, anchor: date, value: str, what: str) -> str:
    """Why a date without its year got this year: the verb's tense where it decided a far date, else nearness."""
    verb_tense = groups.get("verb_tense")
    if ambiguous and verb_tense and verb_tense[0]:
        tense, verb = verb_tense
        return f"no year given: the verb “{verb}” is in the {'past' if tense == 'past' else 'future or a plan'} → {value}"
    return f"no year given: the {what} nearest the article date {anchor.isoformat()} → {value}"


def _bare_month(groups: dict, sentence: str, anchor: date) -> Resolved | None:
    month = _month_number(groups["month"])
    prefix = sentence[: sentence.find(groups["month"])].lower().rstrip()
    hint = "past" if prefix.endswith("since") else _verb_hint(groups)
    year, ambiguous, other = _nearest_year(month, None, sentence, anchor, hint)
    value = f"{year:04d}-{month:02d}"
    derivation = (f"no year given: the month nearest the article date {anchor.isoformat()} → {value}" if hint == "past"
                  and prefix.endswith("since") else _year_choice(groups, ambiguous, anchor, value, "month"))
    if ambiguous:
        derivation += f" (could be {other}-{month:02d})"
    return value, "month", derivation, ambiguous


def _relative_month_name(groups: dict, sentence: str, anchor: date) -> Resolved:
    month = _month_number(groups["month"])
    rel = groups["rel"].lower()
    if rel in ("last", "this past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "this coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    value = f"{year:04d}-{month:02d}"
    return value, "month", f"resolved against the article date {anchor.isoformat()} → {value}", False


def _relative_year(groups: dict, sentence: str, anchor: date) -> Resolved:
    value = f"{anchor.year + _relative_offset(groups['rel']):04d}"
    return value, "year", f"resolved against the article date {anchor.isoformat()} → {value}", False


def _part_of_year(groups: dict, sentence: str, anchor: date) -> Resolved:
    value = f"{anchor.year:04d}"
    return value, "year", f"the {groups['part'].lower()} of the article's year ({anchor.isoformat()}) → {value}", False


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _relative_month(groups: dict, sentence: str, anchor: date) -> Resolved:
    year, month = _shift_month(anchor.year, anchor.month, _relative_offset(groups["rel"]))
    value = f"{year:04d}-{month:02d}"
    return value, "month", f"resolved against the article date {anchor.isoformat()} → {value}", False


def _relative_week(groups: dict, sentence: str, anchor: date) -> Resolved:
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=_relative_offset(groups["rel"]))
    sunday = monday + timedelta(days=6)
    value = f"{monday.year:04d}-{monday.month:02d}"
    derivation = (
        f"the week of {monday.isoformat()} to {sunday.isoformat()}, counted from the article date {anchor.isoformat()}"
        f" → {value}"
    )
    ambiguous = monday.month != sunday.month
    if ambiguous:
        derivation += f" (the week runs into {sunday.year:04d}-{sunday.month:02d})"
    return value, "month", derivation, ambiguous


def _ago(groups: dict, sentence: str, anchor: date) -> Resolved | None:
    count_text = groups["count"].lower()
    count = int(count_text) if count_text.isdigit() else NUMBER_WORDS.get(count_text, 0)
    if not count:
        return None
    unit = groups["unit"].lower()
    if unit in ("day", "week"):
        target = anchor - timedelta(days=count * (7 if unit == "week" else 1))
        if unit == "day":
            value, precision = target.isoformat(), "day"
        else:
            value, precision = f"{target.year:04d}-{target.month:02d}", "month"
    elif unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, -count)
        value, precision = f"{year:04d}-{month:02d}", "month"
    else:
        value, precision = f"{anchor.year - count:04d}", "year"
    return value, precision, f"counted back from the article date {anchor.isoformat()} → {value}", False


def _weekday(groups: dict, sentence: str, anchor: date) -> Resolved:
    target_day = WEEKDAYS.index(groups["weekday"].lower())
    rel = (groups.get("rel") or "").lower()
    reason = ""
    if rel == "next":
        tense = "future"
    elif rel == "last":
        tense = "past"
    elif groups.get("verb_tense") is not None:
        tense, verb = groups["verb_tense"]
        reason = f"the verb “{verb}” is in the {'past' if tense == 'past' else 'future or a plan'}" if tense else ""
    else:
        tense = _tense(sentence) or _verb_after(sentence, groups["weekday"])
    ambiguous = tense is None
    if ambiguous and groups.get("verb_tense") is not None:
        offset = (target_day - anchor.weekday()) % 7
        nearest = anchor + timedelta(days=offset) if offset <= 3 else anchor - timedelta(days=7 - offset)
        value = nearest.isoformat()
        derivation = (f"the {groups['weekday']} nearest the article date {anchor.isoformat()} → {value} "
                      "(no verb's tense says which week)")
        return value, "day", derivation, True
    if tense == "future":
        offset = (target_day - anchor.weekday()) % 7 or 7
        target = anchor + timedelta(days=offset)
        how = "the next"
    else:
        offset = (anchor.weekday() - target_day) % 7
        target = anchor - timedelta(days=offset)
        how = "the latest"
    value = target.isoformat()
    derivation = f"{how} {groups['weekday']} on or before" if how == "the latest" else f"{how} {groups['weekday']} after"
    derivation += f" the article date {anchor.isoformat()} → {value}"
    if reason:
        derivation += f" ({reason})"
    if ambiguous:
        derivation += " (no tense in the sentence says which week)"
    return value, "day", derivation, ambiguous


def _verb_after(sentence: str, weekday: str) -> str | None:
    """Return "past" when the word after the weekday is a past-tense verb ("the minister on Wednesday signed …")."""
    after = sentence[sentence.find(weekday) + len(weekday) :].split()
    word = after[0].strip(",.;:").lower() if after else ""
    if word.endswith("ed") and word not in _NOT_PAST_PARTICIPLES and len(word) > 4:
        return "past"
    return None


def _adjacent_day(groups: dict, sentence: str, anchor: date) -> Resolved:
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["word"].lower()]
    value = (anchor + timedelta(days=offset)).isoformat()
    return value, "day", f"resolved against the article date {anchor.isoformat()} → {value}", False


_RESOLVERS: dict[str, Callable[[dict, str, date], Resolved | None]] = {
    "day month year": _explicit_day,
    "month day year": _explicit_day,
    "month relative year": _month_relative_year,
    "month year": _explicit_month,
    "day month": _month_day,
    "month day": _month_day,
    "relative month name": _relative_month_name,
    "month": _bare_month,
    "year": _explicit_year,
    "relative year": _relative_year,
    "year before a noun": _explicit_year,
    "part of the year": _part_of_year,
    "relative month": _relative_month,
    "relative week": _relative_week,
    "ago": _ago,
    "weekday": _weekday,
    "adjacent day": _adjacent_day,
}
