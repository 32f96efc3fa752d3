"""When an event happened, and for how long a deal runs.

Dates are read from the sentence — absolute ("2025년 3월", "Oct. 21", "2025-10-22") or
relative to the publication date ("지난달", "28일", "3분기", "올해", "지난해 12월",
"last week", "on Monday") — and written as ISO (`YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`,
`YYYY`). A date that cannot be placed is left out rather than guessed. Periods are
durations stated for a deal: "6년간" → `6y`, "8년 5개월" → `101m`, "over three years" → `3y`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stackwatch.ingest.dateline import MONTH_NAMES, MONTHS

_EN_MONTHS = MONTHS
_EN_MONTH = f"({MONTH_NAMES})"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
}  # fmt: skip

_KO_FULL = re.compile(r"(?<!\d)(20\d\d)\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?")
_KO_YEAR_ONLY = re.compile(
    r"(?<!\d)(20\d\d)\s*년(?!\s*\d{1,2}\s*월)(?:\s*(초|말|상반기|하반기|1분기|2분기|3분기|4분기))?"
)
_ISO = re.compile(r"(?<!\d)(20\d\d)[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d)")
_KO_MONTH_DAY = re.compile(
    r"(?<![\d년])(?:(지난|오는|올해|내년|지난해|작년)\s*)?(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?"
)
_KO_DAY = re.compile(
    r"(?<![\d월.])(\d{1,2})\s*일(?:\s*\(현지\s*시간\))?(?=[\s,에부터까지(]|$)(?!\s*(?:동안|간|이내|만에|내\s|째))"
)
_KO_RELATIVE = re.compile(
    r"지난달|이달|이번\s*달|다음\s*달|지난주|이번\s*주|지난해|작년|올해|금년|내년|올\s|어제|오늘|그제"
)
_KO_QUARTER = re.compile(r"(?:(지난해|작년|올해|내년|(20\d\d)\s*년)\s*)?([1-4])\s*분기")
_KO_HALF = re.compile(r"(?:(지난해|작년|올해|내년|(20\d\d)\s*년)\s*)?(상반기|하반기)")
_EN_MDY = re.compile(rf"\b{_EN_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(20\d\d))?\b")
_EN_MY = re.compile(rf"\b(?:in|since|by|from|until|during|of)\s+{_EN_MONTH}(?:\s+(20\d\d))?\b")
_EN_RELATIVE = re.compile(
    r"\b(last|this|next) (week|month|year|quarter)\b"
    r"|\b(yesterday|today|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)
_EN_QUARTER = re.compile(
    r"\b(?:(first|second|third|fourth)[- ]quarter|Q([1-4]))(?:\s+(?:of\s+)?(20\d\d))?", re.IGNORECASE
)
_EN_YEAR = re.compile(r"\b(?:in|since|by|for|during)\s+(20\d\d)\b")

_PERIOD_KO = re.compile(
    r"(\d+|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*년(?:\s*(\d+)\s*개월)?\s*(?:간|동안|에\s*걸쳐|짜리|기한|만기|이다|에\s*이른다|(?:장기\s*)?계약)"
    r"|(\d+)\s*개월\s*(?:간|동안|에\s*걸쳐)"
)
_PERIOD_RANGE_KO = re.compile(
    r"(20\d\d)\s*년\s*(\d{1,2})\s*월[^.]{0,30}?부터\s*(20\d\d)\s*년\s*(\d{1,2})\s*월"
)
_PERIOD_EN = re.compile(
    r"\b(?:over|for|across|during|spanning|within)\s+(?:the\s+next\s+|a\s+period\s+of\s+)?"
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ](year|month)s?\b"
    r"|\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)-(year|month)\s+(?:deal|contract|agreement|term|commitment|partnership|lease)",
    re.IGNORECASE,
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date events are placed relative to."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, published: str | None) -> Anchor | None:
        if not published:
            return None
        parts = [int(p) for p in re.findall(r"\d+", published)[:3]]
        if not parts:
            return None
        return cls(parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)

    def date(self) -> dt.date | None:
        if self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if month and day:
            return dt.date(year, month, day).isoformat()
        if month:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return f"{year:04d}"
    except ValueError:
        return None


def _relative_year(word: str | None, anchor: Anchor) -> int:
    if word in ("지난해", "작년"):
        return anchor.year - 1
    if word == "내년":
        return anchor.year + 1
    return anchor.year


def find_event_date(text: str, anchor: Anchor | None) -> str | None:
    """The most specific date written in a sentence, resolved against the anchor."""
    for finder in (_full_date, _month_day, _quarter_or_half, _relative, _english, _year_only):
        found = finder(text, anchor)
        if found:
            return found
    return None


def _full_date(text: str, anchor: Anchor | None) -> str | None:
    m = _ISO.search(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _KO_FULL.search(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return None


def _month_day(text: str, anchor: Anchor | None) -> str | None:
    if anchor is None:
        return None
    m = _KO_MONTH_DAY.search(text)
    if m and 1 <= int(m.group(2)) <= 12:
        month = int(m.group(2))
        word = m.group(1)
        year = _relative_year(word, anchor)
        if word in (None, "지난") and anchor.month and month > anchor.month:
            year -= 1  # "지난 12월" written in March is last year's December
        if word == "오는" and anchor.month and month < anchor.month:
            year += 1
        return _iso(year, month, int(m.group(3)) if m.group(3) else None)
    m = _KO_DAY.search(text)
    if m and anchor.month:
        day = int(m.group(1))
        year, month = anchor.year, anchor.month
        if anchor.day and day > anchor.day:  # "28일" in a paper of the 3rd: last month's 28th
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return _iso(year, month, day)
    return None


def _quarter_or_half(text: str, anchor: Anchor | None) -> str | None:
    m = _KO_QUARTER.search(text)
    if m:
        year = int(m.group(2)) if m.group(2) else (_relative_year(m.group(1), anchor) if anchor else None)
        if year is None:
            return None
        quarter = int(m.group(3))
        if (
            anchor
            and not m.group(1)
            and not m.group(2)
            and anchor.month
            and quarter > (anchor.month - 1) // 3 + 1
        ):
            year -= 1  # "4분기" in an April paper: last year's fourth quarter
        return f"{year:04d}-Q{quarter}"
    m = _KO_HALF.search(text)
    if m:
        year = int(m.group(2)) if m.group(2) else (_relative_year(m.group(1), anchor) if anchor else None)
        return f"{year:04d}" if year else None
    m = _EN_QUARTER.search(text)
    if m:
        quarter = _ORDINALS[m.group(1).lower()] if m.group(1) else int(m.group(2))
        year = int(m.group(3)) if m.group(3) else (anchor.year if anchor else None)
        return f"{year:04d}-Q{quarter}" if year else None
    return None


def _relative(text: str, anchor: Anchor | None) -> str | None:
    if anchor is None:
        return None
    m = _KO_RELATIVE.search(text)
    if not m:
        return None
    word = re.sub(r"\s+", "", m.group(0))
    today = anchor.date()
    if word in ("지난달",) and anchor.month:
        return _iso(anchor.year - 1, 12) if anchor.month == 1 else _iso(anchor.year, anchor.month - 1)
    if word in ("이달", "이번달", "이번주") and anchor.month:
        return _iso(anchor.year, anchor.month)
    if word == "다음달" and anchor.month:
        return _iso(anchor.year + 1, 1) if anchor.month == 12 else _iso(anchor.year, anchor.month + 1)
    if word in ("지난해", "작년"):
        return _iso(anchor.year - 1)
    if word in ("올해", "금년", "올"):
        return _iso(anchor.year)
    if word == "내년":
        return _iso(anchor.year + 1)
    if word in ("어제", "그제") and today:
        return (today - dt.timedelta(days=1 if word == "어제" else 2)).isoformat()
    if word == "오늘" and today:
        return today.isoformat()
    if word in ("지난주",) and today:
        return _iso(*(today - dt.timedelta(days=7)).timetuple()[:2])
    return None


def _english(text: str, anchor: Anchor | None) -> str | None:
    m = _EN_MDY.search(text)
    if m:
        month = _EN_MONTHS[m.group(1)[:3].lower()]
        year = int(m.group(3)) if m.group(3) else (anchor.year if anchor else None)
        if year is None:
            return None
        if not m.group(3) and anchor and anchor.month and month > anchor.month + 1:
            year -= 1
        return _iso(year, month, int(m.group(2)))
    m = _EN_MY.search(text)
    if m:
        month = _EN_MONTHS[m.group(1)[:3].lower()]
        year = int(m.group(2)) if m.group(2) else (anchor.year if anchor else None)
        if not m.group(2) and anchor and anchor.month and month > anchor.month + 1 and year:
            year -= 1  # "in December" written in January is last year's December
        return _iso(year, month) if year else None
    m = _EN_RELATIVE.search(text)
    if m and anchor:
        today = anchor.date()
        if m.group(4) and today:
            weekday = _WEEKDAYS.index(m.group(4).lower())
            back = (today.weekday() - weekday) % 7  # "on Thursday" in Thursday's paper is that day
            return (today - dt.timedelta(days=back)).isoformat()
        if m.group(3) and m.group(3).lower() == "yesterday" and today:
            return (today - dt.timedelta(days=1)).isoformat()
        if m.group(1):
            shift = {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
            unit = m.group(2).lower()
            if unit == "year":
                return _iso(anchor.year + shift)
            if unit == "month" and anchor.month:
                month = anchor.month + shift
                year = anchor.year + (month - 1) // 12
                return _iso(year, (month - 1) % 12 + 1)
            if unit == "week" and today:
                return _iso(*(today + dt.timedelta(days=7 * shift)).timetuple()[:2])
    m = _EN_YEAR.search(text)
    if m:
        return m.group(1)
    return None


def _year_only(text: str, anchor: Anchor | None) -> str | None:
    m = _KO_YEAR_ONLY.search(text)
    if not m:
        return None
    year = int(m.group(1))
    part = m.group(2)
    if part and part.endswith("분기"):
        return f"{year:04d}-Q{part[0]}"
    return f"{year:04d}"


def find_period(text: str) -> str | None:
    """A duration stated for a deal: `6y`, `101m`, or None."""
    m = _PERIOD_KO.search(text)
    if m:
        if m.group(3):
            return f"{int(m.group(3))}m"
        years = _count(m.group(1))
        months = int(m.group(2)) if m.group(2) else 0
        return f"{years * 12 + months}m" if months else f"{years}y"
    m = _PERIOD_RANGE_KO.search(text)
    if m:
        months = (int(m.group(3)) - int(m.group(1))) * 12 + int(m.group(4)) - int(m.group(2))
        if months > 0:
            return f"{months // 12}y" if months % 12 == 0 else f"{months}m"
    m = _PERIOD_EN.search(text)
    if m:
        number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"{_count(number)}{'y' if unit.lower() == 'year' else 'm'}"
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 1)
