"""Fetched pages → Documents, decoded and cleaned exactly as files are."""

from __future__ import annotations

from stackwatch.fetch.http import Page
from stackwatch.ingest.decode import decode_bytes
from stackwatch.ingest.files import parse_article
from stackwatch.records import Document

_FORMATS = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "md"}


def page_document(page: Page) -> Document:
    """Read a fetched page; add its text, title, date and site. The URL (after redirects)
    is the document's id, source and url. InputError when it holds no article text."""
    text = decode_bytes(page.data, source=page.url, declared=page.charset).text
    fmt = _FORMATS.get(page.content_type or "", "txt")
    return parse_article(text, doc=page.url, source=page.url, fmt=fmt, url=page.url)
