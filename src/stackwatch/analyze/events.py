"""The period's deals by kind: the largest deals, launches, talent moves, incidents and source conflicts."""

from __future__ import annotations

from stackwatch.analyze.dating import deals_in_period
from stackwatch.analyze.flows import CAPITAL_TYPES
from stackwatch.analyze.period import Period
from stackwatch.store import Deal, Store

__all__ = [
    "VALUE_TYPES",
    "launches",
    "security_incidents",
    "source_conflicts",
    "talent_moves",
    "top_deals",
    "valuations_and_results",
]

VALUE_TYPES = frozenset({"valuation", "financials", "market_forecast"})  # amounts that are not flows


def top_deals(
    store: Store, period: Period, *, limit: int | None = 10, min_usd: float | None = None
) -> tuple[Deal, ...]:
    """Capital deals with an amount, largest first: every one of at least `min_usd`, then up to `limit`."""
    found = [d for d in deals_in_period(store, period, types=CAPITAL_TYPES) if d.usd]
    if min_usd is not None:
        large = [d for d in found if (d.usd or 0.0) >= min_usd]
        if limit is None or len(large) >= limit:
            return tuple(large)
        return tuple(found[: max(limit, len(large))])
    return tuple(found if limit is None else found[:limit])


def valuations_and_results(store: Store, period: Period, *, min_usd: float | None = None) -> tuple[Deal, ...]:
    """Valuations, reported results and market forecasts with an amount, largest first."""
    found = deals_in_period(store, period, types=VALUE_TYPES)
    return tuple(d for d in found if d.usd and (min_usd is None or d.usd >= min_usd))


def launches(store: Store, period: Period) -> tuple[Deal, ...]:
    """Model and product launches (`product_launch`)."""
    return _by_date(deals_in_period(store, period, types=("product_launch",)))


def talent_moves(store: Store, period: Period) -> tuple[Deal, ...]:
    return _by_date(deals_in_period(store, period, types=("talent_move",)))


def security_incidents(store: Store, period: Period) -> tuple[Deal, ...]:
    return _by_date(deals_in_period(store, period, types=("security_incident",)))


def source_conflicts(store: Store, period: Period) -> tuple[Deal, ...]:
    """Deals whose sources disagree on the amount or the date."""
    return tuple(d for d in deals_in_period(store, period) if d.conflict)


def _by_date(deals: tuple[Deal, ...]) -> tuple[Deal, ...]:
    return tuple(sorted(deals, key=lambda d: (d.first_reported or "", d.id)))
