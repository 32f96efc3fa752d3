"""The JSON API under /api/: the record to read, search and ask, reports, and ingestion.

Reads need nothing; writes (ingestion, building a report) need the bearer token the
server was started with, and a server started without one is read-only. Every failure
answers `{"error": {"status", "code", "message"}}` (see `web.errors`).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, field_validator

from stackwatch.store import Store, queries, web_sql
from stackwatch.web import features, views
from stackwatch.web.errors import ApiError, ErrorBody
from stackwatch.web.ingest import ingest_feed, ingest_text, ingest_url
from stackwatch.web.render import cached_json, state_of

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (401, 403, 404, 413, 422, 500, 502, 503)
}
router = APIRouter(prefix="/api", responses=_ERRORS)
bearer = HTTPBearer(auto_error=False, description="The server's write token (STACKWATCH_TOKEN).")

MAX_ID = 2**62  # SQLite integers are 64-bit; larger ids cannot exist
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Skip this many items.")]
Text = Annotated[str | None, Query(max_length=200)]
DateText = Annotated[
    str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")
]
Usd = Annotated[float | None, Query(ge=0, le=1e16, allow_inf_nan=False)]


def _utf8(value: str | None) -> str | None:
    """Refuse text that cannot be stored (lone surrogates from JSON escapes)."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("not valid Unicode text") from exc
    return value


class ArticleIn(BaseModel):
    """An article given as text: plain, Markdown (front matter allowed) or HTML."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")
    format: Literal["txt", "md", "html"] = "txt"

    _check = field_validator("text", "title", "url")(_utf8)


class UrlIn(BaseModel):
    url: str = Field(max_length=2000, pattern=r"^https?://\S+$")

    _check = field_validator("url")(_utf8)


class FeedIn(UrlIn):
    limit: int = Field(default=20, ge=1, le=100, description="Fetch at most this many of the newest entries.")


class ReportIn(BaseModel):
    period: str = Field(
        pattern=r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$", description="YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY."
    )
    lang: Literal["ko", "en"] = "ko"


def require_writer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """Writes need the token: 403 on a read-only server or a wrong token, 401 without one."""
    state = state_of(request)
    if state.read_only:
        raise ApiError(
            403,
            "this server is read-only; start it with STACKWATCH_TOKEN set to allow writes",
            code="read_only",
        )
    if credentials is None:
        raise ApiError(401, "this call writes: send the token as 'Authorization: Bearer <token>'")
    if not state.token_matches(credentials.credentials):
        raise ApiError(403, "wrong token", code="forbidden")


Writer = Annotated[None, Depends(require_writer)]


@router.get("/status")
def status(request: Request) -> dict[str, Any]:
    """Whether the server is up, writable, and what the store holds."""
    state = state_of(request)
    with state.reading() as store:
        counts = dataclasses.asdict(store.counts())
    return {"ok": True, "read_only": state.read_only, "counts": counts}


@router.get("/documents")
def list_documents(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stored articles, newest first."""
    with state_of(request).reading() as store:
        total, items = web_sql.document_list(store, limit=limit, offset=offset)
    return {"total": total, "items": items}


@router.get("/documents/{document_id}")
@cached_json
def get_document(request: Request, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    """One article: its stored record (SCHEMA.md) with entities, amounts and events."""
    with state_of(request).reading() as store:
        row = web_sql.document_row(store, document_id)
        record = web_sql.document_record(store, document_id)
        events = web_sql.document_events(store, document_id)
    if row is None or record is None:
        raise ApiError(404, f"no document {document_id}")
    return {"id": document_id, "document": row, "record": record, "events": events}


@router.get("/entities")
def list_entities(
    request: Request,
    type: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Entities, most mentioned first."""
    with state_of(request).reading() as store:
        total, items = web_sql.entity_list(store, kind=type, limit=limit, offset=offset)
    return {"total": total, "items": items}


@router.get("/entities/{entity_id:path}")
def get_entity(request: Request, entity_id: str) -> dict[str, Any]:
    """An entity's profile: aliases, deals over time, counterparties, money in and out."""
    with state_of(request).reading() as store:
        row = queries.entity_row(store, entity_id)
        profile = queries.entity_profile(store, row.id) if row else None
        documents = web_sql.entity_documents(store, row.id) if row else []
    if profile is None:
        raise ApiError(404, f"no entity {entity_id!r}")
    return {
        **queries.profile_record(profile),
        "timeline": [_deal_json(d) for d in profile.timeline],
        "recent_documents": documents,
    }


def _entity_filter(store: Store, name: str | None) -> tuple[bool, str | None]:
    """(False, None) when `name` names no entity; else (True, its id, or None without a name)."""
    if not name:
        return True, None
    row = queries.resolve_entity(store, name)
    return (False, None) if row is None else (True, row.id)


@router.get("/events")
@cached_json
def list_events(
    request: Request,
    type: Annotated[str | None, Query(max_length=40)] = None,
    entity: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events (one per reporting sentence), newest first."""
    with state_of(request).reading() as store:
        known, entity_id = _entity_filter(store, entity)
        if not known:
            return {"total": 0, "items": []}
        total, items = web_sql.event_list(store, kind=type, entity_id=entity_id, limit=limit, offset=offset)
    return {"total": total, "items": items}


@router.get("/deals")
@cached_json
def list_deals(  # noqa: PLR0917 - FastAPI reads the filters from this signature
    request: Request,
    since: DateText = None,
    until: DateText = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    layer: Annotated[str | None, Query(max_length=40)] = None,
    signal: Annotated[str | None, Query(max_length=40)] = None,
    entity: Text = None,
    min_usd: Usd = None,
    max_usd: Usd = None,
    status: Annotated[
        Literal["done", "announced", "negotiating", "rumored", "denied"] | None, Query()
    ] = None,
    conflicts: bool = False,
    sort: Literal["amount", "date", "type", "status", "sources"] = "amount",
    order: Literal["asc", "desc"] = "desc",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Deals (one per real-world deal), filtered and sorted; sources are in /api/deals/{id}."""
    with state_of(request).reading() as store:
        known, entity_id = _entity_filter(store, entity)
        if not known:
            return {"total": 0, "items": []}
        query = web_sql.DealQuery(
            since=since,
            until=until,
            type=type,
            layer=layer,
            signal=signal,
            entity_id=entity_id,
            min_usd=min_usd,
            max_usd=max_usd,
            status=status,
            conflicts_only=conflicts,
            sort=sort,
            descending=order == "desc",
            limit=limit,
            offset=offset,
        )
        total, rows = web_sql.deal_page(store, query)
    items = []
    for deal_row in rows:
        item = dataclasses.asdict(deal_row)
        item["actors"] = [{"role": r, "entity_id": e, "name": n} for r, e, n in deal_row.actors]
        items.append(item)
    return {"total": total, "items": items}


def _deal_json(found: Any) -> dict[str, Any]:
    record = queries.deal_record(found)
    record["usd"] = found.usd
    record["actors"] = [dataclasses.asdict(a) for a in found.actors]
    record["sources"] = [
        {
            "document_id": s.document_id,
            "doc": s.doc,
            "title": s.title,
            "url": s.url,
            "published": s.published,
            "evidence": s.evidence,
            "sentence": s.sentence,
            "status": s.status,
            "amount": s.amount,
        }
        for s in found.sources
    ]
    return record


@router.get("/deals/{deal_id}")
def get_deal(request: Request, deal_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    """One deal with every source that reported it and the sentence each said it in."""
    with state_of(request).reading() as store:
        found = queries.deal(store, deal_id)
    if found is None:
        raise ApiError(404, f"no deal {deal_id}")
    return _deal_json(found)


@router.get("/search")
def search(
    request: Request, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20
) -> dict[str, Any]:
    """Sentences matching `q` (Korean and English, any particle), best first."""
    return {"query": q, "hits": state_of(request).search(q, limit=limit)}


@router.get("/ask")
def ask(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)]) -> dict[str, Any]:
    """An answer to a question about the record, citing the sentences it rests on."""
    return {"question": q, **state_of(request).ask(q)}


@router.get("/reports")
def list_reports(request: Request) -> dict[str, Any]:
    """Generated reports (one folder each: report.md, report.html, figures), newest first."""
    folder = state_of(request).reports_dir
    items = []
    for name in views.report_names(folder):
        stat = views.report_file(folder, name).stat()
        modified = datetime.fromtimestamp(stat.st_mtime, UTC).isoformat(timespec="seconds")
        items.append({"name": name, "files": views.report_files(folder, name), "modified": modified})
    return {"items": items}


@router.get("/reports/{name}")
def get_report(request: Request, name: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One report: its Markdown text and the names of its files (under /reports/files/{name}/)."""
    folder = state_of(request).reports_dir
    text = views.report_file(folder, name).read_text(encoding="utf-8", errors="replace")
    return {"name": name, "markdown": text, "files": views.report_files(folder, name)}


@router.post("/reports")
def build_report(request: Request, body: ReportIn, _: Writer) -> dict[str, Any]:
    """Write the report for a period (Markdown, HTML, figures) into the reports folder."""
    state = state_of(request)
    with state.reading() as store:
        name = features.build_report(
            store, body.period, state.reports_dir, lang=body.lang, kb=state.extractor().kb
        )
    return {"name": name, "files": views.report_files(state.reports_dir, name)}


@router.post("/ingest/text")
def post_article(request: Request, body: ArticleIn, _: Writer) -> dict[str, Any]:
    """Store one article given as text; `duplicate` when the same text is already stored."""
    result = ingest_text(
        state_of(request),
        body.text,
        title=body.title,
        published=body.published,
        url=body.url,
        fmt=body.format,
    )
    return {"results": [result.record()]}


@router.post("/ingest/url")
def post_url(request: Request, body: UrlIn, _: Writer) -> dict[str, Any]:
    """Fetch one article page (robots.txt honoured) and store it."""
    return {"results": [ingest_url(state_of(request), body.url).record()]}


@router.post("/ingest/feed")
def post_feed(request: Request, body: FeedIn, _: Writer) -> dict[str, Any]:
    """Read an RSS or Atom feed and store its newest entries; each entry's outcome is listed."""
    results = ingest_feed(state_of(request), body.url, limit=body.limit)
    return {"results": [r.record() for r in results]}
