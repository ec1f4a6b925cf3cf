"""A typed, synchronous and asyncio client for the Twilio TaskRouter REST API.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._client import AsyncClient, Client
from ._endpoints.common import IfMatchParams, ListParams
from ._enums import OpenStrEnum
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InvalidArgumentError,
    InvalidResponseError,
    MissingCredentialsError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    PreconditionFailedError,
    RateLimitError,
    ServerError,
    TaskRouterError,
)
from ._generated.enums import (
    CallStatus,
    ConferenceEvent,
    QueueOrder,
    ReservationStatus,
    SupervisorMode,
    TaskOrder,
    TaskStatus,
)
from ._generated.reservations import (
    CallParams,
    ConferenceParams,
    DequeueParams,
    ListTaskReservationParams,
    ListWorkerReservationParams,
    RedirectParams,
    RejectParams,
    SuperviseParams,
    UpdateTaskReservationParams,
    UpdateWorkerReservationParams,
)
from ._generated.tasks import CreateTaskParams, DeleteTaskParams, ListTaskParams, UpdateTaskParams
from ._http_info import HTTPInfo, RateLimit
from ._models import Model, Reservation, Task, WorkerReservation
from ._pagination import AsyncPaginator, Paginator
from ._resources.reservations import (
    AsyncReservationContext,
    AsyncReservationList,
    AsyncWorkerReservationContext,
    AsyncWorkerReservationList,
    ReservationContext,
    ReservationList,
    WorkerReservationContext,
    WorkerReservationList,
)
from ._resources.tasks import AsyncTaskContext, AsyncTaskList, TaskContext, TaskList
from ._responses import Page
from ._version import package_version as _package_version

if TYPE_CHECKING:
    from ._expressions import ExpressionError
    from ._generated.activities import Activity
    from ._generated.events import Event
    from ._generated.task_channels import TaskChannel
    from ._generated.task_queues import (
        TaskQueue,
        TaskQueueBulkRealTimeStatistics,
        TaskQueueCumulativeStatistics,
        TaskQueueRealTimeStatistics,
        TaskQueuesStatistics,
        TaskQueueStatistics,
    )
    from ._generated.workers import (
        Worker,
        WorkerChannel,
        WorkerInstanceStatistics,
        WorkersCumulativeStatistics,
        WorkersRealTimeStatistics,
        WorkerStatistics,
    )
    from ._generated.workflows import (
        Workflow,
        WorkflowCumulativeStatistics,
        WorkflowRealTimeStatistics,
        WorkflowStatistics,
    )
    from ._generated.workspaces import (
        Workspace,
        WorkspaceCumulativeStatistics,
        WorkspaceRealTimeStatistics,
        WorkspaceStatistics,
    )
    from ._resources.workers import AsyncWorkerContext, AsyncWorkerList, WorkerContext, WorkerList
    from ._resources.workspaces import AsyncWorkspaceContext, WorkspaceContext
    from ._statistics import (
        ActivityDuration,
        ActivityStatistic,
        Durations,
        WaitTimeCounts,
        WaitTimeSplit,
    )
    from ._workflow_configuration import (
        ConfigurationError,
        WorkflowConfiguration,
        WorkflowFilter,
        WorkflowTarget,
        check_expression,
    )

# Names whose modules load on first use, so that importing the package stays cheap.
_LAZY = {
    **dict.fromkeys(["Activity"], "._generated.activities"),
    **dict.fromkeys(["Event"], "._generated.events"),
    **dict.fromkeys(["TaskChannel"], "._generated.task_channels"),
    **dict.fromkeys(
        [
            "TaskQueue",
            "TaskQueueBulkRealTimeStatistics",
            "TaskQueueCumulativeStatistics",
            "TaskQueueRealTimeStatistics",
            "TaskQueueStatistics",
            "TaskQueuesStatistics",
        ],
        "._generated.task_queues",
    ),
    **dict.fromkeys(
        [
            "Worker",
            "WorkerChannel",
            "WorkerInstanceStatistics",
            "WorkerStatistics",
            "WorkersCumulativeStatistics",
            "WorkersRealTimeStatistics",
        ],
        "._generated.workers",
    ),
    **dict.fromkeys(
        [
            "Workflow",
            "WorkflowCumulativeStatistics",
            "WorkflowRealTimeStatistics",
            "WorkflowStatistics",
        ],
        "._generated.workflows",
    ),
    **dict.fromkeys(
        [
            "Workspace",
            "WorkspaceCumulativeStatistics",
            "WorkspaceRealTimeStatistics",
            "WorkspaceStatistics",
        ],
        "._generated.workspaces",
    ),
    **dict.fromkeys(
        ["AsyncWorkerContext", "AsyncWorkerList", "WorkerContext", "WorkerList"],
        "._resources.workers",
    ),
    **dict.fromkeys(["AsyncWorkspaceContext", "WorkspaceContext"], "._resources.workspaces"),
    **dict.fromkeys(
        [
            "ActivityDuration",
            "ActivityStatistic",
            "Durations",
            "WaitTimeCounts",
            "WaitTimeSplit",
        ],
        "._statistics",
    ),
    "ExpressionError": "._expressions",
    **dict.fromkeys(
        [
            "ConfigurationError",
            "WorkflowConfiguration",
            "WorkflowFilter",
            "WorkflowTarget",
            "check_expression",
        ],
        "._workflow_configuration",
    ),
}

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "Activity",
    "ActivityDuration",
    "ActivityStatistic",
    "AsyncClient",
    "AsyncPaginator",
    "AsyncReservationContext",
    "AsyncReservationList",
    "AsyncTaskContext",
    "AsyncTaskList",
    "AsyncWorkerContext",
    "AsyncWorkerList",
    "AsyncWorkerReservationContext",
    "AsyncWorkerReservationList",
    "AsyncWorkspaceContext",
    "AuthenticationError",
    "BadRequestError",
    "CallParams",
    "CallStatus",
    "Client",
    "ConferenceEvent",
    "ConferenceParams",
    "ConfigurationError",
    "CreateTaskParams",
    "DeleteTaskParams",
    "DequeueParams",
    "Durations",
    "Event",
    "ExpressionError",
    "HTTPInfo",
    "IfMatchParams",
    "InvalidArgumentError",
    "InvalidResponseError",
    "ListParams",
    "ListTaskParams",
    "ListTaskReservationParams",
    "ListWorkerReservationParams",
    "MissingCredentialsError",
    "Model",
    "NotFoundError",
    "OpenStrEnum",
    "Page",
    "PaginationError",
    "Paginator",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "QueueOrder",
    "RateLimit",
    "RateLimitError",
    "RedirectParams",
    "RejectParams",
    "Reservation",
    "ReservationContext",
    "ReservationList",
    "ReservationStatus",
    "ServerError",
    "SuperviseParams",
    "SupervisorMode",
    "Task",
    "TaskChannel",
    "TaskContext",
    "TaskList",
    "TaskOrder",
    "TaskQueue",
    "TaskQueueBulkRealTimeStatistics",
    "TaskQueueCumulativeStatistics",
    "TaskQueueRealTimeStatistics",
    "TaskQueueStatistics",
    "TaskQueuesStatistics",
    "TaskRouterError",
    "TaskStatus",
    "UpdateTaskParams",
    "UpdateTaskReservationParams",
    "UpdateWorkerReservationParams",
    "WaitTimeCounts",
    "WaitTimeSplit",
    "Worker",
    "WorkerChannel",
    "WorkerContext",
    "WorkerInstanceStatistics",
    "WorkerList",
    "WorkerReservation",
    "WorkerReservationContext",
    "WorkerReservationList",
    "WorkerStatistics",
    "WorkersCumulativeStatistics",
    "WorkersRealTimeStatistics",
    "Workflow",
    "WorkflowConfiguration",
    "WorkflowCumulativeStatistics",
    "WorkflowFilter",
    "WorkflowRealTimeStatistics",
    "WorkflowStatistics",
    "WorkflowTarget",
    "Workspace",
    "WorkspaceContext",
    "WorkspaceCumulativeStatistics",
    "WorkspaceRealTimeStatistics",
    "WorkspaceStatistics",
    "check_expression",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return _package_version()
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
