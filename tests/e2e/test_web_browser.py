"""The dashboard in a real browser: Debian's headless Chromium walks overview → deals → a
deal's source → an entity → search → ask on a store built from the samples, and a hostile
article stays inert. Screenshots of each step go to /tmp/sw-shots/web-*.png."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

import stackwatch.collect
from stackwatch.extract import Extractor
from stackwatch.pipeline import extract_document
from stackwatch.records import Document
from stackwatch.store import Store
from stackwatch.web import create_app

try:
    from browser import chromium_page  # tests/browser.py, shared by the browser tests
except ImportError:  # pragma: no cover - run from elsewhere
    pytest.skip("tests/browser.py is not importable", allow_module_level=True)

SHOTS = Path("/tmp/sw-shots")
HOSTILE_TITLE = "Evil <script>alert(1)</script> corp raises $5 billion"
HOSTILE_TEXT = (
    "OpenAI signed a $38 billion contract with Amazon <script>alert(1)</script> on Monday.\n"
    "The deal <img src=x onerror=alert(1)> was confirmed by both companies."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, samples_dir: Path, extractor: Extractor
) -> Iterator[Any]:
    """The dashboard over the samples (plus one hostile article) on a loopback port, with
    search and ask in their worker process."""
    db = tmp_path_factory.mktemp("browser") / "w.db"
    with Store.open(db, korean=extractor.korean) as store:
        list(stackwatch.collect.ingest_files(store, [samples_dir], extractor))
        hostile = Document(doc="hostile.txt", source="hostile.txt", title=HOSTILE_TITLE, text=HOSTILE_TEXT)
        hostile_id = store.add(extract_document(hostile, extractor)).document_id
    app = create_app(db, extractor=extractor, isolate_search=True)  # as `stackwatch serve` runs it
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning", ws="none")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", hostile_id
    server.should_exit = True
    thread.join(timeout=10)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.fonts.ready.then(() => true)")  # the Hangul web font, when it was needed
    page.screenshot(path=str(SHOTS / f"web-{name}.png"), full_page=True)


def _images_loaded(page: Any) -> bool:
    return bool(page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)"))


def test_walk_through_the_dashboard(served: Any) -> None:
    base, _ = served
    with chromium_page() as page:
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

        page.goto(base + "/")  # 1 overview
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.inner_text() == "개요"
        assert page.locator("table.deals tbody tr").count() > 0
        assert _images_loaded(page)
        _shot(page, "1-overview")

        page.click("header nav >> text=거래")  # 2 deals
        page.wait_for_url("**/deals")
        assert page.locator("table.deals tbody tr").count() > 5
        page.select_option("select[name=type]", "contract")  # filters apply on change (app.js)
        page.wait_for_url("**/deals?*type=contract*")
        assert page.locator("table.deals tbody tr").count() > 0
        _shot(page, "2-deals")

        page.locator("table.deals tbody tr td a[href^='/deals/']").first.click()  # 3 a deal
        page.wait_for_url("**/deals/*")
        assert page.locator("ol.sources li").count() > 0
        _shot(page, "3-deal")
        page.locator("a.source-title").first.click()  # 4 its source, evidence in focus
        page.wait_for_url("**/documents/*")
        assert page.locator(".sentence.focus").count() == 1
        assert page.locator("a.hl-entity").count() > 0
        _shot(page, "4-source")

        page.locator(".text a.hl-entity[href]").first.click()  # 5 an entity
        page.wait_for_url("**/entities/*")
        page.wait_for_load_state("networkidle")
        assert page.locator("table.timeline tbody tr").count() > 0
        assert _images_loaded(page)
        _shot(page, "5-entity")

        page.fill("header input[name=q]", "코어위브 부채")  # 6 search
        page.press("header input[name=q]", "Enter")
        page.wait_for_url("**/search?*")
        assert page.locator("ol.hits li, p.empty, p.warn").count() > 0
        _shot(page, "6-search")

        page.click("header nav >> text=질문")  # 7 ask
        page.fill("main input[name=q]", "오픈AI와 아마존의 계약 규모는?")
        page.press("main input[name=q]", "Enter")
        page.wait_for_url("**/ask?*")
        assert page.locator("section.answer, p.warn").count() > 0
        _shot(page, "7-ask")

        page.click("header a.lang")  # 8 English
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.inner_text() == "Ask"
        page.goto(base + "/deals")
        assert "Deals" in page.locator("h1").first.inner_text()  # the cookie keeps English
        _shot(page, "8-english-deals")
        assert problems == []


def test_a_hostile_article_stays_inert_in_the_browser(served: Any) -> None:
    base, hostile_id = served
    with chromium_page() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/documents/{hostile_id}")
        page.wait_for_load_state("networkidle")
        scripts = page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))")
        assert scripts == ["/static/app.js"]
        assert page.locator("main img").count() == 0
        assert page.locator("[onerror], [onmouseover]").count() == 0
        assert "<script>alert(1)</script>" in page.locator("h1").inner_text()  # shown as text
        _shot(page, "9-hostile")
        assert dialogs == []
