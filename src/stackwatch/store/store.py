"""The store: DocumentFacts in, one transaction per document; queries out.

    store = Store.open(path)             # created and migrated on first use
    added = store.add(facts)             # "new", or "duplicate" (same URL or same text)
    store.deals(DealFilter(...))         # one deal per real-world fact, with its sources

A document is written whole or not at all (one `BEGIN IMMEDIATE` transaction), so a
process killed mid-batch leaves every earlier document intact and the interrupted one
absent; rerunning the batch stores it then, and skips the rest as duplicates.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from stackwatch.errors import StoreError
from stackwatch.extract.serialize import document_record
from stackwatch.nlp.korean import KoreanAnalyzer
from stackwatch.nlp.terms import TermIndexer
from stackwatch.records import DocumentFacts, Event
from stackwatch.store import deals as dealmath
from stackwatch.store import stories
from stackwatch.store.db import Checkpointer, connect, describe, transaction
from stackwatch.store.deal_state import Report
from stackwatch.store.deal_writer import DealWriter, report_of
from stackwatch.store.json_text import dumps as _json
from stackwatch.store.records import Added, StoreCounts

_ENTITIES_REMEMBERED = 200_000
_BAND_CANDIDATES = " UNION ".join(
    ["SELECT * FROM (SELECT document_id FROM story_bands WHERE band = ? AND key = ? LIMIT 4)"] * stories.BANDS
)


def content_hash(title: str | None, text: str) -> str:
    """The identity of an article's text: whitespace and case do not count."""
    return _digest(stories.flatten(f"{title or ''}\n{text}"))


def _digest(flat: str) -> str:
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()


def entity_term(entity_id: str) -> str:
    """The search term standing for an entity in the sentence index (one token for FTS5)."""
    return f"ent{zlib.crc32(entity_id.encode('utf-8')):08x}"


class Store:
    """A stackwatch store in one SQLite file. Use as a context manager, or call `close()`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        indexer: TermIndexer | None = None,
        checkpointer: Checkpointer | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self._indexer = indexer
        self._checkpointer = checkpointer
        # entities (row and aliases) this store has committed: the next article naming them
        # need not write them again (only after a commit: a rolled-back one wrote nothing)
        self._entities_written: set[tuple[object, ...]] = set()
        self._entities_pending: list[tuple[object, ...]] = []
        self._deals = DealWriter(conn)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        readonly: bool = False,
        korean: KoreanAnalyzer | None = None,
        indexer: TermIndexer | None = None,
    ) -> Store:
        """The store at `path`; `korean` (or a shared `indexer`, whose word cache outlives
        this store) makes search terms."""
        path = Path(path)
        if indexer is None and korean is not None:
            indexer = TermIndexer(korean)
        conn = connect(path, readonly=readonly)
        return cls(conn, path, indexer=indexer, checkpointer=None if readonly else Checkpointer(path))

    @property
    def indexer(self) -> TermIndexer:
        """Search terms (Kiwi); built on first use when no analyzer was given."""
        if self._indexer is None:
            self._indexer = TermIndexer(KoreanAnalyzer())
        return self._indexer

    def share_indexer(self, indexer: TermIndexer) -> None:
        """Make search terms with `indexer` (whose word cache outlives this store) unless this
        store has its own already."""
        if self._indexer is None:
            self._indexer = indexer

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def add(self, facts: DocumentFacts) -> Added:
        """Store one document's facts in one transaction; a repeat changes nothing."""
        doc = facts.document
        flat = stories.flatten(f"{doc.title or ''}\n{doc.text}")
        digest = _digest(flat)
        existing = self._existing(digest, doc.url)
        if existing is not None:
            return Added(status="duplicate", document_id=existing[0], story_id=existing[1])
        texts = [s.text for s in facts.sentences]
        terms = self.indexer.terms_many(texts)
        signature = stories.flat_signature(flat)
        try:
            added = self._transact(facts, digest, terms, signature)
        except sqlite3.IntegrityError:
            # another process stored the same article between our check and our write
            existing = self._existing(digest, doc.url)
            if existing is None:
                raise
            return Added(status="duplicate", document_id=existing[0], story_id=existing[1])
        except sqlite3.Error as exc:
            raise StoreError(describe(exc), source=str(self.path)) from exc
        self._entities_written.update(self._entities_pending)
        return added

    def _transact(
        self, facts: DocumentFacts, digest: str, terms: list[list[str]], signature: np.ndarray
    ) -> Added:
        try:
            with transaction(self.conn):
                self._deals.begin()
                added = self._write(facts, digest, terms, signature)
        except BaseException:
            self._deals.discard()  # it remembers what was rolled back
            raise
        self._deals.committed()
        return added

    def _existing(self, digest: str, url: str | None) -> tuple[int, int] | None:
        try:
            row = self.conn.execute(
                "SELECT id, story_id FROM documents WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)",
                (digest, url),
            ).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(describe(exc), source=str(self.path)) from exc
        return (row[0], row[1]) if row else None

    def find_url(self, url: str) -> Added | None:
        """The stored document fetched from `url`, as a duplicate outcome; None when new."""
        row = self.conn.execute("SELECT id, story_id FROM documents WHERE url = ?", (url,)).fetchone()
        return None if row is None else Added(status="duplicate", document_id=row[0], story_id=row[1])

    def feed_state(self, url: str) -> tuple[str | None, str | None] | None:
        """(etag, last_modified) of a feed polled before; None for a feed never seen."""
        row = self.conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return None if row is None else (row[0], row[1])

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        try:
            with transaction(self.conn):
                self.conn.execute(
                    """INSERT INTO feeds (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)
                       ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                           last_modified = excluded.last_modified, checked_at = excluded.checked_at""",
                    (url, etag, last_modified, datetime.now(UTC).isoformat(timespec="seconds")),
                )
        except sqlite3.Error as exc:
            raise StoreError(describe(exc), source=str(self.path)) from exc

    def _write(
        self, facts: DocumentFacts, digest: str, terms: list[list[str]], signature: np.ndarray
    ) -> Added:
        conn, doc = self.conn, facts.document
        record = document_record(facts)
        cur = conn.execute(
            """INSERT INTO documents (doc, source, url, content_hash, title, published, site, format,
                   language, text, layer_primary, layers, signals, tags, story_id, record, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
            (
                doc.doc,
                doc.source,
                doc.url,
                digest,
                doc.title,
                doc.published,
                doc.site,
                doc.format,
                facts.language,
                doc.text,
                facts.layers.primary,
                _json(list(facts.layers.all)),
                _json(list(facts.signals)),
                _json(list(doc.tags)),
                _json(record),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        doc_id = int(cur.lastrowid or 0)
        story_id, near = self._place_in_story(doc_id, signature)
        conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story_id, doc_id))
        self._write_sentences(doc_id, facts, terms)
        self._write_entities(doc_id, facts)
        conn.executemany(
            "INSERT INTO amounts (document_id, sentence_idx, text, value, currency, usd, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    amount.evidence.sentence,
                    amount.text,
                    None if amount.value is None else str(amount.value),
                    amount.currency,
                    None if amount.usd is None else float(amount.usd),
                    _json(serialized),
                )
                for amount, serialized in zip(facts.amounts, record["amounts"], strict=True)
            ],
        )
        event_amounts = [r["amount"] for r in record["events"]]
        reports = self._write_events(doc_id, facts.events, event_amounts, doc.published)
        self._deals.update(reports)
        return Added(
            status="new",
            document_id=doc_id,
            story_id=story_id,
            near_duplicate=near,
            deals=tuple(report.deal_id for report in reports),
        )

    def _place_in_story(self, doc_id: int, signature: np.ndarray) -> tuple[int, bool]:
        conn = self.conn
        keys = stories.band_keys(signature)
        # a few documents per band are enough: a story's members resemble each other, and the
        # limit keeps a story told a thousand times as cheap to join as one told twice
        params = [value for pair in keys for value in pair]
        candidates = sorted(row[0] for row in conn.execute(_BAND_CANDIDATES, params))
        best: tuple[float, int] | None = None
        for other in candidates:
            blob = conn.execute("SELECT signature FROM minhashes WHERE document_id = ?", (other,)).fetchone()
            score = stories.similarity(signature, stories.from_blob(blob[0]))
            if score >= stories.THRESHOLD and (best is None or score > best[0]):
                best = (score, other)
        blob = stories.to_blob(signature)
        conn.execute("INSERT INTO minhashes (document_id, signature) VALUES (?, ?)", (doc_id, blob))
        conn.executemany(
            "INSERT OR IGNORE INTO story_bands (band, key, document_id) VALUES (?, ?, ?)",
            [(band, key, doc_id) for band, key in keys],
        )
        if best is None:
            conn.execute("INSERT INTO stories (id, first_document, size) VALUES (?, ?, 1)", (doc_id, doc_id))
            return doc_id, False
        story_id = conn.execute("SELECT story_id FROM documents WHERE id = ?", (best[1],)).fetchone()[0]
        conn.execute("UPDATE stories SET size = size + 1 WHERE id = ?", (story_id,))
        return int(story_id), True

    def _write_sentences(self, doc_id: int, facts: DocumentFacts, terms: list[list[str]]) -> None:
        by_sentence: dict[int, set[str]] = {}
        for mention in facts.mentions:
            by_sentence.setdefault(mention.evidence.sentence, set()).add(entity_term(mention.entity))
        rows = [(doc_id, s.index, s.text, int(s.is_title)) for s in facts.sentences]
        self.conn.executemany(
            "INSERT INTO sentences (document_id, idx, text, is_title) VALUES (?, ?, ?, ?)", rows
        )
        ids = dict(self.conn.execute("SELECT idx, id FROM sentences WHERE document_id = ?", (doc_id,)))
        self.conn.executemany(
            "INSERT INTO sentence_fts (rowid, terms) VALUES (?, ?)",
            [
                (ids[s.index], " ".join([*words, *sorted(by_sentence.get(s.index, ()))]))
                for s, words in zip(facts.sentences, terms, strict=True)
            ],
        )

    def _write_entities(self, doc_id: int, facts: DocumentFacts) -> None:
        conn = self.conn
        if len(self._entities_written) > _ENTITIES_REMEMBERED:
            self._entities_written.clear()
        self._entities_pending = []
        rows: list[tuple[object, ...]] = []
        aliases: list[tuple[str, str]] = []
        for e in facts.entities:
            key = (e.id, e.name, e.type, e.aliases, e.layers, e.country, e.ticker, e.kind, e.known)
            if key in self._entities_written:
                continue
            self._entities_pending.append(key)
            row = (e.id, e.name, e.type, e.country, e.ticker, e.kind, int(e.known), _json(list(e.layers)))
            names = sorted({e.name, *e.aliases})
            rows.append(row)
            aliases.extend((e.id, alias) for alias in names)
        conn.executemany("INSERT OR IGNORE INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        # a knowledge-base entry replaces what an earlier document only guessed
        conn.executemany(
            """UPDATE entities SET name = ?2, type = ?3, country = ?4, ticker = ?5, kind = ?6, known = ?7,
                   layers = ?8 WHERE id = ?1 AND known = 0 AND ?7 = 1""",
            [r for r in rows if r[6]],
        )
        conn.executemany("INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)", aliases)
        known = {e.id for e in facts.entities}
        conn.executemany(
            "INSERT INTO mentions (document_id, sentence_idx, entity_id, surface, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (doc_id, m.evidence.sentence, m.entity, m.surface, m.evidence.start, m.evidence.end)
                for m in facts.mentions
                if m.entity in known
            ],
        )

    def _write_events(
        self,
        doc_id: int,
        events: Sequence[Event],
        amounts: Sequence[dict[str, Any] | None],
        published: str | None,
    ) -> list[Report]:
        """Insert the events, each with its deal, and their actors (`amounts`: each event's
        amount record); what each adds to its deal."""
        conn = self.conn
        # the ids the events will have: nobody else writes while this transaction holds the lock
        (first_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM events").fetchone()
        rows: list[tuple[object, ...]] = []
        actors: list[tuple[int, str, str, str]] = []  # event id, role, entity id, name
        reports: list[Report] = []
        for idx, (event, serialized) in enumerate(zip(events, amounts, strict=True)):
            event_id = first_id + idx
            usd = float(event.amount.usd) if event.amount and event.amount.usd is not None else None
            when = dealmath.span(event.date or published)
            deal_id = self._deals.deal_for(event, when)
            amount = _json(serialized) if serialized is not None else None
            self._deals.note_event(event_id, usd, amount)
            lo, hi = (when.lo.isoformat(), when.hi.isoformat()) if when else (None, None)
            rows.append(
                (
                    event_id,
                    doc_id,
                    idx,
                    event.type,
                    event.sentence,
                    event.evidence,
                    amount,
                    usd,
                    event.date,
                    published,
                    lo,
                    hi,
                    event.period,
                    event.status,
                    _json(list(event.layers)),
                    _json(list(event.signals)),
                    event.metric,
                    event.confidence,
                    deal_id,
                )
            )
            actors.extend((event_id, a.role, a.entity, a.name) for a in event.actors)
            reports.append(
                report_of(
                    event,
                    event_id=event_id,
                    deal_id=deal_id,
                    document_id=doc_id,
                    when=when,
                    reported=published,
                )
            )
        conn.executemany(
            """INSERT INTO events (id, document_id, idx, type, sentence_idx, evidence, amount, usd, date,
                   reported, span_lo, span_hi, period, status, layers, signals, metric, confidence, deal_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        conn.executemany(
            "INSERT INTO event_actors (event_id, role, entity_id, name) VALUES (?, ?, ?, ?)", actors
        )
        return reports

    # -- reading ----------------------------------------------------------------------------

    def counts(self) -> StoreCounts:
        one = self._one
        return StoreCounts(
            documents=one("SELECT count(*) FROM documents"),
            stories=one("SELECT count(*) FROM stories"),
            sentences=one("SELECT count(*) FROM sentences"),
            entities=one("SELECT count(*) FROM entities"),
            events=one("SELECT count(*) FROM events"),
            deals=one("SELECT count(*) FROM deals"),
            conflicts=one("SELECT count(*) FROM deals WHERE conflict = 1"),
        )

    def _one(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            return int(self.conn.execute(sql, params).fetchone()[0])
        except sqlite3.Error as exc:
            raise StoreError(describe(exc), source=str(self.path)) from exc

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
        """Rows of a read query (used by `store.queries`; never with user text in `sql`)."""
        try:
            cur = self.conn.cursor()
            cur.row_factory = sqlite3.Row
            yield from cur.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(describe(exc), source=str(self.path)) from exc

    def add_many(self, batch: Iterable[DocumentFacts]) -> Iterator[Added]:
        for facts in batch:
            yield self.add(facts)
