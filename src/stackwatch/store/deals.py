"""One deal per deal: when do two events describe the same real-world fact?

Two events are one deal when they have the same type, their principal actors agree
(one side's actors contain the other's, sharing at least one), and their dates are
compatible (their spans of days lie within `DATE_SLACK_DAYS`). The amounts decide what
kind of agreement it is:

    within 2%                 the same reported value
    within a factor of 1.5    the same deal, reported differently: a conflict
    further apart             different deals (a $72B capex plan is not a $600B one)

An event that names only one side of a two-sided deal ("Meta signed a $14B cloud deal")
joins a deal only on a matching amount. Everything here is pure; `store.writer` runs
the SQL around it.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

SAME_VALUE = 0.02
SAME_DEAL = 1.5
DATE_SLACK_DAYS = 45
DATE_CONFLICT_DAYS = 3
STATUS_PROGRESS = {"rumored": 0, "negotiating": 1, "announced": 2, "done": 3, "denied": -1}

# The roles that say which deal it is; the others (a location, a lender) may be missing.
PRINCIPAL_ROLES: Mapping[str, tuple[str, ...]] = {
    "investment": ("investor", "investee"),
    "funding_round": ("company",),
    "valuation": ("company",),
    "contract": ("customer", "provider", "party"),
    "capex": ("company",),
    "acquisition": ("acquirer", "target"),
    "ipo": ("company",),
    "stock_sale": ("seller", "security"),
    "debt": ("company",),
    "financials": ("company",),
    "product_launch": ("company", "product"),
    "talent_move": ("person", "to"),
    "security_incident": ("company", "product"),
    "policy": ("government", "company"),
    "market_forecast": ("market",),
}
TWO_SIDED = frozenset(
    {"investment", "contract", "acquisition", "stock_sale", "product_launch", "talent_move", "policy"}
)

Relation = Literal["same", "conflict", "different", "unknown"]
_DATE = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2}))(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Span:
    """The days a date points at: a day, a month, a quarter or a year."""

    lo: date
    hi: date
    exact: bool  # a day, not a month or longer

    def gap(self, other: Span) -> int:
        """Days between the spans (0 when they overlap)."""
        if self.hi < other.lo:
            return (other.lo - self.hi).days
        if other.hi < self.lo:
            return (self.lo - other.hi).days
        return 0

    def union(self, other: Span) -> Span:
        return Span(min(self.lo, other.lo), max(self.hi, other.hi), exact=False)


@functools.lru_cache(maxsize=4096)
def span(value: str | None) -> Span | None:
    """`2025-11-05`, `2025-11`, `2025-Q4` or `2025` → its span of days; None when unreadable."""
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(2):
            first = 3 * int(m.group(2)) - 2
            return Span(date(year, first, 1), _month_end(year, first + 2), exact=False)
        if m.group(3):
            month = int(m.group(3))
            if m.group(4):
                day = date(year, month, int(m.group(4)))
                return Span(day, day, exact=True)
            return Span(date(year, month, 1), _month_end(year, month), exact=False)
    except ValueError:
        return None
    return Span(date(year, 1, 1), date(year, 12, 31), exact=False)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def principal_ids(kind: str, actors: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The entity ids in the roles that identify a deal of this type."""
    roles = PRINCIPAL_ROLES.get(kind, ())
    return frozenset(entity for role, entity in actors if role in roles)


def amount_relation(a: float | None, b: float | None) -> Relation:
    if a is None or b is None or a <= 0 or b <= 0:
        return "unknown"
    low, high = sorted((a, b))
    if high <= low * (1 + SAME_VALUE):
        return "same"
    if high <= low * SAME_DEAL:
        return "conflict"
    return "different"


@dataclass(frozen=True, slots=True)
class Candidate:
    """What matching needs to know of an event, or of a stored deal."""

    type: str
    principals: frozenset[str]
    when: Span | None
    usd: tuple[float, ...]  # every value reported (a deal may have several)


def matches(event: Candidate, deal: Candidate) -> int:
    """How well `event` fits `deal`: 0 when it is another deal, higher is better."""
    if event.type != deal.type or not event.principals or not deal.principals:
        return 0
    shared = event.principals & deal.principals
    if not shared or not (event.principals <= deal.principals or deal.principals <= event.principals):
        return 0
    if event.when and deal.when and event.when.gap(deal.when) > DATE_SLACK_DAYS:
        return 0
    relations = {amount_relation(u, v) for u in event.usd for v in deal.usd} or {"unknown"}
    if "same" in relations:
        return 3 + len(shared)
    if relations == {"different"}:
        return 0
    one_sided = event.principals != deal.principals and event.type in TWO_SIDED
    if one_sided:
        return 0  # one side only: joins on a matching amount alone
    return (2 if "conflict" in relations else 1) + len(shared)


def group_values(values: Iterable[tuple[float, str]]) -> list[list[tuple[float, str]]]:
    """Reported (usd, key) pairs grouped where they agree within 2%, largest group first."""
    groups: list[list[tuple[float, str]]] = []
    for value in sorted(values):
        if groups and amount_relation(groups[-1][0][0], value[0]) == "same":
            groups[-1].append(value)
        else:
            groups.append([value])
    return sorted(groups, key=lambda g: -len(g))


def current_status(history: Iterable[tuple[str | None, str]]) -> str:
    """The deal's status now, from (reported, status) pairs in report order: it only moves
    forward (rumored → negotiating → announced → done), except that a denial, or a report
    after a denial, always counts. Reports of one day are taken in progress order, a denial
    last (it answers the day's reports), so the order they arrive in does not matter."""
    status: str | None = None
    for _, value in sorted(history, key=_report_order):
        if (
            status is None
            or "denied" in (status, value)
            or STATUS_PROGRESS.get(value, 0) > STATUS_PROGRESS.get(status, 0)
        ):
            status = value
    return status or "announced"


def _report_order(report: tuple[str | None, str]) -> tuple[str, int, str]:
    when, status = report
    rank = len(STATUS_PROGRESS) if status == "denied" else STATUS_PROGRESS.get(status, 0)
    return when or "", rank, status


def dates_conflict(dates: Iterable[str | None]) -> bool:
    """True when two reports give exact days further apart than a few days."""
    days = sorted({s.lo for s in (span(d) for d in dates) if s and s.exact})
    return len(days) > 1 and (days[-1] - days[0]) > timedelta(days=DATE_CONFLICT_DAYS)
