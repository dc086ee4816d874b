"""Real text in (issue 16): hard-wrapped wire copy, page dumps, recurring lines, and every line accounted for."""

from __future__ import annotations


import pytest

from helpers import REALWORLD, SEEDS, make_source, new_project
from generator.read.clean import clean_text, find_recurring_lines
from generator.cli import main
from generator.analyse.events import find_dated_sentences
from generator.analyse.extract import extract_metadata, is_all_caps, summarise, title_case


# A wire story as a user pastes it: title, blank line, dateline and a body wrapped at about 60 characters, each
# paragraph starting with an indent, a table, and the sign-off.
WIRE = """\
HARBOUR PORTS SEES RECORD GRAIN EXPORTS

    PORT ELLEN, March 3 - Harbour Ports Authority said grain
exports through its three terminals would reach a record this
season, helped by a late harvest and lower freight rates, said
chief executive Howard
Baker at a briefing.
    The authority expects 4.2 mln tonnes of wheat to pass its
berths by June, against 3.6 mln a year earlier.
    Shipments so far this season:
    Wheat      2.1 mln tonnes
    Barley     0.8 mln tonnes
    Baker said the authority would add a fourth berth next
year if volumes held.
 Reuter
"""


def _rules(clean):
    return {removed.text: removed.rule for removed in clean.removed}


def _all_lines_accounted(clean) -> None:
    """Every non-blank line of the seed is in the header, the body or the cleaning report (with a rule)."""
    lines = {number for number, line in enumerate(clean.source.text.split("\n"), start=1) if line.strip()}
    header = {number for numbers in clean.header_numbers for number in numbers}
    body = {number for numbers in clean.paragraph_numbers for number in numbers}
    removed = {item.line_no for item in clean.removed}
    assert all(item.rule for item in clean.removed)
    assert lines == header | body | removed, sorted(lines - (header | body | removed))
    # A line is in one place only; a date stamp cut off the first line shares that line with what follows it.
    cut = {item.line_no for item in clean.removed if item.rule == "leading-date-stamp"}
    assert not (header & body) and not ((body | header) & removed - cut)


def test_wrapped_wire_story_comes_out_as_its_paragraphs(config):
    clean = clean_text(make_source(WIRE), config)
    assert clean.header_lines == ("HARBOUR PORTS SEES RECORD GRAIN EXPORTS",)
    assert clean.paragraphs[0].startswith("PORT ELLEN, March 3 - Harbour Ports Authority said grain exports")
    assert "chief executive Howard Baker at a briefing." in clean.paragraphs[0]  # a name across lines is whole
    assert clean.paragraphs[1] == (
        "The authority expects 4.2 mln tonnes of wheat to pass its berths by June, against 3.6 mln a year earlier."
    )
    # The line introducing a table stays a line of its own; the table is one paragraph, a row per line, its cells
    # apart by tabs.
    assert clean.paragraphs[2:4] == ("Shipments so far this season:", "Wheat\t2.1 mln tonnes\nBarley\t0.8 mln tonnes")
    assert clean.paragraphs[-1] == "Baker said the authority would add a fourth berth next year if volumes held."
    assert _rules(clean) == {"Reuter": "wire-sign-off"}
    assert clean.paragraph_numbers[0] == (3, 4, 5, 6, 7)
    _all_lines_accounted(clean)


def test_wrapped_text_without_indents_joins_full_lines_only(config):
    text = (
        "Officials from both countries met in Geneva on Monday to discuss\n"
        "the timetable for the next round of talks on farm subsidies and\n"
        "market access, and agreed to meet again within a month.\n"
        "\n"
        "Key points:\n"
        "Talks resume in April\n"
        "Farm subsidies remain the sticking point\n"
        "\n"
        "The two delegations will exchange revised offers before the\n"
        "next meeting, a spokesperson for the trade ministry said.\n"
    )
    clean = clean_text(make_source(text), config)
    assert clean.paragraphs == (
        "Officials from both countries met in Geneva on Monday to discuss the timetable for the next round of talks on "
        "farm subsidies and market access, and agreed to meet again within a month.",
        "Key points:",
        "Talks resume in April",
        "Farm subsidies remain the sticking point",
        "The two delegations will exchange revised offers before the next meeting, a spokesperson for the trade "
        "ministry said.",
    )


def test_one_sentence_per_line_text_is_not_joined(config):
    lines = [
        "India and the United States resumed talks on Tuesday.",
        "The talks focused on tariffs on steel and aluminium goods.",
        "Officials hoped to close the first tranche by autumn this year.",
        "The last round ended in Washington in March with no deal.",
        "Both sides said the mood of the meeting was constructive.",
    ]
    assert clean_text(make_source("\n".join(lines)), config).paragraphs == tuple(lines)


def test_follow_up_story_keeps_the_paragraphs_it_repeats(config):
    shared = [
        "    The ministry said exports of the metal had risen by a fifth",
        "in the first two months of the year, helped by new contracts.",
    ]
    first = make_source("\n".join([
        "METAL EXPORTS RISE", "", "    LIMA, March 2 - Peru's mining ministry reported higher copper",
        "output for February, citing the reopening of two large mines.", *shared, " Reuter",
    ]), path="a.txt")
    follow_up = make_source("\n".join([
        "PERU SEES MORE COPPER", "", "    LIMA, March 4 - Peru expects copper output to keep rising",
        "through the year as a third mine reopens in the south.", *shared,
        "    Officials gave no figure for the year as a whole.", " Reuter",
    ]), path="b.txt")
    recurring = find_recurring_lines([first, follow_up], config)
    clean = clean_text(follow_up, config, recurring)
    assert any(paragraph.startswith("The ministry said exports of the metal") for paragraph in clean.paragraphs)
    assert clean.paragraphs[-1] == "Officials gave no figure for the year as a whole."


def test_wire_template_rows_shared_by_stories_are_kept(config):
    def dividend(name: str, place: str, amount: str) -> str:
        return "\n".join([
            f"{name} SETS QUARTERLY DIVIDEND", "", f"    {place}, Feb 26 -", f"    Qtly div {amount} cts vs {amount} cts prior",
            "    Pay March 31", "    Record March 13", " Reuter",
        ])
    sources = [make_source(dividend("ACME", "BOSTON", "10"), path="a.txt"),
               make_source(dividend("BETA", "DALLAS", "12"), path="b.txt"),
               make_source(dividend("GAMMA", "DENVER", "15"), path="c.txt")]
    recurring = find_recurring_lines(sources, config)
    clean = clean_text(sources[0], config, recurring)
    assert clean.paragraphs == ("BOSTON, Feb 26 -", "Qtly div 10 cts vs 10 cts prior", "Pay March 31", "Record March 13")


def test_dateline_date_is_the_filing_day_not_an_event(config):
    clean = clean_text(make_source(WIRE), config)
    meta = extract_metadata(clean, config)
    assert meta.dateline == "PORT ELLEN, March 3"
    dated = find_dated_sentences(clean.paragraphs, "2026-03-03")
    expressions = [mention.expression for sentence in dated for mention in sentence.mentions]
    assert "March 3" not in expressions
    assert any("June" in expression for expression in expressions)  # the text's own dates still are events


def test_summary_is_whole_sentences_and_skips_a_bare_dateline_and_the_headline():
    long_lead = "The council said " + "the plan, which covers roads, ports and rail links, " * 6 + "would start in May."
    assert summarise((long_lead, "It gave no cost.")) == long_lead  # not cut with an ellipsis
    assert summarise(("BOSTON, Feb 26 -", "Qtly div 10 cts vs 10 cts prior", "Pay March 31")) == \
        "Qtly div 10 cts vs 10 cts prior"  # no sentence in the lead: its first line, not the bare dateline
    assert summarise(("India and US sign trade pact", "The deal cuts tariffs on 300 goods, officials said."),
                     title="India and US sign trade pact") == "The deal cuts tariffs on 300 goods, officials said."


def test_headline_is_not_repeated_as_the_first_paragraph(config):
    text = "\n".join(["Ports agency expects record exports", "Ports agency expects record exports",
                      "The ports agency said grain exports would reach a record this season, helped by a late harvest.",
                      "Shipments are expected to total 4.2 million tonnes by June, against 3.6 million a year earlier."])
    clean = clean_text(make_source(text), config)
    assert clean.header_lines == ("Ports agency expects record exports",)
    assert clean.paragraphs[0].startswith("The ports agency said")
    assert _rules(clean) == {"Ports agency expects record exports": "repeated-headline"}


def test_all_caps_headline_in_title_case_keeping_acronyms_and_tickers(config):
    body = ("TREVISO, Italy, March 2 - Benetton Group SpA said it would set up a financial services venture with "
            "the USDA, its first outside clothing.")
    assert is_all_caps("BENETTON IN FINANCIAL SERVICES JOINT VENTURE")
    assert not is_all_caps("Benetton in financial services")
    assert title_case("BENETTON IN FINANCIAL SERVICES JOINT VENTURE", (body,)) == \
        "Benetton in Financial Services Joint Venture"
    assert title_case("USDA BACKS BENETTON <BNTN> 4TH QTR PLAN", (body,)) == "USDA Backs Benetton <BNTN> 4th Qtr Plan"
    clean = clean_text(make_source(f"BENETTON IN FINANCIAL SERVICES JOINT VENTURE\n\n{body}\n"), config)
    meta = extract_metadata(clean, config)
    assert meta.title == "Benetton in Financial Services Joint Venture"
    assert meta.original_title == "BENETTON IN FINANCIAL SERVICES JOINT VENTURE"


PAGE_DUMP = "\n".join([
    "Ports agency expects record grain exports - The Harbour Times",
    *["Home", "World", "Business", "Markets", "Opinion", "Sport", "Weather", "Subscribe", "Sign in", "Search"],
    "Business",
    "Ports agency expects record grain exports",
    "By Jane Doe",
    "March 3, 2026",
    "The ports agency said on Tuesday that grain exports through its three terminals would reach a record this "
    "season, helped by a late harvest and lower freight rates.",
    "The agency expects 4.2 million tonnes of wheat to pass its berths by June, against 3.6 million tonnes a year "
    "earlier, its chief executive told reporters.",
    "Farmers' groups welcomed the forecast but warned that rail capacity to the coast remained tight this year.",
    "Related",
    "Rail freight rates to rise in April",
    "New berth opens at the northern terminal",
    "About us", "Contact", "Careers", "Privacy policy", "Terms of use", "Cookie settings",
    "Copyright 2026 The Harbour Times. All rights reserved.",
])


def test_page_dump_keeps_the_article_and_drops_the_page_around_it(config):
    clean = clean_text(make_source(PAGE_DUMP), config)
    assert clean.header_lines[0] == "Ports agency expects record grain exports"
    assert "Home" not in clean.header_lines and "Subscribe" not in clean.header_lines
    assert len(clean.paragraphs) == 3
    assert clean.paragraphs[0].startswith("The ports agency said on Tuesday")
    assert clean.paragraphs[-1].startswith("Farmers' groups welcomed")
    rules = _rules(clean)
    assert rules["Ports agency expects record grain exports - The Harbour Times"] == "page-title"
    assert rules["Weather"] == "section-label"  # a one-word line above the headline
    assert rules["Privacy policy"] == "page-furniture"
    assert rules["Rail freight rates to rise in April"] == "related-headlines"
    _all_lines_accounted(clean)


def _varied_seeds():
    yield "wire", WIRE
    yield "page dump", PAGE_DUMP
    for path in sorted(REALWORLD.iterdir()):
        yield path.name, path.read_text(encoding="utf-8")
    for path in sorted(SEEDS.iterdir()):
        yield path.name, path.read_text(encoding="utf-8")
    yield "markdown", "# Title of a note\n\n- a list item\n- another item\n\nA paragraph of text that ends here.\n"
    yield "stamp", "date 2026-01-29 India and US sign a pact on critical minerals, officials said on Thursday.\n"


@pytest.mark.parametrize("name, text", list(_varied_seeds()), ids=[name for name, _ in _varied_seeds()])
def test_every_line_is_accounted_for(config, name, text):
    fmt = "md" if name.endswith(".md") or name == "markdown" else "txt"
    clean = clean_text(make_source(text, path=f"seed.{fmt}", fmt=fmt), config)
    _all_lines_accounted(clean)


def test_check_verbose_reports_header_and_removed_lines(tmp_path, capsys):
    project = new_project(tmp_path / "proj", copies=(), texts={"wire.txt": WIRE})
    assert main(["-C", str(project), "check", "-v"]) == 0
    out = capsys.readouterr().out
    assert "header  wire.txt:1 HARBOUR PORTS SEES RECORD GRAIN EXPORTS" in out
    assert "removed wire.txt:15 [wire-sign-off] Reuter" in out
    assert '"Harbour Ports Sees Record Grain Exports"' in out
