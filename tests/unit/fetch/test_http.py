"""URLs → bytes (`stackwatch.fetch.http`): redirects, conditional GETs, limits, retries."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from stackwatch.errors import FetchError
from stackwatch.fetch import USER_AGENT, Fetcher, FetchOptions, NotModified, Page

from .local_site import Reply, Request, Site

FAST = FetchOptions(backoff=0.01, timeout=2.0)
HTML = b"<html><head><title>t</title></head><body><p>hello</p></body></html>"


def fetch(site: Site, path: str, options: FetchOptions = FAST) -> Page:
    with Fetcher(options) as fetcher:
        page = fetcher.get(site.url(path))
    assert isinstance(page, Page)
    return page


def fetch_error(site: Site, path: str, options: FetchOptions = FAST) -> FetchError:
    with Fetcher(options) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url(path))
    return caught.value


def flaky(*replies: Reply) -> Callable[[Request], Reply]:
    """A route answering `replies` in turn, then the last one for ever."""
    answers = list(replies)

    def route(request: Request) -> Reply:
        return answers.pop(0) if len(answers) > 1 else answers[0]

    return route


# --- from the rules: a page and what the server said about it ---


def test_page_carries_body_and_headers(site: Site) -> None:
    site.routes["/a"] = Reply(
        HTML,
        content_type="text/html; charset=EUC-KR",
        headers=(("ETag", '"v1"'), ("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")),
    )
    page = fetch(site, "/a")
    assert page == Page(
        url=site.url("/a"),
        requested_url=site.url("/a"),
        status=200,
        content_type="text/html",
        charset="euc-kr",  # httpx lowers it
        data=HTML,
        etag='"v1"',
        last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
    )
    request = site.seen[-1]
    assert request.headers["user-agent"] == USER_AGENT
    assert "text/html" in request.headers["accept"]
    assert "if-none-match" not in request.headers


def test_page_without_content_type_is_let_through(site: Site) -> None:
    site.routes["/a"] = Reply(HTML, content_type=None)
    assert fetch(site, "/a").content_type is None


def test_conditional_get_answers_not_modified(site: Site) -> None:
    def route(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(status=304, content_type=None, headers=(("ETag", '"v1"'),))
        return Reply(HTML, headers=(("ETag", '"v1"'),))

    site.routes["/a"] = route
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(site.url("/a"))
        assert isinstance(first, Page)
        second = fetcher.get(site.url("/a"), etag=first.etag)
    assert second == NotModified(url=site.url("/a"), requested_url=site.url("/a"), etag='"v1"')
    assert site.hits["/a"] == 2


def test_conditional_get_by_date(site: Site) -> None:
    stamp = "Mon, 01 Jan 2024 00:00:00 GMT"

    def route(request: Request) -> Reply:
        if request.headers.get("if-modified-since") == stamp:
            return Reply(status=304, content_type=None)
        return Reply(HTML, headers=(("Last-Modified", stamp),))

    site.routes["/a"] = route
    with Fetcher(FAST) as fetcher:
        answer = fetcher.get(site.url("/a"), last_modified=stamp)
    assert isinstance(answer, NotModified)
    assert answer.last_modified == stamp


# --- from the rules: error statuses, one line naming the URL, never retried ---


@pytest.mark.parametrize(
    ("status", "message"),
    [(404, "HTTP 404 Not Found"), (403, "HTTP 403 Forbidden"), (500, "HTTP 500 Internal Server Error")],
)
def test_error_status_is_one_line_naming_the_url(site: Site, status: int, message: str) -> None:
    site.routes["/a"] = Reply(b"no", status=status)
    error = fetch_error(site, "/a")
    assert error.message == f"{message}; skipped"
    assert str(error) == f"{site.url('/a')}: {message}; skipped"
    assert site.hits["/a"] == 1


def test_unknown_path_gives_404(site: Site) -> None:
    error = fetch_error(site, "/missing")
    assert "404" in str(error)
    assert site.url("/missing") in str(error)


# --- from the rules: redirects ---


def test_redirect_is_followed(site: Site) -> None:
    site.routes["/old"] = Reply(status=301, headers=(("Location", "/new"),))
    site.routes["/new"] = Reply(HTML)
    page = fetch(site, "/old")
    assert (page.url, page.requested_url, page.data) == (site.url("/new"), site.url("/old"), HTML)


def test_error_after_redirect_names_where(site: Site) -> None:
    site.routes["/old"] = Reply(status=302, headers=(("Location", "/gone"),))
    error = fetch_error(site, "/old")
    assert error.source == site.url("/old")
    assert error.message == f"HTTP 404 Not Found at {site.url('/gone')}; skipped"


def test_redirect_loop_is_refused(site: Site) -> None:
    site.routes["/loop"] = Reply(status=302, headers=(("Location", "/loop"),))
    error = fetch_error(site, "/loop", FetchOptions(max_redirects=3, backoff=0.01))
    assert error.message == "too many redirects (more than 3); skipped"
    assert site.hits["/loop"] == 4


def test_redirect_to_another_scheme_is_refused(site: Site) -> None:
    site.routes["/a"] = Reply(status=302, headers=(("Location", "ftp://127.0.0.1/a"),))
    error = fetch_error(site, "/a")
    assert error.message == "redirected to ftp://127.0.0.1/a, not an http or https address; skipped"


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "news/0412.html", "http://"])
def test_only_web_addresses_are_fetched(url: str) -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.source == url
    assert "http" in caught.value.message


# --- from the rules: limits on time, size and type ---


def test_slow_answer_times_out_after_retry(site: Site) -> None:
    site.routes["/slow"] = Reply(HTML, delay=10)
    started = time.monotonic()
    error = fetch_error(site, "/slow", FetchOptions(timeout=0.5, retries=1, backoff=0.01))
    assert error.message == "timed out (nothing received for 0.5 s) after 2 tries; skipped"
    assert site.hits["/slow"] == 2
    assert time.monotonic() - started < 3


def test_dripping_body_times_out(site: Site) -> None:
    # Each piece comes well within the timeout, the whole page does not.
    site.routes["/drip"] = Reply(b"x" * 64 * 40, drip=0.05)
    started = time.monotonic()
    error = fetch_error(site, "/drip", FetchOptions(timeout=0.5, retries=0))
    assert error.message == "timed out (page not received in full in 0.5 s); skipped"
    assert time.monotonic() - started < 1.5


def test_refused_connection_is_retried_then_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free once closed: nothing listens there
    url = f"http://127.0.0.1:{port}/a"
    with Fetcher(FetchOptions(retries=1, backoff=0.01)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.message.startswith("cannot connect (")
    assert caught.value.message.endswith(" after 2 tries; skipped")


@pytest.mark.parametrize("sized", [True, False], ids=["content-length", "streamed"])
def test_oversized_page_is_refused(site: Site, sized: bool) -> None:
    site.routes["/big"] = Reply(b"x" * 50_000, sized=sized)
    error = fetch_error(site, "/big", FetchOptions(max_bytes=10_000, backoff=0.01))
    assert error.message.startswith("page larger than 9.8 KB")
    assert site.hits["/big"] == 1


def test_page_of_exactly_max_bytes_is_taken(site: Site) -> None:
    site.routes["/a"] = Reply(b"x" * 10_000, sized=False)
    assert len(fetch(site, "/a", FetchOptions(max_bytes=10_000)).data) == 10_000


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/octet-stream"])
def test_non_article_content_type_is_refused(site: Site, content_type: str) -> None:
    site.routes["/a"] = Reply(b"\x89PNG\r\n", content_type=content_type)
    error = fetch_error(site, "/a")
    assert error.message == f"not an article page (content type {content_type}); skipped"
    assert site.hits["/a"] == 1


# --- from the rules: transient failures are retried ---


@pytest.mark.parametrize("status", [502, 503, 504])
def test_transient_status_is_retried(site: Site, status: int) -> None:
    site.routes["/a"] = flaky(Reply(b"busy", status=status), Reply(HTML))
    assert fetch(site, "/a").data == HTML
    assert site.hits["/a"] == 2


def test_retries_run_out(site: Site) -> None:
    site.routes["/a"] = Reply(b"busy", status=503)
    error = fetch_error(site, "/a")
    assert error.message == "HTTP 503 Service Unavailable after 3 tries; skipped"
    assert site.hits["/a"] == 3


@pytest.mark.parametrize(
    "retry_after",
    ["0", format_datetime(datetime(2020, 1, 1, tzinfo=UTC), usegmt=True)],
    ids=["seconds", "date-in-the-past"],
)
def test_too_many_requests_waits_as_told(site: Site, retry_after: str) -> None:
    busy = Reply(b"slow down", status=429, headers=(("Retry-After", retry_after),))
    site.routes["/a"] = flaky(busy, Reply(HTML))
    started = time.monotonic()
    assert fetch(site, "/a", FetchOptions(backoff=5)).data == HTML  # a backoff wait would show
    assert time.monotonic() - started < 2
    assert site.hits["/a"] == 2


def test_retry_after_beyond_max_wait_gives_up_at_once(site: Site) -> None:
    site.routes["/a"] = Reply(b"come back later", status=503, headers=(("Retry-After", "3600"),))
    error = fetch_error(site, "/a")
    assert error.message == "HTTP 503 Service Unavailable; the site asks to wait 3600 s; skipped"
    assert site.hits["/a"] == 1


@pytest.mark.parametrize(
    "options",
    [{"retries": -1}, {"timeout": 0}, {"max_bytes": 0}, {"backoff": -0.1}],
    ids=str,
)
def test_options_refuse_impossible_values(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        FetchOptions(**options)  # type: ignore[arg-type]
