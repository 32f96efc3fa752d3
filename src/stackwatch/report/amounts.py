"""A stored amount (SCHEMA.md JSON) written for a reader, in Korean or English, via `stackwatch.prose.money`.

The figure is the stored value, rounded only the way `prose.money` rounds (and then
marked 약 / about). What the article added stays: a stated won conversion
("380억 달러(약 51조 원)"), a range, "이상" / "최대", "연간". An amount in another
currency is followed by its dollar value ("10조 원(약 71억 달러)"), so the verifier can
match either. A vague amount ("수백억 원") keeps its own words: no figure is invented.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from stackwatch.prose import english_amount, korean_amount, korean_usd_with_krw

__all__ = ["write_amount", "write_usd"]

TALLY_DIGITS = 3  # a total is a reading aid: 약 1270억 달러, not 1273억 4929만 달러
CONVERSION_SLACK = Decimal("0.01")  # well inside the verifier's 2%


def write_usd(usd: float, lang: str) -> str:
    """A dollar total (a tally), rounded the way the language's press rounds."""
    value = Decimal(round(usd))
    if value:
        value = round(value, TALLY_DIGITS - 1 - value.adjusted())
    text = korean_amount(value, "USD") if lang == "ko" else english_amount(value, "USD")
    approx_word = "약 " if lang == "ko" else "about "
    return text if text.startswith(approx_word) or value == Decimal(round(usd)) else approx_word + text


def _number(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def write_amount(amount: dict[str, Any] | None, lang: str) -> str | None:
    """The amount as a reader reads it; None when there is none."""
    if not amount:
        return None
    value, currency = _number(amount.get("value")), amount.get("currency")
    if value is None or not currency or "vague" in (amount.get("flags") or ()):
        text = str(amount.get("text") or "").strip()
        return text or None
    high = _number(amount.get("value_high"))
    usd, krw = _number(amount.get("usd")), _number(amount.get("krw"))
    text = _korean(value, high, currency, usd, krw) if lang == "ko" else _english(value, high, currency, usd)
    qualifier = amount.get("qualifier")
    approx_word = "약 " if lang == "ko" else "about "
    if amount.get("approx") and not text.startswith(approx_word) and qualifier != "range":
        text = approx_word + text
    if qualifier == "min":
        text = f"{text} 이상" if lang == "ko" else f"more than {text}"
    elif qualifier == "max":
        text = f"최대 {text}" if lang == "ko" else f"up to {text}"
    if amount.get("per_year"):
        text = f"연간 {text}" if lang == "ko" else f"{text} a year"
    return text


def _korean(
    value: Decimal, high: Decimal | None, currency: str, usd: Decimal | None, krw: Decimal | None
) -> str:
    if high is not None:
        low_text = korean_amount(value, currency)
        high_text = korean_amount(high, currency)
        unit = high_text.rsplit(" ", 1)[-1]
        return f"{low_text.removesuffix(' ' + unit)}~{high_text}"
    if currency == "USD" and krw is not None and krw != value:
        return korean_usd_with_krw(value, krw)
    text = korean_amount(value, currency)
    if currency != "USD" and usd:
        return f"{text}(약 {korean_amount(_reading_aid(usd), 'USD').removeprefix('약 ')})"
    return text


def _reading_aid(value: Decimal) -> Decimal:
    """A converted figure to two significant digits (약 71억 달러), three when two would be off by over 1%."""
    for digits in (2, 3):
        rounded = round(value, digits - 1 - value.adjusted())
        if abs(rounded - value) <= value * CONVERSION_SLACK:
            return rounded
    return value


def _english(value: Decimal, high: Decimal | None, currency: str, usd: Decimal | None) -> str:
    if high is not None:
        return f"{english_amount(value, currency)} to {english_amount(high, currency)}"
    text = english_amount(value, currency)
    if currency != "USD" and usd:
        return f"{text} (about {english_amount(usd, 'USD').removeprefix('about ')})"
    return text
