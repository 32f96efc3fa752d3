"""Read queries over the store: deals with their sources, entity profiles, exports.

Every query binds its values as parameters; no user text is ever part of the SQL.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from stackwatch.store.deals import group_values
from stackwatch.store.records import (
    Counterparty,
    Deal,
    DealActor,
    DealFilter,
    EntityProfile,
    EntityRow,
    ReportedValue,
    Source,
)
from stackwatch.store.store import Store
from stackwatch.store.web_sql import DealQuery, deal_where

# Who pays in a deal of each type; the other principal receives.
PAYER_ROLES = frozenset({"investor", "customer", "acquirer"})
PAYEE_ROLES = frozenset({"investee", "provider", "target", "company"})
_MONEY_IN_TYPES = frozenset({"investment", "funding_round", "contract", "acquisition", "debt"})


def resolve_entity(store: Store, name: str) -> EntityRow | None:
    """The entity called `name`: by id, canonical name or alias (any case), else by a prefix."""
    text = name.strip()
    if not text:
        return None
    row = next(
        store.rows(
            """SELECT e.id FROM entities e WHERE e.id = ? OR e.name = ? COLLATE NOCASE
               UNION SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE
               LIMIT 1""",
            (text, text, text),
        ),
        None,
    )
    if row is None:
        row = next(
            store.rows(
                "SELECT id FROM entities WHERE name LIKE ? ESCAPE '\\' COLLATE NOCASE"
                " ORDER BY length(name) LIMIT 1",
                (_like_prefix(text),),
            ),
            None,
        )
    return entity_row(store, row[0]) if row else None


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def entity_row(store: Store, entity_id: str) -> EntityRow | None:
    row = next(store.rows("SELECT * FROM entities WHERE id = ?", (entity_id,)), None)
    if row is None:
        return None
    aliases = tuple(
        sorted(
            r[0]
            for r in store.rows("SELECT alias FROM entity_aliases WHERE entity_id = ?", (entity_id,))
            if r[0] != row["name"]
        )
    )
    return EntityRow(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        country=row["country"],
        ticker=row["ticker"],
        known=bool(row["known"]),
        layers=tuple(json.loads(row["layers"])),
        aliases=aliases,
    )


def deals(store: Store, where: DealFilter = DealFilter(), *, with_sources: bool = True) -> list[Deal]:  # noqa: B008
    """Deals matching `where`, largest first (then newest)."""
    entity_id = None
    if where.entity:
        entity = resolve_entity(store, where.entity)
        if entity is None:
            return []
        entity_id = entity.id
    condition, params = deal_where(
        DealQuery(
            since=where.since,
            until=where.until,
            types=where.types,
            layer=where.layer,
            signal=where.signal,
            entity_id=entity_id,
            min_usd=where.min_usd,
            conflicts_only=where.conflicts_only,
        )
    )
    sql = (
        "SELECT * FROM deals d WHERE "
        + condition
        + " ORDER BY d.usd IS NULL, d.usd DESC, d.first_reported DESC, d.id"
    )
    if where.limit:
        sql += " LIMIT ?"
        params.append(where.limit)
    return [_deal(store, row, with_sources=with_sources) for row in store.rows(sql, params)]


def deal(store: Store, deal_id: int) -> Deal | None:
    row = next(store.rows("SELECT * FROM deals WHERE id = ?", (deal_id,)), None)
    return _deal(store, row, with_sources=True) if row else None


def _deal(store: Store, row: Any, *, with_sources: bool) -> Deal:
    deal_id = row["id"]
    actors = tuple(
        DealActor(role=r["role"], entity_id=r["entity_id"], name=r["name"])
        for r in store.rows(
            "SELECT role, entity_id, name FROM deal_actors WHERE deal_id = ? ORDER BY role, name", (deal_id,)
        )
    )
    sources: tuple[Source, ...] = ()
    values: tuple[ReportedValue, ...] = ()
    history: tuple[tuple[str | None, str], ...] = ()
    if with_sources:
        sources = tuple(
            Source(
                document_id=r["document_id"],
                doc=r["doc"],
                title=r["title"],
                url=r["url"],
                published=r["published"],
                evidence=r["evidence"],
                sentence=r["sentence_idx"],
                status=r["status"],
                date=r["date"],
                amount=json.loads(r["amount"]) if r["amount"] else None,
            )
            for r in store.rows(
                """SELECT e.document_id, d.doc, d.title, d.url, d.published, e.evidence, e.sentence_idx,
                          e.status, e.date, e.amount
                   FROM events e JOIN documents d ON d.id = e.document_id
                   WHERE e.deal_id = ? ORDER BY d.published, d.id, e.idx""",
                (deal_id,),
            )
        )
        history = tuple((s.published, s.status) for s in sources)
        values = _reported_values(sources)
    return Deal(
        id=deal_id,
        type=row["type"],
        actors=actors,
        amount=json.loads(row["amount"]) if row["amount"] else None,
        usd=row["usd"],
        status=row["status"],
        first_reported=row["first_reported"],
        date=row["date"],
        layers=tuple(json.loads(row["layers"])),
        signals=tuple(json.loads(row["signals"])),
        conflict=bool(row["conflict"]),
        conflict_note=row["conflict_note"],
        sources=sources,
        reported_values=values,
        status_history=history,
    )


def _reported_values(sources: tuple[Source, ...]) -> tuple[ReportedValue, ...]:
    keyed = [
        (float(s.amount["usd"]), str(i)) for i, s in enumerate(sources) if s.amount and s.amount.get("usd")
    ]
    result = []
    for group in group_values(keyed):
        members = [sources[int(key)] for _, key in group]
        result.append(
            ReportedValue(
                amount=members[0].amount or {},
                usd=group[0][0],
                sources=tuple(sorted({m.document_id for m in members})),
            )
        )
    return tuple(result)


def entity_profile(store: Store, name: str) -> EntityProfile | None:
    """Who an entity is and what the record says it did: deals, counterparties, money in and out."""
    entity = resolve_entity(store, name)
    if entity is None:
        return None
    stats = next(
        store.rows(
            """SELECT count(*) AS mentions, count(DISTINCT m.document_id) AS docs,
                      min(d.published) AS first_seen, max(d.published) AS last_seen
               FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ?""",
            (entity.id,),
        )
    )
    timeline = [
        _deal(store, row, with_sources=True)
        for row in store.rows(
            """SELECT * FROM deals d WHERE EXISTS
                   (SELECT 1 FROM deal_actors a WHERE a.deal_id = d.id AND a.entity_id = ?)
               ORDER BY COALESCE(d.date, d.first_reported), d.id""",
            (entity.id,),
        )
    ]
    partners: dict[str, list[Any]] = defaultdict(lambda: ["", 0, 0.0])
    roles: Counter[str] = Counter()
    usd_in = usd_out = 0.0
    for item in timeline:
        mine = {a.role for a in item.actors if a.entity_id == entity.id}
        roles.update(mine)
        for actor in item.actors:
            if actor.entity_id != entity.id:
                entry = partners[actor.entity_id]
                entry[0] = actor.name
                entry[1] += 1
                entry[2] += item.usd or 0.0
        if item.usd and item.type in _MONEY_IN_TYPES:
            if mine & PAYER_ROLES:
                usd_out += item.usd
            elif mine & PAYEE_ROLES:
                usd_in += item.usd
    counterparties = sorted(
        (Counterparty(entity_id=k, name=v[0], deals=v[1], usd=v[2]) for k, v in partners.items()),
        key=lambda c: (-c.deals, -c.usd, c.name),
    )
    return EntityProfile(
        entity=entity,
        mentions=stats["mentions"],
        documents=stats["docs"],
        first_seen=stats["first_seen"],
        last_seen=stats["last_seen"],
        timeline=tuple(timeline),
        counterparties=tuple(counterparties),
        usd_in=usd_in,
        usd_out=usd_out,
        roles=dict(roles),
    )


def profile_record(profile: EntityProfile) -> dict[str, Any]:
    """An entity profile as JSON (`stackwatch entity --json`, `/api/entities/{id}`)."""
    entity = profile.entity
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "ticker": entity.ticker,
        "known": entity.known,
        "aliases": list(entity.aliases),
        "layers": list(entity.layers),
        "mentions": profile.mentions,
        "documents": profile.documents,
        "first_seen": profile.first_seen,
        "last_seen": profile.last_seen,
        "usd_in": profile.usd_in,
        "usd_out": profile.usd_out,
        "roles": profile.roles,
        "counterparties": [
            {"entity_id": c.entity_id, "name": c.name, "deals": c.deals, "usd": c.usd}
            for c in profile.counterparties
        ],
        "timeline": [deal_record(d) for d in profile.timeline],
    }


def deal_record(item: Deal) -> dict[str, Any]:
    """A deal as JSON (`stackwatch deals --json`)."""
    return {
        "id": item.id,
        "type": item.type,
        "actors": [{"role": a.role, "name": a.name} for a in item.actors],
        "amount": item.amount,
        "status": item.status,
        "first_reported": item.first_reported,
        "date": item.date,
        "layers": list(item.layers),
        "signals": list(item.signals),
        "sources": [
            {"doc": s.doc, "url": s.url, "published": s.published, "evidence": s.evidence}
            for s in item.sources
        ],
        "conflict": item.conflict,
        "conflict_note": item.conflict_note,
        "reported_values": [
            {
                "amount": v.amount,
                "sources": [s.doc for s in item.sources if s.document_id in v.sources],
            }
            for v in item.reported_values
        ],
        "status_history": [{"reported": r, "status": s} for r, s in item.status_history],
    }


def document_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored document's SCHEMA.md record, in storing order."""
    for row in store.rows("SELECT record, story_id, id FROM documents ORDER BY id"):
        record = json.loads(row["record"])
        record["story"] = row["story_id"]
        yield record


def entity_records(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.rows(
        """SELECT e.*, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,
                  (SELECT json_group_array(alias) FROM entity_aliases a WHERE a.entity_id = e.id) AS aliases
           FROM entities e ORDER BY e.id"""
    ):
        yield {
            "id": row["id"],
            "name": row["name"],
            "type": row["type"],
            "country": row["country"],
            "ticker": row["ticker"],
            "known": bool(row["known"]),
            "layers": json.loads(row["layers"]),
            "aliases": sorted(json.loads(row["aliases"])),
            "mentions": row["mentions"],
        }


def event_records(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.rows(
        """SELECT e.*, d.doc, d.url, d.published,
                  (SELECT json_group_array(json_object('role', a.role, 'name', a.name))
                   FROM event_actors a WHERE a.event_id = e.id) AS actors
           FROM events e JOIN documents d ON d.id = e.document_id ORDER BY e.id"""
    ):
        yield {
            "doc": row["doc"],
            "url": row["url"],
            "published": row["published"],
            "type": row["type"],
            "actors": json.loads(row["actors"]),
            "amount": json.loads(row["amount"]) if row["amount"] else None,
            "date": row["date"],
            "period": row["period"],
            "status": row["status"],
            "layers": json.loads(row["layers"]),
            "signals": json.loads(row["signals"]),
            "evidence": row["evidence"],
            "confidence": row["confidence"],
            "deal": row["deal_id"],
        }
