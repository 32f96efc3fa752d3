"""The SQL side of one deal per deal: find the stored deal an event reports, and keep each
deal's summary (amount, status, dates, sources, conflict) up to date.

A deal row carries what matching needs (`match_key`, `principals`, `usd_values`,
`date_lo`/`date_hi`), so finding candidates is one indexed query, and a summary is
recomputed with aggregate queries over the deal's events: SQLite does the counting, and
Python sees only a handful of distinct values, however many outlets reported the deal.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any

from stackwatch.records import Event
from stackwatch.store import deals as rules


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def match_key(event: Event) -> str:
    # financials: a company's revenue and its net loss are different facts
    return f"{event.type}:{event.metric}" if event.metric else event.type


def attach_event(
    conn: sqlite3.Connection, event_id: int, event: Event, when: rules.Span | None, reported: str | None
) -> tuple[int, bool]:
    """The id of the deal `event` reports (an existing one when it matches, else a new one
    summarised from this event alone), and whether it is new."""
    usd = float(event.amount.usd) if event.amount and event.amount.usd is not None else None
    mine = rules.Candidate(
        type=match_key(event),
        principals=rules.principal_ids(event.type, [(a.role, a.entity) for a in event.actors]),
        when=when,
        usd=(usd,) if usd is not None else (),
    )
    deal_id = _best_deal(conn, mine) if mine.principals else None
    created = deal_id is None
    if deal_id is None:
        cur = conn.execute(
            """INSERT INTO deals (type, match_key, principals, usd_values, status, first_reported,
                   last_reported, date, date_lo, date_hi, usd, amount, conflict, layers, signals, sources)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                       (SELECT amount FROM events WHERE id = ?), 0, ?, ?, 1)""",
            (
                event.type,
                mine.type,
                _json(sorted(mine.principals)),
                _json([usd] if usd and usd > 0 else []),
                event.status,
                reported,
                reported,
                event.date or reported,
                when.lo.isoformat() if when else None,
                when.hi.isoformat() if when else None,
                usd if usd and usd > 0 else None,
                event_id,
                _json(sorted(set(event.layers))),
                _json(sorted(set(event.signals))),
            ),
        )
        deal_id = int(cur.lastrowid or 0)
    conn.execute("UPDATE events SET deal_id = ? WHERE id = ?", (deal_id, event_id))
    conn.executemany(
        "INSERT OR IGNORE INTO deal_actors (deal_id, role, entity_id, name) VALUES (?, ?, ?, ?)",
        [(deal_id, a.role, a.entity, a.name) for a in event.actors],
    )
    return deal_id, created


def _best_deal(conn: sqlite3.Connection, mine: rules.Candidate) -> int | None:
    params: list[object] = [mine.type]
    window = ""
    if mine.when is not None:
        slack = timedelta(days=rules.DATE_SLACK_DAYS)
        window = " AND (d.date_hi IS NULL OR (d.date_hi >= ? AND d.date_lo <= ?))"
        params += [(mine.when.lo - slack).isoformat(), (mine.when.hi + slack).isoformat()]
    marks = ",".join("?" * len(mine.principals))
    rows = conn.execute(
        f"""SELECT DISTINCT d.id, d.principals, d.usd_values, d.date_lo, d.date_hi FROM deals d
            JOIN deal_actors a ON a.deal_id = d.id
            WHERE d.match_key = ?{window} AND a.entity_id IN ({marks})
            ORDER BY d.id""",
        (*params, *sorted(mine.principals)),
    ).fetchall()
    best: tuple[int, int] | None = None
    for deal_id, principals, usd_values, date_lo, date_hi in rows:
        when = None
        if date_lo and date_hi:
            when = rules.Span(date.fromisoformat(date_lo), date.fromisoformat(date_hi), exact=False)
        theirs = rules.Candidate(
            type=mine.type,
            principals=frozenset(json.loads(principals)),
            when=when,
            usd=tuple(json.loads(usd_values)),
        )
        score = rules.matches(mine, theirs)
        if score and (best is None or score > best[0]):
            best = (score, deal_id)
    return None if best is None else best[1]


def refresh_deal(conn: sqlite3.Connection, deal_id: int) -> None:
    """Recompute a deal's summary from every event that reports it."""

    def one(sql: str) -> Any:
        return conn.execute(sql, (deal_id,)).fetchone()

    kind = one("SELECT type FROM deals WHERE id = ?")[0]
    actors = conn.execute("SELECT role, entity_id FROM deal_actors WHERE deal_id = ?", (deal_id,)).fetchall()
    principals = sorted(rules.principal_ids(kind, actors))
    first, last, lo, hi, sources = one(
        """SELECT min(reported), max(reported), min(span_lo), max(span_hi), count(DISTINCT document_id)
           FROM events WHERE deal_id = ?"""
    )
    values = conn.execute(
        "SELECT usd, count(DISTINCT document_id) FROM events WHERE deal_id = ? AND usd > 0 GROUP BY usd",
        (deal_id,),
    ).fetchall()
    groups = rules.group_values((usd, str(n)) for usd, n in values)
    groups.sort(key=lambda g: -sum(int(n) for _, n in g))
    usd = amount = None
    if groups:
        top = groups[0]
        low, high = min(v for v, _ in top), max(v for v, _ in top)
        usd, amount = conn.execute(
            """SELECT usd, amount FROM events WHERE deal_id = ? AND usd BETWEEN ? AND ?
               ORDER BY reported IS NULL, reported, id LIMIT 1""",
            (deal_id, low, high),
        ).fetchone()
    history = conn.execute(
        """SELECT max(reported), status FROM events WHERE deal_id = ? GROUP BY status
           UNION SELECT min(reported), status FROM events WHERE deal_id = ? GROUP BY status""",
        (deal_id, deal_id),
    ).fetchall()
    # an event dated by its document's own date says nothing about when the deal was made
    stated = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT date FROM events"
            " WHERE deal_id = ? AND date IS NOT NULL AND date IS NOT reported",
            (deal_id,),
        )
    ]
    notes = []
    if len(groups) > 1:
        notes.append(f"sources report {len(groups)} different amounts")
    if rules.dates_conflict(stated):
        notes.append("sources report different dates")
    common = one(
        """SELECT date FROM events WHERE deal_id = ? AND date IS NOT NULL
           GROUP BY date ORDER BY count(*) DESC, date LIMIT 1"""
    )
    layers = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT j.value FROM events e, json_each(e.layers) j WHERE e.deal_id = ? ORDER BY 1",
            (deal_id,),
        )
    ]
    signals = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT j.value FROM events e, json_each(e.signals) j WHERE e.deal_id = ? ORDER BY 1",
            (deal_id,),
        )
    ]
    conn.execute(
        """UPDATE deals SET principals = ?, usd_values = ?, status = ?, first_reported = ?, last_reported = ?,
               date = ?, date_lo = ?, date_hi = ?, usd = ?, amount = ?, conflict = ?, conflict_note = ?,
               layers = ?, signals = ?, sources = ? WHERE id = ?""",
        (
            _json(principals),
            _json(sorted(v for v, _ in values)),
            rules.current_status(history),
            first,
            last,
            common[0] if common else first,
            lo,
            hi,
            usd,
            amount,
            int(bool(notes)),
            "; ".join(notes) or None,
            _json(layers),
            _json(signals),
            sources,
            deal_id,
        ),
    )
