"""Judging an answer against an entry of tests/fixtures/qa/questions.yaml (see its header)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from stackwatch.extract.amounts import Rates, find_amounts
from stackwatch.search import Answer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "qa"
_CURRENCIES = {"usd": "USD", "krw": "KRW", "eur": "EUR", "jpy": "JPY", "cny": "CNY"}


def load(name: str, key: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    return list(data[key])


@dataclass(frozen=True)
class Verdict:
    id: str
    ok: bool
    why: str


def _stated(text: str, rates: Rates) -> list[tuple[str, Decimal, Decimal | None]]:
    found = []
    for line in text.splitlines():
        for amount in find_amounts(line, rates=rates):
            if amount.value is not None and amount.currency:
                found.append((amount.currency, amount.value, amount.usd))
    return found


def _states_amount(text: str, item: dict[str, Any], rates: Rates) -> bool:
    tolerance = Decimal(str(item.get("tolerance", 0.02)))
    for key, currency in _CURRENCIES.items():
        if key not in item:
            continue
        want = Decimal(str(item[key]))
        for found_currency, value, usd in _stated(text, rates):
            if found_currency == currency and abs(value - want) <= tolerance * want:
                return True
            if key == "usd" and usd is not None and abs(usd - want) <= tolerance * want:
                return True
    return False


def _satisfies(text: str, item: Any, rates: Rates) -> bool:
    if isinstance(item, str):
        return item.lower() in text.lower()
    if "any_of" in item:
        return any(_satisfies(text, alternative, rates) for alternative in item["any_of"])
    return _states_amount(text, item, rates)


def judge(entry: dict[str, Any], answer: Answer, rates: Rates) -> Verdict:
    """Correct: found (or not) as expected; every `expect` item in the answer text; and, for a
    found answer, the entry's evidence (or one of its `also` evidences) in a cited sentence of
    that document."""
    qid = entry["id"]
    if entry.get("answer") == "not_found":
        return Verdict(qid, not answer.found, "" if not answer.found else "answered a not-found question")
    if not answer.found:
        return Verdict(qid, False, "not found")
    missing = [item for item in entry["expect"] if not _satisfies(answer.text, item, rates)]
    if missing:
        return Verdict(qid, False, f"answer lacks {missing}")
    wanted = [(entry["doc"], entry["evidence"]), *((a["doc"], a["evidence"]) for a in entry.get("also", []))]
    if not any(c.doc == doc and evidence in c.evidence for c in answer.citations for doc, evidence in wanted):
        return Verdict(qid, False, "no cited sentence holds the evidence")
    return Verdict(qid, True, "")
