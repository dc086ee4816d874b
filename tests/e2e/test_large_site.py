"""A site of hundreds of articles with a small `site.listing_limit`: every listing is cut into parts a reader can
open, the parts lead to each other, nothing is lost or listed twice, and names in one article get no page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import LARGE_LISTING_LIMIT, LARGE_SEEDS


@pytest.fixture(scope="module")
def site(large_site) -> Path:
    return large_site / "site"


@pytest.fixture(scope="module")
def export(site) -> dict:
    return json.loads((site / "briefing.json").read_text(encoding="utf-8"))


def _content(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def _links(site: Path, page: Path, folder: str) -> list[str]:
    """The site paths of the links in a page's content to pages in `folder` (anchors dropped, listings left out)."""
    found = []
    for href in re.findall(r'href="([^"#]+)(?:#[^"]*)?"', _content(page)):
        path = (page.parent / href).resolve().relative_to(site.resolve()).as_posix()
        if path.startswith(folder) and "/by-" not in path and not path.endswith("index.html"):
            found.append(path)
    return found


def test_all_articles_are_listed_once_across_the_parts_newest_part_first(site, export):
    index = site / "articles" / "index.html"
    parts = sorted((site / "articles" / "by-period").glob("*.html"))
    assert parts, "a list longer than the limit is cut into parts"
    listed = _links(site, index, "articles/")
    assert 0 < len(listed) <= LARGE_LISTING_LIMIT
    for part in parts:
        in_part = _links(site, part, "articles/")
        assert 0 < len(in_part) <= LARGE_LISTING_LIMIT, part.name
        listed += in_part
    assert sorted(listed) == sorted(article["url"] for article in export["articles"])  # each once, none lost
    newest = max(export["articles"], key=lambda article: article["date"])
    assert newest["url"] in listed[:LARGE_LISTING_LIMIT]  # the index holds the newest part
    # The index links every part, and each part links back and to its neighbours.
    index_html = _content(index)
    for part in parts:
        assert f'href="by-period/{part.name}"' in index_html
    middle = _content(parts[len(parts) // 2])
    assert 'href="../index.html"' in middle and "Newer:" in middle and "Older:" in middle


def test_the_timeline_keeps_its_chart_and_the_newest_period_and_links_the_others(site, export):
    timeline = _content(site / "timeline.html")
    parts = sorted((site / "timeline").glob("*.html"))
    assert parts and 'data-chart="chart-timeline"' in timeline
    for part in parts:
        assert f'href="timeline/{part.name}"' in timeline
        html = _content(part)
        assert html.count('<li>') <= LARGE_LISTING_LIMIT + len(parts) + 2, part.name  # events, plus the part links
        assert 'href="../timeline.html"' in html
    events_shown = timeline.count("Date from") + sum(_content(part).count("Date from") for part in parts)
    assert events_shown == len(export["events"])


def test_a_first_build_does_not_list_every_article_as_new(site):
    whats_new = _content(site / "whats-new.html")
    assert "This is the first build" in whats_new
    assert "articles/port-report" not in whats_new


def test_names_in_one_article_have_no_page_and_are_listed_by_letter(site, export):
    organisations = export["organisations"]
    single = [o for o in organisations if len(o["articles"]) == 1]
    shared = [o for o in organisations if len(o["articles"]) > 1]
    assert len(single) >= LARGE_SEEDS - 10 and shared
    for organisation in single:
        page, _, anchor = organisation["url"].partition("#")
        assert anchor == "organisations" and page == next(
            a["url"] for a in export["articles"] if a["id"] == organisation["articles"][0])
    for organisation in shared:
        assert (site / organisation["url"]).is_file()
    assert len(list((site / "organisations").glob("*.html"))) == len(shared) + 1  # + the index
    # Every organisation is on a page of its letter, by name; the index keeps the most cited.
    letters = sorted((site / "organisations" / "by-letter").glob("*.html"))
    names = "".join(_content(page) for page in letters)
    for organisation in organisations:
        assert organisation["name"] in names, organisation["name"]
    index = _content(site / "organisations" / "index.html")
    assert index.count("<tr>") <= LARGE_LISTING_LIMIT + 1
    # An article lists its one-off company unlinked, and its shared ones linked to their pages.
    article = site / single[0]["url"].split("#")[0]
    html = _content(article)
    assert single[0]["name"] in html and f'>{single[0]["name"]}</a>' not in html


def test_topic_pages_list_the_newest_articles_up_to_the_limit(site, export):
    for topic in export["topics"]:
        html = _content(site / topic["url"])
        listed = set(re.findall(r'href="\.\./articles/([^"#/]+\.html)"', html))
        assert len(listed) <= LARGE_LISTING_LIMIT + 20  # + the synthesis' citations
        if len(topic["articles"]) > LARGE_LISTING_LIMIT:
            assert f"of {len(topic['articles'])}" in html
