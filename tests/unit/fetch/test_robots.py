"""robots.txt (`stackwatch.fetch.robots` and the Fetcher's use of it)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest

from stackwatch.errors import FetchError
from stackwatch.fetch import USER_AGENT, Fetcher, FetchOptions
from stackwatch.fetch.robots import read_rules

from .local_site import Reply, Site

FAST = FetchOptions(backoff=0.01, timeout=2.0)
HTML = b"<html><body><p>hello</p></body></html>"
PRIVATE = b"User-agent: *\nDisallow: /private/\n"
ONLY_US = b"User-agent: stackwatch\nDisallow: /\n\nUser-agent: *\nAllow: /\n"


@dataclass(frozen=True)
class Case:
    name: str
    status: int | None
    body: bytes
    path: str
    allowed: bool

    def __str__(self) -> str:
        return self.name


RULE_CASES = [
    Case("disallowed path", 200, PRIVATE, "/private/a.html", allowed=False),
    Case("other path", 200, PRIVATE, "/news/a.html", allowed=True),
    Case("group naming us", 200, ONLY_US, "/news/a.html", allowed=False),
    Case("empty file", 200, b"", "/a", allowed=True),
    Case("no file (404)", 404, b"", "/private/a.html", allowed=True),
    Case("forbidden (403) is still a 4xx", 403, b"", "/private/a.html", allowed=True),
    Case("server error", 503, b"", "/private/a.html", allowed=True),
    Case("unreachable", None, b"", "/private/a.html", allowed=True),
]


@pytest.mark.parametrize("case", RULE_CASES, ids=str)
def test_read_rules(case: Case) -> None:
    rules = read_rules(case.status, case.body, source="http://example.com/robots.txt")
    assert rules.can_fetch(USER_AGENT, "http://example.com" + case.path) is case.allowed


def test_unavailable_robots_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="stackwatch.fetch.robots"):
        read_rules(503, b"", source="http://example.com/robots.txt")
    assert "http://example.com/robots.txt: unavailable (503)" in caplog.text


def test_disallowed_page_is_never_requested(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(PRIVATE, content_type="text/plain")
    site.routes["/private/a.html"] = Reply(HTML)
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/private/a.html"))
    assert caught.value.message == "refused by robots.txt; skipped"
    assert caught.value.source == site.url("/private/a.html")
    assert site.hits["/private/a.html"] == 0


def test_redirect_into_disallowed_path_is_refused(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(PRIVATE, content_type="text/plain")
    site.routes["/a"] = Reply(status=302, headers=(("Location", "/private/a.html"),))
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/a"))
    assert caught.value.message == f"refused by robots.txt ({site.url('/private/a.html')}); skipped"
    assert site.hits["/private/a.html"] == 0


def test_robots_is_read_once_per_site(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(PRIVATE, content_type="text/plain")
    site.routes["/a"] = Reply(HTML)
    site.routes["/b"] = Reply(HTML)
    with Fetcher(FAST) as fetcher:
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/b"))
    assert site.hits["/robots.txt"] == 1
    assert site.seen[0].headers["user-agent"] == USER_AGENT


@pytest.mark.parametrize("status", [404, 500])
def test_missing_or_broken_robots_allows(site: Site, status: int) -> None:
    site.routes["/robots.txt"] = Reply(PRIVATE, status=status, content_type="text/plain")
    site.routes["/private/a.html"] = Reply(HTML)
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(site.url("/private/a.html"))
    assert site.hits["/private/a.html"] == 1


def test_robots_can_be_ignored(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    site.routes["/a"] = Reply(HTML)
    with Fetcher(FetchOptions(respect_robots=False)) as fetcher:
        assert fetcher.get(site.url("/a"))
    assert site.hits["/robots.txt"] == 0
