"""Handouts: self-contained HTML per topic and story, built from small inline articles, and the command."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import HOSTILE_SEED, make_source, new_project
from generator.read.clean import clean_text
from generator.cli import main
from generator.publish.handouts import HandoutOptions, build_handouts, render_handouts
from generator.pipeline import analyse_article, link_everything
from generator.publish.render import make_html_environment

DEAL_A = (
    "India and the United States will sign the first tranche of their trade deal in Washington on March 3, officials said.",
    "The agreement cuts the 50 per cent tariff on Indian textiles and opens the market for American farm goods.",
    "Commerce Minister Anil Kumar said the trade deal was “balanced” and would help exporters.",
)
DEAL_B = (
    "The first tranche of the India–US trade deal will be signed in Washington on March 3, the commerce ministry said.",
    "Under the agreement the 50% tariff on Indian textiles falls, and American farm goods get wider access to the market.",
    "Negotiators also agreed a $2 billion fund for trade deal infrastructure at the ports, the ministry added.",
)
HOSTILE = (
    "Officials said <script>alert('owned')</script> was found in the tariff schedule of the trade deal on Monday.",
    "<img src=x onerror=alert(1)> The trade deal text raised the tariff on steel to 50 per cent, the notice said.",
    "Negotiators of the bilateral trade agreement said the trade deal would still be signed in Washington in March.",
)


def _article(config, name, paragraphs, **metadata):
    source = make_source("\n\n".join(paragraphs), path=name, metadata=metadata)
    return analyse_article(clean_text(source, config), config)


@pytest.fixture(scope="module")
def corpus(config):
    articles = [
        _article(config, "a.md", DEAL_A, title="Trade deal to be signed on March 3", date="2026-02-20",
                 outlet="Daily A", url="https://a.example/deal"),
        _article(config, "b.md", DEAL_B, title="India–US trade pact signing set", date="2026-02-21",
                 outlet="Wire B", url="javascript:alert(1)"),
        _article(config, "h.md", HOSTILE, title="<b>Tariff</b> notice {{ config }}", date="2026-01-05",
                 outlet="<i>Evil</i> Post"),
    ]
    return link_everything(articles, config)


def _render(corpus, config, **options):
    pages = build_handouts(corpus, config, HandoutOptions(built_on="2026-11-23", **options))
    return render_handouts(pages, make_html_environment(Path("/nonexistent-project")))


class _Document(HTMLParser):
    """Collect what a handout would fetch or run: tags with src/href, scripts, handler attributes, text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Document:
    document = _Document()
    document.feed(html)
    return document


def test_one_handout_per_topic_and_story_plus_an_index(corpus, config):
    files = _render(corpus, config)
    assert corpus.stories, "the two trade-deal articles should form a story"
    covered = [topic for topic in corpus.topics if topic.article_ids]
    assert 0 < len(covered) < len(corpus.topics), "the corpus should leave a topic without articles"
    expected = {f"{topic.id}.html" for topic in covered}  # a topic without articles gets no handout
    expected |= {f"story-{story.id}.html" for story in corpus.stories}
    assert set(files) == expected | {"index.html"}
    index = _parse(files["index.html"])
    linked = {attrs["href"] for tag, attrs in index.tags if tag == "a"}
    assert linked == expected


def test_handouts_are_self_contained_and_fetch_nothing(corpus, config):
    for name, html in _render(corpus, config).items():
        document = _parse(html)
        for tag, attrs in document.tags:
            assert tag not in ("script", "iframe", "object", "embed", "link"), f"{name}: <{tag}>"
            assert "src" not in attrs or attrs["src"].startswith("data:"), f"{name}: <{tag} src={attrs['src']}>"
            assert not any(attribute.startswith("on") for attribute in attrs), f"{name}: handler on <{tag}>"
        assert "default-src 'none'" in html, f"{name}: no Content-Security-Policy"
        assert "@import" not in html and "url(" not in html, f"{name}: the stylesheet fetches something"
        assert "<style>" in html and "@media print" in html


def test_topic_handout_carries_synthesis_key_facts_articles_and_numbered_sources(corpus, config):
    html = _render(corpus, config)["trade-deal.html"]
    document = _parse(html)
    text = " ".join(document.text)
    assert re.search(r"<h1>Trade deal</h1>", html)
    assert "Built 23 November 2026" in text
    sources = re.findall(r'<li id="source-(\d+)" value="\d+">(.*?)</li>', html, re.S)
    assert [number for number, _ in sources] == ["1", "2", "3"]  # newest first, as on the topic page
    assert "Wire B" in sources[0][1] and "Daily A" in sources[1][1]
    # Only http(s) URLs become links; the javascript: one is dropped, not linked.
    assert 'href="https://a.example/deal"' in html and "javascript:" not in html.replace("javascript&", "")
    assert "(no URL known)" in sources[0][1]
    # Every citation points at a source in the list.
    cited = set(re.findall(r'href="#source-(\d+)"', html))
    assert cited and cited <= {number for number, _ in sources}
    # Key facts: the 50% tariff is given by all three articles ("50 per cent" and "50%" are one figure).
    facts = re.search(r'<section id="key-facts">(.*?)</section>', html, re.S).group(1)
    assert re.search(r'<strong class="value">[^<]*50%[^<]*</strong>.*?\[1\].*?\[2\].*?\[3\]', facts, re.S)
    # Articles in full: summary and every paragraph.
    assert html.count('class="handout-article"') == 3
    assert "for trade deal infrastructure at the ports" in html


def test_brief_handout_has_summaries_but_no_article_text(corpus, config):
    full = _render(corpus, config)["trade-deal.html"]
    brief = _render(corpus, config, brief=True)["trade-deal.html"]
    assert "Negotiators also agreed a $2 billion fund" in full
    # The summary of article B is its lead, so its later paragraphs are the test.
    assert "Negotiators also agreed" not in brief.split('<section id="articles">')[1]
    assert brief.count('class="summary"') == 3
    assert "summaries only" in brief
    # In full, a summary the article's text opens with is not printed twice.
    articles = full.split('<section id="articles">')[1]
    for summary in re.findall(r'<p class="summary"><span class="label">Summary.</span> (.*?)</p>', brief):
        assert articles.count(summary.removesuffix("…")) == 1


def test_article_text_is_escaped_not_markup(corpus, config):
    html = _render(corpus, config)["trade-deal.html"]
    assert "<script>" not in html and "<img" not in html and "<b>Tariff" not in html and "<i>Evil" not in html
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Tariff&lt;/b&gt; notice {{ config }}" in html  # Jinja-looking text stays text


def test_story_handout_compares_sources(corpus, config):
    story = corpus.stories[0]
    html = _render(corpus, config)[f"story-{story.id}.html"]
    assert "Reported by several sources" in html
    facts = re.search(r'<section id="key-facts">(.*?)</section>', html, re.S).group(1)
    assert "March 3" in facts and "50%" in facts
    assert len(re.findall(r'<li id="source-\d+"', html)) == len(story.article_ids) == 2


def test_max_articles_keeps_the_newest_and_every_cited_one(corpus, config):
    html = _render(corpus, config, max_articles=1)["trade-deal.html"]
    topic = next(topic for topic in corpus.topics if topic.id == "trade-deal")
    cited = {citation.article_id for citation in topic.synthesis}
    expected = len({topic.article_ids[0]} | cited)
    assert html.count('class="handout-article"') == expected
    assert expected < len(topic.article_ids) == 3, "the test needs an article that is neither newest nor cited"
    assert "1 older one of this topic is on the site" in html


def test_paper_size_goes_into_the_page_rule(corpus, config):
    assert "@page { size: A4;" in _render(corpus, config, paper="a4")["tariffs.html"]
    assert "@page { size: letter;" in _render(corpus, config, paper="letter")["tariffs.html"]
    assert "@page { size: auto;" in _render(corpus, config)["tariffs.html"]


def test_handouts_command_writes_files_and_keeps_hand_written_ones(tmp_path, monkeypatch):
    root = new_project(tmp_path / "desk", texts={"hostile.md": HOSTILE_SEED})
    (root / "handouts").mkdir()
    (root / "handouts" / "notes.html").write_text("<p>mine</p>", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1771200000")  # 2026-02-16
    assert main(["-C", str(root), "handouts", "--strict"]) == 0
    first = {path.name: path.read_bytes() for path in (root / "handouts").glob("*.html")}
    assert main(["-C", str(root), "handouts"]) == 0
    second = {path.name: path.read_bytes() for path in (root / "handouts").glob("*.html")}
    assert first == second  # same seeds, same date: byte-identical
    assert (root / "handouts" / "notes.html").read_text() == "<p>mine</p>"
    names = set(first)
    assert {"index.html", "critical-minerals.html", "pax-silica.html", "tariffs.html", "trade-deal.html"} <= names
    assert any(name.startswith("story-") for name in names)
    assert b"Built 16 February 2026" in first["tariffs.html"]
    # A hand-written file with a generated name is never overwritten.
    (root / "handouts" / "tariffs.html").write_text("edited", encoding="utf-8")
    assert main(["-C", str(root), "handouts"]) == 1
    assert (root / "handouts" / "tariffs.html").read_text() == "edited"


def test_handouts_usage_errors_exit_2(tmp_path):
    assert main(["-C", str(tmp_path), "handouts", "--paper", "a3"]) == 2
    assert main(["-C", str(tmp_path), "handouts", "--max-articles", "-1"]) == 2
