"""Money for readers: `korean_amount`, `korean_usd_with_krw` and `english_amount`.

Cases from the rules (units, currencies, rounding with 약/about, signs, prices) and from
the arithmetic (Decimal in any exponent form writes the same figure).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from stackwatch.prose import english_amount, korean_amount, korean_usd_with_krw

KOREAN_CASES = [
    # units, exact
    ("38000000000", "USD", "380억 달러"),
    ("14200000000", "USD", "142억 달러"),
    ("1500000000", "USD", "15억 달러"),
    ("51000000000000", "KRW", "51조 원"),
    ("1234500000000", "KRW", "1조 2345억 원"),
    ("51300000000000", "KRW", "51조 3000억 원"),
    ("500000", "USD", "50만 달러"),
    ("12345", "JPY", "1만 2345 엔"),
    ("5000", "USD", "5000 달러"),
    ("0", "USD", "0 달러"),
    ("10000000000000000", "KRW", "1경 원"),
    # currencies
    ("1200000000", "EUR", "12억 유로"),
    ("10000000000", "JPY", "100억 엔"),
    ("5000000000", "CNY", "50억 위안"),
    ("300000000", "GBP", "3억 파운드"),
    ("300000000", "usd", "3억 달러"),
    ("500000000", "XYZ", "5억 XYZ"),
    # rounding keeps the two largest units and says so
    ("1234567890000", "KRW", "약 1조 2346억 원"),
    ("14253456789", "USD", "약 142억 5346만 달러"),
    ("9999999999999", "KRW", "약 10조 원"),
    ("12345.6", "USD", "약 1만 2346 달러"),
    # prices keep their cents
    ("182.50", "USD", "182.5 달러"),
    ("182.456", "USD", "약 182.46 달러"),
    # signs and exponent forms
    ("-500000000", "EUR", "-5억 유로"),
    ("3.8E+10", "USD", "380억 달러"),
    ("14.2E9", "USD", "142억 달러"),
]


@pytest.mark.parametrize(("value", "currency", "expected"), KOREAN_CASES)
def test_korean_amount(value: str, currency: str, expected: str) -> None:
    assert korean_amount(Decimal(value), currency) == expected


USD_KRW_CASES = [
    ("38000000000", "51300000000000", "380억 달러(약 51조 원)"),
    ("1500000000", "2100000000000", "15억 달러(약 2조 1000억 원)"),
    ("100000000", "140000000000", "1억 달러(약 1400억 원)"),
    ("14200000000", "19880000000000", "142억 달러(약 20조 원)"),
    ("5", "7000", "5 달러(약 7000 원)"),
]


@pytest.mark.parametrize(("usd", "krw", "expected"), USD_KRW_CASES)
def test_korean_usd_with_krw(usd: str, krw: str, expected: str) -> None:
    assert korean_usd_with_krw(Decimal(usd), Decimal(krw)) == expected


ENGLISH_CASES = [
    ("38000000000", "USD", "$38 billion"),
    ("14200000000", "USD", "$14.2 billion"),
    ("1250000000", "USD", "$1.25 billion"),
    ("500000000", "USD", "$500 million"),
    ("1500000", "USD", "$1.5 million"),
    ("51000000000000", "KRW", "₩51 trillion"),
    ("1200000000", "EUR", "€1.2 billion"),
    ("3000000", "GBP", "£3 million"),
    ("100000000000", "JPY", "¥100 billion"),
    ("10000000000", "CNY", "10 billion yuan"),
    ("2500000000", "CHF", "CHF 2.5 billion"),
    ("1500000000000000", "KRW", "₩1,500 trillion"),
    # below a million: in full
    ("500000", "USD", "$500,000"),
    ("182.5", "USD", "$182.50"),
    ("0", "USD", "$0"),
    # rounding says so
    ("1234500000000", "KRW", "about ₩1.23 trillion"),
    ("999999000000", "USD", "about $1 trillion"),
    ("999000000000", "USD", "$999 billion"),
    ("182.456", "USD", "about $182.46"),
    # signs and exponent forms
    ("-5000000000", "USD", "-$5 billion"),
    ("3.8E+10", "USD", "$38 billion"),
]


@pytest.mark.parametrize(("value", "currency", "expected"), ENGLISH_CASES)
def test_english_amount(value: str, currency: str, expected: str) -> None:
    assert english_amount(Decimal(value), currency) == expected


def test_no_float_drift() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in floats; in Decimal the sum is exact.
    value = (Decimal("0.1") + Decimal("0.2")) * Decimal(10) ** 11
    assert korean_amount(value, "USD") == "300억 달러"
    assert english_amount(value, "USD") == "$30 billion"
