"""Making the callbacks the emulator owes: signed form POSTs, retried as documented.

The store queues what it owes (``store.outbox``) as changes happen; nothing is sent while a
request is being answered. :class:`Courier` sends them, oldest first, when asked
(``deliver()`` / ``adeliver()``: deterministic, for tests) or from a background thread
(``delivering()``, what ``serve`` runs). Each one is signed with the emulator's auth token
(``X-Twilio-Signature``, over the URL without its ``#`` fragment: EC-31) and goes to the app
mounted in process at its URL, else over HTTP.

Retries, Twilio documenting none for TaskRouter: an assignment callback goes once to the
Workflow's URL, then once to its fallback URL if the first gave no 2xx answer; an event
callback is tried once more only when no answer came at all (EC-25, EC-26). What became of
each is kept as a :class:`Delivery`.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urlencode

import attrs
import httpx

from ..webhooks import SIGNATURE_HEADER, compute_signature
from ._answers import apply, outcome
from ._records import Outgoing

if TYPE_CHECKING:
    from ._app import App

FORM = "application/x-www-form-urlencoded"


@attrs.frozen(kw_only=True)
class CallbackRequest:
    """A callback as an app mounted in process receives it.

    Attributes:
        url: The URL called (what the signature covers).
        form: The posted parameters.
        headers: ``Content-Type``, ``X-Twilio-Signature`` and ``User-Agent``.
        body: The form, encoded.

    .. versionadded:: 0.2.0
    """

    url: str
    form: dict[str, str] = attrs.field(repr=False)  # attributes: kept out of logs
    headers: dict[str, str] = attrs.field(repr=False)
    body: bytes = attrs.field(repr=False)


Handler = Callable[[CallbackRequest], Any]
"""An app mounted in process: called with the request, sync or async. It answers with
None (an empty answer), a mapping (JSON), ``str`` or ``bytes`` (JSON text) or an
``httpx.Response``; raising is no answer at all."""


@attrs.frozen(kw_only=True)
class Attempt:
    """One try: the URL, the status answered (None: no answer), what went wrong.

    .. versionadded:: 0.2.0
    """

    url: str
    status: int | None
    error: str | None = None


@attrs.frozen(kw_only=True)
class Delivery:
    """What became of one callback.

    Attributes:
        kind: ``assignment`` or ``event``.
        subject: The Reservation SID (assignment) or the Event SID.
        form: The parameters posted.
        attempts: Each try, in order.
        delivered: Whether an app answered with a 2xx.
        answer: The body of that answer.
        outcome: For an assignment callback, what the answer did: a Reservation status
            (``accepted``, ``rejected``...), ``pending`` (with Twilio's warning code when the
            answer was not an instruction), ``refused: <code> ...``; None otherwise.

    .. versionadded:: 0.2.0
    """

    kind: str
    subject: str
    form: dict[str, str] = attrs.field(repr=False)  # attributes: kept out of logs
    attempts: tuple[Attempt, ...]
    delivered: bool
    answer: str | None = None
    outcome: str | None = None


_Reply = tuple[int, "str | None", bytes]
"""An app's answer: status, Content-Type, body."""
_Try = tuple[Attempt, "_Reply | None"]
_Exchange = Generator[CallbackRequest, _Try, list[_Try]]


class Courier:
    """Sends what the store owes; keeps :attr:`deliveries`. Strictly private."""

    def __init__(self, app: App, auth_token: str, timeout: float) -> None:
        self._app = app
        self._auth_token = auth_token
        self._timeout = timeout
        self.mounts: dict[str, Handler] = {}
        self.deliveries: list[Delivery] = []
        self._idle = threading.Condition()
        self._busy = False
        self._stop: threading.Event | None = None

    def deliver(self) -> list[Delivery]:
        """Send everything owed, and what that causes, before returning."""
        if self._stop is not None:
            return self._wait_for_background()
        with self._http() as http:
            return self._drain(http)

    async def adeliver(self) -> list[Delivery]:
        """Async twin of :meth:`deliver`; async handlers run in the caller's event loop."""
        if self._stop is not None:  # the thread needs nothing of this loop: block briefly
            return self._wait_for_background()
        done = []
        async with self._ahttp() as http:
            while (owed := self._next()) is not None:
                exchange = self._exchange(owed)
                try:
                    request = next(exchange)
                    while True:
                        request = exchange.send(await self._apost(http, request))
                except StopIteration as finished:
                    done.append(self._finish(owed, finished.value))
        return done

    def start(self) -> None:
        """Deliver from a background thread, as things fall due, until :meth:`stop`."""
        self._stop = stop = threading.Event()
        thread = threading.Thread(
            target=self._run, args=(stop,), name="taskrouter-callbacks", daemon=True
        )
        thread.start()

    def stop(self) -> None:
        """Stop the background thread (what is owed stays owed)."""
        if self._stop is not None:
            self._stop.set()
            self._stop = None

    @contextmanager
    def _http(self) -> Iterator[Callable[[], httpx.Client]]:
        """An HTTP client made on first use (mounted apps need none), closed after."""
        made: list[httpx.Client] = []

        def client() -> httpx.Client:
            if not made:
                made.append(httpx.Client(timeout=self._timeout))
            return made[0]

        try:
            yield client
        finally:
            for http in made:
                http.close()

    @asynccontextmanager
    async def _ahttp(self) -> AsyncIterator[Callable[[], httpx.AsyncClient]]:
        """Async twin of :meth:`_http`."""
        made: list[httpx.AsyncClient] = []

        def client() -> httpx.AsyncClient:
            if not made:
                made.append(httpx.AsyncClient(timeout=self._timeout))
            return made[0]

        try:
            yield client
        finally:
            for http in made:
                await http.aclose()

    def _drain(self, http: Callable[[], httpx.Client]) -> list[Delivery]:
        done = []
        while (owed := self._next()) is not None:
            exchange = self._exchange(owed)
            try:
                request = next(exchange)
                while True:
                    request = exchange.send(self._post(http, request))
            except StopIteration as finished:
                done.append(self._finish(owed, finished.value))
        return done

    def _run(self, stop: threading.Event) -> None:
        with self._http() as http:
            while not stop.is_set():
                if not self._drain(http):
                    stop.wait(0.01)

    def _wait_for_background(self) -> list[Delivery]:
        start = len(self.deliveries)
        with self._idle:
            self._idle.wait_for(lambda: not self._busy and not self._app.store.outbox)
        return self.deliveries[start:]

    def _next(self) -> Outgoing | None:
        """The oldest callback owed (marking the courier busy), or None (marking it idle)."""
        with self._idle, self._app.lock:
            outbox = self._app.store.outbox
            self._busy = bool(outbox)
            if not self._busy:
                self._idle.notify_all()
            return outbox.popleft() if outbox else None

    def _exchange(self, owed: Outgoing) -> _Exchange:
        """The tries of one callback: send each request, receive what came of it."""
        tries: list[_Try] = []
        for url in _order(owed):
            tries.append((yield _request(owed, url, self._auth_token)))
            if _stop_trying(owed, tries):
                break
        return tries

    def _post(self, http: Callable[[], httpx.Client], request: CallbackRequest) -> _Try:
        handler = self.mounts.get(request.url)
        try:
            if handler is not None:
                result = handler(request)
                return _answered(request, _run(result) if inspect.isawaitable(result) else result)
            response = http().post(request.url, content=request.body, headers=request.headers)
        except Exception as error:  # noqa: BLE001  # an app's failure is recorded, never raised
            return Attempt(url=request.url, status=None, error=repr(error)), None
        return _answered(request, response)

    async def _apost(self, http: Callable[[], httpx.AsyncClient], request: CallbackRequest) -> _Try:
        handler = self.mounts.get(request.url)
        try:
            if handler is not None:
                result = handler(request)
                return _answered(request, await result if inspect.isawaitable(result) else result)
            response = await http().post(request.url, content=request.body, headers=request.headers)
        except Exception as error:  # noqa: BLE001  # an app's failure is recorded, never raised
            return Attempt(url=request.url, status=None, error=repr(error)), None
        return _answered(request, response)

    def _finish(self, owed: Outgoing, tries: list[_Try]) -> Delivery:
        reply = tries[-1][1] if _ok(tries[-1][0]) else None
        result = None
        if owed.kind == "assignment":
            form, result = outcome(reply[1], reply[2]) if reply else (None, "pending: no answer")
            if form is not None:
                with self._app.lock:
                    result = apply(self._app.store, owed.workspace_sid, owed.subject, form)
        delivery = Delivery(
            kind=owed.kind,
            subject=owed.subject,
            form=owed.form,
            attempts=tuple(attempt for attempt, _ in tries),
            delivered=reply is not None,
            answer=reply[2].decode("utf-8", "replace") if reply else None,
            outcome=result,
        )
        with self._app.lock:
            self.deliveries.append(delivery)
        return delivery


def _order(owed: Outgoing) -> list[str]:
    """The URLs to try: an assignment's primary then fallback; an event's URL, twice at most."""
    return list(owed.urls) if owed.kind == "assignment" else [owed.urls[0]] * 2


def _stop_trying(owed: Outgoing, tries: list[_Try]) -> bool:
    last = tries[-1][0]
    return _ok(last) or (owed.kind == "event" and last.status is not None)


def _ok(attempt: Attempt) -> bool:
    return attempt.status is not None and 200 <= attempt.status < 300


def _request(owed: Outgoing, url: str, auth_token: str) -> CallbackRequest:
    bare = urldefrag(url).url
    return CallbackRequest(
        url=bare,
        form=dict(owed.form),
        headers={
            "Content-Type": FORM,
            SIGNATURE_HEADER: compute_signature(auth_token, bare, owed.form),
            "User-Agent": "TwilioProxy/1.1",
        },
        body=urlencode(owed.form).encode(),
    )


def _answered(request: CallbackRequest, result: Any) -> _Try:
    """An answer (a mounted app's return value, or an HTTP response) as a try."""
    if isinstance(result, httpx.Response):
        reply: _Reply = (result.status_code, result.headers.get("content-type"), result.content)
    elif result is None:
        reply = (200, "application/json", b"")
    elif isinstance(result, str | bytes):
        reply = (200, "application/json", result.encode() if isinstance(result, str) else result)
    else:
        reply = (200, "application/json", json.dumps(result).encode())
    return Attempt(url=request.url, status=reply[0]), reply


def _run(awaitable: Awaitable[Any]) -> Any:
    """Run an async handler from sync code (in a thread of its own if a loop is running)."""

    async def wait() -> Any:
        return await awaitable

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(wait())
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, wait()).result()
