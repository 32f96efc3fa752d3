"""The web app: `create_app(db_path)` → a FastAPI app serving the dashboard and the JSON API.

    app = create_app("stackwatch.db")                 # read-only: writes answer 403
    app = create_app("stackwatch.db", token="s3cret")  # writes need `Authorization: Bearer s3cret`

The token comes from `token=` or `STACKWATCH_TOKEN`. `read_only=True` refuses writes even
with a token. Interactive docs are off (they load scripts from a CDN); the description
of the API is at /openapi.json.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from stackwatch.extract import Extractor
from stackwatch.web import api, errors, pages
from stackwatch.web.middleware import Guard, SecurityHeaders
from stackwatch.web.render import render_error
from stackwatch.web.search_pool import SearchPool
from stackwatch.web.state import MAX_UPLOAD_BYTES, WebState

TOKEN_ENV = "STACKWATCH_TOKEN"


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    read_only: bool | None = None,
    reports_dir: str | Path | None = None,
    max_upload: int = MAX_UPLOAD_BYTES,
    extractor: Extractor | None = None,
    isolate_search: bool = False,
) -> FastAPI:
    """The dashboard and API over the store at `db_path` (opened per request).

    `read_only` defaults to "no token configured". Reports are listed from and written to
    `reports_dir` (default: `reports/` beside the store). `extractor` is an engine already
    loaded (else one is loaded on the first search or write). `isolate_search` runs
    search and ask in a worker process of their own (`web.search_pool`), as `serve` does.
    """
    db = Path(db_path)
    secret = token if token is not None else os.environ.get(TOKEN_ENV) or None
    state = WebState(
        db_path=db,
        token=secret,
        read_only=secret is None if read_only is None else (read_only or secret is None),
        reports_dir=Path(reports_dir) if reports_dir is not None else db.parent / "reports",
        max_upload=max_upload,
        _extractor=extractor,
        search_pool=SearchPool(db) if isolate_search else None,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if state.search_pool is not None:
            state.search_pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="stackwatch",
        summary="A structured, cited record of AI-industry news: documents, entities, events and deals.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = state
    app.state.render_error = render_error
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    static = Path(str(resources.files("stackwatch.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(Guard, max_body=max_upload)  # added last: the outermost layer
    return app
