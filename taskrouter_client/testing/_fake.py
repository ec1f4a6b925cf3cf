"""``FakeTaskRouter``: the emulator as an httpx transport, served, and driven by tests."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx

from .._client import AsyncClient, Client
from . import _queues, _workers, _workspaces
from ._app import App
from ._delivery import Courier, Delivery, Handler
from ._records import new_sid
from ._server import LOOPBACK, serving
from ._store import Store
from ._tasks import force_reserve
from ._wire import Fault, WireResponse

__all__ = ["FakeTaskRouter"]


class FakeTaskRouter(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An in-memory TaskRouter for tests and demos, routing Tasks as TaskRouter does.

    Every resource of TaskRouter's API, a routing engine driven by each Workflow's
    configuration, Events, statistics, and signed callbacks to your app (docs/testing.md).

    Use it as the transport of an httpx client (or take :meth:`client`)::

        fake = FakeTaskRouter()
        client = fake.client()
        ws = client.workspaces(fake.workspace_sid)
        task = ws.tasks.create(attributes={"type": "chat"})
        fake.reserve(task.sid)                 # force an offer, whatever routing would do

    It starts with a Workspace holding Twilio's Activities (``Offline``, the default, then
    ``Available`` and ``Unavailable``) and five TaskChannels, a TaskQueue targeting every
    Worker, a Workflow routing to it and a Worker, Offline (``workspace_sid``,
    ``task_queue_sid``, ``workflow_sid``, ``worker_sid``). Any host is accepted; URLs in
    bodies use the host requested.

    Args:
        clock: Where the time comes from (default: the system clock, UTC). :meth:`advance`
            moves the emulator's time forward from it.
        account_sid: The account SID to accept (default: a new random one).
        auth_token: The auth token to accept, and to sign callbacks with (default: a new
            random one).
        callback_timeout: Seconds to wait for an app to answer a callback over HTTP.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Every resource, routing, Events, statistics and callbacks; ``callback_timeout``.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        account_sid: str | None = None,
        auth_token: str | None = None,
        callback_timeout: float = 15.0,
    ) -> None:
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._offset = timedelta(0)
        self.account_sid = account_sid or new_sid("AC")
        self.auth_token = auth_token or secrets.token_hex(16)
        self.api_key = new_sid("SK")
        self.api_secret = secrets.token_hex(16)
        self._store = Store(self.now, self.account_sid)
        self._app = App(
            self._store,
            account_sid=self.account_sid,
            credentials={self.account_sid: self.auth_token, self.api_key: self.api_secret},
            advance=self.advance,
        )
        self._courier = Courier(self._app, self.auth_token, callback_timeout)
        store = self._store
        ws = _workspaces.create_workspace(store, {"FriendlyName": ["Default Workspace"]})
        queue = _queues.create_queue(store, ws, {"FriendlyName": ["Default Queue"]})
        workflow = _queues.create_workflow(store, ws, _workflow_form("Default Workflow", queue.sid))
        worker = _workers.create_worker(
            store,
            ws,
            {"FriendlyName": ["Alice"], "Attributes": ['{"contact_uri": "client:alice"}']},
        )
        self.workspace_sid, self.task_queue_sid = ws.sid, queue.sid
        self.workflow_sid, self.worker_sid = workflow.sid, worker.sid

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

        This forces an offer, whatever routing would do: the Worker's Activity, capacity and
        the queue are not consulted.

        Returns:
            The new Reservation's SID. The Task becomes ``reserved``; the Workflow's
            assignment callback is owed as for any Reservation.
        """
        with self._app.lock:
            ws = self._store.workspace(workspace_sid or self.workspace_sid)
            return force_reserve(self._store, ws, task_sid, worker_sid or self.worker_sid).sid

    def add_worker(self, friendly_name: str, attributes: dict[str, Any] | None = None) -> str:
        """Add a Worker (Offline) to the default Workspace; return its SID."""
        form = {"FriendlyName": [friendly_name], "Attributes": [json.dumps(attributes or {})]}
        return self._add(lambda ws: _workers.create_worker(self._store, ws, form).sid)

    def add_task_queue(self, friendly_name: str, target_workers: str = "1==1") -> str:
        """Add a TaskQueue to the default Workspace; return its SID.

        .. versionchanged:: 0.2.0
           ``target_workers``.
        """
        form = {"FriendlyName": [friendly_name], "TargetWorkers": [target_workers]}
        return self._add(lambda ws: _queues.create_queue(self._store, ws, form).sid)

    def add_workflow(self, friendly_name: str, task_queue_sid: str | None = None) -> str:
        """Add a Workflow routing every Task to ``task_queue_sid``; return its SID.

        ``task_queue_sid`` defaults to the default queue.
        """
        form = _workflow_form(friendly_name, task_queue_sid or self.task_queue_sid)
        return self._add(lambda ws: _queues.create_workflow(self._store, ws, form).sid)

    def _add(self, make: Callable[[Any], str]) -> str:
        with self._app.lock:
            return make(self._store.workspace(self.workspace_sid))

    # -- callbacks ------------------------------------------------------------------------

    def mount(self, url: str, handler: Handler) -> str:
        """Answer callbacks to ``url`` with ``handler``, in process, instead of over HTTP.

        Set ``url`` as a Workflow's ``assignment_callback_url`` (or its fallback) or a
        Workspace's ``event_callback_url`` as you would in production; each callback to it
        then calls ``handler`` (sync or async) with a :class:`CallbackRequest`, signed as
        Twilio signs it. The handler answers with None (an empty answer), a mapping such
        as ``taskrouter_client.webhooks.accept()``, JSON text, or an ``httpx.Response``;
        raising counts as no answer.

        Returns:
            ``url``, for chaining into the resource that uses it.

        .. versionadded:: 0.2.0
        """
        self._courier.mounts[url.split("#", 1)[0]] = handler
        return url

    def deliver(self) -> list[Delivery]:
        """Make every callback owed, and those they lead to, before returning.

        Callbacks are owed as changes happen (a Reservation created, an Event recorded) and
        are never made while a request is answered: a slow or failing app cannot hold up
        or break an API call. Call this where TaskRouter would have called your app; an
        assignment answer is applied (it may accept, reject...) before the next one is made.
        With :meth:`delivering` running, this waits until it has caught up instead.

        Returns:
            What became of each callback made, in order.

        .. versionadded:: 0.2.0
        """
        return self._courier.deliver()

    async def adeliver(self) -> list[Delivery]:
        """Async twin of :meth:`deliver`: async handlers run in the caller's event loop.

        .. versionadded:: 0.2.0
        """
        return await self._courier.adeliver()

    @contextmanager
    def delivering(self) -> Iterator[None]:
        """Make callbacks from a background thread as they are owed (what ``serve`` does).

        .. versionadded:: 0.2.0
        """
        self._courier.start()
        try:
            yield
        finally:
            self._courier.stop()

    @property
    def deliveries(self) -> list[Delivery]:
        """Every callback made so far, with what became of it.

        .. versionadded:: 0.2.0
        """
        with self._app.lock:
            return list(self._courier.deliveries)

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


def _workflow_form(name: str, queue_sid: str) -> dict[str, list[str]]:
    configuration = {"task_routing": {"default_filter": {"queue": queue_sid}}}
    return {"FriendlyName": [name], "Configuration": [json.dumps(configuration)]}
