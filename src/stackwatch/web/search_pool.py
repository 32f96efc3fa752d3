"""Search and ask in a process of their own, so that they do not hold up the pages.

A search costs 50–150 ms of Python; in the server's process it holds the interpreter
while a dozen page requests, a few milliseconds each, wait their turn (under 16 clients the
deals page's p99 was 470 ms with searches in the mix and 300 ms without). `SearchPool`
runs them in one worker process with its own engine and its own read-only connection, and
the server's threads only wait for the answer. `stackwatch serve` uses it; `create_app`
without it searches in the request's thread, as tests and embedders expect.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SEARCH_NICENESS = 10  # benchmarks/serve_load.py, 16 clients: /deals p99 338 ms at 0, 128-155 ms at 10
_worker: dict[str, Any] = {}


def _start(db_path: str) -> None:
    from stackwatch.extract import Extractor  # noqa: PLC0415 - in the worker only
    from stackwatch.store import Store  # noqa: PLC0415

    # when the cores are busy, a page (milliseconds) goes before a search (tens of them)
    os.nice(SEARCH_NICENESS)
    extractor = Extractor.load(())
    _worker["store"] = Store.open(db_path, readonly=True, korean=extractor.korean)
    _worker["kb"] = extractor.kb


def _search(query: str, limit: int) -> list[dict[str, Any]]:
    from stackwatch.web import features  # noqa: PLC0415

    function = features.search_function()
    return features.run_search(function, _worker["store"], query, limit=limit, kb=_worker["kb"])


def _ask(question: str) -> dict[str, Any]:
    from stackwatch.web import features  # noqa: PLC0415

    return features.run_ask(features.ask_function(), _worker["store"])(question)


class SearchPool:
    """One worker process answering searches and questions over the store at `db_path`."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(str(self._db_path),),
        )
        pool.submit(int)  # start the worker (and load its engine) now, not on the first search
        return pool

    def search(self, query: str, limit: int) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._call(_search, query, limit)
        return result

    def ask(self, question: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call(_ask, question)
        return result

    def _call(self, function: Any, *args: Any) -> Any:
        for attempt in (1, 2):
            with self._lock:
                pool = self._pool
            try:
                return pool.submit(function, *args).result()
            except BrokenProcessPool:  # the worker died (killed, out of memory): start another
                if attempt == 2:
                    raise
                logger.warning("the search worker stopped; starting a new one")
                with self._lock:
                    if self._pool is pool:
                        self._pool = self._new_pool()
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
