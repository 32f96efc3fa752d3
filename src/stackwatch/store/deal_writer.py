"""The SQL side of one deal per deal: find the stored deal an event reports, and keep each
deal's summary (amount, status, dates, sources, conflict) up to date.

A deal row carries what matching needs (`match_key`, `principals`, `usd_values`,
`date_lo`/`date_hi`), so finding candidates is one indexed query, and its running state
(`deal_state.DealState`, JSON in `deals.state`), so a document's reports are folded into
the summary without re-reading the deal's earlier sources, however many outlets reported it.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from datetime import date, timedelta

from stackwatch.records import Event
from stackwatch.store import deals as rules
from stackwatch.store.deal_state import DealState, Report, folded
from stackwatch.store.json_text import dumps as _json


def match_key(event: Event) -> str:
    # financials: a company's revenue and its net loss are different facts
    return f"{event.type}:{event.metric}" if event.metric else event.type


def deal_for(conn: sqlite3.Connection, event: Event, when: rules.Span | None) -> int:
    """The id of the deal `event` reports: an existing one when it matches, else a new one
    (its actors recorded). The deal's summary is brought up to date afterwards, by `update_deals`."""
    usd = float(event.amount.usd) if event.amount and event.amount.usd is not None else None
    mine = rules.Candidate(
        type=match_key(event),
        principals=rules.principal_ids(event.type, [(a.role, a.entity) for a in event.actors]),
        when=when,
        usd=(usd,) if usd is not None else (),
    )
    deal_id = _best_deal(conn, mine) if mine.principals else None
    if deal_id is None:
        # a bare row that matching can find at once; `update_deals` fills in the rest
        cur = conn.execute(
            """INSERT INTO deals (type, match_key, principals, usd_values, status, date_lo, date_hi,
                   conflict, layers, signals, sources, state)
               VALUES (?, ?, ?, ?, ?, ?, ?, 0, '[]', '[]', 0, ?)""",
            (
                event.type,
                mine.type,
                _json(sorted(mine.principals)),
                _json([usd] if usd and usd > 0 else []),
                event.status,
                when.lo.isoformat() if when else None,
                when.hi.isoformat() if when else None,
                DealState().to_json(),
            ),
        )
        deal_id = int(cur.lastrowid or 0)
    conn.executemany(
        """INSERT OR IGNORE INTO deal_actors (deal_id, role, entity_id, name, match_key)
           VALUES (?, ?, ?, ?, ?)""",
        [(deal_id, a.role, a.entity, a.name, mine.type) for a in event.actors],
    )
    return deal_id


def report_of(
    event_id: int, document_id: int, event: Event, when: rules.Span | None, reported: str | None
) -> Report:
    """What `event`, stored as `event_id`, adds to its deal."""
    usd = float(event.amount.usd) if event.amount and event.amount.usd is not None else None
    return Report(
        event_id=event_id,
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


def update_deals(conn: sqlite3.Connection, reports: dict[int, list[Report]]) -> None:
    """Fold one document's reports into the summaries of the deals they report."""
    for deal_id in sorted(reports):
        (text,) = conn.execute("SELECT state FROM deals WHERE id = ?", (deal_id,)).fetchone()
        if text is None:
            # a deal stored before states were kept: its events, this document's included
            state = _state_from_events(conn, deal_id)
        else:
            state = DealState.from_json(text)
            state.fold(reports[deal_id])
        _write_summary(conn, deal_id, state)


def refresh_deal(conn: sqlite3.Connection, deal_id: int) -> None:
    """Recompute a deal's summary from every event that reports it."""
    _write_summary(conn, deal_id, _state_from_events(conn, deal_id))


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


def _write_summary(conn: sqlite3.Connection, deal_id: int, state: DealState) -> None:
    summary = state.summary()
    usd = amount = None
    if summary.first_event is not None:
        usd, amount = conn.execute(
            "SELECT usd, amount FROM events WHERE id = ?", (summary.first_event,)
        ).fetchone()
    conn.execute(
        """UPDATE deals SET principals = ?, usd_values = ?, status = ?, first_reported = ?, last_reported = ?,
               date = ?, date_lo = ?, date_hi = ?, usd = ?, amount = ?, conflict = ?, conflict_note = ?,
               layers = ?, signals = ?, sources = ?, state = ? WHERE id = ?""",
        (
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
        ),
    )


def _best_deal(conn: sqlite3.Connection, mine: rules.Candidate) -> int | None:
    window, dates = "", []
    if mine.when is not None:
        slack = timedelta(days=rules.DATE_SLACK_DAYS)
        window = " AND (d.date_hi IS NULL OR (d.date_hi >= ? AND d.date_lo <= ?))"
        dates = [(mine.when.lo - slack).isoformat(), (mine.when.hi + slack).isoformat()]
    marks = ",".join("?" * len(mine.principals))
    # from the actors' (entity, match key) index: the deals of these companies and this type
    rows = conn.execute(
        f"""SELECT DISTINCT d.id, d.principals, d.usd_values, d.date_lo, d.date_hi
            FROM deal_actors a CROSS JOIN deals d ON d.id = a.deal_id
            WHERE a.entity_id IN ({marks}) AND a.match_key = ?{window}
            ORDER BY d.id""",
        (*sorted(mine.principals), mine.type, *dates),
    ).fetchall()
    best: tuple[int, int] | None = None
    for deal_id, principals, usd_values, date_lo, date_hi in rows:
        theirs = rules.Candidate(
            type=mine.type,
            principals=_ids(principals),
            when=_span(date_lo, date_hi),
            usd=_values(usd_values),
        )
        score = rules.matches(mine, theirs)
        if score and (best is None or score > best[0]):
            best = (score, deal_id)
    return None if best is None else best[1]


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
