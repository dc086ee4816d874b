"""The hosted site's search: a Pagefind index cut into small chunks, so the first results need a few kilobytes.

Material's own search downloads one index of the whole site and builds it in the browser before it answers: at
thousands of articles that is megabytes and seconds on every visit. Pagefind (its binary ships in the
`pagefind-bin` package from PyPI) writes an index in chunks that the browser fetches by the words typed. A theme
override (generator/publish/theme/) puts it behind Material's own search box and result list, so it looks and
works like the rest of the site. The offline site keeps Material's search: a page opened from file:// cannot
fetch index chunks.

What is indexed follows what Material's index would hold: pages with `search: exclude` in their front matter are
left out, and so is every section whose heading carries `data-search-exclude` (with its subsections).
"""

from __future__ import annotations

import importlib.util
import logging
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.errors import BuildError

logger = logging.getLogger(__name__)

THEME_DIR = Path(__file__).resolve().parent / "theme"
INDEX_FOLDER = "pagefind"  # inside the site; the theme's script loads pagefind/pagefind.js from the site's root
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_EXCLUDED = re.compile(r"^search:\s*\n\s+exclude:\s*true\s*$", re.M)
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_LANGUAGE = re.compile(r'<html[^>]*\blang="([A-Za-z-]+)"')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>")


def pagefind_available() -> bool:
    """True when the Pagefind binary is installed (the `pagefind-bin` package)."""
    return importlib.util.find_spec("pagefind_bin") is not None


def searched_pages(docs: Path) -> list[str]:
    """The docs-relative paths of the Markdown pages search should find: all but those excluded in front matter."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        with path.open(encoding="utf-8", errors="replace") as stream:
            head = stream.read(2048)
        front = _FRONT_MATTER.match(head)
        if front and _EXCLUDED.search(front.group(1)):
            continue
        found.append(path.relative_to(docs).as_posix())
    return found


def searchable_html(page: str) -> str | None:
    """Return a built page reduced to what search should read: its title, and its content without the sections
    marked `data-search-exclude` (a heading so marked drops everything up to the next heading of its level or
    above) and without marked elements (charts). None for a page without Material's content element."""
    content = _ARTICLE.search(page)
    if not content:
        return None
    body = _without_excluded_sections(content.group(1))
    language = _LANGUAGE.search(page)
    title = _TITLE.search(page)
    return (
        f'<!doctype html><html lang="{language.group(1) if language else "en"}"><head><meta charset="utf-8">'
        f"<title>{title.group(1) if title else ''}</title></head><body>{body}</body></html>"
    )


def _without_excluded_sections(html: str) -> str:
    kept: list[str] = []
    position = 0
    skipping_from_level: int | None = None
    for heading in _HEADING.finditer(html):
        level = int(heading.group(1))
        if skipping_from_level is not None and level > skipping_from_level:
            continue  # a subsection of an excluded section
        if skipping_from_level is None:
            kept.append(html[position:heading.start()])
        position = heading.start()
        skipping_from_level = level if "data-search-exclude" in heading.group(2) else None
    if skipping_from_level is None:
        kept.append(html[position:])
    return "".join(kept)


def index_site(site: Path, docs: Path) -> Path:
    """Write the Pagefind index of a built site into site/pagefind/; return that folder.

    Each searched page is reduced (searchable_html) into a scratch folder, which Pagefind then indexes; the result
    URLs are the site's own (`x.html`, as `use_directory_urls: false` makes them).
    """
    output = site / INDEX_FOLDER
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as scratch:
        scratch_root = Path(scratch)
        count = 0
        for markdown in searched_pages(docs):
            built = site / (markdown[: -len(".md")] + ".html")
            if not built.is_file():
                continue
            reduced = searchable_html(built.read_text(encoding="utf-8", errors="replace"))
            if reduced is None:
                continue
            target = scratch_root / built.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(reduced, encoding="utf-8")
            count += 1
        command = [
            sys.executable, "-m", "pagefind_bin", "--site", str(scratch_root), "--output-path", str(output.resolve()),
            "--exclude-selectors", "[data-search-exclude], .headerlink", "--keep-index-url", "--silent",
        ]
        logger.info("indexing %d page(s) for search with Pagefind", count)
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise BuildError(f"pagefind failed (exit {result.returncode}): {said[-1] if said else 'no output'}")
    return output
