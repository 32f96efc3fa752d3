"""Extraction on every core of one machine: a process pool, one Extractor per process.

Kiwi and the alias automaton take seconds to build and are not shared between processes,
so each worker builds its own once, in the pool's initializer, and then extracts chunks
of articles sent to it. Workers start with `forkserver` (or `spawn`), never `fork`: a
forked copy of a parent that already runs threads (Kiwi's, Rich's) can deadlock.

Outcomes come back in input order, so `extract_parallel` yields what `run_batch` yields,
only sooner; at most a few chunks per worker are in flight, so memory stays flat. A
document that fails is a Failure in its place, as in `run_batch`. A worker process that
dies (a crash in native code) costs the chunks in flight, reported as internal failures;
the pool is rebuilt and the run goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import TypeVar

from stackwatch.errors import StackwatchError
from stackwatch.extract import Extractor
from stackwatch.ingest.decode import MAX_INPUT_BYTES
from stackwatch.kb import load_knowledge_base
from stackwatch.pipeline import Failure, Outcome, run_batch
from stackwatch.scale.inputs import InputItem, extract_item, list_inputs
from stackwatch.scale.rows import FactsRows, TableRows, facts_rows
from stackwatch.scale.shards import (
    Key,
    NotYetDone,
    RunSummary,
    batch_name,
    done_keys,
    prepare_out_dir,
    write_batch,
)

logger = logging.getLogger(__name__)

CHUNK_DOCS = 8  # articles per task: ~0.3 s of work at ~40 ms/article, so pickling stays < 1%
CHUNKS_IN_FLIGHT_PER_WORKER = 3  # enough look-ahead that no worker waits; bounded so memory stays flat
SHARD_DOCS = 1000  # documents per Parquet shard of the local writer: few files, each a few MB
MAX_POOL_RESTARTS = 3  # a pool that dies more often than this has a cause no restart will fix
WORKER_DIED = "worker process died while extracting; skipped (a rerun tries it again)"

T = TypeVar("T")
_worker_extractor: Extractor | None = None  # one per worker process, set by _load_worker


def extract_parallel(
    paths: Iterable[str | Path],
    *,
    workers: int,
    kb_files: Sequence[Path] = (),
    max_bytes: int = MAX_INPUT_BYTES,
) -> Iterator[Outcome]:
    """Facts for every document under `paths` (or a Failure in its place), in input order,
    extracted by `workers` processes. `workers=1` is `run_batch` in this process."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        yield from run_batch(paths, Extractor.load(kb_files), max_bytes=max_bytes)
        return
    items = list_inputs(paths, max_bytes=max_bytes)
    for _item, outcome in extract_items(items, workers=workers, kb_files=kb_files, task=_extract_chunk):
        yield outcome


def write_parallel(
    paths: Iterable[str | Path],
    out_dir: Path | str,
    *,
    workers: int,
    kb_files: Sequence[Path] = (),
    max_bytes: int = MAX_INPUT_BYTES,
    shard_docs: int = SHARD_DOCS,
) -> RunSummary:
    """Extract every document under `paths` into Parquet shards under `out_dir` (see
    `shards.py`), skipping those an earlier run already wrote. Failures go to `errors`."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    out_dir = Path(out_dir)
    prepare_out_dir(out_dir)
    todo = NotYetDone(list_inputs(paths, max_bytes=max_bytes), done_keys(out_dir))
    if workers == 1:
        extractor = Extractor.load(kb_files)
        pairs: Iterator[tuple[InputItem, FactsRows | Failure]] = (
            (i, _rows_of(i, extract_item(i, extractor))) for i in todo
        )
    else:  # the workers make the rows too: less for this process to do and to unpickle
        pairs = extract_items(todo, workers=workers, kb_files=kb_files, task=_extract_rows_chunk)
    written, failures = 0, list[Failure]()
    rows, keys = TableRows(), list[Key]()
    for item, outcome in pairs:
        rows.add(outcome, doc=item.doc, content_hash=item.content_hash)
        keys.append(item.key)
        if len(rows) >= shard_docs:
            write_batch(rows, out_dir, batch_name(keys))
            written, failures = written + rows.documents, failures + rows.failures
            rows, keys = TableRows(), []
    write_batch(rows, out_dir, batch_name(keys))
    return RunSummary(
        out_dir, written + rows.documents, tuple(failures + rows.failures), skipped=todo.skipped
    )


def extract_items(
    items: Iterable[InputItem],
    *,
    workers: int,
    kb_files: Sequence[Path] = (),
    task: Callable[[list[InputItem]], list[T]],
) -> Iterator[tuple[InputItem, T | Failure]]:
    """Each item with what `task` made of a chunk of items, in input order, from a pool of
    `workers` processes (`task` runs there, with the process's Extractor: a module-level
    function, so that it pickles)."""
    if kb_files:
        load_knowledge_base(kb_files)  # a bad --kb file is a usage error here, not a dead pool
    pool = _RestartingPool(workers, tuple(kb_files))
    pending: deque[tuple[list[InputItem], Future[list[T]]]] = deque()
    try:
        for chunk in _chunks(items, CHUNK_DOCS):
            pending.append((chunk, pool.submit(task, chunk)))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from _collect(*pending.popleft(), pool)
        while pending:
            yield from _collect(*pending.popleft(), pool)
    finally:
        pool.shutdown()


def _collect(
    chunk: list[InputItem], future: Future[list[T]], pool: _RestartingPool
) -> Iterator[tuple[InputItem, T | Failure]]:
    outcomes: list[T] | list[Failure]
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        if not pool.has_delivered:
            raise StackwatchError(
                "worker processes died before extracting anything; run with --workers 1 to see why",
                source="extract",
            ) from None
        logger.warning("a worker process died; %d documents in flight are reported as failed", len(chunk))
        outcomes = [Failure(item.source, WORKER_DIED, internal=True) for item in chunk]
    pool.has_delivered = True
    yield from zip(chunk, outcomes, strict=True)


def _chunks(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _RestartingPool:
    """A ProcessPoolExecutor that is rebuilt when one of its processes dies."""

    def __init__(self, workers: int, kb_files: tuple[Path, ...]) -> None:
        self._workers = workers
        self._kb_files = kb_files
        self._restarts = 0
        self.has_delivered = False  # a pool that dies before its first result will never work
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=context,
            initializer=_load_worker,
            initargs=(self._kb_files,),
        )

    def submit(self, task: Callable[[list[InputItem]], list[T]], chunk: list[InputItem]) -> Future[list[T]]:
        try:
            return self._executor.submit(task, chunk)
        except BrokenProcessPool:
            self._restarts += 1
            if self._restarts > MAX_POOL_RESTARTS:
                raise StackwatchError(
                    f"worker processes died {self._restarts} times; stopped", source="extract"
                ) from None
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            return self._executor.submit(task, chunk)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _load_worker(kb_files: tuple[Path, ...]) -> None:
    """The pool's initializer: this process's one Extractor."""
    global _worker_extractor  # noqa: PLW0603 - one Extractor per worker process is the point
    _worker_extractor = Extractor.load(kb_files)


def _extract_chunk(items: list[InputItem]) -> list[Outcome]:
    """A pool task: the outcome of each item."""
    if _worker_extractor is None:  # pragma: no cover - the initializer always ran first
        raise RuntimeError("worker process has no Extractor")
    return [extract_item(item, _worker_extractor) for item in items]


def _extract_rows_chunk(items: list[InputItem]) -> list[FactsRows | Failure]:
    """A pool task: the table rows of each item's facts, or its Failure."""
    return [_rows_of(item, outcome) for item, outcome in zip(items, _extract_chunk(items), strict=True)]


def _rows_of(item: InputItem, outcome: Outcome) -> FactsRows | Failure:
    if isinstance(outcome, Failure):
        return outcome
    return facts_rows(outcome, content_hash=item.content_hash)
