"""DocumentFacts and Failures → Arrow tables with SCHEMA.md's names, and records back.

A scaled run writes five tables, each a folder of Parquet shards (see `shards.py`):

    documents   one row per document; `record_json` is its whole SCHEMA.md record
    entities    one row per entity of a document
    amounts     one row per money amount of a document
    events      one row per event; `actors` is a list of {role, name}
    errors      one row per input that failed, with the line `extract` would print

Every table carries `doc` and `content_hash` (sha1 of the input's bytes): together they
identify a document across tables and are the key a resumed run skips by. Money stays
exact as a decimal string (`value`, `usd`, `krw`); `value_f`, `usd_f`, `krw_f` are the
same numbers as float64 for SQL that sums and sorts. The flat columns are for querying;
`record_json` is the contract, and `read_records` rebuilds the records from it alone;
`facts_json` keeps everything else the store needs (text, sentences, mentions), and
`read_facts` rebuilds DocumentFacts from it for `stackwatch ingest --from-parquet`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from stackwatch.codec import facts_from_json, facts_to_json
from stackwatch.extract import document_record
from stackwatch.pipeline import Failure, Outcome
from stackwatch.records import DocumentFacts

_STRINGS = pa.list_(pa.string())
_KEY = [pa.field("doc", pa.string(), nullable=False), pa.field("content_hash", pa.string(), nullable=False)]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            *_KEY,
            pa.field("source", pa.string()),
            pa.field("title", pa.string()),
            pa.field("published", pa.string()),
            pa.field("language", pa.string()),
            pa.field("url", pa.string()),
            pa.field("site", pa.string()),
            pa.field("layer_primary", pa.string()),
            pa.field("layers", _STRINGS),
            pa.field("signals", _STRINGS),
            pa.field("record_json", pa.string(), nullable=False),
            pa.field("facts_json", pa.string(), nullable=False),
        ]
    ),
    "entities": pa.schema(
        [
            *_KEY,
            pa.field("name", pa.string()),
            pa.field("type", pa.string()),
            pa.field("aliases", _STRINGS),
            pa.field("layers", _STRINGS),
            pa.field("country", pa.string()),
            pa.field("ticker", pa.string()),
            pa.field("mentions", pa.int32()),
            pa.field("new", pa.bool_()),
        ]
    ),
    "amounts": pa.schema(
        [
            *_KEY,
            pa.field("idx", pa.int32()),
            pa.field("text", pa.string()),
            pa.field("value", pa.string()),
            pa.field("value_f", pa.float64()),
            pa.field("value_high", pa.string()),
            pa.field("currency", pa.string()),
            pa.field("usd", pa.string()),
            pa.field("usd_f", pa.float64()),
            pa.field("krw", pa.string()),
            pa.field("krw_f", pa.float64()),
            pa.field("approx", pa.bool_()),
            pa.field("qualifier", pa.string()),
            pa.field("per_year", pa.bool_()),
            pa.field("flags", _STRINGS),
        ]
    ),
    "events": pa.schema(
        [
            *_KEY,
            pa.field("idx", pa.int32()),
            pa.field("type", pa.string()),
            pa.field("actors", pa.list_(pa.struct([("role", pa.string()), ("name", pa.string())]))),
            pa.field("amount_text", pa.string()),
            pa.field("amount_value", pa.string()),
            pa.field("amount_currency", pa.string()),
            pa.field("amount_usd", pa.string()),
            pa.field("amount_usd_f", pa.float64()),
            pa.field("date", pa.string()),
            pa.field("period", pa.string()),
            pa.field("status", pa.string()),
            pa.field("metric", pa.string()),
            pa.field("layers", _STRINGS),
            pa.field("signals", _STRINGS),
            pa.field("evidence", pa.string()),
            pa.field("confidence", pa.float64()),
        ]
    ),
    "errors": pa.schema(
        [
            *_KEY,
            pa.field("source", pa.string(), nullable=False),
            pa.field("message", pa.string(), nullable=False),
            pa.field("internal", pa.bool_(), nullable=False),
        ]
    ),
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)

Row = dict[str, Any]
FactsRows = dict[str, list[Row]]  # one document's rows, by table


class TableRows:
    """Rows for the five tables, gathered one outcome at a time, then built into Arrow tables."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {name: [] for name in TABLES}
        self.documents = 0
        self.failures: list[Failure] = []

    def __len__(self) -> int:
        return self.documents + len(self.failures)

    def add(self, outcome: Outcome | FactsRows, *, doc: str, content_hash: str) -> None:
        """The rows of one outcome (or of facts already made rows by `facts_rows`); `doc` and
        `content_hash` are the input's key (for a Failure, whose record has no doc of its own)."""
        if isinstance(outcome, Failure):
            self.failures.append(outcome)
            self.rows["errors"].append(failure_row(outcome, doc=doc, content_hash=content_hash))
            return
        self.documents += 1
        rows = outcome if isinstance(outcome, dict) else facts_rows(outcome, content_hash=content_hash)
        for table, table_rows in rows.items():
            self.rows[table].extend(table_rows)

    def tables(self) -> dict[str, pa.Table]:
        """The non-empty tables, each with its fixed schema (so every shard of a table matches)."""
        return {
            name: pa.Table.from_pylist(rows, schema=SCHEMAS[name]) for name, rows in self.rows.items() if rows
        }


def failure_row(failure: Failure, *, doc: str, content_hash: str) -> Row:
    return {
        "doc": doc,
        "content_hash": content_hash,
        "source": failure.source,
        "message": failure.message,
        "internal": failure.internal,
    }


def facts_rows(facts: DocumentFacts, *, content_hash: str) -> FactsRows:
    """One document's rows for the documents, entities, amounts and events tables."""
    record = document_record(facts)
    key = {"doc": record["doc"], "content_hash": content_hash}
    document = {
        **key,
        "source": facts.document.source,
        "title": record["title"],
        "published": record["published"],
        "language": record["language"],
        "url": record.get("url"),
        "site": record.get("site"),
        "layer_primary": record["layers"]["primary"],
        "layers": record["layers"]["all"],
        "signals": record["signals"],
        "record_json": json.dumps(record, ensure_ascii=False),
        "facts_json": facts_to_json(facts),  # lossless, for `stackwatch ingest --from-parquet`
    }
    entities = [{**key, **entity, "new": entity.get("new", False)} for entity in record["entities"]]
    amounts = [
        {
            **key,
            "idx": index,
            **amount,
            **_money("value", exact.value),
            **_money("usd", exact.usd),
            **_money("krw", exact.krw),
            "value_high": _decimal_text(exact.value_high),
            "per_year": exact.per_year,
        }
        for index, (exact, amount) in enumerate(zip(facts.amounts, record["amounts"], strict=True))
    ]
    events = [
        {
            **key,
            **{name: value for name, value in event.items() if name != "amount"},
            "idx": index,
            "amount_text": exact.amount.text if exact.amount else None,
            "amount_value": _decimal_text(exact.amount.value) if exact.amount else None,
            "amount_currency": exact.amount.currency if exact.amount else None,
            "amount_usd": _decimal_text(exact.amount.usd) if exact.amount else None,
            "amount_usd_f": float(exact.amount.usd)
            if exact.amount and exact.amount.usd is not None
            else None,
        }
        for index, (exact, event) in enumerate(zip(facts.events, record["events"], strict=True))
    ]
    return {"documents": [document], "entities": entities, "amounts": amounts, "events": events}


def _money(name: str, value: Decimal | None) -> Row:
    return {name: _decimal_text(value), f"{name}_f": float(value) if value is not None else None}


def _decimal_text(value: Decimal | None) -> str | None:
    """Plain notation, never an exponent: "38000000000", "193.16"."""
    return None if value is None else format(value, "f")


def read_facts(out_dir: Path | str) -> Iterator[DocumentFacts | Failure]:
    """The full facts of a run's output folder (for the store), one document at a time; a row
    that cannot be read back is a Failure naming its shard."""
    for shard in sorted(Path(out_dir, "documents").glob("*.parquet")):
        for batch in pq.ParquetFile(shard).iter_batches(columns=["doc", "facts_json"]):
            for doc, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
                try:
                    yield facts_from_json(text)
                except (ValueError, TypeError) as exc:
                    yield Failure(f"{shard}:{doc}", f"unreadable facts ({exc}); skipped")


def read_records(out_dir: Path | str) -> Iterator[dict[str, Any]]:
    """The SCHEMA.md records of a run's output folder, from `documents/*.parquet`.

    Shards are read in name order and rows in shard order, one batch at a time, so memory
    stays flat however large the backfill. Each record equals `document_record`'s, key order too.
    """
    for shard in sorted(Path(out_dir, "documents").glob("*.parquet")):
        for batch in pq.ParquetFile(shard).iter_batches(columns=["record_json"]):
            for text in batch.column(0).to_pylist():
                yield json.loads(text)
