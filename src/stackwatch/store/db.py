"""Opening the store: one SQLite file, WAL mode, migrations, and clear refusals.

Only `store/` speaks SQL. A file that is not SQLite, or is SQLite of another
application, or comes from a newer stackwatch, is refused and left untouched. Every
SQLite failure surfaces as a `StoreError` naming the file: a read-only file, a full
disk and a corrupt page each say so in one line.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir

from stackwatch.errors import StoreError
from stackwatch.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

logger = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_VAR = "STACKWATCH_DB"


def default_path() -> Path:
    """`$STACKWATCH_DB`, else `stackwatch.db` in the user's data directory."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return Path(user_data_dir("stackwatch", appauthor=False)) / "stackwatch.db"


def describe(exc: sqlite3.Error) -> str:
    """A one-line reason for an SQLite error, in the user's terms."""
    text = str(exc)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only; nothing was written"
    if "disk is full" in lowered or "database or disk is full" in lowered:
        return "the disk is full; the last document was not stored"
    if "malformed" in lowered or "not a database" in lowered:
        return "the database file is corrupt (SQLite says: " + text + ")"
    if "locked" in lowered or "busy" in lowered:
        return "the database is locked by another stackwatch process; try again"
    if "unable to open" in lowered:
        return "cannot open the database file (missing folder or no permission)"
    return "database error: " + text


WAL_CHECKPOINT_PAGES = 10_000  # of 4 KiB; measured with benchmarks/ingest_throughput.py
WAL_SIZE_LIMIT = 64 * 1024 * 1024
CHECKPOINT_SECONDS = 1.0  # how often a writer's checkpoint thread copies the WAL back


class Checkpointer:
    """Copies a writer's WAL back into the database file from a thread of its own.

    A checkpoint ends in an fsync; run by the writer on commit it made storing wait on the
    disk (about 5% of an ingest). Here the wait overlaps the writer's work. A PASSIVE
    checkpoint never blocks the writer and is as crash-safe as any; should this thread fall
    behind, the writer's own autocheckpoint still bounds the WAL."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"checkpoint {path.name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, isolation_level=None)
        except sqlite3.Error as exc:
            logger.debug("checkpoint thread for %s did not start: %s", self._path, exc)
            return
        try:
            while not self._stop.wait(CHECKPOINT_SECONDS):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # busy or gone: the next round, or the writer, does it
                    logger.debug("checkpoint of %s skipped: %s", self._path, exc)
        finally:
            conn.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the store at `path`, created and migrated when `readonly` is false."""
    source = str(path)
    _check_file(path, readonly=readonly)
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 5000")
        _check_owner(conn, source)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # checkpoint every ~40 MB of WAL, not every 4 MB: a page rewritten by many
            # documents (an index's busy leaf, the FTS segments) reaches the file once, and
            # the checkpoint's fsync is paid a tenth as often; the WAL is cut back after
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
            _migrate(conn, source)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(describe(exc), source=source) from exc
    except OSError as exc:
        raise StoreError(f"cannot open the database: {exc.strerror or exc}", source=source) from exc
    return conn


def _check_file(path: Path, *, readonly: bool) -> None:
    source = str(path)
    if path.is_dir():
        raise StoreError("is a folder, not a database file", source=source)
    if not path.exists():
        if readonly:
            raise StoreError("no store here yet; run `stackwatch ingest` first", source=source)
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read the database file: {exc.strerror or exc}", source=source) from exc
    if head and head != _SQLITE_MAGIC:
        raise StoreError("not a stackwatch database (not SQLite); left untouched", source=source)


def _check_owner(conn: sqlite3.Connection, source: str) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and tables:
        raise StoreError(
            "a SQLite database of another application, not a stackwatch store; left untouched", source=source
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"made by a newer stackwatch (schema {version}, this one reads up to {SCHEMA_VERSION})",
            source=source,
        )


def _migrate(conn: sqlite3.Connection, source: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        logger.info("store %s: applying migration %d", source, number)
        with transaction(conn):
            if callable(script):
                script(conn)
            else:
                for statement in _statements(script):
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {number}")


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script (none of ours has a `;` inside a statement)."""
    for part in script.split(";"):
        lines = [line.split("--", 1)[0] for line in part.splitlines()]
        statement = "\n".join(lines).strip()
        if statement:
            yield statement


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error: all of it is stored, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
