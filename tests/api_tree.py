"""Where each of the 61 operations sits in the tree: the issue's contract, written out once.

The tests reach every operation through these paths, on both clients, and check each against
the spec; nothing here is read from the SDK's own tables.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from typing import Any

from taskrouter_client._resources.base import Call, Fetches, Lister
from tests.conftest import WK, WQ, WR, WS, WT, WW

WA = "WA" + "1" * 32
EV = "EV" + "2" * 32
TC = "TC" + "3" * 32
WC = "WC" + "4" * 32

# The SID each path placeholder stands for in the tests.
SIDS = {
    "WorkspaceSid": WS,
    "ActivitySid": WA,
    "EventSid": EV,
    "TaskChannelSid": TC,
    "TaskQueueSid": WQ,
    "TaskSid": WT,
    "WorkerSid": WK,
    "WorkerChannelSid": WC,
    "ReservationSid": WR,
    "WorkflowSid": WW,
}

Face = tuple[Any, str]

# operationId -> (the face, the attribute that runs it), given a client.
TREE: dict[str, Callable[[Any], Face]] = {
    "ListWorkspace": lambda c: (c.workspaces, "list"),
    "CreateWorkspace": lambda c: (c.workspaces, "create"),
    "FetchWorkspace": lambda c: (c.workspaces(WS), "fetch"),
    "UpdateWorkspace": lambda c: (c.workspaces(WS), "update"),
    "DeleteWorkspace": lambda c: (c.workspaces(WS), "delete"),
    "FetchWorkspaceStatistics": lambda c: (c.workspaces(WS), "statistics"),
    "FetchWorkspaceCumulativeStatistics": lambda c: (c.workspaces(WS), "cumulative_statistics"),
    "FetchWorkspaceRealTimeStatistics": lambda c: (c.workspaces(WS), "real_time_statistics"),
    "ListActivity": lambda c: (c.workspaces(WS).activities, "list"),
    "CreateActivity": lambda c: (c.workspaces(WS).activities, "create"),
    "FetchActivity": lambda c: (c.workspaces(WS).activities(WA), "fetch"),
    "UpdateActivity": lambda c: (c.workspaces(WS).activities(WA), "update"),
    "DeleteActivity": lambda c: (c.workspaces(WS).activities(WA), "delete"),
    "ListEvent": lambda c: (c.workspaces(WS).events, "list"),
    "FetchEvent": lambda c: (c.workspaces(WS).events(EV), "fetch"),
    "ListTaskChannel": lambda c: (c.workspaces(WS).task_channels, "list"),
    "CreateTaskChannel": lambda c: (c.workspaces(WS).task_channels, "create"),
    "FetchTaskChannel": lambda c: (c.workspaces(WS).task_channels(TC), "fetch"),
    "UpdateTaskChannel": lambda c: (c.workspaces(WS).task_channels(TC), "update"),
    "DeleteTaskChannel": lambda c: (c.workspaces(WS).task_channels(TC), "delete"),
    "ListTaskQueue": lambda c: (c.workspaces(WS).task_queues, "list"),
    "CreateTaskQueue": lambda c: (c.workspaces(WS).task_queues, "create"),
    "FetchTaskQueue": lambda c: (c.workspaces(WS).task_queues(WQ), "fetch"),
    "UpdateTaskQueue": lambda c: (c.workspaces(WS).task_queues(WQ), "update"),
    "DeleteTaskQueue": lambda c: (c.workspaces(WS).task_queues(WQ), "delete"),
    "ListTaskQueuesStatistics": lambda c: (c.workspaces(WS).task_queues.statistics, "list"),
    "CreateTaskQueueBulkRealTimeStatistics": lambda c: (
        c.workspaces(WS).task_queues.real_time_statistics,
        "create",
    ),
    "FetchTaskQueueStatistics": lambda c: (c.workspaces(WS).task_queues(WQ), "statistics"),
    "FetchTaskQueueCumulativeStatistics": lambda c: (
        c.workspaces(WS).task_queues(WQ),
        "cumulative_statistics",
    ),
    "FetchTaskQueueRealTimeStatistics": lambda c: (
        c.workspaces(WS).task_queues(WQ),
        "real_time_statistics",
    ),
    "ListTask": lambda c: (c.workspaces(WS).tasks, "list"),
    "CreateTask": lambda c: (c.workspaces(WS).tasks, "create"),
    "FetchTask": lambda c: (c.workspaces(WS).tasks(WT), "fetch"),
    "UpdateTask": lambda c: (c.workspaces(WS).tasks(WT), "update"),
    "DeleteTask": lambda c: (c.workspaces(WS).tasks(WT), "delete"),
    "ListTaskReservation": lambda c: (c.workspaces(WS).tasks(WT).reservations, "list"),
    "FetchTaskReservation": lambda c: (c.workspaces(WS).tasks(WT).reservations(WR), "fetch"),
    "UpdateTaskReservation": lambda c: (c.workspaces(WS).tasks(WT).reservations(WR), "update"),
    "ListWorker": lambda c: (c.workspaces(WS).workers, "list"),
    "CreateWorker": lambda c: (c.workspaces(WS).workers, "create"),
    "FetchWorker": lambda c: (c.workspaces(WS).workers(WK), "fetch"),
    "UpdateWorker": lambda c: (c.workspaces(WS).workers(WK), "update"),
    "DeleteWorker": lambda c: (c.workspaces(WS).workers(WK), "delete"),
    "FetchWorkerStatistics": lambda c: (c.workspaces(WS).workers, "statistics"),
    "FetchWorkersCumulativeStatistics": lambda c: (
        c.workspaces(WS).workers,
        "cumulative_statistics",
    ),
    "FetchWorkersRealTimeStatistics": lambda c: (c.workspaces(WS).workers, "real_time_statistics"),
    "FetchWorkerInstanceStatistics": lambda c: (c.workspaces(WS).workers(WK), "statistics"),
    "ListWorkerChannel": lambda c: (c.workspaces(WS).workers(WK).channels, "list"),
    "FetchWorkerChannel": lambda c: (c.workspaces(WS).workers(WK).channels(WC), "fetch"),
    "UpdateWorkerChannel": lambda c: (c.workspaces(WS).workers(WK).channels(WC), "update"),
    "ListWorkerReservation": lambda c: (c.workspaces(WS).workers(WK).reservations, "list"),
    "FetchWorkerReservation": lambda c: (c.workspaces(WS).workers(WK).reservations(WR), "fetch"),
    "UpdateWorkerReservation": lambda c: (
        c.workspaces(WS).workers(WK).reservations(WR),
        "update",
    ),
    "ListWorkflow": lambda c: (c.workspaces(WS).workflows, "list"),
    "CreateWorkflow": lambda c: (c.workspaces(WS).workflows, "create"),
    "FetchWorkflow": lambda c: (c.workspaces(WS).workflows(WW), "fetch"),
    "UpdateWorkflow": lambda c: (c.workspaces(WS).workflows(WW), "update"),
    "DeleteWorkflow": lambda c: (c.workspaces(WS).workflows(WW), "delete"),
    "FetchWorkflowStatistics": lambda c: (c.workspaces(WS).workflows(WW), "statistics"),
    "FetchWorkflowCumulativeStatistics": lambda c: (
        c.workspaces(WS).workflows(WW),
        "cumulative_statistics",
    ),
    "FetchWorkflowRealTimeStatistics": lambda c: (
        c.workspaces(WS).workflows(WW),
        "real_time_statistics",
    ),
}


def method(face: Any, attribute: str) -> Any:
    """The callable that runs the operation (a statistics attribute's ``fetch``)."""
    found = getattr(face, attribute)
    return found.fetch if isinstance(declaration(face, attribute), Fetches) else found


def declaration(face: Any, attribute: str) -> Any:
    """What the face's class declares under ``attribute``: a descriptor or a function."""
    return inspect.getattr_static(type(face), attribute)


def keywords(face: Any, attribute: str) -> set[str]:
    """The keywords the face's method accepts, as its type signature says."""
    declared = declaration(face, attribute)
    if isinstance(declared, Call | Lister | Fetches):
        return set(typing.get_type_hints(declared.keywords))
    hints = typing.get_type_hints(declared, include_extras=True)
    names = set()
    for name, parameter in inspect.signature(declared).parameters.items():
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            names.add(name)
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
            (typed_dict,) = typing.get_args(hints[name])
            names |= set(typing.get_type_hints(typed_dict))
    return names
