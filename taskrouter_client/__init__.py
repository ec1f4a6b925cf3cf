"""A typed, synchronous and asyncio client for the Twilio TaskRouter REST API.

Every public name is importable from here, and loaded on first use (PEP 562): importing the
package costs little, and httpx, cattrs, python-dateutil and asyncio load only when a client
needs them.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

TYPE_CHECKING = False  # what typing.TYPE_CHECKING is at run time, without importing typing

if TYPE_CHECKING:  # the names below, for type checkers and IDEs; at run time see __getattr__
    from ._client import AsyncClient, Client
    from ._endpoints.common import IfMatchParams, ListParams
    from ._endpoints.reservations import (
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
    from ._endpoints.tasks import (
        CreateTaskParams,
        DeleteTaskParams,
        ListTaskParams,
        UpdateTaskParams,
    )
    from ._enums import (
        CallStatus,
        CallStatusLiteral,
        ConferenceEvent,
        ConferenceEventLiteral,
        OpenStrEnum,
        ReservationStatus,
        ReservationStatusLiteral,
        SupervisorMode,
        SupervisorModeLiteral,
        TaskStatus,
        TaskStatusLiteral,
    )
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

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
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
    "Client",
    "ConferenceEvent",
    "ConferenceEventLiteral",
    "ConferenceParams",
    "CreateTaskParams",
    "DeleteTaskParams",
    "DequeueParams",
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
    "TaskContext",
    "TaskList",
    "TaskRouterError",
    "TaskStatus",
    "TaskStatusLiteral",
    "UpdateTaskParams",
    "UpdateTaskReservationParams",
    "UpdateWorkerReservationParams",
    "WorkerContext",
    "WorkerList",
    "WorkerReservation",
    "WorkerReservationContext",
    "WorkerReservationList",
    "WorkspaceContext",
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
    "._endpoints.reservations": (
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
    "._endpoints.tasks": (
        "CreateTaskParams",
        "DeleteTaskParams",
        "ListTaskParams",
        "UpdateTaskParams",
    ),
    "._enums": (
        "CallStatus",
        "CallStatusLiteral",
        "ConferenceEvent",
        "ConferenceEventLiteral",
        "OpenStrEnum",
        "ReservationStatus",
        "ReservationStatusLiteral",
        "SupervisorMode",
        "SupervisorModeLiteral",
        "TaskStatus",
        "TaskStatusLiteral",
    ),
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
    if name == "__version__":
        from ._version import package_version  # noqa: PLC0415

        return package_version()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})
