"""A deal's running summary: what its reports add up to, kept so that one more report
costs the same however many came before.

A deal reported by five hundred outlets must not be re-read five hundred times when the
five hundred and first arrives. `DealState` holds what the summary needs — each distinct
amount with its number of sources and its earliest report, each status with its first and
last report, each date with its count — and `fold` adds one document's reports to it.
Folding every report into an empty state gives the same state as folding them one
document at a time; a test holds the two ways to each other. Everything here is pure;
`deal_writer` loads and stores the state as JSON in the deal's row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from stackwatch.store import deals as rules
from stackwatch.store.json_text import dumps


@dataclass(frozen=True, slots=True)
class Report:
    """One event's contribution to its deal."""

    event_id: int
    deal_id: int
    document_id: int
    reported: str | None  # the document's publication date
    usd: float | None
    status: str
    date: str | None
    span_lo: str | None
    span_hi: str | None
    principals: frozenset[str]
    layers: tuple[str, ...]
    signals: tuple[str, ...]


@dataclass(slots=True)
class DealState:
    """Distinct values with their counts; small however many sources a deal has."""

    sources: int = 0
    first_reported: str | None = None
    last_reported: str | None = None
    span_lo: str | None = None
    span_hi: str | None = None
    principals: set[str] = field(default_factory=set)
    layers: set[str] = field(default_factory=set)
    signals: set[str] = field(default_factory=set)
    # usd → [documents reporting it, (reported is None, reported, event id) of its first report]
    values: dict[float, list[Any]] = field(default_factory=dict)
    # status → [earliest report, latest report]
    statuses: dict[str, list[str | None]] = field(default_factory=dict)
    # date → [events giving it, 1 when some source states it (not the publication date)]
    dates: dict[str, list[int]] = field(default_factory=dict)

    def fold(self, reports: Sequence[Report]) -> None:
        """Add the reports of documents not counted before."""
        self.sources += len({r.document_id for r in reports})
        for r in reports:
            self.first_reported = _least(self.first_reported, r.reported)
            self.last_reported = _most(self.last_reported, r.reported)
            self.span_lo = _least(self.span_lo, r.span_lo)
            self.span_hi = _most(self.span_hi, r.span_hi)
            self.principals |= r.principals
            self.layers.update(r.layers)
            self.signals.update(r.signals)
            seen = self.statuses.setdefault(r.status, [None, None])
            seen[0], seen[1] = _least(seen[0], r.reported), _most(seen[1], r.reported)
            if r.date is not None:
                counted = self.dates.setdefault(r.date, [0, 0])
                counted[0] += 1
                counted[1] |= int(r.date != r.reported)
        for usd in {r.usd for r in reports if r.usd is not None and r.usd > 0}:
            mine = [r for r in reports if r.usd == usd]
            first = min((r.reported is None, r.reported or "", r.event_id) for r in mine)
            value = self.values.setdefault(usd, [0, list(first)])
            value[0] += len({r.document_id for r in mine})
            value[1] = min(value[1], list(first))

    def summary(self) -> Summary:
        """The deal's columns as its reports now say."""
        groups = rules.group_values((usd, str(n)) for usd, (n, _) in self.values.items())
        groups.sort(key=lambda g: -sum(int(n) for _, n in g))
        first_event = None
        if groups:
            first_event = min(self.values[usd][1] for usd, _ in groups[0])[2]
        notes = []
        if len(groups) > 1:
            notes.append(f"sources report {len(groups)} different amounts")
        if rules.dates_conflict([d for d, (_, stated) in self.dates.items() if stated]):
            notes.append("sources report different dates")
        common = min(self.dates.items(), key=lambda kv: (-kv[1][0], kv[0]))[0] if self.dates else None
        history = [(when, status) for status, span in self.statuses.items() for when in set(span)]
        return Summary(
            status=rules.current_status(history),
            date=common or self.first_reported,
            first_event=first_event,
            conflict_note="; ".join(notes) or None,
        )

    def to_json(self) -> str:
        return dumps(
            {
                "sources": self.sources,
                "first": self.first_reported,
                "last": self.last_reported,
                "lo": self.span_lo,
                "hi": self.span_hi,
                "principals": sorted(self.principals),
                "layers": sorted(self.layers),
                "signals": sorted(self.signals),
                "values": [[usd, *v] for usd, v in sorted(self.values.items())],
                "statuses": self.statuses,
                "dates": self.dates,
            },
            sort_keys=True,  # the same state is the same text, whatever order it was folded in
        )

    @classmethod
    def from_json(cls, text: str) -> DealState:
        data = json.loads(text)
        return cls(
            sources=data["sources"],
            first_reported=data["first"],
            last_reported=data["last"],
            span_lo=data["lo"],
            span_hi=data["hi"],
            principals=set(data["principals"]),
            layers=set(data["layers"]),
            signals=set(data["signals"]),
            values={usd: [n, first] for usd, n, first in data["values"]},
            statuses=data["statuses"],
            dates=data["dates"],
        )


@dataclass(frozen=True, slots=True)
class Summary:
    status: str
    date: str | None
    first_event: int | None  # the earliest report of the value most sources give
    conflict_note: str | None


def folded(reports: Iterable[Report]) -> DealState:
    state = DealState()
    state.fold(list(reports))
    return state


def _least(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _most(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)
