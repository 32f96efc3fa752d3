"""RSS and Atom feeds → entries (URL, title, date, summary), polled with conditional GETs.

The feed is fetched by our `Fetcher` (robots.txt, limits, retries) and only parsed by
feedparser: it never fetches by itself. Bytes are decoded by our own rules first (EUC-KR
read as CP949, the HTTP charset honoured) and handed over as UTF-8, because feedparser
turns an EUC-KR feed holding a CP949-only syllable into windows-1252 mojibake.
"""

from __future__ import annotations

import html
import io
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin
from xml.sax import SAXParseException

import feedparser  # type: ignore[import-untyped,unused-ignore]

from stackwatch.errors import FetchError, InputError
from stackwatch.fetch.http import FEEDS, Fetcher, NotModified, Page
from stackwatch.ingest.dateline import parse_date_value
from stackwatch.ingest.decode import decode_bytes

logger = logging.getLogger(__name__)

_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
# Block tags part words, inline ones (<b>리벨리온</b>이) must not.
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|h[1-6]|tr|td|th|blockquote|pre)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    """What the last poll of a feed returned, for the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One item of a feed. `published` is YYYY-MM-DD in the publisher's own time zone."""

    url: str
    title: str | None = None
    published: str | None = None
    summary: str | None = None  # plain text


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedResult:
    """One poll of a feed: its entries, or `not_modified` (and no entries) after a 304."""

    url: str  # as requested
    entries: tuple[FeedEntry, ...]
    state: FeedState
    not_modified: bool = False


def read_feed(fetcher: Fetcher, url: str, state: FeedState | None = None) -> FeedResult:
    """Poll the feed at `url`, conditionally when `state` holds an ETag or Last-Modified;
    FetchError when it cannot be fetched or is not a readable feed."""
    state = state or FeedState()
    answer = fetcher.get(url, etag=state.etag, last_modified=state.last_modified, accept=FEEDS)
    if isinstance(answer, NotModified):
        kept = FeedState(etag=answer.etag, last_modified=answer.last_modified)
        return FeedResult(url=url, entries=(), state=kept, not_modified=True)
    entries = parse_feed(answer, source=url)
    return FeedResult(
        url=url,
        entries=entries,
        state=FeedState(etag=answer.etag, last_modified=answer.last_modified),
    )


def parse_feed(page: Page, *, source: str) -> tuple[FeedEntry, ...]:
    """The entries of a fetched feed, in feed order; entries without a URL are dropped."""
    declared = page.charset or _xml_encoding(page.data)
    try:
        text = decode_bytes(page.data, source=source, declared=declared).text
    except InputError as exc:
        raise FetchError(exc.message, source=source) from exc
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={
            "content-type": "application/xml; charset=utf-8",  # outranks the XML declaration
            "content-location": page.url,  # the base for relative links
        },
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = _bozo_reason(parsed.get("bozo_exception")) or "no RSS or Atom found"
        raise FetchError(f"not a readable feed ({reason}); skipped", source=source)
    entries = []
    for item in parsed.entries:
        entry = _entry(item, base=page.url)
        if entry is None:
            logger.debug("%s: an entry without a link; skipped", source)
        else:
            entries.append(entry)
    return tuple(entries)


def _entry(item: Any, *, base: str) -> FeedEntry | None:
    link = _text(item.get("link")) or _text(item.get("id"))
    if not link:
        return None
    url = urljoin(base, link)
    if not url.startswith(("http://", "https://")):
        return None
    summary = _text(item.get("summary"))
    return FeedEntry(
        url=url,
        title=_text(item.get("title")),
        published=_published(item),
        summary=_plain(summary) if summary else None,
    )


def _published(item: Any) -> str | None:
    """The date as written (keeps the publisher's day: 08:00 +0900 is not yesterday),
    else feedparser's reading of it (in UTC)."""
    for key in ("published", "updated"):
        found = parse_date_value(_text(item.get(key)))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = item.get(key)
        if parsed is not None:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
            except (AttributeError, TypeError, ValueError):
                continue
    return None


def _xml_encoding(data: bytes) -> str | None:
    match = _XML_ENCODING.match(data[:512])
    return match.group(1).decode("ascii") if match else None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _plain(markup: str) -> str | None:
    """Feed summaries are HTML: tags dropped, entities read, white space collapsed."""
    text = _SPACES.sub(" ", html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", markup)))).strip()
    return text or None


def _bozo_reason(exc: object) -> str:
    """feedparser's complaint in one line: `mismatched tag`, not `<unknown>:3:4: mismatched tag`
    (its line numbers count an XML declaration it may have added)."""
    if exc is None:
        return ""
    if isinstance(exc, SAXParseException):
        return exc.getMessage()
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
