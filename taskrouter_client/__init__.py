"""A typed, synchronous and asyncio client for the Twilio TaskRouter REST API.

Clients, models, errors and enums are importable from here; the keyword TypedDicts are in
``taskrouter_client.types`` and the resource classes in ``taskrouter_client.resources``
(the names 0.1.0 exported from here still are). Names below whose modules are not needed to
make a client load on first use, so that importing the package stays cheap.

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
from ._http_info import HTTPInfo, RateLimit
from ._models import Model, Reservation, Task, WorkerReservation
from ._pagination import AsyncPaginator, Paginator
from ._responses import Page
from ._version import package_version as _package_version

if TYPE_CHECKING:
    from ._expressions import ExpressionError
    from ._generated.activities import Activity
    from ._generated.events import Event
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
    from ._generated.task_channels import TaskChannel
    from ._generated.task_queues import (
        TaskQueue,
        TaskQueueBulkRealTimeStatistics,
        TaskQueueCumulativeStatistics,
        TaskQueueRealTimeStatistics,
        TaskQueuesStatistics,
        TaskQueueStatistics,
    )
    from ._generated.tasks import (
        CreateTaskParams,
        DeleteTaskParams,
        ListTaskParams,
        UpdateTaskParams,
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

_LAZY_MODULES = {
    "._generated.reservations": (
        "CallParams",
        "ConferenceParams",
        "DequeueParams",
        "ListTaskReservationParams",
        "ListWorkerReservationParams",
        "RedirectParams",
        "RejectParams",
        "SuperviseParams",
        "UpdateTaskReservationParams",
        "UpdateWorkerReservationParams",
    ),
    "._generated.tasks": (
        "CreateTaskParams",
        "DeleteTaskParams",
        "ListTaskParams",
        "UpdateTaskParams",
    ),
    "._resources.reservations": (
        "AsyncReservationContext",
        "AsyncReservationList",
        "AsyncWorkerReservationContext",
        "AsyncWorkerReservationList",
        "ReservationContext",
        "ReservationList",
        "WorkerReservationContext",
        "WorkerReservationList",
    ),
    "._resources.tasks": (
        "AsyncTaskContext",
        "AsyncTaskList",
        "TaskContext",
        "TaskList",
    ),
    "._resources.workers": (
        "AsyncWorkerContext",
        "AsyncWorkerList",
        "WorkerContext",
        "WorkerList",
    ),
    "._resources.workspaces": (
        "AsyncWorkspaceContext",
        "WorkspaceContext",
    ),
    "._generated.activities": ("Activity",),
    "._generated.events": ("Event",),
    "._generated.task_channels": ("TaskChannel",),
    "._generated.task_queues": (
        "TaskQueue",
        "TaskQueueBulkRealTimeStatistics",
        "TaskQueueCumulativeStatistics",
        "TaskQueueRealTimeStatistics",
        "TaskQueueStatistics",
        "TaskQueuesStatistics",
    ),
    "._generated.workers": (
        "Worker",
        "WorkerChannel",
        "WorkerInstanceStatistics",
        "WorkerStatistics",
        "WorkersCumulativeStatistics",
        "WorkersRealTimeStatistics",
    ),
    "._generated.workflows": (
        "Workflow",
        "WorkflowCumulativeStatistics",
        "WorkflowRealTimeStatistics",
        "WorkflowStatistics",
    ),
    "._generated.workspaces": (
        "Workspace",
        "WorkspaceCumulativeStatistics",
        "WorkspaceRealTimeStatistics",
        "WorkspaceStatistics",
    ),
    "._statistics": (
        "ActivityDuration",
        "ActivityStatistic",
        "Durations",
        "WaitTimeCounts",
        "WaitTimeSplit",
    ),
    "._expressions": ("ExpressionError",),
    "._workflow_configuration": (
        "ConfigurationError",
        "WorkflowConfiguration",
        "WorkflowFilter",
        "WorkflowTarget",
        "check_expression",
    ),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}
"""Names loaded on first use, and the module each comes from."""

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
