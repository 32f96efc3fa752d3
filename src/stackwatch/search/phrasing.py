"""Answer text in the question's language: names, amounts, dates and particles.

Korean names take their particle from `prose.josa` (메타는, 앤트로픽은, OpenAI가); amounts
are written by `prose.money` (380억 달러, $38 billion) with the qualifier the source gave
(이상/최대/약, at least/up to/about); dates by `prose.dates`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from stackwatch.prose import english_amount, english_date, josa, korean_amount, korean_date

NOT_FOUND = {"ko": "기록에서 찾지 못했습니다.", "en": "Not found in the record."}
_KO_QUALIFIERS = {"min": "{} 이상", "max": "최대 {}"}
_EN_QUALIFIERS = {"min": "at least {}", "max": "up to {}"}


class Names:
    """Entity id → the name to write: the Korean alias in Korean answers, else the canonical name."""

    def __init__(self, language: str, canonical: dict[str, str], korean: dict[str, str]) -> None:
        self.language = language
        self._canonical = canonical
        self._korean = korean

    def __call__(self, entity_id: str, fallback: str = "") -> str:
        if self.language == "ko" and entity_id in self._korean:
            return self._korean[entity_id]
        return self._canonical.get(entity_id, fallback or entity_id.removeprefix("new:"))


def with_particle(name: str, pair: str, language: str) -> str:
    return josa(name, pair) if language == "ko" else name


def money(amount: dict[str, Any] | None, language: str) -> str:
    """An amount record written for readers, with its qualifier; "" when it has no value."""
    if not amount:
        return ""
    value, currency = _decimal(amount.get("value")), amount.get("currency")
    if value is None or not currency:
        return str(amount.get("text") or "")
    if language == "ko":
        text = korean_amount(value, str(currency)).removeprefix("약 ")
        high = _decimal(amount.get("value_high"))
        if amount.get("qualifier") == "range" and high is not None:
            text = f"{text}~{korean_amount(high, str(currency)).removeprefix('약 ')}"
        text = _KO_QUALIFIERS.get(str(amount.get("qualifier")), "{}").format(text)
        if amount.get("approx") and amount.get("qualifier") not in ("min", "max"):
            text = "약 " + text
        usd = _decimal(amount.get("usd"))
        if currency != "USD" and usd:
            text += f"(약 {korean_amount(usd, 'USD').removeprefix('약 ')})"
        return text
    text = english_amount(value, str(currency)).removeprefix("about ")
    text = _EN_QUALIFIERS.get(str(amount.get("qualifier")), "{}").format(text)
    if amount.get("approx") and amount.get("qualifier") not in ("min", "max"):
        text = "about " + text
    usd = _decimal(amount.get("usd"))
    if currency != "USD" and usd:
        text += f" (about {english_amount(usd, 'USD').removeprefix('about ')})"
    return text


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def date_text(date: str | None, language: str) -> str:
    if not date:
        return ""
    try:
        return korean_date(date) if language == "ko" else english_date(date)
    except ValueError:
        return date


def quote(sentence: str, language: str) -> str:
    text = " ".join(sentence.split())
    del language  # the same quotation marks read well in both languages
    return f"“{text}”"
