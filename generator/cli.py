"""The `briefing` command: argument parsing, progress and exit codes — no logic of its own."""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

from generator import __version__
from generator.read.add import add_seeds
from .config import load_config
from .errors import BriefingError
from generator.publish.handouts import PAPER_SIZES, HandoutOptions
from .pipeline import analyse_project, generate, make_handouts
from generator.publish.scaffold import index_spec, init_project, installed_spec, is_safe_spec
from .progress import bar_active, show_progress, write_above
from generator.publish.site import (
    build_offline_site, build_site, check_address, project_paths, require_project, serve_site,
)
from .text import TERMINAL_UNSAFE, shorten
from generator.publish.write import project_lock

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl-C
MAX_MESSAGE_CHARS = 600  # a message is read by a person: a 10,000-character title is cut
_TITLE_SHOWN = 100  # characters of a title in `check`'s lines
logger = logging.getLogger("generator")


class _CountingHandler(logging.StreamHandler):
    """Print log records as one line each on stderr and count warnings, so `--strict` can fail on them."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.problems: list[str] = []
        self.echo_problems = True  # `check` prints its own list on stdout instead
        self.setFormatter(logging.Formatter("%(levelname_lower)s: %(message)s"))

    @property
    def warnings(self) -> int:
        return len(self.problems)

    def emit(self, record: logging.LogRecord) -> None:
        record.levelname_lower = record.levelname.lower()
        # One line per message, whatever a file name or a seed's text holds (newlines, terminal escapes).
        record.msg, record.args = _one_line(record.getMessage()), None
        if record.levelno >= logging.WARNING:
            self.problems.append(record.msg)
            if not self.echo_problems:
                return
        if bar_active():
            write_above(self.format(record))
        else:
            super().emit(record)


def _one_line(message: str) -> str:
    """Return a message as one printable line of bounded length, whatever a file name or a seed's text holds."""
    line = TERMINAL_UNSAFE.sub("?", " ".join(message.split()))
    return line if len(line) <= MAX_MESSAGE_CHARS else line[: MAX_MESSAGE_CHARS - 1] + "…"


def _print(line: str) -> None:
    """Print a result line on stdout with the same guarantees as a message (no newline, escape or bidi override)."""
    print(TERMINAL_UNSAFE.sub("?", line.replace("\n", " ").replace("\t", " ")))


def _common_options() -> argparse.ArgumentParser:
    # A fresh parser per use: argparse shares option objects with parents, so one instance would share defaults.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-C", dest="project", metavar="DIR", default=argparse.SUPPRESS, help="project folder (default: .)")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="say more")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="only warnings and errors")
    return common


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of news articles (seeds/) into a cross-linked, searchable briefing site.",
        parents=[_common_options()],
    )
    parser.set_defaults(project=".", verbose=0, quiet=False)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    init = commands.add_parser(
        "init", parents=[_common_options()], help="make a new briefing repository that builds as it is, here and in CI",
        description="Write mkdocs.yml, briefing.yml (default taxonomy), seeds/, docs_src/about.md, .gitignore, "
                    "README.md and .github/workflows/briefing.yml (builds and publishes to GitHub Pages).")
    init.add_argument("directory", metavar="DIR", help="folder to create the project in")
    init.add_argument("--repair", action="store_true",
                      help="add only the files missing from an existing project; never change one that exists")
    init.add_argument("--install", metavar="SPEC",
                      help="what the workflow installs the tool with, e.g. git+https://github.com/OWNER/REPO@TAG "
                           "(default: the tool as it is installed here)")
    init.add_argument("--site-url", metavar="URL",
                      help="the address the site is published at, into mkdocs.yml (default: the workflow passes the "
                           "GitHub Pages address)")
    add = commands.add_parser(
        "add", parents=[_common_options()], help="copy article files into seeds/ under safe names, skipping duplicates",
        description="Copy .txt, .md or .html files into seeds/ under safe file names. A file whose article text is "
                    "already a seed is reported as a duplicate and not added.")
    add.add_argument("files", nargs="+", metavar="FILE", help="article files to add")
    commands.add_parser("generate", parents=[_common_options()], help="write Markdown pages and briefing.json into docs_src/",
                        description="Read seeds/, clean and analyse every article, write the pages into the MkDocs docs_dir.")
    build = commands.add_parser("build", parents=[_common_options()], help="generate, then build the site with MkDocs",
                                description="Generate the pages, then run `mkdocs build` into site/ (site/briefing.json included).")
    build.add_argument("--strict", action="store_true", help="fail (exit 1) on any problem with a seed or a broken link")
    build.add_argument("--offline", action="store_true",
                       help="build for file:// into site-offline/ (search works with no network) and zip it")
    serve = commands.add_parser("serve", parents=[_common_options()], help="live preview that regenerates when a seed changes",
                                description="Generate, serve the site locally, and regenerate (only the pages that change) whenever seeds/, briefing.yml or site_templates/ change.")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help="address to serve on")
    serve.add_argument("--dirty", action="store_true",
                       help="rebuild only the HTML of pages whose Markdown changed (fast at thousands of articles; "
                            "the preview's search then covers only those pages)")
    commands.add_parser("check", parents=[_common_options()], help="validate seeds and config; -v lists every removed line",
                        description="Report every seed with its title, date and topics, and every problem; exit 1 on errors. "
                                    "With -v, the cleaning report: each removed line and the rule that removed it.")
    handouts = commands.add_parser(
        "handouts", parents=[_common_options()], help="write one self-contained HTML file per topic and story",
        description="Write handouts/<topic>.html, handouts/story-<id>.html and handouts/index.html: single files "
                    "that open and print with no network (CSS inlined, no script, nothing fetched).")
    handouts.add_argument("--brief", action="store_true", help="summaries only, without the articles' text")
    handouts.add_argument("--paper", choices=sorted(PAPER_SIZES), default="auto",
                          help="page size when printed (default: auto, the printer's A4 or Letter)")
    handouts.add_argument("--max-articles", type=_non_negative, default=30, metavar="N",
                          help="a topic handout carries its N newest articles (default 30; 0 = all)")
    handouts.add_argument("--strict", action="store_true", help="fail (exit 1) on any problem with a seed")
    return parser


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def build_date() -> datetime.date:
    """Return today's date, or the date of SOURCE_DATE_EPOCH when set, so a build can be reproduced exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    return datetime.date.today()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    handler = _CountingHandler()
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO)
    show_progress(sys.stderr.isatty() and not args.quiet)
    root = Path(args.project)
    try:
        if args.command == "init":
            if not root.is_dir():
                require_project(root)  # says that the -C folder does not exist
            return _init(root / args.directory, args.repair, args.install, args.site_url)
        paths = project_paths(root)
        config = load_config(root, paths.site_name)
        if args.command == "check":
            handler.echo_problems = False
            return _check(paths, config, args.verbose, handler.problems)
        if args.command == "add":
            with project_lock(root):
                return _add(paths, args.files)
        if args.command == "serve":
            check_address(args.dev_addr)  # before generating: a taken port should not cost a whole generate
            with project_lock(root):
                generate(paths, config)

            def regenerate() -> None:
                with project_lock(root):
                    generate(paths, load_config(root, project_paths(root).site_name))

            serve_site(
                paths, regenerate, args.dev_addr, [paths.seeds, root / "briefing.yml", root / "site_templates"], args.dirty
            )
            return EXIT_OK
        with project_lock(root):
            return _write_command(args, paths, config, handler)
    except BriefingError as error:
        logger.error("%s", error)
        return EXIT_PROBLEMS
    except FileExistsError as error:
        logger.error("%s", error)
        return EXIT_USAGE
    except OSError as error:  # a folder or file the system refuses: say which, in one line
        where = f"{error.filename}: " if error.filename else ""
        logger.error("%scannot be read or written (%s)", where, error.strerror or error)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        logger.error("interrupted: every generated file holds either its old or its new version; run the command again")
        return EXIT_INTERRUPTED


def _write_command(args: argparse.Namespace, paths, config, handler: _CountingHandler) -> int:
    """Run generate, build or handouts (under the project lock)."""
    if args.command == "generate":
        generate(paths, config)
        return EXIT_OK
    if args.command == "build":
        generate(paths, config)
        if args.strict and handler.warnings:
            logger.error("%d problem(s) with the input; not building under --strict", handler.warnings)
            return EXIT_PROBLEMS
        if args.offline:
            today = build_date()
            archive = build_offline_site(paths, args.strict, (today.year, today.month, today.day))
            logger.info("offline site built in %s (open index.html); zipped as %s", paths.offline_site, archive)
            return EXIT_OK
        build_site(paths, args.strict)
        logger.info("site built in %s", paths.site)
        return EXIT_OK
    if args.command == "handouts":
        options = HandoutOptions(
            built_on=build_date().isoformat(), brief=args.brief, paper=args.paper, max_articles=args.max_articles
        )
        make_handouts(paths, config, options)
        if args.strict and handler.warnings:
            logger.error("%d problem(s) with the input (handouts written without those seeds)", handler.warnings)
            return EXIT_PROBLEMS
        logger.info("handouts in %s: open index.html, or attach any one file", paths.handouts)
        return EXIT_OK
    return EXIT_USAGE


def _add(paths, files: list[str]) -> int:
    """Print one line per file: added (with its new name), duplicate (with the seed it repeats), or the problem."""
    problems = 0
    for addition in add_seeds([Path(name) for name in files], paths.seeds):
        shown = _one_line(str(addition.given))
        if addition.outcome == "added":
            _print(f"added     seeds/{addition.seed} (from {shown})")
        elif addition.outcome == "duplicate":
            _print(f"duplicate {shown}: same text as seeds/{addition.seed}; not added")
        else:
            problems += 1
            logger.error("%s: %s; not added", shown, addition.problem)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _init(target: Path, repair: bool, install: str | None, site_url: str | None) -> int:
    if install is None:  # the tool as it is installed here, or PyPI's version with a line saying why
        found = installed_spec()
        install = found.spec
        if found.note:
            logger.warning("%s", found.note)
        elif not is_safe_spec(install):
            install = index_spec()
            logger.warning("briefing was installed from an address the workflow cannot quote safely; it installs "
                           "%s (`briefing init --install SPEC` chooses another)", install)
    created = init_project(target, repair, install, site_url)
    for path in created:
        _print(str(path))
    if repair and not created:
        logger.info("nothing missing in %s", target)
    logger.info("the workflow installs: %s", install)
    logger.info("project ready: cd %s && briefing build", target)
    return EXIT_OK


def _check(paths, config, verbose: int, problems: list[str]) -> int:
    """Print one line per seed, then every problem the analysis logged; exit 1 when there is any."""
    analysis = analyse_project(paths, config)
    by_source = {article.source_path: article for article in analysis.corpus.articles}
    for clean in analysis.cleaned:
        article = by_source.get(clean.source.path)
        if article:
            meta = article.meta
            _print(
                f"ok      {clean.source.path}: \"{shorten(meta.title, _TITLE_SHOWN)}\" · date {meta.date or 'unknown'} ({meta.date_origin})"
                f" · outlet {meta.outlet or 'unknown'} · topics {', '.join(article.topic_ids) or 'none'}"
                f" · {len(clean.paragraphs)} paragraph(s), {len(clean.removed)} line(s) removed"
            )
        if verbose:
            for numbers, text in zip(clean.header_numbers, clean.header_lines):
                _print(f"        header  {clean.source.path}:{numbers[0]} {text}")
            for removed in clean.removed:
                _print(f"        removed {clean.source.path}:{removed.line_no} [{removed.rule}] {removed.text}")
    for problem in problems:
        _print(f"problem {problem}")
    print(f"{len(analysis.corpus.articles)} article(s), {len(problems)} problem(s)")
    return EXIT_PROBLEMS if problems else EXIT_OK
