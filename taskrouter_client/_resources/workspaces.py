"""``client.workspaces`` and ``client.workspaces("WS…")``, for both clients.

The root of the tree; clients import it when ``client.workspaces`` is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .._endpoints.common import NoParams
from .._generated.shared import RealTimeParams, SplitIntervalParams
from .._generated.workspaces import (
    CREATE_WORKSPACE,
    DELETE_WORKSPACE,
    FETCH_WORKSPACE,
    FETCH_WORKSPACE_CUMULATIVE_STATISTICS,
    FETCH_WORKSPACE_REAL_TIME_STATISTICS,
    FETCH_WORKSPACE_STATISTICS,
    LIST_WORKSPACE,
    UPDATE_WORKSPACE,
    CreateWorkspaceParams,
    ListWorkspaceArguments,
    UpdateWorkspaceParams,
)
from .._runner import AsyncRunner, SyncRunner
from .base import Branch, Call, Context, Fetches, Item, Lister, Resource

if TYPE_CHECKING:  # each branch is imported when first reached (see Branch)
    from .activities import ActivityList, AsyncActivityList
    from .events import AsyncEventList, EventList
    from .task_channels import AsyncTaskChannelList, TaskChannelList
    from .task_queues import AsyncTaskQueueList, TaskQueueList
    from .tasks import AsyncTaskList, TaskList
    from .workers import AsyncWorkerList, WorkerList
    from .workflows import AsyncWorkflowList, WorkflowList

R = TypeVar("R", SyncRunner, AsyncRunner)


class _WorkspaceContext(Context[R]):
    """One Workspace, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "WorkspaceSid"
    fetch = Call(FETCH_WORKSPACE, NoParams, "Fetch the Workspace (FetchWorkspace).")
    update = Call(
        UPDATE_WORKSPACE,
        UpdateWorkspaceParams,
        'Update the Workspace (UpdateWorkspace); ``event_callback_url=""`` clears the URL.',
    )
    delete = Call(DELETE_WORKSPACE, NoParams, "Delete the Workspace (DeleteWorkspace).")
    statistics = Fetches(
        FETCH_WORKSPACE_STATISTICS,
        SplitIntervalParams,
        "Its real-time and cumulative statistics: ``.fetch()`` (FetchWorkspaceStatistics).",
    )
    cumulative_statistics = Fetches(
        FETCH_WORKSPACE_CUMULATIVE_STATISTICS,
        SplitIntervalParams,
        "What happened in it over a period: ``.fetch()`` (FetchWorkspaceCumulativeStatistics).",
    )
    real_time_statistics = Fetches(
        FETCH_WORKSPACE_REAL_TIME_STATISTICS,
        RealTimeParams,
        "Its state now: ``.fetch()`` (FetchWorkspaceRealTimeStatistics).",
    )
    if TYPE_CHECKING:  # the branches' types; their modules load when first reached
        activities: Branch[ActivityList, AsyncActivityList]
        events: Branch[EventList, AsyncEventList]
        task_channels: Branch[TaskChannelList, AsyncTaskChannelList]
        task_queues: Branch[TaskQueueList, AsyncTaskQueueList]
        tasks: Branch[TaskList, AsyncTaskList]
        workers: Branch[WorkerList, AsyncWorkerList]
        workflows: Branch[WorkflowList, AsyncWorkflowList]
    activities = Branch(".activities", "ActivityList", "The Workspace's Activities.")
    events = Branch(".events", "EventList", "The Workspace's Events.")
    task_channels = Branch(".task_channels", "TaskChannelList", "The Workspace's TaskChannels.")
    task_queues = Branch(".task_queues", "TaskQueueList", "The Workspace's TaskQueues.")
    tasks = Branch(".tasks", "TaskList", "The Workspace's Tasks.")
    workers = Branch(".workers", "WorkerList", "The Workspace's Workers.")
    workflows = Branch(".workflows", "WorkflowList", "The Workspace's Workflows.")


class WorkspaceContext(_WorkspaceContext[SyncRunner]):
    """One Workspace (``client.workspaces("WS…")``), the root of its resources.

    ``fetch()``, ``update()``, ``delete()``; the statistics; and below it ``activities``,
    ``events``, ``task_channels``, ``task_queues``, ``tasks``, ``workers``, ``workflows``.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()


class AsyncWorkspaceContext(_WorkspaceContext[AsyncRunner]):
    """Async twin of :class:`WorkspaceContext`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()


class _WorkspaceList(Resource[R]):
    """The account's Workspaces, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        WorkspaceContext,
        AsyncWorkspaceContext,
        key="WorkspaceSid",
        argument="workspace_sid",
        prefix="WS",
    )
    list = Lister(
        LIST_WORKSPACE, ListWorkspaceArguments, "The account's Workspaces, lazily (ListWorkspace)."
    )
    create = Call(CREATE_WORKSPACE, CreateWorkspaceParams, "Create a Workspace (CreateWorkspace).")


class WorkspaceList(_WorkspaceList[SyncRunner]):
    """The account's Workspaces (``client.workspaces``): ``list()``, ``create()``.

    Call it with a SID for one: ``client.workspaces("WS…")``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncWorkspaceList(_WorkspaceList[AsyncRunner]):
    """Async twin of :class:`WorkspaceList`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()
