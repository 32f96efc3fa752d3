"""Capital flows: money committed in a period, by layer, deal type, country and month, in US dollars.

Capital means the deal types that move money (`extract.classify.CAPITAL_FLOWS`:
investments, rounds, contracts, capex, acquisitions, debt, share sales, listings);
valuations, results and forecasts are not flows. Amounts in other currencies count in
dollars at the article's stated conversion, else at the knowledge base's dated rate
table; every such conversion is listed (`CapitalFlows.conversions`). A deal placed on
several layers is split evenly between them, so the layers add up to the total.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from stackwatch.analyze.dating import deal_dates, deals_in_period
from stackwatch.analyze.period import Period
from stackwatch.analyze.records import CapitalFlows, Conversion, FlowTotal
from stackwatch.extract.classify import CAPITAL_FLOWS
from stackwatch.store import Deal, Store, analytics
from stackwatch.store.queries import PAYEE_ROLES

__all__ = ["CAPITAL_TYPES", "capital_deals", "capital_flows"]

CAPITAL_TYPES = CAPITAL_FLOWS
UNASSIGNED = "unassigned"
_MONTH = re.compile(r"^\d{4}-\d{2}")


def capital_deals(store: Store, period: Period) -> tuple[Deal, ...]:
    """The period's capital deals that have a dollar amount, largest first."""
    return tuple(d for d in deals_in_period(store, period, types=CAPITAL_TYPES) if d.usd)


def capital_flows(store: Store, period: Period) -> CapitalFlows:
    """Sum the period's capital deals by layer, type, country (of the side receiving the money) and month."""
    found = capital_deals(store, period)
    dates = deal_dates(store, period)
    countries = _receiving_countries(store, [d.id for d in found])
    by_layer: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0])
    by_type: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0])
    by_country: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0])
    by_month: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0])
    conversions: list[Conversion] = []
    for item in found:
        usd = float(item.usd or 0.0)
        converted = _conversion(item)
        if converted is not None:
            conversions.append(converted)
        layers = item.layers or (UNASSIGNED,)
        for layer in layers:
            _add(by_layer[layer], usd / len(layers), converted is not None)
        _add(by_type[item.type], usd, converted is not None)
        _add(by_country[countries.get(item.id) or UNASSIGNED], usd, converted is not None)
        when = dates.get(item.id) or ""
        _add(by_month[when[:7] if _MONTH.match(when) else UNASSIGNED], usd, converted is not None)
    return CapitalFlows(
        period=period,
        total_usd=sum(float(d.usd or 0.0) for d in found),
        deals=len(found),
        by_layer=_totals(by_layer),
        by_type=_totals(by_type),
        by_country=_totals(by_country),
        by_month=tuple(sorted(_totals(by_month), key=lambda t: t.key)),
        conversions=tuple(conversions),
    )


def _add(entry: list[float], usd: float, converted: bool) -> None:
    entry[0] += usd
    entry[1] += 1
    entry[2] += int(converted)


def _totals(groups: Mapping[str, list[float]]) -> tuple[FlowTotal, ...]:
    totals = [FlowTotal(key=k, usd=v[0], deals=int(v[1]), converted=int(v[2])) for k, v in groups.items()]
    return tuple(sorted(totals, key=lambda t: (-t.usd, t.key)))


def _conversion(item: Deal) -> Conversion | None:
    amount = item.amount or {}
    currency = amount.get("currency")
    if not currency or currency == "USD" or item.usd is None:
        return None
    rate = amount.get("usd_rate")
    return Conversion(
        deal_id=item.id,
        text=str(amount.get("text") or ""),
        currency=str(currency),
        usd=float(item.usd),
        usd_rate=float(rate) if rate is not None else None,
        rate_source=amount.get("rate_source"),
    )


def _receiving_countries(store: Store, deal_ids: Iterable[int]) -> dict[int, str]:
    """Each deal's country: the receiving side's (the spender's, for capex), else any actor's."""
    best: dict[int, tuple[int, str]] = {}
    for actor in analytics.deal_actor_details(store, deal_ids):
        if not actor.country:
            continue
        rank = 0 if actor.role in PAYEE_ROLES else 1
        if actor.deal_id not in best or rank < best[actor.deal_id][0]:
            best[actor.deal_id] = (rank, actor.country)
    return {deal_id: country for deal_id, (_, country) in best.items()}
