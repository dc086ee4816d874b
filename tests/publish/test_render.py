"""Rendering: article text is data — every Markdown or HTML construct in it comes out as literal text."""

from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from generator.publish.render import escape_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![img](http://example.com/x.png)",
    "# Not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "*not emphasis* and __not strong__",
    "`not code`",
    "| a | b |",
    "{{ jinja }} {% if %}",
    "&lt; stays literal",
    "<!-- not a comment -->",
    "Trailing backslash \\",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_same_literal_text(text):
    html = markdown.markdown(escape_markdown(text), extensions=["tables", "attr_list", "toc", "admonition"])
    # The only tag is the paragraph; the text inside, once entities are decoded, is exactly the input.
    import html as html_module
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner
    assert html_module.unescape(inner) == text


def test_markup_passes_unchanged_and_non_text_is_untouched():
    assert escape_markdown(Markup("[a](b.md)")) == "[a](b.md)"
    assert escape_markdown(3) == 3


def test_value_never_spans_lines():
    assert "\n" not in escape_markdown("line one\n\n# heading")
