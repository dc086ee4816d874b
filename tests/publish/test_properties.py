"""Property-based tests (Hypothesis): arbitrary text and front matter never crash the pipeline, never become markup,
and always make safe, distinct file names."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import markdown
import markupsafe
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.publish.export import export_corpus
from generator.publish.handouts import HandoutOptions, build_handouts, render_handouts
from generator.publish.changes import find_changes, list_contents
from generator.publish.pages import build_pages
from generator.pipeline import analyse_project
from generator.publish.render import escape_markdown, make_environment, make_html_environment, render_pages
from generator.publish.site import project_paths
from generator.text import distinct_ids, slugify

from helpers import HANDOUT_TEMPLATES, inspect

# The extensions of the shipped mkdocs.yml, so a page converts here exactly as MkDocs converts it.
EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
META_TAGS = {name: len(re.findall(r"<meta\b", (HANDOUT_TEMPLATES / name).read_text()))
             for name in ("handout.html.j2", "handouts_index.html.j2")}
HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](javascript:alert(1))", "![i](http://e.x/i.png)",
    "<a href='javascript:alert(1)'>x</a>", "# heading", "## heading", "| a | b |\n|---|---|\n| c | d |", "{{ config }}",
    "{% for x in y %}", "{# c #}", "<!--", "-->", "`code`", "*em*", "__strong__", "{: onclick=alert(1) }",
    "&amp;", "&#60;script&#62;", "\\", "---", "> quote", "1. item", "- item", "<", ">", '"', "'", "javascript:",
    "[[wiki]]", "<", "</p>", "<div onmouseover=alert(1)>", "!!! note", "    indented code", "\n", "\n\n", "\r\n",
    "\u202e", "\x00", "\x1b[31m", "\ufeff", "\u2028", "é", "中国", "Mr. John Smith said", "tariff", "critical minerals",
    "lithium", "trade deal", "on Monday", "February 12, 2026", "2026-02-12", " ", " ", ". ", ", ",
]
fragments = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
hostile_text = st.lists(fragments, max_size=30).map("".join)
one_line = hostile_text.map(lambda text: " ".join(text.split()))
field_values = st.one_of(st.none(), one_line, st.integers(), st.booleans(), st.lists(one_line, max_size=3),
                         st.dates(), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
front_matter = st.one_of(
    st.dictionaries(
        st.one_of(st.sampled_from(["title", "date", "outlet", "author", "url", "topics"]), st.text(max_size=8)),
        field_values,
        max_size=7,
    ).map(lambda fields: "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n"),
    hostile_text.map(lambda text: f"---\n{text}\n---\n"),  # anything at all between the markers
    st.just(""),
)
seeds = st.lists(
    st.tuples(st.sampled_from(["txt", "md"]), front_matter, hostile_text, st.sampled_from(["utf-8", "cp1252", "utf-16"])),
    min_size=1,
    max_size=3,
)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _split_page(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_escaped_text_is_exactly_the_literal_text(text):
    converted = markdown.markdown(escape_markdown(text), extensions=EXTENSIONS)
    inspector = inspect(converted)
    assert inspector.threats == []
    assert _normal("".join(inspector.text)) == _normal(CONTROL.sub("", _normal(text)))  # control characters dropped
    assert re.sub(r"</?p>", "", converted).count("<") == 0  # no element but the paragraph


@settings(max_examples=400, deadline=None)
@given(st.text(), st.integers(min_value=1, max_value=80))
def test_slugs_use_a_safe_alphabet_and_a_capped_length(text, limit):
    slug = slugify(text, limit)
    assert slug == "" or SAFE_SLUG.match(slug)
    assert len(slug) <= limit
    assert slug == slugify(text, limit)  # the same title always makes the same name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "a-1", "index", "c"]), st.text(max_size=6)), unique_by=lambda item: item[1]))
def test_distinct_ids_are_unique_safe_and_stable(wanted):
    ids = distinct_ids(wanted, frozenset({"index"}))
    assert len(set(ids)) == len(ids)
    assert "index" not in ids
    assert all(SAFE_SLUG.match(found) for found in ids)
    # An item's id depends only on the items that want the same id: dropping the others changes nothing.
    for position, (preferred, _) in enumerate(wanted):
        same = [item for item in wanted if item[0] == preferred]
        alone = distinct_ids(same, frozenset({"index"}))
        if not any(found in {w[0] for w in wanted} - {preferred} for found in ids):
            assert alone[same.index(wanted[position])] == ids[position]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seeds, st.lists(one_line, min_size=1, max_size=3))
def test_arbitrary_seeds_never_crash_and_never_become_markup(seed_list, titles):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "seeds").mkdir()
        (root / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: docs_src\n")
        for index, (kind, front, body, encoding) in enumerate(seed_list):
            text = (front if kind == "md" else "") + body
            data = text.encode(encoding, errors="replace")
            (root / "seeds" / f"{index}-{slugify(titles[index % len(titles)], 20)}.{kind}").write_bytes(data)
        paths = project_paths(root)
        config = load_config(root)
        analysis = analyse_project(paths, config)
        corpus = analysis.corpus
        assert not [problem for problem in analysis.problems if "could not be analysed" in str(problem)]
        event(f"{len(corpus.articles)} article(s), {len(analysis.problems)} skipped, {len(corpus.people)} people")
        pages = build_pages(corpus, config, find_changes(None, None, list_contents(corpus)))
        files = render_pages(pages, make_environment(root))
        export_corpus(corpus, 2)  # must not raise either
        assert len(files) == len(pages)  # no two pages share a path
        for path in files:
            assert SAFE_SLUG.match(path.rsplit("/", 1)[-1][: -len(".md")]), path
            assert ".." not in path and not path.startswith("/")
        for article in corpus.articles:
            page = files[f"articles/{article.id}.md"]
            front, body = _split_page(page)
            assert isinstance(front, dict) and "<" not in front["title"] and "\n" not in front["title"]
            inspector = inspect(markdown.markdown(body, extensions=EXTENSIONS))
            assert inspector.threats == [], inspector.threats
            shown = _normal("".join(inspector.text))
            for paragraph in article.paragraphs:
                assert _normal(paragraph) in shown  # the article's text, character for character
            assert _normal(article.meta.title) in shown
        for path, page in files.items():
            _, body = _split_page(page)
            assert inspect(markdown.markdown(body, extensions=EXTENSIONS)).threats == [], path
        handouts = render_handouts(
            build_handouts(corpus, config, HandoutOptions(built_on="2026-01-01")), make_html_environment(root)
        )
        for path, page in handouts.items():
            # A handout's own head holds one <style> and its meta tags (charset, viewport, CSP); nothing else may.
            threats = inspect(page).threats
            assert threats.count("<style>") == 1 and set(threats) <= {"<style>", "<meta>"}, (path, threats)
            template = "handouts_index.html.j2" if path == "index.html" else "handout.html.j2"
            assert threats.count("<meta>") == META_TAGS[template], (path, threats)
        for article in corpus.articles:
            # Escaped as Jinja escapes (quotes too: `"` is `&#34;`), never raw.
            assert str(markupsafe.escape(article.meta.title)) in "".join(handouts.values()) or not article.topic_ids
