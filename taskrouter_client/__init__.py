"""A typed, synchronous and asyncio client for the Twilio TaskRouter REST API.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from ._client import AsyncClient, Client
from ._endpoints.common import IfMatchParams, ListParams
from ._endpoints.tasks import CreateTaskParams, DeleteTaskParams, ListTaskParams, UpdateTaskParams
from ._enums import OpenStrEnum, TaskStatus
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
from ._models import Model, Task
from ._pagination import AsyncPaginator, Paginator
from ._resources.tasks import AsyncTaskContext, AsyncTaskList, TaskContext, TaskList
from ._resources.workspaces import AsyncWorkspaceContext, WorkspaceContext
from ._responses import Page
from ._version import package_version as _package_version

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncPaginator",
    "AsyncTaskContext",
    "AsyncTaskList",
    "AsyncWorkspaceContext",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "CreateTaskParams",
    "DeleteTaskParams",
    "HTTPInfo",
    "IfMatchParams",
    "InvalidArgumentError",
    "InvalidResponseError",
    "ListParams",
    "ListTaskParams",
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
    "ServerError",
    "Task",
    "TaskContext",
    "TaskList",
    "TaskRouterError",
    "TaskStatus",
    "UpdateTaskParams",
    "WorkspaceContext",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _package_version()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
