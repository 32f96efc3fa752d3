"""The SCHEMA.md document record: its keys and types, JSON round trips, and pickling records."""

from __future__ import annotations

import dataclasses
import json
import pickle
from typing import Any

import pytest

from schema_shape import AMOUNT_KEYS, ENTITY_KEYS, EVENT_KEYS
from stackwatch.extract import Extractor, document_record
from stackwatch.nlp import analyse
from stackwatch.records import EVENT_TYPES, LAYERS, SIGNALS, Document, DocumentFacts

DOCUMENTS = [
    Document(
        doc="ko.txt",
        source="news/ko.txt",
        title="메타, 코어위브와 인프라 계약",
        text=(
            "메타는 코어위브와 6년간 $142억 규모의 인프라 계약을 체결했다. "
            "엔비디아 주가는 193.16달러로 마감했다. "
            "미국 스타트업 쿼베인랩스는 500만~1,000만 달러를 유치했다."
        ),
        published="2025-11-03",
    ),
    Document(
        doc="https://example.com/quorvane",
        source="https://example.com/quorvane",
        url="https://example.com/quorvane",
        site="example.com",
        title="Quorvane raises $40 million",
        text=(
            "Quorvane Labs raised $40 million from Sequoia Capital on Monday. "
            "Microsoft shares closed at $512.25."
        ),
        published="2025-11-20",
    ),
    Document(doc="plain.txt", source="plain.txt", text="오늘은 날씨가 맑았다."),
]

DOCUMENT_KEYS = {
    "doc",
    "title",
    "published",
    "language",
    "entities",
    "amounts",
    "events",
    "layers",
    "signals",
}
DOCUMENT_EXTRA_KEYS = {"url", "site"}
ENTITY_EXTRA_KEYS = {"ticker", "new"}
AMOUNT_EXTRA_KEYS = {"value_high", "per_year", "usd_rate", "rate_source", "flags"}
EVENT_EXTRA_KEYS = {"metric"}
ENTITY_TYPES = {"company", "investor", "person", "product", "government", "organization"}
STATUSES = {"done", "announced", "negotiating", "rumored", "denied"}


@pytest.fixture(scope="module")
def facts(extractor: Extractor) -> list[DocumentFacts]:
    return [extractor.extract(analyse(doc)) for doc in DOCUMENTS]


@pytest.fixture(scope="module")
def records(facts: list[DocumentFacts]) -> list[dict[str, Any]]:
    return [document_record(f) for f in facts]


def _has_keys(record: dict[str, Any], required: set[str], optional: set[str]) -> None:
    assert required <= set(record), required - set(record)
    assert set(record) <= required | optional, set(record) - required - optional


def _is_iso_date(value: object) -> bool:
    return value is None or (isinstance(value, str) and len(value) in (4, 7, 10) and value[:4].isdigit())


def _check_amount(amount: dict[str, Any]) -> None:
    _has_keys(amount, AMOUNT_KEYS, AMOUNT_EXTRA_KEYS)
    assert isinstance(amount["text"], str)
    assert amount["text"]
    for key in ("value", "usd", "krw", "value_high"):
        value = amount.get(key)
        assert value is None or type(value) in (int, float), key
        if isinstance(value, float):
            assert value != int(value), f"{key}: a whole amount must be an int"
    assert isinstance(amount["approx"], bool)
    assert amount["qualifier"] in (None, "min", "max", "range")


def test_document_keys(records: list[dict[str, Any]]) -> None:
    for record in records:
        _has_keys(record, DOCUMENT_KEYS, DOCUMENT_EXTRA_KEYS)
    assert set(records[0]) == DOCUMENT_KEYS  # no url or site: none of the extras
    assert set(records[1]) == DOCUMENT_KEYS | {"url", "site"}


def test_document_fields(records: list[dict[str, Any]]) -> None:
    ko, en, plain = records
    assert (ko["doc"], ko["title"], ko["published"], ko["language"]) == (
        "ko.txt",
        "메타, 코어위브와 인프라 계약",
        "2025-11-03",
        "ko",
    )
    assert (en["doc"], en["language"], en["url"], en["site"]) == (
        "https://example.com/quorvane",
        "en",
        "https://example.com/quorvane",
        "example.com",
    )
    assert (plain["title"], plain["published"]) == (None, None)
    assert (plain["entities"], plain["amounts"], plain["events"]) == ([], [], [])
    assert plain["layers"] == {"primary": None, "all": []}
    for record in records:
        assert set(record["layers"]) == {"primary", "all"}
        assert record["layers"]["primary"] in (None, *LAYERS)
        assert set(record["layers"]["all"]) <= set(LAYERS)
        if record["layers"]["primary"] is not None:
            assert record["layers"]["primary"] in record["layers"]["all"]
        assert set(record["signals"]) <= set(SIGNALS)


def test_entity_records(records: list[dict[str, Any]]) -> None:
    for record in records:
        for entity in record["entities"]:
            _has_keys(entity, ENTITY_KEYS, ENTITY_EXTRA_KEYS)
            assert entity["type"] in ENTITY_TYPES
            assert isinstance(entity["aliases"], list)
            assert all(isinstance(a, str) for a in entity["aliases"])
            assert set(entity["layers"]) <= set(LAYERS)
            assert type(entity["mentions"]) is int
            assert entity["mentions"] >= 1
    names = {e["name"]: e for e in records[0]["entities"]}
    assert {"Meta", "CoreWeave", "Nvidia"} <= set(names)
    assert "메타" in names["Meta"]["aliases"]
    assert names["Meta"]["mentions"] == 2  # headline and body
    assert names["쿼베인랩스"].get("new") is True  # an invented startup, found from its cue


def test_amount_records(records: list[dict[str, Any]]) -> None:
    for record in records:
        for amount in record["amounts"]:
            _check_amount(amount)
    by_text = {a["text"]: a for a in records[0]["amounts"]}
    assert by_text["$142억"]["value"] == 14_200_000_000
    assert type(by_text["$142억"]["value"]) is int
    assert by_text["193.16달러"]["value"] == 193.16
    assert type(by_text["193.16달러"]["value"]) is float
    assert by_text["500만~1,000만 달러"]["value_high"] == 10_000_000
    assert by_text["500만~1,000만 달러"]["qualifier"] == "range"


def test_event_records(records: list[dict[str, Any]]) -> None:
    events = [e for r in records for e in r["events"]]
    assert events
    for event in events:
        _has_keys(event, EVENT_KEYS, EVENT_EXTRA_KEYS)
        assert event["type"] in EVENT_TYPES
        assert event["actors"]
        for actor in event["actors"]:
            assert set(actor) == {"role", "name"}
            assert isinstance(actor["role"], str)
            assert isinstance(actor["name"], str)
        if event["amount"] is not None:
            _check_amount(event["amount"])
        assert _is_iso_date(event["date"])
        assert event["period"] is None or isinstance(event["period"], str)
        assert event["status"] in STATUSES
        assert set(event["layers"]) <= set(LAYERS)
        assert set(event["signals"]) <= set(SIGNALS)
        assert isinstance(event["evidence"], str)
        assert type(event["confidence"]) is float
        assert 0 <= event["confidence"] <= 1
    [contract] = [e for e in records[0]["events"] if e["type"] == "contract"]
    assert contract["actors"] == [
        {"role": "customer", "name": "Meta"},
        {"role": "provider", "name": "CoreWeave"},
    ]
    assert contract["amount"]["value"] == 14_200_000_000
    assert contract["period"] == "6y"
    assert contract["evidence"] == "메타는 코어위브와 6년간 $142억 규모의 인프라 계약을 체결했다."


def test_records_round_trip_through_json(records: list[dict[str, Any]]) -> None:
    for record in records:
        line = json.dumps(record, ensure_ascii=False)
        assert "\n" not in line
        assert json.loads(line) == record


def test_serialising_is_deterministic(facts: list[DocumentFacts], records: list[dict[str, Any]]) -> None:
    assert [document_record(f) for f in facts] == records


def _records_inside(facts: DocumentFacts) -> list[object]:
    """The facts and every record dataclass reachable from them."""
    found: list[object] = []
    todo: list[object] = [facts]
    while todo:
        item = todo.pop()
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            found.append(item)
            todo.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, tuple | list):
            todo.extend(item)
    return found


def test_every_record_pickles(facts: list[DocumentFacts]) -> None:
    kinds: set[str] = set()
    for document_facts in facts:
        for record in _records_inside(document_facts):
            kinds.add(type(record).__name__)
            assert pickle.loads(pickle.dumps(record)) == record
    assert {
        "DocumentFacts",
        "Document",
        "Sentence",
        "Entity",
        "Mention",
        "Amount",
        "Evidence",
        "Event",
        "Actor",
    } <= kinds
    assert "LayerAssignment" in kinds
    analysed = analyse(DOCUMENTS[0])
    assert pickle.loads(pickle.dumps(analysed)) == analysed
