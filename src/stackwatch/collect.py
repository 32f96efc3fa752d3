"""Ingest: sources (files, folders, URLs, feeds) → facts → the store, one document at a time.

Each document is stored in its own transaction, so a batch stopped halfway (Ctrl-C,
SIGKILL, a full disk) keeps what it stored; running it again stores the rest and skips
what is already there. A source that fails costs that source only.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stackwatch.errors import StackwatchError
from stackwatch.extract import Extractor
from stackwatch.fetch import (
    FEEDS,
    PAGES,
    Accept,
    FeedEntry,
    FeedState,
    Fetcher,
    NotModified,
    Page,
    page_document,
    parse_feed,
    read_feed,
)
from stackwatch.ingest.decode import MAX_INPUT_BYTES
from stackwatch.pipeline import Failure, Outcome, extract_document, run_batch
from stackwatch.records import Document
from stackwatch.store import Added, Store

logger = logging.getLogger(__name__)

PAGE_OR_FEED = Accept("article page or feed", PAGES.media_types | FEEDS.media_types)


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


def looks_like_feed(page: Page) -> bool:
    """An RSS or Atom document, by its content type or its first element."""
    kind = (page.content_type or "").lower()
    if "rss" in kind or "atom" in kind:
        return True
    head = page.data[:2048].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and (
        b"<rss" in head or b"<feed" in head or b"<rdf" in head
    )


def ingest_urls(
    store: Store,
    urls: Iterable[str],
    extractor: Extractor,
    *,
    fetcher: Fetcher | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> Iterator[Added | Failure]:
    """Article pages and feeds: a feed's entries are fetched as pages; URLs already stored are
    not fetched again; a feed polled before is asked for changes only (ETag, Last-Modified)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for url in urls:
            yield from _ingest_url(store, url, extractor, fetcher)
            if on_progress is not None:
                on_progress(url)
    finally:
        if own:
            fetcher.close()


def _ingest_url(store: Store, url: str, extractor: Extractor, fetcher: Fetcher) -> Iterator[Added | Failure]:
    stored = store.find_url(url)
    if stored is not None:
        yield stored
        return
    known = store.feed_state(url)
    try:
        if known is not None:
            result = read_feed(fetcher, url, FeedState(etag=known[0], last_modified=known[1]))
            entries = result.entries
            state = result.state
        else:
            answer = fetcher.get(url, accept=PAGE_OR_FEED)
            if isinstance(answer, NotModified):  # we sent no validators; a server may still say so
                return
            if not looks_like_feed(answer):
                yield from store_outcomes(store, [_page_facts(answer, extractor)])
                return
            entries = parse_feed(answer, source=url)
            state = FeedState(etag=answer.etag, last_modified=answer.last_modified)
    except StackwatchError as exc:
        yield Failure(exc.source, exc.message)
        return
    for entry in entries:
        yield from _ingest_entry(store, entry, extractor, fetcher)
    store.save_feed_state(url, state.etag, state.last_modified)


def _ingest_entry(
    store: Store, entry: FeedEntry, extractor: Extractor, fetcher: Fetcher
) -> Iterator[Added | Failure]:
    stored = store.find_url(entry.url)
    if stored is not None:
        yield stored
        return
    try:
        answer = fetcher.get(entry.url, accept=PAGES)
    except StackwatchError as exc:
        yield Failure(exc.source, exc.message)
        return
    if isinstance(answer, NotModified):
        return
    yield from store_outcomes(store, [_page_facts(answer, extractor, published=entry.published)])


def _page_facts(page: Page, extractor: Extractor, *, published: str | None = None) -> Outcome:
    try:
        document = page_document(page)
    except StackwatchError as exc:
        return Failure(exc.source, exc.message)
    if document.published is None and published:
        document = dataclasses.replace(document, published=published)
    return extract_isolated(document, extractor)
