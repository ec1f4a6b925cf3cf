"""The sender over httpx of :class:`AsyncClient`, on asyncio or trio.

Our own pool is made per event loop (see ``_loops``) and requests beyond its size queue in
a gate before their time starts; the event loop cancels an attempt that outlasts its bound.
A caller's ``httpx.AsyncClient`` is used as it is, on whichever loop the caller runs it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING

import httpx

from ._common import CLOSED, Timeouts
from ._httpx import HTTPXSender, mapped, overrun
from ._loops import LoopState, close_at_loop_end, enter, running_loop

if TYPE_CHECKING:
    from .._config import Credentials
    from .._operation import Request
    from .._responses import Response


class AsyncHTTPXSender(HTTPXSender[httpx.AsyncClient]):
    """Sends :class:`AsyncClient`'s requests with an httpx.AsyncClient. Strictly private."""

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
        self._loop: LoopState[httpx.AsyncClient] | None = None  # the last one used
        self._pools: dict[object, LoopState[httpx.AsyncClient]] = {}  # our own, by loop
        self._first_pool_taken = False  # the pool made with us goes to the first loop
        self._lock = threading.Lock()

    async def send(
        self,
        request: Request,
        *,
        timeout: Timeouts | None,
        retries: int,
        connected: Callable[[], None],
    ) -> Response:
        """Async twin of ``SyncHTTPXSender.send``."""
        state = self._loop
        if state is None or state.loop is not running_loop():
            state = await self._enter_loop()
        built = self.build(request, timeout, state.client)
        gate = state.gate
        if gate is not None:
            await enter(gate)
        try:
            connected()
            started = perf_counter()
            limit = (timeout or self._defaults).attempt
            with state.bound(limit):
                raw = await state.client.send(built, auth=None, follow_redirects=False)
        except httpx.HTTPStatusError as raised:  # a caller's response hook: see the sync twin
            return self.response(request, raised.response, b"", started, retries)
        except TimeoutError as exc:
            raise overrun(request, limit) from exc
        except httpx.RequestError as exc:
            raise mapped(request, exc) from exc
        finally:
            if gate is not None:
                gate.release()
        return self.response(request, raw, raw.content, started, retries)

    async def _enter_loop(self) -> LoopState[httpx.AsyncClient]:
        """The state of the running loop, made on its first call (our own pool: a new one)."""
        if self._closed:
            raise RuntimeError(CLOSED)
        loop = running_loop()
        if not self._owns_client:
            state = LoopState(loop, self._client, gate_size=None)
        else:
            state = self._pools.get(loop) or await self._open_pool(loop)
        self._loop = state
        return state

    async def _open_pool(self, loop: object) -> LoopState[httpx.AsyncClient]:
        """Our own pool for ``loop``, closed when the loop ends (or by ``aclose``)."""
        with self._lock:  # two threads' loops may start at once: one takes the first pool
            first, self._first_pool_taken = not self._first_pool_taken, True
        client = self._client if first else self.new_client()

        async def close() -> None:
            self._pools.pop(loop, None)
            await client.aclose()

        closer = close_at_loop_end(close)
        await anext(closer)  # the loop tracks the closer from now on
        state = LoopState(loop, client, gate_size=self.pool_size, closer=closer)
        self._pools[loop] = state
        return state

    async def aclose(self) -> None:
        """Async twin of ``SyncHTTPXSender.close``.

        The pool of the running loop is closed now; a pool on another loop still running
        (another thread's) closes as that loop ends, and refuses calls from now on.
        """
        self._closed = True
        if not self._owns_client:
            return
        with self._lock:
            unused, self._first_pool_taken = not self._first_pool_taken, True
        if unused:
            await self._client.aclose()  # never used on a loop
        state = self._pools.get(running_loop())
        if state is not None and state.closer is not None:
            await state.closer.aclose()
