"""MkDocs glue: find the project's folders in mkdocs.yml, run `mkdocs build` (online or offline), serve with live
regeneration."""

from __future__ import annotations

import ctypes
import logging
import os
import io
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import yaml

from generator.read.confine import refuse_escapes, refuse_linked_folder
from generator.config import CONFIG_FILE_NAME
from generator.errors import BuildError, ConfigError, ProjectError, yaml_error_position
from generator.read.confine import whole_folder, write_atomically
from generator.publish.search import THEME_DIR, index_site, pagefind_available

logger = logging.getLogger(__name__)

MKDOCS_FILE = "mkdocs.yml"
OFFLINE_SITE = "site-offline"
OFFLINE_ZIP = "site-offline.zip"
HANDOUTS_DIR = "handouts"
# The published address when mkdocs.yml names none: the workflow `briefing init` writes sets it to the GitHub Pages
# address, so the 404 page, the feeds and the sitemap link correctly with no edit; a site_url in mkdocs.yml wins.
SITE_URL_VARIABLE = "BRIEFING_SITE_URL"
# An http(s) address with nothing a YAML or shell string would read as syntax (no quote, space, `$` or backslash).
_SITE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!&()*+,;=%-]+")
_POLL_SECONDS = 1.0
_KEPT_LINES = 20  # of MkDocs' output while serving, to explain a failure
_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h): the signal a process gets when its parent dies
# Material's offline plugin loads this shim from a CDN unless a local copy is named in `extra.polyfills`.
SHIM_SOURCE = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker"  # generator/vendor/
SHIM_URL = "assets/javascripts/iframe-worker/shim.js"
_OVERLAY_PREFIX = ".briefing-offline-"  # the name existing projects' .gitignore files already ignore
# Theme features that fetch from the network or break from file:// (instant loading uses XHR between pages).
_ONLINE_ONLY_FEATURES = ("navigation.instant",)
# Plugins that need the network at build or view time; an offline build leaves them out.
_ONLINE_ONLY_PLUGINS = frozenset({"social", "git-revision-date-localized", "rss"})
# Generated folders newer than some projects' mkdocs.yml: reached from a listing, not from the navigation.
OUT_OF_NAV = ("/timeline/*",)


@dataclass(frozen=True)
class ProjectPaths:
    """Where a project keeps its seeds, its MkDocs docs_dir and its built site."""

    root: Path
    seeds: Path
    docs: Path
    site: Path
    mkdocs_file: Path
    offline_site: Path
    handouts: Path
    site_name: str | None = None  # mkdocs.yml's site_name: the site's title, set in that one place
    site_url: str | None = None  # the published address (mkdocs.yml's site_url, else $BRIEFING_SITE_URL)
    site_url_from_environment: bool = False  # MkDocs is then told it through an overlay of mkdocs.yml
    attr_list: bool = False  # mkdocs.yml enables attr_list: pages may mark sections `{ data-search-exclude }`
    details: bool = False  # mkdocs.yml enables pymdownx.details: pages may collapse long sections (`??? note`)


class _LenientLoader(yaml.SafeLoader):
    """A safe loader that reads mkdocs.yml files using `!!python/name:` or `!ENV` tags as plain values."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def is_project(folder: Path) -> bool:
    """A briefing project is a folder with a briefing.yml or a mkdocs.yml (`init --repair` completes the other)."""
    return (folder / CONFIG_FILE_NAME).exists() or (folder / MKDOCS_FILE).exists()


def require_project(root: Path) -> None:
    """Refuse, in one line saying what to do, a folder that does not exist or is no briefing project."""
    shown = os.path.abspath(root)
    if not root.exists():
        raise ProjectError(f"{shown}: no such folder (-C names the project folder)")
    if not root.is_dir():
        raise ProjectError(f"{shown}: not a folder (-C names the project folder)")
    if not is_project(root):
        raise ProjectError(
            f"not a briefing project: {shown} (no {CONFIG_FILE_NAME} or {MKDOCS_FILE}); run it inside one, "
            f"pass -C DIR, or create one with `briefing init DIR`"
        )


def project_paths(root: Path) -> ProjectPaths:
    """Read docs_dir and site_dir from the project's mkdocs.yml; seeds always live in `seeds/`."""
    require_project(root)
    mkdocs_file = root / MKDOCS_FILE
    if not mkdocs_file.is_file():
        raise ConfigError(
            str(mkdocs_file), "",
            f"not found; `briefing init --repair {root}` adds it and any other missing project file, changing none",
        )
    settings = _read_mkdocs(mkdocs_file)
    written_url = str(settings["site_url"]) if isinstance(settings.get("site_url"), str) and settings["site_url"] else None
    site_url = written_url or site_url_from_environment()
    paths = ProjectPaths(
        root=root,
        seeds=root / "seeds",
        docs=root / str(settings.get("docs_dir") or "docs"),
        site=root / str(settings.get("site_dir") or "site"),
        mkdocs_file=mkdocs_file,
        offline_site=root / OFFLINE_SITE,
        handouts=root / HANDOUTS_DIR,
        site_name=str(settings["site_name"]) if isinstance(settings.get("site_name"), (str, int, float)) else None,
        site_url=site_url,
        site_url_from_environment=site_url is not None and written_url is None,
        attr_list=_uses_extension(settings, "attr_list"),
        details=_uses_extension(settings, "pymdownx.details"),
    )
    for folder in (paths.docs, paths.site, paths.offline_site, paths.handouts):
        refuse_linked_folder(folder, root, "writes or publishes")
    refuse_escapes(root / "site_templates", root, "reads templates")
    return paths


def folder_address(value: str) -> str | None:
    """Return a site address as a folder address (ending in /), None when it is no http(s) address."""
    value = value.strip()
    if not _SITE_URL.fullmatch(value):
        return None
    return value if value.endswith("/") else value + "/"


def site_url_from_environment() -> str | None:
    """Return $BRIEFING_SITE_URL as a folder address, None when unset; refuse one that is no URL."""
    value = os.environ.get(SITE_URL_VARIABLE, "").strip()
    if not value:
        return None
    address = folder_address(value)
    if address is None:
        raise ConfigError(
            SITE_URL_VARIABLE, "", f"must be an http(s) address such as https://owner.github.io/repo/, got {value[:80]!r}"
        )
    return address


def _uses_extension(settings: dict, name: str) -> bool:
    """Return True when mkdocs.yml's markdown_extensions list `name` (alone, with options, or by module path)."""
    extensions = settings.get("markdown_extensions") or []
    if not isinstance(extensions, list):
        return False
    names = [_plugin_name(extension) for extension in extensions]
    return any(found == name or found.endswith(f".{name}") for found in names)


def _read_mkdocs(mkdocs_file: Path) -> dict:
    try:
        settings = yaml.load(mkdocs_file.read_text(encoding="utf-8-sig"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(str(mkdocs_file), "", f"is not valid YAML{yaml_error_position(exc)}") from exc
    if not isinstance(settings, dict):
        raise ConfigError(str(mkdocs_file), "", "must be a mapping")
    return settings


def _ends_with_parent() -> Callable[[], None] | None:
    """Return a hook that makes a child process end when briefing ends, however briefing ends (Linux).

    Without it, `kill -9` of a build leaves MkDocs running as an orphan while the project lock is already free, and
    a second build then writes site/ at the same time. The kernel's parent-death signal ends the child instead.
    """
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()
    libc = ctypes.CDLL(None, use_errno=True)  # loaded here, in the parent: the child only makes one system call

    def hook() -> None:  # runs in the child between fork and exec
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the hook ran
            os._exit(1)

    return hook


def _environment() -> dict[str, str]:
    # Material 9.8 prints an end-of-life notice on every run; it is known and not the user's problem.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(paths: ProjectPaths, strict: bool) -> None:
    """Run `mkdocs build` into a fresh folder beside the site folder, which then takes the old one's place whole.

    So Ctrl-C, a crash or a full disk while MkDocs writes leaves the previous site as it was. The address comes
    from the environment when mkdocs.yml has none.
    """
    settings = _read_mkdocs(paths.mkdocs_file)
    overlay: dict = {"INHERIT": MKDOCS_FILE, **_not_in_nav_overlay(settings)}
    if paths.site_url_from_environment:
        logger.info("site_url from $%s: %s", SITE_URL_VARIABLE, paths.site_url)
        overlay["site_url"] = paths.site_url
    chunked_search = _chunked_search_wanted(settings)
    if chunked_search:
        overlay["theme"] = {"custom_dir": str(THEME_DIR)}
    with whole_folder(paths.site) as building:
        with _overlay_file(paths.root, {**overlay, "site_dir": str(building.resolve())}, "briefing build") as config_file:
            _run_mkdocs_build(paths, config_file, strict)
        if chunked_search:
            index_site(building, paths.docs)


def _chunked_search_wanted(settings: dict) -> bool:
    """Whether the hosted site's search box is answered by Pagefind (see search.py) rather than Material's index.

    Only with Material's search plugin on (the box is the plugin's), the Pagefind binary installed, and no theme
    override of the project's own (ours would replace it).
    """
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    plugins = [_plugin_name(plugin) for plugin in settings.get("plugins") or ["search"]]
    if not any(name in ("search", "material/search") for name in plugins):
        return False
    if theme.get("custom_dir"):
        logger.info("search: the project has its own theme.custom_dir; keeping Material's search index")
        return False
    if not pagefind_available():
        logger.warning("search: Pagefind is not installed (pip install pagefind-bin); using Material's search index")
        return False
    return True


def build_offline_site(paths: ProjectPaths, strict: bool, built_on: tuple[int, int, int]) -> Path:
    """Build the site for `file://` into site-offline/ with Material's offline plugin, then zip it; return the zip.

    The offline settings are laid over the project's mkdocs.yml through MkDocs' `INHERIT`, in a file that lives
    only for the build, so the project's own configuration stays as it was written. Like the site, the offline
    site is made in a fresh folder that takes the old one's place only when it is complete.
    """
    with whole_folder(paths.offline_site) as building:
        overlay = _offline_overlay(_read_mkdocs(paths.mkdocs_file), building)
        with _overlay_file(paths.root, overlay, "briefing build --offline") as config_file:
            _run_mkdocs_build(paths, config_file, strict)
        target = building / SHIM_URL
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHIM_SOURCE / "shim.js", target)
        shutil.copyfile(SHIM_SOURCE / "LICENSE", target.parent / "LICENSE")
    return zip_folder(paths.offline_site, paths.root / OFFLINE_ZIP, built_on)


@contextmanager
def _overlay_file(root: Path, overlay: dict, command: str) -> Iterator[Path]:
    """Write settings laid over mkdocs.yml (through `INHERIT`) into a file that lives only for one build.

    A fresh name beside mkdocs.yml (INHERIT and relative paths resolve from the config's folder), so no file of
    the project's can be overwritten, and the project's own configuration stays as it was written.
    """
    handle, name = tempfile.mkstemp(prefix=_OVERLAY_PREFIX, suffix=".yml", dir=root)
    config_file = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(f"# Written by `{command}` for the length of one build; safe to delete.\n")
            stream.write(yaml.safe_dump(overlay, sort_keys=False, allow_unicode=True))
        yield config_file
    finally:
        config_file.unlink(missing_ok=True)


def _offline_overlay(settings: dict, site_dir: Path) -> dict:
    """Return the settings an offline build lays over the project's mkdocs.yml."""
    plugins = []
    for plugin in settings.get("plugins") or ["search"]:
        name = _plugin_name(plugin)
        if name in _ONLINE_ONLY_PLUGINS:
            logger.info("offline build: leaving out the %s plugin (it needs the network)", name)
            continue
        plugins.append(plugin)
    if not any(_plugin_name(plugin) == "offline" for plugin in plugins):
        plugins.append("offline")
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    features = [f for f in theme.get("features") or [] if not str(f).startswith(_ONLINE_ONLY_FEATURES)]
    extra = settings.get("extra") if isinstance(settings.get("extra"), dict) else {}
    polyfills = [p for p in extra.get("polyfills") or [] if "iframe-worker" not in str(p) and "://" not in str(p)]
    overlay = {
        "INHERIT": MKDOCS_FILE,
        **_not_in_nav_overlay(settings),
        "site_dir": str(site_dir.resolve()),  # MkDocs reads it from the config file's folder
        "use_directory_urls": False,
        "theme": {"font": False, "features": features},
        "plugins": plugins,
        "extra": {"polyfills": [SHIM_URL, *polyfills]},
    }
    if extra.get("analytics"):  # analytics loads a tracker script from the network
        overlay["extra"]["analytics"] = None
    if settings.get("repo_url"):  # the repository widget fetches star counts from the network
        overlay["repo_url"] = None
        overlay["edit_uri"] = None
    return overlay


def _not_in_nav_overlay(settings: dict) -> dict:
    """Keep the folders of generated listing parts out of the navigation in projects made before they existed.

    A project's `not_in_nav` lists the generated folders; one written before the timeline was cut into periods
    lacks `/timeline/*`, and MkDocs would then list every period in the navigation of every page.
    """
    written = settings.get("not_in_nav")
    if not isinstance(written, str):
        return {}
    lines = [line.strip() for line in written.splitlines() if line.strip()]
    missing = [pattern for pattern in OUT_OF_NAV if pattern not in lines]
    return {"not_in_nav": "\n".join([*lines, *missing]) + "\n"} if missing else {}


def _plugin_name(plugin) -> str:
    # mkdocs.yml lists a plugin as a name, or as a one-key mapping of the name to its options.
    return str(next(iter(plugin))) if isinstance(plugin, dict) else str(plugin)


def zip_folder(folder: Path, target: Path, built_on: tuple[int, int, int]) -> Path:
    """Zip a folder under its own name, entries sorted and dated `built_on`, so the same site gives the same zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                entry = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", (*built_on, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, path.read_bytes())
    write_atomically(target, buffer.getvalue())
    return target


def _run_mkdocs_build(paths: ProjectPaths, config_file: Path, strict: bool) -> None:
    """Run `mkdocs build` (never with -q: mkdocs#4126 makes `--strict -q` pass broken links)."""
    refuse_escapes(paths.docs, paths.root, "publishes files")
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config_file.resolve())]
    if strict:
        command.append("--strict")
    logger.info("running %s", " ".join(command[2:]))
    result = subprocess.run(
        command, cwd=paths.root, env=_environment(), capture_output=True, text=True, preexec_fn=_ends_with_parent()
    )
    output = (result.stdout + result.stderr).strip()
    for line in output.splitlines():
        if "WARNING" in line or "ERROR" in line or "Aborted" in line:
            logger.warning("mkdocs: %s", line.strip())
        else:
            logger.debug("mkdocs: %s", line.strip())
    if result.returncode != 0:
        tail = output.splitlines()[-1] if output else "no output"
        raise BuildError(f"mkdocs build failed (exit {result.returncode}): {tail}")


def serve_site(
    paths: ProjectPaths, regenerate: Callable[[], None], address: str, watched: list[Path], dirty: bool = False
) -> None:
    """Serve the site with MkDocs' live reload and regenerate the pages whenever a seed or the config changes.

    The address is checked and the port tried before MkDocs starts, and "serving on" is said only once the port
    answers, so a taken port or a MkDocs failure is one line and exit 1, not a traceback after a false success.

    With `dirty`, MkDocs rebuilds only the pages whose Markdown changed; regeneration leaves every other file
    untouched, so a new seed costs tens of pages, not the whole site. The search index then holds only the rebuilt
    pages (mkdocs-material#7638): fine for a preview, never for publishing.
    """
    refuse_escapes(paths.docs, paths.root, "publishes files")
    host, port = check_address(address)
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(paths.mkdocs_file.resolve()), "-a", address]
    if dirty:
        command.append("--dirty")
    # A SIGTERM (a service manager, a test, `kill`) must stop MkDocs too, not leave it serving on its own.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))
    last = _fingerprint(watched)  # before MkDocs starts: a seed saved while it builds must count as a change
    process = subprocess.Popen(
        command, cwd=paths.root, env=_environment(), preexec_fn=_ends_with_parent(),
        stderr=subprocess.PIPE, text=True, errors="replace",
    )
    said: list[str] = []  # MkDocs' lines, passed on as they come; the last ones explain a failure
    relay = threading.Thread(target=_relay, args=(process.stderr, said), daemon=True)
    relay.start()
    try:
        if _wait_until_serving(process, host, port):
            logger.info("serving on http://%s/ — regenerating when seeds change (Ctrl-C stops)", address)
        while process.poll() is None:
            time.sleep(_POLL_SECONDS)
            current = _fingerprint(watched)
            if current != last:
                last = current
                logger.info("seeds or configuration changed; regenerating")
                try:
                    regenerate()
                except Exception as exc:  # keep serving: the next save may fix it
                    logger.error("%s", exc)
    except KeyboardInterrupt:
        return
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
        relay.join(timeout=5)
    if process.returncode:
        raise BuildError(f"mkdocs serve stopped (exit {process.returncode}): {_failure_line(said)}")


def parse_address(address: str) -> tuple[str, int]:
    """Return (host, port) of an IP:PORT address, or raise one line saying what is wrong with it."""
    host, colon, port = address.rpartition(":")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise BuildError(f"-a {address}: give the address as HOST:PORT, e.g. 127.0.0.1:8000 or localhost:8001")
    return host.strip("[]"), int(port)


def check_address(address: str) -> tuple[str, int]:
    """Return (host, port) when the preview can listen there; otherwise raise one line saying why not."""
    host, port = parse_address(address)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BuildError(f"-a {address}: unknown host {host} ({exc.strerror})") from exc
    family, kind, protocol, _, where = found[0]
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind(where)
        except OSError as exc:
            raise BuildError(
                f"cannot serve on {address}: {exc.strerror} (another preview running? try -a {host}:{port + 1})"
            ) from exc
    return host, port


def _relay(stream, said: list[str]) -> None:
    """Pass MkDocs' output on to the terminal line by line, keeping the last lines for an error message."""
    for line in stream:
        sys.stderr.write(line)
        sys.stderr.flush()
        said.append(line.strip())
        del said[:-_KEPT_LINES]


def _wait_until_serving(process: subprocess.Popen, host: str, port: int) -> bool:
    """Return True once the port accepts connections, False if MkDocs ends first (it builds the whole site first)."""
    while process.poll() is None:
        try:
            with socket.create_connection((host, port), timeout=_POLL_SECONDS):
                return True
        except OSError:
            time.sleep(_POLL_SECONDS / 4)
    return False


def _failure_line(said: list[str]) -> str:
    errors = [line for line in said if "ERROR" in line or "Error" in line or "Aborted" in line]
    return " ".join((errors[-1] if errors else said[-1] if said else "no output").split())


def _fingerprint(paths: list[Path]) -> tuple:
    entries = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file():
                    stat = child.stat()
                    entries.append((str(child), stat.st_mtime_ns, stat.st_size))
        elif path.is_file():
            stat = path.stat()
            entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)
