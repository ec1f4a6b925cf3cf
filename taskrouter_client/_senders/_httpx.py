"""The sender over httpx of :class:`Client`, and what it shares with :class:`AsyncClient`'s.

Requests carry our headers (the Basic credentials among them: no per-request auth flow) and
never follow redirects, so credentials stay with the host they were meant for. httpx's
timeouts apply to each read and write; the attempt as a whole is bounded here: cancelled by
the event loop on ``AsyncClient``, checked as each piece of the body arrives on ``Client``.
On a pool of our own, requests beyond its size wait in a gate before their time starts, so a
burst of threads queues instead of timing out in httpx's pool.
"""

from __future__ import annotations

import functools
import queue
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

from .._errors import APIConnectionError, InvalidArgumentError
from .._http_info import received
from .._responses import Response
from ._common import (
    CLOSED,
    DEFAULT_TIMEOUTS,
    Timeouts,
    base_headers,
    connection_error,
    from_httpx,
)

if TYPE_CHECKING:
    from .._config import Credentials
    from .._operation import Request

C = TypeVar("C", httpx.Client, httpx.AsyncClient)

POOL_SIZE = 10
"""Connections in a pool of our own (kept alive, all of them, between requests)."""

# Failures raised before any byte of the request could have left: safe to retry always.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class HTTPXSender(Generic[C]):
    """What the sync and async httpx senders share. Strictly private."""

    _kind: type[C]
    _expected: str

    def __init__(
        self,
        credentials: Credentials,
        http_client: object,
        timeout: Timeouts | None,
        user_agent_extra: str | None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, self._kind):
            raise InvalidArgumentError(
                "http_client", f"expected {self._expected}, got {type(http_client).__name__}"
            )
        headers = base_headers(credentials, f"httpx/{httpx.__version__}", user_agent_extra)
        self._owns_client = http_client is None
        self.pool_size = POOL_SIZE
        self._defaults = timeout or DEFAULT_TIMEOUTS
        self._timeouts: tuple[Timeouts, httpx.Timeout] | None = None
        if http_client is None:
            # Our pool sends our headers as its own: no merge per request (httpx pops each
            # header a request repeats from its copy of the client's: 20,000 instructions).
            self._header_items: tuple[tuple[str, str], ...] = ()
            self._headers: httpx.Headers | None = None
            self._pool_headers = httpx.Headers(headers)
            self._ssl_context = httpx.create_ssl_context()  # costly: made once, for each pool
            http_client = self.new_client()
        else:
            self._header_items = headers
            self._headers = httpx.Headers(headers)  # built once: httpx copies it per request
            self._defaults = from_httpx(http_client.timeout)
        self._client: C = http_client
        self._closed = False

    def new_client(self) -> C:
        """A pool of our own."""
        size = self.pool_size
        limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
        return self._kind(
            headers=self._pool_headers,
            timeout=_httpx_timeout(self._defaults),
            limits=limits,
            verify=self._ssl_context,
        )

    def build(
        self, request: Request, timeout: Timeouts | None, client: C | None = None
    ) -> httpx.Request:
        """The httpx request, made by ``client`` (default: the one made with us, or given)."""
        if self._closed:
            raise RuntimeError(CLOSED)
        return (client or self._client).build_request(
            request.method,
            _url(request.url),
            content=request.body,
            headers=[*self._header_items, *request.headers] if request.headers else self._headers,
            timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else self._httpx_timeout(timeout),
        )

    def _httpx_timeout(self, timeout: Timeouts) -> httpx.Timeout:
        """``timeout`` for httpx, made once for the settings a client keeps using."""
        cached = self._timeouts
        if cached is None or cached[0] is not timeout:
            cached = self._timeouts = (timeout, _httpx_timeout(timeout))
        return cached[1]

    @staticmethod
    def response(
        request: Request, raw: httpx.Response, content: bytes, started: float, retries: int
    ) -> Response:
        elapsed = perf_counter() - started
        info = received(request, raw.status_code, raw.headers, elapsed, retries)
        return Response(info, content)


class SyncHTTPXSender(HTTPXSender[httpx.Client]):
    """Sends :class:`Client`'s requests with an httpx.Client (ours, or the caller's).

    Strictly private.
    """

    _kind = httpx.Client
    _expected = "an httpx.Client (use AsyncClient for httpx.AsyncClient or aiohttp)"

    def __init__(
        self,
        credentials: Credentials,
        http_client: object,
        timeout: Timeouts | None,
        user_agent_extra: str | None,
    ) -> None:
        super().__init__(credentials, http_client, timeout, user_agent_extra)
        self._gate = _gate(self.pool_size) if self._owns_client else None

    def send(
        self,
        request: Request,
        *,
        timeout: Timeouts | None,
        retries: int,
        connected: Callable[[], None],
    ) -> Response:
        """Send ``request``; raise APIConnectionError or APITimeoutError on network failure.

        Args:
            request: What to send.
            timeout: Time limits (None: the httpx client's own).
            retries: Retries made before this attempt (recorded in its HTTPInfo).
            connected: Called when the request has a connection and starts its attempt.
        """
        built = self.build(request, timeout)
        gate = self._gate
        if gate is not None:
            gate.get()  # a place in the pool: waits while every one is taken
        try:
            connected()
            started = perf_counter()
            limit = (timeout or self._defaults).attempt
            deadline = float("inf") if limit is None else started + limit
            try:
                raw = self._client.send(built, auth=None, stream=True, follow_redirects=False)
            except httpx.HTTPStatusError as raised:
                # A caller's response hook (raise_for_status): httpx closed the answer
                # unread; its status still makes our typed error, and retries apply.
                return self.response(request, raised.response, b"", started, retries)
            try:
                chunks = []
                for chunk in raw.iter_bytes():
                    chunks.append(chunk)
                    if perf_counter() > deadline:
                        raise overrun(request, limit)
            finally:
                raw.close()
        except httpx.RequestError as exc:
            raise mapped(request, exc) from exc
        finally:
            if gate is not None:
                gate.put(None)
        return self.response(request, raw, b"".join(chunks), started, retries)

    def close(self) -> None:
        """Close the connection pool, unless the caller owns it; later calls raise."""
        self._closed = True
        if self._owns_client:
            self._client.close()


def _gate(places: int) -> queue.SimpleQueue[None]:
    """A gate of ``places``: ``get()`` takes one, waiting while none is free.

    ``put(None)`` gives it back. A semaphore written in C: ``threading.Semaphore``'s Python
    code cost 10,000 instructions a call.
    """
    gate: queue.SimpleQueue[None] = queue.SimpleQueue()
    for _ in range(places):
        gate.put(None)
    return gate


# httpx parses a URL string in Python, character by character: 165,000 instructions for a
# Task's URL, 8 % of a sync fetch over loopback. A parsed URL is immutable, and one given to
# httpx as such is only copied; calls to the same resource (polling a Task, moving a Worker,
# a list's first page) parse its URL once. A miss costs the parse, as it did.
_url = functools.lru_cache(maxsize=256)(httpx.URL)


def _httpx_timeout(timeouts: Timeouts) -> httpx.Timeout:
    return httpx.Timeout(
        connect=timeouts.connect, read=timeouts.read, write=timeouts.write, pool=timeouts.pool
    )


def overrun(request: Request, limit: float | None) -> APIConnectionError:
    error = TimeoutError(f"the attempt took over {limit} s")
    return connection_error(request, error, timed_out=True, sent=True, detail=None)


def mapped(request: Request, exc: httpx.RequestError) -> APIConnectionError:
    """Our error for an httpx failure."""
    timed_out = isinstance(exc, httpx.TimeoutException)
    sent = not isinstance(exc, _NOT_SENT)
    detail = None if timed_out else str(exc)
    return connection_error(request, exc, timed_out=timed_out, sent=sent, detail=detail)
