"""The one place that turns failures into responses.

Under `/api/` every failure answers one JSON shape, whatever raised it (a missing id, a
bad parameter, a missing token, an oversized body, a bug):

    {"error": {"status": 404, "code": "not_found", "message": "no deal 12345"}}

Pages answer the same status with a small HTML page saying the same thing.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from stackwatch.errors import ConfigError, FetchError, InputError, StackwatchError, StoreError

logger = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
    502: "fetch_failed",
    503: "unavailable",
}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """What every failed `/api/` call answers."""

    error: ErrorDetail


class ApiError(Exception):
    """A failure with its HTTP status, a stable code for programs and a message for people."""

    def __init__(self, status: int, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or _CODES.get(status, "error"), "message": message}}


def is_api_path(path: str) -> bool:
    return path.startswith("/api/") or path in {"/api", "/openapi.json"}


def from_stackwatch_error(exc: StackwatchError) -> ApiError:
    """Our library errors, as the status a client can act on."""
    if isinstance(exc, StoreError):
        return ApiError(503, exc.message, code="store_unavailable")
    if isinstance(exc, FetchError):
        return ApiError(502, f"{exc.source}: {exc.message}", code="fetch_failed")
    if isinstance(exc, InputError | ConfigError):
        return ApiError(422, f"{exc.source}: {exc.message}", code="bad_input")
    return ApiError(500, str(exc))


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for item in exc.errors()[:5]:
        where = ".".join(str(x) for x in item.get("loc", ()) if x != "body") or "request"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def respond(request: Request, error: ApiError, headers: dict[str, str] | None = None) -> Response:
    """The error as JSON under /api/, else as the dashboard's error page."""
    if is_api_path(request.url.path):
        return JSONResponse(
            error_body(error.status, error.message, error.code), error.status, headers=headers
        )
    render = getattr(request.app.state, "render_error", None)
    if render is not None:
        response: Response = render(request, error)
        return response
    return HTMLResponse(f"<h1>{error.status}</h1>", status_code=error.status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers on `app` (500s are caught by `middleware.Guard`)."""

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return respond(request, exc, headers)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return respond(request, ApiError(exc.status_code, detail), dict(exc.headers or {}) or None)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, ApiError(422, _validation_message(exc)))

    async def on_stackwatch(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StackwatchError)
        return respond(request, from_stackwatch_error(exc))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StackwatchError, on_stackwatch)
