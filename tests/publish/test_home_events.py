"""The home page's lists of dated events: exact dates first, and one fact from two sources is one row."""

from __future__ import annotations

from helpers import make_source
from generator.pipeline import analyse_article, link_everything
from generator.publish.pages.home import home_analysis
from generator.read.clean import clean_text


def _article(name: str, date: str, outlet: str, paragraphs: list[str], config):
    text = "\n\n".join(paragraphs)
    source = make_source(text, path=name, metadata={"title": f"Ore report {name}", "date": date, "outlet": outlet})
    return analyse_article(clean_text(source, config), config)


def test_next_events_put_exact_dates_first_and_merge_one_fact_from_two_sources(config):
    first = _article("a.txt", "2026-11-18", "Daily A", [
        "The export ban on raw ore will take effect on 1 January 2027, the mines ministry said in a statement.",
        "Smelters expect the refinery levy to rise sometime in 2027, traders said after the meeting.",
        "The ministry plans a review of the levy in 2028, according to a draft circular seen by reporters.",
    ], config)
    second = _article("b.txt", "2026-11-18", "Wire B", [
        "The mines ministry said the export ban on raw ore takes effect on 1 January 2027, in a statement.",
        "A second auction of nickel blocks is due on 18 February 2027, officials told the press.",
    ], config)
    corpus = link_everything([first, second], config)
    rows = home_analysis(corpus, {}, limit=3, own_page_articles=2)["next_events"]
    assert [row["iso"] for row in rows] == ["2027-01-01", "2027-02-18", "2027"]
    ban = rows[0]
    assert len(ban["also"]) == 1  # the same ban from the other outlet: one row, two sources
    sources = " | ".join([ban["source"], ban["also"][0]["source"]])
    assert "Daily A" in sources and "Wire B" in sources
    assert rows[1]["also"] == []
