"""The emulator served over real HTTP (stdlib server, one thread per connection).

Sized for the crowd a test suite throws at it: the listen backlog holds a burst of a few
thousand connections (the stdlib default of 5 made the kernel reset hundreds of a burst of
500), each connection gets its own thread, and requests are answered one at a time under
the emulator's lock, in well under a millisecond each. With ``max_concurrency``, requests
beyond that many in progress at once are answered 429 with Twilio's error 20429, as
Twilio's own concurrency limit answers.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ._app import App
from ._wire import WireResponse, overloaded

LOOPBACK = "127.0.0.1"
BACKLOG = 4096
"""Connections the kernel queues before the server accepts them (it caps this itself)."""


@contextmanager
def serving(
    app: App, host: str = LOOPBACK, port: int = 0, *, max_concurrency: int | None = None
) -> Iterator[str]:
    """Serve ``app`` on ``host``:``port`` in a background thread; yield the base URL.

    Raises:
        OSError: The address cannot be bound (``errno.EADDRINUSE``: the port is taken).
    """
    limit = None if max_concurrency is None else threading.BoundedSemaphore(max_concurrency)
    server = _Server((host, port), _handler(app, limit), ipv6=":" in host)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="taskrouter-emulator",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://{_reachable(host)}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _reachable(host: str) -> str:
    """The host to put in the URL: loopback for a wildcard address, brackets for IPv6."""
    if host in {"", "0.0.0.0"}:  # noqa: S104  # naming the wildcard, not binding to it
        return LOOPBACK
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], *, ipv6: bool
    ) -> None:
        self.address_family = socket.AF_INET6 if ipv6 else socket.AF_INET
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up mid-exchange is its own business: say nothing of it."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


def _handler(app: App, limit: threading.BoundedSemaphore | None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "taskrouter-emulator"
        disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms stalls

        def _answer(self) -> None:
            """Answer one request; with a limit, it is in progress from its headers on."""
            length = int(self.headers.get("Content-Length") or 0)
            if limit is not None and not limit.acquire(blocking=False):
                self.rfile.read(length)
                self._send(overloaded())
                return
            try:
                body = self.rfile.read(length)
                headers = {name.lower(): value for name, value in self.headers.items()}
                if "host" not in headers:  # HTTP/1.0: the address the request came to
                    address, port = self.connection.getsockname()[:2]
                    headers["host"] = f"{_reachable(address)}:{port}"
                url = f"http://{headers['host']}{self.path}"
                answer = app.handle(self.command, url, headers, body)
            finally:
                if limit is not None:
                    limit.release()
            self._send(answer)

        def _send(self, answer: WireResponse) -> None:
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
