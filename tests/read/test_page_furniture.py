"""Text copied from an article's web page: the page's furniture goes by kind, the headline is found among it, tables
stay tables. Every page here is made up for the test, in the shapes outlets' pages take."""

from __future__ import annotations

import pytest

from helpers import make_source
from generator.analyse.extract import extract_metadata
from generator.read.clean import clean_text
from generator.read.page import menu_kind
from generator.read.tables import find_tables

BODY = [
    "Harbour officials said on Tuesday that grain exports through the three terminals would reach a record this "
    "season, helped by a late harvest and lower freight rates.",
    "The agency expects 4.2 million tonnes of wheat to pass its berths by June, against 3.6 million tonnes a year "
    "earlier, its chief executive told reporters in the port city.",
    "Farmers' groups welcomed the forecast but warned that rail capacity to the coast remained tight this year, "
    "and asked the railway board for more wagons.",
    "The ministry will review the rail plan in April, when the first summer shipments are due to leave the terminals.",
]
HEADLINE = "Grain exports set for a record season as harvest runs late and freight rates fall"
PAGE = [
    "We use cookies and similar technologies to personalise content and ads, and to analyse our traffic. By "
    "continuing to use this site you agree to our use of cookies.",
    "Accept",
    "Manage Preferences",
    "",
    "The Harbour Gazette",
    "Home | World | Business | Markets | Opinion | Sport",
    "Business / Shipping",
    "",
    "Shipping",
    HEADLINE,
    "",
    "Terminals expect more wheat than ever; farmers worry about rail wagons",
    "",
    "By Jane Doe, Gazette Bureau",
    "Updated: 12-03-2026 10:15 IST",
    "",
    "Key takeaways",
    "Wheat shipments are set to rise by a sixth this season.",
    "Rail capacity to the coast remains the bottleneck for growers.",
    "",
    *BODY[:2],
    "",
    "Also Read: Port strike called off after pay deal",
    "",
    *BODY[2:],
    "",
    "Catch all the latest shipping news and updates on The Harbour Gazette app.",
    "Tags",
    "grain",
    "harbour",
    "rail freight",
    "Related Stories",
    "Container volumes slip as carriers skip the port",
    "New berth opens at the northern terminal after delays",
    "© 2026 Harbour Gazette Media Ltd. All rights reserved.",
]


def _clean(lines, config):
    return clean_text(make_source("\n".join(lines), path="page.txt"), config)


def _rules(clean):
    return {removed.text: removed.rule for removed in clean.removed}


def test_a_copied_page_keeps_the_article_and_names_each_line_it_drops(config):
    clean = _clean(PAGE, config)
    assert clean.paragraphs == tuple(BODY)
    rules = _rules(clean)
    assert rules[PAGE[0]] == "consent-banner"
    assert rules["Accept"] == rules["Manage Preferences"] == "consent-button"
    assert rules["The Harbour Gazette"] == "outlet-line"
    assert rules["Home | World | Business | Markets | Opinion | Sport"] == "navigation"
    assert rules["Business / Shipping"] == "breadcrumb"
    assert rules["Key takeaways"] == "summary-label"
    assert rules["Wheat shipments are set to rise by a sixth this season."] == "summary-box"
    assert rules["grain"] == rules["rail freight"] == "tag-list"
    assert rules["Container volumes slip as carriers skip the port"] == "related-headlines"
    assert rules["Catch all the latest shipping news and updates on The Harbour Gazette app."] in (
        "social-call-to-action", "prompt")


def test_the_headline_is_the_title_not_the_first_line_and_the_page_gives_outlet_date_and_writer(config):
    meta = extract_metadata(_clean(PAGE, config), config)
    assert meta.title == HEADLINE and meta.title_origin == "headline"
    assert meta.outlet == "The Harbour Gazette"
    assert meta.date == "2026-03-12"  # dashes: day first
    assert meta.author == "Jane Doe"  # the desk after the comma is no part of the name
    assert meta.standfirst == "Terminals expect more wheat than ever; farmers worry about rail wagons"


def test_a_cookie_banner_is_never_the_title_even_without_menus(config):
    lines = [PAGE[0], "Accept all", "", HEADLINE, "", *BODY]
    meta = extract_metadata(_clean(lines, config), config)
    assert meta.title == HEADLINE


def test_key_points_under_the_first_paragraph_are_the_article_own(config):
    lines = [HEADLINE, "", BODY[0], "", "Key points", "Wheat up by a sixth", "Rail capacity tight", "", *BODY[1:]]
    clean = _clean(lines, config)
    assert "Wheat up by a sixth" in clean.paragraphs and "Key points" in clean.paragraphs


@pytest.mark.parametrize("credit, outlet", [
    ("PORT ELLEN, March 3 (Reuters) - ", "Reuters"),
    ("Port Ellen, Mar 3 (AP) ", "Associated Press"),  # a short name the outlets: table knows
])
def test_a_wire_credit_in_the_dateline_names_the_outlet(config, credit, outlet):
    lines = [HEADLINE, "", credit + BODY[0], *BODY[1:]]
    assert extract_metadata(_clean(lines, config), config).outlet == outlet


def test_a_copyright_line_names_the_outlet_when_nothing_else_does(config):
    lines = [HEADLINE, "", *BODY, "", "© 2026 Harbour Gazette. All rights reserved."]
    assert extract_metadata(_clean(lines, config), config).outlet == "Harbour Gazette"


@pytest.mark.parametrize("stamp, date", [
    ("Published: 09-02-2026 15:42 IST", "2026-02-09"),  # dashes: day first
    ("Published: 02/09/2026 3:42 PM EST", "2026-02-09"),  # slashes: month first
    ("Published: 13/02/2026", "2026-02-13"),  # only one reading is a date
])
def test_a_numeric_date_is_read_as_the_page_writes_it(config, stamp, date):
    lines = [HEADLINE, stamp, "", *BODY]
    assert extract_metadata(_clean(lines, config), config).date == date


def test_the_dateline_decides_an_ambiguous_numeric_date(config):
    lines = [HEADLINE, "Published: 02-09-2026", "", "Port Ellen, Feb 9 (PTI) " + BODY[0], *BODY[1:]]
    assert extract_metadata(_clean(lines, config), config).date == "2026-02-09"


def test_an_all_caps_headline_keeps_its_acronyms(config):
    lines = ["US WIDENS CHIP EXPORT CURBS, EU WEIGHS ITS RESPONSE", "", *BODY]
    meta = extract_metadata(_clean(lines, config), config)
    assert meta.title == "US Widens Chip Export Curbs, EU Weighs Its Response"


def test_author_bios_under_the_article_go(config):
    lines = [HEADLINE, "By Jane Doe and Raj Patel", "", *BODY, "", "Authors", "Jane Doe",
             "Jane Doe is a senior fellow at the Centre for Maritime Trade in Port Ellen.",
             "Raj Patel has covered shipping for the Gazette since 2019."]
    clean = _clean(lines, config)
    assert clean.paragraphs == tuple(BODY)
    rules = _rules(clean)
    assert rules["Jane Doe is a senior fellow at the Centre for Maritime Trade in Port Ellen."] == "author-bio"


@pytest.mark.parametrize("line, kind", [
    ("Home | India | World | Business | Opinion", "navigation"),
    ("Home  India  World  Explainers  Opinion  Business  Tech", "navigation"),
    ("Home › News › Economy › Grain exports set for a record season as harvest runs late", "breadcrumb"),
    ("News / India", "breadcrumb"),
    ("The Harbour Gazette | Shipping desk", "navigation"),
    ("Wheat  2.1  3.6", None),  # figures: a table's row
    ("The agency expects 4.2 million tonnes | a record", None),
    ("Harbour officials said on Tuesday that grain exports would reach a record.", None),
])
def test_a_menu_is_told_by_its_items(line, kind):
    assert menu_kind(line) == kind


class _Row:
    def __init__(self, raw, blank_before=False):
        self.raw, self.blank_before = raw, blank_before


def test_tables_are_found_by_aligned_cells_and_figures():
    rows = [_Row(line) for line in [
        "Exports were as follows:",
        "Year        Wheat (mt)   Barley (mt)",
        "2024        3.6          0.7",
        "2025        4.2          0.8",
        "Source: port authority",
        "Home  World  Business  Markets",  # wide gaps, no figures: a menu
        "Opinion  Sport  Weather  Video",
    ]]
    ((first, last, block),) = find_tables(rows)
    assert (first, last) == (1, 3) and block[0] == ["Year", "Wheat (mt)", "Barley (mt)"]


def test_a_table_stays_whole_in_the_body_and_the_article_around_it_too(config):
    table = ["Terminal\tWheat (mt)\tBarley (mt)", "North\t2.1\t0.4", "South\t1.5\t0.3", "Total\t3.6"]
    lines = [HEADLINE, "", BODY[0], "", *table, "", *BODY[1:]]
    clean = _clean(lines, config)
    assert clean.paragraphs[1] == "\n".join(table)  # rows on lines of their own, cells apart by tabs, all kept
    assert clean.paragraphs[0] == BODY[0] and clean.paragraphs[2:] == tuple(BODY[1:])


def test_a_markdown_table_keeps_its_header_and_drops_its_rule(config):
    lines = [BODY[0], "", "| Terminal | Wheat |", "|---|---:|", "| North | 2.1 |", "| South | 1.5 |", "", *BODY[1:]]
    clean = clean_text(make_source("\n".join(lines), path="page.md"), config)
    assert "Terminal\tWheat\nNorth\t2.1\nSouth\t1.5" in clean.paragraphs


def test_a_report_that_is_a_table_keeps_its_headline(config):
    lines = ["WHEAT EXPORT SCHEDULE", "", "Terminal    Week 1    Week 2", "North       2.1       2.4",
             "South       1.5       1.6"]
    meta = extract_metadata(_clean(lines, config), config)
    assert meta.title == "Wheat Export Schedule"


def test_a_short_outlet_name_is_no_web_domain(config):
    """The outlets: table's short names ("ET": The Economic Times) never match a URL's host (".et" is a country)."""
    lines = [HEADLINE, "", *BODY]
    source = make_source("\n".join(lines), path="page.txt", metadata={"url": "https://news.example.et/story"})
    assert extract_metadata(clean_text(source, config), config).outlet is None


@pytest.mark.parametrize("label", ["Further Reading", "Keep reading", "More in Shipping", "Up next",
                                   "In case you missed it", "Recent posts", "See also"])
def test_a_related_stories_label_takes_its_headlines_with_it(config, label):
    related = ["Container volumes slip as carriers skip the port", "New berth opens at the northern terminal"]
    clean = _clean([HEADLINE, "", *BODY, "", label, *related], config)
    assert clean.paragraphs == tuple(BODY)
    rules = _rules(clean)
    assert rules[label] == "related-label"
    assert rules[related[0]] == rules[related[1]] == "related-headlines"


@pytest.mark.parametrize("line, rule", [
    ("Tagged", "tags-label"),
    ("SEE ALSO: Port strike called off after pay deal", "also-read"),
    ("Recent comments", "comments-section"),
    ("Sign in to comment", "comments-section"),
])
def test_more_labels_under_an_article_are_named(config, line, rule):
    clean = _clean([HEADLINE, "", *BODY, "", line], config)
    assert clean.paragraphs == tuple(BODY)
    assert _rules(clean)[line] == rule
