"""The one place the SDK core speaks httpx.

A transport sends a :class:`Request` with our credentials and returns a :class:`Response`.
It never follows redirects (credentials stay with the host they were meant for) and maps
every httpx failure to our errors here, and only here.
"""

from __future__ import annotations

import math
import platform
from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter
from typing import Generic, TypeVar

import httpx

from ._config import Credentials
from ._errors import APIConnectionError, APITimeoutError, InvalidArgumentError
from ._http_info import HTTPInfo
from ._operation import Request
from ._responses import Response
from ._version import package_version

C = TypeVar("C", httpx.Client, httpx.AsyncClient)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Connect within 5 s; each read, write and pool wait within 30 s."""

SyncHTTPClient = httpx.Client
AsyncHTTPClient = httpx.AsyncClient
HTTPTimeout = httpx.Timeout

USER_AGENT = (
    f"taskrouter-client/{package_version()} "
    f"python/{platform.python_version()} httpx/{httpx.__version__}"
)

# Failures raised before any byte of the request could have left: safe to retry always.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def check_timeout(value: object) -> httpx.Timeout:
    """An httpx.Timeout from seconds (a finite number > 0) or an httpx.Timeout."""
    if isinstance(value, httpx.Timeout):
        return value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    ):
        return httpx.Timeout(float(value))
    raise InvalidArgumentError(
        "timeout", f"expected seconds (a finite number > 0) or an httpx.Timeout, got {value!r}"
    )


class _Transport(Generic[C]):
    """What the sync and async transports share. Strictly private."""

    _kind: type[C]
    _expected: str

    def __init__(self, credentials: Credentials, http_client: C | None, timeout: httpx.Timeout):
        if http_client is not None and not isinstance(http_client, self._kind):
            raise InvalidArgumentError(
                "http_client", f"expected {self._expected}, got {type(http_client).__name__}"
            )
        self._auth = httpx.BasicAuth(credentials.username, credentials.password)
        self._owns_client = http_client is None
        self._client: C = http_client or self._kind(timeout=timeout, follow_redirects=False)

    def _build(self, request: Request, timeout: httpx.Timeout | None) -> httpx.Request:
        return self._client.build_request(
            request.method,
            request.url,
            content=request.body,
            headers=[("User-Agent", USER_AGENT), ("Accept", "application/json"), *request.headers],
            timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
        )

    @staticmethod
    def _response(request: Request, raw: httpx.Response, started: float, retries: int) -> Response:
        info = HTTPInfo(
            status=raw.status_code,
            method=request.method,
            path=request.path,
            headers=raw.headers,
            elapsed=perf_counter() - started,
            retries=retries,
        )
        return Response(info, raw.content)


class SyncTransport(_Transport[httpx.Client]):
    """Sends requests with an httpx.Client (ours, or the caller's). Strictly private."""

    _kind = httpx.Client
    _expected = "an httpx.Client (use AsyncClient for httpx.AsyncClient)"

    def send(self, request: Request, *, timeout: httpx.Timeout | None, retries: int) -> Response:
        """Send ``request``; raise APIConnectionError or APITimeoutError on network failure."""
        built = self._build(request, timeout)
        started = perf_counter()
        with mapped_errors(request):
            raw = self._client.send(built, auth=self._auth, follow_redirects=False)
        return self._response(request, raw, started, retries)

    def close(self) -> None:
        """Close the connection pool, unless the caller owns it."""
        if self._owns_client:
            self._client.close()


class AsyncTransport(_Transport[httpx.AsyncClient]):
    """Async twin of :class:`SyncTransport`. Strictly private."""

    _kind = httpx.AsyncClient
    _expected = "an httpx.AsyncClient (use Client for httpx.Client)"

    async def send(
        self, request: Request, *, timeout: httpx.Timeout | None, retries: int
    ) -> Response:
        """Async twin of :meth:`SyncTransport.send`."""
        built = self._build(request, timeout)
        started = perf_counter()
        with mapped_errors(request):
            raw = await self._client.send(built, auth=self._auth, follow_redirects=False)
        return self._response(request, raw, started, retries)

    async def aclose(self) -> None:
        """Async twin of :meth:`SyncTransport.close`."""
        if self._owns_client:
            await self._client.aclose()


@contextmanager
def mapped_errors(request: Request) -> Iterator[None]:
    """Turn httpx's request failures into APIConnectionError / APITimeoutError."""
    try:
        yield
    except httpx.TimeoutException as exc:
        message = f"request timed out ({type(exc).__name__})"
        raise APITimeoutError(
            message,
            method=request.method,
            path=request.path,
            may_have_been_sent=not isinstance(exc, _NOT_SENT),
        ) from exc
    except httpx.RequestError as exc:
        message = f"request failed ({type(exc).__name__}: {exc})"
        raise APIConnectionError(
            message,
            method=request.method,
            path=request.path,
            may_have_been_sent=not isinstance(exc, _NOT_SENT),
        ) from exc
