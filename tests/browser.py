"""Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright, no download.

    with chromium_page() as page:
        page.goto(path.as_uri())
        page.screenshot(path=tmp_path / "shot.png", full_page=True)

The flags keep the browser from talking to the network on its own (component updates,
sync, background fetches), so a test that records requests sees only the page's own.
Tests are skipped when chromium or playwright is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
PHONE = {"width": 390, "height": 844}  # an ordinary phone screen, CSS pixels
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> Path:
    found = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or CHROMIUM)
    if not found.exists():
        pytest.skip("chromium is not installed")
    return found


@contextmanager
def chromium_page(*, viewport: dict[str, int] | None = None, **context_options: Any) -> Iterator[Any]:
    """A fresh playwright Page in headless chromium; closed (with its browser) on exit."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport=viewport or DESKTOP, **context_options)
            page = context.new_page()
            yield page
            context.close()
        finally:
            browser.close()
