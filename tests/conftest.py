"""Fixtures every test folder shares (plain helpers are in helpers.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from generator.config import load_config

# In CI the property tests replay the same examples every run, so a red build always means a change broke
# something; locally they explore new examples each time (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

@pytest.fixture(scope="session")
def config():
    """The shipped defaults (no briefing.yml in an empty folder)."""
    return load_config(Path("/nonexistent-project"))
