"""A small exception hierarchy; only `cli.py` turns these into exit codes."""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the generator raises on purpose."""


class ConfigError(BriefingError):
    """`briefing.yml` is unreadable or holds a value of the wrong kind."""

    def __init__(self, path: str, key: str, problem: str):
        self.path, self.key, self.problem = path, key, problem
        where = f"{path}: {key}" if key else path
        super().__init__(f"{where}: {problem}")


class SourceError(BriefingError):
    """One seed cannot be used; the message names the file."""

    def __init__(self, path: str, problem: str):
        self.path, self.problem = path, problem
        super().__init__(f"{path}: {problem}")


class BuildError(BriefingError):
    """Writing pages or running MkDocs failed."""
