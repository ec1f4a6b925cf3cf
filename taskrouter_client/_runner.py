"""The loop that turns an operation and its arguments into a result: build, send, read.

Building the request, deciding a retry and reading the response are pure (``_operation``,
``_retry``, ``_responses``); sending is a sender's (``_senders``); the runners only loop and
wait. The sync and async runners are twins that differ in ``await`` alone.

A call's retry deadline counts from the moment its first attempt has a connection: a request
queued behind a busy pool has not started yet.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Mapping
from typing import Generic, TypeVar, cast

import attrs

from ._compat import Self
from ._errors import APIConnectionError, TaskRouterError
from ._log import log_response, log_retry, logger
from ._operation import Operation, ReadBack, Request, build_request
from ._pagination import AsyncPaginator, Paginator
from ._params import integer
from ._reconcile import Exchange, Verdict, finish, raise_original, reconciled, settle
from ._responses import Response
from ._retry import RetryPolicy, may_have_landed, recorder, retry_delay
from ._senders import AsyncSender, SyncSender, Timeouts

M = TypeVar("M")
T = TypeVar("T")

MAX_PAGE_SIZE = 1000


@attrs.frozen
class Settings:
    """Per-call settings a client copy may change (``with_options``). Strictly private.

    Attributes:
        base_url: Scheme, host and optional path prefix of every request.
        timeout: Time limits; None leaves the caller's HTTP client its own.
        retry: When and how to retry.
    """

    base_url: str
    timeout: Timeouts | None
    retry: RetryPolicy = attrs.field(factory=RetryPolicy)


class _Runner(Generic[T]):
    """What both runners share: settings and the sender. Strictly private."""

    def __init__(self, settings: Settings, sender: T) -> None:
        self.settings = settings
        self.sender = sender

    def with_settings(self, settings: Settings) -> Self:
        """A runner with other settings, on the same sender (and connection pool)."""
        return type(self)(settings, self.sender)

    def _first_page(
        self,
        op: Operation[M],
        path_values: Mapping[str, str],
        arguments: Mapping[str, object],
        limit: int | None,
    ) -> Request:
        """The first page's request; without ``page_size``, ``limit`` (up to 1000) sets it."""
        if limit is not None:
            integer(minimum=0)("limit", limit)
            if arguments.get("page_size") is None:
                arguments = {**arguments, "page_size": min(max(limit, 1), MAX_PAGE_SIZE)}
        return build_request(op, self.settings.base_url, path_values, arguments)

    def _delay(
        self, request: Request, outcome: Response | APIConnectionError, retries: int, clock: _Clock
    ) -> float | None:
        """Seconds to wait before the next attempt (logged), or None if there is none."""
        if isinstance(outcome, Response):
            if logger.isEnabledFor(logging.DEBUG):  # here, not in log_response: a call less
                log_response(outcome.info)
            if outcome.info.status < 400:  # no success or redirect is ever retried
                return None
        delay = retry_delay(
            self.settings.retry,
            request,
            outcome,
            retries=retries,
            elapsed=clock.elapsed(),
            random=random.random,
        )
        if delay is not None:
            log_retry(request, outcome, delay, retries + 1, self.settings.retry.max_retries)
        return delay


def _recorded(delay: float) -> bool:
    """Record the wait instead of sleeping it, if a test asked (``instant_retries``)."""
    waits = recorder()
    if waits is None:
        return False
    waits.append(delay)
    return True


class SyncRunner(_Runner[SyncSender]):
    """Sends operations for :class:`Client`. Strictly private."""

    def call(
        self, op: Operation[M], path_values: Mapping[str, str], arguments: Mapping[str, object]
    ) -> M:
        """Run a single-result operation, reading a lost write back where its safety asks."""
        request = build_request(op, self.settings.base_url, path_values, arguments)
        exchange = self.exchange(request)
        verdict = settle(op, request, arguments, exchange)
        if verdict is not Verdict.READ_BACK:
            return finish(op, exchange, verdict)
        read_back = cast("ReadBack", op.read_back)
        try:
            current: M = self.call(read_back.fetch, path_values, {})
        except (TaskRouterError, RuntimeError):  # RuntimeError: closed while we were at it
            raise_original(exchange)
        return reconciled(read_back, current, arguments, exchange)

    def paginate(
        self,
        op: Operation[M],
        path_values: Mapping[str, str],
        arguments: Mapping[str, object],
        limit: int | None,
    ) -> Paginator[M]:
        """A lazy list; arguments are checked now, nothing is sent yet."""
        first = self._first_page(op, path_values, arguments, limit)
        return Paginator(op, first, self.settings.base_url, limit, self.send)

    def send(self, request: Request) -> Response:
        """Send ``request``, retrying as the policy allows; return the last response."""
        return self.exchange(request).response()

    def exchange(self, request: Request) -> Exchange:
        """Send ``request``, retrying as the policy allows; say how it went."""
        clock = _Clock()
        retries, landed = 0, False
        while True:
            try:
                outcome: Response | APIConnectionError = self.sender.send(
                    request, timeout=self.settings.timeout, retries=retries, connected=clock.start
                )
            except APIConnectionError as error:
                outcome = error
            delay = self._delay(request, outcome, retries, clock)
            if delay is None:
                return Exchange(outcome, retries, landed)
            landed = landed or may_have_landed(outcome)
            if not clock.recorded(delay):
                time.sleep(delay)
            retries += 1


class AsyncRunner(_Runner[AsyncSender]):
    """Async twin of :class:`SyncRunner`. Strictly private."""

    async def call(
        self, op: Operation[M], path_values: Mapping[str, str], arguments: Mapping[str, object]
    ) -> M:
        """Async twin of :meth:`SyncRunner.call`."""
        request = build_request(op, self.settings.base_url, path_values, arguments)
        exchange = await self.exchange(request)
        verdict = settle(op, request, arguments, exchange)
        if verdict is not Verdict.READ_BACK:
            return finish(op, exchange, verdict)
        read_back = cast("ReadBack", op.read_back)
        try:
            current: M = await self.call(read_back.fetch, path_values, {})
        except (TaskRouterError, RuntimeError):  # RuntimeError: closed while we were at it
            raise_original(exchange)
        return reconciled(read_back, current, arguments, exchange)

    def paginate(
        self,
        op: Operation[M],
        path_values: Mapping[str, str],
        arguments: Mapping[str, object],
        limit: int | None,
    ) -> AsyncPaginator[M]:
        """Async twin of :meth:`SyncRunner.paginate`."""
        first = self._first_page(op, path_values, arguments, limit)
        return AsyncPaginator(op, first, self.settings.base_url, limit, self.send)

    async def send(self, request: Request) -> Response:
        """Async twin of :meth:`SyncRunner.send`."""
        return (await self.exchange(request)).response()

    async def exchange(self, request: Request) -> Exchange:
        """Async twin of :meth:`SyncRunner.exchange`."""
        clock = _Clock()
        retries, landed = 0, False
        while True:
            try:
                outcome: Response | APIConnectionError = await self.sender.send(
                    request, timeout=self.settings.timeout, retries=retries, connected=clock.start
                )
            except APIConnectionError as error:
                outcome = error
            delay = self._delay(request, outcome, retries, clock)
            if delay is None:
                return Exchange(outcome, retries, landed)
            landed = landed or may_have_landed(outcome)
            if not clock.recorded(delay):
                await sleep(delay)
            retries += 1


async def sleep(seconds: float) -> None:
    """Wait on whichever event loop runs: asyncio's or trio's (through anyio)."""
    import anyio  # noqa: PLC0415  # only an async retry needs it

    await anyio.sleep(seconds)


class _Clock:
    """Time since a call's first attempt got a connection. Strictly private.

    Waits skipped by ``instant_retries`` count too.

    A recorded wait counts as if slept, so the deadline stops a test's retries where it
    would stop production's.
    """

    __slots__ = ("_skipped", "_started")

    def __init__(self) -> None:
        self._started: float | None = None
        self._skipped = 0.0

    def start(self) -> None:
        """Note that an attempt has a connection (the first such moment starts the clock)."""
        if self._started is None:
            self._started = time.monotonic()

    def elapsed(self) -> float:
        """Seconds since the first attempt had a connection, skipped waits included."""
        now = time.monotonic()
        return now - (self._started or now) + self._skipped

    def recorded(self, delay: float) -> bool:
        """Record ``delay`` instead of sleeping it, if a test asked; say whether it did."""
        if not _recorded(delay):
            return False
        self._skipped += delay
        return True
