"""The hosted site's Pagefind index: what is indexed (search.py), on built pages written here by hand."""

from __future__ import annotations

import json

from generator.publish.search import index_site, searchable_html, searched_pages

PAGE = """<!doctype html><html lang="en" class="no-js"><head><title>Copper deal - Desk</title></head><body>
<nav>Navigation: Home Topics</nav>
<article class="md-content__inner md-typeset">
<h1 id="copper-deal">Copper deal<a class="headerlink" href="#copper-deal">¶</a></h1>
<h2 id="summary" data-search-exclude>Summary</h2><p>Repeated summary sentence.</p>
<h2 id="text">Text</h2><p>Body text about smelters.</p>
<h2 id="people" data-search-exclude>People</h2><p>Who is named.</p>
<h3 id="more">More people</h3><p>Nested under an excluded section.</p>
<h2 id="background">Background</h2><p>Kept background.</p>
<figure class="briefing-chart" data-search-exclude><svg><text>chart words</text></svg></figure>
</article>
<footer>Footer words</footer></body></html>"""


def test_search_reads_the_content_without_marked_sections_navigation_or_footer():
    reduced = searchable_html(PAGE)
    assert reduced is not None
    assert "<title>Copper deal - Desk</title>" in reduced and 'lang="en"' in reduced
    assert "Body text about smelters." in reduced and "Kept background." in reduced
    for dropped in ("Repeated summary sentence.", "Who is named.", "Nested under an excluded section.", "Navigation:", "Footer words"):
        assert dropped not in reduced
    assert searchable_html("<html><body><p>No Material content</p></body></html>") is None


def test_pages_excluded_in_front_matter_are_not_searched(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "deal.md").write_text("---\ntitle: Deal\n---\n# Deal\n", encoding="utf-8")
    (tmp_path / "timeline.md").write_text("---\ntitle: Timeline\nsearch:\n  exclude: true\n---\n# Timeline\n", encoding="utf-8")
    (tmp_path / "about.md").write_text("# About\n\nHand-written, no front matter.\n", encoding="utf-8")
    assert searched_pages(tmp_path) == ["about.md", "articles/deal.md"]


def test_pagefind_indexes_the_searched_pages_under_their_site_addresses(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    for folder in (docs / "articles", site / "articles"):
        folder.mkdir(parents=True)
    (docs / "articles" / "deal.md").write_text("# Copper deal\n", encoding="utf-8")
    (docs / "index.md").write_text("---\nsearch:\n  exclude: true\n---\n# Home\n", encoding="utf-8")
    (site / "articles" / "deal.html").write_text(PAGE, encoding="utf-8")
    (site / "index.html").write_text(PAGE.replace("Copper deal", "Home"), encoding="utf-8")
    output = index_site(site, docs)
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 1  # the home page is excluded
    assert (output / "pagefind.js").is_file() and list((output / "fragment").iterdir())
