"""Whole-article checks on realistic texts in other outlets' styles (tests/realworld/), written for these tests.

Each case says what must be kept, what must go, and what the metadata and topics must be.
"""

from __future__ import annotations


import pytest

from generator.read.clean import clean_text, find_recurring_lines
from generator.read.ingest import list_seed_files, read_source
from generator.pipeline import analyse_article

from helpers import REALWORLD

FOLDER = REALWORLD

CASES = {
    "reuters.txt": {
        "title": "Trump raises tariffs on Indian goods to 50% over Russian oil purchases",
        "author": "David Lawder and Manoj Kumar",
        "date": "2025-08-06",
        "dateline": "WASHINGTON/NEW DELHI, Aug 6 (Reuters)",
        "topics": {"tariffs"},
        "kept": ["U.S. President Donald Trump on Wednesday imposed", "The order gives India 21 days",
                 "unfair, unjustified and unreasonable", "Economists said the higher tariffs could shave"],
        "gone": ["Reporting by", "Our Standards", "Suggested Topics", "Updated 2 hours ago"],
    },
    "ht.txt": {
        "title": "India set to join US-led Pax Silica initiative on chip supply chains",
        "author": "HT Correspondent",
        "date": "2026-01-30",
        "dateline": "New Delhi",
        "topics": {"pax-silica", "critical-minerals"},
        "kept": ["India is set to join Pax Silica", "The decision follows talks", "Joining Pax Silica will anchor",
                 "Members of the initiative have pledged"],
        "gone": ["Share Via", "Read Now", "Get Latest India News", "Trending Topics", "Budget 2026", "Cold wave",
                 "India news"],
    },
    "toi.txt": {
        "title": "India, US to hold next round of trade talks in March",
        "author": None,
        "date": "2026-02-12",
        "dateline": "NEW DELHI",
        "topics": {"trade-deal"},
        "kept": ["India and the United States will hold the next round", "We will not compromise", "Key takeaways",
                 "Next round of talks in March", "Dairy and GM crops remain sticking points"],
        "gone": ["(File photo)", "TIMESOFINDIA.COM", "FacebookTwitter", "Also Read", "Visual Stories", "Previous Next",
                 "beaches to visit in Goa"],
    },
    "front.md": {
        "title": "Rare earths: India and US sign critical minerals framework",
        "author": "A. Reporter",
        "date": "2026-02-05",
        "dateline": None,
        "topics": {"critical-minerals"},
        "kept": ["signed a framework on securing supply of critical minerals and rare earths, the State Department said",
                 "a stockpile of magnets"],
        "gone": ["**", "](https://", "# Rare earths"],
    },
    "cricket.txt": {
        "title": "India beat USA by seven wickets in T20 World Cup",
        "author": None,
        "date": None,
        "dateline": "NEW YORK",
        "topics": set(),
        "kept": ["India beat the USA by seven wickets", "The win took India into the Super Eight stage"],
        "gone": ["ADVERTISEMENT", "Also Read", "Fans celebrate", "Sports"],
    },
}


@pytest.fixture(scope="module")
def articles(config):
    sources = [read_source(path, FOLDER, {}) for path in list_seed_files(FOLDER)]
    recurring = find_recurring_lines(sources, config)
    return {s.path: analyse_article(clean_text(s, config, recurring), config) for s in sources}


@pytest.mark.parametrize("name", sorted(CASES))
def test_realworld_article(articles, name):
    article, case = articles[name], CASES[name]
    body = "\n".join(article.paragraphs)
    assert article.meta.title == case["title"]
    assert article.meta.author == case["author"]
    assert article.meta.date == case["date"]
    assert article.meta.dateline == case["dateline"]
    assert set(article.topic_ids) == case["topics"]
    for text in case["kept"]:
        assert text in body
    for text in case["gone"]:
        assert text not in body
