"""The network edge of ingestion: URLs and feeds → pages, entries and Documents.

`Fetcher` (robots.txt, retries, size and type limits) → `Page`; `page_document` →
`Document`; `read_feed` → `FeedResult` with `FeedEntry`s and the `FeedState` to poll with.
Nothing else in stackwatch opens a network connection.
"""

from stackwatch.fetch.feeds import FeedEntry, FeedResult, FeedState, parse_feed, read_feed
from stackwatch.fetch.http import FEEDS, PAGES, USER_AGENT, Accept, Fetcher, FetchOptions, NotModified, Page
from stackwatch.fetch.pages import page_document

__all__ = [
    "FEEDS",
    "PAGES",
    "USER_AGENT",
    "Accept",
    "FeedEntry",
    "FeedResult",
    "FeedState",
    "FetchOptions",
    "Fetcher",
    "NotModified",
    "Page",
    "page_document",
    "parse_feed",
    "read_feed",
]
