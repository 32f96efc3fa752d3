"""Ingest: sources (files, folders, URLs, feeds) → facts → the store, one document at a time.

Each document is stored in its own transaction, so a batch stopped halfway (Ctrl-C,
SIGKILL, a full disk) keeps what it stored; running it again stores the rest and skips
what is already there. A source that fails costs that source only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stackwatch.errors import StackwatchError
from stackwatch.extract import Extractor
from stackwatch.ingest.decode import MAX_INPUT_BYTES
from stackwatch.pipeline import Failure, Outcome, extract_document, run_batch
from stackwatch.records import Document
from stackwatch.store import Added, Store

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    """What one `ingest` run did, for the one-line summary."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.read} read", f"{self.new} new", f"{self.duplicates} duplicates"]
        if self.near_duplicates:
            parts.append(f"{self.near_duplicates} joined a story")
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)

    def count(self, outcome: Added | Failure) -> None:
        self.read += 1
        if isinstance(outcome, Failure):
            self.failed += 1
            self.failures.append(outcome)
        elif outcome.status == "duplicate":
            self.duplicates += 1
        else:
            self.new += 1
            self.near_duplicates += int(outcome.near_duplicate)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def store_outcomes(store: Store, outcomes: Iterable[Outcome]) -> Iterator[Added | Failure]:
    """Store each document's facts; a store error becomes that document's failure."""
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            yield outcome
            continue
        try:
            yield store.add(outcome)
        except StackwatchError as exc:
            if exc.source == str(store.path) and "locked" not in exc.message:
                raise  # the store itself is broken (read-only, disk full): stop the batch
            yield Failure(outcome.document.source, exc.message)


def extract_isolated(document: Document, extractor: Extractor) -> Outcome:
    try:
        return extract_document(document, extractor)
    except StackwatchError as exc:
        return Failure(exc.source, exc.message)


def ingest_files(
    store: Store,
    paths: Iterable[str | Path],
    extractor: Extractor,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    on_progress: Callable[[str], None] | None = None,
) -> Iterator[Added | Failure]:
    yield from store_outcomes(
        store, run_batch(paths, extractor, max_bytes=max_bytes, on_progress=on_progress)
    )
