"""HTML pages → article text, title, date and site, with trafilatura.

Settings from notes/stack-measured.md §2.3: comments excluded (trafilatura keeps them by
default), never `favor_precision` (it lost whole paragraphs), `fast` on big pages (4x
faster there with the body intact). What trafilatura leaves of the furniture (bylines,
copyright lines) goes through the same line filter as text dumps.
"""

from __future__ import annotations

import functools
import html as html_lib
import logging
import re
from configparser import ConfigParser
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import use_config

from stackwatch.errors import InputError
from stackwatch.ingest.dateline import parse_date_value

logger = logging.getLogger(__name__)

BIG_PAGE_CHARS = 100_000  # above this, trafilatura's fallback extractors cost more than they find
MAX_TREE_SIZE = 200_000  # elements; hostile pages with millions of nodes are refused, not parsed
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SITE_SUFFIX = re.compile(r"\s+[-|–—:]\s+[^-|–—:]{2,40}$")


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    published: str | None
    site: str | None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:html|head|body|article|div|p)\b", head)
    )


def extract_page(markup: str, *, source: str, url: str | None = None) -> PageText:
    """The main text and metadata of an HTML page, or InputError when it has none."""
    try:
        result = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            fast=len(markup) > BIG_PAGE_CHARS,
            config=_config(),
        )
    except (ValueError, RecursionError, MemoryError) as exc:  # hostile markup
        raise InputError(f"cannot parse the HTML ({type(exc).__name__}); skipped", source=source) from exc
    if result is None:
        raise InputError("no article text found in the page; skipped", source=source)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = str(data.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in the page; skipped", source=source)
    title = _clean_title(data.get("title")) or _title_tag(markup)
    return PageText(
        text=text,
        title=title,
        published=parse_date_value(data.get("date")),
        site=str(data["sitename"]).strip() if data.get("sitename") else None,
    )


@functools.cache
def _config() -> ConfigParser:
    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not mix with worker threads
    return config


def _clean_title(value: object) -> str | None:
    if not value:
        return None
    title = html_lib.unescape(str(value)).strip()
    return title or None


def _title_tag(markup: str) -> str | None:
    match = _TITLE_TAG.search(markup[:20000])
    if not match:
        return None
    title = html_lib.unescape(re.sub(r"\s+", " ", match.group(1))).strip()
    return _SITE_SUFFIX.sub("", title) or None
