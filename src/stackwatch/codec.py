"""DocumentFacts ↔ plain JSON, losslessly: text, sentences, mentions and exact Decimals.

The SCHEMA.md record (`extract.serialize`) is the published contract and leaves out what
only the store needs (the body text, every sentence, where each name was found). This
codec keeps everything, so facts extracted elsewhere (Parquet shards from a Ray backfill)
are stored exactly as if they had been extracted here.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

from stackwatch.records import (
    Actor,
    Amount,
    Document,
    DocumentFacts,
    Entity,
    Event,
    Evidence,
    LayerAssignment,
    Mention,
    Sentence,
)

VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def facts_to_json(facts: DocumentFacts) -> str:
    return json.dumps({"v": VERSION, "facts": _plain(facts)}, ensure_ascii=False, separators=(",", ":"))


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value["$d"])


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(**d)


def _amount(d: dict[str, Any] | None) -> Amount | None:
    if d is None:
        return None
    return Amount(
        **{
            **d,
            "value": _dec(d["value"]),
            "usd": _dec(d["usd"]),
            "krw": _dec(d["krw"]),
            "value_high": _dec(d["value_high"]),
            "usd_rate": _dec(d["usd_rate"]),
            "evidence": _evidence(d["evidence"]),
            "flags": tuple(d["flags"]),
        }
    )


def facts_from_json(text: str) -> DocumentFacts:
    """The facts `facts_to_json` wrote; ValueError when the text is not such a record."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("v") != VERSION:
        raise ValueError("not a stackwatch facts record (or another version)")
    try:
        f = data["facts"]
        doc = f["document"]
        return DocumentFacts(
            document=Document(**{**doc, "tags": tuple(doc["tags"])}),
            language=f["language"],
            sentences=tuple(Sentence(**s) for s in f["sentences"]),
            entities=tuple(
                Entity(**{**e, "aliases": tuple(e["aliases"]), "layers": tuple(e["layers"])})
                for e in f["entities"]
            ),
            mentions=tuple(Mention(**{**m, "evidence": _evidence(m["evidence"])}) for m in f["mentions"]),
            amounts=tuple(a for a in (_amount(x) for x in f["amounts"]) if a is not None),
            events=tuple(
                Event(
                    **{
                        **e,
                        "actors": tuple(Actor(**a) for a in e["actors"]),
                        "amount": _amount(e["amount"]),
                        "layers": tuple(e["layers"]),
                        "signals": tuple(e["signals"]),
                    }
                )
                for e in f["events"]
            ),
            layers=LayerAssignment(primary=f["layers"]["primary"], all=tuple(f["layers"]["all"])),
            signals=tuple(f["signals"]),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"a facts record with a missing or wrong field: {exc}") from exc
