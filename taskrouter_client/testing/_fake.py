"""``FakeTaskRouter``: the emulator as an httpx transport, with the routing engine's part."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx

from .._client import AsyncClient, Client
from ._app import App, Fault, WireResponse
from ._records import Worker, new_sid
from ._server import LOOPBACK, serving
from ._store import Store

__all__ = ["FakeTaskRouter"]


class FakeTaskRouter(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An in-memory, stateful TaskRouter for tests and demos.

    It keeps Tasks, Task Reservations and Worker Reservations, with ETags, status rules,
    TTLs and TaskRouter's list filters.

    Use it as the transport of an httpx client (or take :meth:`client`)::

        fake = FakeTaskRouter()
        client = Client(account_sid=fake.account_sid, auth_token=fake.auth_token,
                        http_client=httpx.Client(transport=fake))
        task = client.workspaces(fake.workspace_sid).tasks.create(attributes={"type": "chat"})
        fake.reserve(task.sid)                 # what Twilio's routing engine would do

    It starts with a Workspace holding the channels Twilio creates, a TaskQueue, a Workflow
    routing to it and a Worker (``workspace_sid``, ``task_queue_sid``, ``workflow_sid``,
    ``worker_sid``). Any host is accepted; URLs in bodies use the host requested.

    Args:
        clock: Where the time comes from (default: the system clock, UTC). :meth:`advance`
            moves the emulator's time forward from it.
        account_sid: The account SID to accept (default: a new random one).
        auth_token: The auth token to accept (default: a new random one).

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        account_sid: str | None = None,
        auth_token: str | None = None,
    ) -> None:
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._offset = timedelta(0)
        self.account_sid = account_sid or new_sid("AC")
        self.auth_token = auth_token or secrets.token_hex(16)
        self.api_key = new_sid("SK")
        self.api_secret = secrets.token_hex(16)
        self._store = Store(self.now)
        self._app = App(
            self._store,
            account_sid=self.account_sid,
            credentials={self.account_sid: self.auth_token, self.api_key: self.api_secret},
            advance=self.advance,
        )
        workspace = self._store.add_workspace()
        self.workspace_sid = workspace.sid
        self.workflow_sid, (_, self.task_queue_sid) = next(iter(workspace.workflows.items()))
        self.worker_sid = next(iter(workspace.workers))

    def __repr__(self) -> str:
        who = f"account_sid={self.account_sid!r}, workspace_sid={self.workspace_sid!r}"
        return f"FakeTaskRouter({who})"

    # -- httpx transports ----------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request from an ``httpx.Client``."""
        return _to_httpx(request, self._answer(request, request.read()))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request from an ``httpx.AsyncClient``."""
        return _to_httpx(request, self._answer(request, await request.aread()))

    def _answer(self, request: httpx.Request, body: bytes) -> WireResponse:
        return self._app.handle(request.method, str(request.url), request.headers, body)

    # -- clients bound to this emulator --------------------------------------------------

    def client(self, **options: Any) -> Client:
        """A :class:`Client` that talks to this emulator (options as for ``Client``)."""
        http = httpx.Client(transport=self)
        return Client(
            account_sid=self.account_sid, auth_token=self.auth_token, http_client=http, **options
        )

    def async_client(self, **options: Any) -> AsyncClient:
        """An :class:`AsyncClient` that talks to this emulator."""
        http = httpx.AsyncClient(transport=self)
        return AsyncClient(
            account_sid=self.account_sid, auth_token=self.auth_token, http_client=http, **options
        )

    @contextmanager
    def serve(
        self, port: int = 0, *, host: str = LOOPBACK, max_concurrency: int | None = None
    ) -> Iterator[str]:
        """Serve this emulator over HTTP in a background thread; yield its base URL.

        Args:
            port: The port (0: any free one).
            host: The address to listen on.
            max_concurrency: Answer requests beyond this many in progress at once with 429
                (Twilio error 20429), as Twilio's concurrency limit does (None: no limit).

        Raises:
            OSError: The address cannot be bound, for instance the port is taken.

        .. versionchanged:: 0.2.0
           ``host`` and ``max_concurrency``.
        """
        with serving(self._app, host, port, max_concurrency=max_concurrency) as base_url:
            yield base_url

    # -- what only Twilio's routing engine (or time) would do ------------------------------

    def now(self) -> datetime:
        """The emulator's current time."""
        return self._clock() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the emulator's time forward: TTLs and Reservation timeouts fall due.

        What falls due is applied in the order of due times, each at its own time, so one
        jump and several smaller ones to the same moment leave the same state.
        """
        with self._app.lock:
            self._offset += timedelta(seconds=seconds)
            self._store.catch_up()

    def reserve(
        self, task_sid: str, worker_sid: str | None = None, *, workspace_sid: str | None = None
    ) -> str:
        """Reserve the pending Task ``task_sid`` for a Worker (default: the default Worker).

        Returns:
            The new Reservation's SID. The Task becomes ``reserved``.
        """
        with self._app.lock:
            ws = self._store.workspace(workspace_sid or self.workspace_sid)
            return self._store.reserve(ws, task_sid, worker_sid or self.worker_sid).sid

    def add_worker(self, friendly_name: str, attributes: dict[str, Any] | None = None) -> str:
        """Add a Worker to the default Workspace; return its SID."""
        worker = Worker(sid=new_sid("WK"), friendly_name=friendly_name, attributes=attributes or {})
        with self._app.lock:
            self._store.workspaces[self.workspace_sid].workers[worker.sid] = worker
        return worker.sid

    def add_task_queue(self, friendly_name: str) -> str:
        """Add a TaskQueue to the default Workspace; return its SID."""
        sid = new_sid("WQ")
        with self._app.lock:
            self._store.workspaces[self.workspace_sid].queues[sid] = friendly_name
        return sid

    def add_workflow(self, friendly_name: str, task_queue_sid: str | None = None) -> str:
        """Add a Workflow routing to ``task_queue_sid`` (default: the default queue)."""
        sid = new_sid("WW")
        with self._app.lock:
            workflows = self._store.workspaces[self.workspace_sid].workflows
            workflows[sid] = (friendly_name, task_queue_sid or self.task_queue_sid)
        return sid

    # -- faults ---------------------------------------------------------------------------

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 503,
        retry_after: float | None = None,
        applied: bool = False,
    ) -> None:
        """Answer the next ``count`` requests with ``status`` (e.g. 429 with ``retry_after``).

        With ``applied=True`` each request is carried out first, and only its answer is
        replaced: the change is made but the client cannot know it.
        """
        with self._app.lock:
            self._app.faults.extend(Fault(status, retry_after, applied) for _ in range(count))

    def drop_next(self, count: int = 1, *, applied: bool = False) -> None:
        """Close the connection on the next ``count`` requests, after reading them.

        With ``applied=True`` each request is carried out before its connection is closed.
        """
        with self._app.lock:
            self._app.faults.extend(Fault(None, applied=applied) for _ in range(count))


def _to_httpx(request: httpx.Request, answer: WireResponse) -> httpx.Response:
    if answer.drop:
        msg = "Server disconnected without sending a response."
        raise httpx.RemoteProtocolError(msg, request=request)
    return httpx.Response(
        answer.status, headers=list(answer.headers), content=answer.body, request=request
    )
