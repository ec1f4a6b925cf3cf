"""The retry matrix's scenarios: one or more ways to call each of the 61 operations.

Each scenario states, apart from the SDK's table, what sending its call twice really does
(``truth``): a read changes nothing, a set sets the same values again, a delete finds the
resource gone, a transition is refused for the first one's success, a create makes a second
resource. It also says how to see whether the call's change was made (``landed``).
tests/test_retry_matrix.py works out from these alone what each failure must lead to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

import taskrouter_client as tr
from taskrouter_client._generated.operations import OPERATIONS
from taskrouter_client._operation import Operation, Safety
from taskrouter_client.testing import FakeTaskRouter

BY_NAME = {op.name: op for op in OPERATIONS}

MADE, TARGET, RENAMED = "made", "target", "renamed"
"""Names of a resource a create makes, of one made to be worked on, and after a rename."""

# -- the world a scenario runs in --------------------------------------------------------


class World:
    """An emulator, a clean client to arrange and inspect it, and a Task to work on."""

    def __init__(self) -> None:
        self.fake = FakeTaskRouter()
        self.clean = self.fake.client(max_retries=0)
        self.ws = self.clean.workspaces(self.fake.workspace_sid)
        self.task_sid = self.ws.tasks.create(attributes={"type": "matrix"}).sid
        self.reservation_sid: str | None = None
        self.target_sid = ""
        """The resource a scenario made to fetch, update or delete."""

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

    def worker(self) -> tr.Worker:
        return self.ws.workers(self.fake.worker_sid).fetch()

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


def read(ident: str, operation: str, arrange: Arrange) -> Scenario:
    """A read: sending it twice changes nothing."""
    return Scenario(ident, operation, Safety.READ, arrange)


def _at(**sids: Callable[[World], str]) -> Arrange:
    """Call with these path SIDs (read from the world) and no arguments."""
    return lambda w: (w.paths(**{key: sid(w) for key, sid in sids.items()}), {})


# -- the families made, read, renamed and deleted alike ----------------------------------


@attrs.frozen
class Family:
    """A resource family whose five operations the matrix drives the same way."""

    name: str
    """As in the operations' names: ``List{name}``, ``Create{name}``..."""
    sid_key: str
    """The path name of one resource's SID."""
    resources: Callable[[World], Any]
    """The family's list resource on the clean client (``ws.activities``)."""
    form: Callable[[World, str], dict[str, Any]]
    """The arguments creating a resource of the given name."""

    def make(self, world: World) -> str:
        """Make a resource to work on; remember and return its SID."""
        world.target_sid = self.resources(world).create(**self.form(world, TARGET)).sid
        return world.target_sid

    def named(self, world: World, name: str) -> int:
        return sum(1 for item in self.resources(world).list() if item.friendly_name == name)

    def fetch(self, world: World) -> Any:
        try:
            return self.resources(world)(world.target_sid).fetch()
        except tr.NotFoundError:
            return None

    def target(self, arguments: Mapping[str, Any]) -> Arrange:
        def arrange(world: World) -> tuple[dict[str, str], dict[str, Any]]:
            return world.paths(**{self.sid_key: self.make(world)}), dict(arguments)

        return arrange

    def scenarios(self) -> list[Scenario]:
        name = self.name
        return [
            read(f"list-{name}", f"List{name}", lambda w: (w.paths(), {})),
            Scenario(  # a second create makes a second resource
                f"create-{name}",
                f"Create{name}",
                Safety.CREATE,
                lambda w: (w.paths(), self.form(w, MADE)),
                landed=lambda w: self.named(w, MADE) == 1,
            ),
            read(f"fetch-{name}", f"Fetch{name}", self.target({})),
            Scenario(  # a second rename sets the same name again
                f"rename-{name}",
                f"Update{name}",
                Safety.SET,
                self.target({"friendly_name": RENAMED}),
                landed=lambda w: getattr(self.fetch(w), "friendly_name", None) == RENAMED,
            ),
            Scenario(  # a second delete finds the resource gone
                f"delete-{name}",
                f"Delete{name}",
                Safety.DELETE,
                self.target({}),
                landed=lambda w: self.fetch(w) is None,
            ),
        ]


def _named(_world: World, name: str) -> dict[str, Any]:
    return {"friendly_name": name}


def _channel_form(_world: World, name: str) -> dict[str, Any]:
    return {"friendly_name": name, "unique_name": name}


def _workflow_form(world: World, name: str) -> dict[str, Any]:
    routing = {"task_routing": {"default_filter": {"queue": world.fake.task_queue_sid}}}
    return {"friendly_name": name, "configuration": routing}


FAMILIES = [
    Family("Workspace", "WorkspaceSid", lambda w: w.clean.workspaces, _named),
    Family("Activity", "ActivitySid", lambda w: w.ws.activities, _named),
    Family("TaskChannel", "TaskChannelSid", lambda w: w.ws.task_channels, _channel_form),
    Family("TaskQueue", "TaskQueueSid", lambda w: w.ws.task_queues, _named),
    Family("Worker", "WorkerSid", lambda w: w.ws.workers, _named),
    Family("Workflow", "WorkflowSid", lambda w: w.ws.workflows, _workflow_form),
]

# -- Tasks and Reservations ----------------------------------------------------------------


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


def _made_tasks(world: World) -> int:
    return sum(1 for t in world.ws.tasks.list() if t.parsed_attributes == {"type": MADE})


def _answer(ident: str, through: str, arguments: Mapping[str, str]) -> Scenario:
    """A pending Reservation accepted or rejected: a second answer is refused, the status
    having moved already."""
    operation = "UpdateTaskReservation" if through == "task" else "UpdateWorkerReservation"
    status = arguments["reservation_status"]
    return Scenario(
        ident,
        operation,
        Safety.TRANSITION,
        _reservation(through, arguments),
        landed=lambda world: world.reservation_status() == status,
    )


def _worker(world: World) -> str:
    return world.fake.worker_sid


CALL = {"instruction": "call", "call_from": "+15550001111", "call_url": "https://e.com/t.xml"}

ACCEPT, REJECT = {"reservation_status": "accepted"}, {"reservation_status": "rejected"}

TASKS = [
    Scenario(  # a second create makes a second Task
        "create-Task",
        "CreateTask",
        Safety.CREATE,
        lambda w: (w.paths(), {"attributes": {"type": MADE}}),
        landed=lambda w: _made_tasks(w) == 1,
    ),
    read("list-Task", "ListTask", lambda w: (w.paths(), {})),
    read("fetch-Task", "FetchTask", _task),
    Scenario(  # a second update sets the same priority again
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
    Scenario(  # a second cancel is refused: the Task is canceled already
        "update-cancel",
        "UpdateTask",
        Safety.TRANSITION,
        lambda w: (w.paths(TaskSid=w.task_sid), {"assignment_status": "canceled", "reason": "m"}),
        landed=lambda w: getattr(w.task(), "assignment_status", None) == "canceled",
    ),
    Scenario("delete-Task", "DeleteTask", Safety.DELETE, _task, landed=lambda w: not w.task()),
    read("task-reservations", "ListTaskReservation", _task),
    read("task-reservation", "FetchTaskReservation", _reservation("task", {})),
    _answer("accept", "task", ACCEPT),
    Scenario(  # a second call instruction would dial the Worker twice
        "call",
        "UpdateTaskReservation",
        Safety.TRANSITION,
        _reservation("task", CALL),
        observable=False,
    ),
    read("worker-reservations", "ListWorkerReservation", _at(WorkerSid=_worker)),
    read("worker-reservation", "FetchWorkerReservation", _reservation("worker", {})),
    _answer("reject", "worker", REJECT),
]

# -- Workers' own settings, Events, statistics -------------------------------------------


def _channel(world: World) -> str:
    world.target_sid = next(iter(world.ws.workers(world.fake.worker_sid).channels.list())).sid
    return world.target_sid


def _capacity_is_three(world: World) -> bool:
    channels = world.ws.workers(world.fake.worker_sid).channels
    return int(channels(world.target_sid).fetch().configured_capacity or 0) == 3


def _available(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    sid = next(a.sid for a in world.ws.activities.list() if a.friendly_name == "Available")
    return world.paths(WorkerSid=world.fake.worker_sid), {"activity_sid": sid}


def _conditional_rename(world: World) -> tuple[dict[str, str], dict[str, Any]]:
    etag = world.worker().etag
    return world.paths(WorkerSid=world.fake.worker_sid), {
        "friendly_name": RENAMED,
        "if_match": etag,
    }


def _event(world: World) -> str:
    return next(iter(world.ws.events.list(limit=1))).sid


def _queue(world: World) -> str:
    return world.fake.task_queue_sid


def _workflow(world: World) -> str:
    return world.fake.workflow_sid


WORKERS = [
    Scenario(  # a second update sets the same Activity again
        "worker-activity",
        "UpdateWorker",
        Safety.SET,
        _available,
        landed=lambda w: w.worker().activity_name == "Available",
    ),
    Scenario(
        "worker-if-match",
        "UpdateWorker",
        Safety.SET,
        _conditional_rename,
        landed=lambda w: w.worker().friendly_name == RENAMED,
        conditional=True,
    ),
    read("worker-channels", "ListWorkerChannel", _at(WorkerSid=_worker)),
    read("worker-channel", "FetchWorkerChannel", _at(WorkerSid=_worker, WorkerChannelSid=_channel)),
    Scenario(  # a second update sets the same capacity again
        "worker-capacity",
        "UpdateWorkerChannel",
        Safety.SET,
        lambda w: (w.paths(WorkerSid=_worker(w), WorkerChannelSid=_channel(w)), {"capacity": 3}),
        landed=_capacity_is_three,
    ),
]

READS = [
    read("events", "ListEvent", _at()),
    read("event", "FetchEvent", _at(EventSid=_event)),
    read("ws-statistics", "FetchWorkspaceStatistics", _at()),
    read("ws-cumulative", "FetchWorkspaceCumulativeStatistics", _at()),
    read("ws-real-time", "FetchWorkspaceRealTimeStatistics", _at()),
    # A POST that only reads: Twilio's bulk real-time statistics of several TaskQueues.
    read(
        "queues-real-time",
        "CreateTaskQueueBulkRealTimeStatistics",
        lambda w: (w.paths(), {"queue_sids": [w.fake.task_queue_sid]}),
    ),
    read("queues-statistics", "ListTaskQueuesStatistics", _at()),
    read("queue-statistics", "FetchTaskQueueStatistics", _at(TaskQueueSid=_queue)),
    read("queue-cumulative", "FetchTaskQueueCumulativeStatistics", _at(TaskQueueSid=_queue)),
    read("queue-real-time", "FetchTaskQueueRealTimeStatistics", _at(TaskQueueSid=_queue)),
    read("worker-statistics", "FetchWorkerInstanceStatistics", _at(WorkerSid=_worker)),
    read("workers-statistics", "FetchWorkerStatistics", _at()),
    read("workers-cumulative", "FetchWorkersCumulativeStatistics", _at()),
    read("workers-real-time", "FetchWorkersRealTimeStatistics", _at()),
    read("workflow-statistics", "FetchWorkflowStatistics", _at(WorkflowSid=_workflow)),
    read("workflow-cumulative", "FetchWorkflowCumulativeStatistics", _at(WorkflowSid=_workflow)),
    read("workflow-real-time", "FetchWorkflowRealTimeStatistics", _at(WorkflowSid=_workflow)),
]

SCENARIOS = [
    *(scenario for family in FAMILIES for scenario in family.scenarios()),
    *TASKS,
    *WORKERS,
    *READS,
]
