"""A typed, synchronous and asyncio client for the Twilio TaskRouter REST API.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

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
from ._endpoints.tasks import CreateTaskParams, DeleteTaskParams, ListTaskParams, UpdateTaskParams
from ._enums import (
    CallStatus,
    ConferenceEvent,
    OpenStrEnum,
    ReservationStatus,
    SupervisorMode,
    TaskStatus,
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
from ._version import package_version as _package_version

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
    "Client",
    "ConferenceEvent",
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
    "ServerError",
    "SuperviseParams",
    "SupervisorMode",
    "Task",
    "TaskContext",
    "TaskList",
    "TaskRouterError",
    "TaskStatus",
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


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _package_version()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
