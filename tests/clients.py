"""The kinds of client the suites run on, and HTTP clients of each kind that report traffic.

- ``sync``: ``Client`` on httpx;
- ``async``: ``AsyncClient`` on httpx, under asyncio;
- ``trio``: ``AsyncClient`` on httpx, under trio (conftest's ``anyio_backend`` sees the name);
- ``aiohttp``: ``AsyncClient`` on an ``aiohttp.ClientSession``, under asyncio. It reaches
  servers over loopback only: respx and the in-process emulator are httpx transports.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import httpx

import taskrouter_client as tr

KINDS = ["sync", "async", "trio", "aiohttp"]
HTTPX_KINDS = ["sync", "async", "trio"]

OnRequest = Callable[[str, str], None]
"""Told the method and URL path of each request sent."""
OnResponse = Callable[[str, str, int, bytes], None]
"""Told the method, URL path, status and body of each response read."""


def client_class(kind: str) -> type[tr.Client] | type[tr.AsyncClient]:
    """The SDK client a kind uses."""
    return tr.Client if kind == "sync" else tr.AsyncClient


@asynccontextmanager
async def http_client(
    kind: str,
    *,
    transport: Any = None,
    on_request: OnRequest | None = None,
    on_response: OnResponse | None = None,
) -> AsyncIterator[Any]:
    """An HTTP client for ``kind`` (through ``transport``, for httpx), closed afterwards."""
    if kind == "aiohttp":
        assert transport is None, "aiohttp reaches servers over loopback only"
        async with _session(on_request, on_response) as session:
            yield session
        return
    hooks = _httpx_hooks(kind, on_request, on_response)
    if kind == "sync":
        with httpx.Client(transport=transport, event_hooks=hooks) as sync_http:
            yield sync_http
    else:
        async with httpx.AsyncClient(transport=transport, event_hooks=hooks) as async_http:
            yield async_http


def _httpx_hooks(
    kind: str, on_request: OnRequest | None, on_response: OnResponse | None
) -> dict[str, list[Any]]:
    def request_hook(request: httpx.Request) -> None:
        if on_request is not None:
            on_request(request.method, request.url.path)

    def response_hook(response: httpx.Response) -> None:
        if on_response is not None:
            request = response.request
            on_response(request.method, request.url.path, response.status_code, response.read())

    async def async_request_hook(request: httpx.Request) -> None:
        request_hook(request)

    async def async_response_hook(response: httpx.Response) -> None:
        await response.aread()
        response_hook(response)

    if kind == "sync":
        return {"request": [request_hook], "response": [response_hook]}
    return {"request": [async_request_hook], "response": [async_response_hook]}


def _session(on_request: OnRequest | None, on_response: OnResponse | None) -> Any:
    trace = aiohttp.TraceConfig()

    async def request_start(_session: Any, _context: Any, params: Any) -> None:
        if on_request is not None:
            on_request(params.method, params.url.path)

    trace.on_request_start.append(request_start)

    class ReportingResponse(aiohttp.ClientResponse):
        async def read(self) -> bytes:
            body = await super().read()
            if on_response is not None:
                on_response(self.method, self.url.path, self.status, body)
            return body

    return aiohttp.ClientSession(trace_configs=[trace], response_class=ReportingResponse)


@asynccontextmanager
async def sdk_client(kind: str, *, limit: int = 100, **arguments: Any) -> AsyncIterator[Any]:
    """An SDK client of ``kind``: on its own pool, or on a new aiohttp session (with
    ``limit`` connections); closed after."""
    if kind == "aiohttp":
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=limit))
        async with session, tr.AsyncClient(**arguments, http_client=session) as client:
            yield client
        return
    if kind == "sync":
        with tr.Client(**arguments) as sync_client:
            yield sync_client
    else:
        async with tr.AsyncClient(**arguments) as async_client:
            yield async_client


EMULATED = [(kind, "in-process") for kind in HTTPX_KINDS] + [(kind, "served") for kind in KINDS]
"""Where a client meets the emulator: as its httpx transport, or served on loopback."""


@asynccontextmanager
async def emulated_client(
    kind: str,
    where: str,
    fake: Any,
    *,
    on_request: OnRequest | None = None,
    on_response: OnResponse | None = None,
) -> AsyncIterator[Any]:
    """An SDK client of ``kind`` bound to the emulator ``fake``, ``where`` says how."""
    credentials = {"account_sid": fake.account_sid, "auth_token": fake.auth_token}
    observers = {"on_request": on_request, "on_response": on_response}
    if where == "in-process":
        async with http_client(kind, transport=fake, **observers) as http:
            yield client_class(kind)(**credentials, http_client=http)
        return
    with fake.serve() as base_url:
        async with http_client(kind, **observers) as http:
            yield client_class(kind)(**credentials, base_url=base_url, http_client=http)
