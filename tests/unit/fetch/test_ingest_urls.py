"""URLs and feeds into the store (`stackwatch.collect.ingest_urls`), served by a local site:
pages are stored once, a feed's entries are fetched as pages, a second poll asks for
changes only, and a failing entry costs that entry only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stackwatch.collect import IngestSummary, ingest_urls
from stackwatch.extract import Extractor
from stackwatch.fetch import Fetcher, FetchOptions
from stackwatch.pipeline import Failure
from stackwatch.store import Store

from .local_site import Reply, Request, Site

FAST = FetchOptions(backoff=0.01, timeout=2.0, retries=0)

PAGE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<article><h1>{title}</h1><p>2025-09-09</p><p>{body}</p>
<p>업계는 이번 계약이 하이퍼스케일러와 네오클라우드의 협력 흐름을 보여준다고 평가했다.</p>
</article>
</body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>AI 뉴스</title><link>{base}/</link><description>d</description>
<item><title>MS-네비우스 계약</title><link>{base}/news/1</link>
  <pubDate>Tue, 09 Sep 2025 08:00:00 +0900</pubDate></item>
<item><title>엔비디아 실적</title><link>{base}/news/2</link></item>
<item><title>사라진 기사</title><link>{base}/news/gone</link></item>
</channel></rss>"""


def _page(title: str, body: str) -> Reply:
    return Reply(PAGE.format(title=title, body=body).encode("utf-8"))


@pytest.fixture
def store(tmp_path: Path, extractor: Extractor) -> Iterator[Store]:
    with Store.open(tmp_path / "urls.db", korean=extractor.korean) as opened:
        yield opened


def _run(store: Store, urls: list[str], extractor: Extractor) -> IngestSummary:
    summary = IngestSummary()
    with Fetcher(FAST) as fetcher:
        for outcome in ingest_urls(store, urls, extractor, fetcher=fetcher):
            summary.count(outcome)
    return summary


def _serve_news(site: Site) -> None:
    site.routes["/news/1"] = _page(
        "MS, 네비우스와 174억 달러 계약",
        "마이크로소프트가 네비우스와 174억 달러 규모의 GPU 인프라 계약을 체결했다.",
    )
    site.routes["/news/2"] = _page(
        "엔비디아 3분기 매출 570억 달러", "엔비디아는 3분기 매출이 570억 달러로 집계됐다고 밝혔다."
    )


def test_a_page_is_stored_once_and_not_fetched_again(site: Site, store: Store, extractor: Extractor) -> None:
    _serve_news(site)
    first = _run(store, [site.url("/news/1")], extractor)
    second = _run(store, [site.url("/news/1")], extractor)
    assert (first.new, first.failed) == (1, 0)
    assert (second.new, second.duplicates) == (0, 1)
    assert site.hits["/news/1"] == 1  # the second run did not even ask
    row = store.conn.execute("SELECT url, title FROM documents").fetchone()
    assert row == (site.url("/news/1"), "MS, 네비우스와 174억 달러 계약")


def test_a_feed_brings_its_entries_and_the_second_poll_asks_for_changes_only(
    site: Site, store: Store, extractor: Extractor
) -> None:
    _serve_news(site)

    def feed(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(status=304, content_type=None)
        return Reply(
            FEED.format(base=site.base).encode("utf-8"),
            content_type="application/rss+xml",
            headers=(("ETag", '"v1"'),),
        )

    site.routes["/feed.xml"] = feed
    first = _run(store, [site.url("/feed.xml")], extractor)
    assert (first.new, first.failed) == (2, 1)  # /news/gone answers 404
    assert "404" in first.failures[0].message
    assert first.failures[0].source == site.url("/news/gone")
    assert store.feed_state(site.url("/feed.xml")) == ('"v1"', None)

    second = _run(store, [site.url("/feed.xml")], extractor)
    assert (second.read, second.new) == (0, 0)
    assert site.seen[-1].headers.get("if-none-match") == '"v1"'
    assert site.hits["/news/1"] == 1


def test_robots_refusal_is_a_failure_of_that_url_only(site: Site, store: Store, extractor: Extractor) -> None:
    _serve_news(site)
    site.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /news/2\n", content_type="text/plain")
    summary = _run(store, [site.url("/news/2"), site.url("/news/1")], extractor)
    assert (summary.new, summary.failed) == (1, 1)
    failure = summary.failures[0]
    assert isinstance(failure, Failure)
    assert "robots.txt" in failure.message
    assert site.hits["/news/2"] == 0


def test_watch_polls_until_its_rounds_are_done(
    site: Site, tmp_path: Path, session_extractor: Extractor
) -> None:
    from typer.testing import CliRunner

    from stackwatch.cli.main import app

    _serve_news(site)
    site.routes["/feed.xml"] = Reply(
        FEED.format(base=site.base).encode("utf-8"), content_type="application/rss+xml"
    )
    db = tmp_path / "watch.db"
    result = CliRunner().invoke(
        app, ["watch", "--db", str(db), "--every", "1s", "--rounds", "2", site.url("/feed.xml")]
    )
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("error: ")]
    assert len(lines) == 2
    assert lines[-2].endswith("3 read, 2 new, 0 duplicates, 1 failed")
    assert lines[-1].endswith("3 read, 0 new, 2 duplicates, 1 failed")  # the feed had no ETag: re-read
    assert site.hits["/feed.xml"] == 2
    assert site.hits["/news/1"] == 1


def test_watch_refuses_a_bad_interval(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stackwatch.cli.main import app

    result = CliRunner().invoke(
        app, ["watch", "--db", str(tmp_path / "w.db"), "--every", "soon", "http://x/"]
    )
    assert result.exit_code == 2
    assert "--every" in result.stderr
