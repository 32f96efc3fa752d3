"""The analyses over a store of the written November corpus."""

from __future__ import annotations

import networkx as nx

from stackwatch import analyze
from stackwatch.analyze import Period
from stackwatch.records import SIGNALS
from stackwatch.store import Deal, Store

NOVEMBER = Period.parse("2025-11")


def _actors(deal: Deal) -> set[str]:
    return {a.name for a in deal.actors}


def test_deals_in_period_excludes_the_previous_month(corpus_store: Store) -> None:
    november = {d.type for d in analyze.deals_in_period(corpus_store, NOVEMBER)}
    october = [d.type for d in analyze.deals_in_period(corpus_store, Period.parse("2025-10"))]
    assert {"contract", "investment", "product_launch", "talent_move", "security_incident"} <= november
    assert october == ["capex"]


def test_top_deals_largest_first_with_every_billion(corpus_store: Store) -> None:
    top = analyze.top_deals(corpus_store, NOVEMBER, min_usd=1e9)
    assert [d.usd for d in top] == sorted((d.usd or 0 for d in top), reverse=True)
    assert {"OpenAI", "Amazon Web Services"} <= _actors(top[0])
    assert all(d.sources for d in top)


def test_capital_flows_add_up(corpus_store: Store) -> None:
    flows = analyze.capital_flows(corpus_store, NOVEMBER)
    assert flows.deals == 3
    for grouping in (flows.by_layer, flows.by_type, flows.by_country, flows.by_month):
        assert abs(sum(t.usd for t in grouping) - flows.total_usd) < 1
    assert [t.key for t in flows.by_month] == ["2025-11"]
    assert flows.conversions == ()  # all in dollars


def test_launches_talent_incidents_and_conflicts(corpus_store: Store) -> None:
    assert {"Google", "Gemini 3 Pro"} <= _actors(analyze.launches(corpus_store, NOVEMBER)[0])
    assert "Yann LeCun" in _actors(analyze.talent_moves(corpus_store, NOVEMBER)[0])
    assert "Coupang" in _actors(analyze.security_incidents(corpus_store, NOVEMBER)[0])
    (conflict,) = analyze.source_conflicts(corpus_store, NOVEMBER)
    assert {"Microsoft", "Nebius"} <= _actors(conflict)
    assert len(conflict.reported_values) == 2


def test_watchlist_has_every_signal_with_evidence_from_the_period(corpus_store: Store) -> None:
    digests = analyze.watchlist(corpus_store, NOVEMBER)
    assert [d.signal for d in digests] == list(SIGNALS)
    by_signal = {d.signal: d for d in digests}
    assert by_signal["security"].evidence
    assert any("3,370만" in e.sentence for e in by_signal["security"].evidence)
    assert by_signal["talent"].evidence
    assert all(len(d.evidence) <= 4 for d in digests)


def test_attention_counts_stories_against_the_previous_month(corpus_store: Store) -> None:
    result = analyze.attention(corpus_store, NOVEMBER, min_count=1)
    assert result.previous == Period.parse("2025-10")
    rising = {c.name: c for c in result.rising}
    assert rising["Nebius"].current in (1, 2)  # two reports; one story if they are near-duplicates
    falling = {c.name for c in result.falling}
    assert "Oracle" in falling
    assert all(c.current > c.previous for c in result.rising)


def test_deal_network_pays_from_payer_to_payee(corpus_store: Store) -> None:
    network = analyze.deal_network(corpus_store, NOVEMBER)
    edges = {(e.payer, e.payee) for e in network.edges}
    assert ("OpenAI", "Amazon Web Services") in edges
    assert ("Nvidia", "Anthropic") in edges
    graph = analyze.network_graph(network)
    assert isinstance(graph, nx.DiGraph)
    assert graph["openai"]["aws"]["weight"] == 38e9
    assert abs(sum(n.pagerank for n in network.nodes) - 1.0) < 1e-6
    assert network.nodes[0].weighted_degree >= network.nodes[-1].weighted_degree


def test_pagerank_matches_networkx_on_a_small_graph() -> None:
    edges = [("a", "b", 2.0), ("b", "c", 1.0), ("c", "a", 1.0), ("a", "c", 1.0)]
    ours = analyze.pagerank(edges)
    assert ours["c"] > ours["b"]
    assert abs(sum(ours.values()) - 1.0) < 1e-9


def test_entity_timeline(corpus_store: Store) -> None:
    assert [e.deal.type for e in analyze.entity_timeline(corpus_store, "오픈AI")] == ["contract"]
    assert [e.date for e in analyze.entity_timeline(corpus_store, "Oracle")] == ["2025-10-14"]
    assert analyze.entity_timeline(corpus_store, "오라클", NOVEMBER) == ()
    assert analyze.entity_timeline(corpus_store, "오픈AI", NOVEMBER)[0].date == "2025-11-03"
    assert analyze.entity_timeline(corpus_store, "no such company") == ()
