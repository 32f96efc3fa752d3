"""Stored amounts written for readers: Korean myriads, stated conversions, qualifiers; no invented figures."""

from __future__ import annotations

import pytest

from stackwatch.report.amounts import write_amount, write_usd

CASES = [
    (
        {"text": "380억 달러(약 51조 원)", "value": 38e9, "currency": "USD", "usd": 38e9, "krw": 51e12},
        "380억 달러(약 51조 원)",
        "$38 billion",
    ),
    (
        {"text": "10조 원", "value": 1e13, "currency": "KRW", "usd": 7142857143, "krw": 1e13},
        "10조 원(약 71억 달러)",
        "₩10 trillion (about $7.14 billion)",
    ),
    (
        {"text": "최대 100억 달러", "value": 1e10, "currency": "USD", "usd": 1e10, "qualifier": "max"},
        "최대 100억 달러",
        "up to $10 billion",
    ),
    (
        {"text": "88억 달러가 넘는", "value": 8.8e9, "currency": "USD", "usd": 8.8e9, "qualifier": "min"},
        "88억 달러 이상",
        "more than $8.8 billion",
    ),
    (
        {
            "text": "15~20억 달러",
            "value": 1.5e9,
            "value_high": 2e9,
            "currency": "USD",
            "usd": 1.5e9,
            "qualifier": "range",
        },
        "15억~20억 달러",
        "$1.5 billion to $2 billion",
    ),
    (
        {"text": "연간 10억 달러", "value": 1e9, "currency": "USD", "usd": 1e9, "per_year": True},
        "연간 10억 달러",
        "$1 billion a year",
    ),
    (
        {
            "text": "수백억 원",
            "value": 1e10,
            "currency": "KRW",
            "usd": 7142857,
            "approx": True,
            "flags": ["vague"],
        },
        "수백억 원",
        "수백억 원",
    ),
]


@pytest.mark.parametrize(("amount", "korean", "english"), CASES, ids=[c[1] for c in CASES])
def test_write_amount(amount: dict, korean: str, english: str) -> None:
    amount = {k: int(v) if isinstance(v, float) else v for k, v in amount.items()}
    assert write_amount(amount, "ko") == korean
    assert write_amount(amount, "en") == english


def test_tallies_are_rounded_and_say_so() -> None:
    assert write_usd(127_349_285_714, "ko") == "약 1270억 달러"
    assert write_usd(38_000_000_000, "ko") == "380억 달러"
    assert write_usd(127_349_285_714, "en") == "about $127 billion"
    assert write_amount(None, "ko") is None
