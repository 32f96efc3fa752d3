"""What store queries return: plain frozen records, ready for the CLI, the report and the web app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Added:
    """The outcome of storing one document."""

    status: str  # "new" | "duplicate"
    document_id: int
    story_id: int
    near_duplicate: bool = False  # joined a story told by another document
    deals: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DealActor:
    role: str
    entity_id: str
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One report of a deal: the document and the sentence it was read from."""

    document_id: int
    doc: str
    title: str | None
    url: str | None
    published: str | None
    evidence: str
    sentence: int
    status: str
    date: str | None
    amount: dict[str, Any] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportedValue:
    """An amount as some sources reported it, with those sources (document ids)."""

    amount: dict[str, Any]
    usd: float | None
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Deal:
    id: int
    type: str
    actors: tuple[DealActor, ...]
    amount: dict[str, Any] | None
    usd: float | None
    status: str
    first_reported: str | None
    date: str | None
    layers: tuple[str, ...]
    signals: tuple[str, ...]
    conflict: bool
    conflict_note: str | None
    sources: tuple[Source, ...] = ()
    reported_values: tuple[ReportedValue, ...] = ()
    status_history: tuple[tuple[str | None, str], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DealFilter:
    since: str | None = None  # ISO date, inclusive, on the first report
    until: str | None = None  # ISO date, inclusive
    types: tuple[str, ...] = ()
    layer: str | None = None
    signal: str | None = None
    entity: str | None = None  # a name, alias or id
    min_usd: float | None = None
    conflicts_only: bool = False
    limit: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityRow:
    id: str
    name: str
    type: str
    country: str | None
    ticker: str | None
    known: bool
    layers: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Counterparty:
    entity_id: str
    name: str
    deals: int
    usd: float


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityProfile:
    entity: EntityRow
    mentions: int
    documents: int
    first_seen: str | None
    last_seen: str | None
    timeline: tuple[Deal, ...]
    counterparties: tuple[Counterparty, ...]
    usd_in: float
    usd_out: float
    roles: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreCounts:
    documents: int
    stories: int
    sentences: int
    entities: int
    events: int
    deals: int
    conflicts: int
