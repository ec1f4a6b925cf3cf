"""``client.workspaces("WS…")``, for both clients."""

from __future__ import annotations

from .._runner import AsyncRunner, SyncRunner
from .base import Context
from .tasks import AsyncTaskList, TaskList
from .workers import AsyncWorkerList, WorkerList


class WorkspaceContext(Context[SyncRunner]):
    """One Workspace (``client.workspaces("WS…")``), the root of its resources.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _sid_key = "WorkspaceSid"

    @property
    def tasks(self) -> TaskList:
        """The Workspace's Tasks."""
        return TaskList(self._runner, self._path)

    @property
    def workers(self) -> WorkerList:
        """The Workspace's Workers: ``ws.workers("WK…")`` is one of them."""
        return WorkerList(self._runner, self._path)


class AsyncWorkspaceContext(Context[AsyncRunner]):
    """Async twin of :class:`WorkspaceContext`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _sid_key = "WorkspaceSid"

    @property
    def tasks(self) -> AsyncTaskList:
        """See :attr:`WorkspaceContext.tasks`."""
        return AsyncTaskList(self._runner, self._path)

    @property
    def workers(self) -> AsyncWorkerList:
        """See :attr:`WorkspaceContext.workers`."""
        return AsyncWorkerList(self._runner, self._path)
