"""Work shared among forked processes: same results in the same order, and warnings reported once, in seed order."""

from __future__ import annotations

import logging
import os
import signal
import time

import pytest

from helpers import new_project
from generator.analyse import parallel
from generator.config import load_config
from generator.analyse.parallel import map_in_processes
from generator.errors import WorkerDied
from generator.pipeline import analyse_project
from generator.publish.site import project_paths


def _pids(items):
    return [(item, os.getpid()) for item in items]


def test_results_come_back_in_order_from_more_than_one_process(monkeypatch):
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    found = map_in_processes(_pids, list(range(50)), lambda item: 1, minimum=10)
    assert [item for item, _ in found] == list(range(50))
    assert len({pid for _, pid in found}) == 2 and os.getpid() in {pid for _, pid in found}
    assert {pid for _, pid in map_in_processes(_pids, list(range(5)), lambda item: 1, minimum=10)} == {os.getpid()}


_PARENT = os.getpid()


def _killed_in_a_worker(items):
    if os.getpid() != _PARENT:  # what the out-of-memory killer does to a worker
        os.kill(os.getpid(), signal.SIGKILL)
    return list(items)


def test_a_worker_killed_from_outside_is_noticed_and_named_not_waited_for(monkeypatch):
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    started = time.monotonic()
    with pytest.raises(WorkerDied, match="ended abruptly while reading the test items .*no file was written"):
        map_in_processes(_killed_in_a_worker, list(range(50)), lambda item: 1, minimum=10,
                         doing="reading the test items")
    assert time.monotonic() - started < 30
    assert map_in_processes(_pids, list(range(50)), lambda item: 1, minimum=10)  # the next run works


def _seed(number: int, date: str) -> str:
    return (
        f"---\ndate: {date}\noutlet: Test Wire\n---\nHarbour {number} reopens after repairs\n\n"
        f"The harbour at Port {number} reopened on Monday after two months of repairs to its north quay, officials "
        f"said. Ferries to the islands resumed at noon and freight traffic will return next week, the port said.\n"
    )


class _Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_many_seeds_analysed_in_two_processes_match_one_and_warn_once(tmp_path, monkeypatch):
    texts = {f"harbour-{n:03d}.md": _seed(n, "2026-03-0%d" % (1 + n % 9)) for n in range(220)}
    texts["harbour-200.md"] = _seed(200, "2026-02-30")  # an impossible date, in the second process's share
    root = new_project(tmp_path / "p", copies=(), texts=texts)
    (root / "briefing.yml").write_text("entities:\n  ner_model: ''\n", encoding="utf-8")
    config = load_config(root)
    results = []
    for processes in (1, 2):
        monkeypatch.setattr(parallel, "PROCESSES", processes)
        monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
        for entry in (root / ".briefing-cache").rglob("*.json"):
            entry.unlink()  # analyse every seed again
        handler = _Messages()
        logging.getLogger("generator").addHandler(handler)
        try:
            analysis = analyse_project(project_paths(root), config)
        finally:
            logging.getLogger("generator").removeHandler(handler)
        results.append(analysis.corpus.articles)
        warned = [message for message in handler.messages if "harbour-200.md" in message]
        assert len(warned) == 1 and "not a date" in warned[0]
    assert len(results[0]) == 220 and results[0] == results[1]
