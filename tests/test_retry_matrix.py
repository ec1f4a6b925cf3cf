"""Every operation of the table x every way a request can fail, against the emulator.

For each operation the scenarios below state, apart from the SDK's table, what sending it
twice really does (``truth``): a read changes nothing, a set sets the same values again, a
delete finds the resource gone, a transition is refused for the first one's success, a create
makes a second resource. From that truth and the failure alone the test works out what must
happen (the requests sent, a result or an error, whether the change is made) and compares.
So an operation given the wrong Safety in the table fails here, and an operation added to the
table without a scenario fails :func:`test_every_operation_of_the_table_has_a_scenario`.

Failures: 429 and a refused connection (never reached Twilio), a read timeout, a dropped
connection, 408 and 500 to 504 (may have reached it: each both applied by the emulator and
not), 501 and 412 (never retried). The emulator injects statuses and dropped connections; a
transport in front of it adds refused connections and read timeouts. Both clients.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import attrs
import httpx
import pytest

import taskrouter_client as tr
from taskrouter_client._generated import reservations, tasks
from taskrouter_client._operation import Operation, Safety
from taskrouter_client.testing import FakeTaskRouter
from tests.conftest import collect, run

pytestmark = pytest.mark.anyio

# The operations the emulator serves (Tasks and Reservations); the other families join this
# matrix when it serves them.
BY_NAME = {op.name: op for op in (*tasks.OPERATIONS, *reservations.OPERATIONS)}

# -- the world a scenario runs in --------------------------------------------------------


class World:
    """An emulator, a clean client to arrange and inspect it, and a Task to work on."""

    def __init__(self) -> None:
        self.fake = FakeTaskRouter()
        self.clean = self.fake.client(max_retries=0)
        self.ws = self.clean.workspaces(self.fake.workspace_sid)
        self.task_sid = self.ws.tasks.create(attributes={"type": "matrix"}).sid
        self.reservation_sid: str | None = None

    def reserve(self) -> str:
        self.reservation_sid = self.fake.reserve(self.task_sid)
        return self.reservation_sid

    def task(self) -> tr.Task | None:
        try:
            return self.ws.tasks(self.task_sid).fetch()
        except tr.NotFoundError:
            return None

    def reservation_status(self) -> str:
        assert self.reservation_sid is not None
        reservation = self.ws.tasks(self.task_sid).reservations(self.reservation_sid).fetch()
        return str(reservation.reservation_status)

    def created(self) -> int:
        return sum(1 for t in self.ws.tasks.list() if t.parsed_attributes == {"type": "made"})

    def paths(self, **more: str) -> dict[str, str]:
        return {"WorkspaceSid": self.fake.workspace_sid, **more}


Arrange = Callable[[World], tuple[dict[str, str], dict[str, Any]]]
Landed = Callable[[World], bool]


@attrs.frozen
class Scenario:
    """One way to call an operation, and what sending it twice really does."""

    id: str
    operation: str
    """The operation's spec name, as in the table."""
    truth: Safety
    arrange: Arrange
    landed: Landed | None = None
    """Whether the call's change was made (None: nothing to see, or a read)."""
    observable: bool = True
    """For a transition: whether its effect can be read back."""
    conditional: bool = False
    """For a set: sent with If-Match, so a resend after it landed meets a 412."""

    @property
    def op(self) -> Operation[Any]:
        return BY_NAME[self.operation]


def _task(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    return world.paths(TaskSid=world.task_sid), {}


def _reservation(through: str, arguments: Mapping[str, Any]) -> Arrange:
    """A pending Reservation of the Task, reached through the Task or its Worker."""

    def arrange(world: World) -> tuple[dict[str, str], dict[str, Any]]:
        sid = world.reserve()
        parent = {"TaskSid": world.task_sid}
        if through == "worker":
            parent = {"WorkerSid": world.fake.worker_sid}
        return world.paths(**parent, ReservationSid=sid), dict(arguments)

    return arrange


def _conditional_update(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    task = world.task()
    assert task is not None
    return world.paths(TaskSid=world.task_sid), {"priority": 7, "if_match": task.etag}


def _priority_is_seven(world: World) -> bool:
    task = world.task()
    return task is not None and task.priority == 7


CALL = {"instruction": "call", "call_from": "+15550001111", "call_url": "https://e.com/t.xml"}

ACCEPT, REJECT = {"reservation_status": "accepted"}, {"reservation_status": "rejected"}


def _status_is(status: str) -> Landed:
    return lambda world: world.reservation_status() == status


def _task_reservations(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    return world.paths(TaskSid=world.task_sid), {}


SCENARIOS = [
    Scenario(
        "create",
        "CreateTask",
        Safety.CREATE,
        lambda w: (w.paths(), {"attributes": {"type": "made"}}),
        landed=lambda w: w.created() == 1,
    ),
    Scenario("list", "ListTask", Safety.READ, lambda w: (w.paths(), {})),
    Scenario("fetch", "FetchTask", Safety.READ, _task),
    Scenario(
        "update-priority",
        "UpdateTask",
        Safety.SET,
        lambda w: (w.paths(TaskSid=w.task_sid), {"priority": 7}),
        landed=_priority_is_seven,
    ),
    Scenario(
        "update-if-match",
        "UpdateTask",
        Safety.SET,
        _conditional_update,
        landed=_priority_is_seven,
        conditional=True,
    ),
    Scenario(
        "update-cancel",
        "UpdateTask",
        Safety.TRANSITION,
        lambda w: (w.paths(TaskSid=w.task_sid), {"assignment_status": "canceled", "reason": "m"}),
        landed=lambda w: getattr(w.task(), "assignment_status", None) == "canceled",
    ),
    Scenario("delete", "DeleteTask", Safety.DELETE, _task, landed=lambda w: not w.task()),
    Scenario("task-reservations", "ListTaskReservation", Safety.READ, _task_reservations),
    Scenario("task-reservation", "FetchTaskReservation", Safety.READ, _reservation("task", {})),
    Scenario(
        "accept",
        "UpdateTaskReservation",
        Safety.TRANSITION,
        _reservation("task", ACCEPT),
        landed=_status_is("accepted"),
    ),
    Scenario(
        "call",
        "UpdateTaskReservation",
        Safety.TRANSITION,
        _reservation("task", CALL),
        observable=False,
    ),
    Scenario(
        "worker-reservations",
        "ListWorkerReservation",
        Safety.READ,
        lambda w: (w.paths(WorkerSid=w.fake.worker_sid), {}),
    ),
    Scenario(
        "worker-reservation", "FetchWorkerReservation", Safety.READ, _reservation("worker", {})
    ),
    Scenario(
        "reject",
        "UpdateWorkerReservation",
        Safety.TRANSITION,
        _reservation("worker", REJECT),
        landed=_status_is("rejected"),
    ),
]


def test_every_operation_of_the_table_has_a_scenario():
    """An operation added to the table needs a scenario here, stating its real safety."""
    missing = sorted(BY_NAME.keys() - {scenario.operation for scenario in SCENARIOS})
    assert missing == [], f"give these operations a scenario in SCENARIOS: {missing}"


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


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def bench(kind: str) -> AsyncIterator[tuple[World, Faulty, Any]]:
    """A world, and a client of ``kind`` on it through the faulty transport."""
    world = World()
    faulty = Faulty(world.fake)
    http_class = httpx.Client if kind == "sync" else httpx.AsyncClient
    client_class = tr.Client if kind == "sync" else tr.AsyncClient
    http = http_class(transport=faulty)
    client = client_class(
        account_sid=world.fake.account_sid, auth_token=world.fake.auth_token, http_client=http
    )
    yield world, faulty, client
    await run(http.close() if kind == "sync" else http.aclose())
    world.clean.close()


async def call(client: Any, op: Operation[Any], path: dict[str, str], arguments: Any) -> Any:
    """Run ``op`` as the resources do: through the runner, lists drained."""
    runner = client._runner
    if op.list_key is not None:
        return await collect(runner.paginate(op, path, arguments, None))
    return await run(runner.call(op, path, arguments))


@pytest.mark.parametrize("failure", FAILURES, ids=str)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
async def test_each_operation_meets_each_failure_as_its_safety_requires(bench, scenario, failure):
    """Requests sent, result or error, and the change made: as the truth of the operation says."""
    world, faulty, client = bench
    path, arguments = scenario.arrange(world)
    want = expected(scenario, failure)
    faulty.inject(failure)
    faulty.sent.clear()
    try:
        outcome: Any = await call(client, scenario.op, path, arguments)
    except tr.TaskRouterError as error:
        outcome = error
    assert faulty.sent == want.methods
    if want.succeeds:
        assert not isinstance(outcome, Exception), outcome
        http = getattr(outcome, "http", None)
        if http is not None:
            assert (http.retries, http.reconciled) == (want.retries, want.reconciled)
    else:
        assert isinstance(outcome, tr.APIError | tr.APIConnectionError), outcome
        if failure.reached_twilio:
            assert outcome.may_have_been_sent
    if scenario.landed is not None and want.landed is not None:
        assert scenario.landed(world) is want.landed
