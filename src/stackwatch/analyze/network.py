"""The deal network: who pays whom, in US dollars, and which companies sit at its centre.

An edge runs from the paying side of a deal (investor, customer, acquirer, lender) to
the receiving side (investee, provider, target, the company raising money). Deals with
no counterparty (capex, results) and actors that are people or products stay out.
Centrality is the weighted degree (dollars in plus out) and PageRank over the dollar
weights, computed here by power iteration so that no SciPy is needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from stackwatch.analyze.dating import deals_in_period
from stackwatch.analyze.flows import CAPITAL_TYPES
from stackwatch.analyze.period import Period
from stackwatch.analyze.records import DealNetwork, NetworkEdge, NetworkNode
from stackwatch.store import Store, analytics

__all__ = ["deal_network", "network_graph", "pagerank"]

PAYING_ROLES = frozenset({"investor", "customer", "acquirer", "lender"})
RECEIVING_ROLES = frozenset({"investee", "provider", "target", "company"})
_NOT_PARTIES = frozenset({"person", "product"})
DAMPING = 0.85
_ITERATIONS = 100
_TOLERANCE = 1e-10


def deal_network(store: Store, period: Period) -> DealNetwork:
    """The period's payer → payee edges (deals of the same pair add up) and nodes, most central first."""
    deals = [d for d in deals_in_period(store, period, types=CAPITAL_TYPES) if d.usd]
    actors = analytics.deal_actor_details(store, [d.id for d in deals])
    by_deal: dict[int, list[analytics.ActorDetail]] = defaultdict(list)
    for actor in actors:
        if actor.type not in _NOT_PARTIES:
            by_deal[actor.deal_id].append(actor)
    edge_usd: dict[tuple[str, str], float] = defaultdict(float)
    edge_deals: dict[tuple[str, str], set[int]] = defaultdict(set)
    names: dict[str, str] = {}
    for item in deals:
        payers = [a for a in by_deal[item.id] if a.role in PAYING_ROLES]
        payees = [a for a in by_deal[item.id] if a.role in RECEIVING_ROLES]
        for payer in payers:
            for payee in payees:
                if payer.entity_id == payee.entity_id:
                    continue
                names[payer.entity_id], names[payee.entity_id] = payer.name, payee.name
                key = (payer.entity_id, payee.entity_id)
                edge_usd[key] += float(item.usd or 0.0) / (len(payers) * len(payees))
                edge_deals[key].add(item.id)
    edge_records = tuple(
        sorted(
            (
                NetworkEdge(
                    payer_id=a,
                    payer=names[a],
                    payee_id=b,
                    payee=names[b],
                    usd=usd,
                    deal_ids=tuple(sorted(edge_deals[a, b])),
                )
                for (a, b), usd in edge_usd.items()
            ),
            key=lambda e: (-e.usd, e.payer, e.payee),
        )
    )
    return DealNetwork(nodes=_nodes(edge_records, names), edges=edge_records)


def network_graph(network: DealNetwork) -> nx.DiGraph:
    """The network as a networkx DiGraph: nodes are entity ids (attribute `name`), edges weigh dollars."""
    graph = nx.DiGraph()
    for node in network.nodes:
        graph.add_node(node.entity_id, name=node.name)
    for edge in network.edges:
        graph.add_edge(edge.payer_id, edge.payee_id, weight=edge.usd, deals=len(edge.deal_ids))
    return graph


def _nodes(edges: tuple[NetworkEdge, ...], names: dict[str, str]) -> tuple[NetworkNode, ...]:
    usd_in: dict[str, float] = defaultdict(float)
    usd_out: dict[str, float] = defaultdict(float)
    deals: dict[str, set[int]] = defaultdict(set)
    for edge in edges:
        usd_out[edge.payer_id] += edge.usd
        usd_in[edge.payee_id] += edge.usd
        deals[edge.payer_id].update(edge.deal_ids)
        deals[edge.payee_id].update(edge.deal_ids)
    ranks = pagerank(((e.payer_id, e.payee_id, e.usd) for e in edges), nodes=names)
    nodes = [
        NetworkNode(
            entity_id=key,
            name=names[key],
            usd_in=usd_in[key],
            usd_out=usd_out[key],
            deals=len(deals[key]),
            pagerank=ranks.get(key, 0.0),
        )
        for key in names
    ]
    nodes.sort(key=lambda n: (-n.weighted_degree, -n.pagerank, n.name))
    return tuple(nodes)


def pagerank(edges: Iterable[tuple[str, str, float]], *, nodes: Iterable[str] = ()) -> dict[str, float]:
    """PageRank over weighted directed edges; a node without out-edges spreads its rank evenly."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    every = set(nodes)
    for source, target, weight in edges:
        every.update((source, target))
        out[source][target] = out[source].get(target, 0.0) + max(weight, 0.0)
    if not every:
        return {}
    count = len(every)
    rank = dict.fromkeys(every, 1.0 / count)
    for _ in range(_ITERATIONS):
        dangling = sum(rank[n] for n in every if not sum(out[n].values()))
        fresh = dict.fromkeys(every, (1.0 - DAMPING) / count + DAMPING * dangling / count)
        for source, targets in out.items():
            total = sum(targets.values())
            if total:
                for target, weight in targets.items():
                    fresh[target] += DAMPING * rank[source] * weight / total
        change = sum(abs(fresh[n] - rank[n]) for n in every)
        rank = fresh
        if change < _TOLERANCE:
            break
    return rank
