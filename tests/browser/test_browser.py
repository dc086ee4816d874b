"""In a real browser: the online site served from loopback, the offline site and the handouts from file://.

Headless Chromium from Debian (/usr/bin/chromium), driven by Playwright's Python package. Every page load records
the requests the browser makes and any dialog a script opens. Screenshots and PDFs go to test-artifacts/ (or
$BRIEFING_TEST_ARTIFACTS) for a person to look at.
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browsing import LOCAL_SCHEMES, serve as _serve, served
from helpers import REPO, new_project
from generator.cli import main

ARTIFACTS = Path(os.environ.get("BRIEFING_TEST_ARTIFACTS", REPO / "test-artifacts"))

@pytest.fixture(scope="module")
def project(sample_site):
    """The example seeds plus the real-world test articles (one with a URL), built all three ways, once per run."""
    return sample_site


@pytest.fixture(scope="module")
def export(project):
    return json.loads((project / "site" / "briefing.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hostile_project(hostile_site):
    """The example seeds with hostile article text (and an off-topic article), built all three ways, once per run."""
    return hostile_site


@pytest.fixture(scope="module")
def online(project):
    yield from served(project / "site")


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def _heading(page) -> str:
    """Return the page's title as a reader sees it (without the permalink mark)."""
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


def _search(page, word: str):
    """Open Material's search with "/" (as a reader would), type, and return the result links."""
    page.keyboard.press("/")
    page.keyboard.type(word, delay=20)
    page.wait_for_selector(".md-search-result__item")
    return [link.get_attribute("href") for link in page.locator(".md-search-result__item a").all()]


def _distinctive_word(article: dict, others: list[dict]) -> str:
    """Return a long word of this article's text that no other article's text contains."""
    elsewhere = " ".join(other["body"] for other in others).lower()
    for word in re.findall(r"\b[A-Za-z]{8,}\b", article["body"]):
        if word.lower() not in elsewhere:
            return word
    raise AssertionError(f"no distinctive word in {article['source']}")


# --- (a) the online site, served on loopback -----------------------------------------------------------------


def test_online_search_finds_the_article_a_word_comes_from(visit, online, export):
    article = next(a for a in export["articles"] if a["source"] == "reuters.txt")
    word = _distinctive_word(article, [a for a in export["articles"] if a is not article])
    one = visit(allow_loopback=True)
    one.page.goto(online + "index.html")
    hrefs = _search(one.page, word)
    paths = {urlparse(one.page.url).path.rsplit("/", 1)[0] + "/" + urlparse(href).path for href in hrefs}
    assert any(path.endswith("/" + article["url"]) for path in paths), (word, hrefs)
    one.page.screenshot(path=_artifact("online-search.png"))
    assert not one.dialogs and not one.blocked


def test_online_links_lead_from_topic_to_article_to_person_and_back(visit, online, export):
    one = visit(allow_loopback=True)
    page = one.page
    topic = next(t for t in export["topics"] if t["id"] == "critical-minerals")
    page.goto(online + "topics/index.html")
    page.locator(f"article a[href='{topic['id']}.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(topic["url"]) and _heading(page) == topic["name"]
    page.screenshot(path=_artifact("topic-page.png"), full_page=True)

    # Topic -> article: the first article listed under "Articles" that names somebody.
    by_id = {a["id"]: a for a in export["articles"]}
    article = next(by_id[i] for i in topic["articles"] if by_id[i]["people"])
    page.locator(f"article h2:has-text('Articles') ~ ul a[href='../{article['url']}']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(article["url"]) and _heading(page) == article["title"]

    # Article -> person (the first person the article links in its People section).
    page.locator("article h2:has-text('People') + ul a").first.click()
    page.wait_for_load_state()
    person = next(p for p in export["people"] if page.url.endswith(p["url"]))
    assert person["id"] in article["people"] and article["id"] in person["articles"]
    assert _heading(page) == person["name"]

    # Person -> topic, and the topic lists the person's article.
    page.locator("article a[href*='topics/']").first.click()
    page.wait_for_load_state()
    back = next(t for t in export["topics"] if page.url.endswith(t["url"]))
    assert _heading(page) == back["name"]
    assert set(back["articles"]) & set(person["articles"])
    assert not one.dialogs and not one.blocked


# --- (b) the offline site, from file:// -------------------------------------------------------------------------


def test_offline_site_searches_from_file_with_no_network_request(visit, project, export):
    article = next(a for a in export["articles"] if a["source"] == "ht.txt")
    word = _distinctive_word(article, [a for a in export["articles"] if a is not article])
    one = visit()
    one.page.goto((project / "site-offline" / "index.html").as_uri())
    hrefs = _search(one.page, word)
    assert any(urlparse(href).path.endswith("/" + article["url"]) for href in hrefs), (word, hrefs)
    one.page.locator(".md-search-result__item a").first.click()
    one.page.wait_for_load_state()
    assert one.page.url.startswith("file://")
    one.page.screenshot(path=_artifact("offline-search-result.png"))
    assert one.requests and all(url.startswith(LOCAL_SCHEMES) for url in one.requests), one.network_requests()
    assert any(url.endswith("iframe-worker/shim.js") for url in one.requests)  # the self-hosted shim did load
    assert one.network_requests() == [] and not one.dialogs


def test_request_recording_sees_a_page_that_reaches_the_network(visit, tmp_path):
    """The check above can fail: a page loading a CDN script and a remote image is caught (and blocked)."""
    page_file = tmp_path / "remote.html"
    page_file.write_text(
        '<!doctype html><img src="http://127.0.0.1:9/pixel.png">'
        '<script src="https://unpkg.com/iframe-worker/shim"></script><p>hi</p>',
        encoding="utf-8",
    )
    one = visit()
    one.page.goto(page_file.as_uri())
    one.page.wait_for_load_state("load")
    assert "https://unpkg.com/iframe-worker/shim" in one.network_requests()
    assert "http://127.0.0.1:9/pixel.png" in one.network_requests()


# --- (c) handouts, from file:// ---------------------------------------------------------------------------------


def test_every_handout_opens_from_file_with_title_and_sources_and_no_request(visit, project, export):
    handouts = project / "handouts"
    expected = {f"{t['id']}.html": t["name"] for t in export["topics"]}
    expected |= {f"story-{s['id']}.html": s["title"] for s in export["stories"] if len(s["articles"]) > 1}
    expected["index.html"] = "Handouts"
    assert {path.name for path in handouts.glob("*.html")} == set(expected)
    for name, title in sorted(expected.items()):
        one = visit()
        one.page.goto((handouts / name).as_uri())
        assert one.page.locator("h1").inner_text() == title, name
        assert one.requests == [(handouts / name).as_uri()], (name, one.requests)
        assert not one.dialogs
        if name == "index.html":
            linked = {a.get_attribute("href") for a in one.page.locator("main a").all()}
            assert linked == set(expected) - {"index.html"}
            continue
        sources = one.page.locator("ol.sources li")
        articles = one.page.locator(".handout-article")
        assert sources.count() == articles.count() >= 1, name
        for text in (sources.nth(i).inner_text() for i in range(sources.count())):
            # Each numbered source names an article of the corpus: its outlet, title, date and seed file.
            assert any(
                a["title"] in text and (a["outlet"] or "Outlet unknown") in text and a["source"] in text
                and (a["date"] is None or str(int(a["date"][8:])) in text)
                for a in export["articles"]
            ), (name, text)
        one.close()
    one = visit()
    one.page.goto((handouts / "critical-minerals.html").as_uri())
    one.page.screenshot(path=_artifact("handout-critical-minerals.png"), full_page=True)


def test_handout_index_links_open_the_handouts(visit, project):
    one = visit()
    one.page.goto((project / "handouts" / "index.html").as_uri())
    one.page.locator("main a[href='tariffs.html']").click()
    one.page.wait_for_load_state()
    assert one.page.url.endswith("/handouts/tariffs.html")
    assert one.page.locator("h1").inner_text() == "Tariffs"
    # A citation jumps to its numbered source.
    one.page.locator("a.cite").first.click()
    assert re.search(r"#source-\d+$", one.page.url)
    assert one.network_requests() == []


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.mark.parametrize("paper, width_mm", [("A4", 210), ("Letter", 215.9)])
def test_handout_prints_without_chrome_with_page_breaks_and_link_urls(visit, project, paper, width_mm):
    handout = project / "handouts" / "critical-minerals.html"
    one = visit()
    page = one.page
    page.goto(handout.as_uri())
    page.emulate_media(media="print")
    articles = page.locator(".handout-article").count()
    assert articles >= 2
    assert page.locator("nav.contents").evaluate("e => getComputedStyle(e).display") == "none"
    breaks = page.locator(".handout-article").evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
    # Each article starts a page: the first right under the "Articles" heading, which itself starts one.
    assert page.locator("#articles > h2").evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert breaks == ["avoid"] + ["page"] * (articles - 1)
    printed = page.locator("a[href^='http']").evaluate_all(
        "els => els.map(e => [e.href, getComputedStyle(e, '::after').content])"
    )
    assert printed, "no source with a URL in this handout"
    for href, after in printed:
        assert href in after, (href, after)
    # Nothing is wider than the printable width of the paper (15 mm margins each side).
    printable_px = round((width_mm - 30) / 25.4 * 96)
    page.set_viewport_size({"width": printable_px, "height": 1000})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    pdf = page.pdf(format=paper, print_background=False)
    _artifact(f"handout-critical-minerals-{paper}.pdf").write_bytes(pdf)
    # The overview, one page (at least) per article, and the sources on their own page.
    assert _pdf_pages(pdf) >= 1 + articles + 1


# --- (d) hostile article text --------------------------------------------------------------------------------


def test_hostile_article_text_opens_no_dialog_anywhere(visit, hostile_project):
    export = json.loads((hostile_project / "site" / "briefing.json").read_text(encoding="utf-8"))
    hostile = [a for a in export["articles"] if a["source"].startswith("hostile")]
    assert len(hostile) == 2
    server = _serve(hostile_project / "site")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        one = visit(allow_loopback=True)
        page = one.page
        for article in hostile:
            page.goto(base + article["url"])
            page.wait_for_load_state("load")
            text = page.locator("article").inner_text()
            assert "<script>alert('owned')</script>" in text
            assert page.locator("article script, article img[src='x'], article [onerror]").count() == 0
            for topic_id in article["topics"]:
                page.goto(base + f"topics/{topic_id}.html")
                page.wait_for_load_state("load")
        page.goto(base + "index.html")
        _search(page, "draft")  # the results show the hostile sentence too
        page.wait_for_timeout(300)
        assert "<script>alert('owned')</script>" in page.locator(".md-search-result").inner_text()
        assert one.dialogs == [] and one.blocked == []
        offline = visit()
        offline.page.goto((hostile_project / "site-offline" / "index.html").as_uri())
        _search(offline.page, "appeared")
        for handout in sorted((hostile_project / "handouts").glob("*.html")):
            offline.page.goto(handout.as_uri())
            offline.page.wait_for_load_state("load")
        assert offline.dialogs == [] and offline.network_requests() == []
    finally:
        server.shutdown()
        server.server_close()


def test_dialog_recording_sees_a_script_that_runs(visit, tmp_path):
    """The check above can fail: an unescaped handler does open a dialog, and it is recorded."""
    page_file = tmp_path / "unsafe.html"
    page_file.write_text("<!doctype html><img src=x onerror=alert(1)>", encoding="utf-8")
    one = visit()
    one.page.goto(page_file.as_uri())
    one.page.wait_for_timeout(300)
    assert one.dialogs == ["alert: 1"]


def test_an_old_article_address_leads_to_the_article_after_its_title_changed(visit, tmp_path):
    seed = ("---\ntitle: {}\ndate: 2026-02-03\noutlet: Example Times\n---\n\n"
            "India and the United States resumed talks on a trade agreement on Tuesday, officials said.\n")
    root = new_project(tmp_path / "desk", copies=(), texts={"talks.md": seed.format("Trade talks resume")})
    assert main(["-C", str(root), "build", "--strict"]) == 0
    old = json.loads((root / "site" / "briefing.json").read_text(encoding="utf-8"))["articles"][0]["url"]
    (root / "seeds" / "talks.md").write_text(seed.format("India and US resume trade talks"), encoding="utf-8")
    assert main(["-C", str(root), "build", "--offline", "--strict"]) == 0
    one = visit()
    one.page.goto((root / "site-offline" / old).as_uri())
    one.page.wait_for_url(re.compile(r".*/articles/india-and-us-resume-trade-talks[-\w]*\.html$"))
    assert _heading(one.page) == "India and US resume trade talks"
    assert one.network_requests() == [] and not one.dialogs


# --- charts and reading order -----------------------------------------------------------------------------------


def _chart_pages(export: dict) -> dict[str, str]:
    """One page of each kind that carries charts, by kind."""
    story = next(s for s in export["stories"] if len(s["articles"]) > 1)
    return {
        "home": "index.html",
        "timeline": "timeline.html",
        "topic": next(t["url"] for t in export["topics"] if t["id"] == "critical-minerals"),
        "story": story["url"],
        "person": next(p["url"] for p in export["people"] if p["mentions"]),
        "organisation": export["organisations"][0]["url"],
    }


_MARK_BOXES = """svg => [...svg.querySelectorAll('.mark')].map(m => {
    const box = m.getBoundingClientRect();
    return {value: Number(m.dataset.value || 0), width: box.width, height: box.height, x: box.x,
            upcoming: m.classList.contains('upcoming-mark'), tag: m.tagName};
})"""


def test_every_page_kind_shows_its_charts_with_marks_sized_by_the_data_offline(visit, project, export):
    one = visit()
    for kind, url in _chart_pages(export).items():
        one.page.goto((project / "site-offline" / url).as_uri())
        figures = one.page.locator("figure.briefing-chart")
        assert figures.count() >= 1, kind
        for index in range(figures.count()):
            figure = figures.nth(index)
            name = figure.get_attribute("id")
            svg = figure.locator("svg")
            box = svg.bounding_box()
            assert box and box["width"] >= 300 and box["height"] >= 40, (kind, name, box)
            assert svg.get_attribute("role") == "img" and svg.locator("title").first.text_content()
            marks = svg.evaluate(_MARK_BOXES)
            assert marks and all(m["width"] > 0 and m["height"] > 0 for m in marks), (kind, name)
            if name in ("chart-coverage", "chart-topic-coverage", "chart-mentions"):
                # Column heights on screen are proportional to the counts they stand for.
                ratios = [m["height"] / m["value"] for m in marks]
                assert max(ratios) - min(ratios) < 0.6, (kind, name, marks)
            if name in ("chart-outlets", "chart-people", "chart-organisations"):
                ratios = [m["width"] / m["value"] for m in marks]
                assert max(ratios) - min(ratios) < 0.6, (kind, name, marks)
        if kind in ("topic", "timeline"):
            if kind == "topic":  # the charts, not the state of play above them
                figures.first.evaluate("f => window.scrollTo(0, f.previousElementSibling.getBoundingClientRect().top + window.scrollY - 70)")
            one.page.screenshot(path=_artifact(f"chart-{kind}.png"), full_page=False)
    assert one.network_requests() == [] and not one.dialogs


def test_upcoming_events_lie_right_of_the_build_date_line(visit, project):
    one = visit()
    one.page.goto((project / "site-offline" / "timeline.html").as_uri())
    svg = one.page.locator("#chart-timeline svg")
    marks = svg.evaluate(_MARK_BOXES)
    cut = svg.locator("rect.upcoming")
    if cut.count():
        line = cut.bounding_box()["x"]
        assert all(m["x"] >= line - 1 for m in marks if m["upcoming"])
        assert all(m["x"] < line for m in marks if not m["upcoming"])
    else:
        assert not any(m["upcoming"] for m in marks)


def test_chart_text_follows_the_dark_scheme(visit, project, export):
    """Text and axes are drawn in currentColor: in Material's dark scheme (the reader's system set to dark), they
    take its text colour."""
    one = visit()
    page = (project / "site-offline" / "timeline.html").as_uri()
    one.page.emulate_media(color_scheme="light")
    one.page.goto(page)
    read = """() => {
        const label = document.querySelector('#chart-timeline svg text');
        return [getComputedStyle(label).fill, getComputedStyle(document.querySelector('.md-typeset')).color];
    }"""
    light_fill, light_text = one.page.evaluate(read)
    dark = visit()
    dark.page.emulate_media(color_scheme="dark")
    dark.page.goto(page)
    assert dark.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    dark_fill, dark_text = dark.page.evaluate(read)
    dark.page.screenshot(path=_artifact("chart-timeline-dark.png"))
    assert light_fill == light_text and dark_fill == dark_text and dark_fill != light_fill


def test_article_text_is_on_the_first_screen_and_evidence_opens_on_click(visit, project, export):
    article = next(a for a in export["articles"] if a["topics"] and a["source"] == "ht.txt")
    one = visit()
    one.page.goto((project / "site-offline" / article["url"]).as_uri())
    text_heading = one.page.locator("h2#text").bounding_box()
    assert text_heading["y"] < 700, text_heading  # 1280×900: the reader sees the text without scrolling
    evidence = one.page.locator("details", has=one.page.locator("summary", has_text="Topic evidence"))
    assert evidence.count() == 1 and evidence.get_attribute("open") is None
    first_sentence = evidence.locator("blockquote").first
    assert not first_sentence.is_visible()
    evidence.locator("summary").click()
    assert evidence.get_attribute("open") is not None and first_sentence.is_visible()
    assert one.network_requests() == []


def test_handout_charts_print(visit, project):
    one = visit()
    one.page.goto((project / "handouts" / "critical-minerals.html").as_uri())
    one.page.emulate_media(media="print")
    assert one.page.locator("#charts figure.briefing-chart svg").first.is_visible()
    assert one.page.locator("#charts .mark").count() > 0


class _PagesHost(SimpleHTTPRequestHandler):
    """GitHub Pages for a project site: the site under /<repository>/, and its 404.html for any missing path."""

    prefix = "/briefing/"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = urlparse(self.path).path
        target = Path(self.directory) / path.removeprefix(self.prefix)
        if path.startswith(self.prefix) and target.is_file():
            return super().do_GET()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path):
        return super().translate_path("/" + urlparse(path).path.removeprefix(self.prefix))


@pytest.mark.parametrize("site_url, styled", [("https://desk.github.io/briefing/", True), (None, False)])
def test_the_404_page_of_a_project_pages_site_is_styled_and_leads_home(visit, tmp_path, monkeypatch, site_url, styled):
    """Built with the Pages address (as the workflow does), a mistyped URL shows the site's own 404 page, whole."""
    root = new_project(tmp_path / "desk")
    if site_url:
        monkeypatch.setenv("BRIEFING_SITE_URL", site_url)
    assert main(["-C", str(root), "build"]) == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHost, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        one = visit(allow_loopback=True)
        failed = []
        one.page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        base = f"http://127.0.0.1:{server.server_address[1]}/briefing/"
        response = one.page.goto(base + "articles/no-such-article.html")
        assert response.status == 404
        assets = [url for url in failed if "/assets/" in url]
        header = one.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        if not styled:  # the bug this fixes: assets asked for at /assets/, outside the project site
            assert assets and header != "sticky"
            return
        assert assets == [] and header == "sticky"  # Material's stylesheet loaded
        one.page.locator(".md-header__button.md-logo").click()
        one.page.wait_for_load_state()
        assert one.page.url in (base, base + "index.html")
        assert one.network_requests() and all(url.startswith(base) for url in one.network_requests())
    finally:
        server.shutdown()
        server.server_close()
