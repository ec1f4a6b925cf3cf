"""The bound of an async attempt as a whole: what asyncio.timeout promises, with one timer.

Each test runs on both ways an asyncio loop bounds an attempt: ``Deadlines`` (Python 3.11+,
what the httpx sender uses on asyncio) and anyio's ``fail_after`` (trio, and Python 3.10).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from typing import Any

import anyio
import pytest

from taskrouter_client._senders._loops import Bound

if sys.version_info >= (3, 11):
    from taskrouter_client._senders._deadlines import Deadlines

Make = Callable[[asyncio.AbstractEventLoop], Bound]


def fail_after(_loop: asyncio.AbstractEventLoop) -> Bound:
    def bound(seconds: float | None) -> AbstractContextManager[object]:
        return anyio.fail_after(seconds)

    return bound


def deadlines(loop: asyncio.AbstractEventLoop) -> Bound:
    return Deadlines(loop).bound


MAKERS = [fail_after, *([deadlines] if sys.version_info >= (3, 11) else [])]
each_bound = pytest.mark.parametrize("make", MAKERS)


def run(make: Make, main: Callable[[Bound], Awaitable[None]]) -> None:
    async def start() -> None:
        await main(make(asyncio.get_running_loop()))

    asyncio.run(start())


@each_bound
def test_a_block_past_its_bound_raises_timeout_error_at_the_bound(make):
    """A 10 s wait under a 0.05 s bound ends in TimeoutError, soon after 0.05 s."""

    async def main(bound: Bound) -> None:
        started = time.monotonic()
        with pytest.raises(TimeoutError), bound(0.05):
            await asyncio.sleep(10)
        assert 0.04 < time.monotonic() - started < 1.0

    run(make, main)


@each_bound
def test_a_block_done_in_time_leaves_its_task_alone(make):
    """Once a block is left, its deadline passing cancels nothing; the task can go on."""

    async def main(bound: Bound) -> None:
        with bound(0.05):
            await asyncio.sleep(0)
        await asyncio.sleep(0.15)  # past the deadline: not cancelled
        with pytest.raises(TimeoutError), bound(0.05):  # and bounded again, anew
            await asyncio.sleep(10)

    run(make, main)


@each_bound
def test_concurrent_blocks_each_end_at_their_own_bound(make):
    """Blocks started together time out in the order of their bounds, whatever the order
    they started in; one that ends in time is not cancelled, nor is one without a bound."""

    async def main(bound: Bound) -> None:
        ended: list[str] = []

        async def attempt(name: str, seconds: float | None, takes: float) -> None:
            try:
                with bound(seconds):
                    await asyncio.sleep(takes)
            except TimeoutError:
                ended.append(f"{name} timed out")
            else:
                ended.append(f"{name} done")

        await asyncio.gather(
            attempt("c", 0.6, 10),
            attempt("a", 0.2, 10),
            attempt("quick", 2.0, 0.05),
            attempt("b", 0.4, 10),
            attempt("unbounded", None, 0.8),
        )
        assert ended == [
            "quick done",
            "a timed out",
            "b timed out",
            "c timed out",
            "unbounded done",
        ]

    run(make, main)


@each_bound
def test_a_cancellation_from_elsewhere_stays_a_cancellation(make):
    """A task cancelled inside a bounded block (the caller's own timeout, say) is cancelled,
    and the caller's timeout still works as asyncio's."""

    async def main(bound: Bound) -> None:
        async def bounded() -> None:
            with bound(5):
                await asyncio.sleep(10)

        task = asyncio.create_task(bounded())
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        with pytest.raises(asyncio.TimeoutError):  # the caller's, not ours
            await asyncio.wait_for(bounded(), 0.05)

    run(make, main)


if sys.version_info >= (3, 11):

    def test_our_deadline_and_another_cancellation_together_are_a_cancellation():
        """When the deadline passes as another cancellation comes, the other one wins."""

        async def main() -> None:
            loop = asyncio.get_running_loop()
            deadlines = Deadlines(loop)

            async def bounded() -> None:
                with deadlines.bound(0.05):
                    await asyncio.sleep(10)

            task = asyncio.create_task(bounded())
            await asyncio.sleep(0)  # it is in the block, its deadline set
            loop.call_at(deadlines._timer_at, task.cancel)  # cancelled as the deadline passes
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(main())

    def test_the_heap_holds_little_more_than_the_blocks_running():
        """Ended blocks are dropped: 10,000 quick ones leave at most 64 entries behind."""

        async def main() -> None:
            loop = asyncio.get_running_loop()
            deadlines = Deadlines(loop)
            for _ in range(10_000):
                with deadlines.bound(30):
                    pass
            assert len(deadlines._heap) <= 64 + 1
            assert deadlines._running == 0

        asyncio.run(main())

    def test_one_timer_serves_every_block():
        """A thousand blocks with the same bound set the loop's timer once."""

        async def main() -> None:
            loop = asyncio.get_running_loop()
            deadlines = Deadlines(loop)
            timers: list[float] = []
            original = loop.call_at

            def call_at(when: float, callback: Any, *args: Any, **kwargs: Any) -> Any:
                if callback == deadlines._expire:
                    timers.append(when)
                return original(when, callback, *args, **kwargs)

            loop.call_at = call_at  # counted, then put back
            try:

                async def attempt() -> None:
                    with deadlines.bound(30):
                        await asyncio.sleep(0.001)

                await asyncio.gather(*(attempt() for _ in range(1000)))
            finally:
                del loop.call_at
            assert len(timers) == 1

        asyncio.run(main())
