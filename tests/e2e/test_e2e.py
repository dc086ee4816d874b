"""End to end: `briefing init` a project, add seeds, build for real with MkDocs, and read the HTML and JSON."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import SEEDS, new_project
from generator.cli import main

BOILERPLATE = ["Click here to follow us on Instagram", "SCROLL FOR NEXT", "Photo | EPS", "Opposition slams President Murmu",
               "Kashmiri shawl seller", "Economic Survey projects"]


class _Links(HTMLParser):
    """Collect hrefs and the text of <article> content."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "script":
            self._in_script = True
        for name in attrs:
            assert not name.startswith("on"), f"event handler attribute {name} in generated HTML"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _content(path: Path) -> str:
    """Return the main article text of a page (Material puts it in <article class="md-content__inner">)."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner')
    return html[start : html.index("</article>", start)]


@pytest.fixture(scope="module")
def project(hostile_site):
    """The example seeds, the hostile seeds and the cricket article, built once per run (conftest.hostile_site)."""
    return hostile_site


@pytest.fixture(scope="module")
def export(project):
    return json.loads((project / "site" / "briefing.json").read_text(encoding="utf-8"))


def test_init_project_builds_as_it_is(tmp_path):
    root = tmp_path / "empty"
    assert main(["init", str(root)]) == 0
    assert (root / "briefing.yml").is_file() and (root / "seeds").is_dir() and (root / "docs_src" / "about.md").is_file()
    assert main(["-C", str(root), "build", "--strict"]) == 0
    assert "No articles yet" in (root / "site" / "index.html").read_text()
    assert (root / "site" / "about.html").is_file()


def test_briefing_json_follows_the_design(project, export):
    assert set(export) >= {"generated_by", "articles", "topics", "people", "events", "stories"}
    assert [t["id"] for t in export["topics"]] == ["critical-minerals", "pax-silica", "tariffs", "trade-deal"]
    by_source = {a["source"]: a for a in export["articles"]}
    assert set(by_source) == {p.name for p in SEEDS.iterdir()} | {"hostile.md", "hostile-text.txt", "cricket.txt"}
    for article in export["articles"]:
        assert set(article) >= {"id", "source", "title", "date", "outlet", "author", "url", "topics", "summary", "body",
                                "people", "events", "story"}
        assert (project / "site" / article["url"]).is_file()
        for topic in article["topics"]:
            assert article["id"] in next(t for t in export["topics"] if t["id"] == topic)["articles"]
    assert by_source["000_a6d711fb2c1371d9.txt"]["date"] == "2026-01-29"
    assert by_source["001_1fe273c1a6e006ca.txt"]["date"] is None  # not in the text: never invented
    assert by_source["001_1fe273c1a6e006ca.txt"]["author"] == "Jayanth Jacob"
    assert by_source["cricket.txt"]["topics"] == []
    for name in ("000_a6d711fb2c1371d9.txt", "001_1fe273c1a6e006ca.txt", "003_91a550de0f9bf913.txt"):
        assert {"critical-minerals", "trade-deal"} <= set(by_source[name]["topics"])


def test_no_boilerplate_reaches_bodies_or_pages(project, export):
    for article in export["articles"]:
        for junk in BOILERPLATE:
            assert junk not in article["body"]
            assert junk not in _content(project / "site" / article["url"])


def test_every_article_links_its_topics_and_every_topic_links_back(project, export):
    for article in export["articles"]:
        page = project / "site" / article["url"]
        hrefs = set(_parse(page).hrefs)
        for topic in article["topics"]:
            assert f"../topics/{topic}.html" in hrefs
            topic_hrefs = set(_parse(project / "site" / "topics" / f"{topic}.html").hrefs)
            assert "../" + article["url"] in topic_hrefs
        assert Path(article["url"]).name in _parse(project / "site" / "articles" / "index.html").hrefs


def test_nav_lists_index_pages_not_articles(project):
    home = (project / "site" / "index.html").read_text()
    nav = home[home.index("md-sidebar--primary") : home.index("md-sidebar--secondary")]
    assert "topics/tariffs.html" in nav and "articles/index.html" in nav and "about.html" in nav
    assert "timeline.html" in nav and "people/index.html" in nav and "stories/index.html" in nav
    assert not re.search(r'(?:articles|people|stories)/(?!index)[^"]+\.html', nav)


def test_search_index_has_article_text(project):
    index = json.loads((project / "site" / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "economic security partnership aimed at securing critical technology supply chains" in text
    assert "mineral-rich countries such as Congo, Guinea and Kenya" in text


def test_tags_one_per_topic_on_the_topic_pages_not_on_every_article(project):
    tags = (project / "site" / "tags.html").read_text()
    for name in ("Critical minerals", "Pax Silica", "Tariffs", "Trade deal"):
        assert name in tags
    listing = tags[tags.index('<article class="md-content__inner'):tags.index("</article>")]
    assert "topics/tariffs.html" in listing and "articles/" not in listing  # a page per tag, not its articles
    assert "md-tag" in (project / "site" / "topics" / "tariffs.html").read_text()
    article = next((project / "site" / "articles").glob("eam-jaishankar-*.html")).read_text()
    assert "md-tag" not in article and 'href="../topics/tariffs.html"' in article


@pytest.mark.parametrize("seed", ["hostile.md", "hostile-text.txt"])
def test_hostile_text_is_shown_not_run(project, export, seed):
    hostile = next(a for a in export["articles"] if a["source"] == seed)
    page = project / "site" / hostile["url"]
    html = page.read_text()
    parsed = _parse(page)  # also asserts no on* attribute anywhere
    assert not any("owned" in script or "alert(1)" in script for script in parsed.scripts)
    assert "javascript:" not in " ".join(parsed.hrefs)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html
    if seed.endswith(".txt"):
        content = _content(page)
        assert "<h1 id=\"this-line" not in content
        assert "&#35; This line is not a heading and &#91;this&#93;(javascript&#58;alert(1))" in content
        assert "&lt;img src=x onerror=alert(1)&gt;" in content
        return
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<img" not in title and "&lt;img" in title
    assert "{{ config }}" in export["articles"][[a["source"] for a in export["articles"]].index("hostile.md")]["title"]


def test_article_page_shows_metadata_evidence_and_related(project, export):
    article = next(a for a in export["articles"] if a["source"] == "001_1fe273c1a6e006ca.txt")
    content = _content(project / "site" / article["url"])
    assert "Jayanth Jacob" in content and "NEW DELHI" in content
    assert "Why these topics" in content and "matched" in content
    related_hrefs = [h for h in _parse(project / "site" / article["url"]).hrefs if h.endswith(".html") and "topics/" not in h]
    others = {Path(a["url"]).name for a in export["articles"] if a["source"].startswith("00") and a["id"] != article["id"]}
    assert others <= {Path(h).name for h in related_hrefs}


def test_generation_is_deterministic_and_incremental(project, tmp_path):
    docs = project / "docs_src"
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", "docs_src"))
    (copy / "docs_src").mkdir()
    shutil.copy(docs / "about.md", copy / "docs_src" / "about.md")
    assert main(["-C", str(copy), "generate"]) == 0
    after = {p: p.read_bytes() for p in (copy / "docs_src").rglob("*") if p.is_file()}
    assert {p.relative_to(docs): b for p, b in before.items()} == {p.relative_to(copy / "docs_src"): b for p, b in after.items()}
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    assert main(["-C", str(project), "generate"]) == 0
    assert mtimes == {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}


def test_hand_written_page_survives_and_collisions_fail(project, tmp_path):
    assert (project / "docs_src" / "about.md").read_text().startswith("# About this briefing")
    root = tmp_path / "clash"
    assert main(["init", str(root)]) == 0
    (root / "docs_src" / "index.md").write_text("# My own home page\n")
    assert main(["-C", str(root), "build"]) == 1
    assert (root / "docs_src" / "index.md").read_text() == "# My own home page\n"


def test_init_briefing_yml_has_taxonomy_and_leaves_cleaning_to_defaults(tmp_path):
    import yaml
    root = tmp_path / "p"
    assert main(["init", str(root)]) == 0
    data = yaml.safe_load((root / "briefing.yml").read_text())
    assert [t["id"] for t in data["topics"]] == ["critical-minerals", "pax-silica", "tariffs", "trade-deal"]
    assert "cleaning" not in data and "entities" not in data and "stories" not in data
    assert data["people"] == []


SEED_NAMES = ("000_a6d711fb2c1371d9.txt", "001_1fe273c1a6e006ca.txt", "003_91a550de0f9bf913.txt")


def test_timeline_holds_the_trip_and_the_earlier_meetings_at_the_right_months(project, export):
    dates = {event["date"] for event in export["events"]}
    # the trip and the call before it, resolved against the dated article (2026-01-29)
    assert {"2026-02-04", "2026-01-13", "2026-02"} <= dates
    # the meetings of 2025: January (first day in office), July (Quad), September, October, November
    assert {"2025-01", "2025-07", "2025-09", "2025-10", "2025-11"} <= dates
    assert {"2025-08", "2025-05"} <= dates  # tariffs since August last year; the ceasefire claim of May last year
    assert len({event["id"] for event in export["events"]}) == len(export["events"])
    articles = {article["id"]: article for article in export["articles"]}
    for event in export["events"]:
        assert event["id"] in articles[event["article"]]["events"]
        assert event["derivation"] and event["sentence"]
    august = next(event for event in export["events"] if event["date"] == "2025-08")
    assert august["expression"] == "August last year" and "2026-01-29" in august["derivation"]
    # undated seeds resolve nothing they cannot: "February 4" in them is listed as unresolved, not guessed
    undated = next(article for article in export["articles"] if article["source"] == "001_1fe273c1a6e006ca.txt")
    assert undated["events"] == [] and any(u["expression"] == "February 4" for u in undated["unresolved_dates"])
    timeline = _content(project / "site" / "timeline.html")
    months = re.findall(r"<h2[^>]*>([^<]+)<", timeline)
    assert months.index("February 2026") < months.index("January 2026") < months.index("November 2025")
    assert "4 February 2026" in timeline and "resolved against the article date 2026-01-29" in timeline
    topic = _content(project / "site" / "topics" / "critical-minerals.html")
    assert "Timeline" in topic and "4 February 2026" in topic
    home = _content(project / "site" / "index.html")
    next_events = home[home.index("Next dated events") : home.index("Latest dated events")]
    assert "4 February 2026" in next_events and "13 January 2026" not in next_events


def test_each_real_person_appears_once_with_the_role_the_articles_give(project, export):
    people = {person["name"]: person for person in export["people"]}
    expected_roles = {
        "S Jaishankar": "External Affairs Minister",
        "Marco Rubio": "US Secretary of State",
        "Sergio Gor": "US Ambassador",
        "Donald Trump": "President",
        "Scott Bessent": "U.S. Treasury Secretary",
        "Ashwini Vaishnaw": "Union Minister",
    }
    for name, role in expected_roles.items():
        assert people[name]["role"] == role
    for name in ("Jimmy Patronis", "Mike Rogers", "Adam Smith"):
        assert "delegation" in people[name]["role"]
    for surname in ("Jaishankar", "Rubio", "Gor", "Trump"):
        assert sum(1 for name in people if surname in name) == 1, surname
    assert "Jayanth Jacob" not in people  # the byline's reporter
    assert not any("Murmu" in name for name in people)  # only in boilerplate
    jaishankar = people["S Jaishankar"]
    seed_ids = {a["id"] for a in export["articles"] if a["source"] in SEED_NAMES}
    assert seed_ids <= set(jaishankar["articles"]) and "Jaishankar" in jaishankar["aliases"]
    assert "Sergio" in people["Sergio Gor"]["aliases"]  # "US ambassador Sergio" in one seed
    page = _content(project / "site" / jaishankar["url"])
    assert jaishankar["mentions"] >= 10
    assert "External Affairs Minister" in page and "Jaishankar travelled to the US for the Quad" in page
    gor_page = _content(project / "site" / people["Sergio Gor"]["url"])
    assert "productive" in gor_page  # his quote
    article = next(a for a in export["articles"] if a["source"] == "001_1fe273c1a6e006ca.txt")
    text = _content(project / "site" / article["url"])
    start = text.index('id="text"')
    body = text[start : text.index("<h2", start)]  # the article's text, up to the next section
    assert body.count('href="../people/s-jaishankar.html"') == 1  # first mention only
    assert 'href="../people/marco-rubio.html"' in body


def test_the_three_seed_articles_form_one_story(project, export):
    seed_ids = {a["id"] for a in export["articles"] if a["source"] in SEED_NAMES}
    [story] = [story for story in export["stories"] if set(story["articles"]) & seed_ids]
    assert set(story["articles"]) == seed_ids
    for article in export["articles"]:
        assert (article["story"] == story["id"]) == (article["id"] in seed_ids)
    claims = {(claim["kind"], claim["value"]): len(claim["articles"]) for claim in story["claims"]}
    assert claims[("date", "February 4")] == 3 and claims[("date", "January 13")] == 2
    assert claims[("figure", "50%")] == 2 and claims[("figure", "$100,000")] == 1
    page = _content(project / "site" / story["url"])
    single = page[page.index("Only one source reports") : page.index("Figures, dates and quotes")]
    assert "Current members include the United Kingdom, Japan, Israel and Australia" in single
    assert "Representatives from G7 nations" in single
    assert "Reported by several sources" in page and "3 of 3 sources" in page
    article = next(a for a in export["articles"] if a["source"] == "003_91a550de0f9bf913.txt")
    also = _content(project / "site" / article["url"])
    also = also[also.index("Also covered by") :]
    others = {Path(a["url"]).name for a in export["articles"] if a["id"] in seed_ids - {article["id"]}}
    assert all(name in also for name in others)


def _search_index(root: Path) -> list[dict]:
    return json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_holds_each_text_once(project, export):
    """Pages and sections that only repeat other pages' text stay out of the index; the articles' text is in it."""
    docs = _search_index(project)
    pages = {doc["location"].split("#")[0] for doc in docs}
    for listing in ("index.html", "timeline.html", "whats-new.html", "tags.html", "articles/index.html",
                    "people/index.html", "stories/index.html", "topics/index.html"):
        assert listing not in pages, listing
    sections = {doc["location"] for doc in docs}
    for article in export["articles"]:
        assert f"{article['url']}#text" in sections
        assert article["url"] in sections  # the title (and the metadata list) are searchable
        for repeated in ("summary", "dated-events", "quotes", "also-covered-by", "related-articles"):
            assert f"{article['url']}#{repeated}" not in sections
    cricket = next(article for article in export["articles"] if article["source"] == "cricket.txt")
    text = next(doc["text"] for doc in docs if doc["location"] == f"{cricket['url']}#text")
    assert "Suryakumar Yadav" in text
    # Each sentence of an article is indexed once, not again on topic, person, story and timeline pages.
    assert sum("Suryakumar Yadav hit an unbeaten" in doc["text"] for doc in docs) == 1
    for person in export["people"]:
        assert person["url"].split("#")[0] in pages  # a name still finds the person's page, or their article
        assert f"{person['url']}#mentions" not in sections


def test_without_attr_list_no_section_marker_is_printed(tmp_path):
    """A project whose mkdocs.yml has no attr_list gets plain headings, not a literal `{ data-search-exclude }`."""
    root = new_project(tmp_path / "plain")
    mkdocs_file = root / "mkdocs.yml"
    mkdocs_file.write_text(mkdocs_file.read_text(encoding="utf-8").replace("  - attr_list\n", ""), encoding="utf-8")
    assert "attr_list" not in mkdocs_file.read_text(encoding="utf-8")
    assert main(["-C", str(root), "build", "--strict"]) == 0
    article = next((root / "site" / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert "data-search-exclude" not in article and "Dated events" in article
    assert "search:" in (root / "docs_src" / "timeline.md").read_text(encoding="utf-8")  # whole pages still excluded
