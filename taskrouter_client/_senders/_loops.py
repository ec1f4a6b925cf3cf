"""What an async httpx sender needs to know about the event loop it runs on (asyncio or trio).

An ``AsyncClient`` may outlive the event loop it first ran on: a script or a sync web app
calls ``asyncio.run()`` once per job with one client, and a threaded one may run several
such jobs at once. Connections opened on a loop belong to it and die with it, so our own
pool is made per loop, and closed when its loop ends: the loop closes the async generators
it iterated (``asyncio.run`` and ``trio.run`` both do, before they return), and our pool's
closer is one of them.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import AbstractContextManager
from typing import Generic, TypeVar

import anyio

C = TypeVar("C")

Bound = Callable[[float | None], AbstractContextManager[object]]
"""A ``with`` block cancelled after so many seconds (None: never), raising TimeoutError.

A plain ``with``: an ``async with`` would put its coroutines in the await chain, which each
resumption of the request walks through.
"""


def running_loop() -> object:
    """The running asyncio event loop, or the running trio run's root task."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        import trio  # noqa: PLC0415  # the one other library httpx runs on

        return trio.lowlevel.current_root_task()


class LoopState(Generic[C]):
    """What a sender keeps per event loop. Strictly private.

    Attributes:
        loop: The loop (see :func:`running_loop`).
        client: The HTTP client sending on this loop.
        gate: At most as many requests in flight as the pool has connections; the others
            queue here, before their time starts counting (None: no gate).
        bound: How attempts are bounded on this loop.
        closer: What closes our own pool on this loop (see :func:`close_at_loop_end`).
    """

    def __init__(
        self,
        loop: object,
        client: C,
        gate_size: int | None,
        closer: AsyncGenerator[None, None] | None = None,
    ) -> None:
        self.loop = loop
        self.client = client
        self.closer = closer
        self.gate = anyio.Semaphore(gate_size) if gate_size else None
        self.bound: Bound = anyio.fail_after
        if sys.version_info >= (3, 11) and isinstance(loop, asyncio.AbstractEventLoop):
            from ._deadlines import Deadlines  # noqa: PLC0415  # (it needs Python 3.11)

            self.bound = Deadlines(loop).bound  # one timer for all attempts: the cheapest


async def close_at_loop_end(close: Callable[[], Awaitable[None]]) -> AsyncGenerator[None, None]:
    """A generator to iterate once on a loop: ``close()`` runs when it is closed.

    The loop closes it as the loop ends, at the latest.
    """
    try:
        yield
    finally:
        await close()


async def enter(gate: anyio.Semaphore) -> None:
    """Take a place in ``gate``, queueing if it is full."""
    try:
        gate.acquire_nowait()  # no checkpoint when a place is free: a request costs less
    except anyio.WouldBlock:
        await gate.acquire()
