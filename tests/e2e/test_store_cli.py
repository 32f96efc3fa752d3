"""`stackwatch ingest`, `deals`, `entity` and `export` end to end on a store in a temp folder."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from stackwatch.cli.main import app
from stackwatch.extract import Extractor

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "deals"
DEAL_KEYS = {"type", "actors", "amount", "status", "first_reported", "sources", "conflict", "reported_values"}


def _invoke(args: Sequence[str | Path]) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def _content(db: Path) -> dict[str, Any]:
    """Everything a user can see in a store, without row ids and ingest times."""
    conn = sqlite3.connect(db)
    try:
        return {
            "documents": sorted(
                conn.execute("SELECT content_hash, story_id IS NOT NULL, record FROM documents")
            ),
            "sentences": conn.execute("SELECT count(*) FROM sentences").fetchone(),
            "entities": sorted(conn.execute("SELECT id, name, type, known FROM entities")),
            "events": conn.execute("SELECT count(*) FROM events").fetchone(),
            "deals": sorted(
                conn.execute("SELECT type, status, first_reported, usd, conflict, sources FROM deals"),
                key=repr,
            ),
            "stories": conn.execute("SELECT count(*), sum(size) FROM stories").fetchone(),
        }
    finally:
        conn.close()


def test_ingest_twice_changes_nothing_and_summarises(tmp_path: Path, session_extractor: Extractor) -> None:
    db = tmp_path / "s.db"
    first = _invoke(["ingest", "--db", db, FIXTURES])
    assert first.exit_code == 0, first.stderr
    assert first.stderr.strip().splitlines()[-1] == "4 read, 4 new, 0 duplicates, 0 failed"
    before = _content(db)
    second = _invoke(["ingest", "--db", db, FIXTURES])
    assert second.stderr.strip().splitlines()[-1] == "4 read, 0 new, 4 duplicates, 0 failed"
    assert _content(db) == before


def test_ingesting_the_seeds_and_dev_set_twice_leaves_the_same_content(
    tmp_path: Path, session_extractor: Extractor, shared_dir: Path
) -> None:
    db = tmp_path / "dev.db"
    sources = [shared_dir / "seeds", shared_dir / "data" / "dev"]
    first = _invoke(["ingest", "--db", db, *sources])
    assert first.exit_code == 0, first.stderr
    before = _content(db)
    assert len(before["documents"]) >= 30
    second = _invoke(["ingest", "--db", db, *sources])
    assert " 0 new," in second.stderr
    assert _content(db) == before


def test_bad_inputs_fail_alone_and_the_batch_goes_on(tmp_path: Path, session_extractor: Extractor) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "good.txt").write_text(
        (FIXTURES / "a_korean_news.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = _invoke(["ingest", "--db", tmp_path / "s.db", folder])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "3 read, 1 new, 0 duplicates, 2 failed"
    assert sum(line.startswith("error: ") for line in lines) == 2


@pytest.fixture
def filled(tmp_path: Path, session_extractor: Extractor) -> Path:
    db = tmp_path / "deals.db"
    assert _invoke(["ingest", "--db", db, FIXTURES]).exit_code == 0
    return db


def test_deals_json_has_the_promised_shape_and_the_conflict(filled: Path) -> None:
    result = _invoke(["deals", "--db", filled, "--json", "--type", "contract"])
    assert result.exit_code == 0, result.stderr
    deals = json.loads(result.stdout)
    assert len(deals) == 1
    deal = deals[0]
    assert set(deal) >= DEAL_KEYS
    assert {a["name"] for a in deal["actors"]} == {"Microsoft", "Nebius"}
    assert deal["conflict"] is True
    assert len(deal["sources"]) == 4
    assert all(set(s) >= {"doc", "url", "published", "evidence"} for s in deal["sources"])
    assert sorted(len(v["sources"]) for v in deal["reported_values"]) == [1, 3]
    assert deal["amount"]["usd"] == 17_400_000_000


def test_deals_filters_and_formats(filled: Path) -> None:
    assert json.loads(_invoke(["deals", "--db", filled, "--json", "--month", "2025-10"]).stdout) == []
    assert json.loads(
        _invoke(["deals", "--db", filled, "--json", "--entity", "네비우스", "--conflicts"]).stdout
    )
    table = _invoke(["deals", "--db", filled, "--month", "2025-09"])
    assert "Nebius" in table.stdout
    rows = list(
        csv.reader(_invoke(["deals", "--db", filled, "--csv", "--type", "contract"]).stdout.splitlines())
    )
    assert rows[0][:3] == ["id", "type", "actors"]
    assert rows[1][1] == "contract"


def test_entity_profile_by_korean_alias(filled: Path) -> None:
    result = _invoke(["entity", "--db", filled, "네비우스", "--json"])
    assert result.exit_code == 0, result.stderr
    profile = json.loads(result.stdout)
    assert profile["name"] == "Nebius"
    assert profile["counterparties"][0]["name"] == "Microsoft"
    assert profile["usd_in"] == pytest.approx(17.4e9)
    missing = _invoke(["entity", "--db", filled, "없는회사"])
    assert missing.exit_code == 1
    assert "없는회사" in missing.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_table(filled: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    result = _invoke(["export", "--db", filled, "--format", fmt, out])
    assert result.exit_code == 0, result.stderr
    for table in ("documents", "entities", "events", "deals"):
        path = out / f"{table}.{fmt}"
        assert path.is_file()
        if fmt == "jsonl":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        elif fmt == "csv":
            rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
        else:
            rows = pq.read_table(path).to_pylist()
        assert rows, table
    assert not list(out.glob("*.partial"))


def test_store_commands_refuse_a_foreign_file_untouched(tmp_path: Path) -> None:
    db = tmp_path / "mine.txt"
    db.write_text("my shopping list\n")
    result = _invoke(["deals", "--db", db])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {db}: not a stackwatch database (not SQLite); left untouched"
    assert db.read_text() == "my shopping list\n"


def test_parquet_from_two_workers_stores_the_same_record_as_ingest(
    tmp_path: Path, session_extractor: Extractor
) -> None:
    out, direct, loaded = tmp_path / "shards", tmp_path / "direct.db", tmp_path / "loaded.db"
    written = _invoke(["extract", "--workers", "2", "--out", out, FIXTURES])
    assert written.exit_code == 0, written.stderr
    assert _invoke(["ingest", "--db", direct, FIXTURES]).exit_code == 0
    result = _invoke(["ingest", "--db", loaded, "--from-parquet", out])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "4 read, 4 new, 0 duplicates, 0 failed"
    assert _content(loaded) == _content(direct)
    again = _invoke(["ingest", "--db", loaded, "--from-parquet", out, FIXTURES])
    assert again.stderr.strip().splitlines()[-1] == "8 read, 0 new, 8 duplicates, 0 failed"


def test_ingest_needs_something_to_read(tmp_path: Path) -> None:
    result = _invoke(["ingest", "--db", tmp_path / "s.db"])
    assert result.exit_code == 2
    assert "nothing to ingest" in result.stderr
    bad = _invoke(["ingest", "--db", tmp_path / "s.db", "--from-parquet", tmp_path])
    assert bad.exit_code == 1
    assert "not an `extract --out` folder" in bad.stderr
