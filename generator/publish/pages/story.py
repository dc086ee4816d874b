"""A story's page: the sources on one event side by side, what they agree on, what one alone says, checkable
claims and differing figures, with a sources × facts matrix and when each published (the story handout too)."""

from __future__ import annotations

from typing import Any, Mapping

from markupsafe import Markup

from generator.model import Corpus, Story
from generator.publish import charts
from generator.text import shown_name
from generator.publish.paths import article_path, front_matter, source_label


def story_context(story: Story, corpus: Corpus) -> dict[str, Any]:
    """Return the context of one story page: sources side by side, agreement, single-source details, claims."""
    members = [corpus.article(article_id) for article_id in story.article_ids]
    letters = {article.id: _letter(index) for index, article in enumerate(members)}

    def cite(article_id: str) -> dict[str, Any]:
        article = corpus.article(article_id)
        return {"letter": letters[article_id], "href": Markup("../" + article_path(article_id)), "source": source_label(article)}

    return {
        "front_matter": front_matter(story.title, f"{len(members)} sources on one event"),
        "title": story.title,
        "sources": [
            {
                **cite(article.id),
                "outlet": article.meta.outlet or "unknown outlet",
                "date": article.meta.date or "undated",
                "title": article.meta.title,
                "seed": shown_name(article.source_path),
            }
            for article in members
        ],
        "shared": [
            {
                "count": len(fact.sentences),
                "of": len(members),
                "sentences": [{**cite(c.article_id), "sentence": c.sentence} for c in fact.sentences],
            }
            for fact in story.shared
        ],
        "single": [{**cite(c.article_id), "sentence": c.sentence} for c in story.single_source],
        "claims": [
            {
                "kind": claim.kind,
                "value": claim.value,
                "by": [cite(article_id) for article_id in claim.article_ids],
                "status": "all sources" if len(claim.article_ids) == len(members) else (
                    "single source" if len(claim.article_ids) == 1 else f"{len(claim.article_ids)} of {len(members)} sources"
                ),
                "missing": [cite(article.id) for article in members if article.id not in claim.article_ids],
            }
            for claim in story.claims
        ],
        "differences": [
            {
                "values": [{**cite(article_id), "value": value} for article_id, value in difference.values],
                "sentences": [{**cite(c.article_id), "sentence": c.sentence} for c in difference.fact.sentences],
            }
            for difference in story.differences
        ],
        **story_charts(story, corpus, letters),
        "stories_index": Markup("index.md"),
    }


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"S{index + 1}"


def story_charts(story: Story, corpus: Corpus, letters: Mapping[str, str]) -> dict[str, Markup | None]:
    """A sources × facts matrix (facts several report, then checkable claims, then details one source alone
    gives, up to MAX_MATRIX_COLUMNS; differing figures marked) and when each source published."""
    rows = [
        (letters[article_id], f"{letters[article_id]}: {source_label(corpus.article(article_id))}") for article_id in story.article_ids
    ]
    row_of = {article_id: index for index, article_id in enumerate(story.article_ids)}
    columns: list[tuple[str, str]] = []
    cells: set[tuple[int, int]] = set()
    differing: set[tuple[int, int]] = set()
    for fact in story.shared:
        column = len(columns)
        columns.append((f"fact {column + 1}", fact.sentences[0].sentence))
        cells.update((row_of[article_id], column) for article_id in fact.article_ids if article_id in row_of)
        for difference in story.differences:
            if difference.fact == fact:
                differing.update((row_of[article_id], column) for article_id, _ in difference.values if article_id in row_of)
    for claim in story.claims:
        if len(columns) >= charts.MAX_MATRIX_COLUMNS:
            break
        column = len(columns)
        columns.append((claim.value, f"{claim.kind}: {claim.value}"))
        cells.update((row_of[article_id], column) for article_id in claim.article_ids if article_id in row_of)
    for number, citation in enumerate(story.single_source, start=1):
        if len(columns) >= charts.MAX_MATRIX_COLUMNS:
            break
        if citation.article_id in row_of:
            cells.add((row_of[citation.article_id], len(columns)))
            columns.append((f"detail {number}", citation.sentence))
    published = [
        (corpus.article(article_id).meta.date, row)
        for article_id, (_, row) in zip(story.article_ids, rows)
        if corpus.article(article_id).meta.date
    ]
    return {
        "matrix_chart": charts.matrix("chart-matrix", "Which source reports which fact", rows, columns, cells, differing),
        "published_chart": charts.events_on_axis(
            "chart-published", "When each source published", published,
            {row: charts.PALETTE[index % len(charts.PALETTE)] for index, (_, row) in enumerate(rows)}, None, unit="article",
        ),
    }
