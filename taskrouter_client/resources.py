"""The resource classes of the tree, sync and async.

``client.workspaces("WS…").workers`` is a :class:`WorkerList`; ``AsyncClient``'s is an
:class:`AsyncWorkerList`.

Useful in annotations; they are made by the clients, never by hand.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from ._resources.activities import (
    ActivityContext,
    ActivityList,
    AsyncActivityContext,
    AsyncActivityList,
)
from ._resources.base import AsyncEndpoint, Endpoint
from ._resources.events import AsyncEventContext, AsyncEventList, EventContext, EventList
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
from ._resources.task_channels import (
    AsyncTaskChannelContext,
    AsyncTaskChannelList,
    TaskChannelContext,
    TaskChannelList,
)
from ._resources.task_queues import (
    AsyncTaskQueueContext,
    AsyncTaskQueueList,
    AsyncTaskQueuesRealTimeStatistics,
    AsyncTaskQueuesStatistics,
    TaskQueueContext,
    TaskQueueList,
    TaskQueuesRealTimeStatistics,
    TaskQueuesStatistics,
)
from ._resources.tasks import AsyncTaskContext, AsyncTaskList, TaskContext, TaskList
from ._resources.workers import (
    AsyncWorkerChannelContext,
    AsyncWorkerChannelList,
    AsyncWorkerContext,
    AsyncWorkerList,
    WorkerChannelContext,
    WorkerChannelList,
    WorkerContext,
    WorkerList,
)
from ._resources.workflows import (
    AsyncWorkflowContext,
    AsyncWorkflowList,
    WorkflowContext,
    WorkflowList,
)
from ._resources.workspaces import (
    AsyncWorkspaceContext,
    AsyncWorkspaceList,
    WorkspaceContext,
    WorkspaceList,
)

__all__ = [
    "ActivityContext",
    "ActivityList",
    "AsyncActivityContext",
    "AsyncActivityList",
    "AsyncEndpoint",
    "AsyncEventContext",
    "AsyncEventList",
    "AsyncReservationContext",
    "AsyncReservationList",
    "AsyncTaskChannelContext",
    "AsyncTaskChannelList",
    "AsyncTaskContext",
    "AsyncTaskList",
    "AsyncTaskQueueContext",
    "AsyncTaskQueueList",
    "AsyncTaskQueuesRealTimeStatistics",
    "AsyncTaskQueuesStatistics",
    "AsyncWorkerChannelContext",
    "AsyncWorkerChannelList",
    "AsyncWorkerContext",
    "AsyncWorkerList",
    "AsyncWorkerReservationContext",
    "AsyncWorkerReservationList",
    "AsyncWorkflowContext",
    "AsyncWorkflowList",
    "AsyncWorkspaceContext",
    "AsyncWorkspaceList",
    "Endpoint",
    "EventContext",
    "EventList",
    "ReservationContext",
    "ReservationList",
    "TaskChannelContext",
    "TaskChannelList",
    "TaskContext",
    "TaskList",
    "TaskQueueContext",
    "TaskQueueList",
    "TaskQueuesRealTimeStatistics",
    "TaskQueuesStatistics",
    "WorkerChannelContext",
    "WorkerChannelList",
    "WorkerContext",
    "WorkerList",
    "WorkerReservationContext",
    "WorkerReservationList",
    "WorkflowContext",
    "WorkflowList",
    "WorkspaceContext",
    "WorkspaceList",
]
