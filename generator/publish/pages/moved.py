"""A page at an old address: an article or a story whose id changed (a better title, a corrected date) keeps
its old URL as a redirect, since links to it are out there (in e-mails, notes, other sites)."""

from __future__ import annotations

import html
from typing import Any

from markupsafe import Markup

from generator.publish.paths import front_matter, html_path

_BECAUSE = {"article": "its title did", "story": "its headline or date did"}


def moved_context(kind: str, title: str, new_path: str) -> dict[str, Any]:
    """A redirect to `new_path` (same folder as the old one) and a link for a browser that does not follow it."""
    return {
        "front_matter": front_matter(f"Moved: {title}", searched=False),
        "kind": kind,
        "because": _BECAUSE[kind],
        "title": title,
        "href": Markup(new_path.rsplit("/", 1)[-1]),
        "url": Markup(html.escape(html_path(new_path).rsplit("/", 1)[-1], quote=True)),
    }
