"""Every call is bounded, and waiting for a connection is queueing, not failing.

A loopback server that sends its headers and then a byte every 0.2 s would hold a client
whose timeouts apply per read for 10 s; ``timeout`` bounds each attempt as a whole, on every
sender. A burst larger than the pool waits its turn: neither the attempt's time nor the
retry deadline starts before a request has a connection.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import attrs
import pytest

import taskrouter_client as tr
from taskrouter_client._senders import _httpx
from tests import loopback
from tests.clients import KINDS, sdk_client
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, WS, run

pytestmark = pytest.mark.anyio

CREDENTIALS = {"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN}


async def concurrently(kind: str, call: Callable[[], Any]) -> Any:
    """``call()``'s result; the sync client's call runs on a thread of its own, so that calls
    started in one task group overlap as an async client's do."""
    if kind == "sync":
        return await anyio.to_thread.run_sync(call)
    return await call()


@pytest.mark.parametrize("kind", KINDS)
async def test_a_trickling_body_does_not_hold_a_call_past_its_timeout(kind):
    """Each read is quick, the body never ends: the attempt times out as a whole."""
    with loopback.serve() as (base, recorded):
        async with sdk_client(kind, **CREDENTIALS, base_url=base, max_retries=0) as client:
            trickling = client.with_options(timeout=0.5).workspaces(WS).tasks(loopback.TRICKLING)
            started = time.monotonic()
            with pytest.raises(tr.APITimeoutError) as caught:
                await run(trickling.fetch())
            took = time.monotonic() - started
    assert caught.value.may_have_been_sent
    assert len(recorded.requests) == 1
    assert took < 2.0  # the whole body would take 10 s


@asynccontextmanager
async def one_connection(kind: str, **options: Any) -> AsyncIterator[tuple[Any, loopback.Recorded]]:
    """A client whose pool holds a single connection, on a fresh loopback server."""
    with loopback.serve() as (base, recorded), pytest.MonkeyPatch.context() as patch:
        patch.setattr(_httpx, "POOL_SIZE", 1)
        async with sdk_client(kind, limit=1, **CREDENTIALS, base_url=base, **options) as client:
            yield client, recorded


@pytest.mark.parametrize("kind", KINDS)
async def test_a_burst_beyond_the_pool_is_queued_not_timed_out(kind):
    """Four 0.2 s answers on one connection take 0.8 s; none times out at 0.5 s (on the
    sync client, four threads share it)."""
    async with one_connection(kind, timeout=0.5, max_retries=0) as (client, recorded):
        slow = client.workspaces(WS).tasks(loopback.SLOW)
        results: list[tr.Task] = []

        async def fetch() -> None:
            results.append(await concurrently(kind, slow.fetch))

        async with anyio.create_task_group() as group:
            for _ in range(4):
                group.start_soon(fetch)
    assert [task.http.retries for task in results] == [0, 0, 0, 0]
    assert len(set(recorded.peers)) == 1  # one connection, taken in turn
    assert all(task.http.elapsed < 0.5 for task in results)  # time counted from the connection


@pytest.mark.parametrize("kind", KINDS)
async def test_the_retry_deadline_starts_when_a_request_has_a_connection(kind, monkeypatch):
    """Queued 0.4 s behind slow requests, a 429 is still retried under a 0.3 s deadline."""
    async with one_connection(kind) as (client, _recorded):
        runner = client._runner
        retry = attrs.evolve(runner.settings.retry, deadline=0.3)
        monkeypatch.setattr(runner, "settings", attrs.evolve(runner.settings, retry=retry))
        ws = client.workspaces(WS)
        limited: list[tr.Task] = []

        async def fetch_limited() -> None:
            await anyio.sleep(0.05)  # queue behind the slow ones
            limited.append(await concurrently(kind, ws.tasks(loopback.LIMITED_ONCE).fetch))

        async with anyio.create_task_group() as group:
            group.start_soon(concurrently, kind, ws.tasks(loopback.SLOW).fetch)
            group.start_soon(concurrently, kind, ws.tasks(loopback.SLOW).fetch)
            group.start_soon(fetch_limited)
    assert limited[0].http.retries == 1


async def test_an_aiohttp_connector_without_a_limit_is_not_gated():
    """limit=0 is aiohttp's "no limit": a burst opens as many connections as it needs."""
    with loopback.serve() as (base, recorded):
        async with sdk_client("aiohttp", limit=0, **CREDENTIALS, base_url=base) as client:
            slow = client.workspaces(WS).tasks(loopback.SLOW)
            async with anyio.create_task_group() as group:
                for _ in range(4):
                    group.start_soon(slow.fetch)
    assert len(set(recorded.peers)) == 4
