"""Read-only views over the store: capital flows, top deals, signals, attention, the deal network, timelines.

Every function takes a `Store` and a `Period` and returns plain frozen records (or the
store's own `Deal` records), for Python callers, the report and the web app alike.
"""

from stackwatch.analyze.attention import attention
from stackwatch.analyze.dating import deal_dates, deals_in_period, documents_in_period, roundup_period
from stackwatch.analyze.events import (
    launches,
    security_incidents,
    source_conflicts,
    talent_moves,
    top_deals,
    valuations_and_results,
)
from stackwatch.analyze.flows import CAPITAL_TYPES, capital_deals, capital_flows
from stackwatch.analyze.network import deal_network, network_graph, pagerank
from stackwatch.analyze.period import Period
from stackwatch.analyze.records import (
    Attention,
    AttentionChange,
    CapitalFlows,
    Conversion,
    DealNetwork,
    FlowTotal,
    NetworkEdge,
    NetworkNode,
    SignalDigest,
    SignalEvidence,
    TimelineEntry,
)
from stackwatch.analyze.signals import watchlist
from stackwatch.analyze.timeline import entity_timeline

__all__ = [
    "CAPITAL_TYPES",
    "Attention",
    "AttentionChange",
    "CapitalFlows",
    "Conversion",
    "DealNetwork",
    "FlowTotal",
    "NetworkEdge",
    "NetworkNode",
    "Period",
    "SignalDigest",
    "SignalEvidence",
    "TimelineEntry",
    "attention",
    "capital_deals",
    "capital_flows",
    "deal_dates",
    "deal_network",
    "deals_in_period",
    "documents_in_period",
    "entity_timeline",
    "launches",
    "network_graph",
    "pagerank",
    "roundup_period",
    "security_incidents",
    "source_conflicts",
    "talent_moves",
    "top_deals",
    "valuations_and_results",
    "watchlist",
]
