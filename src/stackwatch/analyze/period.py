"""Periods of time a report or an analysis covers: a month, a quarter, a year or any span of days.

    Period.parse("2025-11")          November 2025
    Period.parse("2025-Q4")          October to December 2025
    Period.parse("2025")             the year
    Period.between("2025-11-03", "2025-11-20")   --since / --until (either may be a month or year)

A record's date may be coarser than the period ("2025" in a report on November): such a
date `overlaps` the period without lying `within` it, and the analyses decide what to do
with it (see `analyze.dating`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = ["Period", "date_span"]

PeriodKind = Literal["month", "quarter", "year", "span"]
_ISO = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2}))(?:-(\d{2}))?)?$")


def date_span(value: str | None) -> tuple[date, date] | None:
    """`2025-11-05`, `2025-11`, `2025-Q4`, `2025-H2` or `2025` → its first and last day, or None."""
    if not value:
        return None
    match = _ISO.match(value.strip())
    if match is None:
        return None
    year_text, quarter, half, month, day = match.groups()
    year = int(year_text)
    try:
        if quarter:
            if day:
                return None
            first = (int(quarter) - 1) * 3 + 1
            return date(year, first, 1), _month_end(year, first + 2)
        if half:
            if day:
                return None
            first = 1 if half == "1" else 7
            return date(year, first, 1), _month_end(year, first + 5)
        if month and day:
            one = date(year, int(month), int(day))
            return one, one
        if month:
            return date(year, int(month), 1), _month_end(year, int(month))
    except ValueError:
        return None
    return date(year, 1, 1), date(year, 12, 31)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True)
class Period:
    """The days from `start` to `end`, both included, and how the period was named (`label`)."""

    start: date
    end: date
    label: str
    kind: PeriodKind

    @classmethod
    def parse(cls, text: str) -> Period:
        """A month (`2025-11`), quarter (`2025-Q4`), half (`2025-H2`), year (`2025`) or day.

        Raises ValueError with a message fit for the user when `text` is none of these.
        """
        value = text.strip()
        span = date_span(value)
        if span is None:
            raise ValueError(f"{text!r}: not a period; use YYYY-MM, YYYY-Qn or YYYY")
        kind: PeriodKind
        if "Q" in value:
            kind = "quarter"
        elif len(value) == 4:
            kind = "year"
        elif len(value) == 7 and "H" not in value:
            kind = "month"
        else:
            kind = "span"
        return cls(start=span[0], end=span[1], label=value, kind=kind)

    @classmethod
    def between(cls, since: str | None, until: str | None) -> Period:
        """From the first day of `since` to the last day of `until` (each a day, month, quarter or year).

        With one bound only, the period is that bound's own (`--since 2025-11` is November);
        both missing raise ValueError.
        """
        if not since and not until:
            raise ValueError("give --period, or --since and/or --until")
        lo = date_span(since) if since else None
        hi = date_span(until) if until else None
        if since and lo is None:
            raise ValueError(f"--since {since}: not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
        if until and hi is None:
            raise ValueError(f"--until {until}: not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
        start = (lo or hi or (date.min, date.min))[0]
        end = (hi or lo or (date.max, date.max))[1]
        if end < start:
            raise ValueError(f"--until {until} is before --since {since}")
        if not (since and until) or since == until:
            return cls.parse(since or until or "")
        return cls(start=start, end=end, label=f"{start.isoformat()}..{end.isoformat()}", kind="span")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of equal length just before this one (the month before a month, and so on)."""
        if self.kind == "month":
            last = self.start - timedelta(days=1)
            return Period.parse(f"{last.year}-{last.month:02d}")
        if self.kind == "quarter":
            last = self.start - timedelta(days=1)
            return Period.parse(f"{last.year}-Q{(last.month - 1) // 3 + 1}")
        if self.kind == "year":
            return Period.parse(str(self.start.year - 1))
        end = self.start - timedelta(days=1)
        start = end - timedelta(days=self.days - 1)
        return Period(start=start, end=end, label=f"{start.isoformat()}..{end.isoformat()}", kind="span")

    def within(self, value: str | None) -> bool:
        """Whether every day `value` names lies in the period."""
        span = date_span(value)
        return span is not None and self.start <= span[0] and span[1] <= self.end

    def overlaps(self, value: str | None) -> bool:
        span = date_span(value)
        return span is not None and span[0] <= self.end and self.start <= span[1]

    def months(self) -> tuple[str, ...]:
        """The months the period touches, as `YYYY-MM`."""
        found: list[str] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append(f"{year}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(found)
