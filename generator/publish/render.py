"""Render pages through Jinja2, escaping every value so article text stays data in Markdown and HTML."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.config import PROJECT_TEMPLATES
from generator.errors import BuildError
from generator.model import Page
from generator.text import CONTROL_CHARACTERS

# The shipped templates sit beside the code that fills them: each page kind's in publish/pages/, the handouts' in
# publish/handouts/. Template names are unique across both, so a project overrides any one by its name alone.
PACKAGE_TEMPLATES = tuple(Path(__file__).resolve().parent / folder for folder in ("pages", "handouts"))

# Characters that Markdown (or HTML inside it) would act on, replaced by numeric entities that render as the
# character itself. Entities survive every Markdown extension we enable and read naturally in the search index.
_MARKDOWN_SPECIAL = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "#": "&#35;",
    "|": "&#124;",
    "~": "&#126;",
    "!": "&#33;",
    "$": "&#36;",
    "^": "&#94;",
    ":": "&#58;",
}
_WHITESPACE = re.compile(r"\s+")
# libyaml's dumper writes the same YAML as the pure-Python one, several times faster; not every build of PyYAML has it.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SPECIAL = re.compile("[" + re.escape("".join(_MARKDOWN_SPECIAL)) + "]")
# At the start of a line these open a list, a quote or a heading.
_LEADING_LIST = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def escape_markdown(value: Any) -> Any:
    """Return text with every Markdown/HTML-active character replaced by an entity; `Markup` passes unchanged."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    # A value never spans lines, so no block syntax can start inside it; a single space at either end is kept
    # because a value may be one segment of a sentence.
    # Control characters go too: Python-Markdown marks its own placeholders with \x02/\x03, so a value holding
    # them could splice in stashed HTML.
    text = CONTROL_CHARACTERS.sub("", _WHITESPACE.sub(" ", value))
    text = _SPECIAL.sub(lambda m: _MARKDOWN_SPECIAL[m.group()], text)
    return _LEADING_LIST.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)


def escape_html_text(value: str, quote: bool = False) -> str:
    """Escape text for an HTML context that is not Markdown (front matter fields the theme prints)."""
    return html.escape(" ".join(value.split()), quote=quote)


def _template_loader(project_dir: Path) -> ChoiceLoader:
    # The project's own templates win over the shipped ones, so a desk can restyle pages and handouts.
    loaders = []
    project_templates = project_dir / PROJECT_TEMPLATES
    if project_templates.is_dir():
        loaders.append(FileSystemLoader(str(project_templates)))
    loaders.append(FileSystemLoader([str(folder) for folder in PACKAGE_TEMPLATES]))
    return ChoiceLoader(loaders)


# After a heading, keeps its section out of Material's search index (needs the attr_list extension).
NOT_SEARCHED = Markup(" { data-search-exclude }")


LONG_LIST = 8  # a list longer than this is collapsed where pymdownx.details is on


def make_environment(project_dir: Path, attr_list: bool = False, details: bool = False) -> Environment:
    """Return a Jinja2 environment for Markdown pages: the project's `site_templates/` first, then the shipped ones.

    Templates put `{{ not_searched }}` after the headings of sections that repeat text found elsewhere (an
    article's dated events, a person's mentions): with attr_list on, those sections stay out of the search index.
    With `details` (pymdownx.details on), `_collapsed.md.j2` closes evidence, provenance and long lists.
    """
    environment = Environment(
        loader=_template_loader(project_dir),
        finalize=escape_markdown,
        autoescape=False,  # Markdown output: `finalize` escapes for Markdown *and* HTML
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["not_searched"] = NOT_SEARCHED if attr_list else Markup("")
    environment.globals["details"] = details
    environment.globals["long_list"] = LONG_LIST
    return environment


def make_html_environment(project_dir: Path) -> Environment:
    """Return a Jinja2 environment for HTML files (handouts): HTML autoescaping of every value."""
    return Environment(
        loader=_template_loader(project_dir),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_pages(
    pages: Sequence[Page],
    environment: Environment,
    advance: Callable[[int], None] = lambda done: None,
    reused: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Render each page to Markdown text, front matter first; `advance(done)` follows along (a progress bar).

    A page in `reused` (path -> the text it rendered to last time, for the same context: see context_digest) is
    taken as it is, so adding one article renders the pages it changes, not the whole site.
    """
    rendered: dict[str, str] = {}
    by_path: dict[str, Page] = {}
    reused = reused or {}
    for page in pages:
        if page.path in by_path:
            raise BuildError(f"{page.path}: both {by_path[page.path].described} and {page.described} would be written here")
        by_path[page.path] = page
        if page.path in reused:
            rendered[page.path] = reused[page.path]
        else:
            body = environment.get_template(page.template).render(**page.context)
            rendered[page.path] = _front_matter(page.context.get("front_matter")) + body
        advance(len(rendered))
    return rendered


def context_digest(page: Page) -> str | None:
    """A digest of what a page is rendered from (its template's name and its context), None when the context holds
    something JSON cannot write in a stable order. With the same templates and settings, the same digest means the
    same text, so the page need not be rendered again."""
    try:
        text = json.dumps([page.template, page.context], sort_keys=True, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _front_matter(front: Mapping[str, Any] | None) -> str:
    if not front:
        return ""
    dumped = yaml.dump(dict(front), Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n\n"
