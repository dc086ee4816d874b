"""Hostile and faulty input, third round: characters XML forbids, odd Markdown links, front matter that names its
own bad items, links the writing commands must refuse, and text longer than the recogniser takes at once."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from generator.cli import main

from helpers import new_project

ATOM = "{http://www.w3.org/2005/Atom}"


def test_characters_xml_forbids_are_removed_at_ingest_and_the_feeds_stay_valid(tmp_path):
    text = ("---\ntitle: \"Tariff\\uFFFF talks \\uFFFE resume\"\ndate: 2026-03-09\noutlet: \"Wire\\uFFFF\"\n---\n\n"
            "The US raised the reciprocal tariff\uffff on steel to 50 per cent on Monday, officials said in\ufffe "
            "Washington, and India said it would respond within a week.\n")
    root = new_project(tmp_path / "p", copies=(), texts={"odd.md": text})
    (root / "seeds" / "plain.txt").write_text("Steel duties rise\n\nThe duty on steel rose\uffff on Monday, a "
                                              "ministry official said in New Delhi on Tuesday.\n", encoding="utf-8")
    assert main(["-C", str(root), "build", "--strict"]) == 0
    docs = root / "docs_src"
    for name in ("feed.xml", "rss.xml"):
        ElementTree.parse(docs / name)  # raises on a character XML forbids
    articles = json.loads((docs / "briefing.json").read_text(encoding="utf-8"))["articles"]
    everything = json.dumps(articles, ensure_ascii=False)
    assert "\uffff" not in everything and "\ufffe" not in everything
    assert sorted(article["title"] for article in articles) == ["Steel duties rise", "Tariff talks resume"]
    titles = [entry.findtext(f"{ATOM}title") for entry in ElementTree.parse(docs / "feed.xml").getroot().iter(f"{ATOM}entry")]
    assert any(title.startswith("Tariff talks") for title in titles)
