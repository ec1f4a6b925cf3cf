"""``ws.workers("WK…")``, for both clients: for now, the way to a Worker's Reservations."""

from __future__ import annotations

from .._params import check_sid
from .._runner import AsyncRunner, SyncRunner
from .base import Context, Resource
from .reservations import AsyncWorkerReservationList, WorkerReservationList


class WorkerList(Resource[SyncRunner]):
    """A Workspace's Workers (``ws.workers``); call it with a Worker SID for one Worker.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, worker_sid: str) -> WorkerContext:
        """The Worker ``worker_sid`` (checked against ``^WK[0-9a-fA-F]{32}$``; nothing is sent)."""
        sid = check_sid("worker_sid", worker_sid, "WK")
        return WorkerContext(self._runner, {**self._path, "WorkerSid": sid})


class WorkerContext(Context[SyncRunner]):
    """One Worker (``ws.workers("WK…")``).

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _sid_key = "WorkerSid"

    @property
    def reservations(self) -> WorkerReservationList:
        """The Worker's Reservations."""
        return WorkerReservationList(self._runner, self._path)


class AsyncWorkerList(Resource[AsyncRunner]):
    """Async twin of :class:`WorkerList`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, worker_sid: str) -> AsyncWorkerContext:
        """See :meth:`WorkerList.__call__`."""
        sid = check_sid("worker_sid", worker_sid, "WK")
        return AsyncWorkerContext(self._runner, {**self._path, "WorkerSid": sid})


class AsyncWorkerContext(Context[AsyncRunner]):
    """Async twin of :class:`WorkerContext`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _sid_key = "WorkerSid"

    @property
    def reservations(self) -> AsyncWorkerReservationList:
        """See :attr:`WorkerContext.reservations`."""
        return AsyncWorkerReservationList(self._runner, self._path)
