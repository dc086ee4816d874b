"""Chromium for the browser tests: the session's browser, and a visit that records requests and dialogs."""

from __future__ import annotations

import functools
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TIMEOUT_MS = 15_000
# What a browser may load without touching the network.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser tests (bash run test installs chromium)")
    pytest.skip(reason)


def launch_browser():
    """Yield Debian's Chromium driven by Playwright, or skip (fail in CI) when either is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium chromium-driver)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A fresh browser context that records every request and dialog, and blocks anything not on this machine."""

    def __init__(self, browser, allow_loopback: bool = False):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        allowed = ("http://127.0.0.1:",) if allow_loopback else ()

        def guard(route):
            if route.request.url.startswith(allowed):
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        self.context.route(re.compile(r"^(https?|wss?|ftp)://"), guard)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def network_requests(self) -> list[str]:
        return [url for url in self.requests + self.blocked if not url.startswith(LOCAL_SCHEMES)]

    def close(self):
        self.context.close()


def visits(browser):
    """Yield a function that opens a fresh recorded visit; every visit opened is closed afterwards."""
    opened: list[Visit] = []

    def open_visit(allow_loopback: bool = False) -> Visit:
        opened.append(Visit(browser, allow_loopback))
        return opened[-1]

    yield open_visit
    for one in opened:
        one.close()




def served(folder: Path):
    """Yield the loopback address of a folder served for the length of a fixture (see serve)."""
    server = serve(folder)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def serve(folder: Path) -> ThreadingHTTPServer:
    """Serve a folder on a free loopback port, quietly, until the server is shut down."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


