"""The SQL behind `stackwatch.analyze`: plain rows for the analyses, read-only.

Each function takes a Store and returns frozen records; the rules that interpret them
(which period a record belongs to, what counts as capital, who pays whom) live in
`analyze/`, so this module only fetches. Values are always bound as parameters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from stackwatch.store.store import Store

__all__ = [
    "ActorDetail",
    "DocumentRow",
    "EventDate",
    "EventSignalRow",
    "MentionRow",
    "SentenceRow",
    "deal_actor_details",
    "deal_metrics",
    "document_months",
    "documents_by_id",
    "documents_published",
    "entity_aliases",
    "event_dates",
    "mention_sentences",
    "mentions_in_documents",
    "sentences_of",
    "signal_events",
]

_CHUNK = 500  # ids bound per query, well below SQLite's variable limit


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDate:
    """When one report of a deal says it happened, with its document's date and title."""

    event_id: int
    deal_id: int
    document_id: int
    date: str | None
    published: str | None
    title: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRow:
    id: int
    doc: str
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    language: str
    story_id: int
    signals: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionRow:
    """An entity named in a document (once per document)."""

    document_id: int
    entity_id: str
    name: str
    type: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceRow:
    document_id: int
    idx: int
    text: str
    is_title: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorDetail:
    deal_id: int
    role: str
    entity_id: str
    name: str
    type: str | None
    country: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSignalRow:
    """One report of a deal with the signals its sentence raised."""

    event_id: int
    deal_id: int
    document_id: int
    sentence_idx: int
    evidence: str
    type: str
    signals: tuple[str, ...]
    usd: float | None


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(ids))
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def event_dates(
    store: Store, *, first_year: int, last_year: int, published_from: str, published_to: str
) -> list[EventDate]:
    """Reports of deals dated within the years given, or published between the two ISO days."""
    rows = store.rows(
        """SELECT e.id, e.deal_id, e.document_id, e.date, d.published, d.title
           FROM events e JOIN documents d ON d.id = e.document_id
           WHERE e.deal_id IS NOT NULL
             AND ((e.date >= ? AND e.date < ?) OR (d.published >= ? AND d.published <= ?))
           ORDER BY e.id""",
        (str(first_year), str(last_year + 1), published_from, published_to + "\uffff"),
    )
    return [
        EventDate(
            event_id=r["id"],
            deal_id=r["deal_id"],
            document_id=r["document_id"],
            date=r["date"],
            published=r["published"],
            title=r["title"],
        )
        for r in rows
    ]


def _document(row: Any) -> DocumentRow:
    return DocumentRow(
        id=row["id"],
        doc=row["doc"],
        title=row["title"],
        site=row["site"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        story_id=row["story_id"],
        signals=tuple(json.loads(row["signals"])),
    )


_DOCUMENT_COLUMNS = "id, doc, title, site, url, published, language, story_id, signals"


def documents_published(store: Store, published_from: str, published_to: str) -> list[DocumentRow]:
    """Documents published between two ISO days (inclusive), oldest first."""
    rows = store.rows(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE published >= ? AND published <= ?"
        " ORDER BY published, id",
        (published_from, published_to + "\uffff"),
    )
    return [_document(r) for r in rows]


def documents_by_id(store: Store, ids: Iterable[int]) -> dict[int, DocumentRow]:
    found: dict[int, DocumentRow] = {}
    for chunk in _chunks(ids):
        sql = f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id IN ({_marks(chunk)})"
        for row in store.rows(sql, chunk):
            found[row["id"]] = _document(row)
    return found


def mentions_in_documents(store: Store, document_ids: Iterable[int]) -> list[MentionRow]:
    """Each entity each document names, once per document."""
    found: list[MentionRow] = []
    for chunk in _chunks(document_ids):
        sql = f"""SELECT DISTINCT m.document_id, m.entity_id, e.name, e.type
                  FROM mentions m JOIN entities e ON e.id = m.entity_id
                  WHERE m.document_id IN ({_marks(chunk)}) ORDER BY m.document_id, m.entity_id"""
        found.extend(
            MentionRow(document_id=r[0], entity_id=r[1], name=r[2], type=r[3]) for r in store.rows(sql, chunk)
        )
    return found


def sentences_of(store: Store, document_ids: Iterable[int]) -> list[SentenceRow]:
    found: list[SentenceRow] = []
    for chunk in _chunks(document_ids):
        sql = f"""SELECT document_id, idx, text, is_title FROM sentences
                  WHERE document_id IN ({_marks(chunk)}) ORDER BY document_id, idx"""
        found.extend(
            SentenceRow(document_id=r[0], idx=r[1], text=r[2], is_title=bool(r[3]))
            for r in store.rows(sql, chunk)
        )
    return found


def deal_actor_details(store: Store, deal_ids: Iterable[int]) -> list[ActorDetail]:
    """The actors of deals with their entity type and country."""
    found: list[ActorDetail] = []
    for chunk in _chunks(deal_ids):
        sql = f"""SELECT a.deal_id, a.role, a.entity_id, a.name, e.type, e.country
                  FROM deal_actors a LEFT JOIN entities e ON e.id = a.entity_id
                  WHERE a.deal_id IN ({_marks(chunk)}) ORDER BY a.deal_id, a.role, a.name"""
        found.extend(
            ActorDetail(deal_id=r[0], role=r[1], entity_id=r[2], name=r[3], type=r[4], country=r[5])
            for r in store.rows(sql, chunk)
        )
    return found


def signal_events(store: Store, deal_ids: Iterable[int]) -> list[EventSignalRow]:
    """Every report of the given deals that raised at least one signal."""
    found: list[EventSignalRow] = []
    for chunk in _chunks(deal_ids):
        sql = f"""SELECT id, deal_id, document_id, sentence_idx, evidence, type, signals, usd FROM events
                  WHERE deal_id IN ({_marks(chunk)}) AND signals != '[]' ORDER BY id"""
        found.extend(
            EventSignalRow(
                event_id=r[0],
                deal_id=r[1],
                document_id=r[2],
                sentence_idx=r[3],
                evidence=r[4],
                type=r[5],
                signals=tuple(json.loads(r[6])),
                usd=r[7],
            )
            for r in store.rows(sql, chunk)
        )
    return found


def entity_aliases(store: Store, entity_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Every surface form the store knows for each entity, sorted."""
    found: dict[str, list[str]] = {}
    for chunk in _chunks(entity_ids):
        sql = f"SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN ({_marks(chunk)})"
        for entity_id, alias in store.rows(sql, chunk):
            found.setdefault(entity_id, []).append(alias)
    return {key: tuple(sorted(values)) for key, values in found.items()}


def document_months(store: Store) -> list[tuple[str, int]]:
    """(YYYY-MM, documents published that month), oldest first."""
    rows = store.rows(
        """SELECT substr(published, 1, 7) AS month, count(*) FROM documents
           WHERE length(published) >= 7 GROUP BY month ORDER BY month"""
    )
    return [(r[0], r[1]) for r in rows]


def deal_metrics(store: Store, deal_ids: Iterable[int]) -> dict[int, str]:
    """The `metric` of each financials deal (revenue, net_loss, ...), when its reports name one."""
    found: dict[int, str] = {}
    for chunk in _chunks(deal_ids):
        sql = f"""SELECT deal_id, metric FROM events
                  WHERE deal_id IN ({_marks(chunk)}) AND metric IS NOT NULL ORDER BY id"""
        for deal_id, metric in store.rows(sql, chunk):
            found.setdefault(deal_id, metric)
    return found


def mention_sentences(
    store: Store, document_ids: Iterable[int], entity_ids: Iterable[str]
) -> list[tuple[SentenceRow, str]]:
    """Sentences of the given documents naming the given entities, with the entity each names."""
    entities = sorted(set(entity_ids))
    if not entities:
        return []
    found: list[tuple[SentenceRow, str]] = []
    for chunk in _chunks(document_ids):
        sql = f"""SELECT DISTINCT s.document_id, s.idx, s.text, s.is_title, m.entity_id
                  FROM mentions m JOIN sentences s ON s.document_id = m.document_id AND s.idx = m.sentence_idx
                  WHERE m.document_id IN ({_marks(chunk)}) AND m.entity_id IN ({_marks(entities)})
                  ORDER BY s.document_id, s.idx"""
        for r in store.rows(sql, [*chunk, *entities]):
            found.append((SentenceRow(document_id=r[0], idx=r[1], text=r[2], is_title=bool(r[3])), r[4]))
    return found
