"""A uvicorn + httptools server on loopback answering every request with one Task.

    python benchmarks/loopback_server.py PORT     (what serve() starts in a child process)

It runs in a process of its own so that the client measured has the other core to itself.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TASK = json.loads((ROOT / "tests/data/fixtures/task__test_fetch_response.json").read_text())
BODY = json.dumps(TASK).encode()
HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(BODY)).encode()),
    (b"etag", b'"1"'),
    (b"twilio-request-id", b"RQ" + b"0" * 32),
]


async def app(scope: dict[str, Any], _receive: Any, send: Any) -> None:
    """The ASGI application: the same Task for every request."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """Start the server in a child process; yield its base URL; stop it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    child = subprocess.Popen([sys.executable, __file__, str(port)])  # noqa: S603  # our own script
    try:
        _wait_for(port, child)
        yield f"http://127.0.0.1:{port}"
    finally:
        child.terminate()
        child.wait(timeout=10)


def _wait_for(port: int, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if child.poll() is not None:
            msg = "the loopback server exited at start"
            raise RuntimeError(msg)
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    msg = "the loopback server did not start within 20 s"
    raise RuntimeError(msg)


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        http="httptools",
        log_level="warning",
        access_log=False,
        backlog=4096,
    )
