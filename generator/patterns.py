"""Regular expressions that come from configuration, run by RE2 so that no pattern and no line can hang a build.

Python's own `re` backtracks: `(a+)+$` on a line of forty `a`s and a `b` takes longer than the universe has left.
RE2 runs every pattern in time linear in the line, at the price of look-around and back-references, which it
refuses when the configuration is loaded, so a user learns of it at once, with the key and the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import re2


class PatternError(ValueError):
    """A pattern RE2 cannot run; the message says why in RE2's words."""


_MAX_MEMORY = 64 << 20
_MEMO_LINES = 1 << 19  # lines remembered by a pattern set (tens of megabytes at most)


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False  # boilerplate is matched whatever its case, as it always was
    options.log_errors = False  # the error is reported once, by the caller, naming the key
    # The set of every line pattern outgrows RE2's default 8 MB for its DFA, and RE2 then falls back to matching
    # several times slower; a larger budget keeps the DFA (memory is taken only as states are built).
    options.max_mem = _MAX_MEMORY
    return options


def compile_pattern(pattern: str) -> re2._Regexp:
    """Compile one pattern (case-insensitive) for RE2; raise `PatternError` when RE2 cannot take it."""
    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(reason) from None


@dataclass(frozen=True, eq=False)
class LinePatterns:
    """Named whole-line patterns, matched all at once: `first_match` says which (in configuration order) fits."""

    names: tuple[str, ...]
    sources: tuple[str, ...]
    _set: re2.Set = field(repr=False)
    # Lines already matched: cleaning reads every line twice (recurring lines, then the cleaning itself).
    _memo: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def compile(cls, named: Sequence[tuple[str, str]]) -> "LinePatterns":
        """Build one RE2 set of the patterns; a pattern it cannot take raises `PatternError` naming it."""
        matcher = re2.Set.FullMatchSet(_options())
        for name, pattern in named:
            try:
                matcher.Add(pattern)
            except re2.error:
                compile_pattern(pattern)  # raises with RE2's reason
                raise PatternError(f"pattern {name!r} cannot join the set") from None
        matcher.Compile()
        return cls(tuple(name for name, _ in named), tuple(pattern for _, pattern in named), matcher)

    def first_match(self, line: str) -> str | None:
        """Return the name of the first pattern that matches the whole line, or None."""
        if not self.names:
            return None
        if line in self._memo:
            return self._memo[line]
        found = self._set.Match(line)
        name = self.names[min(found)] if found else None
        if len(self._memo) >= _MEMO_LINES:
            self._memo.clear()
        self._memo[line] = name
        return name

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self):
        return iter(zip(self.names, self.sources))
