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


class ProjectError(BriefingError):
    """The folder a command runs in is not a briefing project (or not a folder at all)."""


class WorkerDied(BriefingError):
    """A forked worker process ended without its results (killed by the system or a person)."""


class BuildError(BriefingError):
    """Writing pages or running MkDocs failed."""


def yaml_error_parts(exc: Exception) -> tuple[tuple[int, int] | None, str]:
    """Return ((line, column), problem) of a YAML error, 1-based (None when it names no place)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return ((mark.line + 1, mark.column + 1) if mark else None), problem


def yaml_error_position(exc: Exception) -> str:
    """Return " at line L, column C: problem" for a YAML error, so a person can go straight to the mistake."""
    place, problem = yaml_error_parts(exc)
    return f"{f' at line {place[0]}, column {place[1]}' if place else ''}: {problem}"
