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


def yaml_error_position(exc: Exception) -> str:
    """Return " at line L, column C: problem" for a YAML error, so a person can go straight to the mistake."""
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{where}: {problem}"
