"""A typed, synchronous and asyncio client for the Twilio TaskRouter REST API.

Every public name is importable from here, and loaded on first use (PEP 562): importing the
package costs little, and httpx, cattrs, python-dateutil and asyncio load only when a client
needs them. Clients, models, errors and enums live here; the keyword TypedDicts of every
method are in ``taskrouter_client.types`` and the resource classes in
``taskrouter_client.resources`` (those 0.1.0 exported from here still are).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from ._version import __version__ as __version__

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # the names below, for type checkers and IDEs; at run time see __getattr__
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
    from ._expressions import ExpressionError
    from ._generated.activities import Activity
    from ._generated.enums import (
        CallStatus,
        CallStatusLiteral,
        ConferenceEvent,
        ConferenceEventLiteral,
        QueueOrder,
        QueueOrderLiteral,
        ReservationStatus,
        ReservationStatusLiteral,
        SupervisorMode,
        SupervisorModeLiteral,
        TaskOrder,
        TaskOrderLiteral,
        TaskStatus,
        TaskStatusLiteral,
    )
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
    from ._resources.workers import AsyncWorkerContext, AsyncWorkerList, WorkerContext, WorkerList
    from ._resources.workspaces import AsyncWorkspaceContext, WorkspaceContext
    from ._responses import Page
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
    from .testing._cassette import CassetteMismatchError
    from .webhooks._callbacks import (
        AssignmentCallback,
        EventCallback,
        EventType,
        EventTypeLiteral,
    )
    from .webhooks._fields import InvalidCallbackError

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "Activity",
    "ActivityDuration",
    "ActivityStatistic",
    "AssignmentCallback",
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
    "CallStatusLiteral",
    "CassetteMismatchError",
    "Client",
    "ConferenceEvent",
    "ConferenceEventLiteral",
    "ConferenceParams",
    "ConfigurationError",
    "CreateTaskParams",
    "DeleteTaskParams",
    "DequeueParams",
    "Durations",
    "Event",
    "EventCallback",
    "EventType",
    "EventTypeLiteral",
    "ExpressionError",
    "HTTPInfo",
    "IfMatchParams",
    "InvalidArgumentError",
    "InvalidCallbackError",
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
    "QueueOrderLiteral",
    "RateLimit",
    "RateLimitError",
    "RedirectParams",
    "RejectParams",
    "Reservation",
    "ReservationContext",
    "ReservationList",
    "ReservationStatus",
    "ReservationStatusLiteral",
    "ServerError",
    "SuperviseParams",
    "SupervisorMode",
    "SupervisorModeLiteral",
    "Task",
    "TaskChannel",
    "TaskContext",
    "TaskList",
    "TaskOrder",
    "TaskOrderLiteral",
    "TaskQueue",
    "TaskQueueBulkRealTimeStatistics",
    "TaskQueueCumulativeStatistics",
    "TaskQueueRealTimeStatistics",
    "TaskQueueStatistics",
    "TaskQueuesStatistics",
    "TaskRouterError",
    "TaskStatus",
    "TaskStatusLiteral",
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

_EXPORTS: dict[str, tuple[str, ...]] = {
    "._client": (
        "AsyncClient",
        "Client",
    ),
    "._endpoints.common": (
        "IfMatchParams",
        "ListParams",
    ),
    "._enums": ("OpenStrEnum",),
    "._errors": (
        "APIConnectionError",
        "APIError",
        "APITimeoutError",
        "AuthenticationError",
        "BadRequestError",
        "InvalidArgumentError",
        "InvalidResponseError",
        "MissingCredentialsError",
        "NotFoundError",
        "PaginationError",
        "PermissionDeniedError",
        "PreconditionFailedError",
        "RateLimitError",
        "ServerError",
        "TaskRouterError",
    ),
    "._expressions": ("ExpressionError",),
    "._generated.activities": ("Activity",),
    "._generated.enums": (
        "CallStatus",
        "CallStatusLiteral",
        "ConferenceEvent",
        "ConferenceEventLiteral",
        "QueueOrder",
        "QueueOrderLiteral",
        "ReservationStatus",
        "ReservationStatusLiteral",
        "SupervisorMode",
        "SupervisorModeLiteral",
        "TaskOrder",
        "TaskOrderLiteral",
        "TaskStatus",
        "TaskStatusLiteral",
    ),
    "._generated.events": ("Event",),
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
    "._generated.task_channels": ("TaskChannel",),
    "._generated.task_queues": (
        "TaskQueue",
        "TaskQueueBulkRealTimeStatistics",
        "TaskQueueCumulativeStatistics",
        "TaskQueueRealTimeStatistics",
        "TaskQueuesStatistics",
        "TaskQueueStatistics",
    ),
    "._generated.tasks": (
        "CreateTaskParams",
        "DeleteTaskParams",
        "ListTaskParams",
        "UpdateTaskParams",
    ),
    "._generated.workers": (
        "Worker",
        "WorkerChannel",
        "WorkerInstanceStatistics",
        "WorkersCumulativeStatistics",
        "WorkersRealTimeStatistics",
        "WorkerStatistics",
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
    "._http_info": (
        "HTTPInfo",
        "RateLimit",
    ),
    "._models": (
        "Model",
        "Reservation",
        "Task",
        "WorkerReservation",
    ),
    "._pagination": (
        "AsyncPaginator",
        "Paginator",
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
    "._responses": ("Page",),
    "._statistics": (
        "ActivityDuration",
        "ActivityStatistic",
        "Durations",
        "WaitTimeCounts",
        "WaitTimeSplit",
    ),
    "._workflow_configuration": (
        "ConfigurationError",
        "WorkflowConfiguration",
        "WorkflowFilter",
        "WorkflowTarget",
        "check_expression",
    ),
    ".testing._cassette": ("CassetteMismatchError",),
    ".webhooks._callbacks": (
        "AssignmentCallback",
        "EventCallback",
        "EventType",
        "EventTypeLiteral",
    ),
    ".webhooks._fields": ("InvalidCallbackError",),
}
"""Where each public name is defined: the module is imported when the name is first used."""

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is not None:
        from importlib import import_module  # noqa: PLC0415  # the point of this function

        value = getattr(import_module(module, __name__), name)
        globals()[name] = value  # later uses find it without coming here
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
