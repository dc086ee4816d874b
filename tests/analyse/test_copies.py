"""Copies of one text: folded into one article that lists the others, counted once, never a story of their own."""

from __future__ import annotations

import json

from generator.cli import main
from generator.analyse.copies import fold_copies
from generator.model import Article, Metadata

from helpers import new_project

WIRE = [
    "NEW DELHI, March 2 - India and the United States resumed talks on a bilateral trade agreement on Monday, with "
    "negotiators meeting in New Delhi for three days of discussions on market access and tariffs.",
    "Officials said the first tranche of the deal could be concluded by autumn if both sides narrow their "
    "differences on dairy, medical devices and digital trade, which have held up earlier rounds.",
    "The US side is led by an assistant trade representative, while India's team is headed by a joint secretary "
    "in the commerce ministry, according to a statement issued after the opening session.",
    "Trade between the two countries reached a record last year despite the tariff dispute, official data show.",
]
RESENT = WIRE[:3] + ["Trade between the two countries reached 190 billion dollars last year, official data show."]
OTHER = [
    "A rare earth processing plant opened in Odisha on Wednesday, officials said, with output due to start in May "
    "and most of its magnets promised to battery and motor makers in the region.",
    "The plant's director said the critical minerals it refines would cut imports by a fifth within three years.",
]


def _article(article_id: str, paragraphs: list[str], date: str | None, outlet: str) -> Article:
    return Article(
        id=article_id, source_path=f"{article_id}.txt",
        meta=Metadata(f"Title {article_id}", "headline", date, "front matter", outlet, None, None, None, None),
        summary=paragraphs[0], paragraphs=tuple(paragraphs), topics=(), removed=(),
    )


def test_near_identical_texts_fold_into_the_earliest_with_what_changed():
    articles = [
        _article("later", RESENT, "2026-03-03", "Daily Post"),
        _article("first", WIRE, "2026-03-02", "Wire Agency"),
        _article("other", OTHER, "2026-03-02", "Wire Agency"),
    ]
    kept, copies = fold_copies(articles)
    assert [article.id for article in kept] == ["first", "other"]
    (copy,) = copies["first"]
    assert (copy.source_path, copy.outlet, copy.date) == ("later.txt", "Daily Post", "2026-03-03")
    assert copy.added == (RESENT[3],) and copy.dropped == (WIRE[3],)


def test_texts_that_share_a_paragraph_only_are_not_copies():
    quoting = _article("analysis", [WIRE[0], *OTHER, "A long analysis follows with its own words on what it means."],
                       "2026-03-04", "Review")
    kept, copies = fold_copies([_article("first", WIRE, "2026-03-02", "Wire Agency"), quoting])
    assert len(kept) == 2 and copies == {}


def _seed(outlet: str, date: str, url: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(paragraphs)
    return f"---\ntitle: Trade talks resume\ndate: {date}\noutlet: {outlet}\nurl: {url}\n---\n{body}\n"


def test_a_copy_is_listed_on_the_article_and_counted_once(tmp_path):
    root = new_project(tmp_path / "p", copies=(), texts={
        "wire.md": _seed("Wire Agency", "2026-03-02", "https://wire.example/talks", WIRE),
        "post.md": _seed("Daily Post", "2026-03-03", "https://post.example/talks", RESENT),
    })
    assert main(["-C", str(root), "build"]) == 0
    export = json.loads((root / "docs_src" / "briefing.json").read_text(encoding="utf-8"))
    (article,) = export["articles"]
    assert article["outlet"] == "Wire Agency"
    (copy,) = article["copies"]
    assert copy["seed"] == "post.md" and copy["outlet"] == "Daily Post" and copy["url"] == "https://post.example/talks"
    assert copy["added"] == [RESENT[3]]
    assert export["stories"] == []  # two copies of one report are not a story
    assert all(topic["articles"] in ([], [article["id"]]) for topic in export["topics"])
    page = (root / "site" / "articles" / f"{article['id']}.html").read_text(encoding="utf-8")
    assert "Also published by" in page and "Daily Post" in page and 'href="https://post.example/talks"' in page
    assert "190 billion dollars" in page
