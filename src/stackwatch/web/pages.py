"""The dashboard: server-rendered pages over the store, in Korean unless asked otherwise.

Every page opens the store read-only for its own request. Article text reaches the HTML
only through Jinja's autoescape; highlighting hands templates pieces, never markup.
"""

from __future__ import annotations

import functools
import io
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from fontTools.ttLib import TTFont  # type: ignore[import-untyped,unused-ignore]

from stackwatch.prose import korean_font_path
from stackwatch.store import Store, queries, web_sql
from stackwatch.web import charts, features, views
from stackwatch.web.errors import ApiError
from stackwatch.web.i18n import Words
from stackwatch.web.render import cached_page, render, state_of, words_of

router = APIRouter(include_in_schema=False)

OptionalText = Annotated[str | None, Query(max_length=200)]
PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    return cached_page(request, "overview.html", views.overview, missing="")


@router.get("/deals", response_class=HTMLResponse)
def deals_page(  # noqa: PLR0917 - FastAPI reads the filters from this signature
    request: Request,
    since: OptionalText = None,
    until: OptionalText = None,
    type: OptionalText = None,
    layer: OptionalText = None,
    signal: OptionalText = None,
    entity: OptionalText = None,
    min_usd: OptionalText = None,
    status: OptionalText = None,
    conflicts: OptionalText = None,
    sort: OptionalText = None,
    order: OptionalText = None,
    page: OptionalText = None,
) -> Response:
    form = {
        "since": views.clean_date(since),
        "until": views.clean_date(until),
        "type": type or "",
        "layer": layer or "",
        "signal": signal or "",
        "entity": (entity or "").strip(),
        "min_usd": views.clean_number(min_usd),
        "status": status or "",
        "conflicts": bool(conflicts),
        "sort": sort if sort in web_sql.DEAL_SORTS else "amount",
        "order": "asc" if order == "asc" else "desc",
        "page": max(1, int(views.clean_number(page) or 1)),
    }
    return cached_page(
        request, "deals.html", lambda store: views.deals(store, form, page_size=PAGE_SIZE), missing=""
    )


@router.get("/deals/{deal_id}", response_class=HTMLResponse)
def deal_page(request: Request, deal_id: int) -> Response:
    def build(store: Store) -> dict[str, Any] | None:
        found = queries.deal(store, deal_id)
        return None if found is None else {"deal": found, "sources": views.deal_sources(found)}

    return cached_page(request, "deal.html", build, missing=f"no deal {deal_id}")


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> Response:
    return cached_page(
        request,
        "entity.html",
        lambda store: views.entity(store, entity_id),
        missing=f"no entity {entity_id!r}",
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int, s: int | None = None) -> Response:
    return cached_page(
        request,
        "document.html",
        lambda store: views.document(store, document_id, focus=s),
        missing=f"no article {document_id}",
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: OptionalText = None) -> Response:
    query = (q or "").strip()
    hits: list[features.Hit] = []
    missing = None
    if query:
        try:
            hits = [features.hit_view(h) for h in state_of(request).search(query, limit=30)]
        except features.FeatureMissingError as exc:
            missing = exc.message
    return render(request, "search.html", {"q": query, "hits": hits, "missing": missing})


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: OptionalText = None) -> Response:
    question = (q or "").strip()
    context: dict[str, Any] = {"q": question, "answer": None, "citations": [], "missing": None}
    if question:
        try:
            answer = state_of(request).ask(question)
            context["answer"] = answer.get("text") if answer.get("found", True) else None
            context["citations"] = [features.citation_view(c) for c in answer["citations"]]
        except features.FeatureMissingError as exc:
            context["missing"] = exc.message
    return render(request, "ask.html", context)


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, name: OptionalText = None) -> Response:
    state = state_of(request)
    context = views.reports(state.reports_dir, name)
    context["writable"] = not state.read_only
    return render(request, "reports.html", context)


@router.post("/reports", response_class=HTMLResponse)
def build_report_form(
    request: Request,
    period: Annotated[str, Form(max_length=20)],
    token: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """The dashboard's form: the write token travels in the form, which also keeps other
    sites from posting it (they do not know the token)."""
    state = state_of(request)
    if state.read_only:
        raise ApiError(403, "this server is read-only", code="read_only")
    if not state.token_matches(token):
        raise ApiError(403, "wrong write token", code="forbidden")
    month = views.clean_period(period)
    words = words_of(request)
    with state.reading() as store:
        name = features.build_report(
            store, month, state.reports_dir, lang=words.lang, kb=state.extractor().kb
        )
    context = views.reports(state.reports_dir, name)
    context["writable"] = True
    context["built"] = [name]
    return render(request, "reports.html", context)


@router.get("/charts/{name}.svg")
def chart(request: Request, name: str, entity: OptionalText = None) -> Response:
    state = state_of(request)
    words = Words(words_of(request).lang)
    with state.reading() as store:
        key: tuple[object, ...] = (name, entity, words.lang, web_sql.data_version(store))
        svg = state.cached(key)
        if not isinstance(svg, str):
            svg = _draw(store, name, entity, words)
            state.keep(key, svg)
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={
            "Cache-Control": "no-cache",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )


def _draw(store: Any, name: str, entity: str | None, words: Words) -> str:
    if name == "capital-month":
        return charts.capital_by_month(store, words)
    if name == "capital-layer":
        return charts.capital_by_layer(store, words)
    if name == "network" and entity:
        profile = views.entity_view(store, entity)
        if profile is not None:
            return charts.entity_network(profile, words)
    raise ApiError(404, f"no chart {name!r}")


REPORT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"  # no script


@router.get("/reports/files/{name}/{file}")
def report_file(request: Request, name: str, file: str) -> Response:
    """A generated report's file as written (HTML, Markdown, SVG figures), sandboxed."""
    path = views.report_file(state_of(request).reports_dir, name, file)
    kinds = {".html": "text/html", ".svg": "image/svg+xml", ".md": "text/markdown"}
    kind = kinds.get(path.suffix, "text/plain")
    return Response(
        path.read_bytes(),
        media_type=f"{kind}; charset=utf-8",
        headers={"Content-Security-Policy": REPORT_POLICY},
    )


@router.get("/fonts/korean.ttf")
def korean_font() -> Response:
    """NanumGothic, the font the charts use, so Hangul shows on machines without a Korean
    font; the style sheet asks for it only for Korean characters (unicode-range)."""
    return Response(web_font(), media_type="font/ttf", headers={"Cache-Control": "public, max-age=604800"})


@functools.cache
def web_font() -> bytes:
    """The bundled NanumGothic without its empty VTT source tables (TSI0-TSI5): browsers'
    font sanitizer (OTS) refuses the whole file over a zero-length TSI3."""
    font = TTFont(str(korean_font_path()))
    tables = font.keys()
    for tag in [t for t in tables if t.startswith("TSI")]:
        del font[tag]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
