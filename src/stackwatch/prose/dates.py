"""Dates and periods written for readers: "2025-11" → "2025년 11월" / "November 2025".

Records carry ISO periods (SCHEMA.md): `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and `YYYY-Qn`;
`YYYY-H1` / `YYYY-H2` (half years) are accepted too. English follows the day-month-year
order of British and international news ("5 November 2025"). Month names are written out
here rather than taken from `calendar`, whose names follow the process locale.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["english_date", "korean_date"]

_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_KOREAN_HALVES = {1: "상반기", 2: "하반기"}
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?")


@dataclass(frozen=True, slots=True)
class _Period:
    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None


def korean_date(period: str) -> str:
    """Write an ISO period in Korean: "2025-11-05" → "2025년 11월 5일", "2025-Q4" → "2025년 4분기".

    Raises ValueError when `period` is not one of the ISO forms (or not a real date).
    """
    parsed = _parse_period(period)
    text = f"{parsed.year}년"
    if parsed.month is not None:
        text += f" {parsed.month}월"
    if parsed.day is not None:
        text += f" {parsed.day}일"
    if parsed.quarter is not None:
        text += f" {parsed.quarter}분기"
    if parsed.half is not None:
        text += f" {_KOREAN_HALVES[parsed.half]}"
    return text


def english_date(period: str) -> str:
    """Write an ISO period in English: "2025-11-05" → "5 November 2025", "2025-Q4" → "Q4 2025".

    Raises ValueError when `period` is not one of the ISO forms (or not a real date).
    """
    parsed = _parse_period(period)
    if parsed.quarter is not None:
        return f"Q{parsed.quarter} {parsed.year}"
    if parsed.half is not None:
        return f"H{parsed.half} {parsed.year}"
    if parsed.month is None:
        return str(parsed.year)
    month = f"{_ENGLISH_MONTHS[parsed.month - 1]} {parsed.year}"
    return month if parsed.day is None else f"{parsed.day} {month}"


def _parse_period(period: str) -> _Period:
    match = _PERIOD.fullmatch(period.strip())
    if match is None:
        raise ValueError(f"not a period: {period!r}; use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn")
    year, month, day, quarter, half = (int(group) if group else None for group in match.groups())
    assert year is not None  # the pattern always captures the year
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as error:
        raise ValueError(f"not a date: {period!r} ({error})") from None
    return _Period(year, month, day, quarter, half)
