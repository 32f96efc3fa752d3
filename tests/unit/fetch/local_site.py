"""A local web site for fetch tests: routes set per test, hits counted, nothing beyond 127.0.0.1."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """What the site answers. `delay` is waited before the status line; a `drip` body is
    sent in 64-byte pieces `drip` seconds apart; `sized=False` leaves out Content-Length."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    drip: float = 0.0
    sized: bool = True


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]  # names in lower case


Route = Reply | Callable[[Request], Reply]


@dataclass
class Site:
    """The routes of the local server and what it saw; unknown paths answer 404."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    seen: list[Request] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def reply(self, request: Request) -> Reply:
        self.hits[request.path] += 1
        self.seen.append(request)
        route = self.routes.get(request.path)
        if route is None:
            return Reply(b"not here", status=404, content_type="text/plain")
        return route(request) if callable(route) else route


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            reply = site.reply(Request(self.path, headers))
            try:
                if reply.delay:
                    site.stopping.wait(reply.delay)
                self.send_response(reply.status, HTTPStatus(reply.status).phrase)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                if reply.sized:
                    self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.end_headers()
                self._write(reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first, as timeout tests intend

        def _write(self, reply: Reply) -> None:
            if not reply.drip:
                self.wfile.write(reply.body)
                return
            for start in range(0, len(reply.body), 64):
                if site.stopping.wait(reply.drip):
                    return
                self.wfile.write(reply.body[start : start + 64])
                self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    """Run a Site on 127.0.0.1 (a free port) in a thread, for the length of the block."""
    served = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.stopping.set()  # wakes handlers still sleeping or dripping
        server.shutdown()
        server.server_close()
        thread.join()
