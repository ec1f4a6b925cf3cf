"""Every operation of the table x every way a request can fail, against the emulator.

For each of the 61 operations the scenarios (tests/retry_matrix_scenarios.py) state, apart
from the SDK's table, what sending it twice really does (``truth``). From that truth and the
failure alone the test works out what must happen (the requests sent, a result or an error,
whether the change is made) and compares. So an operation given a Safety that behaves
otherwise fails here; one given a Safety that behaves alike under every failure (a read
labelled SET) fails :func:`test_the_table_gives_each_call_the_safety_it_really_has`; one
added to the table without a scenario fails
:func:`test_every_operation_of_the_table_has_a_scenario`.

Failures: 429 and a refused connection (never reached Twilio), a read timeout, a dropped
connection, 408 and 500 to 504 (may have reached it: each both applied by the emulator and
not), 501 and 412 (never retried). The emulator injects statuses and dropped connections; a
transport in front of it adds refused connections and read timeouts. Both clients."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import attrs
import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client._operation import Operation, Safety
from taskrouter_client.testing import FakeTaskRouter
from tests.conftest import collect, run
from tests.retry_matrix_scenarios import BY_NAME, SCENARIOS, Scenario, World

pytestmark = pytest.mark.anyio


def test_every_operation_of_the_table_has_a_scenario():
    """An operation added to the table needs a scenario here, stating its real safety."""
    missing = sorted(BY_NAME.keys() - {scenario.operation for scenario in SCENARIOS})
    assert missing == [], f"give these operations a scenario in SCENARIOS: {missing}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_the_table_gives_each_call_the_safety_it_really_has(scenario):
    """The table agrees with each scenario's truth, even where the matrix could not tell.

    A read labelled SET (or the reverse) is retried and settled alike: no failure shows
    the difference, but the label would still be wrong.
    """
    world = World()
    _path, arguments = scenario.arrange(world)
    assert scenario.op.safety_for(arguments) is scenario.truth
    world.clean.close()


# -- failures ------------------------------------------------------------------------------


@attrs.frozen
class Failure:
    """One failure of the first attempt; ``applied``: the emulator carried it out first."""

    kind: str
    applied: bool = False

    @property
    def reached_twilio(self) -> bool:
        """Whether the request may have reached Twilio (so it may have been carried out)."""
        return self.kind not in NOT_SENT + NEVER_RETRIED

    def __str__(self) -> str:
        return self.kind + ("-applied" if self.applied else "")


NOT_SENT = ("429", "refused")
NEVER_RETRIED = ("501", "412")
LOST = ("read-timeout", "dropped", "408", "500", "502", "503", "504")
FAILURES = [Failure(kind) for kind in NOT_SENT + NEVER_RETRIED] + [
    Failure(kind, applied) for kind in LOST for applied in (False, True)
]


class Faulty(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The emulator behind a transport that can refuse a connection or time out reading."""

    def __init__(self, fake: FakeTaskRouter) -> None:
        self.fake = fake
        self.sent: list[str] = []
        self.failure: Failure | None = None

    def inject(self, failure: Failure) -> None:
        """Make the next request fail as ``failure`` says."""
        if failure.kind == "dropped":
            self.fake.drop_next(1, applied=failure.applied)
        elif failure.kind.isdigit():
            retry_after = 0 if failure.kind == "429" else None
            self.fake.fail_next(
                1, status=int(failure.kind), retry_after=retry_after, applied=failure.applied
            )
        else:
            self.failure = failure

    def _before(self, request: httpx.Request) -> Failure | None:
        self.sent.append(request.method)
        failure, self.failure = self.failure, None
        if failure is not None and failure.kind == "refused":
            raise httpx.ConnectError("connection refused", request=request)
        if failure is not None and not failure.applied:
            raise httpx.ReadTimeout("timed out", request=request)
        return failure

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        failure = self._before(request)
        response = self.fake.handle_request(request)
        if failure is not None:
            raise httpx.ReadTimeout("timed out after the server acted", request=request)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        failure = self._before(request)
        response = await self.fake.handle_async_request(request)
        if failure is not None:
            raise httpx.ReadTimeout("timed out after the server acted", request=request)
        return response


# -- what must happen ----------------------------------------------------------------------


@attrs.frozen
class Expected:
    """What the call must come to."""

    methods: list[str]
    succeeds: bool
    landed: bool | None
    retries: int | None = None
    reconciled: bool = False


def expected(scenario: Scenario, failure: Failure) -> Expected:
    """Work out from the scenario's truth alone what the SDK must do after ``failure``."""
    method = scenario.op.method
    if failure.kind in NOT_SENT:
        return Expected([method, method], succeeds=True, landed=True, retries=1)
    if failure.kind in NEVER_RETRIED:
        return Expected([method], succeeds=False, landed=False)
    truth = scenario.truth
    if truth is Safety.SET and scenario.conditional and failure.applied:
        # The resend meets our own write as a 412; the read-back shows it landed.
        return Expected(
            [method, method, "GET"], succeeds=True, landed=True, retries=1, reconciled=True
        )
    if truth in {Safety.READ, Safety.SET, Safety.DELETE}:
        return Expected([method, method], succeeds=True, landed=True, retries=1)
    if truth is Safety.TRANSITION and scenario.observable:
        done = failure.applied
        return Expected([method, "GET"], succeeds=done, landed=done, retries=0, reconciled=done)
    return Expected([method], succeeds=False, landed=failure.applied)  # create; blind transition


# -- the matrix --------------------------------------------------------------------------


@asynccontextmanager
async def faulty_client(kind: str, faulty: Faulty) -> AsyncIterator[Any]:
    """A client of ``kind`` on the emulator through the faulty transport."""
    fake = faulty.fake
    http_class = httpx.Client if kind == "sync" else httpx.AsyncClient
    client_class = tr.Client if kind == "sync" else tr.AsyncClient
    http = http_class(transport=faulty)
    yield client_class(account_sid=fake.account_sid, auth_token=fake.auth_token, http_client=http)
    await run(http.close() if kind == "sync" else http.aclose())


async def call(client: Any, op: Operation[Any], path: dict[str, str], arguments: Any) -> Any:
    """Run ``op`` as the resources do: through the runner, lists drained."""
    runner = client._runner
    if op.list_key is not None:
        return await collect(runner.paginate(op, path, arguments, None))
    return await run(runner.call(op, path, arguments))


async def meet(kind: str, scenario: Scenario, failure: Failure) -> list[str]:
    """Run ``scenario`` in a fresh world, its first attempt failing; say what went wrong."""
    world = World()
    faulty = Faulty(world.fake)
    path, arguments = scenario.arrange(world)
    faulty.inject(failure)
    async with faulty_client(kind, faulty) as client:
        try:
            outcome: Any = await call(client, scenario.op, path, arguments)
        except tr.TaskRouterError as error:
            outcome = error
    landed = scenario.landed(world) if scenario.landed is not None else None
    world.clean.close()
    wrong = differences(expected(scenario, failure), faulty.sent, outcome, landed=landed)
    flagged = getattr(outcome, "may_have_been_sent", True)
    if failure.reached_twilio and not flagged:
        wrong.append(f"{outcome!r} does not say it may have been sent")
    return [f"{failure}: {each}" for each in wrong]


def differences(want: Expected, sent: list[str], outcome: Any, *, landed: bool | None) -> list[str]:
    """How what happened differs from ``want`` (``landed`` None: nothing to see)."""
    wrong = [] if sent == want.methods else [f"sent {sent}, not {want.methods}"]
    if isinstance(outcome, Exception) is want.succeeds:
        came = type(outcome).__name__ if want.succeeds else "a result"
        wrong.append(f"came to {came}, not {'a result' if want.succeeds else 'an error'}")
    http = getattr(outcome, "http", None)
    if want.succeeds and http is not None:
        seen = (http.retries, http.reconciled)
        if seen != (want.retries, want.reconciled):
            wrong.append(f"(retries, reconciled) {seen}, not {(want.retries, want.reconciled)}")
    if landed is not None and landed is not want.landed:
        wrong.append("the change was made" if landed else "the change was not made")
    return wrong


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
async def test_each_operation_meets_each_failure_as_its_safety_requires(kind, scenario):
    """Requests sent, result or error, and the change made: as the truth of the operation says.

    One test per scenario and client meets every failure, each in a fresh world: the
    report names each failure that went wrong, and the matrix stays quick.
    """
    wrong = [each for failure in FAILURES for each in await meet(kind, scenario, failure)]
    assert not wrong, "\n".join([f"{scenario.operation} ({scenario.truth.name}):", *wrong])
