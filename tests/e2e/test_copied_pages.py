"""A page copied from an outlet's site, through a real build: the headline titles the article everywhere, the
outlet and date come from the page, its tables are tables on the site, in handouts and in briefing.json, and a
table's text is data (a <script> in a cell is shown, not run)."""

from __future__ import annotations

import html
import json
import re

from generator.cli import main

from helpers import inspect, new_project

HEADLINE = "Grain exports set for a record season as harvest runs late and freight rates fall"
PAGE = "\n".join([
    "We use cookies to improve your experience on our website. By continuing to browse you agree to our use of "
    "cookies and similar technologies.",
    "Accept",
    "",
    "The Harbour Gazette",
    "Home | World | Business | Markets | Opinion | Sport",
    "",
    HEADLINE,
    "By Jane Doe",
    "Updated: 12-03-2026 10:15 IST",
    "",
    "Harbour officials said on Tuesday that grain exports through the three terminals would reach a record this "
    "season, helped by a late harvest, and that rare earth and critical minerals cargoes would rise as well.",
    "",
    "Shipments so far, by terminal:",
    "",
    "Terminal            Wheat (mt)     Note",
    "North               2.1            <script>alert(1)</script>",
    "South               1.5            rail | road",
    "",
    "Farmers' groups welcomed the forecast but warned that rail capacity to the coast remained tight this year, "
    "and asked the railway board for more wagons for grain and critical minerals before the summer.",
    "",
    "Tags",
    "grain",
    "rail freight",
    "© 2026 Harbour Gazette Media Ltd. All rights reserved.",
])


def test_a_copied_page_builds_with_its_headline_outlet_date_and_table(tmp_path):
    root = new_project(tmp_path / "p", copies=(), texts={"harbour.txt": PAGE})
    assert main(["-C", str(root), "build", "--strict"]) == 0
    assert main(["-C", str(root), "handouts"]) == 0
    export = json.loads((root / "docs_src" / "briefing.json").read_text(encoding="utf-8"))
    (article,) = export["articles"]
    assert article["title"] == HEADLINE and article["outlet"] == "The Harbour Gazette"
    assert article["date"] == "2026-03-12"
    rows = ["Terminal\tWheat (mt)\tNote", "North\t2.1\t<script>alert(1)</script>", "South\t1.5\trail | road"]
    assert "\n".join(rows) in article["body"]  # every row on a line of its own
    assert "cookies" not in article["body"] and "Home | World" not in article["body"]

    page = next((root / "site" / "articles").glob("grain-exports*.html")).read_text(encoding="utf-8")
    content = re.search(r"<article\b.*?</article>", page, re.S).group(0)
    assert "<h1" in content and HEADLINE in content
    table = re.search(r"<table>.*?</table>", content, re.S).group(0)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[hd]>.*?</t[hd]>", table, re.S)]
    assert cells == [cell for row in rows for cell in row.split("\t")]  # as the page printed them, as text
    assert inspect(content).threats == []  # the cell's script is text

    (handout,) = [text for path in sorted((root / "handouts").glob("*.html"))
                  if HEADLINE in (text := path.read_text(encoding="utf-8")) and "index" not in path.name]
    assert '<table class="data">' in handout and "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in handout
    assert inspect(re.search(r'<section id="articles".*?</section>', handout, re.S).group(0)).threats == []


def test_a_table_whose_rows_differ_is_shown_as_it_was_aligned(tmp_path):
    page = PAGE.replace("South               1.5            rail | road",
                        "South               1.5            rail\nTotal               3.6")
    root = new_project(tmp_path / "p", copies=(), texts={"harbour.txt": page})
    assert main(["-C", str(root), "build"]) == 0
    html = next((root / "site" / "articles").glob("grain-exports*.html")).read_text(encoding="utf-8")
    block = re.search(r"<pre><code>(.*?)</code></pre>", html, re.S).group(1)
    lines = block.splitlines()
    assert lines[0].startswith("Terminal") and lines[-1].startswith("Total") and "3.6" in lines[-1]
    assert lines[1].index("2.1") == lines[0].index("Wheat")  # the columns line up again
    assert "&lt;script&gt;" in block and "<script>" not in block
