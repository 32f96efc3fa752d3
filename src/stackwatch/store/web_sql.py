"""Read queries for the dashboard and the JSON API, beyond `store.queries`.

Pages of deals sorted and filtered the way a table asks for them, a document with the
spans to highlight, listings for the API, and the small summaries of the overview.
Every value is a bound parameter; the only SQL text chosen at run time comes from the
fixed `DEAL_SORTS` table, never from a request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stackwatch.store.store import Store

# A request names a sort key; the key picks one of these fixed expressions.
DEAL_SORTS: dict[str, str] = {
    "amount": "d.usd",
    "date": "COALESCE(d.first_reported, d.date)",
    "type": "d.type",
    "status": "d.status",
    "sources": "d.sources",
}
DEAL_STATUSES = ("done", "announced", "negotiating", "rumored", "denied")
# Deal types that move money from one party to another (a valuation or a forecast does not).
CAPITAL_TYPES = ("investment", "funding_round", "contract", "capex", "acquisition", "debt")
# Deal types where money moves from a payer to a payee (as `store.queries` counts money in and out).
MONEY_IN_TYPES = frozenset({"investment", "funding_round", "contract", "acquisition", "debt"})
LAYER_ORDER = ("model", "application", "enterprise", "infrastructure", "frontier")
RISING_WINDOW_DAYS = 30  # attention now vs the 30 days before; a month is what a monthly report compares


@dataclass(frozen=True, slots=True, kw_only=True)
class DealQuery:
    """A page of the deals table: filters, one sort key, and where the page starts."""

    since: str | None = None
    until: str | None = None
    type: str | None = None
    types: tuple[str, ...] = ()  # any of these (with `type`, both must hold)
    layer: str | None = None
    signal: str | None = None
    entity_id: str | None = None
    min_usd: float | None = None
    max_usd: float | None = None
    status: str | None = None
    conflicts_only: bool = False
    sort: str = "amount"
    descending: bool = True
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class DealRow:
    """One line of the deals table: the deal and its actors, without its sources."""

    id: int
    type: str
    status: str
    first_reported: str | None
    date: str | None
    usd: float | None
    amount: dict[str, Any] | None
    conflict: bool
    conflict_note: str | None
    layers: tuple[str, ...]
    signals: tuple[str, ...]
    sources: int
    actors: tuple[tuple[str, str, str], ...]  # (role, entity id, name)


def deal_where(query: DealQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = ["1 = 1"]
    params: list[Any] = []
    if query.since:
        clauses.append("COALESCE(d.first_reported, d.date) >= ?")
        params.append(query.since)
    if query.until:
        clauses.append("COALESCE(d.first_reported, d.date) <= ?")
        params.append(query.until + "\uffff")
    if query.type:
        clauses.append("d.type = ?")
        params.append(query.type)
    if query.types:
        clauses.append(f"d.type IN ({','.join('?' * len(query.types))})")
        params.extend(query.types)
    if query.status:
        clauses.append("d.status = ?")
        params.append(query.status)
    if query.layer:
        clauses.append("EXISTS (SELECT 1 FROM json_each(d.layers) WHERE value = ?)")
        params.append(query.layer)
    if query.signal:
        clauses.append("EXISTS (SELECT 1 FROM json_each(d.signals) WHERE value = ?)")
        params.append(query.signal)
    if query.min_usd is not None:
        clauses.append("d.usd >= ?")
        params.append(query.min_usd)
    if query.max_usd is not None:
        clauses.append("d.usd <= ?")
        params.append(query.max_usd)
    if query.conflicts_only:
        clauses.append("d.conflict = 1")
    if query.entity_id:
        clauses.append("d.id IN (SELECT a.deal_id FROM deal_actors a WHERE a.entity_id = ?)")
        params.append(query.entity_id)
    return " AND ".join(clauses), params


def deal_page(store: Store, query: DealQuery) -> tuple[int, list[DealRow]]:
    """How many deals match, and the requested page of them in the requested order."""
    where, params = deal_where(query)
    total = int(next(store.rows(f"SELECT count(*) FROM deals d WHERE {where}", params))[0])
    key = DEAL_SORTS.get(query.sort, DEAL_SORTS["amount"])
    direction = "DESC" if query.descending else "ASC"
    sql = f"""SELECT d.*, (SELECT json_group_array(json_array(a.role, a.entity_id, a.name))
                          FROM deal_actors a WHERE a.deal_id = d.id) AS actor_list
              FROM deals d WHERE {where}
              ORDER BY {key} IS NULL, {key} {direction}, d.id DESC LIMIT ? OFFSET ?"""
    rows = store.rows(sql, [*params, query.limit, query.offset])
    return total, [_deal_row(row) for row in rows]


def _deal_row(row: Any) -> DealRow:
    actors = sorted((str(a[0]), str(a[1]), str(a[2])) for a in json.loads(row["actor_list"] or "[]"))
    return DealRow(
        id=row["id"],
        type=row["type"],
        status=row["status"],
        first_reported=row["first_reported"],
        date=row["date"],
        usd=row["usd"],
        amount=json.loads(row["amount"]) if row["amount"] else None,
        conflict=bool(row["conflict"]),
        conflict_note=row["conflict_note"],
        layers=tuple(json.loads(row["layers"])),
        signals=tuple(json.loads(row["signals"])),
        sources=row["sources"],
        actors=tuple(actors),
    )


def latest_large_deals(store: Store, *, min_usd: float = 1e9, limit: int = 8) -> list[DealRow]:
    """The newest capital deals (money changing hands) of at least `min_usd`, newest first."""
    query = DealQuery(min_usd=min_usd, types=CAPITAL_TYPES, sort="date", limit=limit)
    return deal_page(store, query)[1]


def deal_types(store: Store) -> list[str]:
    return [r[0] for r in store.rows("SELECT DISTINCT type FROM deals ORDER BY type")]


def data_version(store: Store) -> tuple[int, int, int]:
    """Changes whenever a document or a deal is stored: a key for cached charts."""
    row = next(
        store.rows(
            "SELECT (SELECT COALESCE(max(id), 0) FROM documents), (SELECT count(*) FROM deals),"
            " (SELECT COALESCE(sum(sources), 0) FROM deals)"
        )
    )
    return int(row[0]), int(row[1]), int(row[2])


# -- overview --------------------------------------------------------------------------------


def capital_by_layer_month(store: Store) -> list[tuple[str, str, float]]:
    """(month, layer, USD) summed over capital deals; a deal counts once, on its first layer
    in the five-layer order, so the stacked bars add up to the real total."""
    marks = ",".join("?" * len(CAPITAL_TYPES))
    rows = store.rows(
        f"""SELECT substr(COALESCE(d.first_reported, d.date), 1, 7) AS month, d.layers, d.usd
            FROM deals d WHERE d.usd IS NOT NULL AND d.type IN ({marks})
              AND COALESCE(d.first_reported, d.date) IS NOT NULL""",
        CAPITAL_TYPES,
    )
    totals: dict[tuple[str, str], float] = {}
    for row in rows:
        layers = json.loads(row["layers"])
        layer = next((x for x in LAYER_ORDER if x in layers), "unknown")
        key = (row["month"], layer)
        totals[key] = totals.get(key, 0.0) + float(row["usd"])
    return sorted((month, layer, usd) for (month, layer), usd in totals.items())


@dataclass(frozen=True, slots=True, kw_only=True)
class SignalSummary:
    signal: str
    documents: int
    events: int
    latest_document: int | None
    latest_title: str | None
    latest_published: str | None
    latest_evidence: str | None
    latest_sentence: int | None


def signal_summaries(store: Store) -> list[SignalSummary]:
    """Each watchlist signal: how many documents and events carry it, and its newest evidence."""
    counts = {
        r[0]: int(r[1])
        for r in store.rows(
            "SELECT j.value, count(*) FROM documents d, json_each(d.signals) j GROUP BY j.value"
        )
    }
    events = {
        r[0]: int(r[1])
        for r in store.rows("SELECT j.value, count(*) FROM events e, json_each(e.signals) j GROUP BY j.value")
    }
    result = []
    for signal in sorted(set(counts) | set(events), key=lambda s: (-counts.get(s, 0), s)):
        latest = next(
            store.rows(
                """SELECT e.document_id, d.title, d.published, e.evidence, e.sentence_idx
                   FROM events e JOIN documents d ON d.id = e.document_id
                   WHERE EXISTS (SELECT 1 FROM json_each(e.signals) WHERE value = ?)
                   ORDER BY d.published DESC, e.id DESC LIMIT 1""",
                (signal,),
            ),
            None,
        )
        result.append(
            SignalSummary(
                signal=signal,
                documents=counts.get(signal, 0),
                events=events.get(signal, 0),
                latest_document=latest[0] if latest else None,
                latest_title=latest[1] if latest else None,
                latest_published=latest[2] if latest else None,
                latest_evidence=latest[3] if latest else None,
                latest_sentence=latest[4] if latest else None,
            )
        )
    return result


@dataclass(frozen=True, slots=True, kw_only=True)
class RisingEntity:
    entity_id: str
    name: str
    recent: int  # documents naming it in the last window
    before: int  # ... and in the window before


def rising_entities(store: Store, *, limit: int = 10) -> list[RisingEntity]:
    """Entities named by more documents in the last `RISING_WINDOW_DAYS` than in the window before."""
    newest = next(store.rows("SELECT max(published) FROM documents WHERE length(published) = 10"))[0]
    if not newest:
        return []
    end = date.fromisoformat(newest)
    middle = (end - timedelta(days=RISING_WINDOW_DAYS)).isoformat()
    start = (end - timedelta(days=2 * RISING_WINDOW_DAYS)).isoformat()
    rows = store.rows(
        """SELECT m.entity_id, e.name,
                  count(DISTINCT CASE WHEN d.published > ? THEN d.id END) AS recent,
                  count(DISTINCT CASE WHEN d.published <= ? THEN d.id END) AS before
           FROM mentions m JOIN documents d ON d.id = m.document_id JOIN entities e ON e.id = m.entity_id
           WHERE d.published > ? AND d.published <= ?
           GROUP BY m.entity_id
           HAVING recent > before
           ORDER BY recent - before DESC, recent DESC, e.name LIMIT ?""",
        (middle, middle, start, newest, limit),
    )
    return [RisingEntity(entity_id=r[0], name=r[1], recent=r[2], before=r[3]) for r in rows]


# -- documents -------------------------------------------------------------------------------


def document_row(store: Store, document_id: int) -> dict[str, Any] | None:
    row = next(
        store.rows(
            """SELECT id, doc, source, url, title, published, site, format, language, text, layer_primary,
                      layers, signals, tags, story_id, ingested_at FROM documents WHERE id = ?""",
            (document_id,),
        ),
        None,
    )
    if row is None:
        return None
    record = dict(row)
    for key in ("layers", "signals", "tags"):
        record[key] = json.loads(record[key])
    return record


def document_record(store: Store, document_id: int) -> dict[str, Any] | None:
    """The stored SCHEMA.md record of one document."""
    row = next(store.rows("SELECT record, story_id FROM documents WHERE id = ?", (document_id,)), None)
    if row is None:
        return None
    record: dict[str, Any] = json.loads(row[0])
    record["story"] = row[1]
    return record


def document_sentences(store: Store, document_id: int) -> list[tuple[int, str, bool]]:
    """(index, text, is_title) in order."""
    rows = store.rows(
        "SELECT idx, text, is_title FROM sentences WHERE document_id = ? ORDER BY idx", (document_id,)
    )
    return [(r[0], r[1], bool(r[2])) for r in rows]


def document_mentions(store: Store, document_id: int) -> list[tuple[int, int, int, str, str]]:
    """(sentence index, start, end, entity id, entity name) of every linked name."""
    rows = store.rows(
        """SELECT m.sentence_idx, m.start, m.end, m.entity_id, e.name
           FROM mentions m JOIN entities e ON e.id = m.entity_id
           WHERE m.document_id = ? ORDER BY m.sentence_idx, m.start""",
        (document_id,),
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def document_amounts(store: Store, document_id: int) -> list[tuple[int, str, dict[str, Any]]]:
    """(sentence index, text as written, SCHEMA.md amount) of every amount."""
    rows = store.rows(
        "SELECT sentence_idx, text, record FROM amounts WHERE document_id = ? ORDER BY id", (document_id,)
    )
    return [(r[0], r[1], json.loads(r[2])) for r in rows]


def document_events(store: Store, document_id: int) -> list[dict[str, Any]]:
    """The events read from one document, with actors and the deal each joined."""
    rows = store.rows(
        """SELECT e.id, e.type, e.sentence_idx, e.evidence, e.amount, e.date, e.period, e.status,
                  e.confidence, e.deal_id,
                  (SELECT json_group_array(json_object('role', a.role, 'entity_id', a.entity_id,
                                                       'name', a.name))
                   FROM event_actors a WHERE a.event_id = e.id) AS actors
           FROM events e WHERE e.document_id = ? ORDER BY e.idx""",
        (document_id,),
    )
    return [_event(row) for row in rows]


def _event(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "type": row["type"],
        "sentence": row["sentence_idx"],
        "evidence": row["evidence"],
        "amount": json.loads(row["amount"]) if row["amount"] else None,
        "date": row["date"],
        "period": row["period"],
        "status": row["status"],
        "confidence": row["confidence"],
        "deal": row["deal_id"],
        "actors": json.loads(row["actors"] or "[]"),
    }


def document_list(store: Store, *, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Documents, newest first: a page of summaries and how many there are."""
    total = int(next(store.rows("SELECT count(*) FROM documents"))[0])
    rows = store.rows(
        """SELECT id, doc, url, title, published, site, language, layer_primary, signals FROM documents
           ORDER BY published DESC, id DESC LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    items = []
    for row in rows:
        item = dict(row)
        item["signals"] = json.loads(item["signals"])
        items.append(item)
    return total, items


def entity_list(
    store: Store, *, kind: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Entities, most mentioned first (optionally of one type)."""
    where, params = ("e.type = ?", [kind]) if kind else ("1 = 1", [])
    total = int(next(store.rows(f"SELECT count(*) FROM entities e WHERE {where}", params))[0])
    rows = store.rows(
        f"""SELECT e.id, e.name, e.type, e.country, e.known, e.layers,
                   (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions
            FROM entities e WHERE {where} ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    items = []
    for row in rows:
        item = dict(row)
        item["known"] = bool(item["known"])
        item["layers"] = json.loads(item["layers"])
        items.append(item)
    return total, items


def event_list(
    store: Store, *, kind: str | None, entity_id: str | None, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Events, newest document first, optionally of one type or naming one entity."""
    clauses, params = ["1 = 1"], []
    if kind:
        clauses.append("e.type = ?")
        params.append(kind)
    if entity_id:
        clauses.append("e.id IN (SELECT a.event_id FROM event_actors a WHERE a.entity_id = ?)")
        params.append(entity_id)
    where = " AND ".join(clauses)
    total = int(next(store.rows(f"SELECT count(*) FROM events e WHERE {where}", params))[0])
    rows = store.rows(
        f"""SELECT e.id, e.type, e.sentence_idx, e.evidence, e.amount, e.date, e.period, e.status,
                   e.confidence, e.deal_id, e.document_id, d.published,
                   (SELECT json_group_array(json_object('role', a.role, 'entity_id', a.entity_id,
                                                        'name', a.name))
                    FROM event_actors a WHERE a.event_id = e.id) AS actors
            FROM events e JOIN documents d ON d.id = e.document_id WHERE {where}
            ORDER BY d.published DESC, d.id DESC, e.idx LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    items = []
    for row in rows:
        item = _event(row)
        item["document"] = row["document_id"]
        item["published"] = row["published"]
        items.append(item)
    return total, items


def entity_documents(store: Store, entity_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """The newest documents naming an entity, with how often they name it."""
    rows = store.rows(
        """SELECT d.id, d.title, d.published, d.doc, count(*) AS mentions
           FROM mentions m JOIN documents d ON d.id = m.document_id
           WHERE m.entity_id = ? GROUP BY d.id
           ORDER BY d.published IS NULL, d.published DESC, d.id DESC LIMIT ?""",
        (entity_id, limit),
    )
    return [dict(r) for r in rows]


def document_ids_by_doc(store: Store, docs: list[str]) -> dict[str, int]:
    """The id of each named document (`doc` is its file name or URL); the first stored wins."""
    found: dict[str, int] = {}
    for doc in dict.fromkeys(docs):
        row = next(store.rows("SELECT min(id) FROM documents WHERE doc = ?", (doc,)), None)
        if row is not None and row[0] is not None:
            found[doc] = int(row[0])
    return found


def entity_stats(store: Store, entity_id: str) -> tuple[int, int, str | None, str | None]:
    """(mentions, documents, first seen, last seen) of an entity."""
    row = next(
        store.rows(
            """SELECT count(*), count(DISTINCT m.document_id), min(d.published), max(d.published)
               FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ?""",
            (entity_id,),
        )
    )
    return int(row[0]), int(row[1]), row[2], row[3]
