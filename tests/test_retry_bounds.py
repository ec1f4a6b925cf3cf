"""Every retried call ends: the deadline holds under instant_retries as in production, and a
server that asks for no wait at all still gets one, on both clients against the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client.testing import FakeTaskRouter
from tests.conftest import run

pytestmark = pytest.mark.anyio


class Counted:
    """A client on an emulator, counting the requests it sends."""

    def __init__(self, kind: str, fake: FakeTaskRouter, max_retries: int) -> None:
        self.fake = fake
        self.requests = 0

        def count(_: httpx.Request) -> None:
            self.requests += 1

        async def acount(request: httpx.Request) -> None:
            count(request)

        hooks: dict[str, Any] = {"request": [count if kind == "sync" else acount]}
        http_class = httpx.Client if kind == "sync" else httpx.AsyncClient
        client_class = tr.Client if kind == "sync" else tr.AsyncClient
        self.http = http_class(transport=fake, event_hooks=hooks)
        self.client = client_class(
            account_sid=fake.account_sid,
            auth_token=fake.auth_token,
            http_client=self.http,
            max_retries=max_retries,
        )

    def fetch_missing(self) -> Any:
        return self.client.workspaces(self.fake.workspace_sid).tasks("WT" + "0" * 32).fetch()


Bench = Callable[[int], Counted]


@pytest.fixture(params=["sync", "async"])
async def bench(request: pytest.FixtureRequest) -> AsyncIterator[Bench]:
    """Makes counted clients of one kind, each on its own emulator; closes them after."""
    made: list[Counted] = []

    def make(max_retries: int) -> Counted:
        made.append(Counted(request.param, FakeTaskRouter(), max_retries))
        return made[-1]

    yield make
    for counted in made:
        await run(counted.http.aclose() if request.param == "async" else counted.http.close())


async def test_instant_retries_stop_at_the_deadline_as_production_does(bench, waits):
    """Retry-After: 7 for ever, max_retries=50: the 60 s deadline allows 8 retries, not 50.

    A retry starts only if its wait ends within 60 s of the first attempt: waits of 7 s end
    at 7, 14, ... 56 s; the ninth would end at 63 s. Skipped waits count as slept.
    """
    counted = bench(50)
    counted.fake.fail_next(100, status=429, retry_after=7)
    with pytest.raises(tr.RateLimitError) as caught:
        await run(counted.fetch_missing())
    assert counted.requests == 9
    assert waits == [7.0] * 8
    assert caught.value.http.retries == 8


async def test_a_server_asking_for_no_wait_is_still_waited_for(bench, waits):
    """Retry-After: 0 for ever, max_retries=5,000: each retry waits 0.1 s, so the deadline
    ends the call after about 600 (before: 5,001 requests, none waited for)."""
    counted = bench(5_000)
    counted.fake.fail_next(5_001, status=429, retry_after=0)
    with pytest.raises(tr.RateLimitError):
        await run(counted.fetch_missing())
    # 60 s of 0.1 s waits is 600 retries; real time spent sending counts too, hence fewer.
    assert 300 <= len(waits) <= 600
    assert set(waits) == {0.1}
    assert counted.requests == len(waits) + 1
