"""The sender over a caller's ``aiohttp.ClientSession`` (extra ``taskrouter-client[aiohttp]``).

For asyncio services under load: over real sockets aiohttp costs a fraction of httpx's
async stack per request. The session is used as given and never closed by us; it works on
asyncio only (aiohttp's own limit), and is refused under trio.

aiohttp's ``total`` timeout bounds each attempt as a whole, body included. Requests wait
for a connection in our gate, sized to the session's connector ``limit``, so that waiting is
queueing, not part of an attempt's time (unless other code shares the session's pool).

aiohttp sends a GET or DELETE a second time, on its own, when the connection drops before
the answer. The runner must see each attempt (a DELETE answered 404 after a lost attempt
is a success, and only the runner knows the request's safety): a one-shot middleware
turns that second send into the failure of the first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING

import aiohttp
from multidict import CIMultiDict

from .._errors import APIConnectionError, InvalidArgumentError
from .._http_info import received
from .._responses import Response
from ._common import CLOSED, Timeouts, base_headers, connection_error

if TYPE_CHECKING:
    from .._config import Credentials
    from .._operation import Request


class AiohttpSender:
    """Sends :class:`AsyncClient`'s requests with a caller's aiohttp.ClientSession.

    Strictly private.
    """

    def __init__(
        self, credentials: Credentials, session: aiohttp.ClientSession, user_agent_extra: str | None
    ) -> None:
        if session.auth is not None:
            # aiohttp would add it to every request, in conflict with ours (a ValueError).
            raise InvalidArgumentError(
                "http_client",
                "expected an aiohttp.ClientSession without auth= (the SDK sends its own "
                "credentials), got one with auth set",
            )
        headers = base_headers(credentials, f"aiohttp/{aiohttp.__version__}", user_agent_extra)
        self._session = session
        # The session's own middlewares still apply; aiohttp offers no public way to read them.
        self._middlewares = tuple(getattr(session, "_middlewares", ()))
        self._header_items = headers
        self._headers = CIMultiDict(headers)
        connector = session.connector
        limits = [n for n in (connector.limit, connector.limit_per_host) if n] if connector else []
        # Bound to the session's loop at first use, as the session is.
        self._gate = asyncio.Semaphore(min(limits)) if limits else None
        self._timeouts: tuple[Timeouts, aiohttp.ClientTimeout] | None = None
        self._closed = False

    async def send(
        self,
        request: Request,
        *,
        timeout: Timeouts | None,
        retries: int,
        connected: Callable[[], None],
    ) -> Response:
        """See ``SyncHTTPXSender.send``; ``timeout`` None leaves the session's own."""
        if self._closed:
            raise RuntimeError(CLOSED)
        _require_asyncio()
        gate = self._gate
        headers = [*self._header_items, *request.headers] if request.headers else self._headers
        if gate is not None:
            await gate.acquire()
        try:
            connected()
            started = perf_counter()
            async with self._session.request(
                request.method,
                request.url,
                data=request.body,
                headers=headers,
                allow_redirects=False,
                raise_for_status=False,
                timeout=self._client_timeout(timeout),
                middlewares=(*self._middlewares, _SendOnce()),
            ) as raw:
                content = await raw.read()
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:  # not TimeoutError before 3.11
            raise _mapped(request, exc) from _cause(exc)
        finally:
            if gate is not None:
                gate.release()
        elapsed = perf_counter() - started
        headers = raw.headers.copy()
        return Response(received(request, raw.status, headers, elapsed, retries), content)

    def _client_timeout(self, timeout: Timeouts | None) -> aiohttp.ClientTimeout:
        if timeout is None:
            return self._session.timeout
        cached = self._timeouts
        if cached is None or cached[0] != timeout:
            # The pool wait (aiohttp's "connect") is left unbounded: our gate queues it.
            limits = aiohttp.ClientTimeout(
                total=timeout.attempt, sock_connect=timeout.connect, sock_read=timeout.read
            )
            cached = self._timeouts = (timeout, limits)
        return cached[1]

    async def aclose(self) -> None:
        """Refuse calls from now on; the session is the caller's to close."""
        self._closed = True


class _SendOnce:
    """A middleware that lets a request reach the connection once. Strictly private."""

    __slots__ = ("_sent",)

    def __init__(self) -> None:
        self._sent = False

    async def __call__(
        self, request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        if self._sent:  # aiohttp's own retry: fail as the first attempt did
            raise aiohttp.ServerDisconnectedError("the connection closed before the answer")
        self._sent = True
        return await handler(request)


def _require_asyncio() -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        raise InvalidArgumentError(
            "http_client",
            "an aiohttp.ClientSession runs on asyncio only: under trio, give an "
            "httpx.AsyncClient, or no http_client",
        ) from None


def _cause(exc: BaseException) -> BaseException | None:
    """What to chain our error to: not an error that holds the request (and its headers)."""
    return None if isinstance(exc, aiohttp.ClientResponseError) else exc


def _mapped(
    request: Request, exc: aiohttp.ClientError | asyncio.TimeoutError
) -> APIConnectionError:
    """Our error for an aiohttp failure (never quoting a URL: its query may hold data)."""
    timed_out = isinstance(exc, asyncio.TimeoutError)
    sent = not isinstance(exc, aiohttp.ConnectionTimeoutError | aiohttp.ClientConnectorError)
    if timed_out:
        detail = None
    elif isinstance(exc, aiohttp.ClientResponseError):
        detail = exc.message
    else:
        detail = str(exc)
    return connection_error(request, exc, timed_out=timed_out, sent=sent, detail=detail)
