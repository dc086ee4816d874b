"""End to end: a real build of the example seeds puts on each page the charts the data calls for, with marks that
add up to what briefing.json says, and an article page leads with its text, evidence and provenance collapsed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers import new_project
from generator.cli import main


@pytest.fixture(scope="module")
def built(sample_site) -> Path:
    """A real build of the example seeds (and the real-world test articles) with handouts, once per run."""
    return sample_site


@pytest.fixture(scope="module")
def export(built) -> dict:
    return json.loads((built / "site" / "briefing.json").read_text(encoding="utf-8"))


def _html(built: Path, url: str) -> str:
    return (built / "site" / url).read_text(encoding="utf-8")


def _chart(html: str, name: str) -> ET.Element:
    """The SVG of the figure `name`, parsed as XML."""
    match = re.search(rf'<figure class="briefing-chart" id="{name}".*?(<svg.*?</svg>)', html, re.S)
    assert match, f"no chart {name}"
    return ET.fromstring(match.group(1))


def _values(svg: ET.Element) -> list[int]:
    return [int(e.get("data-value")) for e in svg.iter() if "mark" in e.get("class", "").split() and e.get("data-value")]


def _left_out(svg: ET.Element) -> int:
    desc = next(e.text for e in svg.iter() if e.tag.endswith("desc"))
    found = re.search(r"(\d+) known only to a coarser date", desc)
    return int(found.group(1)) if found else 0


def test_home_counts_every_article_by_week_and_shows_the_event_axis(built, export):
    html = _html(built, "index.html")
    assert sum(_values(_chart(html, "chart-coverage"))) == len(export["articles"])
    assert _values(_chart(html, "chart-events"))


def test_timeline_draws_every_event_in_each_of_its_topics(built, export):
    svg = _chart(_html(built, "timeline.html"), "chart-timeline")
    expected = sum(max(len(event["topics"]), 1) for event in export["events"])
    assert sum(_values(svg)) + _left_out(svg) == expected
    lanes = {e.get("data-series") for e in svg.iter() if e.get("data-series")}
    names = {topic["name"] for topic in export["topics"]}
    assert lanes <= names | {"no topic"} and lanes


def members_of(topic) -> set[str]:
    return set(topic["articles"])


def test_topic_pages_chart_coverage_outlets_and_people(built, export):
    for topic in export["topics"]:
        html = _html(built, topic["url"])
        count = len(topic["articles"])
        if not count:
            continue
        assert sum(_values(_chart(html, "chart-topic-coverage"))) == count
        outlets = {article["outlet"] for article in export["articles"] if article["id"] in topic["articles"]}
        if len(outlets) > 1 and count >= 4:
            assert sum(_values(_chart(html, "chart-outlets"))) == count
        else:  # too little to rank: no chart, the outlets in words
            assert 'id="chart-outlets"' not in html
            assert "Outlets: " in html and all(outlet in html for outlet in outlets if outlet)
        named = [o for o in export["organisations"] if members_of(topic) & set(o["articles"])]
        if named and 'id="chart-organisations"' not in html:
            assert all(o["name"] in html for o in named[:12])
        members = set(topic["articles"])
        involved = sorted((len(members & set(p["articles"])) for p in export["people"]), reverse=True)
        involved = [count for count in involved if count]
        if len(involved) > 1 and sum(involved) >= 4:
            bars = _values(_chart(html, "chart-people"))
            assert bars[0] == involved[0] and sum(bars) == sum(involved)
        else:
            assert 'id="chart-people"' not in html


def test_topic_colour_is_the_same_on_the_home_page_and_its_own_page(built, export):
    home = _chart(_html(built, "index.html"), "chart-coverage")
    home_colours = {e.get("data-series"): e.get("fill") for e in home.iter() if e.get("data-series")}
    for topic in export["topics"]:
        if topic["name"] in home_colours:
            own = _chart(_html(built, topic["url"]), "chart-topic-coverage")
            assert {e.get("fill") for e in own.iter() if e.get("data-series")} == {home_colours[topic["name"]]}


def test_person_and_organisation_pages_count_their_mentions(built, export):
    for kind in ("people", "organisations"):
        with_page = [entry for entry in export[kind] if "#" not in entry["url"]]  # the others are on their article
        assert with_page, kind
        for entry in with_page:
            expected = entry["mentions"] or len(entry["articles"])
            assert sum(_values(_chart(_html(built, entry["url"]), "chart-mentions"))) == expected, entry["name"]


def test_story_page_matrix_has_a_row_per_source_and_a_column_per_shared_fact(built, export):
    assert export["stories"]
    for story in export["stories"]:
        html = _html(built, story["url"])
        svg = _chart(html, "chart-matrix")
        cells = [(e.get("data-row"), e.get("data-column")) for e in svg.iter() if e.get("data-row")]
        assert {row for row, _ in cells} <= {str(n) for n in range(len(story["articles"]))}
        for column, fact in enumerate(story["shared_facts"]):
            assert len([c for c in cells if c[1] == str(column)]) == len(fact)
        # A column per shared fact, claim and single-source detail, up to the cap; each detail from one source.
        columns = len([e for e in svg.iter() if e.tag.endswith("text") and e.get("transform")])
        wanted = len(story["shared_facts"]) + len(story["claims"]) + len(story["single_source"])
        assert columns == min(wanted, 24)
        singles = range(len(story["shared_facts"]) + len(story["claims"]), columns)
        assert all(len([c for c in cells if c[1] == str(column)]) == 1 for column in singles)
        dated = [a for a in export["articles"] if a["id"] in story["articles"] and a["date"]]
        if dated:
            assert sum(_values(_chart(html, "chart-published"))) == len(dated)


def test_handouts_carry_the_charts_inline(built, export):
    topic = next(t for t in export["topics"] if t["articles"])
    handout = (built / "handouts" / f"{topic['id']}.html").read_text(encoding="utf-8")
    assert sum(_values(_chart(handout, "chart-topic-coverage"))) == len(topic["articles"])


def test_article_text_comes_before_evidence_which_is_collapsed(built, export):
    for article in export["articles"]:
        html = _html(built, article["url"])
        # The summary is shown above the text unless the text opens with it (then it is shown once, as the text).
        repeated = " ".join(article["body"].split()).startswith(" ".join(article["summary"].removesuffix("…").split()))
        assert ('id="summary"' in html) != repeated
        anchors = ("text", "why-these-topics", "provenance") if repeated else ("summary", "text", "why-these-topics",
                                                                               "provenance")
        order = [html.index(f'id="{anchor}"') for anchor in anchors]
        assert order == sorted(order)
        evidence = html[html.index('id="why-these-topics"'):]
        if article["topics"]:
            assert re.match(r'.*?<details class="note">\s*<summary>Topic evidence', evidence, re.S)


def test_without_pymdownx_details_nothing_is_collapsed(tmp_path):
    root = new_project(tmp_path / "desk")
    mkdocs_file = root / "mkdocs.yml"
    text = mkdocs_file.read_text(encoding="utf-8")
    assert "  - pymdownx.details\n" in text
    mkdocs_file.write_text(text.replace("  - pymdownx.details\n", ""), encoding="utf-8")
    assert main(["-C", str(root), "build", "--strict"]) == 0
    page = next(p for p in (root / "docs_src" / "articles").glob("*.md") if p.name != "index.md")
    markdown = page.read_text(encoding="utf-8")
    assert "???" not in markdown and "Topic evidence" not in markdown and "## Why these topics" in markdown
    assert "<details" not in (root / "site" / "articles" / page.with_suffix(".html").name).read_text(encoding="utf-8")
