"""Long listings cut into pages a reader can open: by year, then month, then numbered parts; or by first letter.

A year of news holds tens of thousands of dated events and articles: on one page that is megabytes of HTML that a
phone will not render. A listing no longer than `limit` stays whole; a longer one is cut at the coarsest boundary
that keeps every part within `limit` (a year, a month, then equal parts of a month), newest first.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .rows import display_date

UNDATED = "undated"


@dataclass(frozen=True)
class Part:
    """One page of a listing: a key for its file name, a label for its heading and links, and its rows."""

    key: str  # "2026", "2026-03", "2026-03-2", "undated", "a"
    label: str  # "2026", "March 2026", "March 2026, part 2 of 3", "Undated", "A"
    rows: tuple[Any, ...]
    year: str = ""  # the year a month's part belongs to ("2026"); "" for years, letters and undated


def split_by_period(rows: Sequence[Any], iso_of: Callable[[Any], str], limit: int) -> list[Part]:
    """Cut rows (newest first; `iso_of` gives each one's ISO date or "") into parts of at most `limit` rows.

    A year that fits is one part; a longer year is cut into months, and a month longer still into equal numbered
    parts. Undated rows come last, cut into numbered parts likewise. Consecutive years that fit in one part
    together are one part ("1985 to 1990"), so old dates do not make a page each.
    """
    if len(rows) <= limit:
        return [Part("all", "All", tuple(rows))]
    parts: list[Part] = []
    for year, in_year in _runs(rows, lambda row: iso_of(row)[:4] or UNDATED):
        if year == UNDATED:
            parts.extend(_numbered(UNDATED, "Undated", in_year, limit))
        elif len(in_year) <= limit:
            parts.append(Part(year, year, tuple(in_year)))
        else:
            for month, in_month in _runs(in_year, lambda row: iso_of(row)[:7]):
                label = display_date(month) if len(month) == 7 else f"{year} (known only to the year)"
                parts.extend(_numbered(month if len(month) == 7 else f"{year}-year", label, in_month, limit,
                                       year if len(month) == 7 else ""))
    return _years_joined(parts, limit)


def _years_joined(parts: list[Part], limit: int) -> list[Part]:
    """Join runs of consecutive whole-year parts (newest first) while they fit in `limit` rows together."""
    joined: list[Part] = []
    for part in parts:
        last = joined[-1] if joined else None
        if last and _is_years(last.key) and _is_years(part.key) and len(last.rows) + len(part.rows) <= limit:
            newest = last.key.split("-")[-1]
            key = f"{part.key}-{newest}"
            joined[-1] = Part(key, f"{part.key} to {newest}", last.rows + part.rows)
        else:
            joined.append(part)
    return joined


def _is_years(key: str) -> bool:
    """A key of a whole year ("1987") or of joined years ("1985-1990")."""
    return all(len(piece) == 4 and piece.isdigit() for piece in key.split("-"))


def split_by_letter(rows: Sequence[Any], name_of: Callable[[Any], str], limit: int) -> list[Part]:
    """Cut rows into parts by the first letter of their name (A–Z, then "other"), in the order the rows come.

    The letters are for rows too many for one page; a letter with more than `limit` rows gets numbered parts.
    """
    if len(rows) <= limit:
        return [Part("all", "All", tuple(rows))]
    by_letter: dict[str, list[Any]] = {}
    for row in rows:
        by_letter.setdefault(_letter(name_of(row)), []).append(row)
    parts: list[Part] = []
    for letter in sorted(by_letter, key=lambda key: (key == "other", key)):
        parts.extend(_numbered(letter, letter.upper() if letter != "other" else "Other", by_letter[letter], limit))
    return parts


def _letter(name: str) -> str:
    """The letter a name is filed under: its first letter without accents ("Émile" under E); "other" else."""
    first = unicodedata.normalize("NFKD", name.strip()[:1])[:1].lower()
    return first if "a" <= first <= "z" else "other"


def _runs(rows: Sequence[Any], key_of: Callable[[Any], str]) -> list[tuple[str, list[Any]]]:
    """Consecutive rows with the same key, in order (the rows come sorted, so each key is one run)."""
    runs: list[tuple[str, list[Any]]] = []
    for row in rows:
        key = key_of(row)
        if not runs or runs[-1][0] != key:
            runs.append((key, []))
        runs[-1][1].append(row)
    return runs


def _numbered(key: str, label: str, rows: Sequence[Any], limit: int, year: str = "") -> list[Part]:
    """One part when the rows fit, else equal numbered parts ("March 2026, part 2 of 3")."""
    count = math.ceil(len(rows) / limit)
    if count <= 1:
        return [Part(key, label, tuple(rows), year)]
    size = math.ceil(len(rows) / count)
    return [
        Part(key if number == 1 else f"{key}-{number}", f"{label}, part {number} of {count}",
             tuple(rows[(number - 1) * size: number * size]), year)
        for number in range(1, count + 1)
    ]


def part_links(parts: Sequence[Part], href_of: Callable[[Part], str], current: str | None = None) -> list[dict[str, Any]]:
    """The links between parts: each part's label, address, row count, and whether it is the page shown."""
    return [
        {"label": part.label, "href": href_of(part), "count": len(part.rows), "current": part.key == current}
        for part in parts
    ]


def part_groups(parts: Sequence[Part], href_of: Callable[[Part], str], current: str | None = None) -> list[dict[str, Any]]:
    """The links to every part (part_links), a line per year ("2026: March · February"), so a long list of parts
    reads (and converts) as short lines; parts that are no months (years, letters, undated) share one line."""
    groups: list[dict[str, Any]] = []
    for link, part in zip(part_links(parts, href_of, current), parts):
        if not groups or groups[-1]["year"] != part.year:
            groups.append({"year": part.year, "links": []})
        label = link["label"].replace(f" {part.year}", "", 1) if part.year else link["label"]
        groups[-1]["links"].append({**link, "label": label})
    return groups


def part_navigation(
    parts: Sequence[Part], number: int, href_of: Callable[[Part], str], words: tuple[str, str] = ("Newer", "Older")
) -> dict[str, Any]:
    """What a part's page links to: the part before and after it ("Newer" and "Older", or other `words`), and
    every part."""
    def link(other: Part, word: str) -> dict[str, Any]:
        return {"label": other.label, "href": href_of(other), "word": word}

    return {
        "newer": link(parts[number - 1], words[0]) if number > 0 else None,
        "older": link(parts[number + 1], words[1]) if number + 1 < len(parts) else None,
        "part_groups": part_groups(parts, href_of, parts[number].key),
    }
