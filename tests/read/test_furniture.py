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


def test_a_teaser_cut_short_is_no_sentence():
    assert not is_prose("Port strike called off after a late-night pay deal with the dockers…")
    assert not is_prose("Port strike called off after a late-night pay deal with the dockers...")
    assert is_prose("Port strike called off after a late-night pay deal with the dockers.")
    # a long paragraph that trails off is still the article's
    assert is_prose(" ".join(["the ministry said talks would go on"] * 4) + " …")


def test_a_sidebar_of_cut_short_teasers_does_not_join_the_article():
    teasers = [f"Teaser number {n} about a different story that runs on and on…" for n in range(6)]
    texts = ["Home", "World", *teasers, "Business", SENTENCE, SENTENCE, SENTENCE]
    span = article_span(texts, [False] * len(texts))
    assert span is not None and span.start == texts.index(SENTENCE)


def test_furniture_a_pattern_named_is_a_wall_the_article_does_not_cross():
    # Three named lines and two menu items between the article and the outlet's blurb: the blurb is prose, and
    # longer than the gap's plain cost, but a named line costs more than a menu item.
    blurb = ("The Harbour Gazette has covered the port, its terminals, grain, freight and the railway to the coast "
             "for a hundred years, and its newsdesk reads every letter.")
    texts = ["Home", "World", SENTENCE, SENTENCE, SENTENCE, "Share", "Print", "Email", "About", "Contact", blurb]
    marked = [text in ("Share", "Print", "Email") for text in texts]
    span = article_span(texts, marked)
    assert span is not None and (span.start, span.end) == (2, 4)
