"""A table paragraph (see `text.TABLE_CELL`) as a page shows it: a Markdown table when every row has the same
number of cells, else a preformatted block with its columns aligned again. Cell text is data: escaped for Markdown
and HTML in a table, left to Markdown's own escaping in a code block."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.text import CONTROL_CHARACTERS, table_rows

from .render import escape_markdown

_CODE_INDENT = "    "


def splits_cleanly(rows: list[list[str]]) -> bool:
    return len({len(row) for row in rows}) == 1 and len(rows[0]) >= 2


def markdown_table(paragraph: str) -> Markup:
    """The table in Markdown: the first row is its header."""
    rows = table_rows(paragraph)
    if not splits_cleanly(rows):
        return Markup("\n".join(_CODE_INDENT + line for line in aligned_lines(rows)))
    lines = ["| " + " | ".join(escape_markdown(cell) or " " for cell in row) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * len(rows[0]))
    return Markup("\n".join(lines))


def html_table(paragraph: str) -> Markup:
    """The table in HTML (handouts): a <table> with a header row, or a <pre> block."""
    rows = table_rows(paragraph)
    if not splits_cleanly(rows):
        return Markup('<pre class="table">') + escape("\n".join(aligned_lines(rows))) + Markup("</pre>")
    head = "".join(f"<th>{escape(cell)}</th>" for cell in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:])
    return Markup(f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def aligned_lines(rows: list[list[str]]) -> list[str]:
    """The rows with each column padded to its widest cell, as the table was set on its page."""
    rows = [[CONTROL_CHARACTERS.sub("", cell) for cell in row] for row in rows]
    widths = [max(len(row[column]) for row in rows if column < len(row)) for column in range(max(map(len, rows)))]
    return ["   ".join(cell.ljust(widths[column]) for column, cell in enumerate(row)).rstrip() for row in rows]
