"""The one straight-line orchestrator: read and analyse every seed, link the corpus, then write the pages."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from generator.publish.changes import (
    changes_from_json, changes_to_json, contents_from_json, contents_to_json, find_changes, find_moved,
    find_moved_stories, list_contents, moved_from_json, moved_stories_to_json, moved_to_json, stories_from_json,
    story_contents,
)
from generator.analyse.cache import AnalysisCache, CachedAnalysis, LineSetCache, seed_key
from generator.read.clean import LineSet, clean_text, recurring_lines_by_seed, seed_line_set
from generator.analyse.copies import fold_copies
from .config import Config
from generator.analyse.entities import SentenceNames, find_people, recognise_names
from generator.analyse.people import build_people
from generator.analyse.events import build_events, find_dated_sentences
from generator.analyse.tense import tense_reader
from .errors import SourceError
from generator.publish.export import EXPORT_FILE, export_corpus
from generator.analyse.extract import extract_metadata, summarise
from generator.publish.feeds import render_feeds
from generator.publish.handouts import HandoutOptions, build_handouts, render_handouts
from generator.read.ingest import find_seed_files, read_sidecar, read_source, unmatched_sidecar_entries
from generator.read.inputs import analysis_fingerprint, fingerprint_inputs
from generator.analyse.link import link_corpus
from .model import Article, CleanText, Corpus, Event, Organisation, Person, Source, Story
from generator.analyse.organisation_groups import build_organisations
from generator.analyse.organisations import find_organisations
from generator.publish.pages import build_pages
from generator.analyse.parallel import map_in_processes
from .progress import progress
from generator.analyse.quotes import find_quotes
from generator.publish.render import context_digest, make_environment, make_html_environment, render_pages
from generator.publish.site import ProjectPaths
from generator.analyse.stories import cluster_stories
from .text import article_id as make_article_id, with_distinct_ids
from generator.analyse.topics import score_topics
from generator.publish.write import (
    INPUTS_KEY, WriteReport, content_digest, files_as_recorded, read_manifest, read_record, write_files,
    write_whole_folder,
)

logger = logging.getLogger(__name__)

_PARALLEL_ANALYSIS_FROM = 200  # seeds to analyse before a second process pays for itself


@dataclass(frozen=True)
class Analysis:
    """Everything learned from the seeds, before anything is written."""

    corpus: Corpus
    cleaned: tuple[CleanText, ...]
    problems: tuple[SourceError, ...]  # seeds that could not be used, one error each


def analyse_article(clean: CleanText, config: Config, names: SentenceNames | None = None) -> Article:
    """Turn one cleaned seed into an article: metadata, summary, topics with evidence, a stable id."""
    meta = extract_metadata(clean, config)
    scored_title = meta.title if meta.title_origin in ("headline", "front matter") else None
    topics = score_topics(
        scored_title, clean.paragraphs, config, clean.source.metadata.get("topics"), clean.source.path
    )
    # The id (and so the URL) comes from the title plus a digest of the seed's file name: readable, and stable
    # when other seeds come and go.
    article_id = make_article_id(meta.title, clean.source.path)
    mentions = find_people(clean.paragraphs, config, meta.author, names)
    return Article(
        id=article_id,
        source_path=clean.source.path,
        meta=meta,
        summary=summarise(clean.paragraphs, meta.title),
        paragraphs=clean.paragraphs,
        topics=topics,
        removed=clean.removed,
        dated=find_dated_sentences(clean.paragraphs, meta.date, tense_reader(config.entities.ner_model)),
        mentions=mentions,
        quotes=find_quotes(clean.paragraphs, mentions, config),
        organisations=find_organisations(
            clean.paragraphs, config, meta.outlet, names, [mention.name for mention in mentions]
        ),
    )


def analyse_project(paths: ProjectPaths, config: Config) -> Analysis:
    """Read every seed, clean and analyse it, and link the corpus; a bad seed is reported and skipped.

    Every warning logged meanwhile is counted, so the closing line's "problem(s)" is the number a user is shown.
    """
    with _collected_warnings() as warned:
        started = time.perf_counter()
        analysis, seed_count, from_cache = _analyse_seeds(paths, config)
        logger.info(
            "analysed %d seed(s) in %.1f s: %d article(s), %d problem(s); %d seed(s) taken from the cache",
            seed_count, time.perf_counter() - started, len(analysis.corpus.articles), len(warned), from_cache,
        )
    if not seed_count:
        logger.info("%s/ is empty: add article files (.txt, .md or .html), or use `briefing add FILE...`", paths.seeds)
    return analysis


def _analyse_seeds(paths: ProjectPaths, config: Config) -> tuple[Analysis, int, int]:
    """Return the analysis, the number of seed files seen and how many were taken from the cache."""
    problems: list[SourceError] = []

    def report(problem: SourceError) -> None:
        logger.warning("%s", problem)
        problems.append(problem)

    try:
        sidecar = read_sidecar(paths.seeds)
    except SourceError as error:
        report(error)
        sidecar = {}
    sources = []
    seed_files = find_seed_files(paths.seeds)
    for refused in seed_files.refused:
        report(refused)
    for message in unmatched_sidecar_entries(sidecar, [path.relative_to(paths.seeds).as_posix() for path in seed_files.files]):
        logger.warning("%s", message)
    with _stage("read %d seed file(s)", len(seed_files.files)):
        for path in seed_files.files:
            try:
                sources.append(read_source(path, paths.seeds, sidecar))
            except SourceError as error:
                report(error)
            except OSError as error:
                report(SourceError(path.relative_to(paths.seeds).as_posix(), f"cannot be read ({error.strerror}); skipped"))
    cache = AnalysisCache(paths.root, (topic.id for topic in config.topics))
    fingerprint = analysis_fingerprint(paths.root)
    with _stage("cleaned %d seed(s)", len(sources)):
        recurring = recurring_lines_by_seed(sources, config, _line_sets(paths.root, fingerprint, sources, config))
        keys = [seed_key(fingerprint, source, recurring[source.path]) for source in sources]
        cached = {key: cache.load(key, source) for key, source in zip(keys, sources)}
        cleaned = [
            found.clean if (found := cached[key]) else clean_text(source, config, recurring[source.path])
            for key, source in zip(keys, sources)
        ]
    fresh_cleaned = [clean for key, clean in zip(keys, cleaned) if not cached[key]]
    with _stage("recognised names in %d seed(s)", len(fresh_cleaned)), \
            progress(len(fresh_cleaned), "reading names", "seed") as advance:
        names = _recognised_names(fresh_cleaned, config, advance)
    fresh = [
        (key, clean, names.get(clean.source.path)) for key, clean in zip(keys, cleaned) if not cached[key] and clean.paragraphs
    ]
    with _stage("analysed %d seed(s)", len(fresh)), progress(len(fresh), "analysing", "seed") as advance:
        timed = map_in_processes(
            partial(_analyse_many, config, cache), fresh, _analysis_cost, _PARALLEL_ANALYSIS_FROM, advance,
            doing="analysing seeds",
        )
    outcomes = dict(zip((key for key, _, _ in fresh), timed))
    articles = []
    for key, clean in zip(keys, cleaned):
        source = clean.source
        if not clean.paragraphs:
            report(SourceError(
                source.path,
                f"has no article text after cleaning (all {len(clean.removed)} line(s) looked like boilerplate); skipped",
            ))
            continue
        found, seconds = (cached[key], None) if cached[key] else outcomes[key]
        for message in found.warnings:
            logger.warning("%s", message)
        if isinstance(found, _Failure):
            report(SourceError(
                source.path, f"could not be analysed ({found.error}); skipped (please report this seed)"
            ))
            continue
        article = found.article
        logger.debug(
            "seed %s: %s · %d paragraph(s), %d line(s) removed, %d person(s), %d quote(s), %d dated sentence(s)",
            source.path, "from the cache" if seconds is None else f"{seconds * 1000:.0f} ms", len(article.paragraphs),
            len(clean.removed), len(article.mentions), len(article.quotes), len(article.dated),
        )
        articles.append(article)
    cache.prune()
    # Same title and the same short digest: astronomically rare, but two articles must never share a page.
    articles = with_distinct_ids(articles, lambda article: article.source_path)
    with _stage("linked %d article(s)", len(articles)):
        corpus = link_everything(articles, config)
    seed_count = len(seed_files.files) + len(seed_files.refused)
    from_cache = sum(1 for found in cached.values() if found)
    return Analysis(corpus=corpus, cleaned=tuple(cleaned), problems=tuple(problems)), seed_count, from_cache


@contextmanager
def _stage(what: str, count: int) -> Iterator[None]:
    """Log how long a stage took (shown with -v)."""
    started = time.perf_counter()
    yield
    logger.debug("%s in %.2f s", what % count, time.perf_counter() - started)


@dataclass(frozen=True)
class _Failure:
    """A seed whose analysis raised: the error, and what it warned before."""

    error: str
    warnings: tuple[str, ...]


def _analyse_many(
    config: Config, cache: AnalysisCache, items: Sequence[tuple[str, CleanText, SentenceNames | None]]
) -> list[tuple[CachedAnalysis | _Failure, float]]:
    """Analyse cleaned seeds one by one and cache each analysis (in whichever process runs this); their warnings
    are held back and returned, so every process reports them alike, in seed order. Each comes with its seconds."""
    outcomes: list[tuple[CachedAnalysis | _Failure, float]] = []
    for key, clean, names in items:
        started = time.perf_counter()
        with _withheld_warnings() as warnings:
            try:
                article = analyse_article(clean, config, names)
            except Exception as error:  # noqa: BLE001 - a bug in one stage must cost one article, not the whole build
                outcomes.append((_Failure(f"{type(error).__name__}: {error}", tuple(warnings)), time.perf_counter() - started))
                continue
        found = CachedAnalysis(clean, article, tuple(warnings))
        outcomes.append((found, time.perf_counter() - started))
        cache.store(key, found)
    return outcomes


def _line_sets(root: Path, fingerprint: str, sources: Sequence[Source], config: Config) -> list[LineSet]:
    """Each seed's line set for finding recurring lines: kept from earlier runs, read for new or changed seeds."""
    kept = LineSetCache(root, fingerprint)
    found = []
    for source in sources:
        lines = kept.get(source)
        if lines is None:
            lines = seed_line_set(source, config)
            kept.put(source, lines)
        found.append(lines)
    kept.save()
    return found


def _analysis_cost(item: tuple[str, CleanText, SentenceNames | None]) -> int:
    return sum(len(paragraph) for paragraph in item[1].paragraphs)


def _recognised_names(
    cleaned: Sequence[CleanText], config: Config, advance: Callable[[int], None]
) -> dict[str, SentenceNames]:
    """The recogniser's names for every article, in one batch (seed path -> names per sentence)."""
    model = config.entities.ner_model
    with_text = [clean for clean in cleaned if clean.paragraphs]
    if not model or not with_text:
        return {}
    found = recognise_names([clean.paragraphs for clean in with_text], model, advance)
    return {clean.source.path: names for clean, names in zip(with_text, found)}


def link_everything(articles: list[Article], config: Config) -> Corpus:
    """Fold copies of one text, link the articles into a corpus, then add who's who, the timeline and the stories."""
    articles, copies = fold_copies(articles)
    corpus = link_corpus(articles, config)
    people = build_people(corpus.articles, config)
    events = build_events(corpus.articles, config)
    stories = cluster_stories(corpus, people, config)
    organisations = build_organisations(corpus.articles, config)
    people_of: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        for article_id in person.article_ids:
            people_of[article_id].append(person)
    organisations_of: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in organisations:
        for article_id in organisation.article_ids:
            organisations_of[article_id].append(organisation)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        events_of[event.article_id].append(event)
    return replace(
        corpus,
        people=people,
        events=events,
        stories=stories,
        story_of={article_id: story for story in stories for article_id in story.article_ids},
        people_of={article_id: tuple(found) for article_id, found in people_of.items()},
        events_of={article_id: tuple(found) for article_id, found in events_of.items()},
        copies=copies,
        organisations=organisations,
        organisations_of={article_id: tuple(found) for article_id, found in organisations_of.items()},
    )


@dataclass(frozen=True)
class _StoryMoves:
    moved: dict[str, Story]  # old story id -> the story now holding most of its seeds
    record: dict[str, Any]  # what the next build compares with


def _moved_stories(corpus: Corpus, record: Mapping[str, Any]) -> _StoryMoves:
    """Compare this build's stories with a folder's record of the previous ones (see changes.find_moved_stories)."""
    current = story_contents(corpus)
    previous = stories_from_json(record.get("stories"))
    remembered = stories_from_json(record.get("moved_stories")) or {}
    moved = find_moved_stories(previous, remembered, current)
    by_id = {story.id: story for story in corpus.stories}
    return _StoryMoves(
        moved={old_id: by_id[new_id] for old_id, new_id in moved.items()},
        record={
            "stories": {story_id: list(seeds) for story_id, seeds in sorted(current.items())},
            "moved_stories": moved_stories_to_json(moved, previous, remembered),
        },
    )


def generate(paths: ProjectPaths, config: Config) -> tuple[Analysis | None, WriteReport]:
    """Analyse the seeds, then write every page, the feeds and `briefing.json` into the docs folder.

    The manifest records what the files were made from (a digest of every seed, of the settings and of this
    program) and which articles the build held. When nothing changed and every file is as written, the run stops
    there, repeating the warnings the seeds gave last time (so `--strict` still fails on them); otherwise only the
    files whose text changed are rewritten.
    """
    # The site's address is an input too: the feeds' links are made from it, and it may come from the environment.
    inputs = {**fingerprint_inputs(paths.root, paths.seeds, paths.mkdocs_file), "site_url": paths.site_url}
    record = read_record(paths.docs)
    unchanged = files_as_recorded(paths.docs) if record.get(INPUTS_KEY) == inputs else None
    if unchanged is not None:
        for message in record.get("warnings") or []:
            logger.warning("%s", message)
        logger.info("nothing changed since the last run: %d file(s) left as they were in %s", len(unchanged), paths.docs)
        return None, WriteReport(written=(), unchanged=unchanged, deleted=())
    with _collected_warnings() as warnings:
        analysis = analyse_project(paths, config)
        contents = list_contents(analysis.corpus)
        previous = contents_from_json(record.get("contents"))
        changes = find_changes(previous, changes_from_json(record.get("changes")), contents)
        moved = find_moved(previous, moved_from_json(record.get("moved")), contents)
        stories = _moved_stories(analysis.corpus, record)
        with _stage("built %d page context(s)", len(analysis.corpus.articles)):
            pages = build_pages(analysis.corpus, config, changes, moved, stories.moved)
        environment = make_environment(paths.root, paths.attr_list, paths.details)
        basis = _render_basis(inputs, paths)
        digests = {page.path: context_digest(page) for page in pages}
        reused = _unchanged_pages(paths.docs, record, basis, digests)
        with _stage(f"rendered %d page(s) ({len(reused)} more unchanged, taken as written)", len(pages) - len(reused)), \
                progress(len(pages), "rendering", "page") as advance:
            files = render_pages(pages, environment, advance, reused)
        generated = {EXPORT_FILE: export_corpus(analysis.corpus, config.site.own_page_articles), **render_feeds(analysis.corpus, config, paths.site_url)}
        for path in generated:
            if path in files:
                raise SourceError(path, "a page would overwrite a file briefing writes itself")
        files.update(generated)
    report = write_files(
        paths.docs,
        files,
        {page.path: page.described for page in pages},
        {
            INPUTS_KEY: inputs,
            "made_from": {page.path: list(page.sources) for page in pages if page.sources},
            "contents": contents_to_json(contents),
            "changes": changes_to_json(changes),
            "moved": moved_to_json(moved),
            **stories.record,
            "warnings": warnings,
            RENDER_BASIS_KEY: basis,
            RENDERED_KEY: {path: digest for path, digest in sorted(digests.items()) if digest},
        },
    )
    logger.info(
        "wrote %d file(s), %d unchanged, %d removed in %s",
        len(report.written),
        len(report.unchanged),
        len(report.deleted),
        paths.docs,
    )
    for path in report.written:
        logger.debug("wrote %s", path)
    for path in report.deleted:
        logger.debug("removed %s", path)
    return analysis, report


RENDER_BASIS_KEY = "render_basis"  # what every page's text depends on besides its context
RENDERED_KEY = "rendered"  # path -> digest of the context the page was last rendered from


def _render_basis(inputs: Mapping[str, Any], paths: ProjectPaths) -> str:
    """What a page's text depends on besides its context: the settings and templates, this program, the
    Markdown extensions the templates adapt to."""
    return f"{inputs['settings']}:{inputs['program']}:{int(paths.attr_list)}{int(paths.details)}"


def _unchanged_pages(
    docs: Path, record: Mapping[str, Any], basis: str, digests: Mapping[str, str | None]
) -> dict[str, str]:
    """The pages rendered last time from the same context with the same templates, with the text on disk: still
    exactly what was written then (its digest in the manifest), so a hand-edited page is never taken as generated.
    Nothing is reused after an interrupted run (its record has no inputs): its files and record may disagree."""
    if INPUTS_KEY not in record or record.get(RENDER_BASIS_KEY) != basis:
        return {}
    before = record.get(RENDERED_KEY) or {}
    written = read_manifest(docs)
    reused = {}
    for path, digest in digests.items():
        if digest is None or before.get(path) != digest or path not in written:
            continue
        try:
            data = (docs / path).read_bytes()
        except OSError:
            continue
        if content_digest(data) == written[path]:
            reused[path] = data.decode("utf-8")
    return reused


@contextmanager
def _withheld_warnings() -> Iterator[list[str]]:
    """Collect the warnings logged meanwhile instead of reporting them (the caller reports them, in seed order)."""
    package_logger = logging.getLogger(__package__)
    handlers, propagate = package_logger.handlers[:], package_logger.propagate
    package_logger.handlers[:], package_logger.propagate = [], False
    try:
        with _collected_warnings() as warnings:
            yield warnings
    finally:
        package_logger.handlers[:], package_logger.propagate = handlers, propagate


@contextmanager
def _collected_warnings() -> Iterator[list[str]]:
    """Collect the warnings logged meanwhile, so a later run on the same input can repeat them."""
    collected: list[str] = []

    class _Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            collected.append(record.getMessage())

    handler = _Collector(logging.WARNING)
    package_logger = logging.getLogger(__package__)
    package_logger.addHandler(handler)
    try:
        yield collected
    finally:
        package_logger.removeHandler(handler)


def make_handouts(paths: ProjectPaths, config: Config, options: HandoutOptions) -> tuple[Analysis, WriteReport]:
    """Analyse the seeds, then write one self-contained HTML handout per topic and story into handouts/.

    The handouts folder remembers its stories as the docs folder does, so a story handout whose name changed is
    listed on the index with the name it has now.
    """
    analysis = analyse_project(paths, config)
    stories = _moved_stories(analysis.corpus, read_record(paths.handouts))
    with _stage("built %d handout context(s)", len(analysis.corpus.topics) + len(analysis.corpus.stories)):
        pages = build_handouts(analysis.corpus, config, options, stories.moved)
    with _stage("rendered %d handout(s)", len(pages)), progress(len(pages), "rendering handouts", "file") as advance:
        files = render_handouts(pages, make_html_environment(paths.root), advance)
    report = write_whole_folder(paths.handouts, files, stories.record)
    logger.info(
        "handouts: %d written, %d unchanged, %d removed in %s",
        len(report.written),
        len(report.unchanged),
        len(report.deleted),
        paths.handouts,
    )
    return analysis, report
