"""The store's tables, as numbered migrations.

A migration is applied once, in order, inside one transaction, and recorded in SQLite's
`user_version`. `application_id` marks the file as a stackwatch store, so a foreign
database given as `--db` is refused instead of being written into.

    documents ─┬─ sentences ── sentence_fts (Kiwi morphemes + entity ids, FTS5)
               ├─ mentions ──── entities ── entity_aliases
               ├─ amounts
               ├─ events ──┬── event_actors
               │           └── deal_sources ── deals ── deal_actors
               └─ stories ─── story_bands (MinHash LSH bands)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from stackwatch.store import stories

APPLICATION_ID = 0x53574348  # "SWCH"


def _resign_stories(conn: sqlite3.Connection) -> None:
    """Every stored document's signature and bands, made again the way `stories` makes them
    now; the stories themselves stay as they are."""
    conn.execute("DELETE FROM story_bands")
    for doc_id, title, text in conn.execute("SELECT id, title, text FROM documents").fetchall():
        signature = stories.signature(f"{title or ''}\n{text}")
        conn.execute(
            "UPDATE minhashes SET signature = ? WHERE document_id = ?", (stories.to_blob(signature), doc_id)
        )
        conn.executemany(
            "INSERT OR IGNORE INTO story_bands (band, key, document_id) VALUES (?, ?, ?)",
            [(band, key, doc_id) for band, key in stories.band_keys(signature)],
        )


def _reband_stories(conn: sqlite3.Connection) -> None:
    """Every stored document's bands, cut from its signature the way `stories` cuts them now."""
    conn.execute("DELETE FROM story_bands")
    for doc_id, blob in conn.execute("SELECT document_id, signature FROM minhashes").fetchall():
        conn.executemany(
            "INSERT OR IGNORE INTO story_bands (band, key, document_id) VALUES (?, ?, ?)",
            [(band, key, doc_id) for band, key in stories.band_keys(stories.from_blob(blob))],
        )


# A migration is a SQL script, or a function for what SQL cannot do.
Migration = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: tuple[Migration, ...] = (
    # 1: the record
    """
    CREATE TABLE documents (
        id            INTEGER PRIMARY KEY,
        doc           TEXT NOT NULL,
        source        TEXT NOT NULL,
        url           TEXT UNIQUE,
        content_hash  TEXT NOT NULL UNIQUE,
        title         TEXT,
        published     TEXT,
        site          TEXT,
        format        TEXT NOT NULL,
        language      TEXT NOT NULL,
        text          TEXT NOT NULL,
        layer_primary TEXT,
        layers        TEXT NOT NULL,   -- JSON list
        signals       TEXT NOT NULL,   -- JSON list
        tags          TEXT NOT NULL,   -- JSON list
        story_id      INTEGER NOT NULL,
        record        TEXT NOT NULL,   -- the SCHEMA.md record, JSON
        ingested_at   TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_story ON documents(story_id);

    CREATE TABLE stories (
        id             INTEGER PRIMARY KEY,  -- the id of its first document
        first_document INTEGER NOT NULL,
        size           INTEGER NOT NULL
    );
    CREATE TABLE story_bands (
        band        INTEGER NOT NULL,
        key         INTEGER NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        PRIMARY KEY (band, key, document_id)
    ) WITHOUT ROWID;
    CREATE TABLE minhashes (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id),
        signature   BLOB NOT NULL
    );

    CREATE TABLE sentences (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        idx         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        is_title    INTEGER NOT NULL,
        UNIQUE (document_id, idx)
    );
    CREATE VIRTUAL TABLE sentence_fts USING fts5(
        terms, content='', tokenize='unicode61 remove_diacritics 2'
    );

    CREATE TABLE entities (
        id      TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        type    TEXT NOT NULL,
        country TEXT,
        ticker  TEXT,
        kind    TEXT,
        known   INTEGER NOT NULL,
        layers  TEXT NOT NULL          -- JSON list
    );
    CREATE TABLE entity_aliases (
        entity_id TEXT NOT NULL REFERENCES entities(id),
        alias     TEXT NOT NULL,
        PRIMARY KEY (entity_id, alias)
    ) WITHOUT ROWID;
    CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

    CREATE TABLE mentions (
        document_id  INTEGER NOT NULL REFERENCES documents(id),
        sentence_idx INTEGER NOT NULL,
        entity_id    TEXT NOT NULL REFERENCES entities(id),
        surface      TEXT NOT NULL,
        start        INTEGER NOT NULL,
        end          INTEGER NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_document ON mentions(document_id);

    CREATE TABLE amounts (
        id           INTEGER PRIMARY KEY,
        document_id  INTEGER NOT NULL REFERENCES documents(id),
        sentence_idx INTEGER NOT NULL,
        text         TEXT NOT NULL,
        value        TEXT,             -- Decimal as text: exact
        currency     TEXT,
        usd          REAL,
        record       TEXT NOT NULL     -- the SCHEMA.md amount, JSON
    );
    CREATE INDEX amounts_document ON amounts(document_id);

    CREATE TABLE deals (
        id             INTEGER PRIMARY KEY,
        type           TEXT NOT NULL,
        match_key      TEXT NOT NULL,  -- the type, or type:metric for financials
        principals     TEXT NOT NULL,  -- JSON list of the entity ids that identify it
        usd_values     TEXT NOT NULL,  -- JSON list of the distinct USD values reported
        status         TEXT NOT NULL,
        first_reported TEXT,
        last_reported  TEXT,
        date           TEXT,
        date_lo        TEXT,           -- the span of days its reports point at, for matching
        date_hi        TEXT,
        usd            REAL,
        amount         TEXT,           -- the SCHEMA.md amount most sources report, JSON
        conflict       INTEGER NOT NULL,
        conflict_note  TEXT,
        layers         TEXT NOT NULL,  -- JSON list
        signals        TEXT NOT NULL,  -- JSON list
        sources        INTEGER NOT NULL
    );
    CREATE INDEX deals_type ON deals(type);
    CREATE INDEX deals_match ON deals(match_key, date_hi);
    CREATE INDEX deals_first_reported ON deals(first_reported);
    CREATE TABLE deal_actors (
        deal_id   INTEGER NOT NULL REFERENCES deals(id),
        role      TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        name      TEXT NOT NULL,
        PRIMARY KEY (deal_id, role, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX deal_actors_entity ON deal_actors(entity_id);

    CREATE TABLE events (
        id           INTEGER PRIMARY KEY,
        document_id  INTEGER NOT NULL REFERENCES documents(id),
        idx          INTEGER NOT NULL,
        type         TEXT NOT NULL,
        sentence_idx INTEGER NOT NULL,
        evidence     TEXT NOT NULL,
        amount       TEXT,             -- the SCHEMA.md amount, JSON
        usd          REAL,
        date         TEXT,
        reported     TEXT,             -- the document's publication date
        span_lo      TEXT,             -- the days `date` (else `reported`) points at
        span_hi      TEXT,
        period       TEXT,
        status       TEXT NOT NULL,
        layers       TEXT NOT NULL,
        signals      TEXT NOT NULL,
        metric       TEXT,
        confidence   REAL NOT NULL,
        deal_id      INTEGER REFERENCES deals(id),
        UNIQUE (document_id, idx)
    );
    CREATE INDEX events_deal ON events(deal_id);
    CREATE INDEX events_type ON events(type);
    CREATE TABLE event_actors (
        event_id  INTEGER NOT NULL REFERENCES events(id),
        role      TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        name      TEXT NOT NULL
    );
    CREATE INDEX event_actors_event ON event_actors(event_id);
    CREATE INDEX event_actors_entity ON event_actors(entity_id);

    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        checked_at    TEXT
    );
    """,
    # 2: each deal's running summary (deal_state.DealState as JSON); NULL for the deals
    # stored before, rebuilt from their events the next time a report of them arrives.
    # Each actor row carries its deal's match key, so the deals an event may report are
    # found from its actors and its type alone, however many deals of that type exist.
    """
    ALTER TABLE deals ADD COLUMN state TEXT;
    ALTER TABLE deal_actors ADD COLUMN match_key TEXT;
    UPDATE deal_actors SET match_key = (SELECT d.match_key FROM deals d WHERE d.id = deal_actors.deal_id);
    DROP INDEX deal_actors_entity;
    CREATE INDEX deal_actors_entity ON deal_actors(entity_id, match_key);
    """,
    # 3: one-permutation MinHash signatures (a fifth of the cost), so every stored document
    # is signed again; its story does not change
    _resign_stories,
    # 4: 16 LSH bands, not 32 (half the index rows a document writes)
    _reband_stories,
)
SCHEMA_VERSION = len(MIGRATIONS)
