"""``ws.workers``, ``ws.workers("WK…")`` and its channels, with statistics, for both clients."""

from __future__ import annotations

from typing import TypeVar

from .._endpoints.common import NoParams
from .._generated.shared import IntervalParams, RealTimeParams
from .._generated.workers import (
    CREATE_WORKER,
    DELETE_WORKER,
    FETCH_WORKER,
    FETCH_WORKER_CHANNEL,
    FETCH_WORKER_INSTANCE_STATISTICS,
    FETCH_WORKER_STATISTICS,
    FETCH_WORKERS_CUMULATIVE_STATISTICS,
    FETCH_WORKERS_REAL_TIME_STATISTICS,
    LIST_WORKER,
    LIST_WORKER_CHANNEL,
    UPDATE_WORKER,
    UPDATE_WORKER_CHANNEL,
    CreateWorkerParams,
    DeleteWorkerParams,
    FetchWorkerStatisticsParams,
    ListWorkerArguments,
    ListWorkerChannelArguments,
    UpdateWorkerChannelParams,
    UpdateWorkerParams,
)
from .._runner import AsyncRunner, SyncRunner
from .base import Call, Child, Context, Fetches, Item, Lister, Resource
from .reservations import AsyncWorkerReservationList, WorkerReservationList

R = TypeVar("R", SyncRunner, AsyncRunner)


class _WorkerChannelContext(Context[R]):
    """One of a Worker's channels, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "WorkerChannelSid"
    fetch = Call(FETCH_WORKER_CHANNEL, NoParams, "Fetch the channel (FetchWorkerChannel).")
    update = Call(
        UPDATE_WORKER_CHANNEL,
        UpdateWorkerChannelParams,
        "Set the Worker's ``capacity`` or availability on the channel (UpdateWorkerChannel).",
    )


class WorkerChannelContext(_WorkerChannelContext[SyncRunner]):
    """One of a Worker's channels (``ws.workers("WK…").channels("WC…")`` or ``("voice")``).

    ``fetch()``, ``update()``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncWorkerChannelContext(_WorkerChannelContext[AsyncRunner]):
    """Async twin of :class:`WorkerChannelContext`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _WorkerChannelList(Resource[R]):
    """A Worker's channels, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        WorkerChannelContext,
        AsyncWorkerChannelContext,
        key="WorkerChannelSid",
        argument="worker_channel_sid",
        prefix=None,
    )
    list = Lister(
        LIST_WORKER_CHANNEL,
        ListWorkerChannelArguments,
        "The Worker's channels, lazily (ListWorkerChannel).",
    )


class WorkerChannelList(_WorkerChannelList[SyncRunner]):
    """A Worker's channels (``ws.workers("WK…").channels``): ``list()``.

    Call it with a WorkerChannel SID or a TaskChannel unique name for one.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class AsyncWorkerChannelList(_WorkerChannelList[AsyncRunner]):
    """Async twin of :class:`WorkerChannelList`.

    .. versionadded:: 0.2.0
    """

    __slots__ = ()


class _WorkerContext(Context[R]):
    """One Worker, for either client. Strictly private."""

    __slots__ = ()
    _sid_key = "WorkerSid"
    fetch = Call(FETCH_WORKER, NoParams, "Fetch the Worker (FetchWorker).")
    update = Call(
        UPDATE_WORKER,
        UpdateWorkerParams,
        "Update the Worker (UpdateWorker): ``activity_sid`` moves it to another Activity.",
    )
    delete = Call(DELETE_WORKER, DeleteWorkerParams, "Delete the Worker (DeleteWorker).")
    statistics = Fetches(
        FETCH_WORKER_INSTANCE_STATISTICS,
        IntervalParams,
        "Its cumulative statistics: ``.fetch()`` (FetchWorkerInstanceStatistics).",
    )
    channels = Child(
        WorkerChannelList, AsyncWorkerChannelList, "The Worker's channels: its capacity on each."
    )
    reservations = Child(
        WorkerReservationList, AsyncWorkerReservationList, "The Worker's Reservations."
    )


class WorkerContext(_WorkerContext[SyncRunner]):
    """One Worker (``ws.workers("WK…")``): ``fetch()``, ``update()``, ``delete()``.

    Below it: ``statistics``, ``channels`` and ``reservations``.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()


class AsyncWorkerContext(_WorkerContext[AsyncRunner]):
    """Async twin of :class:`WorkerContext`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()


class _WorkerList(Resource[R]):
    """A Workspace's Workers, for either client. Strictly private."""

    __slots__ = ()
    __call__ = Item(
        WorkerContext, AsyncWorkerContext, key="WorkerSid", argument="worker_sid", prefix="WK"
    )
    list = Lister(LIST_WORKER, ListWorkerArguments, "The Workspace's Workers, lazily (ListWorker).")
    create = Call(CREATE_WORKER, CreateWorkerParams, "Create a Worker (CreateWorker).")
    statistics = Fetches(
        FETCH_WORKER_STATISTICS,
        FetchWorkerStatisticsParams,
        "The Workers' real-time and cumulative statistics: ``.fetch()`` (FetchWorkerStatistics).",
    )
    cumulative_statistics = Fetches(
        FETCH_WORKERS_CUMULATIVE_STATISTICS,
        IntervalParams,
        "What the Workers did over a period: ``.fetch()`` (FetchWorkersCumulativeStatistics).",
    )
    real_time_statistics = Fetches(
        FETCH_WORKERS_REAL_TIME_STATISTICS,
        RealTimeParams,
        "How many Workers are in each Activity: ``.fetch()`` (FetchWorkersRealTimeStatistics).",
    )


class WorkerList(_WorkerList[SyncRunner]):
    """A Workspace's Workers (``ws.workers``): ``list()``, ``create()``, statistics.

    Call it with a Worker SID for one.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()


class AsyncWorkerList(_WorkerList[AsyncRunner]):
    """Async twin of :class:`WorkerList`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
