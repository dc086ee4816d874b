"""Page names: only a safe alphabet, distinct, stable, inside docs_src/; hostile metadata escaped in every context."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main

from helpers import new_project
from helpers import inspect

BODY = (
    "NEW DELHI: Officials said on Monday that talks on the reciprocal tariff and a supply chain for critical "
    "minerals would continue in Washington next week, a commerce ministry official said.\n"
)
TITLED = {
    "dots.md": "../../../etc/passwd",
    "absolute.md": "/etc/cron.d/evil",
    "windows.md": "C:\\Windows\\System32 con nul",
    "long.md": "Tariff talks " * 60,
    "unicode.md": "中美关税谈判 — Тарифы и литий",
    "case-a.md": "Tariff Talks Resume",
    "case-b.md": "TARIFF TALKS RESUME",
    "same-1.md": "Same title",
    "same-2.md": "Same title",
    "symbols.md": "!!! ??? ***",
}
SAFE_ARTICLE = re.compile(r"^articles/[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


def _seed(title: str) -> str:
    return "---\n" + json.dumps({"title": title}) + "\n---\n" + BODY  # JSON is YAML: any title, safely quoted


def _article_urls(root: Path) -> dict[str, str]:
    export = json.loads((root / "docs_src" / "briefing.json").read_text())
    return {article["source"]: article["url"] for article in export["articles"]}


@pytest.fixture()
def titled_project(tmp_path):
    root = new_project(tmp_path / "p", copies=(), texts={name: _seed(title) for name, title in TITLED.items()})
    (root / "seeds" / "weird name (1) ÜBER.txt").write_text(BODY)
    return root


def test_page_names_are_safe_distinct_and_inside_the_project(tmp_path, titled_project):
    assert main(["-C", str(titled_project), "generate"]) == 0
    manifest = json.loads((titled_project / "docs_src" / ".briefing-manifest.json").read_text())["files"]
    articles = sorted(path for path in manifest if path.startswith("articles/") and path != "articles/index.md")
    assert len(articles) == len(TITLED) + 1
    for path in articles:
        assert SAFE_ARTICLE.match(path), path
        assert len(Path(path).stem) <= 60 + 7  # capped slug plus "-" and the six-character digest
    assert len({path.lower() for path in articles}) == len(articles)  # distinct even on a case-blind disk
    urls = _article_urls(titled_project)
    assert "zhong-mei-guan-shui-tan-pan-tarify-i-litiy" in urls["unicode.md"]  # transliterated, not dropped
    assert urls["case-a.md"] != urls["case-b.md"] and urls["same-1.md"] != urls["same-2.md"]
    assert urls["case-a.md"].startswith("articles/tariff-talks-resume-")
    assert "etc-passwd" in urls["dots.md"] and "etc-cron-d-evil" in urls["absolute.md"]
    # Everything written lies in the project folder.
    outside = [path for path in tmp_path.rglob("*") if not path.is_relative_to(titled_project)]
    assert outside == []


def test_urls_stay_the_same_when_seeds_come_and_go(titled_project):
    assert main(["-C", str(titled_project), "-q", "generate"]) == 0
    before = _article_urls(titled_project)
    (titled_project / "seeds" / "same-1.md").unlink()
    (titled_project / "seeds" / "newcomer.md").write_text(_seed("Same title"))
    (titled_project / "seeds" / "another.md").write_text(_seed("Tariff Talks Resume"))
    assert main(["-C", str(titled_project), "-q", "generate"]) == 0
    after = _article_urls(titled_project)
    for source, url in before.items():
        if source != "same-1.md":
            assert after[source] == url, source
    assert len(set(after.values())) == len(after)


HOSTILE_META = {
    "title": '"><script>alert(1)</script> Tariff # heading [x](javascript:alert(1)) {{ config }}',
    "outlet": "<b onmouseover=alert(1)>Wire</b> | table |",
    "author": "![img](http://example.com/x.png) {% raw %}",
    "date": "2026-02-02",
}


def test_hostile_metadata_is_text_in_every_context(tmp_path):
    seed = "---\n" + json.dumps(HOSTILE_META) + "\n---\n" + BODY
    root = new_project(tmp_path / "p", copies=(), texts={"hostile-meta.md": seed})
    assert main(["-C", str(root), "build"]) == 0
    url = _article_urls(root)["hostile-meta.md"]
    page = (root / "site" / url.replace(".md", ".html")).read_text()
    # The theme's own page has forms, icons and scripts; none may carry a handler or a script URL.
    assert [threat for threat in inspect(page).threats if "[" in threat] == []
    content = re.search(r"<article\b.*?</article>", page, re.S).group(0)
    inspector = inspect(content)
    assert inspector.threats == []
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
    assert not any("alert(1)" in script for script in scripts)
    shown = " ".join("".join(inspector.text).split())
    for value in HOSTILE_META.values():
        assert " ".join(value.split()) in shown  # the literal text the seed held
    head = page.split("</head>", 1)[0]
    assert "<script>alert" not in head and "&lt;script&gt;alert(1)" in head  # <title> and meta description
    description = re.search(r'<meta name="description" content="([^"]*)"', head)
    assert description is None or "<" not in description.group(1)
    index = json.loads((root / "site" / "search" / "search_index.json").read_text())
    entries = [doc for doc in index["docs"] if doc["location"].startswith(url.replace(".md", ".html"))]
    assert entries
    for doc in entries:  # Material puts these into the page as HTML: only escaped markup may be in them
        for field in ("title", "text"):
            assert "<script" not in doc[field] and "<b " not in doc[field] and "<img" not in doc[field], doc[field]
    assert any("&lt;script&gt;alert(1)" in doc["title"] for doc in entries)
