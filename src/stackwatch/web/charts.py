"""The dashboard's charts: store figures → `prose.charts` SVG, cached until the store changes.

Charts are served as `image/svg+xml` files and shown with `<img>`, never inlined: an SVG
loaded as an image runs no script, whatever names it draws.
"""

from __future__ import annotations

from collections import defaultdict

from stackwatch.prose import bar_chart, network_chart, stacked_bars_by_month
from stackwatch.store import Store, web_sql
from stackwatch.web.i18n import Words
from stackwatch.web.views import EntityView

NETWORK_NEIGHBOURS = 12  # more labels than this overlap in a 7-inch drawing
CHARTS = ("capital-month", "capital-layer")


def _unit(words: Words) -> tuple[float, str]:
    return (1e8, "억 달러") if words.lang == "ko" else (1e9, "US$ billion")


def capital_by_month(store: Store, words: Words) -> str:
    rows = web_sql.capital_by_layer_month(store)
    scale, unit = _unit(words)
    months = sorted({month for month, _, _ in rows})
    layers = [x for x in (*web_sql.LAYER_ORDER, "unknown") if any(r[1] == x for r in rows)]
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for month, layer, usd in rows:
        table[layer][month] = usd / scale
    series = {
        words.label("layer", layer): [round(table[layer].get(m, 0.0), 1) for m in months] for layer in layers
    }
    labels = [words.month(m) for m in months]
    return stacked_bars_by_month(labels, series, title=words.t("capital_by_month"), unit=unit)


def capital_by_layer(store: Store, words: Words) -> str:
    rows = web_sql.capital_by_layer_month(store)
    scale, unit = _unit(words)
    totals: dict[str, float] = defaultdict(float)
    for _, layer, usd in rows:
        totals[layer] += usd / scale
    layers = [x for x in (*web_sql.LAYER_ORDER, "unknown") if x in totals]
    return bar_chart(
        [words.label("layer", x) for x in layers],
        [round(totals[x], 1) for x in layers],
        title=words.t("capital_by_layer"),
        unit=unit,
    )


def entity_network(profile: EntityView, words: Words) -> str:
    """The entity in the middle, its busiest counterparties around it; weights are deal counts."""
    centre = profile.entity.name
    nodes: dict[str, float] = {centre: float(max(1, len(profile.timeline)))}
    edges: list[tuple[str, str, float]] = []
    for party in profile.counterparties[:NETWORK_NEIGHBOURS]:
        if party.name == centre:
            continue
        nodes[party.name] = nodes.get(party.name, 0.0) + party.deals
        edges.append((centre, party.name, float(party.deals)))
    return network_chart(list(nodes.items()), edges, title=words.t("network"))
