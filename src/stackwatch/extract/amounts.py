"""Money amounts in Korean and English, normalised with `Decimal`.

Reads "9억 8,500만 달러", "1조 5,000억 원", "2억5천만 달러", "$142억", "380억 달러(약 51조 원)",
"15~20억 달러", "수십억 달러", "연간 1조 원 이상", "$38 billion", "up to $6bn", "€2.5bn",
"USD 2 billion", "more than 380 billion yuan (about $53 billion)". Only a number with a
currency is money: percentages, counts, shares and gigawatts never are. A conversion the
article states ("(약 51조 원)") wins over the rate table; the table's date is recorded.
No input makes `find_amounts` raise (a property test feeds it arbitrary text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from stackwatch.kb import load_lexicon
from stackwatch.records import Amount, Evidence, Qualifier

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_KEXPR = rf"(?:{_NUM})(?:[ ]?[조억만천백](?:[ ]?(?:{_NUM}))?)*"
_RANGE_SEP = r"[ ]?(?:~|∼|〜|–|-)[ ]?|[ ]to[ ](?=[$€£¥]|US\$|USD)"  # "$2 billion to $3 billion"
_HANGUL = re.compile(r"[가-힣]")
# Syllables that, right after a currency word, show it was the start of another word.
_NOT_CURRENCY_AFTER = {
    "원": set("자전장격칙료주소유래형칩"),
    "엔": set("비지진터트씨데젤솔드"),
    "불": set("확구과법씨안"),
}
_CENT = Decimal("0.01")
MAX_DIGITS = 30  # longer digit strings are identifiers, not money


@dataclass(frozen=True, slots=True)
class Rates:
    """USD per unit of each currency, and the date the table is valid for."""

    usd_per_unit: dict[str, Decimal]
    as_of: str

    @classmethod
    def from_kb(cls, table: dict[str, Any]) -> Rates:
        return cls(
            usd_per_unit={code: Decimal(str(rate)) for code, rate in table["usd_per_unit"].items()},
            as_of=str(table.get("as_of", "")),
        )


@dataclass(frozen=True, slots=True)
class _Core:
    start: int
    end: int
    value: Decimal
    high: Decimal | None
    currency: str | None
    vague: bool


@dataclass(frozen=True, slots=True)
class _Grammar:
    core: re.Pattern[str]
    vague: re.Pattern[str]
    vague_en: re.Pattern[str]
    korean_currencies: dict[str, str]
    english_currencies: dict[str, str]
    prefixes: dict[str, str]
    scales: dict[str, Decimal]
    units: dict[str, Decimal]
    vague_multipliers: dict[str, Decimal]
    vague_english: dict[str, Decimal]
    before: re.Pattern[str]
    after: re.Pattern[str]
    words: dict[str, str]  # qualifier word → approx | min | max | per_year


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _grammar() -> _Grammar:
    lex = load_lexicon("money")
    ko_cur: dict[str, str] = dict(lex["korean_currencies"])
    en_cur: dict[str, str] = dict(lex["english_currencies"])
    prefixes: dict[str, str] = dict(lex["prefixes"])
    scales = {k: Decimal(str(v)) for k, v in lex["english_scales"].items()}
    prefix = rf"(?:{_alternation(prefixes)})"
    scale = rf"(?i:{_alternation(scales)})(?![A-Za-z])"  # "$3.5 Billion", "$10B"
    suffix = rf"(?:{_alternation(ko_cur)}|(?<=[\d a-z])(?:{_alternation(en_cur)})(?![A-Za-z]))"
    side = rf"(?:(?P<@pre>{prefix})[ ]?)?(?P<@num>{_KEXPR})(?:[ ]?(?P<@scale>{scale}))?"
    core = re.compile(
        rf"(?<![\d.,A-Za-z])(?:between[ ])?{side.replace('@', 'lo')}"
        rf"(?:(?:{_RANGE_SEP}|[ ]and[ ]){side.replace('@', 'hi')})?"
        rf"(?:[ ]?(?P<suf>{suffix}))?",
    )
    vague_mult = {k: Decimal(str(v)) for k, v in lex["vague_korean"].items()}
    vague = re.compile(
        rf"(?<![\w])(?P<mult>{_alternation(vague_mult)})[ ]?(?P<unit>[조억만])(?P<unit2>[ ]?만)?"
        rf"[ ]?(?P<suf>{suffix})"
    )
    vague_en_words = {k: Decimal(str(v)) for k, v in lex["vague_english"].items()}
    vague_en = re.compile(
        rf"\b(?P<words>{_alternation(vague_en_words)}) of (?P<suf>{_alternation(en_cur)})\b", re.IGNORECASE
    )
    words: dict[str, str] = {}
    for kind, items in lex["before"].items():
        for word in items:
            words[f"before:{word.lower()}"] = kind
    for kind, items in lex["after"].items():
        for word in items:
            words[f"after:{word.lower()}"] = kind
    before_words = [w.split(":", 1)[1] for w in words if w.startswith("before:")]
    after_words = [w.split(":", 1)[1] for w in words if w.startswith("after:")]
    before = re.compile(rf"(?:(?<![\w])(?P<w>{_alternation(before_words)})[ ]?)$", re.IGNORECASE)
    after = re.compile(
        rf"^[ ]?(?:(?:이|가|은|는|을|를|에|의|로|으로)[ ]?)?(?P<w>{_alternation(after_words)})(?![a-z])",
        re.IGNORECASE,
    )
    return _Grammar(
        core=core,
        vague=vague,
        vague_en=vague_en,
        korean_currencies=ko_cur,
        english_currencies=en_cur,
        prefixes=prefixes,
        scales=scales,
        units={k: Decimal(str(v)) for k, v in lex["korean_units"].items()},
        vague_multipliers=vague_mult,
        vague_english=vague_en_words,
        before=before,
        after=after,
        words=words,
    )


def korean_number(expr: str) -> Decimal | None:
    """The value of "22조 7,648억", "2억5천만", "7만 400"; None when the units are out of order."""
    units = _grammar().units
    total = Decimal(0)
    group = Decimal(0)
    current: Decimal | None = None
    last_big: Decimal | None = None
    for token in re.findall(rf"{_NUM}|[조억만천백]", expr):
        if token[0].isdigit():
            if current is not None:
                return None  # two numbers in a row: not one amount
            digits = token.replace(",", "")
            if len(digits) > MAX_DIGITS:
                return None
            try:
                current = Decimal(digits)
            except InvalidOperation:
                return None
        elif token in "천백":
            group += (current if current is not None else Decimal(1)) * units[token]
            current = None
        else:
            unit = units[token]
            if last_big is not None and unit >= last_big:
                return None
            group += current if current is not None else Decimal(0)
            total += (group if group else Decimal(1)) * unit
            group, current, last_big = Decimal(0), None, unit
    return total + group + (current if current is not None else Decimal(0))


def _side_value(num: str | None, scale: str | None) -> Decimal | None:
    if not num:
        return None
    value = korean_number(num)
    if value is None:
        return None
    if scale:
        value *= _grammar().scales[scale.lower()]
    return value


def _largest_unit(expr: str) -> Decimal | None:
    units = [_grammar().units[u] for u in re.findall(r"[조억만]", expr)]
    return max(units) if units else None


def _currency(prefix: str | None, suffix: str | None) -> str | None:
    grammar = _grammar()
    if suffix:
        code = grammar.korean_currencies.get(suffix) or grammar.english_currencies.get(suffix.lower())
        if code:
            return code
    if prefix:
        return grammar.prefixes.get(prefix)
    return None


def _is_cut_word(text: str, end: int, suffix: str | None) -> bool:
    """True when a Korean currency word is really the start of a longer word (엔비디아, 원전)."""
    if not suffix or end >= len(text):
        return False
    following = text[end]
    return following in _NOT_CURRENCY_AFTER.get(suffix, set())


def _cores(text: str) -> list[_Core]:
    grammar = _grammar()
    found: list[_Core] = []
    for m in grammar.core.finditer(text):
        currency = _currency(m.group("lopre") or m.group("hipre"), m.group("suf"))
        if currency is None or _is_cut_word(text, m.end(), m.group("suf")):
            continue
        if m.group("loscale") and len(m.group("loscale")) == 1 and not m.group("lopre"):
            continue  # "10 m" is a distance; "$10m" is money
        if m.group(0).startswith("between") and m.group("hinum") is None:
            continue
        low_num, high_num = m.group("lonum"), m.group("hinum")
        low_scale = m.group("loscale") or (m.group("hiscale") if high_num else None)
        high = _side_value(high_num, m.group("hiscale"))
        low = _side_value(low_num, low_scale)
        if high_num and low is not None and high is not None and not re.search(r"[조억만]", low_num):
            unit = _largest_unit(high_num)
            if unit and low < unit:  # "15~20억 달러": the low end takes the high end's unit
                low *= unit
        if low is None:
            continue
        if high_num and (high is None or high <= low):
            high = None
            if m.group("hipre") or m.group("hiscale"):
                continue
        start = m.start() + (8 if m.group(0).startswith("between ") else 0)
        found.append(_Core(start, m.end(), low, high, currency, vague=False))
    for m in grammar.vague.finditer(text):
        currency = _currency(None, m.group("suf"))
        if currency is None or _is_cut_word(text, m.end(), m.group("suf")):
            continue
        value = grammar.vague_multipliers[m.group("mult")] * grammar.units[m.group("unit")]
        if m.group("unit2"):
            value *= grammar.units["만"]
        found.append(_Core(m.start(), m.end(), value, None, currency, vague=True))
    for m in grammar.vague_en.finditer(text):
        currency = _currency(None, m.group("suf"))
        value = grammar.vague_english[m.group("words").lower()]
        found.append(_Core(m.start(), m.end(), value, None, currency, vague=True))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Core] = []
    for core in found:
        if kept and core.start < kept[-1].end:
            continue
        kept.append(core)
    return kept


_PAREN = re.compile(r"[ ]?[(（]\s*(?P<inner>[^()（）]{1,60}?)\s*[)）]")
_CONVERSION_LEAD = re.compile(
    r"^(?:한화|원화|우리\s?돈)?\s*(?:약|about|around|roughly|approximately|approx\.|~|≈)?\s*"
)
_TOLERANCE = re.compile(r"^±\s?\d+(?:\.\d+)?\s?%$")


@dataclass(slots=True)
class _Marks:
    """What the words around an amount say of it."""

    approx: bool
    qualifier: Qualifier | None
    per_year: bool = False

    def note(self, kind: str | None) -> None:
        if kind == "per_year":
            self.per_year = True
        elif kind == "approx":
            self.approx = True
        elif kind == "min" and self.qualifier is None:
            self.qualifier = "min"
        elif kind == "max" and self.qualifier is None:
            self.qualifier = "max"


@dataclass(slots=True)
class _Stated:
    """A conversion the article states in parentheses, and where the amount's words end."""

    end: int
    usd: Decimal | None = None
    krw: Decimal | None = None


def find_amounts(text: str, *, sentence: int = 0, rates: Rates | None = None) -> list[Amount]:
    """Every money amount in `text` (one sentence), in order, with its words kept."""
    amounts: list[Amount] = []
    consumed_until = 0
    for core in _cores(text):
        if core.start < consumed_until:
            continue
        marks = _Marks(approx=core.vague, qualifier="range" if core.high is not None else None)
        start = _read_before(text, core.start, marks)
        value, high, currency = core.value, core.high, core.currency
        if currency == "USD_CENT":
            value, high, currency = value * _CENT, high * _CENT if high else None, "USD"
        stated = _read_conversion(text, _Stated(end=core.end), currency, marks)  # "380억 달러(약 51조 원)"
        stated.end = _read_after(text, stated.end, marks)
        if stated.usd is None and stated.krw is None:
            stated = _read_conversion(text, stated, currency, marks)  # "1,500억 달러 이상(200조)"
        consumed_until = stated.end
        amounts.append(
            _build(
                text[start : stated.end].strip(),
                value,
                high,
                currency,
                vague=core.vague,
                approx=marks.approx,
                qualifier=marks.qualifier,
                per_year=marks.per_year,
                stated_usd=stated.usd,
                stated_krw=stated.krw,
                evidence=Evidence(sentence=sentence, start=start, end=stated.end),
                rates=rates,
            )
        )
    return amounts


def _read_conversion(text: str, stated: _Stated, currency: str | None, marks: _Marks) -> _Stated:
    paren = _PAREN.match(text, stated.end)
    if not paren:
        return stated
    inner = paren.group("inner").strip()
    if _TOLERANCE.match(inner):  # "650억 달러(±2%)"
        marks.approx = True
        return _Stated(end=paren.end(), usd=stated.usd, krw=stated.krw)
    converted = _conversion(inner, currency)
    if converted is None:
        return stated
    code, value = converted
    if code == "USD" and currency != "USD":
        return _Stated(end=paren.end(), usd=value, krw=stated.krw)
    if code == "KRW" and currency != "KRW":
        return _Stated(end=paren.end(), usd=stated.usd, krw=value)
    return _Stated(end=paren.end(), usd=stated.usd, krw=stated.krw)  # "300억 달러(약 220억 파운드)"


def _read_before(text: str, start: int, marks: _Marks) -> int:
    grammar = _grammar()
    for _ in range(3):  # "연간 최대 약 5조 원"
        window = text[max(0, start - 25) : start]
        match = grammar.before.search(window)
        if not match:
            break
        marks.note(grammar.words.get(f"before:{match.group('w').lower()}"))
        start -= len(window) - match.start()
    return start


def _read_after(text: str, end: int, marks: _Marks) -> int:
    grammar = _grammar()
    for _ in range(2):  # "2,000억 원 안팎" / "$80 billion a year"
        match = grammar.after.match(text[end : end + 20])
        if not match:
            break
        marks.note(grammar.words.get(f"after:{match.group('w').lower()}"))
        end += match.end()
    return end


def _conversion(inner: str, main_currency: str | None) -> tuple[str, Decimal] | None:
    """A stated conversion inside parentheses: "(약 51조 원)", "(165억 달러)", "(200조)"."""
    body = _CONVERSION_LEAD.sub("", inner, count=1)
    cores = _cores(body)
    if cores:
        core = cores[0]
        if core.start > 3 or not core.currency:
            return None
        value = core.value * _CENT if core.currency == "USD_CENT" else core.value
        return ("USD" if core.currency == "USD_CENT" else core.currency), value
    bare = re.fullmatch(rf"({_KEXPR})\s*(?:대)?", body)
    if bare and main_currency not in (None, "KRW") and re.search(r"[조억]", bare.group(1)):
        won = korean_number(bare.group(1))  # "(200조)" after dollars: won, by convention
        return ("KRW", won) if won is not None else None
    return None


def _build(
    text: str,
    value: Decimal,
    high: Decimal | None,
    currency: str | None,
    *,
    vague: bool,
    approx: bool,
    qualifier: Qualifier | None,
    per_year: bool,
    stated_usd: Decimal | None,
    stated_krw: Decimal | None,
    evidence: Evidence,
    rates: Rates | None,
) -> Amount:
    usd: Decimal | None = None
    usd_rate: Decimal | None = None
    rate_source: str | None = None
    if currency == "USD":
        usd, usd_rate = value, Decimal(1)
    elif stated_usd is not None:
        usd, rate_source = stated_usd, "stated"
        usd_rate = (stated_usd / value) if value else None
    elif rates is not None and currency in rates.usd_per_unit:
        usd_rate = rates.usd_per_unit[currency]
        usd, rate_source = value * usd_rate, f"table:{rates.as_of}"
    krw = value if currency == "KRW" else stated_krw
    krw = _normalise(krw) if krw is not None else None
    return Amount(
        text=text,
        value=_normalise(value),
        currency=currency,
        evidence=evidence,
        usd=_round_money(usd),
        krw=krw,
        approx=approx,
        qualifier=qualifier,
        value_high=_normalise(high) if high is not None else None,
        per_year=per_year,
        usd_rate=usd_rate,
        rate_source=rate_source,
        flags=("vague",) if vague else (),
    )


def _normalise(value: Decimal) -> Decimal:
    """2500000000.0 → 2500000000: the same number always has the same form."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _round_money(value: Decimal | None) -> Decimal | None:
    """Whole units for sums of money, cents for prices (a share at $193.16)."""
    if value is None:
        return None
    if abs(value) >= 1_000_000 or value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.01"))


def parse_amount(text: str, *, rates: Rates | None = None) -> Amount | None:
    """The first amount written in `text`, or None."""
    found = find_amounts(text, rates=rates)
    return found[0] if found else None
