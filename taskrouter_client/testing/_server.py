"""The emulator served over real HTTP on loopback (stdlib server, one thread per request)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ._app import App

HOST = "127.0.0.1"


@contextmanager
def serving(app: App, port: int = 0) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1:``port`` in a background thread; yield the base URL."""
    server = ThreadingHTTPServer((HOST, port), _handler(app))
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="taskrouter-emulator",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _handler(app: App) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "taskrouter-emulator"
        disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms stalls

        def _answer(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {name.lower(): value for name, value in self.headers.items()}
            host = headers.get("host") or f"{HOST}:{self.server.server_port}"  # type: ignore[attr-defined]  # an HTTPServer
            answer = app.handle(self.command, f"http://{host}{self.path}", headers, body)
            if answer.drop:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = do_DELETE = _answer  # noqa: N815  # http.server's naming

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  # the base's name
            """Quiet: the SDK's own logging tells what happened."""

    return Handler
