"""ASGI middleware: security headers on every answer, a cap on request bodies, and a last
guard that turns an unexpected exception into a 500 in the one error shape."""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stackwatch.web.errors import error_body, is_api_path

logger = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the CSP and friends to every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLargeError(Exception):
    """The request body passed the limit while being read."""


class Guard:
    """The outermost layer: caps request bodies at `max_body` bytes (413) and answers any
    exception nobody handled with a 500 in the error shape, logging the traceback."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _send_error(send, path, 413, self._too_large())
            return
        started = False
        answered = False  # we sent the 413 ourselves; whatever the app sends after is dropped
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen, answered
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body and not answered:
                    if started:
                        raise BodyTooLargeError
                    answered = True
                    await _send_error(send, path, 413, self._too_large())
                    return {"type": "http.disconnect"}  # the app stops reading and gives up
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if answered:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLargeError:
            pass  # the response had started; nothing more to say
        except Exception:
            if answered:
                return
            logger.exception("internal error answering %s %s", scope.get("method"), path)
            if not started:
                await _send_error(send, path, 500, "internal error; the server log has the details")

    def _too_large(self) -> str:
        return f"request body larger than {self.max_body:,} bytes; send a smaller article"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_error(send: Send, path: str, status: int, message: str) -> None:
    body: Any
    if is_api_path(path):
        body = json.dumps(error_body(status, message)).encode()
        kind = b"application/json"
    else:
        body = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{_escape(message)}</p>".encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
