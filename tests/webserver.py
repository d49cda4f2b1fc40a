"""A local HTTP server for the web tests: 127.0.0.1 only, started by the tests, never the
internet.

`WebServer` serves a table of `Route`s (status, headers, body, a delay before answering, a
body sent in chunks, a conditional-GET ETag) that a test may change between two requests,
and records every request's path and headers. `serve()` starts one on a free port in a
thread; the `web_server` fixture (tests/conftest.py) stops it after the test.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunks: int = 1  # the body in this many writes (a long body streamed)
    repeat: int = 1  # the body sent this many times (a huge body, never held in memory)
    etag: str | None = None  # answer 304 to an If-None-Match naming it
    length: bool = True  # send Content-Length


@dataclass
class Seen:
    """One request the server got."""

    path: str
    headers: dict[str, str]


class WebServer:
    """A server of routes on 127.0.0.1; `url(path)` names a path on it."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append(Seen(self.path, dict(self.headers.items())))
                server.answer(self)

            def log_message(self, *args: Any) -> None:
                """Quiet: the tests read `requests`."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base + path

    def paths(self) -> list[str]:
        """The paths asked for, in order (robots.txt included)."""
        return [r.path for r in self.requests]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path.split("?", 1)[0])
        if route is None:
            route = Route(b"not found", status=404, content_type="text/plain")
        if route.delay:
            time.sleep(route.delay)
        if route.etag is not None and handler.headers.get("If-None-Match") == route.etag:
            handler.send_response(304)
            handler.send_header("ETag", route.etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(route.status)
        handler.send_header("Content-Type", route.content_type)
        if route.etag is not None:
            handler.send_header("ETag", route.etag)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        total = len(route.body) * route.repeat
        if route.length:
            handler.send_header("Content-Length", str(total))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            for _ in range(route.repeat):
                step = max(1, len(route.body) // route.chunks)
                for start in range(0, len(route.body), step):
                    handler.wfile.write(route.body[start : start + step])
                    handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading: fine
            pass

    def __enter__(self) -> WebServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve() -> WebServer:
    """A started server (stop it with `with` or `__exit__`)."""
    return WebServer().__enter__()
