"""Long listings cut into parts (pages/parts.py) and the pages made from them."""

from __future__ import annotations

from generator.publish.pages.parts import part_groups, part_navigation, split_by_letter, split_by_period


def _dated(*counts_by_month: tuple[str, int]) -> list[str]:
    """ISO dates, newest first: `count` days in each month given."""
    rows = []
    for month, count in counts_by_month:
        rows.extend(f"{month}-{day:02d}" for day in range(min(count, 28), 0, -1))
        rows.extend(f"{month}-01" for _ in range(max(0, count - 28)))
    return rows


def test_a_listing_that_fits_stays_one_part():
    rows = _dated(("2026-03", 5), ("2025-12", 3))
    parts = split_by_period(rows, lambda iso: iso, 8)
    assert [(part.key, len(part.rows)) for part in parts] == [("all", 8)]


def test_a_long_listing_is_cut_by_year_then_month_then_numbered_parts_newest_first():
    rows = _dated(("2026-03", 25), ("2026-02", 3), ("2025-11", 4), ("2024-05", 2)) + ["", ""]
    parts = split_by_period(rows, lambda iso: iso, 10)
    assert [(part.key, part.label, len(part.rows)) for part in parts] == [
        ("2026-03", "March 2026, part 1 of 3", 9),
        ("2026-03-2", "March 2026, part 2 of 3", 9),
        ("2026-03-3", "March 2026, part 3 of 3", 7),
        ("2026-02", "February 2026", 3),
        ("2024-2025", "2024 to 2025", 6),  # whole years that fit together are one part
        ("undated", "Undated", 2),
    ]
    assert [row for part in parts for row in part.rows] == rows  # nothing lost, nothing repeated, order kept
    assert all(len(part.rows) <= 10 for part in parts)


def test_year_only_dates_of_a_cut_year_get_a_part_of_their_own():
    rows = _dated(("2026-03", 6)) + ["2026"] * 6
    parts = split_by_period(rows, lambda iso: iso, 8)
    assert [(part.key, part.label) for part in parts] == [("2026-03", "March 2026"), ("2026-year", "2026 (known only to the year)")]


def test_names_are_cut_by_first_letter_with_others_last():
    names = ["Zed", "alpha", "Amber", "Bo", "Émile", "3M", "Avery"]
    parts = split_by_letter(names, lambda name: name, 3)
    assert [(part.key, part.label, part.rows) for part in parts] == [
        ("a", "A", ("alpha", "Amber", "Avery")),
        ("b", "B", ("Bo",)),
        ("e", "E", ("Émile",)),  # filed under its letter without the accent
        ("z", "Z", ("Zed",)),
        ("other", "Other", ("3M",)),
    ]


def test_navigation_links_the_neighbours_and_marks_the_part_shown():
    parts = split_by_period(_dated(("2026-03", 3), ("2026-02", 3), ("2026-01", 3)), lambda iso: iso, 8)
    middle = part_navigation(parts, 1, lambda part: part.key + ".md")
    assert middle["newer"] == {"label": "March 2026", "href": "2026-03.md", "word": "Newer"}
    assert middle["older"] == {"label": "January 2026", "href": "2026-01.md", "word": "Older"}
    assert [link["current"] for group in middle["part_groups"] for link in group["links"]] == [False, True, False]
    assert part_navigation(parts, 2, lambda part: part.key)["older"] is None


def test_years_are_joined_only_while_they_fit_together():
    rows = _dated(("2026-01", 3), ("2025-01", 3), ("2024-01", 3), ("2023-01", 3))
    parts = split_by_period(rows, lambda iso: iso, 7)
    assert [(part.key, part.label, len(part.rows)) for part in parts] == [
        ("2025-2026", "2025 to 2026", 6), ("2023-2024", "2023 to 2024", 6),
    ]


def test_part_links_read_a_line_per_year():
    rows = _dated(("2026-03", 5), ("2026-02", 5), ("2025-12", 5)) + ["2019-05-01"]
    parts = split_by_period(rows, lambda iso: iso, 5)
    groups = part_groups(parts, lambda part: part.key + ".md", "2026-02")
    assert [(group["year"], [link["label"] for link in group["links"]]) for group in groups] == [
        ("2026", ["March", "February"]), ("", ["2025", "2019"]),  # whole years share a line
    ]
    assert [link["current"] for link in groups[0]["links"]] == [False, True]


def test_an_organisation_page_shows_the_sentences_of_the_first_articles_up_to_the_limit(tmp_path):
    from generator.cli import main
    from helpers import many_seeds, new_project
    import json

    root = new_project(tmp_path / "p", (), many_seeds(24))
    (root / "briefing.yml").write_text("site:\n  listing_limit: 2\nentities:\n  ner_model: ''\n", encoding="utf-8")
    assert main(["-C", str(root), "generate"]) == 0
    export = json.loads((root / "docs_src" / "briefing.json").read_text(encoding="utf-8"))
    shared = max(export["organisations"], key=lambda entry: len(entry["articles"]))  # a company in 8 articles
    assert len(shared["articles"]) > 2
    page = (root / "docs_src" / shared["url"].replace(".html", ".md")).read_text(encoding="utf-8")
    assert page.count("\n### [") == 2
    assert f"The sentences of 2 of {len(shared['articles'])} articles are shown" in page
