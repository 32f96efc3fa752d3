"""`stackwatch export`: documents, entities, events and deals as JSON Lines, CSV or Parquet.

Each table is written to a temporary file and renamed into place, so an interrupted
export never leaves a half-written file under the final name.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from stackwatch.errors import StoreError
from stackwatch.store import queries
from stackwatch.store.records import DealFilter
from stackwatch.store.store import Store

FORMATS = ("jsonl", "csv", "parquet")


def tables(store: Store) -> dict[str, Callable[[], Iterator[dict[str, Any]]]]:
    return {
        "documents": lambda: queries.document_records(store),
        "entities": lambda: queries.entity_records(store),
        "events": lambda: queries.event_records(store),
        "deals": lambda: (queries.deal_record(d) for d in queries.deals(store, DealFilter())),
    }


def export(store: Store, fmt: str, out: Path) -> dict[str, int]:
    """Write every table to `out/<table>.<fmt>`; the row count of each."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})", source="--format")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder: {exc.strerror or exc}", source=str(out)) from exc
    counts = {}
    for name, rows in tables(store).items():
        target = out / f"{name}.{fmt}"
        partial = target.with_suffix(target.suffix + ".partial")
        try:
            counts[name] = _WRITERS[fmt](rows(), partial)
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise StoreError(f"cannot write: {exc.strerror or exc}", source=str(target)) from exc
    return counts


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """Nested values (objects, lists of objects) as JSON text; lists of plain values stay lists."""
    flat = {}
    for key, value in record.items():
        nested = isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
        if isinstance(value, dict) or nested:
            flat[key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def _jsonl(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel reads Hangul right
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            flat = {k: _cell(v) for k, v in _flat(row).items()}
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(flat), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(flat)
            count += 1
    return count


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa  # noqa: PLC0415 - only export needs Arrow
    import pyarrow.parquet as pq  # noqa: PLC0415

    records = [_flat(r) for r in rows]
    table = pa.Table.from_pylist(records) if records else pa.table({})
    pq.write_table(table, path)
    return len(records)


_WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], Path], int]] = {
    "jsonl": _jsonl,
    "csv": _csv,
    "parquet": _parquet,
}
