"""URLs → bytes: one polite HTTP client with retries, limits, and robots.txt.

`Fetcher.get` answers a `Page` (a 2xx body) or `NotModified` (a 304 to a conditional GET),
or raises `FetchError` naming the URL. Retried: connect errors, timeouts, 429, 502, 503
and 504, after an exponential, jittered wait (or the site's Retry-After, up to
`max_wait`). Never retried: other error statuses, refused content types, oversized bodies.
Redirects are followed here rather than by httpx, so every hop's scheme and robots.txt
are checked.
"""

from __future__ import annotations

import email.utils
import functools
import logging
import random
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.robotparser import RobotFileParser

import httpx

from stackwatch.errors import FetchError
from stackwatch.fetch.robots import ROBOTS_MAX_BYTES, read_rules, robots_url
from stackwatch.ingest.decode import describe_size

logger = logging.getLogger(__name__)

USER_AGENT = "stackwatch/0.1 (+https://pypi.org/project/stackwatch/; AI-industry news reader)"
RETRY_STATUSES = frozenset({429, 502, 503, 504})
_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Accept:
    """The content types a caller takes; `label` names them in errors ("not a feed")."""

    label: str
    media_types: frozenset[str]

    def header(self) -> str:
        """The Accept header; the wildcard keeps strict servers from answering 406."""
        return ", ".join(sorted(self.media_types)) + ", */*;q=0.1"


PAGES = Accept(
    "an article page",
    frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}),
)
# Servers often label feeds text/html or text/plain; feedparser decides, and an HTML page
# then fails as "not a readable feed". Binary types are still refused before download.
FEEDS = Accept(
    "a feed",
    frozenset(
        {
            "application/rss+xml",
            "application/atom+xml",
            "application/rdf+xml",
            "application/xml",
            "text/xml",
            "text/html",
            "text/plain",
        }
    ),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How long, how often and how much to fetch. Times are in seconds."""

    timeout: float = 10.0  # one try: the longest silence, and the whole answer
    connect_timeout: float = 5.0
    retries: int = 2  # tries after the first, for transient failures only
    backoff: float = 0.5  # the first wait; doubles with each retry, jittered ±50%
    max_wait: float = 30.0  # the longest wait between tries; a longer Retry-After gives up
    max_bytes: int = 5 * 1024 * 1024  # a news page is < 2 MB
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True

    def __post_init__(self) -> None:
        if min(self.timeout, self.connect_timeout, self.max_bytes) <= 0:
            raise ValueError("timeout, connect_timeout and max_bytes must be positive")
        if min(self.retries, self.backoff, self.max_wait, self.max_redirects) < 0:
            raise ValueError("retries, backoff, max_wait and max_redirects must not be negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """A fetched 2xx body and what the server said about it."""

    url: str  # after redirects
    requested_url: str
    status: int
    content_type: str | None  # the media type, lower case, without parameters
    charset: str | None  # from the Content-Type header
    data: bytes = field(repr=False)
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NotModified:
    """A 304 answer to a conditional GET: the caller's copy is current."""

    url: str  # after redirects
    requested_url: str
    etag: str | None = None
    last_modified: str | None = None


class _TransientError(Exception):
    """A failure worth another try; `wait` is the site's Retry-After, when it gave one."""

    def __init__(self, reason: str, *, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class Fetcher:
    """One HTTP client (connections, cookies) and the robots.txt rules read so far.

    Use it as a context manager, from one thread.
    """

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        timeout = self.options.timeout
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            verify=_tls_context(),
            timeout=httpx.Timeout(timeout, connect=min(self.options.connect_timeout, timeout)),
            follow_redirects=False,
        )
        self._robots: dict[str, RobotFileParser] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Accept = PAGES,
    ) -> Page | NotModified:
        """GET `url`, following redirects: a Page, NotModified when `etag` or
        `last_modified` still hold, or FetchError saying why not."""
        headers = {"Accept": accept.header()}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = self._client.build_request("GET", _checked_url(url, source=url), headers=headers)
        for _ in range(self.options.max_redirects + 1):
            self._check_robots(request.url, source=url)
            response, data = self._exchange(request, accept, source=url)
            if response.next_request is None:
                return _answer(response, data, requested_url=url, etag=etag, last_modified=last_modified)
            request = response.next_request
            _checked_url(request.url, source=url)
        raise FetchError(f"too many redirects (more than {self.options.max_redirects}); skipped", source=url)

    def _exchange(
        self, request: httpx.Request, accept: Accept, *, source: str
    ) -> tuple[httpx.Response, bytes | None]:
        """One request with its retries: the closed response, and its body when it is a 2xx."""
        attempt = 1
        while True:
            try:
                return self._try_once(request, accept, source=source)
            except _TransientError as failure:
                if attempt > self.options.retries:
                    tries = f" after {attempt} tries" if attempt > 1 else ""
                    raise FetchError(f"{failure.reason}{tries}; skipped", source=source) from failure
                wait = failure.wait if failure.wait is not None else self._backoff(attempt)
                logger.debug("%s: %s; retrying in %.2f s", source, failure.reason, wait)
                time.sleep(wait)
                attempt += 1

    def _try_once(
        self, request: httpx.Request, accept: Accept, *, source: str
    ) -> tuple[httpx.Response, bytes | None]:
        deadline = time.monotonic() + self.options.timeout
        try:
            response = self._client.send(request, stream=True)
            try:
                if response.status_code in RETRY_STATUSES:
                    raise _TransientError(
                        _status_text(response), wait=self._retry_after(response, source=source)
                    )
                if not response.is_success:
                    return response, None
                _check_type(response, accept, source=source)
                return response, self._read_body(response, deadline=deadline, source=source)
            finally:
                response.close()
        except httpx.ConnectTimeout as exc:
            connect = min(self.options.connect_timeout, self.options.timeout)
            raise _TransientError(f"cannot connect (no answer in {connect:g} s)") from exc
        except httpx.TimeoutException as exc:
            raise _TransientError(f"timed out (nothing received for {self.options.timeout:g} s)") from exc
        except httpx.ConnectError as exc:
            raise _TransientError(f"cannot connect ({_one_line(exc)})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{_one_line(exc)}; skipped", source=source) from exc

    def _read_body(self, response: httpx.Response, *, deadline: float, source: str) -> bytes:
        """The body, refused as soon as it is known to exceed `max_bytes`."""
        limit = self.options.max_bytes
        too_large = f"page larger than {describe_size(limit)}"
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchError(f"{too_large} ({describe_size(int(length))}); skipped", source=source)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{too_large}; skipped", source=source)
            if time.monotonic() > deadline:
                raise _TransientError(f"timed out (page not received in full in {self.options.timeout:g} s)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _backoff(self, attempt: int) -> float:
        wait = self.options.backoff * 2.0 ** (attempt - 1) * random.uniform(0.5, 1.5)
        return min(wait, self.options.max_wait)

    def _retry_after(self, response: httpx.Response, *, source: str) -> float | None:
        """Seconds the site asks us to wait, or None; FetchError when longer than `max_wait`."""
        wait = _parse_retry_after(response.headers.get("Retry-After"))
        if wait is not None and wait > self.options.max_wait:
            raise FetchError(
                f"{_status_text(response)}; the site asks to wait {wait:.0f} s; skipped", source=source
            )
        return wait

    def _check_robots(self, url: httpx.URL, *, source: str) -> None:
        if not self.options.respect_robots:
            return
        where = robots_url(url)
        rules = self._robots.get(where)
        if rules is None:
            status, body = self._read_robots(where)
            rules = self._robots[where] = read_rules(status, body, source=where)
        if not rules.can_fetch(self.options.user_agent, str(url)):
            hop = "" if str(url) == source else f" ({url})"
            raise FetchError(f"refused by robots.txt{hop}; skipped", source=source)

    def _read_robots(self, where: str) -> tuple[int | None, bytes]:
        """The status and body of a robots.txt; (None, b"") when it cannot be reached."""
        request = self._client.build_request("GET", where, headers={"Accept": "text/plain, */*;q=0.1"})
        try:
            for _ in range(self.options.max_redirects + 1):
                response = self._client.send(request, stream=True)
                try:
                    body = _read_capped(response, ROBOTS_MAX_BYTES) if response.is_success else b""
                finally:
                    response.close()
                if response.next_request is None:
                    return response.status_code, body
                request = response.next_request
        except httpx.HTTPError as exc:
            logger.debug("%s: %s", where, _one_line(exc))
            return None, b""
        return 404, b""  # RFC 9309 §2.3.1.2: after five redirects, treat it as absent


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default TLS settings, built once: loading the CA bundle costs ~60 ms per client."""
    return httpx.create_ssl_context()


def _checked_url(url: str | httpx.URL, *, source: str) -> httpx.URL:
    """`url` as an httpx.URL, or FetchError when it is not an absolute http(s) address."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"not a web address ({_one_line(exc)}); skipped", source=source) from exc
    if parsed.scheme in _SCHEMES and parsed.host:
        return parsed
    if str(url) == source:
        raise FetchError("not an http or https address; skipped", source=source)
    raise FetchError(f"redirected to {url}, not an http or https address; skipped", source=source)


def _check_type(response: httpx.Response, accept: Accept, *, source: str) -> None:
    """Refuse a content type the caller does not take; a missing one is let through."""
    media = _media_type(response)
    if media is not None and media not in accept.media_types:
        raise FetchError(f"not {accept.label} (content type {media}); skipped", source=source)


def _answer(
    response: httpx.Response,
    data: bytes | None,
    *,
    requested_url: str,
    etag: str | None,
    last_modified: str | None,
) -> Page | NotModified:
    final_url = str(response.url)
    if response.status_code == 304:
        return NotModified(
            url=final_url,
            requested_url=requested_url,
            etag=response.headers.get("ETag") or etag,
            last_modified=response.headers.get("Last-Modified") or last_modified,
        )
    if data is None:
        where = "" if final_url == requested_url else f" at {final_url}"
        raise FetchError(f"{_status_text(response)}{where}; skipped", source=requested_url)
    return Page(
        url=final_url,
        requested_url=requested_url,
        status=response.status_code,
        content_type=_media_type(response),
        charset=response.charset_encoding,
        data=data,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """At most `limit` bytes of the body; the rest is not read."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


def _parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date; None if unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _media_type(response: httpx.Response) -> str | None:
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    return media or None


def _status_text(response: httpx.Response) -> str:
    # The standard phrase, not the server's: those can be empty (HTTP/2) or anything at all.
    return f"HTTP {response.status_code} {httpx.codes.get_reason_phrase(response.status_code)}".rstrip()


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
