"""The overlay: what the spec leaves unsaid, one row per operation, read by the generator.

``scripts/generate.py`` joins this table with Twilio's OpenAPI description and writes
``taskrouter_client/_generated``. The spec gives wire names, locations, types, patterns,
enums and required flags; this file gives the rest, and only the rest:

- where an operation sits in the tree, and the names of its TypedDict and model;
- what sending it twice would do (its :class:`Safety`), and how a write whose answer was
  lost is recognised (its read-back);
- rules across arguments, and bounds Twilio states only in prose;
- parameters the spec types as plain strings that are JSON, expressions, clearable URLs or
  lists; the JSON body it leaves undescribed;
- response fields the spec leaves untyped, typed from Twilio's documentation.

No field has a default: every row says everything, so each decision is visible here and
reviewed. The generator refuses a spec operation without a row, and a row without one.

Stdlib only: the generator loads this file by path, without importing the package.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

Safety = Literal["READ", "SET", "DELETE", "TRANSITION", "CREATE"]

NEW = "0.2.0"
FIRST = "0.1.0"


@dataclasses.dataclass(frozen=True)
class Arg:
    """How one parameter is typed and checked, where its schema is not enough.

    Attributes:
        python: The Python type of a value (without ``None``).
        encoder: A Python expression for its encoder (see ``_params`` and ``_formats``).
        doc: Its docstring, or None for the spec description's first sentence.
    """

    python: str
    encoder: str
    doc: str | None


@dataclasses.dataclass(frozen=True)
class ReadBack:
    """How to see whether a write whose answer was lost took effect.

    Attributes:
        fetch: The operationId of the fetch that reads the resource back.
        shows: The predicate ``(model, arguments) -> bool`` (a name in ``_endpoints``).
        observable: The predicate ``(arguments) -> bool`` saying whether the write's effect
            can be seen at all, or None when it always can.
    """

    fetch: str
    shows: str
    observable: str | None


@dataclasses.dataclass(frozen=True)
class Op:
    """One operation.

    Attributes:
        family: The generated module (``workers``) and resource family it belongs to.
        place: Where it sits in the tree, as users call it.
        params: The name of its parameters' TypedDict (a group's name uses the group).
        bases: Parameter groups its TypedDict inherits (see :data:`GROUPS`).
        args: Wire name -> typing, for parameters whose schema is not enough.
        body: For a JSON body the spec leaves undescribed: its fields, wire name -> typing.
        safety: What sending it twice would do.
        read_back: How a lost write is recognised, or None.
        transition_if: Keywords that, when given, make a SET a TRANSITION.
        checks: Python expressions giving cross-argument checks.
        model: The model class returned, or None for no body.
        since: The version that added it.
    """

    family: str
    place: str
    params: str
    bases: tuple[str, ...]
    args: dict[str, Arg]
    body: dict[str, Arg] | None
    safety: Safety
    read_back: ReadBack | None
    transition_if: tuple[str, ...]
    checks: tuple[str, ...]
    model: str | None
    since: str


@dataclasses.dataclass(frozen=True)
class Group:
    """Parameters several operations share, as one TypedDict they inherit.

    Attributes:
        family: The generated module defining it (``shared`` when several families use it).
        bases: Groups it extends.
        wires: The wire names it declares (their schemas must agree in every operation).
        args: Wire name -> typing, as for :class:`Op`.
        doc: Its docstring's first line.
        since: The version that added it.
    """

    family: str
    bases: tuple[str, ...]
    wires: tuple[str, ...]
    args: dict[str, Arg]
    doc: str
    since: str


@dataclasses.dataclass(frozen=True)
class Model:
    """One response schema.

    Attributes:
        name: The class name.
        family: The generated module defining it, or None for a hand-written model
            (``_models``; then only checked, not written).
        doc: The class docstring's first line.
        fields: Field -> Python type (without ``None``), for fields whose schema has no
            type or whose type Twilio's documentation corrects.
        json_text: Fields holding JSON text, given a ``parsed_<field>`` property.
        hidden: Fields shown in reprs by size only or not at all (customer data), besides
            those the spec marks as sensitive.
        since: The version that added it.
    """

    name: str
    family: str | None
    doc: str
    fields: dict[str, str]
    json_text: tuple[str, ...]
    hidden: tuple[str, ...]
    since: str


@dataclasses.dataclass(frozen=True)
class Enum:
    """One enum class, for one or more spec enums with the same values."""

    name: str
    doc: str
    since: str


# -- typings used by several rows ----------------------------------------------------------

NONE: dict[str, Arg] = {}

NAME64 = Arg(
    "str",
    "bounded_text(64)",
    "A descriptive name, up to 64 characters (Twilio's limit, stated in prose).",
)
JSON_OBJECT = Arg(
    "Mapping[str, Any] | str",
    "json_object",
    "A JSON object: a mapping (JSON-encoded for you) or JSON text.",
)
ATTRIBUTES = Arg(
    "Mapping[str, Any] | str",
    "json_object",
    "The attributes: a mapping (JSON-encoded for you) or JSON text.",
)
CLEARABLE_URL = Arg(
    "str",
    "clearable(url)",
    'An absolute http(s) URL; ``""`` clears the one set (Twilio clears it on an empty value).',
)
AVAILABLE_FILTER = Arg(
    "bool | str",
    "boolean_or_text",
    "True for available only, False for unavailable only (Twilio also reads ``1``/``yes``).",
)
BOOL_TEXT = Arg("bool | str", "boolean_or_text", None)
SECONDS = Arg("int", "integer(minimum=0)", None)
MINUTES = Arg(
    "int",
    "integer(minimum=0)",
    "Only the last this many minutes (Twilio's default: 15).",
)
STATISTICS_CHANNEL = Arg(
    "str", "text", "Only this TaskChannel: its SID or ``unique_name`` (``voice``)."
)
EVENTS_FILTER = Arg("str", "text", "Comma-separated event types sent to ``event_callback_url``.")
SPLIT_BY_WAIT_TIME = Arg(
    "Sequence[int] | str",
    "comma_separated(integer(minimum=0))",
    'Wait-time thresholds in seconds, such as ``[5, 30]`` or ``"5,30"``: Tasks canceled and '
    "Reservations accepted are counted below and above each.",
)
TARGET_WORKERS = Arg(
    "str",
    "clearable(expression)",
    'An expression on Worker attributes, such as ``languages HAS "es"``; ``""`` makes Tasks '
    "wait in the queue until moved or deleted.",
)
WORKER_EXPRESSION = Arg(
    "str",
    "expression",
    "Only Workers matching this expression (Twilio limits these lists to 3 requests a second).",
)
CONFIGURATION = Arg(
    "WorkflowConfiguration | Mapping[str, Any] | str",
    "configuration",
    "The routing rules: a WorkflowConfiguration, a mapping or JSON text, checked before sending.",
)
ACTIVITY = Arg("str", 'sid("WA")', None)
PRIORITY = Arg(
    "int",
    "integer(0, MAX_PRIORITY)",
    "0 to 2,147,483,647 (Twilio's range, stated in prose).",
)
VIRTUAL_START_TIME = Arg(
    "datetime",
    "timestamp(past_only=True, earliest_year=1900)",
    "Ordering timestamp: timezone-aware, not in the future, not before 1900.",
)
TASK_STATUS = Arg(
    "TaskStatus | TaskStatusLiteral",
    "choice(TaskStatus)",
    "The new status, e.g. ``canceled`` or ``completed`` (give a ``reason`` with those).",
)

# -- parameter groups ----------------------------------------------------------------------

GROUPS: dict[str, Group] = {
    "IntervalParams": Group(
        "shared",
        (),
        ("Minutes", "StartDate", "EndDate", "TaskChannel"),
        {
            "Minutes": MINUTES,
            "TaskChannel": STATISTICS_CHANNEL,
        },
        "The period and TaskChannel statistics are calculated over.",
        NEW,
    ),
    "SplitIntervalParams": Group(
        "shared",
        ("IntervalParams",),
        ("SplitByWaitTime",),
        {"SplitByWaitTime": SPLIT_BY_WAIT_TIME},
        "The period, TaskChannel and wait-time thresholds of cumulative statistics.",
        NEW,
    ),
    "RealTimeParams": Group(
        "shared",
        (),
        ("TaskChannel",),
        {"TaskChannel": STATISTICS_CHANNEL},
        "The TaskChannel real-time statistics are calculated for.",
        NEW,
    ),
    "RejectParams": Group(
        "reservations",
        ("IfMatchParams",),
        ("WorkerActivitySid",),
        {"WorkerActivitySid": Arg("str", 'sid("WA")', "Move the Worker to this Activity.")},
        "Keywords of ``reject()``.",
        FIRST,
    ),
    "DequeueParams": Group(
        "reservations",
        ("IfMatchParams",),
        (
            "DequeueFrom",
            "DequeueTo",
            "DequeuePostWorkActivitySid",
            "DequeueRecord",
            "DequeueTimeout",
            "DequeueStatusCallbackUrl",
            "DequeueStatusCallbackEvent",
        ),
        {
            "DequeueFrom": Arg(
                "str", "text", "The caller ID for the call to the Worker (required)."
            ),
            "DequeueTimeout": SECONDS,
        },
        "Keywords of ``dequeue()``: connect the queued call to the Worker.",
        FIRST,
    ),
    "CallParams": Group(
        "reservations",
        ("IfMatchParams",),
        (
            "CallFrom",
            "CallUrl",
            "CallTo",
            "CallAccept",
            "CallRecord",
            "CallTimeout",
            "CallStatusCallbackUrl",
        ),
        {
            "CallFrom": Arg("str", "text", "The caller ID for the call to the Worker (required)."),
            "CallUrl": Arg("str", "url", "The TwiML URL run when the Worker answers (required)."),
            "CallAccept": Arg(
                "bool", "boolean", "Accept the Reservation as part of the instruction."
            ),
            "CallTimeout": SECONDS,
        },
        "Keywords of ``call()``: call the Worker and run TwiML from ``call_url``.",
        FIRST,
    ),
    "RedirectParams": Group(
        "reservations",
        ("IfMatchParams",),
        ("RedirectCallSid", "RedirectUrl", "RedirectAccept"),
        {
            "RedirectCallSid": Arg("str", 'sid("CA")', "The parked call (required)."),
            "RedirectUrl": Arg("str", "url", "The TwiML URL to run (required)."),
            "RedirectAccept": Arg(
                "bool", "boolean", "Accept the Reservation as part of the instruction."
            ),
        },
        "Keywords of ``redirect()``: move a parked call to new TwiML.",
        FIRST,
    ),
    "ConferenceParams": Group(
        "reservations",
        ("IfMatchParams",),
        (
            "To",
            "From",
            "Timeout",
            "StatusCallback",
            "StatusCallbackMethod",
            "StatusCallbackEvent",
            "Record",
            "Muted",
            "Beep",
            "StartConferenceOnEnter",
            "EndConferenceOnExit",
            "EndConferenceOnCustomerExit",
            "BeepOnCustomerEntrance",
            "WaitUrl",
            "WaitMethod",
            "EarlyMedia",
            "MaxParticipants",
            "ConferenceStatusCallback",
            "ConferenceStatusCallbackMethod",
            "ConferenceStatusCallbackEvent",
            "ConferenceRecord",
            "ConferenceTrim",
            "RecordingChannels",
            "RecordingStatusCallback",
            "RecordingStatusCallbackMethod",
            "ConferenceRecordingStatusCallback",
            "ConferenceRecordingStatusCallbackMethod",
            "Region",
            "SipAuthUsername",
            "SipAuthPassword",
            "PostWorkActivitySid",
            "JitterBufferSize",
        ),
        {
            "Timeout": Arg(
                "int",
                "integer(minimum=0)",
                "Seconds to ring the Worker (Twilio's parameter, not an HTTP timeout).",
            ),
            "Beep": Arg(
                'bool | Literal["true", "false", "onEnter", "onExit"]', "boolean_or_text", None
            ),
            "MaxParticipants": Arg("int", "integer(2, 250)", "2 to 250 (Twilio's range)."),
            "ConferenceRecord": Arg(
                'bool | Literal["true", "false", "record-from-start", "do-not-record"]',
                "boolean_or_text",
                None,
            ),
            "ConferenceTrim": Arg('Literal["trim-silence", "do-not-trim"] | str', "text", None),
            "RecordingChannels": Arg('Literal["mono", "dual"] | str', "text", None),
            "Region": Arg(
                "str", "text", "Where to mix the recording: us1, us2, ie1, de1, sg1, br1, au1, jp1."
            ),
            "SipAuthPassword": Arg("str", "text", "A secret: never logged or echoed in errors."),
            "JitterBufferSize": Arg(
                'Literal["small", "medium", "large", "off"] | str', "text", None
            ),
        },
        "Keywords of ``conference()``: join the Worker and the caller in a conference.",
        FIRST,
    ),
    "SuperviseParams": Group(
        "reservations",
        ("IfMatchParams",),
        ("Supervisor", "SupervisorMode"),
        {
            "Supervisor": Arg(
                "str", "text", "The supervisor's Worker SID or contact URI (required)."
            )
        },
        "Keywords of ``supervise()`` (task path only): join a supervisor to the call.",
        FIRST,
    ),
}

# -- operations ----------------------------------------------------------------------------

_RESERVATION_UPDATE_ARGS = {
    "Instruction": Arg(
        "InstructionLiteral | str",
        "text",
        "conference, dequeue, call, redirect or supervise (values Twilio adds are passed on).",
    ),
}
_RESERVATION_READ_BACK = {
    "Task": ReadBack("FetchTaskReservation", "shows_status", "status_observable"),
    "Worker": ReadBack("FetchWorkerReservation", "shows_status", "status_observable"),
}

# fmt: off
OPERATIONS: dict[str, Op] = {
    # Workspaces
    "ListWorkspace": Op(
        family="workspaces", place="client.workspaces.list", params="ListWorkspaceParams",
        bases=("ListParams",), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="Workspace", since=NEW,
    ),
    "CreateWorkspace": Op(
        family="workspaces", place="client.workspaces.create", params="CreateWorkspaceParams",
        bases=(),
        args={
            "FriendlyName": NAME64,
            "Template": Arg(
                'Literal["NONE", "FIFO"] | str',
                "text",
                "``FIFO`` adds a first-in, first-out TaskQueue and Workflow (default ``NONE``).",
            ),
            "EventsFilter": EVENTS_FILTER,
        },
        body=None, safety="CREATE", read_back=None, transition_if=(), checks=(), model="Workspace",
        since=NEW,
    ),
    "FetchWorkspace": Op(
        family="workspaces", place='client.workspaces("WS…").fetch', params="NoParams", bases=(),
        args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="Workspace", since=NEW,
    ),
    "UpdateWorkspace": Op(
        family="workspaces", place='client.workspaces("WS…").update',
        params="UpdateWorkspaceParams", bases=(),
        args={
            "FriendlyName": NAME64,
            "EventCallbackUrl": CLEARABLE_URL,
            "EventsFilter": EVENTS_FILTER,
        },
        body=None, safety="SET", read_back=None, transition_if=(), checks=(), model="Workspace",
        since=NEW,
    ),
    "DeleteWorkspace": Op(
        family="workspaces", place='client.workspaces("WS…").delete', params="NoParams", bases=(),
        args=NONE, body=None, safety="DELETE", read_back=None, transition_if=(), checks=(),
        model=None, since=NEW,
    ),
    "FetchWorkspaceStatistics": Op(
        family="workspaces", place="ws.statistics.fetch", params="SplitIntervalParams", bases=(),
        args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="WorkspaceStatistics", since=NEW,
    ),
    "FetchWorkspaceCumulativeStatistics": Op(
        family="workspaces", place="ws.cumulative_statistics.fetch", params="SplitIntervalParams",
        bases=(), args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="WorkspaceCumulativeStatistics", since=NEW,
    ),
    "FetchWorkspaceRealTimeStatistics": Op(
        family="workspaces", place="ws.real_time_statistics.fetch", params="RealTimeParams",
        bases=(), args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="WorkspaceRealTimeStatistics", since=NEW,
    ),
    # Activities
    "ListActivity": Op(
        family="activities", place="ws.activities.list", params="ListActivityParams",
        bases=("ListParams",), args={"Available": AVAILABLE_FILTER}, body=None, safety="READ",
        read_back=None, transition_if=(), checks=(), model="Activity", since=NEW,
    ),
    "CreateActivity": Op(
        family="activities", place="ws.activities.create", params="CreateActivityParams", bases=(),
        args={"FriendlyName": NAME64}, body=None, safety="CREATE", read_back=None, transition_if=(),
        checks=(), model="Activity", since=NEW,
    ),
    "FetchActivity": Op(
        family="activities", place='ws.activities("WA…").fetch', params="NoParams", bases=(),
        args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="Activity", since=NEW,
    ),
    "UpdateActivity": Op(
        family="activities", place='ws.activities("WA…").update', params="UpdateActivityParams",
        bases=(), args={"FriendlyName": NAME64}, body=None, safety="SET", read_back=None,
        transition_if=(), checks=(), model="Activity", since=NEW,
    ),
    "DeleteActivity": Op(
        family="activities", place='ws.activities("WA…").delete', params="NoParams", bases=(),
        args=NONE, body=None, safety="DELETE", read_back=None, transition_if=(), checks=(),
        model=None, since=NEW,
    ),
    # Events
    "ListEvent": Op(
        family="events", place="ws.events.list", params="ListEventParams", bases=("ListParams",),
        args={"Minutes": MINUTES}, body=None, safety="READ", read_back=None, transition_if=(),
        checks=(), model="Event", since=NEW,
    ),
    "FetchEvent": Op(
        family="events", place='ws.events("EV…").fetch', params="NoParams", bases=(), args=NONE,
        body=None, safety="READ", read_back=None, transition_if=(), checks=(), model="Event",
        since=NEW,
    ),
    # Task channels
    "ListTaskChannel": Op(
        family="task_channels", place="ws.task_channels.list", params="ListTaskChannelParams",
        bases=("ListParams",), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="TaskChannel", since=NEW,
    ),
    "CreateTaskChannel": Op(
        family="task_channels", place="ws.task_channels.create", params="CreateTaskChannelParams",
        bases=(), args={"FriendlyName": NAME64}, body=None, safety="CREATE", read_back=None,
        transition_if=(), checks=(), model="TaskChannel", since=NEW,
    ),
    "FetchTaskChannel": Op(
        family="task_channels", place='ws.task_channels("TC…").fetch', params="NoParams", bases=(),
        args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="TaskChannel", since=NEW,
    ),
    "UpdateTaskChannel": Op(
        family="task_channels", place='ws.task_channels("TC…").update',
        params="UpdateTaskChannelParams", bases=(), args={"FriendlyName": NAME64}, body=None,
        safety="SET", read_back=None, transition_if=(), checks=(), model="TaskChannel", since=NEW,
    ),
    "DeleteTaskChannel": Op(
        family="task_channels", place='ws.task_channels("TC…").delete', params="NoParams", bases=(),
        args=NONE, body=None, safety="DELETE", read_back=None, transition_if=(), checks=(),
        model=None, since=NEW,
    ),
    # Task queues
    "ListTaskQueue": Op(
        family="task_queues", place="ws.task_queues.list", params="ListTaskQueueParams",
        bases=("ListParams",),
        args={
            "EvaluateWorkerAttributes": Arg(
                "str",
                "text",
                "Only TaskQueues whose ``target_workers`` match these Worker attributes "
                "(Twilio limits these lists to 3 requests a second).",
            ),
        },
        body=None, safety="READ", read_back=None, transition_if=(), checks=(), model="TaskQueue",
        since=NEW,
    ),
    "CreateTaskQueue": Op(
        family="task_queues", place="ws.task_queues.create", params="CreateTaskQueueParams",
        bases=(),
        args={
            "TargetWorkers": TARGET_WORKERS,
            "MaxReservedWorkers": Arg(
                "int", "integer(1, 50)", "1 to 50 Workers reserved at once for a Task (default 1)."
            ),
        },
        body=None, safety="CREATE", read_back=None, transition_if=(), checks=(), model="TaskQueue",
        since=NEW,
    ),
    "FetchTaskQueue": Op(
        family="task_queues", place='ws.task_queues("WQ…").fetch', params="NoParams", bases=(),
        args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="TaskQueue", since=NEW,
    ),
    "UpdateTaskQueue": Op(
        family="task_queues", place='ws.task_queues("WQ…").update', params="UpdateTaskQueueParams",
        bases=(),
        args={
            "TargetWorkers": TARGET_WORKERS,
            "MaxReservedWorkers": Arg(
                "int", "integer(1, 50)", "1 to 50 Workers reserved at once for a Task."
            ),
        },
        body=None, safety="SET", read_back=None, transition_if=(), checks=(), model="TaskQueue",
        since=NEW,
    ),
    "DeleteTaskQueue": Op(
        family="task_queues", place='ws.task_queues("WQ…").delete', params="NoParams", bases=(),
        args=NONE, body=None, safety="DELETE", read_back=None, transition_if=(), checks=(),
        model=None, since=NEW,
    ),
    # Twilio documents the body as {"queueSids": [...]}: one to fifty TaskQueue SIDs. It
    # only reads, so it is as safe to send twice as a GET.
    "CreateTaskQueueBulkRealTimeStatistics": Op(
        family="task_queues", place="ws.task_queues.real_time_statistics.create",
        params="CreateTaskQueueBulkRealTimeStatisticsParams", bases=(), args=NONE,
        body={
            "queueSids": Arg(
                "Sequence[str]",
                'repeated_between(sid("WQ"), 1, 50)',
                "The TaskQueues, one to fifty SIDs (Twilio's limits).",
            ),
        },
        safety="READ", read_back=None, transition_if=(), checks=(),
        model="TaskQueueBulkRealTimeStatistics", since=NEW,
    ),
    "ListTaskQueuesStatistics": Op(
        family="task_queues", place="ws.task_queues.statistics.list",
        params="ListTaskQueuesStatisticsParams", bases=("ListParams", "SplitIntervalParams"),
        args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="TaskQueuesStatistics", since=NEW,
    ),
    "FetchTaskQueueStatistics": Op(
        family="task_queues", place='ws.task_queues("WQ…").statistics.fetch',
        params="SplitIntervalParams", bases=(), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="TaskQueueStatistics", since=NEW,
    ),
    "FetchTaskQueueCumulativeStatistics": Op(
        family="task_queues", place='ws.task_queues("WQ…").cumulative_statistics.fetch',
        params="SplitIntervalParams", bases=(), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="TaskQueueCumulativeStatistics", since=NEW,
    ),
    "FetchTaskQueueRealTimeStatistics": Op(
        family="task_queues", place='ws.task_queues("WQ…").real_time_statistics.fetch',
        params="RealTimeParams", bases=(), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="TaskQueueRealTimeStatistics", since=NEW,
    ),
    # Tasks
    "ListTask": Op(
        family="tasks", place="ws.tasks.list", params="ListTaskParams", bases=("ListParams",),
        args={
            "Priority": Arg("int", "integer(0, MAX_PRIORITY)", "Only Tasks of this priority."),
            "AssignmentStatus": Arg(
                "Sequence[TaskStatus | TaskStatusLiteral] | TaskStatus | TaskStatusLiteral",
                "repeated(choice(TaskStatus))",
                "Only Tasks in these statuses (one or several).",
            ),
            "EvaluateTaskAttributes": Arg(
                "str",
                "expression",
                'An expression on the attributes, such as ``type == "support"`` (limited to 3 '
                "requests a second).",
            ),
            "Ordering": Arg(
                "str",
                "text",
                "``Attribute:asc|desc`` pairs, comma-separated, e.g. "
                "``Priority:desc,DateCreated:asc``.",
            ),
        },
        body=None, safety="READ", read_back=None, transition_if=(), checks=(), model="Task",
        since=FIRST,
    ),
    "CreateTask": Op(
        family="tasks", place="ws.tasks.create", params="CreateTaskParams", bases=(),
        args={
            "Timeout": Arg(
                "int",
                "integer(1, MAX_TASK_TIMEOUT)",
                "Seconds the Task may wait for assignment, 1 to 1,209,600 (default 86,400).",
            ),
            "Priority": PRIORITY,
            "Attributes": ATTRIBUTES,
            "VirtualStartTime": VIRTUAL_START_TIME,
            "IgnoreCapacity": Arg(
                "bool | str",
                "boolean_or_text",
                "With a Worker ``routing_target``: ignore the Worker's capacity and availability.",
            ),
        },
        body=None, safety="CREATE", read_back=None, transition_if=(), checks=(), model="Task",
        since=FIRST,
    ),
    "FetchTask": Op(
        family="tasks", place='ws.tasks("WT…").fetch', params="NoParams", bases=(), args=NONE,
        body=None, safety="READ", read_back=None, transition_if=(), checks=(), model="Task",
        since=FIRST,
    ),
    # A Task update sets values (SET) unless it moves assignment_status (TRANSITION).
    "UpdateTask": Op(
        family="tasks", place='ws.tasks("WT…").update', params="UpdateTaskParams",
        bases=("IfMatchParams",),
        args={
            "Attributes": ATTRIBUTES,
            "AssignmentStatus": TASK_STATUS,
            "Priority": PRIORITY,
            "VirtualStartTime": VIRTUAL_START_TIME,
        },
        body=None, safety="SET", read_back=ReadBack("FetchTask", "holds", None),
        transition_if=("assignment_status",), checks=(), model="Task", since=FIRST,
    ),
    "DeleteTask": Op(
        family="tasks", place='ws.tasks("WT…").delete', params="DeleteTaskParams",
        bases=("IfMatchParams",), args=NONE, body=None, safety="DELETE", read_back=None,
        transition_if=(), checks=(), model=None, since=FIRST,
    ),
    # Reservations
    "ListTaskReservation": Op(
        family="reservations", place='ws.tasks("WT…").reservations.list',
        params="ListTaskReservationParams", bases=("ListParams",), args=NONE, body=None,
        safety="READ", read_back=None, transition_if=(), checks=(), model="Reservation",
        since=FIRST,
    ),
    "FetchTaskReservation": Op(
        family="reservations", place='ws.tasks("WT…").reservations("WR…").fetch', params="NoParams",
        bases=(), args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="Reservation", since=FIRST,
    ),
    "UpdateTaskReservation": Op(
        family="reservations", place='ws.tasks("WT…").reservations("WR…").update',
        params="UpdateTaskReservationParams",
        bases=(
            "RejectParams",
            "DequeueParams",
            "CallParams",
            "RedirectParams",
            "ConferenceParams",
            "SuperviseParams",
        ),
        args=_RESERVATION_UPDATE_ARGS, body=None, safety="TRANSITION",
        read_back=_RESERVATION_READ_BACK["Task"], transition_if=(),
        checks=("required_by_instruction(TASK_PATH_REQUIRES)",), model="Reservation", since=FIRST,
    ),
    "ListWorkerReservation": Op(
        family="reservations", place='ws.workers("WK…").reservations.list',
        params="ListWorkerReservationParams", bases=("ListParams",), args=NONE, body=None,
        safety="READ", read_back=None, transition_if=(), checks=(), model="WorkerReservation",
        since=FIRST,
    ),
    "FetchWorkerReservation": Op(
        family="reservations", place='ws.workers("WK…").reservations("WR…").fetch',
        params="NoParams", bases=(), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="WorkerReservation", since=FIRST,
    ),
    "UpdateWorkerReservation": Op(
        family="reservations", place='ws.workers("WK…").reservations("WR…").update',
        params="UpdateWorkerReservationParams",
        bases=("RejectParams", "DequeueParams", "CallParams", "RedirectParams", "ConferenceParams"),
        args=_RESERVATION_UPDATE_ARGS, body=None, safety="TRANSITION",
        read_back=_RESERVATION_READ_BACK["Worker"], transition_if=(),
        checks=("required_by_instruction(WORKER_PATH_REQUIRES)",), model="WorkerReservation",
        since=FIRST,
    ),
    # Workers
    "ListWorker": Op(
        family="workers", place="ws.workers.list", params="ListWorkerParams", bases=("ListParams",),
        args={"Available": AVAILABLE_FILTER, "TargetWorkersExpression": WORKER_EXPRESSION},
        body=None, safety="READ", read_back=None, transition_if=(), checks=(), model="Worker",
        since=NEW,
    ),
    "CreateWorker": Op(
        family="workers", place="ws.workers.create", params="CreateWorkerParams", bases=(),
        args={"FriendlyName": NAME64, "Attributes": ATTRIBUTES}, body=None, safety="CREATE",
        read_back=None, transition_if=(), checks=(), model="Worker", since=NEW,
    ),
    "FetchWorker": Op(
        family="workers", place='ws.workers("WK…").fetch', params="NoParams", bases=(), args=NONE,
        body=None, safety="READ", read_back=None, transition_if=(), checks=(), model="Worker",
        since=NEW,
    ),
    # Setting an Activity sets a value whatever it was: sent again after a lost answer; a
    # 412 answering that retry (with if_match) is checked against the Worker read back.
    "UpdateWorker": Op(
        family="workers", place='ws.workers("WK…").update', params="UpdateWorkerParams",
        bases=("IfMatchParams",), args={"FriendlyName": NAME64, "Attributes": ATTRIBUTES},
        body=None, safety="SET", read_back=ReadBack("FetchWorker", "holds_worker", None),
        transition_if=(), checks=(), model="Worker", since=NEW,
    ),
    "DeleteWorker": Op(
        family="workers", place='ws.workers("WK…").delete', params="DeleteWorkerParams",
        bases=("IfMatchParams",), args=NONE, body=None, safety="DELETE", read_back=None,
        transition_if=(), checks=(), model=None, since=NEW,
    ),
    "ListWorkerChannel": Op(
        family="workers", place='ws.workers("WK…").channels.list', params="ListWorkerChannelParams",
        bases=("ListParams",), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="WorkerChannel", since=NEW,
    ),
    "FetchWorkerChannel": Op(
        family="workers", place='ws.workers("WK…").channels("WC…").fetch', params="NoParams",
        bases=(), args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="WorkerChannel", since=NEW,
    ),
    "UpdateWorkerChannel": Op(
        family="workers", place='ws.workers("WK…").channels("WC…").update',
        params="UpdateWorkerChannelParams", bases=(),
        args={
            "Capacity": Arg(
                "int",
                "integer(minimum=0)",
                "How many Tasks of the channel the Worker handles at once (0: none).",
            )
        },
        body=None, safety="SET", read_back=None, transition_if=(), checks=(), model="WorkerChannel",
        since=NEW,
    ),
    "FetchWorkerInstanceStatistics": Op(
        family="workers", place='ws.workers("WK…").statistics.fetch', params="IntervalParams",
        bases=(), args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="WorkerInstanceStatistics", since=NEW,
    ),
    "FetchWorkerStatistics": Op(
        family="workers", place="ws.workers.statistics.fetch", params="FetchWorkerStatisticsParams",
        bases=("IntervalParams",), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="WorkerStatistics", since=NEW,
    ),
    "FetchWorkersCumulativeStatistics": Op(
        family="workers", place="ws.workers.cumulative_statistics.fetch", params="IntervalParams",
        bases=(), args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="WorkersCumulativeStatistics", since=NEW,
    ),
    "FetchWorkersRealTimeStatistics": Op(
        family="workers", place="ws.workers.real_time_statistics.fetch", params="RealTimeParams",
        bases=(), args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="WorkersRealTimeStatistics", since=NEW,
    ),
    # Workflows
    "ListWorkflow": Op(
        family="workflows", place="ws.workflows.list", params="ListWorkflowParams",
        bases=("ListParams",), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="Workflow", since=NEW,
    ),
    "CreateWorkflow": Op(
        family="workflows", place="ws.workflows.create", params="CreateWorkflowParams", bases=(),
        args={
            "Configuration": CONFIGURATION,
            "TaskReservationTimeout": Arg(
                "int",
                "integer(1, 86_400)",
                "Seconds to wait for the assignment callback's answer, up to 86,400 "
                "(default 120).",
            ),
        },
        body=None, safety="CREATE", read_back=None, transition_if=(), checks=(), model="Workflow",
        since=NEW,
    ),
    "FetchWorkflow": Op(
        family="workflows", place='ws.workflows("WW…").fetch', params="NoParams", bases=(),
        args=NONE, body=None, safety="READ", read_back=None, transition_if=(), checks=(),
        model="Workflow", since=NEW,
    ),
    "UpdateWorkflow": Op(
        family="workflows", place='ws.workflows("WW…").update', params="UpdateWorkflowParams",
        bases=(),
        args={
            "AssignmentCallbackUrl": CLEARABLE_URL,
            "FallbackAssignmentCallbackUrl": CLEARABLE_URL,
            "Configuration": CONFIGURATION,
            "TaskReservationTimeout": Arg(
                "int",
                "integer(1, 86_400)",
                "Seconds to wait for the assignment callback's answer, up to 86,400.",
            ),
            "ReEvaluateTasks": Arg(
                "bool | str",
                "boolean_or_text",
                "Send the Workflow's pending Tasks through the new configuration again.",
            ),
        },
        body=None, safety="SET", read_back=None, transition_if=(), checks=(), model="Workflow",
        since=NEW,
    ),
    "DeleteWorkflow": Op(
        family="workflows", place='ws.workflows("WW…").delete', params="NoParams", bases=(),
        args=NONE, body=None, safety="DELETE", read_back=None, transition_if=(), checks=(),
        model=None, since=NEW,
    ),
    "FetchWorkflowStatistics": Op(
        family="workflows", place='ws.workflows("WW…").statistics.fetch',
        params="SplitIntervalParams", bases=(), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="WorkflowStatistics", since=NEW,
    ),
    "FetchWorkflowCumulativeStatistics": Op(
        family="workflows", place='ws.workflows("WW…").cumulative_statistics.fetch',
        params="SplitIntervalParams", bases=(), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="WorkflowCumulativeStatistics", since=NEW,
    ),
    "FetchWorkflowRealTimeStatistics": Op(
        family="workflows", place='ws.workflows("WW…").real_time_statistics.fetch',
        params="RealTimeParams", bases=(), args=NONE, body=None, safety="READ", read_back=None,
        transition_if=(), checks=(), model="WorkflowRealTimeStatistics", since=NEW,
    ),
}
# fmt: on

# -- models --------------------------------------------------------------------------------

# The statistics' nested objects, which the spec leaves untyped, typed from Twilio's
# statistics pages and their examples. An average is a float there (``0.0``) although the
# top-level schemas say integer: averages are floats everywhere.
_CUMULATIVE = {
    "avg_task_acceptance_time": "float",
    "split_by_wait_time": "Mapping[str, WaitTimeSplit]",
    "wait_duration_until_accepted": "Durations",
    "wait_duration_until_canceled": "Durations",
}
_REALTIME = {
    "tasks_by_priority": "Mapping[str, int]",
    "tasks_by_status": "Mapping[str, int]",
}

MODELS: dict[str, Model] = {
    "taskrouter.v1.workspace": Model(
        "Workspace",
        "workspaces",
        "A Workspace: the container of every other resource.",
        {},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.workspace_statistics": Model(
        "WorkspaceStatistics",
        "workspaces",
        "A Workspace's real-time and cumulative statistics together.",
        {
            "cumulative": "WorkspaceCumulativeStatistics",
            "realtime": "WorkspaceRealTimeStatistics",
        },
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.workspace_cumulative_statistics": Model(
        "WorkspaceCumulativeStatistics",
        "workspaces",
        "What happened in a Workspace over a period.",
        _CUMULATIVE,
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.workspace_real_time_statistics": Model(
        "WorkspaceRealTimeStatistics",
        "workspaces",
        "A Workspace's state now.",
        {**_REALTIME, "activity_statistics": "Sequence[ActivityStatistic]"},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.activity": Model(
        "Activity",
        "activities",
        "An Activity: a state a Worker can be in.",
        {},
        (),
        (),
        NEW,
    ),
    # Twilio's Event page types event_data as an object (not JSON text); it holds Task and
    # Worker attributes, so reprs leave it out.
    "taskrouter.v1.workspace.event": Model(
        "Event",
        "events",
        "An Event: one state change in the Workspace, for audit.",
        {"event_data": "Mapping[str, Any]"},
        (),
        ("event_data",),
        NEW,
    ),
    "taskrouter.v1.workspace.task_channel": Model(
        "TaskChannel",
        "task_channels",
        "A TaskChannel: a kind of work (voice, chat, ...).",
        {},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.task_queue": Model(
        "TaskQueue",
        "task_queues",
        "A TaskQueue: where Tasks wait for eligible Workers.",
        {},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.task_queue.task_queue_statistics": Model(
        "TaskQueueStatistics",
        "task_queues",
        "A TaskQueue's real-time and cumulative statistics together.",
        {
            "cumulative": "TaskQueueCumulativeStatistics",
            "realtime": "TaskQueueRealTimeStatistics",
        },
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.task_queue.task_queues_statistics": Model(
        "TaskQueuesStatistics",
        "task_queues",
        "One TaskQueue's statistics, as an item of ``ws.task_queues.statistics.list()``.",
        {
            "cumulative": "TaskQueueCumulativeStatistics",
            "realtime": "TaskQueueRealTimeStatistics",
        },
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.task_queue.task_queue_cumulative_statistics": Model(
        "TaskQueueCumulativeStatistics",
        "task_queues",
        "What happened in a TaskQueue over a period.",
        {**_CUMULATIVE, "wait_duration_in_queue_until_accepted": "Durations"},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.task_queue.task_queue_real_time_statistics": Model(
        "TaskQueueRealTimeStatistics",
        "task_queues",
        "A TaskQueue's state now.",
        {**_REALTIME, "activity_statistics": "Sequence[ActivityStatistic]"},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.task_queue.task_queue_bulk_real_time_statistics": Model(
        "TaskQueueBulkRealTimeStatistics",
        "task_queues",
        "The state now of up to fifty TaskQueues, read in one request.",
        {"task_queue_data": "Sequence[TaskQueueRealTimeStatistics]"},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.task": Model(
        "Task",
        None,
        "A TaskRouter Task.",
        {},
        ("attributes", "addons"),
        (),
        FIRST,
    ),
    "taskrouter.v1.workspace.task.task_reservation": Model(
        "Reservation",
        None,
        "A Reservation read through its Task.",
        {},
        (),
        (),
        FIRST,
    ),
    "taskrouter.v1.workspace.worker.worker_reservation": Model(
        "WorkerReservation",
        None,
        "A Reservation read through its Worker.",
        {},
        (),
        (),
        FIRST,
    ),
    "taskrouter.v1.workspace.worker": Model(
        "Worker",
        "workers",
        "A Worker: someone (or something) Tasks are assigned to.",
        {},
        ("attributes",),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.worker.worker_channel": Model(
        "WorkerChannel",
        "workers",
        "A Worker's capacity and availability on one TaskChannel.",
        {},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.worker.worker_instance_statistics": Model(
        "WorkerInstanceStatistics",
        "workers",
        "One Worker's cumulative statistics.",
        {"cumulative": "WorkersCumulativeStatistics"},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.worker.worker_statistics": Model(
        "WorkerStatistics",
        "workers",
        "The Workers' real-time and cumulative statistics together.",
        {
            "cumulative": "WorkersCumulativeStatistics",
            "realtime": "WorkersRealTimeStatistics",
        },
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.worker.workers_cumulative_statistics": Model(
        "WorkersCumulativeStatistics",
        "workers",
        "What the Workers did over a period: Reservations and time in each Activity.",
        {"activity_durations": "Sequence[ActivityDuration]"},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.worker.workers_real_time_statistics": Model(
        "WorkersRealTimeStatistics",
        "workers",
        "How many Workers are in each Activity now.",
        {"activity_statistics": "Sequence[ActivityStatistic]"},
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.workflow": Model(
        "Workflow",
        "workflows",
        "A Workflow: the rules that route Tasks to TaskQueues.",
        {},
        ("configuration",),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.workflow.workflow_statistics": Model(
        "WorkflowStatistics",
        "workflows",
        "A Workflow's real-time and cumulative statistics together.",
        {
            "cumulative": "WorkflowCumulativeStatistics",
            "realtime": "WorkflowRealTimeStatistics",
        },
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.workflow.workflow_cumulative_statistics": Model(
        "WorkflowCumulativeStatistics",
        "workflows",
        "What happened to a Workflow's Tasks over a period.",
        _CUMULATIVE,
        (),
        (),
        NEW,
    ),
    "taskrouter.v1.workspace.workflow.workflow_real_time_statistics": Model(
        "WorkflowRealTimeStatistics",
        "workflows",
        "A Workflow's Tasks now.",
        _REALTIME,
        (),
        (),
        NEW,
    ),
}

# -- enums ---------------------------------------------------------------------------------

_RESERVATION_STATUS = Enum("ReservationStatus", "A Reservation's ``reservation_status``.", FIRST)
_CALL_STATUS = Enum(
    "CallStatus", "A call event to be told about (``status_callback_event``).", FIRST
)
_CONFERENCE_EVENT = Enum(
    "ConferenceEvent",
    "A conference event to be told about (``conference_status_callback_event``).",
    FIRST,
)
"""The enums the spec writes twice, for the Task's and the Worker's Reservations: one class."""

ENUMS: dict[str, Enum] = {
    "task_enum_status": Enum(
        "TaskStatus", "A Task's ``assignment_status`` (spec enum ``task_enum_status``).", FIRST
    ),
    "task_reservation_enum_status": _RESERVATION_STATUS,
    "worker_reservation_enum_status": _RESERVATION_STATUS,
    "task_reservation_enum_call_status": _CALL_STATUS,
    "worker_reservation_enum_call_status": _CALL_STATUS,
    "task_reservation_enum_conference_event": _CONFERENCE_EVENT,
    "worker_reservation_enum_conference_event": _CONFERENCE_EVENT,
    "task_reservation_enum_supervisor_mode": Enum(
        "SupervisorMode",
        "How a supervisor joins a call (``supervisor_mode`` of the supervise instruction).",
        FIRST,
    ),
    "task_queue_enum_task_order": Enum(
        "TaskOrder", "Which Task a TaskQueue assigns first: the oldest or the newest.", NEW
    ),
    "workspace_enum_queue_order": Enum(
        "QueueOrder",
        "Which kind of TaskQueue (FIFO or LIFO) a Worker serves first when in both.",
        NEW,
    ),
}
