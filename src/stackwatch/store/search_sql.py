"""The SQL of search and questions: sentences by FTS5 (bm25), their neighbours' entities,
events with their actors, and the amounts written in a sentence.

`stackwatch.search` decides what to ask; this module only reads. Every value is a bound
parameter and the MATCH expression comes from `nlp.terms.fts_query`-style quoting, so no
user text reaches the SQL itself.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from stackwatch.store.store import Store

# SQLite allows 32,766 bound parameters; a query over more ids is cut into slices of this size.
_ID_SLICE = 500
_KEY = 1_000_000  # document id * _KEY + sentence index: one number per sentence place


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceRow:
    """A stored sentence with its document's citation fields; `rank` is bm25 (lower is better)."""

    id: int
    document_id: int
    idx: int
    text: str
    is_title: bool
    doc: str
    title: str | None
    url: str | None
    published: str | None
    site: str | None
    rank: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class EventActorRow:
    role: str
    entity_id: str
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow:
    """An event as stored, with its actors, its sentence and its document."""

    id: int
    type: str
    metric: str | None
    date: str | None
    period: str | None
    status: str
    usd: float | None
    amount: dict[str, Any] | None
    layers: tuple[str, ...]
    deal_id: int | None
    actors: tuple[EventActorRow, ...]
    sentence: SentenceRow


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionRow:
    entity_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AmountRow:
    """An amount written in a sentence (the SCHEMA.md amount record) and the events that use it."""

    sentence_id: int
    record: dict[str, Any]


_SENTENCE_COLUMNS = """s.id, s.document_id, s.idx, s.text, s.is_title, d.doc, d.title, d.url, d.published,
    d.site"""


def _sentence(row: Any, rank: float = 0.0) -> SentenceRow:
    return SentenceRow(
        id=row["id"],
        document_id=row["document_id"],
        idx=row["idx"],
        text=row["text"],
        is_title=bool(row["is_title"]),
        doc=row["doc"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        site=row["site"],
        rank=rank,
    )


def match_sentences(
    store: Store,
    match: str,
    *,
    limit: int,
    since: str | None = None,
    until: str | None = None,
    layer: str | None = None,
    event_type: str | None = None,
    source: str | None = None,
    newest_first: bool = False,
) -> list[SentenceRow]:
    """Sentences matching the FTS5 expression `match`, best bm25 first (or newest first, which
    costs nothing per match where bm25 costs about 7 µs), within the filters."""
    clauses = ["sentence_fts MATCH ?"]
    params: list[Any] = [match]
    if since:
        clauses.append("d.published >= ?")
        params.append(since)
    if until:
        clauses.append("d.published <= ?")
        params.append(until + "\uffff")
    if layer:
        clauses.append("EXISTS (SELECT 1 FROM json_each(d.layers) WHERE value = ?)")
        params.append(layer)
    if event_type:
        # checked per match read, by the index of its document's events (`+e.type`: not by
        # the type index, which holds every event of the type); the newest-first
        # scan reads few, and a ranked one at most a few thousand
        clauses.append(
            "EXISTS (SELECT 1 FROM events e WHERE e.document_id = s.document_id"
            " AND e.sentence_idx = s.idx AND +e.type = ?)"
        )
        params.append(event_type)
    if source:
        clauses.append("(d.site = ? COLLATE NOCASE OR d.doc = ? OR d.url LIKE ? ESCAPE '\\')")
        params.extend([source, source, "%" + _escape_like(source) + "%"])
    params.append(limit)
    where = " AND ".join(clauses[1:]) or "1 = 1"
    if newest_first:
        # FTS5 yields its matches in rowid order, so the newest `limit` that pass the filters
        # are read and joined, and the scan stops there: no match is ranked or sorted
        sql = f"""SELECT {_SENTENCE_COLUMNS}, 0.0 AS score FROM sentence_fts m
                  JOIN sentences s ON s.id = m.rowid JOIN documents d ON d.id = s.document_id
                  WHERE sentence_fts MATCH ? AND {where} ORDER BY m.rowid DESC LIMIT ?"""
        return [_sentence(row, row["score"]) for row in store.rows(sql, params)]
    # Without filters the best `limit` rows are taken inside FTS5 (ORDER BY rank LIMIT is its
    # fast path) and only they are joined; with filters every match is joined, then ranked
    # (there are at most a few thousand: more are read newest first).
    inner_limit = "" if len(clauses) > 1 else "ORDER BY rank LIMIT ?"
    if inner_limit:
        params.insert(1, limit)
    sql = f"""SELECT {_SENTENCE_COLUMNS}, m.score FROM
                (SELECT rowid, rank AS score FROM sentence_fts WHERE sentence_fts MATCH ? {inner_limit}) m
              JOIN sentences s ON s.id = m.rowid JOIN documents d ON d.id = s.document_id
              WHERE {where} ORDER BY m.score LIMIT ?"""
    return [_sentence(row, row["score"]) for row in store.rows(sql, params)]


def count_matches(store: Store, match: str, *, cap: int) -> int:
    """How many sentences match `match`, counting no further than `cap` (cheap either way)."""
    sql = "SELECT count(*) FROM (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ? LIMIT ?)"
    return int(next(store.rows(sql, (match, cap)))[0])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sentences_by_id(store: Store, ids: Iterable[int]) -> dict[int, SentenceRow]:
    found: dict[int, SentenceRow] = {}
    for part in _slices(sorted(set(ids))):
        marks = ",".join("?" * len(part))
        sql = f"""SELECT {_SENTENCE_COLUMNS} FROM sentences s JOIN documents d ON d.id = s.document_id
                  WHERE s.id IN ({marks})"""
        found.update((row["id"], _sentence(row)) for row in store.rows(sql, part))
    return found


def sentence_at(store: Store, document_id: int, idx: int) -> SentenceRow | None:
    sql = f"""SELECT {_SENTENCE_COLUMNS} FROM sentences s JOIN documents d ON d.id = s.document_id
              WHERE s.document_id = ? AND s.idx = ?"""
    row = next(store.rows(sql, (document_id, idx)), None)
    return _sentence(row) if row else None


def document_sentences(store: Store, document_id: int) -> list[SentenceRow]:
    sql = f"""SELECT {_SENTENCE_COLUMNS} FROM sentences s JOIN documents d ON d.id = s.document_id
              WHERE s.document_id = ? ORDER BY s.idx"""
    return [_sentence(row) for row in store.rows(sql, (document_id,))]


def mentions_in(store: Store, places: Iterable[tuple[int, int]]) -> dict[tuple[int, int], list[MentionRow]]:
    """The entity mentions of each (document id, sentence index), in reading order."""
    wanted = sorted(set(places))
    found: dict[tuple[int, int], list[MentionRow]] = {p: [] for p in wanted}
    by_document: dict[int, set[int]] = {}
    for document_id, idx in wanted:
        by_document.setdefault(document_id, set()).add(idx)
    keys = sorted(document_id * _KEY + idx for document_id, idx in wanted)
    for part in _slices(keys):
        marks = ",".join("?" * len(part))
        documents = sorted({k // _KEY for k in part})
        doc_marks = ",".join("?" * len(documents))
        sql = f"""SELECT document_id, sentence_idx, entity_id, start, end FROM mentions
                  WHERE document_id IN ({doc_marks}) AND document_id * {_KEY} + sentence_idx IN ({marks})
                  ORDER BY document_id, sentence_idx, start"""
        for row in store.rows(sql, [*documents, *part]):
            key = (row["document_id"], row["sentence_idx"])
            found[key].append(MentionRow(entity_id=row["entity_id"], start=row["start"], end=row["end"]))
    return found


def mention_counts(
    store: Store, document_ids: Iterable[int], entity_ids: Sequence[str]
) -> dict[int, Counter[str]]:
    """How often each of `entity_ids` is named in each document."""
    counts: dict[int, Counter[str]] = {}
    if not entity_ids:
        return counts
    entity_marks = ",".join("?" * len(entity_ids))
    for part in _slices(sorted(set(document_ids))):
        marks = ",".join("?" * len(part))
        # by document (`+entity_id` keeps SQLite off the entity index: a busy company's
        # mentions number tens of thousands, a few hundred documents' only thousands)
        sql = f"""SELECT document_id, entity_id, count(*) AS n FROM mentions
                  WHERE document_id IN ({marks}) AND +entity_id IN ({entity_marks})
                  GROUP BY document_id, entity_id"""
        for row in store.rows(sql, [*part, *entity_ids]):
            counts.setdefault(row["document_id"], Counter())[row["entity_id"]] = row["n"]
    return counts


def entities_named(store: Store, names: Iterable[str]) -> dict[str, str]:
    """Name (as given) → entity id, for the entities the store calls by that name (any case)."""
    found: dict[str, str] = {}
    for name in sorted(set(names)):
        row = next(
            store.rows(
                "SELECT id FROM entities WHERE name = ? COLLATE NOCASE ORDER BY known DESC LIMIT 1", (name,)
            ),
            None,
        )
        if row is not None:
            found[name] = row[0]
    return found


def entity_names(store: Store, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Entity id → (canonical name, type) for the ids the store holds."""
    found: dict[str, tuple[str, str]] = {}
    for part in _slices(sorted(set(ids))):
        marks = ",".join("?" * len(part))
        for row in store.rows(f"SELECT id, name, type FROM entities WHERE id IN ({marks})", part):
            found[row["id"]] = (row["name"], row["type"])
    return found


def entity_countries(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Entity id → its country (ISO 3166), for the ids that have one."""
    found: dict[str, str] = {}
    for part in _slices(sorted(set(ids))):
        marks = ",".join("?" * len(part))
        sql = f"SELECT id, country FROM entities WHERE id IN ({marks}) AND country IS NOT NULL"
        found.update((row["id"], row["country"]) for row in store.rows(sql, part))
    return found


def events(
    store: Store,
    *,
    types: Sequence[str] = (),
    entity_ids: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    largest_first: bool = False,
    limit: int = 1000,
) -> list[EventRow]:
    """Events of `types` (any when empty) naming one of `entity_ids` (any when empty), newest
    document first. `since`/`until` bound the event date or, when it has none, the document date."""
    clauses = ["1 = 1"]
    params: list[Any] = []
    if types:
        clauses.append(f"e.type IN ({','.join('?' * len(types))})")
        params.extend(types)
    if entity_ids:
        marks = ",".join("?" * len(entity_ids))
        clauses.append(
            f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.entity_id IN ({marks}))"
        )
        params.extend(entity_ids)
    if since:
        clauses.append("COALESCE(e.date, d.published, '9999') >= ?")
        params.append(since)
    if until:
        clauses.append("substr(COALESCE(e.date, d.published, '0000'), 1, length(?)) <= ?")
        params.extend([until, until])
    params.append(limit)
    order = "e.usd IS NULL, e.usd DESC," if largest_first else ""
    # the events are chosen and ordered first; only the `limit` chosen find their sentence
    sql = f"""SELECT e.id AS event_id, e.type, e.metric, e.date, e.period, e.status, e.usd, e.amount,
                     e.layers, e.deal_id, {_SENTENCE_COLUMNS}
              FROM (SELECT e.id FROM events e JOIN documents d ON d.id = e.document_id
                    WHERE {" AND ".join(clauses)}
                    ORDER BY {order} d.published DESC, e.id LIMIT ?) chosen
              JOIN events e ON e.id = chosen.id JOIN documents d ON d.id = e.document_id
              JOIN sentences s ON s.id = COALESCE(
                  (SELECT x.id FROM sentences x WHERE x.document_id = e.document_id AND x.text = e.evidence
                   ORDER BY x.idx LIMIT 1),
                  (SELECT x.id FROM sentences x
                   WHERE x.document_id = e.document_id AND x.idx = e.sentence_idx))
              ORDER BY {order} d.published DESC, e.id"""
    rows = list(store.rows(sql, params))
    actors = _actors(store, [r["event_id"] for r in rows])
    return [
        EventRow(
            id=r["event_id"],
            type=r["type"],
            metric=r["metric"],
            date=r["date"],
            period=r["period"],
            status=r["status"],
            usd=r["usd"],
            amount=json.loads(r["amount"]) if r["amount"] else None,
            layers=tuple(json.loads(r["layers"])),
            deal_id=r["deal_id"],
            actors=actors.get(r["event_id"], ()),
            sentence=_sentence(r),
        )
        for r in rows
    ]


def sentence_with_amount(store: Store, document_id: int, usd: float) -> SentenceRow | None:
    """The first body sentence of a document that writes an amount worth `usd` (within 2%)."""
    sql = f"""SELECT {_SENTENCE_COLUMNS} FROM amounts a
              JOIN sentences s ON s.document_id = a.document_id AND s.idx = a.sentence_idx
              JOIN documents d ON d.id = s.document_id
              WHERE a.document_id = ? AND s.is_title = 0 AND a.usd BETWEEN ? AND ?
              ORDER BY s.idx LIMIT 1"""
    row = next(store.rows(sql, (document_id, usd * 0.98, usd * 1.02)), None)
    return _sentence(row) if row else None


def _actors(store: Store, event_ids: Sequence[int]) -> dict[int, tuple[EventActorRow, ...]]:
    found: dict[int, list[EventActorRow]] = {}
    for part in _slices(sorted(set(event_ids))):
        marks = ",".join("?" * len(part))
        sql = f"""SELECT event_id, role, entity_id, name FROM event_actors WHERE event_id IN ({marks})
                  ORDER BY rowid"""
        for row in store.rows(sql, part):
            found.setdefault(row["event_id"], []).append(
                EventActorRow(role=row["role"], entity_id=row["entity_id"], name=row["name"])
            )
    return {k: tuple(v) for k, v in found.items()}


def sentences_naming(store: Store, entity_ids: Sequence[str], *, limit: int = 2000) -> list[SentenceRow]:
    """Sentences that mention any of `entity_ids`, newest document first."""
    if not entity_ids:
        return []
    marks = ",".join("?" * len(entity_ids))
    sql = f"""SELECT DISTINCT {_SENTENCE_COLUMNS} FROM mentions m
              JOIN sentences s ON s.document_id = m.document_id AND s.idx = m.sentence_idx
              JOIN documents d ON d.id = s.document_id
              WHERE m.entity_id IN ({marks}) ORDER BY d.published DESC, s.id LIMIT ?"""
    return [_sentence(row) for row in store.rows(sql, [*entity_ids, limit])]


def amounts_in(store: Store, sentences: Iterable[SentenceRow]) -> dict[int, list[dict[str, Any]]]:
    """Sentence id → the amount records written in it."""
    by_place = {(s.document_id, s.idx): s.id for s in sentences}
    found: dict[int, list[dict[str, Any]]] = {sid: [] for sid in by_place.values()}
    keys = sorted(d * _KEY + i for d, i in by_place)
    for part in _slices(keys):
        marks = ",".join("?" * len(part))
        documents = sorted({k // _KEY for k in part})
        doc_marks = ",".join("?" * len(documents))
        sql = f"""SELECT document_id, sentence_idx, record FROM amounts
                  WHERE document_id IN ({doc_marks}) AND document_id * {_KEY} + sentence_idx IN ({marks})
                  ORDER BY id"""
        for row in store.rows(sql, [*documents, *part]):
            sid = by_place.get((row["document_id"], row["sentence_idx"]))
            if sid is not None:
                found[sid].append(json.loads(row["record"]))
    return found


def _slices(items: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _ID_SLICE):
        yield list(items[start : start + _ID_SLICE])
