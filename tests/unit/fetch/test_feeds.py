"""Feeds → entries (`stackwatch.fetch.feeds`): RSS and Atom, conditional polling, bad feeds."""

from __future__ import annotations

import pytest

from stackwatch.errors import FetchError
from stackwatch.fetch import FeedEntry, FeedResult, FeedState, Fetcher, FetchOptions, read_feed

from .local_site import Reply, Request, Site

FAST = FetchOptions(backoff=0.01, timeout=2.0)

RSS = """<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel>
  <title>AI 뉴스</title><link>{base}/</link><description>d</description>
  <item>
    <title>리벨리온, 시리즈C 투자 유치</title>
    <link>{base}/news/1</link>
    <pubDate>Mon, 01 Jan 2024 08:00:00 +0900</pubDate>
    <description><![CDATA[<p>AI 반도체 <b>리벨리온</b>이 투자를 유치했다 &amp; 밝혔다.</p>]]></description>
  </item>
  <item>
    <title>똠방각하, 햏자와 손잡다</title>
    <link>/news/2</link>
  </item>
  <item><title>링크 없는 항목</title></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>AI news</title><id>urn:feed</id><updated>2025-10-29T00:00:00Z</updated>
  <entry>
    <title>CoreWeave signs $14.2 billion deal with Meta</title>
    <link rel="alternate" href="https://news.example.com/coreweave"/>
    <id>urn:1</id>
    <published>2025-09-30T23:30:00-04:00</published>
    <updated>2025-10-01T10:00:00Z</updated>
    <summary>CoreWeave signed a six-year contract.</summary>
  </entry>
  <entry>
    <title>Updated only</title>
    <link href="https://news.example.com/updated"/>
    <id>urn:2</id>
    <updated>2025-10-02T10:00:00Z</updated>
  </entry>
</feed>
"""


def rss(site: Site, encoding: str = "utf-8") -> bytes:
    return RSS.format(encoding=encoding, base=site.base).encode("cp949" if encoding == "euc-kr" else encoding)


def poll(site: Site, path: str, state: FeedState | None = None) -> FeedResult:
    with Fetcher(FAST) as fetcher:
        return read_feed(fetcher, site.url(path), state)


def poll_error(site: Site, path: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        poll(site, path)
    return caught.value


def rss_entries(site: Site) -> tuple[FeedEntry, ...]:
    return (
        FeedEntry(
            url=site.url("/news/1"),
            title="리벨리온, 시리즈C 투자 유치",
            published="2024-01-01",  # the publisher's day, not 2023-12-31 in UTC
            summary="AI 반도체 리벨리온이 투자를 유치했다 & 밝혔다.",
        ),
        FeedEntry(url=site.url("/news/2"), title="똠방각하, 햏자와 손잡다"),
    )


# --- from the rules: RSS and Atom entries ---


def test_rss_entries(site: Site) -> None:
    site.routes["/rss"] = Reply(rss(site), content_type="application/rss+xml; charset=utf-8")
    result = poll(site, "/rss")
    assert result == FeedResult(url=site.url("/rss"), entries=rss_entries(site), state=FeedState())


def test_atom_entries(site: Site) -> None:
    site.routes["/atom"] = Reply(ATOM.encode("utf-8"), content_type="application/atom+xml")
    assert poll(site, "/atom").entries == (
        FeedEntry(
            url="https://news.example.com/coreweave",
            title="CoreWeave signs $14.2 billion deal with Meta",
            published="2025-09-30",
            summary="CoreWeave signed a six-year contract.",
        ),
        FeedEntry(url="https://news.example.com/updated", title="Updated only", published="2025-10-02"),
    )


@pytest.mark.parametrize(
    "content_type",
    ["text/xml", "application/xml", "text/xml; charset=euc-kr", "text/html"],
)
def test_euc_kr_feed_reads_as_cp949(site: Site, content_type: str) -> None:
    # feedparser alone reads this feed as windows-1252 (똠 is not in EUC-KR).
    site.routes["/rss"] = Reply(rss(site, "euc-kr"), content_type=content_type)
    assert poll(site, "/rss").entries == rss_entries(site)


# --- from the rules: conditional polling ---


def test_second_poll_with_etag_is_not_modified(site: Site) -> None:
    def route(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"r1"':
            return Reply(status=304, content_type=None, headers=(("ETag", '"r1"'),))
        return Reply(rss(site), content_type="application/rss+xml", headers=(("ETag", '"r1"'),))

    site.routes["/rss"] = route
    first = poll(site, "/rss")
    assert first.state == FeedState(etag='"r1"')
    assert len(first.entries) == 2
    second = poll(site, "/rss", first.state)
    assert second == FeedResult(url=site.url("/rss"), entries=(), state=first.state, not_modified=True)
    assert site.hits["/rss"] == 2


def test_poll_by_last_modified(site: Site) -> None:
    stamp = "Mon, 01 Jan 2024 00:00:00 GMT"

    def route(request: Request) -> Reply:
        if request.headers.get("if-modified-since") == stamp:
            return Reply(status=304, content_type=None)
        return Reply(rss(site), content_type="text/xml", headers=(("Last-Modified", stamp),))

    site.routes["/rss"] = route
    first = poll(site, "/rss")
    assert first.state == FeedState(last_modified=stamp)
    assert poll(site, "/rss", first.state).not_modified


# --- from the rules: what is not a feed ---


def test_malformed_feed_is_refused(site: Site) -> None:
    site.routes["/rss"] = Reply(b'<rss version="2.0"><channel><title>broken</ti', content_type="text/xml")
    error = poll_error(site, "/rss")
    assert error.message == "not a readable feed (unclosed token); skipped"
    assert str(error).startswith(site.url("/rss"))


def test_html_page_is_not_a_feed(site: Site) -> None:
    site.routes["/rss"] = Reply(b"<html><head><title>x</title></head><body><p>hi</body></html>")
    assert poll_error(site, "/rss").message.startswith("not a readable feed (")


def test_image_is_not_a_feed(site: Site) -> None:
    site.routes["/rss"] = Reply(b"\x89PNG\r\n", content_type="image/png")
    assert poll_error(site, "/rss").message == "not a feed (content type image/png); skipped"


def test_empty_feed_has_no_entries(site: Site) -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    site.routes["/rss"] = Reply(empty, content_type="application/rss+xml")
    assert poll(site, "/rss").entries == ()
