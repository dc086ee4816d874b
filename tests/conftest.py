"""Shared fixtures: the shipped configuration and small in-memory seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.model import Source

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def config():
    """The shipped defaults (no briefing.yml in an empty folder)."""
    return load_config(Path("/nonexistent-project"))


def make_source(text: str, path: str = "seed.txt", metadata: dict | None = None, fmt: str = "txt") -> Source:
    """Build a Source as ingest would, for stage tests on inline text."""
    return Source(path=path, text=text, metadata=metadata or {}, format=fmt, metadata_origin={k: "front matter" for k in (metadata or {})})
