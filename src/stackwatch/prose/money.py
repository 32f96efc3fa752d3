"""Money written for readers: 380억 달러, 1조 2345억 원, 380억 달러(약 51조 원), $14.2 billion.

Amounts arrive as `Decimal` (see `records.Amount`) and are rounded with decimal
arithmetic only, so no float drift reaches a report. Each language rounds the way its
press does:

- Korean counts in myriads (만 10⁴, 억 10⁸, 조 10¹², 경 10¹⁶) and keeps the two largest
  units: 1조 2345억 원 stays exact, 1조 2345억 6789만 원 becomes 약 1조 2346억 원.
  Below 만 the figure is written in full, with cents for prices (182.5 달러).
- English scales to million, billion or trillion with at most two decimals:
  $14.2 billion, about ₩1.23 trillion. Below a million the figure is written in full
  with thousands separators ($500,000, $182.50).

"약" / "about" is written exactly when rounding changed the value, so every printed
figure either is the stored one or says that it is not.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["english_amount", "korean_amount", "korean_usd_with_krw"]

# The name written after a Korean figure, by ISO 4217 code. Reading needs every variant
# (kb/data/lexicons/money.yaml); writing needs one, so this short table lives here.
_KOREAN_CURRENCY_NAMES = {
    "USD": "달러",
    "KRW": "원",
    "EUR": "유로",
    "JPY": "엔",
    "CNY": "위안",
    "GBP": "파운드",
    "HKD": "홍콩달러",
    "TWD": "대만달러",
    "SGD": "싱가포르달러",
    "CAD": "캐나다달러",
    "AUD": "호주달러",
    "CHF": "스위스프랑",
    "INR": "루피",
    "SAR": "리얄",
    "AED": "디르함",
}
# English: a symbol before the figure, else a word after it, else the ISO code before it.
_ENGLISH_SYMBOLS = {"USD": "$", "KRW": "₩", "EUR": "€", "GBP": "£", "JPY": "¥"}
_ENGLISH_WORDS = {"CNY": "yuan", "INR": "rupees"}

_MYRIADS = ((16, "경"), (12, "조"), (8, "억"), (4, "만"))  # (power of ten, unit)
_ENGLISH_SCALES = ((12, "trillion"), (9, "billion"), (6, "million"))
_CENT = Decimal("0.01")
_ONE = Decimal(1)
_KRW_SIGNIFICANT_DIGITS = 2  # a converted amount is a reading aid: 약 51조 원, not 51조 3000억 원


def korean_amount(value: Decimal, currency: str) -> str:
    """Write `value` of `currency` (ISO 4217) the Korean way, keeping the two largest units.

    `korean_amount(Decimal(38_000_000_000), "USD") == "380억 달러"`,
    `korean_amount(Decimal(1_234_567_890_000), "KRW") == "약 1조 2346억 원"`.
    An unknown currency is written by its code: "5억 CHF".
    """
    rounded = _round_to_two_myriads(abs(value))
    return _korean_text(value, rounded, currency, approx=rounded != abs(value))


def korean_usd_with_krw(usd: Decimal, krw: Decimal) -> str:
    """Write a dollar amount with its won equivalent: "380억 달러(약 51조 원)".

    The won figure is a conversion, so it is always "약" and rounded to two significant
    digits, as Korean newspapers print it; the dollar figure follows `korean_amount`.
    """
    converted = _korean_text(krw, _round_significant(abs(krw), _KRW_SIGNIFICANT_DIGITS), "KRW", approx=False)
    return f"{korean_amount(usd, 'USD')}(약 {converted})"


def english_amount(value: Decimal, currency: str) -> str:
    """Write `value` of `currency` the English way: "$38 billion", "€1.2 billion", "10 billion yuan".

    Millions and more are scaled with at most two decimals; smaller amounts are written in
    full ("$500,000", "$182.50"). "about " marks a rounded figure.
    """
    magnitude = abs(value)
    figure, approx = _english_figure(magnitude)
    code = currency.upper()
    sign = "-" if value < 0 else ""
    if code in _ENGLISH_SYMBOLS:
        text = f"{sign}{_ENGLISH_SYMBOLS[code]}{figure}"
    elif code in _ENGLISH_WORDS:
        text = f"{sign}{figure} {_ENGLISH_WORDS[code]}"
    else:
        text = f"{sign}{code} {figure}"
    return f"about {text}" if approx else text


def _korean_text(value: Decimal, rounded: Decimal, currency: str, *, approx: bool) -> str:
    sign = "-" if value < 0 else ""
    name = _KOREAN_CURRENCY_NAMES.get(currency.upper(), currency.upper())
    return f"{'약 ' if approx else ''}{sign}{_spell_myriads(rounded)} {name}"


def _round_to_two_myriads(magnitude: Decimal) -> Decimal:
    """Round to the unit below the largest one present (억 for 조, 만 for 억, 1 for 만); cents below 만."""
    for index, (power, _unit) in enumerate(_MYRIADS):
        if magnitude >= _ONE.scaleb(power):
            step = _MYRIADS[index + 1][0] if index + 1 < len(_MYRIADS) else 0
            return _round_to_power(magnitude, step)
    return _round_cents(magnitude)


def _round_significant(magnitude: Decimal, digits: int) -> Decimal:
    if not magnitude:
        return magnitude
    return _round_to_power(magnitude, magnitude.adjusted() - digits + 1)


def _round_to_power(magnitude: Decimal, power: int) -> Decimal:
    """Round half up to a multiple of 10**power, exactly (scaleb only moves the exponent)."""
    return magnitude.scaleb(-power).quantize(_ONE, rounding=ROUND_HALF_UP).scaleb(power)


def _spell_myriads(magnitude: Decimal) -> str:
    """1234500000000 → "1조 2345억"; 5000 → "5000"; 182.50 → "182.5"."""
    if magnitude != magnitude.to_integral_value():
        return _plain(magnitude)
    rest = int(magnitude)
    parts = []
    for power, unit in _MYRIADS:
        count, rest = divmod(rest, 10**power)
        if count:
            parts.append(f"{count}{unit}")
    if rest or not parts:
        parts.append(str(rest))
    return " ".join(parts)


def _english_figure(magnitude: Decimal) -> tuple[str, bool]:
    """The figure without currency, and whether rounding changed it: ("14.2 billion", False)."""
    scale = _english_scale(magnitude)
    if scale is not None:
        power, word = scale
        scaled = magnitude.scaleb(-power)
        rounded = _round_cents(scaled)
        return f"{_plain(rounded, grouped=True)} {word}", rounded != scaled
    rounded = _round_cents(magnitude)
    if rounded == rounded.to_integral_value():
        return f"{int(rounded):,}", rounded != magnitude
    return f"{rounded:,f}", rounded != magnitude  # a price keeps its cents: 182.50


def _english_scale(magnitude: Decimal) -> tuple[int, str] | None:
    """The largest scale not above `magnitude`, or the next one when rounding reaches it."""
    for index, (power, word) in enumerate(_ENGLISH_SCALES):
        if magnitude >= _ONE.scaleb(power):
            if index > 0 and _round_cents(magnitude.scaleb(-power)) >= 1000:
                return _ENGLISH_SCALES[index - 1]  # 999.999 billion is written $1 trillion
            return power, word
    return None


def _round_cents(number: Decimal) -> Decimal:
    return number.quantize(_CENT, rounding=ROUND_HALF_UP)


def _plain(number: Decimal, *, grouped: bool = False) -> str:
    """A decimal without exponent or trailing zeros: 14.20 → "14.2", 5E+3 → "5000"."""
    normal = number.normalize()
    if normal == normal.to_integral_value():
        normal = normal.quantize(_ONE)
    return f"{normal:,f}" if grouped else f"{normal:f}"
