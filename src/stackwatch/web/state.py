"""What the web app keeps between requests: its settings, the expensive engine objects
(built on first use) and cached charts. The store is opened once per server thread,
because an SQLite connection belongs to the thread that opened it."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stackwatch.extract import Extractor
from stackwatch.nlp.terms import TermIndexer
from stackwatch.store import Store
from stackwatch.web import features
from stackwatch.web.search_pool import SearchPool

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a news article is well under 1 MB of text; 2 MB leaves room for HTML
CACHE_SIZE = 512  # rendered pages (~50 KB each), charts; a store change makes them all stale


@dataclass(slots=True, kw_only=True)
class WebState:
    db_path: Path
    token: str | None
    read_only: bool
    reports_dir: Path
    max_upload: int = MAX_UPLOAD_BYTES
    _extractor: Extractor | None = None
    _indexer: TermIndexer | None = None
    _engine_lock: threading.Lock = field(default_factory=threading.Lock)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: OrderedDict[tuple[object, ...], object] = field(default_factory=OrderedDict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)
    _local: threading.local = field(default_factory=threading.local)
    search_pool: SearchPool | None = None  # search and ask in a worker process (`serve`)

    def extractor(self) -> Extractor:
        """The extraction engine (knowledge base and Kiwi), loaded once, on first need."""
        with self._engine_lock:
            if self._extractor is None:
                self._extractor = Extractor.load(())
            return self._extractor

    def indexer(self) -> TermIndexer:
        """Search terms, with one per-word Kiwi cache for every request: a search analyses the
        words of its few hundred candidate sentences, and a fresh cache made that the cost of it."""
        extractor = self.extractor()
        with self._engine_lock:
            if self._indexer is None:
                self._indexer = TermIndexer(extractor.korean)
            return self._indexer

    @contextmanager
    def reading(self, *, search: bool = False) -> Iterator[Store]:
        """The store, read-only, for one request; `search` gives it the analyzer queries need.

        Each server thread keeps its connection open between requests (opening and checking
        the file cost more than most pages); every statement still sees the latest commit.
        A request that fails drops its thread's connection, so a broken one is not reused."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.db_path, readonly=True)
            self._local.store = store
        if search:
            store.share_indexer(self.indexer())
        try:
            yield store
        except BaseException:
            self._local.store = None
            store.close()
            raise

    def search(self, query: str, *, limit: int) -> list[dict[str, Any]]:
        """Search hits as JSON objects, from the worker process when there is one."""
        if self.search_pool is not None:
            return self.search_pool.search(query, limit)
        function = features.search_function()
        with self.reading(search=True) as store:
            return features.run_search(function, store, query, limit=limit, kb=self.extractor().kb)

    def ask(self, question: str) -> dict[str, Any]:
        """The answer as JSON, each citation with its document's id."""
        if self.search_pool is not None:
            return self.search_pool.ask(question)
        function = features.ask_function()
        with self.reading(search=True) as store:
            return features.run_ask(function, store)(question)

    @contextmanager
    def writing(self) -> Iterator[tuple[Store, Extractor]]:
        """The store opened for writing, one writer at a time."""
        extractor = self.extractor()
        with self.write_lock:
            store = Store.open(self.db_path, korean=extractor.korean)
            try:
                yield store, extractor
            finally:
                store.close()

    def token_matches(self, offered: str) -> bool:
        return self.token is not None and secrets.compare_digest(offered.encode(), self.token.encode())

    def cached(self, key: tuple[object, ...]) -> object | None:
        """What `keep` kept under `key` (charts, the overview); keys end with the store's
        data version, so a changed store misses."""
        with self._cache_lock:
            value = self._cache.get(key)
            if value is not None:
                self._cache.move_to_end(key)
            return value

    def keep(self, key: tuple[object, ...], value: object) -> None:
        with self._cache_lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
