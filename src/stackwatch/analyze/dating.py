"""Which period a deal or a document belongs to.

An event is dated by its own words when it can be ("2025년 11월 5일"); the extractor
falls back to its document's date otherwise. A monthly roundup published on 6 December
("2025년 11월 AI 동향 리포트") reports November, so an event dated only by such a
document is placed in the period its title names. The rule, per report of a deal:

1. the event's own date, when it differs from its document's date;
2. else the period a roundup's title names (a month or quarter next to a word like
   리포트, 브리핑, 결산, 동향, report, roundup, recap);
3. else the document's date.

A deal belongs to a period when one of its reports is dated within it; a report dated
more coarsely ("2025" in a report on November) counts when its document was published
in the period. Documents belong to the period they were published in, or to the one
their roundup title names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from stackwatch.analyze.period import Period, date_span
from stackwatch.store import Deal, Store, analytics, queries

__all__ = ["deal_dates", "deals_in_period", "documents_in_period", "effective_date", "roundup_period"]

# A roundup of a month is published within this many days after it ends.
ROUNDUP_LAG_DAYS = 62
_ROUNDUP_WORDS = re.compile(
    r"리포트|브리핑|결산|동향|정리|리뷰|총평|roundup|round-up|recap|review|report|briefing|digest|in brief",
    re.IGNORECASE,
)
_KO_MONTH = re.compile(r"(?:(\d{4})년\s*)?(\d{1,2})월")
_KO_QUARTER = re.compile(r"(?:(\d{4})년\s*)?([1-4])분기")
_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_EN_MONTH = re.compile(r"\b(" + "|".join(_EN_MONTHS) + r")\b(?:,?\s+(\d{4}))?", re.IGNORECASE)
_EN_QUARTER = re.compile(r"\bQ([1-4])\s+(\d{4})\b")


def roundup_period(title: str | None, published: str | None) -> str | None:
    """The month or quarter a roundup's title names (`2025-11`, `2025-Q3`), or None when not a roundup."""
    if not title or not _ROUNDUP_WORDS.search(title):
        return None
    span = date_span(published)
    pub_year, pub_month = (span[0].year, span[0].month) if span else (None, None)
    for pattern, kind in ((_KO_MONTH, "m"), (_EN_MONTH, "m"), (_KO_QUARTER, "q"), (_EN_QUARTER, "q")):
        match = pattern.search(title)
        if match is None:
            continue
        if pattern is _EN_QUARTER:
            return f"{match.group(2)}-Q{match.group(1)}"
        if pattern is _EN_MONTH:
            number, year_text = _EN_MONTHS.index(match.group(1).lower()) + 1, match.group(2)
        else:
            year_text, number = match.group(1), int(match.group(2))
        if kind == "m" and not 1 <= number <= 12:
            continue
        year = int(year_text) if year_text else pub_year
        if year is None:
            return None
        if not year_text and pub_month is not None:
            named_start = number if kind == "m" else (number - 1) * 3 + 1
            if named_start > pub_month:  # "11월 결산" published in January
                year -= 1
        return f"{year}-{number:02d}" if kind == "m" else f"{year}-Q{number}"
    return None


def effective_date(event_date: str | None, published: str | None, title: str | None) -> str | None:
    """The date a report of a deal stands for (see the module docstring)."""
    if event_date and event_date != published:
        return event_date
    return roundup_period(title, published) or event_date or published


def _counts_in(period: Period, when: str | None, published: str | None) -> bool:
    if period.within(when):
        return True
    return period.overlaps(when) and period.within(published)


def deal_dates(store: Store, period: Period) -> dict[int, str | None]:
    """Deal id → the date (of its first report in the period) that places it in `period`."""
    rows = analytics.event_dates(
        store,
        first_year=period.start.year,
        last_year=period.end.year,
        published_from=period.start.isoformat(),
        published_to=_clamp(period.end + timedelta(days=ROUNDUP_LAG_DAYS)).isoformat(),
    )
    found: dict[int, str | None] = {}
    for row in rows:
        when = effective_date(row.date, row.published, row.title)
        if row.deal_id not in found and _counts_in(period, when, row.published):
            found[row.deal_id] = when
    return found


def _clamp(day: date) -> date:
    return min(day, date(9999, 12, 31))


def deals_in_period(
    store: Store, period: Period, *, types: Iterable[str] = (), min_usd: float | None = None
) -> tuple[Deal, ...]:
    """The deals of `period` (with their sources), largest first, then by date."""
    wanted = frozenset(types)
    dates = deal_dates(store, period)
    found: list[Deal] = []
    for deal_id in sorted(dates):
        item = queries.deal(store, deal_id)
        if item is None or (wanted and item.type not in wanted):
            continue
        if min_usd is not None and (item.usd is None or item.usd < min_usd):
            continue
        found.append(item)
    found.sort(key=lambda d: (d.usd is None, -(d.usd or 0.0), dates.get(d.id) or "", d.id))
    return tuple(found)


def documents_in_period(store: Store, period: Period) -> list[analytics.DocumentRow]:
    """Documents published in `period` or roundups of it published soon after (not roundups of others)."""
    rows = analytics.documents_published(
        store,
        period.start.isoformat(),
        _clamp(period.end + timedelta(days=ROUNDUP_LAG_DAYS)).isoformat(),
    )
    found = []
    for row in rows:
        roundup = roundup_period(row.title, row.published)
        if (roundup and period.overlaps(roundup)) or (not roundup and period.within(row.published)):
            found.append(row)
    return found
