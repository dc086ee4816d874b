"""Search in Chromium on a site of hundreds of articles: the hosted site answers from Pagefind's chunked index,
fetching a small part of it and never Material's whole-site index; the offline site searches from file://."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import distinct_word
from browsing import served


@pytest.fixture(scope="module")
def hosted(large_site):
    yield from served(large_site / "site")


@pytest.fixture(scope="module")
def export(large_site) -> dict:
    return json.loads((large_site / "site" / "briefing.json").read_text(encoding="utf-8"))


def _article_with_word(export: dict, number: int) -> dict:
    word = distinct_word(number)
    return next(article for article in export["articles"] if word in article["title"])


def _type_search(page, word: str) -> list[str]:
    page.keyboard.press("/")
    page.keyboard.type(word, delay=20)
    page.wait_for_selector(".md-search-result__item")
    return [link.get_attribute("href") for link in page.locator(".md-search-result__item a").all()]


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_hosted_search_fetches_a_few_index_chunks_not_the_whole_index(visit, hosted, export, large_site):
    article = _article_with_word(export, 142)
    one = visit(allow_loopback=True)
    one.page.goto(hosted + "topics/index.html")
    hrefs = _type_search(one.page, distinct_word(142))
    assert urlparse(hrefs[0]).path.endswith("/" + article["url"])  # the article holding the word comes first
    assert one.page.locator(".md-search-result__meta").inner_text() == "1 matching document"
    fetched = [urlparse(url).path.lstrip("/") for url in one.requests if url.startswith(hosted)]
    assert not any(path.endswith("search_index.json") for path in fetched)  # Material's index stays unfetched
    index = large_site / "site" / "pagefind"
    chunks = [path for path in fetched if path.startswith(("pagefind/index/", "pagefind/fragment/"))]
    assert chunks, fetched
    chunk_bytes = sum((large_site / "site" / path).stat().st_size for path in chunks)
    assert chunk_bytes * 4 < _size(index / "index") + _size(index / "fragment"), (chunk_bytes, len(chunks))
    # Clicking the result opens the article, and the search closes.
    one.page.locator(".md-search-result__item a").first.click()
    one.page.wait_for_url("**/" + article["url"])
    assert distinct_word(142) in one.page.locator("article h1").inner_text()
    assert not one.dialogs and not one.blocked


def test_hosted_search_says_when_nothing_matches_and_clears(visit, hosted):
    one = visit(allow_loopback=True)
    one.page.goto(hosted + "index.html")
    one.page.keyboard.press("/")
    one.page.keyboard.type("qqxxnothinglikethis", delay=10)
    one.page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim() === 'No matching documents'"
    )
    assert one.page.locator(".md-search-result__item").count() == 0
    one.page.fill(".md-search__input", "")
    one.page.dispatch_event(".md-search__input", "input")
    one.page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim() === 'Type to start searching'"
    )


def test_offline_site_searches_the_same_articles_from_file(visit, export, large_site):
    article = _article_with_word(export, 77)
    one = visit()
    one.page.goto((large_site / "site-offline" / "index.html").as_uri())
    hrefs = _type_search(one.page, distinct_word(77))
    assert any(urlparse(href).path.endswith("/" + article["url"]) for href in hrefs), hrefs
    assert not one.network_requests() and not one.dialogs
