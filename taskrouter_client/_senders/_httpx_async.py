"""The sender over httpx of :class:`AsyncClient`, on asyncio or trio.

Our own pool is made per event loop (see ``_loops``) and requests beyond its size queue in
a gate before their time starts; the event loop cancels an attempt that outlasts its bound.
A caller's ``httpx.AsyncClient`` is used as it is, on whichever loop the caller runs it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from time import perf_counter
from typing import TYPE_CHECKING

import httpx

from ._common import CLOSED, Timeouts
from ._httpx import HTTPXSender, hooked, mapped, overrun
from ._loops import LoopState, close_at_loop_end, enter, running_loop

if TYPE_CHECKING:
    from .._operation import Request
    from .._responses import Response


class AsyncHTTPXSender(HTTPXSender[httpx.AsyncClient]):
    """Sends :class:`AsyncClient`'s requests with an httpx.AsyncClient. Strictly private."""

    _kind = httpx.AsyncClient
    _expected = "an httpx.AsyncClient or an aiohttp.ClientSession (use Client for httpx.Client)"
    _loop: LoopState | None = None
    _own_pool: tuple[object, AsyncGenerator[None, None]] | None = None  # its loop, its closer

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
        built = self.build(request, timeout)
        gate = state.gate
        if gate is not None:
            await enter(gate)
        try:
            connected()
            started = perf_counter()
            limit = (timeout or self._defaults).attempt
            with state.bound(limit):
                raw = await self._client.send(built, auth=None, follow_redirects=False)
        except httpx.HTTPStatusError as raised:  # a caller's response hook
            return hooked(request, raised, started, retries)
        except TimeoutError as exc:
            raise overrun(request, limit) from exc
        except httpx.RequestError as exc:
            raise mapped(request, exc) from exc
        finally:
            if gate is not None:
                gate.release()
        return self.response(request, raw, raw.content, started, retries)

    async def _enter_loop(self) -> LoopState:
        """Start on the running loop; our own pool: the first loop takes the one made with us."""
        if self._closed:
            raise RuntimeError(CLOSED)
        loop = running_loop()
        if not self._owns_client:
            self._loop = LoopState(loop, gate_size=None)
            return self._loop
        if self._own_pool is not None:
            self._client = self.new_client()  # the last loop's connections died with it
        closer = close_at_loop_end(self._client.aclose)
        await anext(closer)  # the loop tracks the closer from now on
        self._own_pool = (loop, closer)
        self._loop = LoopState(loop, gate_size=self.pool_size)
        return self._loop

    async def aclose(self) -> None:
        """Async twin of ``SyncHTTPXSender.close``."""
        self._closed = True
        if not self._owns_client:
            return
        own_pool = self._own_pool
        if own_pool is None:
            await self._client.aclose()  # never used on a loop
        elif own_pool[0] is running_loop():
            await own_pool[1].aclose()
        # Else the pool's loop has ended, and closed it as it did.
