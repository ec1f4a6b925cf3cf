"""A canned TaskRouter on a loopback port, for tests that need real HTTP (and httpcore).

It answers every Task and Reservation operation with fixture bodies, and a few SIDs with
failures: ``WT444…`` answers 401, ``WT555…`` answers 503, ``WT666…`` a body cut short,
``WT777…`` a redirect to ``/elsewhere``. Some take their time: ``WT888…`` answers after
0.2 s, ``WT999…`` sends its headers and then a byte of its body every 0.2 s (for 10 s),
``WT111…`` answers 429 (``Retry-After: 0``) the first time it is asked. A request whose
path or query holds ``GARBLED`` gets an answer that is not HTTP. Every request is recorded,
with the client's address.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.conftest import fixture_json, task_body

UNAUTHORIZED = "WT" + "4" * 32
UNAVAILABLE = "WT" + "5" * 32
CUT_SHORT = "WT" + "6" * 32
REDIRECTED = "WT" + "7" * 32
SLOW = "WT" + "8" * 32
TRICKLING = "WT" + "9" * 32
LIMITED_ONCE = "WT" + "1" * 32

SLOW_SECONDS = 0.2
TRICKLE_SECONDS = 0.2

_SID = r"[A-Z]{2}[0-9a-fA-F]{32}"


class Recorded:
    """What the server received: (method, path with query, headers) per request, each
    request's header lines as sent (repeats kept), and the client's (host, port) per
    request: a new port is a new connection."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.header_lines: list[list[tuple[str, str]]] = []
        self.peers: list[tuple[str, int]] = []


def _answer(method: str, path: str, base: str) -> tuple[int, dict[str, str], bytes]:  # noqa: PLR0911  # one answer per route
    reservation = fixture_json("reservation__test_fetch_response")
    route = path.split("?", 1)[0]
    special = {
        UNAUTHORIZED: (401, {}, json.dumps({"code": 20003, "message": "Authenticate"}).encode()),
        UNAVAILABLE: (503, {}, b"<html>Service Unavailable</html>"),
        CUT_SHORT: (200, {"Content-Length": "500"}, b'{"sid": "WT'),
        REDIRECTED: (302, {"Location": f"{base}/elsewhere"}, b""),
    }
    for sid, canned in special.items():
        if sid in route:
            return canned
    if re.fullmatch(rf"/v1/Workspaces/{_SID}/Tasks", route):
        if method == "POST":
            return 201, {"ETag": '"1"'}, json.dumps(task_body()).encode()
        next_url = None if "PageToken" in path else f"{base}{route}?PageToken=NEXT"
        page = {"tasks": [task_body()], "meta": {"next_page_url": next_url}}
        return 200, {}, json.dumps(page).encode()
    if re.fullmatch(rf"/v1/Workspaces/{_SID}/Tasks/{_SID}", route):
        if method == "DELETE":
            return 204, {}, b""
        return 200, {"ETag": '"2"'}, json.dumps(task_body()).encode()
    if re.fullmatch(rf"/v1/Workspaces/{_SID}/(Tasks|Workers)/{_SID}/Reservations", route):
        page = {"reservations": [reservation], "meta": {"next_page_url": None}}
        return 200, {}, json.dumps(page).encode()
    if re.fullmatch(rf"/v1/Workspaces/{_SID}/(Tasks|Workers)/{_SID}/Reservations/{_SID}", route):
        return 200, {"ETag": '"3"'}, json.dumps(reservation).encode()
    return 404, {}, json.dumps({"code": 20404, "message": "Not found"}).encode()


@contextmanager
def serve() -> Iterator[tuple[str, Recorded]]:
    """Run the canned server on 127.0.0.1; yield its base URL and what it records."""
    recorded = Recorded()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            recorded.requests.append((self.command, self.path, dict(self.headers)))
            recorded.header_lines.append(list(self.headers.items()))
            recorded.peers.append(self.client_address)
            if TRICKLING in self.path:
                self._trickle()
                return
            if "GARBLED" in self.path:
                self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
                self.close_connection = True
                return
            if SLOW in self.path:
                time.sleep(SLOW_SECONDS)
            status, headers, body = _answer(self.command, self.path, base)
            if (
                LIMITED_ONCE in self.path
                and [p for _, p, _ in recorded.requests].count(self.path) == 1
            ):
                status, headers, body = 429, {"Retry-After": "0"}, b'{"code": 20429}'
            self.send_response(status)
            headers = {
                "Content-Type": "application/json",
                "Content-Length": str(len(body)),
            } | headers
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Twilio-Request-Id", "RQ" + "0" * 32)
            self.end_headers()
            self.wfile.write(body)
            if len(body) < int(headers["Content-Length"]):
                # A body cut short: the peer closes before sending the rest.
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True

        def _trickle(self) -> None:
            """Headers at once, then the body a byte at a time: every read is quick."""
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "50")
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(TRICKLE_SECONDS)
            except OSError:
                pass  # the client gave up, as it should
            self.close_connection = True

        do_GET = do_POST = do_DELETE = _handle  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    # poll_interval: shutdown() waits up to one interval (the default 0.5 s, in every test).
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield base, recorded
    finally:
        server.shutdown()
        server.server_close()
