"""DocumentFacts → Arrow rows with SCHEMA.md's names, and records back (`stackwatch.scale.rows`)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq

from stackwatch.extract import document_record
from stackwatch.pipeline import Failure, Outcome
from stackwatch.records import (
    Actor,
    Amount,
    Document,
    DocumentFacts,
    Entity,
    Event,
    Evidence,
    LayerAssignment,
)
from stackwatch.scale.rows import SCHEMAS, TABLES, TableRows, read_records
from stackwatch.scale.shards import write_batch

AT = Evidence(sentence=1, start=0, end=4)
SHARE_SALE = Amount(
    text="$193.16",
    value=Decimal("193.16"),
    currency="USD",
    evidence=AT,
    usd=Decimal("193.16"),
    usd_rate=Decimal(1),
)
DEAL = Amount(
    text="380억 달러(약 51조 원)",
    value=Decimal("38000000000"),
    currency="USD",
    evidence=AT,
    usd=Decimal("38000000000"),
    krw=Decimal("51000000000000"),
    approx=True,
    qualifier="min",
    flags=("vague",),
)
FACTS = DocumentFacts(
    document=Document(doc="a.txt", source="news/a.txt", text="...", title="T", published="2025-11"),
    language="ko",
    sentences=(),
    entities=(
        Entity(
            id="openai", name="OpenAI", type="company", aliases=("오픈AI",), layers=("model",), mentions=2
        ),
        Entity(id="new:x", name="엑스", type="product", known=False, mentions=1),
    ),
    amounts=(DEAL, SHARE_SALE),
    events=(
        Event(
            type="contract",
            actors=(
                Actor(role="customer", entity="openai", name="OpenAI"),
                Actor(role="provider", entity="aws", name="Amazon Web Services"),
            ),
            evidence="오픈AI가 AWS와 380억 달러 계약을 맺었다.",
            sentence=1,
            amount=DEAL,
            date="2025-11",
            period="7y",
            confidence=0.9,
        ),
    ),
    layers=LayerAssignment(primary="infrastructure", all=("infrastructure", "model")),
    signals=("capex",),
)


def rows_of(*outcomes: Outcome) -> dict[str, list[dict[str, object]]]:
    rows = TableRows()
    for outcome in outcomes:
        rows.add(outcome, doc="a.txt", content_hash="h1")
    return {name: table.to_pylist() for name, table in rows.tables().items()}


def test_every_table_has_its_fixed_schema() -> None:
    rows = TableRows()
    rows.add(FACTS, doc="a.txt", content_hash="h1")
    rows.add(Failure("news/b.txt", "empty file; skipped"), doc="b.txt", content_hash="h2")
    assert {name: table.schema for name, table in rows.tables().items()} == SCHEMAS
    assert TABLES == ("documents", "entities", "amounts", "events", "errors")


def test_a_document_row_holds_its_whole_record_as_json() -> None:
    (document,) = rows_of(FACTS)["documents"]
    assert json.loads(str(document["record_json"])) == document_record(FACTS)
    assert {
        k: document[k] for k in ("doc", "content_hash", "language", "layer_primary", "layers", "signals")
    } == {
        "doc": "a.txt",
        "content_hash": "h1",
        "language": "ko",
        "layer_primary": "infrastructure",
        "layers": ["infrastructure", "model"],
        "signals": ["capex"],
    }


def test_money_is_exact_decimal_text_beside_a_float() -> None:
    deal, share = rows_of(FACTS)["amounts"]
    assert (deal["value"], deal["usd"], deal["krw"], deal["value_f"]) == (
        "38000000000",
        "38000000000",
        "51000000000000",
        38e9,
    )
    assert (deal["approx"], deal["qualifier"], deal["flags"], deal["idx"]) == (True, "min", ["vague"], 0)
    assert (share["value"], share["value_f"], share["krw"], share["krw_f"]) == ("193.16", 193.16, None, None)


def test_entities_keep_aliases_and_say_which_are_new() -> None:
    known, new = rows_of(FACTS)["entities"]
    assert (known["name"], known["aliases"], known["mentions"], known["new"]) == (
        "OpenAI",
        ["오픈AI"],
        2,
        False,
    )
    assert (new["name"], new["new"]) == ("엑스", True)


def test_event_actors_are_role_name_structs_and_the_amount_is_flat() -> None:
    (event,) = rows_of(FACTS)["events"]
    assert event["actors"] == [
        {"role": "customer", "name": "OpenAI"},
        {"role": "provider", "name": "Amazon Web Services"},
    ]
    assert (event["amount_text"], event["amount_usd"], event["amount_usd_f"]) == (
        "380억 달러(약 51조 원)",
        "38000000000",
        38e9,
    )
    assert (event["type"], event["period"], event["status"], event["confidence"]) == (
        "contract",
        "7y",
        "done",
        0.9,
    )


def test_a_failure_is_one_error_row_with_the_inputs_key() -> None:
    tables = rows_of(Failure("news/a.txt", "bug", internal=True))
    assert tables == {
        "errors": [
            {"doc": "a.txt", "content_hash": "h1", "source": "news/a.txt", "message": "bug", "internal": True}
        ]
    }


def test_read_records_gives_back_the_records_written(tmp_path: Path) -> None:
    other = DocumentFacts(
        document=Document(doc="b.txt", source="b.txt", text="..."), language="en", sentences=()
    )
    rows = TableRows()
    rows.add(FACTS, doc="a.txt", content_hash="h1")
    rows.add(other, doc="b.txt", content_hash="h2")
    write_batch(rows, tmp_path, "part-1")
    records = list(read_records(tmp_path))
    assert records == [document_record(f) for f in (FACTS, other)]
    assert [list(r) for r in records] == [list(document_record(f)) for f in (FACTS, other)]  # key order
    assert pq.read_table(tmp_path / "events" / "part-1.parquet").num_rows == 1
