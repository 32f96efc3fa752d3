"""Templates and the request's language: every page goes through `render`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from stackwatch.store import Store, web_sql
from stackwatch.web.errors import ApiError
from stackwatch.web.i18n import COOKIE, Words, request_language
from stackwatch.web.state import WebState

COOKIE_SECONDS = 365 * 24 * 3600


def _templates() -> Jinja2Templates:
    folder = Path(str(resources.files("stackwatch.web").joinpath("templates")))
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),  # every template, always
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


TEMPLATES = _templates()


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def words_of(request: Request) -> Words:
    return Words(request_language(request))


def url_with(request: Request, **changes: Any) -> str:
    """This page's address with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def cached_page(
    request: Request, template: str, build: Callable[[Store], dict[str, Any] | None], *, missing: str
) -> Response:
    """A page that only depends on its address, its language and the store's contents:
    rendered once per store version (a read-mostly dashboard repeats its pages), else built
    by `build` (None → 404 with `missing`) and rendered."""
    state = state_of(request)
    lang = request_language(request)
    with state.reading() as store:
        key = (
            "page",
            template,
            str(request.url.path),
            str(request.url.query),
            lang,
            web_sql.data_version(store),
        )
        body = state.cached(key)
        context = None if isinstance(body, bytes) else build(store)
    if isinstance(body, bytes):
        response: Response = HTMLResponse(body)
        _remember_language(request, response, lang)
        return response
    if context is None:
        raise ApiError(404, missing)
    response = render(request, template, context)
    state.keep(key, bytes(response.body))
    return response


def cached_json(endpoint: Callable[..., dict[str, Any]]) -> Callable[..., Any]:
    """An API endpoint (reading only, called with `request=`) whose JSON is kept per address
    and store version, like `cached_page`: the same list asked for again is not rebuilt or
    re-encoded until the store changes."""

    @functools.wraps(endpoint)
    def answer(**params: Any) -> Response:
        request: Request = params["request"]
        state = state_of(request)
        with state.reading() as store:
            key = ("api", str(request.url.path), str(request.url.query), web_sql.data_version(store))
        body = state.cached(key)
        if not isinstance(body, bytes):
            body = orjson.dumps(jsonable_encoder(endpoint(**params)))
            state.keep(key, body)
        return Response(body, media_type="application/json")

    return answer


def _remember_language(request: Request, response: Response, lang: str) -> None:
    if request.query_params.get("lang") == lang:
        response.set_cookie(COOKIE, lang, max_age=COOKIE_SECONDS, samesite="lax", httponly=True)


def render(request: Request, template: str, context: dict[str, Any], *, status: int = 200) -> Response:
    words = words_of(request)
    other = "en" if words.lang == "ko" else "ko"
    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {
            **context,
            "w": words,
            "lang": words.lang,
            "switch_url": url_with(request, lang=other),
            "url_with": lambda **changes: url_with(request, **changes),
            "path": request.url.path,
        },
        status_code=status,
    )
    _remember_language(request, response, words.lang)
    return response


def render_error(request: Request, error: ApiError) -> Response:
    try:
        return render(request, "error.html", {"error": error}, status=error.status)
    except Exception:  # the error page itself must never fail
        return HTMLResponse(f"<h1>{error.status}</h1>", status_code=error.status)
