"""Senders over httpx: :class:`Client`'s, and :class:`AsyncClient`'s by default (asyncio or trio).

Requests carry our headers (the Basic credentials among them: no per-request auth flow) and
never follow redirects, so credentials stay with the host they were meant for. httpx's
timeouts apply to each read and write; the attempt as a whole is bounded here: cancelled by
the event loop on ``AsyncClient``, checked as each piece of the body arrives on ``Client``.
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

from .._errors import APIConnectionError, InvalidArgumentError
from .._http_info import HTTPInfo
from .._responses import Response
from ._common import (
    CLOSED,
    DEFAULT_TIMEOUTS,
    Timeouts,
    base_headers,
    connection_error,
    from_httpx,
)
from ._loops import LoopPool, enter, running_loop

if TYPE_CHECKING:
    from .._config import Credentials
    from .._operation import Request

C = TypeVar("C", httpx.Client, httpx.AsyncClient)

POOL_SIZE = 20
"""Connections in a pool of our own (kept alive, all of them, between requests)."""

# Failures raised before any byte of the request could have left: safe to retry always.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class _HTTPXSender(Generic[C]):
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
        self._headers = base_headers(credentials, f"httpx/{httpx.__version__}", user_agent_extra)
        self._owns_client = http_client is None
        self._defaults = timeout or DEFAULT_TIMEOUTS
        if http_client is None:
            http_client = self._new_client()
        else:
            self._defaults = from_httpx(http_client.timeout)
        self._client: C = http_client
        self._closed = False

    def _new_client(self) -> C:
        limits = httpx.Limits(max_connections=POOL_SIZE, max_keepalive_connections=POOL_SIZE)
        return self._kind(timeout=_httpx_timeout(self._defaults), limits=limits)

    def _build(self, client: C, request: Request, timeout: Timeouts | None) -> httpx.Request:
        if self._closed:
            raise RuntimeError(CLOSED)
        return client.build_request(
            request.method,
            request.url,
            content=request.body,
            headers=[*self._headers, *request.headers] if request.headers else self._headers,
            timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else _httpx_timeout(timeout),
        )

    def _attempt(self, timeout: Timeouts | None) -> float | None:
        """Seconds one attempt may take, body included (None: no bound)."""
        return (timeout or self._defaults).attempt

    @staticmethod
    def _response(
        request: Request, raw: httpx.Response, content: bytes, started: float, retries: int
    ) -> Response:
        info = HTTPInfo(
            status=raw.status_code,
            method=request.method,
            path=request.path,
            headers=raw.headers,
            elapsed=perf_counter() - started,
            retries=retries,
        )
        return Response(info, content)


class SyncHTTPXSender(_HTTPXSender[httpx.Client]):
    """Sends :class:`Client`'s requests with an httpx.Client (ours, or the caller's).

    Strictly private.
    """

    _kind = httpx.Client
    _expected = "an httpx.Client (use AsyncClient for httpx.AsyncClient or aiohttp)"

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
        built = self._build(self._client, request, timeout)
        connected()
        started = perf_counter()
        limit = self._attempt(timeout)
        deadline = float("inf") if limit is None else started + limit
        try:
            raw = self._client.send(built, stream=True, follow_redirects=False)
            try:
                chunks = []
                for chunk in raw.iter_bytes():
                    chunks.append(chunk)
                    if perf_counter() > deadline:
                        raise _overrun(request, limit)
            finally:
                raw.close()
        except httpx.RequestError as exc:
            raise _mapped(request, exc) from exc
        return self._response(request, raw, b"".join(chunks), started, retries)

    def close(self) -> None:
        """Close the connection pool, unless the caller owns it; later calls raise."""
        self._closed = True
        if self._owns_client:
            self._client.close()


class AsyncHTTPXSender(_HTTPXSender[httpx.AsyncClient]):
    """Sends :class:`AsyncClient`'s requests with an httpx.AsyncClient, on asyncio or trio.

    Our own pool is remade for each event loop the client runs on (see ``_loops``); a
    caller's client is used as it is. Strictly private.
    """

    _kind = httpx.AsyncClient
    _expected = "an httpx.AsyncClient or an aiohttp.ClientSession (use Client for httpx.Client)"

    def __init__(
        self,
        credentials: Credentials,
        http_client: object,
        timeout: Timeouts | None,
        user_agent_extra: str | None,
    ) -> None:
        super().__init__(credentials, http_client, timeout, user_agent_extra)
        self._pool: LoopPool | None = None

    async def send(
        self,
        request: Request,
        *,
        timeout: Timeouts | None,
        retries: int,
        connected: Callable[[], None],
    ) -> Response:
        """Async twin of :meth:`SyncHTTPXSender.send`."""
        pool = self._pool
        if pool is None or pool.loop is not running_loop():
            pool = await self._start_pool()
        built = self._build(self._client, request, timeout)
        gate = pool.gate
        if gate is not None:
            await enter(gate)
        try:
            connected()
            started = perf_counter()
            limit = self._attempt(timeout)
            async with pool.bound(limit):
                raw = await self._client.send(built, follow_redirects=False)
        except TimeoutError as exc:
            raise _overrun(request, limit) from exc
        except httpx.RequestError as exc:
            raise _mapped(request, exc) from exc
        finally:
            if gate is not None:
                gate.release()
        return self._response(request, raw, raw.content, started, retries)

    async def _start_pool(self) -> LoopPool:
        """The running loop's pool: the first loop takes the client made with us."""
        if self._closed:
            raise RuntimeError(CLOSED)
        loop = running_loop()
        if not self._owns_client:
            self._pool = LoopPool(loop, close=None, size=None)
            return self._pool
        if self._pool is not None:
            self._client = self._new_client()  # the last loop's connections died with it
        self._pool = LoopPool(loop, close=self._client.aclose, size=POOL_SIZE)
        await self._pool.start()
        return self._pool

    async def aclose(self) -> None:
        """Async twin of :meth:`SyncHTTPXSender.close`."""
        self._closed = True
        if not self._owns_client:
            return
        pool, self._pool = self._pool, None
        if pool is None:
            await self._client.aclose()
        elif pool.loop is running_loop():
            await pool.close()
        # Else the pool's loop has ended, and closed it as it did.


def _httpx_timeout(timeouts: Timeouts) -> httpx.Timeout:
    return httpx.Timeout(
        connect=timeouts.connect, read=timeouts.read, write=timeouts.write, pool=timeouts.pool
    )


def _overrun(request: Request, limit: float | None) -> APIConnectionError:
    error = TimeoutError(f"the attempt took over {limit} s")
    return connection_error(request, error, timed_out=True, sent=True, detail=None)


def _mapped(request: Request, exc: httpx.RequestError) -> APIConnectionError:
    """Our error for an httpx failure."""
    timed_out = isinstance(exc, httpx.TimeoutException)
    sent = not isinstance(exc, _NOT_SENT)
    detail = None if timed_out else str(exc)
    return connection_error(request, exc, timed_out=timed_out, sent=sent, detail=detail)
