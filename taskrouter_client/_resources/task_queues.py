"""``ws.task_queues`` and ``ws.task_queues("WQ…")``, with their statistics, for both clients."""

from __future__ import annotations

from typing import TypeVar

from .._endpoints.common import NoParams
from .._generated.shared import RealTimeParams, SplitIntervalParams
from .._generated.task_queues import (
    CREATE_TASK_QUEUE,
    CREATE_TASK_QUEUE_BULK_REAL_TIME_STATISTICS,
    DELETE_TASK_QUEUE,
    FETCH_TASK_QUEUE,
    FETCH_TASK_QUEUE_CUMULATIVE_STATISTICS,
    FETCH_TASK_QUEUE_REAL_TIME_STATISTICS,
    FETCH_TASK_QUEUE_STATISTICS,
    LIST_TASK_QUEUE,
    LIST_TASK_QUEUES_STATISTICS,
    UPDATE_TASK_QUEUE,
    CreateTaskQueueBulkRealTimeStatisticsParams,
    CreateTaskQueueParams,
    ListTaskQueueArguments,
    ListTaskQueuesStatisticsArguments,
    UpdateTaskQueueParams,
)
from .._runner import AsyncRunner, SyncRunner
from .base import Call, Child, Context, Fetches, Item, Lister, Resource

R = TypeVar("R", SyncRunner, AsyncRunner)


class _TaskQueueContext(Context[R]):
    """One TaskQueue, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "TaskQueueSid"
    fetch = Call(FETCH_TASK_QUEUE, NoParams, "Fetch the TaskQueue (FetchTaskQueue).")
    update = Call(
        UPDATE_TASK_QUEUE,
        UpdateTaskQueueParams,
        "Update the TaskQueue (UpdateTaskQueue); ``target_workers`` is checked before sending.",
    )
    delete = Call(DELETE_TASK_QUEUE, NoParams, "Delete the TaskQueue (DeleteTaskQueue).")
    statistics = Fetches(
        FETCH_TASK_QUEUE_STATISTICS,
        SplitIntervalParams,
        "Its real-time and cumulative statistics: ``.fetch()`` (FetchTaskQueueStatistics).",
    )
    cumulative_statistics = Fetches(
        FETCH_TASK_QUEUE_CUMULATIVE_STATISTICS,
        SplitIntervalParams,
        "What happened in it over a period: ``.fetch()`` (FetchTaskQueueCumulativeStatistics).",
    )
    real_time_statistics = Fetches(
        FETCH_TASK_QUEUE_REAL_TIME_STATISTICS,
        RealTimeParams,
        "Its state now: ``.fetch()`` (FetchTaskQueueRealTimeStatistics).",
    )


class TaskQueueContext(_TaskQueueContext[SyncRunner]):
    """One TaskQueue (``ws.task_queues("WQ…")``).

    ``fetch()``, ``update()``, ``delete()``; ``statistics``, ``cumulative_statistics`` and
    ``real_time_statistics``, each with ``fetch()``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncTaskQueueContext(_TaskQueueContext[AsyncRunner]):
    """Async twin of :class:`TaskQueueContext`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _TaskQueuesStatistics(Resource[R]):
    """Statistics of every TaskQueue, for either client. Strictly private."""

    __slots__ = ()
    list = Lister(
        LIST_TASK_QUEUES_STATISTICS,
        ListTaskQueuesStatisticsArguments,
        "Each TaskQueue's statistics, lazily (ListTaskQueuesStatistics).",
    )


class TaskQueuesStatistics(_TaskQueuesStatistics[SyncRunner]):
    """Statistics of every TaskQueue (``ws.task_queues.statistics``): ``list()``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncTaskQueuesStatistics(_TaskQueuesStatistics[AsyncRunner]):
    """Async twin of :class:`TaskQueuesStatistics`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _TaskQueuesRealTimeStatistics(Resource[R]):
    """Real-time statistics of chosen TaskQueues, for either client. Strictly private."""

    __slots__ = ()
    create = Call(
        CREATE_TASK_QUEUE_BULK_REAL_TIME_STATISTICS,
        CreateTaskQueueBulkRealTimeStatisticsParams,
        "The state now of one to fifty TaskQueues, ``queue_sids``, in one request "
        "(CreateTaskQueueBulkRealTimeStatistics). It only reads: it is retried like a fetch.",
    )


class TaskQueuesRealTimeStatistics(_TaskQueuesRealTimeStatistics[SyncRunner]):
    """Real-time statistics of chosen TaskQueues (``ws.task_queues.real_time_statistics``).

    ``create(queue_sids=[...])`` reads them (Twilio names the request a create).

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncTaskQueuesRealTimeStatistics(_TaskQueuesRealTimeStatistics[AsyncRunner]):
    """Async twin of :class:`TaskQueuesRealTimeStatistics`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _TaskQueueList(Resource[R]):
    """A Workspace's TaskQueues, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        TaskQueueContext,
        AsyncTaskQueueContext,
        key="TaskQueueSid",
        argument="task_queue_sid",
        prefix="WQ",
    )
    list = Lister(
        LIST_TASK_QUEUE,
        ListTaskQueueArguments,
        "The Workspace's TaskQueues, lazily (ListTaskQueue).",
    )
    create = Call(
        CREATE_TASK_QUEUE,
        CreateTaskQueueParams,
        "Create a TaskQueue (CreateTaskQueue); ``target_workers`` is checked before sending.",
    )
    statistics = Child(
        TaskQueuesStatistics,
        AsyncTaskQueuesStatistics,
        "Statistics of every TaskQueue: ``list()``.",
    )
    real_time_statistics = Child(
        TaskQueuesRealTimeStatistics,
        AsyncTaskQueuesRealTimeStatistics,
        "Real-time statistics of chosen TaskQueues: ``create(queue_sids=[...])``.",
    )


class TaskQueueList(_TaskQueueList[SyncRunner]):
    """A Workspace's TaskQueues (``ws.task_queues``): ``list()``, ``create()``, statistics.

    Call it with a SID for one.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncTaskQueueList(_TaskQueueList[AsyncRunner]):
    """Async twin of :class:`TaskQueueList`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()
