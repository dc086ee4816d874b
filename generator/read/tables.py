"""Find the tables in a seed's text: blocks of rows whose cells are set apart by runs of spaces, tabs or pipes.

A table is kept whole as one paragraph (rows on lines of their own, cells separated by a tab, see
`text.TABLE_CELL`), so no later rule reads its rows as menus, repeated lines or teaser headlines, and pages show
it as a table. A block is a table when it has at least two rows in a row (no blank line between them), each of at
least two cells, most of its rows have the same number of cells (a total or a note may have fewer), and
figures fill at least half of its rows: menus and tag lists, which also come in wide-spaced items, hold none.
A Markdown table's `|---|---|` rule is dropped; its header row stays the first row.
"""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from generator.text import TABLE_CELL, TABLE_ROW

_GAP = re.compile(r"\t+|\s{2,}")
_PIPE_ROW = re.compile(r"^\|.*\|$")
_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_DIGIT = re.compile(r"\d")
_SPACING = re.compile(r"\s+")
_MIN_ROWS = 2
_MIN_CELLS = 2
_MAX_CELL_CHARS = 120  # a longer "cell" is a sentence set off by a wide gap, not a table's
_MAX_LEADING_LINES = 5  # cell-like lines (a menu) tried away from the front of a run before it is no table


class Row(Protocol):
    raw: str
    blank_before: bool


def cells(raw: str) -> list[str] | None:
    """The cells of a line that could be a table row, or None."""
    text = raw.strip()
    if _RULE_ROW.match(text) and "-" in text:
        return []  # a Markdown table's rule: part of the table, no row of it
    if _PIPE_ROW.match(text):
        found = [part.strip() for part in text.strip("|").split("|")]
    else:
        found = [part.strip() for part in _GAP.split(text)]
    found = [_SPACING.sub(" ", part) for part in found]
    if len([part for part in found if part]) < _MIN_CELLS or any(len(part) > _MAX_CELL_CHARS for part in found):
        return None
    return found


def find_tables(rows: Sequence[Row]) -> list[tuple[int, int, list[list[str]]]]:
    """Return (first index, last index, cells of each row) for every table among the lines.

    Linear: each line is split once; a run of cell-like lines is a table, or a table after a few lines that are
    not its rows (a menu right above it); the next search starts after the run.
    """
    found_cells = [cells(row.raw) for row in rows]
    tables = []
    index = 0
    while index < len(rows):
        end = index
        while end < len(rows) and found_cells[end] is not None and (end == index or not rows[end].blank_before):
            end += 1
        if end == index:
            index += 1
            continue
        for start in range(index, min(end - 1, index + _MAX_LEADING_LINES + 1)):
            block = [row for row in found_cells[start:end] if row]
            if _is_table(block):
                tables.append((start, end - 1, block))
                break
        index = end
    return tables


def _is_table(block: list[list[str]]) -> bool:
    if len(block) < _MIN_ROWS:
        return False
    counts = [len(row) for row in block]
    usual = max(set(counts), key=lambda count: (counts.count(count), count))
    if counts.count(usual) * 2 < len(block) or (len(block) == _MIN_ROWS and counts[0] != counts[1]):
        return False  # most rows have the same number of cells (a total may have fewer)
    with_figures = sum(1 for row in block if any(_DIGIT.search(cell) for cell in row))
    return with_figures * 2 >= len(block)


def table_text(block: list[list[str]]) -> str:
    """The table as one paragraph: rows on lines of their own, cells apart by tabs (a short row stays short, so a
    page can tell a table whose columns split cleanly from one it must show as it was aligned)."""
    return TABLE_ROW.join(TABLE_CELL.join(row) for row in block)
