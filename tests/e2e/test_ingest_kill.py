"""Killing `stackwatch ingest` with SIGKILL mid-batch loses nothing already stored and
corrupts nothing; running the batch again completes it without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "deals"
BATCH = 40


def _batch(folder: Path) -> Path:
    """40 distinct articles: the deal reports, each with its own closing line."""
    folder.mkdir()
    articles = sorted(FIXTURES.iterdir())
    for i in range(BATCH):
        source = articles[i % len(articles)]
        text = source.read_text(encoding="utf-8").rstrip("\n")
        (folder / f"{i:03d}_{source.name}").write_text(
            f"{text}\n업계는 이번 거래를 올해 {i + 1}번째로 큰 클라우드 거래로 본다.\n", encoding="utf-8"
        )
    return folder


def _ingest(db: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "stackwatch", "ingest", "--db", str(db), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _documents(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _assert_consistent(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        # every stored document is whole: its sentences, its story, its events each in a deal
        assert conn.execute(
            "SELECT count(*) FROM documents d"
            " WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.document_id = d.id)"
        ).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM events WHERE deal_id IS NULL").fetchone() == (0,)
        assert conn.execute(
            "SELECT count(*) FROM deals d WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.deal_id = d.id)"
        ).fetchone() == (0,)
        assert conn.execute("SELECT coalesce(sum(size), 0) FROM stories").fetchone()[0] == docs
        assert conn.execute("SELECT count(DISTINCT content_hash) FROM documents").fetchone()[0] == docs
        return int(docs)
    finally:
        conn.close()


def test_sigkill_mid_batch_keeps_the_store_consistent_and_a_rerun_completes(tmp_path: Path) -> None:
    folder, db = _batch(tmp_path / "batch"), tmp_path / "store.db"
    process = _ingest(db, folder)
    deadline = time.monotonic() + 120
    while _documents(db) < 5 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if process.poll() is not None:
        pytest.fail(f"ingest ended before it could be killed: {process.communicate()}")
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    stored = _assert_consistent(db)
    assert 5 <= stored < BATCH

    rerun = _ingest(db, folder)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{BATCH} read, {BATCH - stored} new, {stored} duplicates" in err
    assert _assert_consistent(db) == BATCH

    again = _ingest(db, folder)
    _, err = again.communicate(timeout=300)
    assert f"{BATCH} read, 0 new, {BATCH} duplicates" in err
