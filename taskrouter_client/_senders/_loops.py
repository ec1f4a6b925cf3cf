"""What an async sender needs to know about the event loop it runs on (asyncio or trio).

An ``AsyncClient`` may outlive the event loop it first ran on: a script or a sync web app
calls ``asyncio.run()`` once per job with one client. Connections opened on a loop belong
to it and die with it, so our own pool is made per loop, and closed when its loop ends:
the loop closes the async generators it iterated (``asyncio.run`` and ``trio.run`` both
do, before they return), and our pool's closer is one of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import anyio

Bound = Callable[[float | None], AbstractAsyncContextManager[object]]
"""Cancel what runs inside after so many seconds (None: never), raising TimeoutError."""


def running_loop() -> object:
    """The running asyncio event loop, or the running trio run's root task."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        trio = sys.modules.get("trio")
        if trio is None:
            raise
        return trio.lowlevel.current_root_task()


def on_asyncio() -> bool:
    """Whether the running event loop is asyncio's."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class LoopPool:
    """One event loop's connection pool, its gate and its closer. Strictly private.

    Attributes:
        loop: The loop (see :func:`running_loop`).
        gate: At most as many requests in flight as the pool has connections; the others
            queue here, before their time starts counting (None: no gate).
        bound: How attempts are bounded on this loop.
    """

    def __init__(
        self, loop: object, *, close: Callable[[], Awaitable[None]] | None, size: int | None
    ) -> None:
        import anyio  # noqa: PLC0415  # the async stack imports it anyway; Client never needs it

        self.loop = loop
        self.gate = anyio.Semaphore(size) if size else None
        self.bound = _bound()
        self._closer = None if close is None else _close_at_loop_end(close)

    async def start(self) -> None:
        """Have the loop close the pool when it ends (the loop tracks the closer from now)."""
        if self._closer is not None:
            await anext(self._closer)

    async def close(self) -> None:
        """Close the pool now."""
        if self._closer is not None:
            await self._closer.aclose()


async def _close_at_loop_end(close: Callable[[], Awaitable[None]]) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await close()


async def enter(gate: anyio.Semaphore) -> None:
    """Take a place in ``gate``, queueing if it is full."""
    import anyio  # noqa: PLC0415  # cached after the first import

    try:
        gate.acquire_nowait()  # no checkpoint when a place is free: a request costs less
    except anyio.WouldBlock:
        await gate.acquire()


def _bound() -> Bound:
    """The cheapest way to cancel an attempt after some seconds on the running loop."""
    if sys.version_info >= (3, 11) and on_asyncio():
        return asyncio.timeout
    return _fail_after


@contextlib.asynccontextmanager
async def _fail_after(seconds: float | None) -> AsyncIterator[None]:
    import anyio  # noqa: PLC0415

    with anyio.fail_after(seconds):
        yield
