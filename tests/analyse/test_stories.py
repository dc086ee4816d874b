"""Events from dated sentences, and stories: clustering, agreement, single-source details, claims, differences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.publish.pages.story import story_context
from generator.publish.render import make_environment

from generator.analyse.entities import find_people
from generator.analyse.people import build_people
from generator.analyse.events import build_events, find_dated_sentences
from generator.analyse.link import link_corpus
from generator.model import Article, Metadata
from generator.analyse.quotes import find_quotes
from generator.analyse.stories import cluster_stories, dates_in, figures_in
from generator.analyse.topics import score_topics

VISIT_A = [
    "Trade Minister Jane Roe will travel to Geneva on March 3 for the Nickel Trade Forum, officials said.",
    "The forum is hosted by WTO Director-General Ngozi Okonjo-Iweala and will discuss nickel export curbs.",
    "Roe and Okonjo-Iweala last met on February 10, when they discussed a 12 per cent duty on nickel ore.",
    "Roe is expected to announce a $2 billion nickel refining fund with partners at the forum.",
    "Only this outlet reports that Roe will also visit Zurich and Basel to meet Swiss bankers.",
]
VISIT_B = [
    "Trade Minister Jane Roe heads to Geneva for the Nickel Trade Forum on March 3, where nickel curbs top the agenda.",
    "WTO Director-General Ngozi Okonjo-Iweala will host the forum, which is expected to discuss nickel export curbs.",
    "Roe spoke with Okonjo-Iweala on February 10 about the 15% duty on nickel ore.",
    "The minister described the talks as “constructive”, her office said.",
    "Delegations from Chile, Peru, Zambia and Indonesia are attending the Nickel Trade Forum too.",
]
CRICKET = [
    "The home side beat the visitors by seven wickets in the final over at the stadium on Sunday evening.",
    "Their captain hit an unbeaten century as the chase ended with ten balls to spare in front of a full house.",
    "The visitors had earlier beaten the champions in a super over, and the series is now level at one all.",
]


def _article(article_id: str, paragraphs: list[str], config, date: str | None, title: str) -> Article:
    meta = Metadata(title, "headline", date, "front matter" if date else "unknown", article_id.upper(), None, None, None, None)
    mentions = find_people(paragraphs, config)
    return Article(
        id=article_id,
        source_path=f"{article_id}.txt",
        meta=meta,
        summary=paragraphs[0],
        paragraphs=tuple(paragraphs),
        topics=score_topics(title, paragraphs, config),
        removed=(),
        dated=find_dated_sentences(paragraphs, date),
        mentions=mentions,
        quotes=find_quotes(paragraphs, mentions, config),
    )


def _stories(articles, config):
    corpus = link_corpus(articles, config)
    people = build_people(corpus.articles, config)
    return corpus, cluster_stories(corpus, people, config)


def _assert_alike_but_apart(first: Article, second: Article, config) -> None:
    """The two reports are alike in words (a pair the story rules weigh), yet no story joins them."""
    corpus, stories = _stories([first, second], config)
    assert corpus.similar[first.id] and corpus.similar[first.id][0][1] >= config.stories.min_score
    assert stories == ()


@pytest.fixture()
def coverage(config):
    return [
        _article("alpha", VISIT_A, config, "2026-02-27", "Roe to attend nickel forum in Geneva"),
        _article("beta", VISIT_B, config, None, "Roe heads to Geneva nickel forum"),
        _article("gamma", CRICKET, config, "2026-02-28", "Home side level the series"),
    ]


def test_same_event_from_two_outlets_is_one_story_and_unrelated_is_not(coverage, config):
    corpus, stories = _stories(coverage, config)
    assert [story.article_ids for story in stories] == [("alpha", "beta")]
    assert stories[0].title in ("Roe to attend nickel forum in Geneva", "Roe heads to Geneva nickel forum")


def test_story_shows_agreement_single_source_details_and_claims(coverage, config):
    _, [story] = _stories(coverage, config)
    agreed = [{c.article_id: c.sentence for c in fact.sentences} for fact in story.shared]
    assert any("hosted by WTO" in fact.get("alpha", "") and "will host the forum" in fact.get("beta", "") for fact in agreed)
    single = {citation.sentence for citation in story.single_source}
    assert any("Zurich and Basel" in sentence for sentence in single)
    assert any("Chile, Peru, Zambia" in sentence for sentence in single)
    claims = {(claim.kind, claim.value): claim.article_ids for claim in story.claims}
    assert claims[("date", "March 3")] == ("alpha", "beta")
    assert claims[("date", "February 10")] == ("alpha", "beta")
    assert claims[("figure", "$2 billion")] == ("alpha",)
    assert claims[("quote", "constructive")] == ("beta",)


def test_story_flags_differing_figures_in_the_same_fact(coverage, config):
    _, [story] = _stories(coverage, config)
    values = [dict(difference.values) for difference in story.differences]
    assert {"alpha": "12%", "beta": "15%"} in values


def test_story_page_shows_where_sources_differ(coverage, config):
    corpus, [story] = _stories(coverage, config)
    corpus = replace(corpus, stories=(story,), story_of={article_id: story for article_id in story.article_ids})
    page = make_environment(Path("/nonexistent")).get_template("story.md.j2").render(**story_context(story, corpus))
    section = page.split("## Where sources differ", 1)[1]
    assert "gives 12%" in section and "gives 15%" in section


def test_story_id_is_stable_when_other_articles_come_and_go(coverage, config):
    _, [first] = _stories(coverage, config)
    _, [again] = _stories(coverage[:2], config)
    assert first.id == again.id


def test_articles_far_apart_in_time_are_not_one_story(config):
    later = _article("delta", VISIT_B, config, "2026-06-01", "Roe heads to Geneva nickel forum")
    early = _article("alpha", VISIT_A, config, "2026-02-27", "Roe to attend nickel forum in Geneva")
    _, stories = _stories([early, later], config)
    assert stories == ()


def _earnings(company: str, city: str, figures: tuple[str, str]) -> list[str]:
    return [
        f"{city}, March 2 - Shr {figures[0]} cts vs {figures[1]} cts. Net income rose to 1,200,000 dlrs from 980,000 "
        "dlrs. Revs rose to 12.4 mln dlrs from 11.1 mln dlrs in the fourth quarter of the year.",
        f"Note: the year-ago quarter of {company} included a gain on the sale of a unit.",
    ]


def test_one_template_about_different_companies_is_not_one_story(config):
    first = _article("brown", _earnings("Brown-Forman Inc", "LOUISVILLE", ("32", "25")), config, "2026-03-02",
                     "Brown-Forman Inc 4th Qtr Net")
    second = _article("alatenn", _earnings("Alatenn Resources Inc", "FLORENCE", ("32", "25")), config, "2026-03-02",
                      "Alatenn Resources Inc 4th Qtr Net")
    _assert_alike_but_apart(first, second, config)
    again = _article("brown-2", _earnings("Brown-Forman Inc", "LOUISVILLE", ("32", "25")), config, "2026-03-03",
                     "Brown-Forman Inc Reports 4th Qtr Net")
    _, stories = _stories([first, second, again], config)
    assert [story.article_ids for story in stories] == [("brown", "brown-2")]  # the same company's report is


def _bond(issuer: str) -> list[str]:
    return [
        f"LONDON, March 2 - {issuer} is issuing a 100 mln dlr eurobond due 1992 paying 7-1/2 pct and priced at 101, "
        "lead manager Morgan Guaranty said. The bonds will be listed in Luxembourg.",
        "Fees total 1-7/8 pct. The selling concession is 1-1/4 pct and the management and underwriting fee 5/8 pct.",
    ]


def test_reports_sharing_only_a_bystander_of_their_leads_are_not_one_story(config):
    first = _article("ruvo", _bond("Ruvo Funding"), config, "2026-03-02", "Ruvo Funding Issues 100 Mln Dlr Eurobond")
    second = _article("tesk", _bond("Teskel Gas"), config, "2026-03-02", "Teskel Gas Issues 100 Mln Dlr Eurobond")
    _assert_alike_but_apart(first, second, config)
    again = _article("ruvo-2", _bond("Ruvo Funding"), config, "2026-03-02", "Ruvo Funding Eurobond Priced")
    _, stories = _stories([first, second, again], config)
    assert [set(story.article_ids) for story in stories] == [{"ruvo", "ruvo-2"}]


def _offering(firm: str) -> list[str]:
    return [
        f"NEW YORK, March 2 - {firm} Inc's mortgage unit priced a 300 mln dlr CMO offering in four tranches, including "
        "floating rate tranches that reset monthly, the firm said.",
        f"The tranches, which {firm.split()[0]} will market, mature between 1992 and 2017 and carry coupons between "
        "7.10 pct and 9.35 pct.",
    ]


def test_reports_leading_with_different_firms_that_never_meet_are_not_one_story(config):
    """Both headlines share a distinctive word ("CMO"), but each is about a firm the other report never names."""
    first = _article("thorne", _offering("Thorne Securities"), config, "2026-03-02", "Thorne Securities Unit Prices CMO Offering")
    second = _article("keswick", _offering("Keswick Peabody"), config, "2026-03-02", "Keswick Peabody Unit Sells CMO Floaters")
    _assert_alike_but_apart(first, second, config)
    # The same firm, once in the possessive, is one story.
    again = _article("thorne-2", _offering("Thorne Securities"), config, "2026-03-02", "Thorne's CMO Offering Priced at Par")
    _, stories = _stories([first, second, again], config)
    assert [set(story.article_ids) for story in stories] == [{"thorne", "thorne-2"}]


def test_a_word_in_capitals_that_prose_writes_in_lower_case_is_no_shared_name(config):
    """ "DLS" in one report's table of figures and a ticker <DLS> in another's headline do not make one story."""
    table = ["HOUSTON, March 2 - Shr loss 32 cts vs profit 25 cts. NET LOSS 1,200,000 DLS VS PROFIT 980,000 DLS. "
             "Revs 12.4 mln dls vs 11.1 mln dls in the fourth quarter.", "Note: the quarter included a 3 mln dls charge."]
    first = _article("ravel", table, config, "2026-03-02", "Ravel Industries Inc 4th Qtr Loss")
    second = _article("dls", [table[0].replace("HOUSTON", "DALLAS"), table[1]], config, "2026-03-02", "Dallas Corp <DLS> 4th Qtr Loss")
    _, stories = _stories([first, second], config)
    assert stories == ()


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("India faces 50 per cent tariffs, including a 25% penalty.", {"50%", "25%"}),
        ("A $100,000 fee for H-1B visas.", {"$100,000"}),
        ("A three-day visit by a three-member team.", {"3-day", "3-member"}),
        ("Rs 2,000 crore was set aside.", {"Rs 2,000 crore"}),
        ("No figure here.", set()),
    ],
)
def test_figures_are_normalised(sentence, figures):
    assert figures_in(sentence) == figures


def test_dates_are_normalised():
    assert dates_in("They met on Feb. 4 and on 13 January, and in July 2025.") == {"February 4", "January 13", "July 2025"}


def test_events_one_per_date_newest_first_with_provenance(config):
    article = _article(
        "alpha",
        [
            "The two met several times in 2025, starting in January last year.",
            "In October 2025, they met again amid claims of a ceasefire in May last year.",
            "They will meet on March 3, officials said.",
        ],
        config,
        "2026-02-27",
        "Meetings",
    )
    events = build_events([article], config)
    assert [event.date for event in events] == ["2026-03-03", "2025-10", "2025-05", "2025-01"]
    january = events[-1]
    assert january.expression == "January last year" and "2026-02-27" in january.derivation
    assert all(event.article_id == "alpha" for event in events)


def _payout(fund: str) -> list[str]:
    return [
        f"SAN MATEO, Calif., March 2 - {fund} said its board declared a monthly dividend of 7.5 cts a share, payable "
        "March 31 to holders of record March 16, against 7.4 cts a month ago.",
        "The fund said the payout reflects lower yields on the bonds it holds, and that it expects no further change.",
    ]


def test_one_family_of_firms_is_not_one_story_when_each_headline_names_another_firm(config):
    """The headlines lead with the same word and share distinctive ones ("Harwick", "Fund"), but each names (in a
    wire's angle brackets) a firm the other report never names."""
    first = _article("gold", _payout("Harwick Gold Fund"), config, "2026-03-02", "<HARWICK GOLD FUND> SETS PAYOUT")
    second = _article("util", _payout("Harwick Utilities Fund"), config, "2026-03-02",
                      "<HARWICK UTILITIES FUND> SETS PAYOUT")
    _assert_alike_but_apart(first, second, config)
    again = _article("gold-2", _payout("Harwick Gold Fund"), config, "2026-03-03", "<HARWICK GOLD FUND> RAISES PAYOUT")
    _, stories = _stories([first, second, again], config)
    assert [set(story.article_ids) for story in stories] == [{"gold", "gold-2"}]


def _listing(firm: str) -> list[str]:
    return [
        f"NEW YORK, March 2 - The American Stock Exchange said it started trading the common stock of {firm} "
        "today under a three-letter symbol, with 4.1 mln shares outstanding.",
        "The exchange said the company, which makes telephone equipment and services, had been traded over the counter.",
    ]


def test_template_headlines_about_two_companies_named_by_their_first_words_are_two_stories(config):
    from generator.model import OrganisationMention

    def article(article_id: str, firm: str, title: str) -> Article:
        made = _article(article_id, _listing(firm), config, "2026-03-02", title)
        return replace(made, organisations=(OrganisationMention(firm, "company", made.paragraphs[0], "legal form"),))

    first = article("alder", "Alder Businessphones Inc", "AMEX STARTS TRADING ALDER BUSINESSPHONES")
    second = article("birch", "Birch Insurance Group Inc", "AMEX STARTS TRADING BIRCH INSURANCE")
    _assert_alike_but_apart(first, second, config)


def _fund_article(article_id: str, fund: str | None, title: str, config, written: str | None = None) -> Article:
    """A payout report naming `written` (the fund as the text spells it), found as `fund` (None: not found)."""
    from generator.model import OrganisationMention

    made = _article(article_id, _payout(written or fund or "The fund"), config, "2026-03-02", title)
    found = (OrganisationMention(fund, "", made.paragraphs[0], "body word"),) if fund else ()
    return replace(made, organisations=found)


def test_a_fund_is_not_a_shorter_form_of_another_fund_with_the_same_words(config):
    """"Harwick Insured Tax-Free Income Fund" holds words of "Harwick Ohio Insured Tax-Free Income Fund", but not
    as one run: two funds, two stories."""
    first = _fund_article("insured", "Harwick Insured Tax-Free Income Fund", "HARWICK INSURED TAX-FREE SETS PAYOUT",
                          config)
    second = _fund_article("ohio", "Harwick Ohio Insured Tax-Free Income Fund", "HARWICK OHIO INSURED SETS PAYOUT",
                           config)
    _assert_alike_but_apart(first, second, config)


def test_a_firm_the_other_never_names_and_a_headline_word_the_first_never_uses_are_two_stories(config):
    """The second report's fund was not found (its name misspelt), but its headline names "Ohio", which the first
    report never uses, while the first's fund appears nowhere in the second."""
    first = _fund_article("insured", "Harwick Insured Tax-Free Income Fund", "HARWICK INSURED TAX-FREE SETS PAYOUT",
                          config)
    second = _fund_article("ohio", None, "HARWICK OHIO INSURED SETS PAYOUT", config,
                           written="Harwick Ohoi Insured Tax-Free Income Fund")
    _assert_alike_but_apart(first, second, config)


def test_two_reports_about_different_entities_never_share_a_story_through_a_third():
    from generator.analyse.stories import _average_link

    scores = {("a", "b"): 0.5, ("a", "c"): 0.9, ("b", "c"): 0.9}
    assert _average_link(scores, 0.4) == [["a", "b", "c"]]
    assert _average_link(scores, 0.4, {("a", "b")}) == [["a", "c"]]
