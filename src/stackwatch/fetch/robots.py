"""robots.txt: where it lives for a URL, and what a site's answer means.

RFC 9309 rules, with one kinder choice: a robots.txt that fails with 5xx or cannot be
reached allows everything (the RFC says assume nothing is allowed), because the page
fetch that follows fails on its own when the site is really down.
"""

from __future__ import annotations

import logging
from urllib.robotparser import RobotFileParser

import httpx

logger = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 §2.5: parse at least 500 KiB, ignore the rest


def robots_url(url: httpx.URL) -> str:
    """The robots.txt that governs `url` (one per scheme, host and port)."""
    return str(url.copy_with(path="/robots.txt", query=None, fragment=None))


def read_rules(status: int | None, body: bytes, *, source: str) -> RobotFileParser:
    """Rules from a robots.txt answer: its status (None when unreachable) and body.

    2xx: the file's rules. 4xx: no file, everything allowed. 5xx or unreachable:
    everything allowed, with a debug log line.
    """
    rules = RobotFileParser(source)
    if status is not None and 200 <= status < 300:
        text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        rules.parse(text.splitlines())
    else:
        if status is None or status >= 500:
            logger.debug("%s: unavailable (%s); allowing every page", source, status or "unreachable")
        rules.parse([])  # no groups: every URL is allowed
    return rules
