"""What the analyses return: plain frozen records for Python callers, the report and the web app."""

from __future__ import annotations

from dataclasses import dataclass

from stackwatch.analyze.period import Period
from stackwatch.store import Deal


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowTotal:
    """Capital in one group (a layer, a type, a country or a month), in US dollars."""

    key: str
    usd: float
    deals: int
    converted: int = 0  # deals whose dollars come from another currency


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversion:
    """How one deal's amount became dollars: the article's own conversion, or the dated rate table."""

    deal_id: int
    text: str
    currency: str
    usd: float
    usd_rate: float | None
    rate_source: str | None  # "stated" | "table:YYYY-MM-DD"


@dataclass(frozen=True, slots=True, kw_only=True)
class CapitalFlows:
    """Capital committed in a period, grouped four ways; a deal on several layers counts in each."""

    period: Period
    total_usd: float
    deals: int
    by_layer: tuple[FlowTotal, ...]
    by_type: tuple[FlowTotal, ...]
    by_country: tuple[FlowTotal, ...]
    by_month: tuple[FlowTotal, ...]
    conversions: tuple[Conversion, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SignalEvidence:
    """A sentence that raised a watchlist signal: from a deal's report or from a document's text."""

    signal: str
    document_id: int
    sentence: str
    deal_id: int | None = None
    event_type: str | None = None
    usd: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SignalDigest:
    signal: str
    deals: int
    documents: int
    evidence: tuple[SignalEvidence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AttentionChange:
    """Stories naming an entity in a period and in the period before (near-duplicates count once)."""

    entity_id: str
    name: str
    type: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous


@dataclass(frozen=True, slots=True, kw_only=True)
class Attention:
    period: Period
    previous: Period
    rising: tuple[AttentionChange, ...]
    falling: tuple[AttentionChange, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkEdge:
    """Money from a payer to a payee over one or more deals."""

    payer_id: str
    payer: str
    payee_id: str
    payee: str
    usd: float
    deal_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkNode:
    entity_id: str
    name: str
    usd_in: float
    usd_out: float
    deals: int
    pagerank: float

    @property
    def weighted_degree(self) -> float:
        return self.usd_in + self.usd_out


@dataclass(frozen=True, slots=True, kw_only=True)
class DealNetwork:
    """Who pays whom; nodes ordered by weighted degree (US dollars in and out), then PageRank."""

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    date: str | None
    deal: Deal
