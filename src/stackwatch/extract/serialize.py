"""DocumentFacts → the SCHEMA.md record (`stackwatch extract --jsonl` prints exactly this).

Money is `Decimal` inside; here it becomes an `int` when whole and a `float` for prices
in cents, so the JSON reads like the schema's examples.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from stackwatch.records import Amount, DocumentFacts, Entity, Event


def money(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def amount_record(amount: Amount) -> dict[str, Any]:
    record: dict[str, Any] = {
        "text": amount.text,
        "value": money(amount.value),
        "currency": amount.currency,
        "usd": money(amount.usd),
        "krw": money(amount.krw),
        "approx": amount.approx,
        "qualifier": amount.qualifier,
    }
    if amount.value_high is not None:
        record["value_high"] = money(amount.value_high)
    if amount.per_year:
        record["per_year"] = True
    if amount.usd_rate is not None and amount.currency != "USD":
        record["usd_rate"] = float(amount.usd_rate)
        record["rate_source"] = amount.rate_source
    if amount.flags:
        record["flags"] = list(amount.flags)
    return record


def entity_record(entity: Entity) -> dict[str, Any]:
    record: dict[str, Any] = {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "layers": list(entity.layers),
        "country": entity.country,
        "mentions": entity.mentions,
    }
    if entity.ticker:
        record["ticker"] = entity.ticker
    if not entity.known:
        record["new"] = True
    return record


def event_record(event: Event) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": event.type,
        "actors": [{"role": a.role, "name": a.name} for a in event.actors],
        "amount": amount_record(event.amount) if event.amount else None,
        "date": event.date,
        "period": event.period,
        "status": event.status,
        "layers": list(event.layers),
        "signals": list(event.signals),
        "evidence": event.evidence,
        "confidence": round(event.confidence, 2),
    }
    if event.metric:
        record["metric"] = event.metric
    return record


def document_record(facts: DocumentFacts) -> dict[str, Any]:
    """The SCHEMA.md document record."""
    doc = facts.document
    record: dict[str, Any] = {
        "doc": doc.doc,
        "title": doc.title,
        "published": doc.published,
        "language": facts.language,
        "entities": [entity_record(e) for e in facts.entities],
        "amounts": [amount_record(a) for a in facts.amounts],
        "events": [event_record(e) for e in facts.events],
        "layers": {"primary": facts.layers.primary, "all": list(facts.layers.all)},
        "signals": list(facts.signals),
    }
    if doc.url:
        record["url"] = doc.url
    if doc.site:
        record["site"] = doc.site
    return record
