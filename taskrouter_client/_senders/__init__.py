"""Senders: a request in, a response out, over one HTTP library each.

The runners (``_runner``) retry, wait and read; a sender only sends one attempt and says how
it went: a :class:`Response` (any status), or an ``APIConnectionError`` for a network failure.
Which sender a client gets depends on its ``http_client``:

- ``Client``: httpx (``_httpx.SyncHTTPXSender``);
- ``AsyncClient``: httpx (``_httpx_async.AsyncHTTPXSender``, asyncio or trio), or, given an
  ``aiohttp.ClientSession``, aiohttp (``_aiohttp.AiohttpSender``, asyncio only).

The HTTP library is imported when a client is made, not when the package is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ._common import CLOSED, Timeouts, check_timeout, check_user_agent_extra

if TYPE_CHECKING:
    from .._config import Credentials
    from .._operation import Request
    from .._responses import Response

__all__ = [
    "CLOSED",
    "AsyncSender",
    "SyncSender",
    "Timeouts",
    "async_sender",
    "check_timeout",
    "check_user_agent_extra",
    "sync_sender",
]


class SyncSender(Protocol):
    """What :class:`SyncRunner` sends with. Strictly private."""

    def send(
        self,
        request: Request,
        *,
        timeout: Timeouts | None,
        retries: int,
        connected: Callable[[], None],
    ) -> Response:
        """Send one attempt; ``connected()`` is called once it has a connection."""

    def close(self) -> None:
        """Release our connections; later sends raise RuntimeError."""


class AsyncSender(Protocol):
    """What :class:`AsyncRunner` sends with. Strictly private."""

    async def send(
        self,
        request: Request,
        *,
        timeout: Timeouts | None,
        retries: int,
        connected: Callable[[], None],
    ) -> Response:
        """Async twin of :meth:`SyncSender.send`."""

    async def aclose(self) -> None:
        """Async twin of :meth:`SyncSender.close`."""


def sync_sender(
    credentials: Credentials,
    http_client: object,
    timeout: Timeouts | None,
    user_agent_extra: str | None,
) -> SyncSender:
    """The sender of a ``Client`` (``http_client``: an httpx.Client, or None for our own)."""
    from ._httpx import SyncHTTPXSender  # noqa: PLC0415  # httpx loads with the first client

    return SyncHTTPXSender(credentials, http_client, timeout, user_agent_extra)


def async_sender(
    credentials: Credentials,
    http_client: object,
    timeout: Timeouts | None,
    user_agent_extra: str | None,
) -> AsyncSender:
    """The sender of an ``AsyncClient``.

    ``http_client``: an httpx.AsyncClient, an aiohttp.ClientSession, or None for our own pool.
    """
    aiohttp = sys.modules.get("aiohttp")  # a session exists only if aiohttp was imported
    if aiohttp is not None and isinstance(http_client, aiohttp.ClientSession):
        from ._aiohttp import AiohttpSender  # noqa: PLC0415

        return AiohttpSender(credentials, http_client, user_agent_extra)
    from ._httpx_async import AsyncHTTPXSender  # noqa: PLC0415

    return AsyncHTTPXSender(credentials, http_client, timeout, user_agent_extra)
