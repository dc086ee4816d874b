"""The page-dump stage: which lines are prose, and where a page's article lies."""

from generator.read.furniture import article_span, is_prose

SENTENCE = "India and the United States agreed on Tuesday to widen their cooperation on critical minerals."
ARCHIVE = " ".join(f"{month} 2022 ({count})" for month, count in
                    zip(["April", "March", "February", "January", "December", "November", "October", "September",
                         "August", "July", "June", "May"] * 3, range(101, 137)))


def test_a_sentence_and_a_long_line_of_words_are_prose():
    assert is_prose(SENTENCE)
    assert is_prose(" ".join(["the ministry said talks would go on"] * 4))


def test_menus_headlines_and_lists_of_figures_are_not_prose():
    assert not is_prose("Home")
    assert not is_prose("India and US widen critical minerals cooperation")
    assert not is_prose(ARCHIVE)
    assert not is_prose("Sensex 72,150.3 (+0.4%) Nifty 21,900.5 (+0.3%) Rupee 83.1 Gold 62,300 Brent 78.2 "
                        "Silver 71,800 Crude 6,480 Dow 38,100 Nasdaq 15,300.")


def test_a_long_archive_list_far_below_the_article_does_not_become_the_article():
    menu = ["Home", "World", "Business", "Sign in"]
    article = [SENTENCE] * 3
    footer = ["Leave a Reply", "Name *", "Email *", "Website", "Latest Stories", "Contact", "About us", "Privacy"]
    texts = [*menu, *article, *footer, ARCHIVE, "Terms"]
    span = article_span(texts, [False] * len(texts))
    assert span is not None
    assert (span.start, span.end) == (len(menu), len(menu) + len(article) - 1)
