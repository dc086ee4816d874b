"""Share a batch of independent, pure work among forked processes on a machine with more than one core.

Forked workers inherit everything the parent has loaded (the recogniser's model, the configuration, the items
themselves), so nothing is sent to them; each takes a contiguous run of the items and sends back only its
results, which come back in the items' order. Where fork is not available, or the batch is small, the work runs
in this process: the result is the same either way.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence, TypeVar

from generator.errors import WorkerDied

Item = TypeVar("Item")
Result = TypeVar("Result")

PROCESSES = 2  # the machines this runs on have two cores; a third process would only queue
_CHUNK = 16  # items a process works through between two progress reports
_POLL_SECONDS = 0.2
_work: tuple[Callable, Sequence] | None = None  # the batch the forked workers read (set only while they run)
_done = None  # items finished by the workers: a counter in shared memory, read by the parent for progress


def map_in_processes(
    work: Callable[[Sequence[Item]], list[Result]],
    items: Sequence[Item],
    weight: Callable[[Item], int],
    minimum: int,
    progress: Callable[[int], None] = lambda done: None,
    chunk: int = _CHUNK,
    doing: str = "working",
) -> list[Result]:
    """Return `work(items)`, computed in up to PROCESSES processes when there are at least `minimum` items.

    `work` maps a run of items to one result per item, with no side effects; `weight` is an item's cost, so the
    runs are of about equal work. `progress(done)` is called in this process as items are finished, every `chunk`
    items (a batch that `work` handles better whole, such as the recogniser's, should be one chunk).

    A worker killed from outside (the kernel's out-of-memory killer, `kill -9`) is noticed, not waited for
    forever: `WorkerDied` says what was being done (`doing`), and the caller has written nothing yet.
    """
    processes = min(PROCESSES, os.cpu_count() or 1) if len(items) >= minimum else 1
    runs = shares([weight(item) for item in items], processes)
    if len(runs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _in_chunks(work, items, progress, chunk)
    global _work, _done
    context = multiprocessing.get_context("fork")
    _work, _done = (work, items, chunk), context.Value("i", 0)
    try:
        with ProcessPoolExecutor(len(runs) - 1, mp_context=context) as pool:
            others = [pool.submit(_run, *run) for run in runs[1:]]
            own = _in_chunks(work, items[runs[0][0] : runs[0][1]], lambda done: progress(done + _done.value), chunk)
            found = list(own)
            for other in others:
                while not other.done():
                    wait([other], timeout=_POLL_SECONDS)
                    progress(len(own) + _done.value)
                found += other.result()
    except BrokenProcessPool as exc:
        raise WorkerDied(
            f"a worker process ended abruptly while {doing} (killed from outside, or out of memory); no file was "
            "written and the analyses already cached are kept; run the command again"
        ) from exc
    finally:
        _work, _done = None, None
    return found


def _in_chunks(
    work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], progress: Callable[[int], None], chunk: int
) -> list[Result]:
    """Return `work(items)`, worked through a chunk at a time so progress can be reported between chunks."""
    found: list[Result] = []
    for start in range(0, len(items), chunk):
        found += work(items[start : start + chunk])
        progress(len(found))
    return found


def shares(weights: Sequence[int], count: int) -> list[tuple[int, int]]:
    """Cut positions 0..len(weights) into at most `count` contiguous (start, stop) runs of about equal weight."""
    total = sum(weights)
    runs, start, running = [], 0, 0
    for position, weight in enumerate(weights):
        running += weight
        if len(runs) < count - 1 and running * count >= total * (len(runs) + 1):
            runs.append((start, position + 1))
            start = position + 1
    runs.append((start, len(weights)))
    return [run for run in runs if run[1] > run[0]]


def _run(start: int, stop: int) -> list:
    # In the worker: `work` collects what it means to report and sends it back; nothing is printed from here.
    package_logger = logging.getLogger("generator")
    package_logger.handlers[:], package_logger.propagate = [], False
    work, items, chunk = _work

    counted = 0

    def count(done: int) -> None:  # tell the parent how many more items this worker finished
        nonlocal counted
        with _done.get_lock():
            _done.value += done - counted
        counted = done

    return _in_chunks(work, items[start:stop], count, chunk)
