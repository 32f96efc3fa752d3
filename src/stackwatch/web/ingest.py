"""Ingestion through the API: an article's text, a page URL or a feed URL → the store.

The same stages as `stackwatch ingest` (parse, extract, store one document per
transaction), run in the request's worker thread, one writer at a time.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from stackwatch.collect import extract_isolated, store_outcomes
from stackwatch.errors import FetchError, StackwatchError
from stackwatch.fetch import Fetcher, FetchOptions, Page, page_document, read_feed
from stackwatch.ingest import parse_article
from stackwatch.pipeline import Failure
from stackwatch.records import Document
from stackwatch.store import Added
from stackwatch.web.errors import ApiError
from stackwatch.web.state import WebState


@dataclass(frozen=True, slots=True, kw_only=True)
class Stored:
    """What happened to one article."""

    source: str
    status: str  # "new" | "duplicate" | "failed"
    document_id: int | None = None
    story_id: int | None = None
    near_duplicate: bool = False
    deals: tuple[int, ...] = ()
    message: str | None = None

    def record(self) -> dict[str, Any]:
        record = asdict(self)
        record["deals"] = list(self.deals)
        return record


def _stored(source: str, outcome: Added | Failure) -> Stored:
    if isinstance(outcome, Failure):
        return Stored(source=source, status="failed", message=outcome.message)
    return Stored(
        source=source,
        status=outcome.status,
        document_id=outcome.document_id,
        story_id=outcome.story_id,
        near_duplicate=outcome.near_duplicate,
        deals=outcome.deals,
    )


def _store_documents(state: WebState, documents: list[tuple[str, Document | Failure]]) -> list[Stored]:
    results: list[Stored] = []
    with state.writing() as (store, extractor):
        for source, item in documents:
            if isinstance(item, Failure):
                results.append(_stored(source, item))
                continue
            outcome = extract_isolated(item, extractor)
            for stored in store_outcomes(store, [outcome]):
                results.append(_stored(source, stored))
    return results


def ingest_text(
    state: WebState,
    text: str,
    *,
    title: str | None,
    published: str | None,
    url: str | None,
    fmt: str,
) -> Stored:
    """One article given as text (plain, Markdown or HTML)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    name = url or f"api-{digest}.{fmt}"
    document = parse_article(
        text, doc=name, source=name, fmt=fmt, title=title, published=published, url=url
    )  # InputError → 422
    result = _store_documents(state, [(name, document)])[0]
    if result.status == "failed":
        raise ApiError(422, f"{name}: {result.message}", code="bad_input")
    return result


def _fetch_options(state: WebState) -> FetchOptions:
    return FetchOptions(max_bytes=max(state.max_upload, 5 * 1024 * 1024))


def ingest_url(state: WebState, url: str) -> Stored:
    """One article page, fetched (robots.txt honoured) and stored."""
    with Fetcher(_fetch_options(state)) as fetcher:
        answer = fetcher.get(url)  # FetchError → 502
        if not isinstance(answer, Page):
            raise FetchError("the server answered 304 Not Modified to a plain GET; skipped", source=url)
        document = page_document(answer)
    return _store_documents(state, [(url, document)])[0]


def ingest_feed(state: WebState, url: str, *, limit: int) -> list[Stored]:
    """The newest `limit` entries of an RSS/Atom feed, each fetched and stored; a failing
    entry costs that entry only."""
    documents: list[tuple[str, Document | Failure]] = []
    with Fetcher(_fetch_options(state)) as fetcher:
        feed = read_feed(fetcher, url)  # FetchError → 502
        for entry in feed.entries[:limit]:
            try:
                page = fetcher.get(entry.url)
                if not isinstance(page, Page):
                    raise FetchError("not modified", source=entry.url)
                documents.append((entry.url, page_document(page)))
            except StackwatchError as exc:  # one entry's failure costs that entry only
                documents.append((entry.url, Failure(entry.url, exc.message)))
    return _store_documents(state, documents)
