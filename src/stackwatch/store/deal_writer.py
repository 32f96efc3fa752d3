"""The SQL side of one deal per deal: find the stored deal an event reports, and keep each
deal's summary (amount, status, dates, sources, conflict) up to date.

A deal row carries what matching needs (`match_key`, `principals`, `usd_values`,
`date_lo`/`date_hi`), found through the actors' (entity, match key) index, and its running
state (`deal_state.DealState`, JSON in `deals.state`), so a document's reports are folded
into the summary without re-reading the deal's earlier sources, however many outlets
reported it.

`DealWriter` keeps what it has read or written of the deals in memory between one
store's documents: the busiest companies' deals are matched against by most articles,
and reading them, and their states, again for each one cost a third of storing. The
memory is dropped whenever it may be stale: after a failed write, when another
connection has committed (`PRAGMA data_version`), or when this one wrote outside it.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from stackwatch.records import Event
from stackwatch.store import deals as rules
from stackwatch.store.deal_state import DealState, Report, folded
from stackwatch.store.json_text import dumps as _json


def match_key(event: Event) -> str:
    # financials: a company's revenue and its net loss are different facts
    return f"{event.type}:{event.metric}" if event.metric else event.type


def report_of(
    event: Event,
    *,
    event_id: int,
    deal_id: int,
    document_id: int,
    when: rules.Span | None,
    reported: str | None,
) -> Report:
    """What `event`, stored as `event_id`, adds to its deal `deal_id`."""
    usd = float(event.amount.usd) if event.amount and event.amount.usd is not None else None
    return Report(
        event_id=event_id,
        deal_id=deal_id,
        document_id=document_id,
        reported=reported,
        usd=usd,
        status=event.status,
        date=event.date,
        span_lo=when.lo.isoformat() if when else None,
        span_hi=when.hi.isoformat() if when else None,
        principals=rules.principal_ids(event.type, [(a.role, a.entity) for a in event.actors]),
        layers=tuple(event.layers),
        signals=tuple(event.signals),
    )


def refresh_deal(conn: sqlite3.Connection, deal_id: int) -> None:
    """Recompute a deal's summary from every event that reports it."""
    DealWriter(conn).write_summary(deal_id, _state_from_events(conn, deal_id))


def _state_from_events(conn: sqlite3.Connection, deal_id: int) -> DealState:
    (kind,) = conn.execute("SELECT type FROM deals WHERE id = ?", (deal_id,)).fetchone()
    actors = conn.execute("SELECT role, entity_id FROM deal_actors WHERE deal_id = ?", (deal_id,)).fetchall()
    principals = rules.principal_ids(kind, actors)
    rows = conn.execute(
        """SELECT id, document_id, reported, usd, status, date, span_lo, span_hi, layers, signals
           FROM events WHERE deal_id = ? ORDER BY id""",
        (deal_id,),
    )
    return folded(
        Report(
            event_id=event_id,
            deal_id=deal_id,
            document_id=document_id,
            reported=reported,
            usd=usd,
            status=status,
            date=when,
            span_lo=lo,
            span_hi=hi,
            principals=principals,
            layers=tuple(json.loads(layers)),
            signals=tuple(json.loads(signals)),
        )
        for event_id, document_id, reported, usd, status, when, lo, hi, layers, signals in rows
    )


@dataclass(slots=True)
class _Deal:
    """A deal row as matching reads it, its running state once read, and its actors."""

    candidate: rules.Candidate  # its type is the deal's match key
    actors: set[tuple[str, str]]  # (role, entity id), as in deal_actors
    state: DealState | None = None  # None: not read yet
    first: tuple[int, float | None, str | None] | None = None  # event id, usd, amount JSON


_DEALS_REMEMBERED = 100_000
_UPDATE_SUMMARY = """UPDATE deals SET principals = ?, usd_values = ?, status = ?, first_reported = ?,
    last_reported = ?, date = ?, date_lo = ?, date_hi = ?, usd = ?, amount = ?, conflict = ?,
    conflict_note = ?, layers = ?, signals = ?, sources = ?, state = ? WHERE id = ?"""


class DealWriter:
    """Matches events to deals and keeps their summaries, for one connection's documents.

    Call `begin()` inside each document's transaction, before anything else, and
    `committed()` or `discard()` after it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._deals: dict[int, _Deal] = {}
        self._by_key: dict[tuple[str, str], set[int]] = {}  # (entity, match key) → deal ids
        self._events: dict[int, tuple[float | None, str | None]] = {}  # this document's
        self._mark: tuple[int, int] | None = None  # (data_version, total_changes) after our commit
        self._version = 0

    def begin(self) -> None:
        """Forget what may have changed since this writer's last commit."""
        (self._version,) = self.conn.execute("PRAGMA data_version").fetchone()
        if self._mark != (self._version, self.conn.total_changes) or len(self._deals) > _DEALS_REMEMBERED:
            self.discard()
        self._events.clear()

    def committed(self) -> None:
        self._mark = (self._version, self.conn.total_changes)

    def discard(self) -> None:
        self._deals.clear()
        self._by_key.clear()
        self._mark = None

    def deal_for(self, event: Event, when: rules.Span | None) -> int:
        """The id of the deal `event` reports: an existing one when it matches, else a new
        one (its actors recorded). Its summary is brought up to date afterwards, by `update`."""
        usd = float(event.amount.usd) if event.amount and event.amount.usd is not None else None
        mine = rules.Candidate(
            type=match_key(event),
            principals=rules.principal_ids(event.type, [(a.role, a.entity) for a in event.actors]),
            when=when,
            usd=(usd,) if usd is not None else (),
        )
        deal_id = self._best_deal(mine) if mine.principals else None
        if deal_id is None:
            deal_id = self._new_deal(event, mine, usd)
        deal = self._deals[deal_id]
        added = [(a.role, a.entity) for a in event.actors if (a.role, a.entity) not in deal.actors]
        if added:
            self.conn.executemany(
                """INSERT OR IGNORE INTO deal_actors (deal_id, role, entity_id, name, match_key)
                   VALUES (?, ?, ?, ?, ?)""",
                [(deal_id, a.role, a.entity, a.name, mine.type) for a in event.actors],
            )
            deal.actors.update(added)
            for _, entity in added:
                known = self._by_key.get((entity, mine.type))
                if known is not None:
                    known.add(deal_id)
        return deal_id

    def note_event(self, event_id: int, usd: float | None, amount: str | None) -> None:
        """An event of this document, stored: a new deal's summary quotes its amount."""
        self._events[event_id] = (usd, amount)

    def update(self, reports: list[Report]) -> None:
        """Fold one document's reports into the summaries of the deals they report."""
        by_deal: dict[int, list[Report]] = {}
        for report in reports:
            by_deal.setdefault(report.deal_id, []).append(report)
        rows = []
        for deal_id in sorted(by_deal):
            deal = self._deals[deal_id]
            if deal.state is None:
                (text,) = self.conn.execute("SELECT state FROM deals WHERE id = ?", (deal_id,)).fetchone()
                if text is None:
                    # a deal stored before states were kept: its events, this document's included
                    rows.append(self._summary_row(deal_id, _state_from_events(self.conn, deal_id)))
                    continue
                deal.state = DealState.from_json(text)
            deal.state.fold(by_deal[deal_id])
            rows.append(self._summary_row(deal_id, deal.state))
        self.conn.executemany(_UPDATE_SUMMARY, rows)

    def write_summary(self, deal_id: int, state: DealState) -> None:
        self.conn.execute(_UPDATE_SUMMARY, self._summary_row(deal_id, state))

    def _summary_row(self, deal_id: int, state: DealState) -> tuple[object, ...]:
        """The deal's columns as `state` says (remembered for matching)."""
        summary = state.summary()
        deal = self._deals.get(deal_id)
        usd = amount = None
        if summary.first_event is not None:
            if deal is not None and deal.first is not None and deal.first[0] == summary.first_event:
                usd, amount = deal.first[1:]
            elif summary.first_event in self._events:
                usd, amount = self._events[summary.first_event]
            else:
                usd, amount = self.conn.execute(
                    "SELECT usd, amount FROM events WHERE id = ?", (summary.first_event,)
                ).fetchone()
        if deal is not None:
            deal.candidate = rules.Candidate(
                type=deal.candidate.type,
                principals=frozenset(state.principals),
                when=_span(state.span_lo, state.span_hi),
                usd=tuple(sorted(state.values)),
            )
            deal.state = state
            deal.first = None if summary.first_event is None else (summary.first_event, usd, amount)
        return (
            _json(sorted(state.principals)),
            _json(sorted(state.values)),
            summary.status,
            state.first_reported,
            state.last_reported,
            summary.date,
            state.span_lo,
            state.span_hi,
            usd,
            amount,
            int(summary.conflict_note is not None),
            summary.conflict_note,
            _json(sorted(state.layers)),
            _json(sorted(state.signals)),
            state.sources,
            state.to_json(),
            deal_id,
        )

    def _new_deal(self, event: Event, mine: rules.Candidate, usd: float | None) -> int:
        # a bare row that matching can find at once; `update` fills in the rest
        values = [usd] if usd and usd > 0 else []
        when = mine.when
        cur = self.conn.execute(
            """INSERT INTO deals (type, match_key, principals, usd_values, status, date_lo, date_hi,
                   conflict, layers, signals, sources, state)
               VALUES (?, ?, ?, ?, ?, ?, ?, 0, '[]', '[]', 0, ?)""",
            (
                event.type,
                mine.type,
                _json(sorted(mine.principals)),
                _json(values),
                event.status,
                when.lo.isoformat() if when else None,
                when.hi.isoformat() if when else None,
                DealState().to_json(),
            ),
        )
        deal_id = int(cur.lastrowid or 0)
        # the span as the row will read back: days, not exact
        span = _span(when.lo.isoformat(), when.hi.isoformat()) if when else None
        candidate = rules.Candidate(type=mine.type, principals=mine.principals, when=span, usd=tuple(values))
        self._deals[deal_id] = _Deal(candidate, set(), DealState())
        return deal_id

    def _best_deal(self, mine: rules.Candidate) -> int | None:
        ids: set[int] = set()
        for entity in mine.principals:
            ids |= self._deals_of(entity, mine.type)
        best: tuple[int, int] | None = None
        for deal_id in sorted(ids):
            deal = self._deals[deal_id]
            score = rules.matches(mine, deal.candidate)
            if score and (best is None or score > best[0]):
                best = (score, deal_id)
        return None if best is None else best[1]

    def _deals_of(self, entity: str, key: str) -> set[int]:
        """The deals with `entity` among their actors under match key `key`."""
        known = self._by_key.get((entity, key))
        if known is not None:
            return known
        ids = {
            row[0]
            for row in self.conn.execute(
                "SELECT deal_id FROM deal_actors WHERE entity_id = ? AND match_key = ?", (entity, key)
            )
        }
        self._load(sorted(ids - self._deals.keys()))
        self._by_key[(entity, key)] = ids
        return ids

    def _load(self, ids: list[int]) -> None:
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            marks = ",".join("?" * len(chunk))
            for deal_id, key, principals, usd_values, date_lo, date_hi in self.conn.execute(
                f"""SELECT id, match_key, principals, usd_values, date_lo, date_hi FROM deals
                    WHERE id IN ({marks})""",
                chunk,
            ):
                candidate = rules.Candidate(
                    type=key,
                    principals=_ids(principals),
                    when=_span(date_lo, date_hi),
                    usd=_values(usd_values),
                )
                self._deals[deal_id] = _Deal(candidate, set())
            for deal_id, role, entity in self.conn.execute(
                f"SELECT deal_id, role, entity_id FROM deal_actors WHERE deal_id IN ({marks})", chunk
            ):
                self._deals[deal_id].actors.add((role, entity))


# Candidates repeat (the deals of the busiest companies are read for every report of them),
# so their JSON columns are parsed once per distinct text.
@functools.lru_cache(maxsize=65536)
def _ids(text: str) -> frozenset[str]:
    return frozenset(json.loads(text))


@functools.lru_cache(maxsize=65536)
def _values(text: str) -> tuple[float, ...]:
    return tuple(json.loads(text))


@functools.lru_cache(maxsize=65536)
def _span(lo: str | None, hi: str | None) -> rules.Span | None:
    return rules.Span(date.fromisoformat(lo), date.fromisoformat(hi), exact=False) if lo and hi else None
