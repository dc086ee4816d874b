"""Progress bars for long runs (tqdm), shown only on a terminal: quiet in CI logs, in pipes and with `-q`."""

from __future__ import annotations

import shutil
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from tqdm import tqdm

_DELAY_SECONDS = 1.0  # a run shorter than this never shows a bar
_FALLBACK_SIZE = (80, 24)
_shown = False
_active: list[tqdm] = []


def show_progress(enabled: bool) -> None:
    """Let progress bars appear (the command line turns this on when stderr is a terminal and not `-q`)."""
    global _shown
    _shown = enabled


def bar_active() -> bool:
    """Return True while a bar is on screen, so messages are printed above it instead of through it."""
    return bool(_active)


def write_above(line: str) -> None:
    """Print a message line without breaking the bar on screen."""
    tqdm.write(line, file=sys.stderr)


@contextmanager
def progress(total: int, description: str, unit: str) -> Iterator[Callable[[int], None]]:
    """Yield `update(done)`, which moves the bar to `done` of `total`; a no-op when bars are not shown."""
    if not _shown or total <= 0:
        yield lambda done: None
        return
    # A terminal that reports no size (a pseudo-terminal without a window, as under `script` or an IDE) makes
    # tqdm draw nothing at all, so the size falls back to 80×24.
    size = shutil.get_terminal_size()
    with tqdm(total=total, desc=description, unit=f" {unit}", file=sys.stderr, delay=_DELAY_SECONDS, leave=False,
              ncols=size.columns or _FALLBACK_SIZE[0], nrows=size.lines or _FALLBACK_SIZE[1]) as bar:
        _active.append(bar)

        def update(done: int) -> None:
            if done > bar.n:
                bar.update(done - bar.n)

        try:
            yield update
        finally:
            _active.remove(bar)
