"""What the web app keeps between requests: its settings, the expensive engine objects
(built on first use) and cached charts. The store itself opens per request, because an
SQLite connection belongs to the thread that opened it."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from stackwatch.extract import Extractor
from stackwatch.store import Store

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
    _engine_lock: threading.Lock = field(default_factory=threading.Lock)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: OrderedDict[tuple[object, ...], object] = field(default_factory=OrderedDict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)

    def extractor(self) -> Extractor:
        """The extraction engine (knowledge base and Kiwi), loaded once, on first need."""
        with self._engine_lock:
            if self._extractor is None:
                self._extractor = Extractor.load(())
            return self._extractor

    @contextmanager
    def reading(self, *, search: bool = False) -> Iterator[Store]:
        """The store, read-only, for one request; `search` gives it the analyzer queries need."""
        korean = self.extractor().korean if search else None
        store = Store.open(self.db_path, readonly=True, korean=korean)
        try:
            yield store
        finally:
            store.close()

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
