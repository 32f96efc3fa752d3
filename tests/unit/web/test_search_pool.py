"""Search and ask in a worker process (`serve`) answer exactly as they do in the request's
thread, API responses kept per store version are the same bytes, and a worker that dies
is replaced."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stackwatch.extract import Extractor
from stackwatch.web import create_app

QUERIES = ["오픈AI 클라우드 계약", "Nvidia investment"]
QUESTIONS = ["오픈AI와 아마존의 계약 규모는?", "얀 르쿤은 어디로 갔나?"]


@pytest.fixture(scope="module")
def pooled(sample_db: Path, extractor: Extractor) -> Iterator[TestClient]:
    app = create_app(sample_db, extractor=extractor, isolate_search=True)
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize("query", QUERIES)
def test_a_search_in_the_worker_equals_one_in_the_thread(
    pooled: TestClient, client: TestClient, query: str
) -> None:
    mine = pooled.get("/api/search", params={"q": query})
    theirs = client.get("/api/search", params={"q": query})
    assert mine.status_code == theirs.status_code == 200
    assert mine.json() == theirs.json()
    assert mine.json()["hits"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_an_answer_from_the_worker_equals_one_from_the_thread(
    pooled: TestClient, client: TestClient, question: str
) -> None:
    assert (
        pooled.get("/api/ask", params={"q": question}).json()
        == client.get("/api/ask", params={"q": question}).json()
    )


def test_the_search_page_uses_the_worker(pooled: TestClient) -> None:
    page = pooled.get("/search", params={"q": QUERIES[0]})
    assert page.status_code == 200
    assert "오픈AI" in page.text or "OpenAI" in page.text


def test_a_worker_that_died_is_replaced(pooled: TestClient) -> None:
    pool = pooled.app.state.web.search_pool  # type: ignore[attr-defined]
    assert pooled.get("/api/search", params={"q": QUERIES[1]}).status_code == 200
    for pid in list(pool._pool._processes):
        os.kill(pid, signal.SIGKILL)
    again = pooled.get("/api/search", params={"q": QUERIES[1]})
    assert again.status_code == 200
    assert again.json()["hits"]


def test_a_kept_api_answer_is_the_same_as_a_fresh_one(client: TestClient) -> None:
    first = client.get("/api/deals", params={"sort": "date", "limit": 7})
    second = client.get("/api/deals", params={"sort": "date", "limit": 7})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(first.json()["items"]) == 7
    assert client.get("/api/documents/999999").json()["error"]["status"] == 404  # errors are not kept
