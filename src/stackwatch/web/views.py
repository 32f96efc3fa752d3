"""What each page shows, gathered from the store: plain dicts and records for templates."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stackwatch.records import EVENT_TYPES, LAYERS, SIGNALS
from stackwatch.store import Counterparty, Deal, EntityRow, Store, queries, web_sql
from stackwatch.web.errors import ApiError
from stackwatch.web.highlight import Mark, MarkedSentence, Piece, amount_marks, cut, paragraph_starts

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$")
REPORT_MARKDOWN = "report.md"  # what `report.write_report` writes into a report's folder
REPORT_HTML = "report.html"
MIN_USD_CHOICES = (1e7, 1e8, 1e9, 1e10)
MAX_TIMELINE = 5000  # deals on an entity's page; more than any entity has in a year of news
LARGE_DEAL_USD = 1e9  # "large" on the overview: a billion dollars and up


def clean_date(value: str | None) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD filter value, or "" for anything else."""
    value = (value or "").strip()
    return value if _DATE.match(value) else ""


def clean_number(value: str | None) -> float | None:
    try:
        number = float((value or "").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def clean_period(value: str) -> str:
    value = value.strip()
    if not _PERIOD.match(value):
        raise ApiError(
            422, f"{value!r} is not a period; use YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY", code="invalid"
        )
    return value


def overview(store: Store) -> dict[str, Any]:
    return {
        "counts": store.counts(),
        "large_deals": web_sql.latest_large_deals(store, min_usd=LARGE_DEAL_USD),
        "signals": web_sql.signal_summaries(store),
        "rising": web_sql.rising_entities(store),
    }


def deals(store: Store, form: dict[str, Any], *, page_size: int) -> dict[str, Any]:
    entity_id = None
    entity_missing = False
    if form["entity"]:
        row = queries.resolve_entity(store, form["entity"])
        entity_id = row.id if row else None
        entity_missing = row is None
    query = web_sql.DealQuery(
        since=form["since"] or None,
        until=form["until"] or None,
        type=form["type"] or None,
        layer=form["layer"] or None,
        signal=form["signal"] or None,
        entity_id=entity_id,
        min_usd=form["min_usd"],
        status=form["status"] or None,
        conflicts_only=form["conflicts"],
        sort=form["sort"],
        descending=form["order"] == "desc",
        limit=page_size,
        offset=(form["page"] - 1) * page_size,
    )
    total, rows = (0, []) if entity_missing else web_sql.deal_page(store, query)
    return {
        "form": form,
        "total": total,
        "rows": rows,
        "pages": max(1, math.ceil(total / page_size)),
        "entity_missing": entity_missing,
        "types": sorted(set(EVENT_TYPES) | set(web_sql.deal_types(store))),
        "layers": LAYERS,
        "signals": SIGNALS,
        "statuses": web_sql.DEAL_STATUSES,
        "sorts": tuple(web_sql.DEAL_SORTS),
        "min_usd_choices": MIN_USD_CHOICES,
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceView:
    document_id: int
    title: str
    published: str | None
    url: str | None
    sentence: int
    status: str
    amount_text: str | None
    pieces: tuple[Piece, ...]


def deal_sources(item: Deal) -> list[SourceView]:
    """Each source of a deal with its evidence sentence cut around the amount it reports."""
    views = []
    for source in item.sources:
        written = str(source.amount.get("text") or "") if source.amount else ""
        marks = amount_marks(source.evidence, [(written, "")]) if written else []
        views.append(
            SourceView(
                document_id=source.document_id,
                title=source.title or source.doc,
                published=source.published,
                url=safe_link(source.url),
                sentence=source.sentence,
                status=source.status,
                amount_text=written or None,
                pieces=cut(source.evidence, marks),
            )
        )
    return views


def safe_link(url: str | None) -> str | None:
    """A stored URL when it is a web address; a `javascript:` one is never made a link."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityView:
    """An entity's page: like `store.EntityProfile`, with deals as table rows (no sources),
    so an entity with hundreds of deals renders in milliseconds."""

    entity: EntityRow
    mentions: int
    documents: int
    first_seen: str | None
    last_seen: str | None
    timeline: list[web_sql.DealRow]
    counterparties: list[Counterparty]
    usd_in: float
    usd_out: float


def entity_view(store: Store, entity_id: str) -> EntityView | None:
    """Money in and out as `store.queries.entity_profile` counts it: a deal that moves money
    counts for the payee (in) or the payer (out)."""
    row = queries.entity_row(store, entity_id)
    if row is None:
        return None
    mentions, documents, first_seen, last_seen = web_sql.entity_stats(store, row.id)
    query = web_sql.DealQuery(entity_id=row.id, sort="date", descending=False, limit=MAX_TIMELINE)
    timeline = web_sql.deal_page(store, query)[1]
    partners: dict[str, list[Any]] = {}
    usd_in = usd_out = 0.0
    for item in timeline:
        mine = {role for role, who, _ in item.actors if who == row.id}
        for _, who, name in item.actors:
            if who != row.id:
                entry = partners.setdefault(who, [name, 0, 0.0])
                entry[1] += 1
                entry[2] += item.usd or 0.0
        if item.usd and item.type in web_sql.MONEY_IN_TYPES:
            if mine & queries.PAYER_ROLES:
                usd_out += item.usd
            elif mine & queries.PAYEE_ROLES:
                usd_in += item.usd
    counterparties = sorted(
        (Counterparty(entity_id=k, name=v[0], deals=v[1], usd=v[2]) for k, v in partners.items()),
        key=lambda c: (-c.deals, -c.usd, c.name),
    )
    return EntityView(
        entity=row,
        mentions=mentions,
        documents=documents,
        first_seen=first_seen,
        last_seen=last_seen,
        timeline=timeline,
        counterparties=counterparties,
        usd_in=usd_in,
        usd_out=usd_out,
    )


def entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    profile = entity_view(store, entity_id)
    if profile is None:
        return None
    me = profile.entity.id
    return {
        "profile": profile,
        "documents": web_sql.entity_documents(store, me),
        "counterparty_of": {d.id: [a for a in d.actors if a[1] != me] for d in profile.timeline},
    }


def document(store: Store, document_id: int, *, focus: int | None) -> dict[str, Any] | None:
    """A document's sentences with entities, amounts and event sentences marked."""
    row = web_sql.document_row(store, document_id)
    if row is None:
        return None
    sentences = web_sql.document_sentences(store, document_id)
    mentions = web_sql.document_mentions(store, document_id)
    amounts = web_sql.document_amounts(store, document_id)
    events = web_sql.document_events(store, document_id)
    marks: dict[int, list[Mark]] = {}
    for sentence_idx, start, end, entity_id, name in mentions:
        marks.setdefault(sentence_idx, []).append(
            Mark(start=start, end=end, kind="entity", ref=entity_id, title=name)
        )
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for sentence_idx, written, record in amounts:
        tip = f"USD {record['usd']:,.0f}" if record.get("usd") else ""
        by_sentence.setdefault(sentence_idx, []).append((written, tip))
    event_sentences = {e["sentence"] for e in events}
    body = [(i, text) for i, text, is_title in sentences if not is_title]
    starts = paragraph_starts(row["text"], [text for _, text in body])
    body_position = {i: n for n, (i, _) in enumerate(body)}
    marked = []
    for index, text, is_title in sentences:
        found = marks.get(index, []) + amount_marks(text, by_sentence.get(index, []))
        marked.append(
            MarkedSentence(
                index=index,
                pieces=cut(text, found),
                is_title=is_title,
                is_event=index in event_sentences,
                is_focus=index == focus,
                starts_paragraph=body_position.get(index, -1) in starts,
            )
        )
    entities: dict[str, tuple[str, int]] = {}
    for _, _, _, entity_id, name in mentions:
        entities[entity_id] = (name, entities.get(entity_id, (name, 0))[1] + 1)
    return {
        "doc": row,
        "link": safe_link(row["url"]),
        "title_sentence": next((s for s in marked if s.is_title), None),
        "body": [s for s in marked if not s.is_title],
        "entities": sorted(entities.items(), key=lambda kv: (-kv[1][1], kv[1][0])),
        "amounts": amounts,
        "events": events,
        "focus": focus,
    }


def report_names(folder: Path) -> list[str]:
    """The generated reports (one folder each, holding report.md), newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and (p / REPORT_MARKDOWN).is_file()]
    return [p.name for p in sorted(found, key=lambda p: (-(p / REPORT_MARKDOWN).stat().st_mtime, p.name))]


def report_file(folder: Path, name: str, file: str = REPORT_MARKDOWN) -> Path:
    """A file of the report called `name`: only names listed in the folder, never a path."""
    if name in report_names(folder):
        for path in (folder / name).iterdir():
            if path.name == file and path.is_file():
                return path
    raise ApiError(404, f"no report {name!r}" + (f" with a file {file!r}" if file != REPORT_MARKDOWN else ""))


def report_files(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in (folder / name).iterdir() if p.is_file())


def reports(folder: Path, name: str | None) -> dict[str, Any]:
    shown: dict[str, Any] | None = None
    if name:
        text = report_file(folder, name).read_text(encoding="utf-8", errors="replace")
        files = report_files(folder, name)
        shown = {"name": name, "text": text, "has_html": REPORT_HTML in files}
    return {"files": report_names(folder), "shown": shown}
