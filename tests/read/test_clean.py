"""Cleaner: each boilerplate kind is removed, every sentence of the article is kept, every removal is explained."""

from __future__ import annotations

import pytest

from helpers import SEEDS, make_source
from generator.read.clean import clean_text, find_recurring_lines
from generator.read.ingest import list_seed_files, read_source

ARTICLE = [
    "NEW DELHI: India and the United States on Tuesday resumed negotiations on a bilateral trade agreement, officials said.",
    "The talks focused on tariffs on steel and aluminium, market access for farm goods and the digital trade chapter.",
    "Commerce ministry officials said the negotiators hoped to close the first tranche of the trade agreement by autumn.",
    "The last round of trade talks ended in Washington in March without agreement on dairy and farm market access.",
]


def _clean(lines, config, **kwargs):
    return clean_text(make_source("\n".join(lines), **kwargs), config)


def _rules(clean):
    return {removed.text: removed.rule for removed in clean.removed}


@pytest.mark.parametrize(
    "junk, rule",
    [
        ("Stay updated with the latest - Click here to follow us on Instagram", "social-call-to-action"),
        ("Follow us on WhatsApp for breaking news", "social-call-to-action"),
        ("Follow The Daily Ledger on Google News for the latest updates.", "social-call-to-action"),
        ("Share on Facebook | Share on X | Share on WhatsApp", "share-buttons"),
        ("Tags: trade deal, tariffs, market access", "tags-line"),
        ("SCROLL FOR NEXT", "scroll-marker"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Also Read | Markets rally after budget", "also-read"),
        ("ALSO READ: Trade talks stall again", "also-read"),
        ("Commerce Minister at a press conference in New Delhi. Photo | PTI", "photo-credit"),
        ("(Photo: Reuters)", "photo-caption-bracketed"),
        ("(With inputs from PTI)", "agency-credit"),
        ("Updated: Jan 29, 2026 10:30 IST", "updated-stamp"),
    ],
)
def test_boilerplate_line_is_removed_with_its_rule(config, junk, rule):
    clean = _clean([ARTICLE[0], ARTICLE[1], junk, ARTICLE[2], ARTICLE[3]], config)
    assert junk not in clean.paragraphs
    assert _rules(clean)[junk] == rule
    assert clean.paragraphs == tuple(ARTICLE)


def test_leading_date_stamp_is_cut_and_kept_as_date(config):
    clean = _clean(["date 2026-01-29 " + ARTICLE[0], *ARTICLE[1:]], config)
    assert clean.stamp_date == "2026-01-29"
    assert clean.paragraphs[0] == ARTICLE[0]
    assert _rules(clean)["date 2026-01-29"] == "leading-date-stamp"


def test_section_label_byline_and_headline_stay_out_of_the_body(config):
    clean = _clean(["Business", "", "India, US resume trade talks", "Jane Doe", *ARTICLE], config)
    assert _rules(clean)["Business"] == "section-label"
    assert clean.header_lines == ("India, US resume trade talks", "Jane Doe")
    assert clean.paragraphs == tuple(ARTICLE)


def test_standfirst_printed_again_in_the_body_is_kept_once_in_the_body(config):
    clean = _clean(["India, US resume trade talks", ARTICLE[2], "Jane Doe", *ARTICLE], config)
    assert clean.paragraphs == tuple(ARTICLE)
    assert _rules(clean)[ARTICLE[2]] == "repeated-line"


def test_markdown_links_keep_their_words_even_when_the_address_has_parentheses(config):
    paragraph = ("The [Treaty of Rome](https://en.wikipedia.org/wiki/Treaty_of_Rome_(1957)) and the "
                 "[customs union](https://example.org/cu \"title\") shaped the tariff talks, an ![chart](a.png) showed, "
                 "the officials said in a briefing to reporters on Tuesday in New Delhi.")
    clean = _clean([paragraph, *ARTICLE], config, fmt="md")
    assert clean.paragraphs[0] == ("The Treaty of Rome and the customs union shaped the tariff talks, an chart showed, "
                                   "the officials said in a briefing to reporters on Tuesday in New Delhi.")


def test_repeated_headline_from_front_matter_is_removed(config):
    clean = _clean(["India, US resume trade talks", *ARTICLE], config, metadata={"title": "India, US resume trade talks"}, fmt="md")
    assert clean.header_lines == ()
    assert _rules(clean)["India, US resume trade talks"] == "repeated-headline"


def test_trailing_list_of_unrelated_headlines_is_removed_but_last_paragraph_kept(config):
    teasers = [
        "Supreme Court stays new university regulations",
        "Economic Survey projects FY27 GDP growth at 6.8% to 7.2%",
        "Shawl seller assaulted in hill town; sustains head injury",
    ]
    clean = _clean([*ARTICLE, *teasers], config)
    assert clean.paragraphs == tuple(ARTICLE)
    assert all(_rules(clean)[teaser] == "trailing-headline-list" for teaser in teasers)


def test_unrelated_teaser_after_an_end_marker_is_removed(config):
    teaser = ("Opposition slams the president's recycled speech. Congress chief calls it a ritual with no clear "
              "goals or measurable outcomes. Regional party says it confirms the government's denial.")
    clean = _clean([*ARTICLE, "Click here to follow us on Instagram", teaser], config)
    assert clean.paragraphs == tuple(ARTICLE)
    assert _rules(clean)[teaser] == "after-end-marker"


@pytest.mark.parametrize("opener", ["3 thoughts on “India and US resume trade talks”", "Leave a Reply", "12 Comments"])
def test_a_comment_section_ends_the_article_even_where_comments_quote_it(opener, config):
    comment = "Good to see the negotiators back on the trade agreement and farm market access, at last."
    clean = _clean([*ARTICLE, opener, "Rahul says:", comment, "Reply"], config)
    assert clean.paragraphs == tuple(ARTICLE)
    assert _rules(clean)[opener] == "comments-section"
    assert _rules(clean)[comment] == "after-end-marker"


def test_paragraph_after_an_end_marker_that_continues_the_article_is_kept(config):
    clean = _clean([ARTICLE[0], ARTICLE[1], "ADVERTISEMENT", "Also Read | Something else", ARTICLE[2], ARTICLE[3]], config)
    assert clean.paragraphs == tuple(ARTICLE)


def test_subheading_inside_the_body_is_kept(config):
    lines = [ARTICLE[0], ARTICLE[1], "What the deal covers", ARTICLE[2], ARTICLE[3]]
    clean = _clean(lines, config)
    assert clean.paragraphs == tuple(lines)


def test_line_recurring_across_different_seeds_is_outlet_boilerplate(config):
    footer = "Ledger Media Group, Mumbai and Delhi editions"
    first = make_source("\n".join([ARTICLE[0], ARTICLE[1], footer]), path="a.txt")
    second = make_source("\n".join(["A different story about monsoon rains across Kerala and Karnataka this week.",
                                    "Farmers welcomed the early onset of rains after a hot and dry summer season.", footer]), path="b.txt")
    recurring = find_recurring_lines([first, second], config)
    assert footer.casefold() in recurring
    assert _rules(clean_text(first, config, recurring))[footer] == "recurring-line"


def test_two_copies_of_one_article_do_not_erase_each_other(config):
    first = make_source("\n".join(ARTICLE), path="a.txt")
    copy = make_source("\n".join(ARTICLE), path="b.txt")
    recurring = find_recurring_lines([first, copy], config)
    assert clean_text(copy, config, recurring).paragraphs == tuple(ARTICLE)


def test_spaces_and_invisible_characters_are_normalised(config):
    clean = _clean(["India\u00a0and the\u200b United States on Tuesday resumed negotiations on a trade agreement, officials said."], config)
    assert clean.paragraphs == ("India and the United States on Tuesday resumed negotiations on a trade agreement, officials said.",)


# The three example seeds: realistic texts with contains / does-not-contain assertions.
SEED_EXPECTATIONS = {
    "000_a6d711fb2c1371d9.txt": {
        "first": "In what will be External Affairs Minister",
        "last": "Sources said waiver of this punitive tariff can considerably release the tension",
        "absent": ["Click here to follow us on Instagram", "Opposition slams President Murmu", "date 2026-01-29"],
    },
    "001_1fe273c1a6e006ca.txt": {
        "first": "NEW DELHI: Against the backdrop",
        "last": "Jaishankar’s visit is expected to further anchor this cooperation",
        "absent": ["Photo | EPS", "Nation", "SCROLL FOR NEXT", "Supreme Court stays new UGC", "Economic Survey projects",
                   "Coal remains central", "LIVE | Budget Session", "Kashmiri shawl seller", "Jayanth Jacob"],
    },
    "003_91a550de0f9bf913.txt": {
        "first": "New Delhi: External Affairs Minister S Jaishankar on Monday began",
        "last": "New Delhi has maintained that agriculture and dairy remain red lines",
        "absent": [],
    },
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_example_seed_is_cleaned(config, name):
    sources = [read_source(path, SEEDS, {}) for path in list_seed_files(SEEDS)]
    recurring = find_recurring_lines(sources, config)
    source = next(source for source in sources if source.path == name)
    clean = clean_text(source, config, recurring)
    body = "\n".join(clean.paragraphs)
    expected = SEED_EXPECTATIONS[name]
    assert clean.paragraphs[0].startswith(expected["first"])
    assert expected["last"] in clean.paragraphs[-1]
    for junk in expected["absent"]:
        assert junk not in body
    # Every sentence-like line of the seed is either kept or explained.
    kept_or_removed = set(clean.paragraphs) | set(clean.header_lines) | {r.text for r in clean.removed}
    for line in source.text.split("\n"):
        line = " ".join(line.replace("\u00a0", " ").split())
        if line and not line.startswith("date "):
            assert line in kept_or_removed, line


@pytest.mark.parametrize(
    "junk, rule",
    [
        ("Reporting by Jane Doe; Editing by John Roe", "wire-credit"),
        ("Our Standards: The Trust Principles.", "wire-credit"),
        ("(This story has not been edited by staff and is auto-generated from a syndicated feed.)", "wire-credit"),
        ("Catch all the Business News and Latest News Updates. Download The News App to get Daily Market Updates.", "social-call-to-action"),
        ("FacebookTwitterInstagramKOO APPYOUTUBE", "share-buttons"),
        ("Share Via", "share-buttons"),
        ("Facebook | Twitter | WhatsApp | Email", "share-buttons"),
        ("Listen to this article", "reading-aids"),
        ("5 min read", "reading-aids"),
        ("Published - January 29, 2026 10:00 pm IST", "updated-stamp"),
        ("© 2026 Example Media Ltd. All rights reserved.", "copyright"),
        ("Your email address will not be published. Required fields are marked *", "comment-form"),
        ("Please understand that comments are moderated and not all can be published.", "comment-form"),
        ("This site participates in the Amazon Associates program and earns from qualifying purchases.",
         "affiliate-disclosure"),
        ("Photo by Jane Roe on Unsplash", "stock-photo-credit"),
        ("Traders on the exchange floor. Getty Images", "stock-photo-credit"),
        ("Previous article", "article-navigation"),
        ("Next post: How the tariff talks began", "article-navigation"),
        ("Previous article Markets rally as tariff talks resume", "article-navigation"),
        ("This article is the copyrighted property of Example News. Written permission must be obtained.",
         "reuse-notice"),
        ("Archive – RSS – 2009-2020 by Jane Doe – Powered by Nikola", "reuse-notice"),
    ],
)
def test_more_outlet_boilerplate(config, junk, rule):
    clean = _clean([ARTICLE[0], ARTICLE[1], ARTICLE[2], ARTICLE[3], junk], config)
    assert clean.paragraphs == tuple(ARTICLE)
    assert _rules(clean)[junk] == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices of mining companies rose sharply after the critical minerals agreement was announced.",
        "Reporting on the tariff talks, state media said the negotiators had made real progress this week.",
        "Follow-up talks on the trade deal are expected in March, officials said after the meeting.",
        "Published estimates put the cost of the tariffs at 0.5 per cent of GDP in 2026, the report said.",
        "Our work is to build a vibrant, usable commons, powered by collaboration and gratitude.",
        "Next article of the pact covers rare earth processing and the export of magnets, officials said.",
        "Photographs by the agency showed the damage to the port after the storm passed on Monday.",
    ],
)
def test_real_sentences_that_start_like_boilerplate_are_kept(config, sentence):
    clean = _clean([ARTICLE[0], ARTICLE[1], sentence, ARTICLE[2], ARTICLE[3]], config)
    assert sentence in clean.paragraphs


def test_short_first_paragraph_with_dateline_starts_the_body(config):
    lines = ["India, US sign pact", "NEW DELHI: India and the US signed a pact.", *ARTICLE[1:]]
    clean = _clean(lines, config)
    assert clean.header_lines == ("India, US sign pact",)
    assert clean.paragraphs[0] == "NEW DELHI: India and the US signed a pact."


def test_a_sentence_that_starts_like_a_call_to_follow_is_kept(config):
    sentence = "Follow the rupee on Telegram channels and the mood is grim, one currency dealer in Mumbai said."
    clean = _clean([*ARTICLE[:2], sentence, *ARTICLE[2:]], config)
    assert sentence in clean.paragraphs


def test_a_page_dump_keeps_its_headline_above_the_byline(config):
    furniture = ["Home", "World", "Business", "Markets", "Opinion", "Sign in", "Subscribe now", "Search"]
    lines = ["The Daily Ledger", "Trade talks between India and US resume in Delhi", "By Staff Writer",
             *ARTICLE, *furniture, "Contact us", "Privacy policy"]
    clean = _clean(lines, config)
    assert clean.header_lines[:2] == ("Trade talks between India and US resume in Delhi", "By Staff Writer")
    assert clean.paragraphs == tuple(ARTICLE)
