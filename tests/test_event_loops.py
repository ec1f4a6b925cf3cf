"""AsyncClient across event loops and libraries, and a closed client of any kind.

A script or a sync web app may call ``asyncio.run()`` once per job with one client; trio
programs use it through httpx; an aiohttp session only works on asyncio.
"""

from __future__ import annotations

import asyncio
import gc
import threading

import aiohttp
import httpx
import pytest
import trio

import taskrouter_client as tr
from tests import loopback
from tests.clients import KINDS, sdk_client
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, TASK_PATH, WS, WT, collect, run, task_body

pytestmark = pytest.mark.anyio

CREDENTIALS = {"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN}
SERVED = task_body()["sid"]  # what the loopback server answers with


def test_one_client_serves_successive_asyncio_runs():
    """Each asyncio.run() gets connections of its own; the last run's were closed with it."""
    with loopback.serve() as (base, recorded):
        client = tr.AsyncClient(**CREDENTIALS, base_url=base)
        task = client.workspaces(WS).tasks(WT)

        async def fetch_twice() -> list[str]:
            return [(await task.fetch()).sid, (await task.fetch()).sid]

        results = [asyncio.run(fetch_twice()) for _ in range(3)]
        trio_results = trio.run(fetch_twice)
        asyncio.run(client.aclose())
        gc.collect()  # an unclosed connection would warn here (and warnings are errors)
    assert results == [[SERVED, SERVED]] * 3
    assert trio_results == [SERVED, SERVED]
    ports = [port for _, port in recorded.peers]
    assert len(set(ports)) == 4  # one connection per loop, reused within it
    assert ports[0::2] == ports[1::2]


def test_one_client_serves_event_loops_running_at_once_in_threads():
    """A threaded app running asyncio.run() per job on two threads at once: each loop gets a
    pool of its own, every call succeeds, and each pool closes as its loop ends."""
    with loopback.serve() as (base, recorded):
        client = tr.AsyncClient(**CREDENTIALS, base_url=base)
        task = client.workspaces(WS).tasks(WT)
        started = threading.Barrier(2)
        results: list[list[str]] = []

        async def burst() -> list[str]:
            started.wait()  # both loops are running before either sends
            fetched = await asyncio.gather(*(task.fetch() for _ in range(200)))
            return [each.sid for each in fetched]

        def job() -> None:
            results.append(asyncio.run(burst()))

        threads = [threading.Thread(target=job) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        asyncio.run(client.aclose())
        gc.collect()  # an unclosed connection would warn here (and warnings are errors)
    assert [len(each) for each in results] == [200, 200]
    assert {sid for each in results for sid in each} == {SERVED}
    assert len(recorded.requests) == 400


def test_a_caller_client_is_left_to_the_caller_across_loops():
    """A caller's httpx.AsyncClient is theirs: we neither replace nor close it."""
    with loopback.serve() as (base, _recorded):

        async def fetch_and_close() -> str:
            http = httpx.AsyncClient()
            client = tr.AsyncClient(**CREDENTIALS, base_url=base, http_client=http)
            sid = (await client.workspaces(WS).tasks(WT).fetch()).sid
            await client.aclose()
            assert not http.is_closed
            await http.aclose()
            return sid

        assert asyncio.run(fetch_and_close()) == SERVED
        assert trio.run(fetch_and_close) == SERVED


def test_an_aiohttp_session_is_refused_under_trio():
    """aiohttp runs on asyncio only: under trio the first call says so; nothing is sent."""

    async def open_session() -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    session = asyncio.run(open_session())
    with loopback.serve() as (base, recorded):
        client = tr.AsyncClient(**CREDENTIALS, base_url=base, http_client=session)
        with pytest.raises(tr.InvalidArgumentError) as caught:
            trio.run(client.workspaces(WS).tasks(WT).fetch)
    assert caught.value.argument == "http_client"
    assert "asyncio only" in str(caught.value)
    assert recorded.requests == []
    asyncio.run(session.close())


@pytest.mark.parametrize("kind", KINDS)
async def test_a_closed_client_says_so_and_sends_nothing(kind):
    """After close()/aclose(), every call (copies' too) raises RuntimeError: client closed."""
    with loopback.serve() as (base, recorded):
        async with sdk_client(kind, **CREDENTIALS, base_url=base) as client:
            copy = client.with_options(timeout=5)
            await run(client.workspaces(WS).tasks(WT).fetch())
        for closed in (client, copy):
            with pytest.raises(RuntimeError, match="client is closed"):
                await run(closed.workspaces(WS).tasks(WT).fetch())
            with pytest.raises(RuntimeError, match="client is closed"):
                await collect(closed.workspaces(WS).tasks.list())
        await run(client.aclose() if kind != "sync" else client.close())  # closing twice is fine
        async with sdk_client(kind, **CREDENTIALS, base_url=base) as unused:
            pass
        with pytest.raises(RuntimeError, match="client is closed"):
            await run(unused.workspaces(WS).tasks(WT).fetch())
    assert len(recorded.requests) == 1


async def test_retries_really_wait_on_each_event_loop(client, mock, monkeypatch):
    """Outside instant_retries(), a retry sleeps on the running loop (trio's too)."""
    monkeypatch.setattr("taskrouter_client._runner.recorder", lambda: None)
    mock.get(TASK_PATH).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "0.05"}),
            httpx.Response(200, json=task_body()),
        ]
    )
    task = await run(client.workspaces(WS).tasks(WT).fetch())
    assert task.http.retries == 1
