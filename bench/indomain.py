"""Measure titles, outlets, dates, furniture, tables, people and topics on the labelled in-domain pages.

    python bench/indomain.py [CORPORA] [--show]       (also printed by bench/quality.py)

`in-domain/` holds pages as users paste them from the outlets they read, each labelled in `LABELS.yaml` (see its
README). They are copied into a fresh project made by `briefing init` and analysed by the real `analyse_project`,
with the shipped configuration, as `briefing generate` would. Text is compared after folding case and spacing.
- title: the article's title is the labelled headline (acronyms aside: all-caps headlines are re-cased);
- furniture left: a labelled furniture line that is still in the body (a paragraph or one line of one, or, for a
  line of five words or more, inside a paragraph); counted apart, the labelled lines shown as the standfirst in
  italics under the headline (the labels count an outlet's standfirst as furniture; the page shows it as such);
- body kept: the labelled first and last words of the body are in the cleaned body;
- outlet: the article's outlet is the labelled one, over the pages that show one;
- date: the publication date is the labelled one, over the pages that show one; "invented" counts a date on a page
  that shows none;
- table rows kept: a labelled row's words are in the body in order; on its own line: a line of the body has the
  row's cells (split on runs of two or more spaces, tabs or pipes);
- people and organisations: the labelled name is a person (organisation) the article is linked to;
- topics: micro precision and recall against `expected_topics`, a `secondary_mentions` topic being neither a hit
  nor a false alarm;
- by kind: for each rule of the cleaning report, the removed lines the labels call furniture, and the others (a
  line of the article lost; the headline printed again does not count).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.cli import main as briefing  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.pipeline import analyse_project  # noqa: E402
from generator.publish.site import project_paths  # noqa: E402

_CELL_GAP = re.compile(r"\s{2,}|\t|\s*\|\s*")


def folded(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _in_order(haystack: list[str], needle: list[str]) -> bool:
    return bool(needle) and f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def cells(line: str) -> list[str]:
    return [folded(cell) for cell in _CELL_GAP.split(line.strip().strip("|")) if cell.strip() and set(cell.strip()) - set("-:")]


def tally_table_rows(rows: list[str], paragraphs: tuple[str, ...], counts: dict, problems: list[str]) -> None:
    """Count the labelled table rows kept (their words in order in the body) and kept on a line of their own."""
    body_words = _words(" ".join(paragraphs))
    body_cells = [cells(line) for paragraph in paragraphs for line in paragraph.split("\n")]
    for row in rows:
        if not cells(row):
            continue  # a Markdown table's |---|---| rule: no row of data
        counts["rows"] += 1
        counts["rows_kept"] += _in_order(body_words, _words(row))
        own_line = cells(row) in body_cells
        counts["rows_own_line"] += own_line
        if not own_line:
            problems.append(f"table row not on its own line: {row.strip()[:60]!r}")


def measure_in_domain(folder: Path, show: bool = False) -> dict[str, float]:
    """Analyse the labelled pages in one fresh project and count what the labels say should be."""
    labels = yaml.safe_load((folder / "LABELS.yaml").read_text(encoding="utf-8"))["files"]
    counts: dict[str, float] = {key: 0 for key in (
        "pages", "title", "furniture", "furniture_left", "furniture_standfirst", "body_ends", "body_ends_kept", "outlet_shown", "outlet",
        "date_shown", "date", "date_invented", "rows", "rows_kept", "rows_own_line", "people", "people_found",
        "organisations", "organisations_found", "topic_hits", "topic_misses", "topic_false", "facts", "facts_right",
        "not_people_listed", "organisations_unlabelled")}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "project"
        logging.disable(logging.CRITICAL)
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # init lists the files it made
                briefing(["-q", "init", str(root)])
            for entry in labels:
                shutil.copy(folder / entry["file"], root / "seeds" / entry["file"])
            started = time.perf_counter()
            analysis = analyse_project(project_paths(root), load_config(root))
            counts["seconds"] = time.perf_counter() - started
        finally:
            logging.disable(logging.NOTSET)
    articles = {article.source_path: article for article in analysis.corpus.articles}
    kinds: dict[str, list[int]] = {}  # rule -> [labelled furniture lines it removed, other lines it removed]
    for entry in labels:
        article = articles.get(entry["file"])
        problems: list[str] = []
        counts["pages"] += 1
        if article is None:
            print(f"{entry['file']}: no article", file=sys.stderr)
            continue
        paragraphs = [folded(paragraph) for paragraph in article.paragraphs]
        lines = {folded(line) for paragraph in article.paragraphs for line in paragraph.split("\n")}
        body = " ".join(paragraphs)
        if folded(article.meta.title) == folded(entry["title"]):
            counts["title"] += 1
        else:
            problems.append(f"title {article.meta.title!r}")
        furniture = {folded(line) for line in entry.get("boilerplate_lines") or []}
        for removed in article.removed:
            text = folded(removed.text)
            if text == folded(entry["title"]) or removed.rule.startswith("repeated"):
                continue  # the headline printed again
            tally = kinds.setdefault(removed.rule, [0, 0])
            if text in furniture:
                tally[0] += 1
            else:
                tally[1] += 1
                problems.append(f"[{removed.rule}] removed a line of the article: {removed.text[:60]!r}")
        shown = folded(article.meta.standfirst)
        for line in entry.get("boilerplate_lines") or []:
            counts["furniture"] += 1
            text = folded(line)
            if text in lines or (len(text.split()) >= 5 and any(text in paragraph for paragraph in paragraphs)):
                counts["furniture_left"] += 1
                problems.append(f"furniture left: {line[:70]!r}")
            elif shown and (text == shown or (len(text.split()) >= 3 and text in shown)):
                counts["furniture_standfirst"] += 1
        for key in ("body_first_words", "body_last_words"):
            if entry.get(key):
                counts["body_ends"] += 1
                if folded(entry[key]) in body:
                    counts["body_ends_kept"] += 1
                else:
                    problems.append(f"{key} lost")
        if entry.get("outlet"):
            counts["outlet_shown"] += 1
            if folded(article.meta.outlet) == folded(entry["outlet"]):
                counts["outlet"] += 1
            else:
                problems.append(f"outlet {article.meta.outlet!r}, not {entry['outlet']!r}")
        labelled_date = str(entry["publication_date"])[:10] if entry.get("publication_date") else None
        if labelled_date:
            counts["date_shown"] += 1
            if article.meta.date == labelled_date:
                counts["date"] += 1
            else:
                problems.append(f"date {article.meta.date}, not {labelled_date}")
        elif article.meta.date:
            counts["date_invented"] += 1
            problems.append(f"date {article.meta.date} on a page that shows none")
        tally_table_rows([row for table in entry.get("tables") or [] for row in table], article.paragraphs, counts,
                         problems)
        people = {folded(person.name) for person in analysis.corpus.people if article.id in person.article_ids}
        people |= {folded(alias) for person in analysis.corpus.people if article.id in person.article_ids
                   for alias in person.aliases}
        for person in entry.get("people") or []:
            counts["people"] += 1
            counts["people_found"] += folded(person["name"]) in people
            if show and folded(person["name"]) not in people:
                problems.append(f"person missed: {person['name']!r}")
        listed = {folded(name) for person in analysis.corpus.people for name in (person.name, *person.aliases)}
        for name in entry.get("not_people") or []:
            if folded(name) in listed:
                counts["not_people_listed"] += 1
                problems.append(f"not a person, listed as one: {name!r}")
        for fact in entry.get("dated_facts") or []:
            counts["facts"] += 1
            wanted = str(fact["date"]) if fact.get("date") is not None else None
            got = _fact_dates(article, fact["sentence_fragment"])
            if (wanted in got) if wanted else not got:
                counts["facts_right"] += 1
            else:
                problems.append(f"dated fact {fact['sentence_fragment']!r}: {sorted(got) or 'no date'}, not {wanted}")
        organisations = {folded(name) for organisation in analysis.corpus.organisations
                         if article.id in organisation.article_ids for name in (organisation.name, *organisation.aliases)}
        labelled = {folded(name) for name in entry.get("organisations") or []}
        counts["organisations_unlabelled"] += sum(
            1 for organisation in analysis.corpus.organisations if article.id in organisation.article_ids
            and not labelled & {folded(name) for name in (organisation.name, *organisation.aliases)})
        for name in entry.get("organisations") or []:
            counts["organisations"] += 1
            counts["organisations_found"] += folded(name) in organisations
            if show and folded(name) not in organisations:
                problems.append(f"organisation missed: {name!r}")
        wanted, found = set(entry.get("expected_topics") or []), set(article.topic_ids)
        allowed = wanted | set(entry.get("secondary_mentions") or [])
        counts["topic_hits"] += len(wanted & found)
        counts["topic_misses"] += len(wanted - found)
        counts["topic_false"] += len(found - allowed)
        if show and (wanted - found or found - allowed):
            problems.append(f"topics missed {sorted(wanted - found)}, wrong {sorted(found - allowed)}")
        if show and article.meta.standfirst:
            problems.append(f"standfirst {article.meta.standfirst[:90]!r}")
        if show and problems:
            print(f"{entry['file']}: " + "; ".join(problems), file=sys.stderr)
    counts["kinds"] = kinds  # type: ignore[assignment]
    return counts


def _fact_dates(article, fragment: str) -> set[str]:
    """The dates resolved from the expressions inside a labelled fragment of the article's text."""
    wanted = " ".join(fragment.split())
    values: set[str] = set()
    for dated in article.dated:
        sentence = " ".join(dated.sentence.split())
        where = sentence.find(wanted)
        if where < 0:
            continue
        for mention in dated.mentions:
            if mention.value and mention.start < where + len(wanted) and where < mention.end:
                values.add(mention.value)
    return values


def _share(part: float, whole: float) -> str:
    return f"{part:.0f}/{whole:.0f} ({100 * part / whole:.0f}%)" if whole else "n/a"


def print_in_domain_table(counts: dict[str, float]) -> None:
    hits, misses, false = counts["topic_hits"], counts["topic_misses"], counts["topic_false"]
    precision = hits / (hits + false) if hits + false else 0.0
    recall = hits / (hits + misses) if hits + misses else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"| in-domain ({counts['pages']:.0f} pages) | measured | must reach |")
    print("|---|---|---|")
    rows = [
        ("titles equal to the headline", _share(counts["title"], counts["pages"]), "≥ 95%"),
        ("furniture lines left in bodies", _share(counts["furniture_left"], counts["furniture"]), "≤ 5%"),
        ("… and shown as the standfirst under the headline (a standfirst the labels count as furniture)",
         _share(counts["furniture_standfirst"], counts["furniture"]), ""),
        ("body first/last words kept", _share(counts["body_ends_kept"], counts["body_ends"]), "all"),
        ("outlet read where the page shows one", _share(counts["outlet"], counts["outlet_shown"]), "≥ 90%"),
        ("publication dates read (and invented where none is shown)",
         f"{_share(counts['date'], counts['date_shown'])} ({counts['date_invented']:.0f} invented)", "all (0)"),
        ("table rows kept / each on its own line",
         f"{_share(counts['rows_kept'], counts['rows'])} / {_share(counts['rows_own_line'], counts['rows'])}",
         "100% / 100%"),
        ("labelled people found", _share(counts["people_found"], counts["people"]), "≥ 95%"),
        ("labelled organisations found (fullest form)",
         _share(counts["organisations_found"], counts["organisations"]), "≥ 90%"),
        ("organisations listed that the labels do not name (places, events, people among them)",
         f"{counts['organisations_unlabelled']:.0f}", ""),
        ("names the labels call not people, listed as people", f"{counts['not_people_listed']:.0f}", "0"),
        ("dated facts right (the labelled date, or none where the text allows none)",
         _share(counts["facts_right"], counts["facts"]), "≥ 90%"),
        ("topics: precision / recall / F1 (negatives tagged)",
         f"{precision:.2f} / {recall:.2f} / {f1:.2f} ({counts['topic_false']:.0f})", "F1 ≥ 0.95 (0)"),
        ("analysis time (clean … link, cold)", f"{counts['seconds']:.1f} s", ""),
    ]
    for label, measured, target in rows:
        print(f"| {label} | {measured} | {target} |")
    print()
    kinds = counts["kinds"]
    print("| kind of furniture (the cleaning report's rule) | labelled furniture lines removed | other lines removed |")
    print("|---|---:|---:|")
    for kind, (right, wrong) in sorted(kinds.items(), key=lambda item: (-item[1][0], item[0])):
        print(f"| {kind} | {right} | {wrong} |")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="?", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--show", action="store_true", help="print each page's failures to stderr")
    options = parser.parse_args(argv)
    folder = options.corpora / "in-domain"
    if not (folder / "LABELS.yaml").is_file():
        parser.error(f"{folder}: no LABELS.yaml (give the folder holding in-domain/)")
    print_in_domain_table(measure_in_domain(folder, options.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
