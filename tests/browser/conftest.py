"""The browser tests' fixtures: one Chromium per run, and visits that close when the test ends."""

from __future__ import annotations

import pytest

from browsing import launch_browser, visits


@pytest.fixture(scope="session")
def browser():
    yield from launch_browser()


@pytest.fixture
def visit(browser):
    yield from visits(browser)
