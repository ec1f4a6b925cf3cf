"""Reservations through their Task or their Worker, for both clients.

``ws.tasks("WT…").reservations`` and ``ws.workers("WK…").reservations``.

The flows users write most (accept, reject, dequeue, call, redirect, conference) are methods
that send one update with the instruction set; each takes only its own keywords.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

from .._compat import Unpack
from .._endpoints.common import IfMatchParams
from .._generated.reservations import (
    FETCH_TASK_RESERVATION,
    FETCH_WORKER_RESERVATION,
    LIST_TASK_RESERVATION,
    LIST_WORKER_RESERVATION,
    UPDATE_TASK_RESERVATION,
    UPDATE_WORKER_RESERVATION,
    CallParams,
    ConferenceParams,
    DequeueParams,
    ListTaskReservationArguments,
    ListWorkerReservationArguments,
    RedirectParams,
    RejectParams,
    SuperviseParams,
    UpdateTaskReservationParams,
    UpdateWorkerReservationParams,
)
from .._models import Reservation, WorkerReservation
from .._operation import Operation
from .._params import check_sid
from .._runner import AsyncRunner, SyncRunner
from .base import Context, Lister, Resource

R = TypeVar("R", bound=Reservation)


def _reservation(path: Mapping[str, str], reservation_sid: str) -> dict[str, str]:
    return {**path, "ReservationSid": check_sid("reservation_sid", reservation_sid, "WR")}


def _keywords(params: type) -> frozenset[str]:
    keys: frozenset[str] = params.__required_keys__ | params.__optional_keys__  # type: ignore[attr-defined]
    return keys


_FLOW_KEYWORDS = {
    "accept": _keywords(IfMatchParams),
    "reject": _keywords(RejectParams),
    "dequeue": _keywords(DequeueParams),
    "call": _keywords(CallParams),
    "redirect": _keywords(RedirectParams),
    "conference": _keywords(ConferenceParams),
    "supervise": _keywords(SuperviseParams),
}


def _flow_arguments(
    flow: str, params: Mapping[str, object], instruction: Mapping[str, str]
) -> dict[str, object]:
    """A flow's update arguments; a keyword of another flow (or of update) is a TypeError.

    The type checker already refuses ``accept(reservation_status="rejected")``; this refuses
    it at run time too, before anything is sent, instead of sending a mix of two flows.
    """
    for keyword in params:
        if keyword not in _FLOW_KEYWORDS[flow]:
            msg = f"{flow}() got an unexpected keyword argument {keyword!r}"
            raise TypeError(msg)
    return {**params, **instruction}


class _Flows(Context[SyncRunner], Generic[R]):
    """Fetch and the instruction flows, over a path's operations. Strictly private."""

    __slots__ = ()
    _sid_key = "ReservationSid"
    _fetch: Operation[R]
    _update: Operation[R]

    def fetch(self) -> R:
        """Fetch the Reservation."""
        return self._runner.call(self._fetch, self._path, {})

    def accept(self, **params: Unpack[IfMatchParams]) -> R:
        """Accept the Reservation: the Task is assigned to the Worker."""
        return self._send("accept", params, reservation_status="accepted")

    def reject(self, **params: Unpack[RejectParams]) -> R:
        """Reject the Reservation; ``worker_activity_sid`` moves the Worker (e.g. to Offline)."""
        return self._send("reject", params, reservation_status="rejected")

    def dequeue(self, **params: Unpack[DequeueParams]) -> R:
        """Connect the queued call to the Worker, calling from ``dequeue_from`` (required)."""
        return self._send("dequeue", params, instruction="dequeue")

    def call(self, **params: Unpack[CallParams]) -> R:
        """Call the Worker from ``call_from`` and run the TwiML at ``call_url`` (both required)."""
        return self._send("call", params, instruction="call")

    def redirect(self, **params: Unpack[RedirectParams]) -> R:
        """Redirect the parked call ``redirect_call_sid`` to ``redirect_url`` (both required)."""
        return self._send("redirect", params, instruction="redirect")

    def conference(self, **params: Unpack[ConferenceParams]) -> R:
        """Put the caller and the Worker in a conference (this accepts the Reservation)."""
        return self._send("conference", params, instruction="conference")

    def _send(self, flow: str, params: Mapping[str, object], **instruction: str) -> R:
        arguments = _flow_arguments(flow, params, instruction)
        return self._runner.call(self._update, self._path, arguments)


class _AsyncFlows(Context[AsyncRunner], Generic[R]):
    """Async twin of :class:`_Flows`. Strictly private."""

    __slots__ = ()
    _sid_key = "ReservationSid"
    _fetch: Operation[R]
    _update: Operation[R]

    async def fetch(self) -> R:
        """See :meth:`ReservationContext.fetch`."""
        return await self._runner.call(self._fetch, self._path, {})

    async def accept(self, **params: Unpack[IfMatchParams]) -> R:
        """See :meth:`ReservationContext.accept`."""
        return await self._send("accept", params, reservation_status="accepted")

    async def reject(self, **params: Unpack[RejectParams]) -> R:
        """See :meth:`ReservationContext.reject`."""
        return await self._send("reject", params, reservation_status="rejected")

    async def dequeue(self, **params: Unpack[DequeueParams]) -> R:
        """See :meth:`ReservationContext.dequeue`."""
        return await self._send("dequeue", params, instruction="dequeue")

    async def call(self, **params: Unpack[CallParams]) -> R:
        """See :meth:`ReservationContext.call`."""
        return await self._send("call", params, instruction="call")

    async def redirect(self, **params: Unpack[RedirectParams]) -> R:
        """See :meth:`ReservationContext.redirect`."""
        return await self._send("redirect", params, instruction="redirect")

    async def conference(self, **params: Unpack[ConferenceParams]) -> R:
        """See :meth:`ReservationContext.conference`."""
        return await self._send("conference", params, instruction="conference")

    async def _send(self, flow: str, params: Mapping[str, object], **instruction: str) -> R:
        arguments = _flow_arguments(flow, params, instruction)
        return await self._runner.call(self._update, self._path, arguments)


class ReservationContext(_Flows[Reservation]):
    """One Reservation of a Task (``ws.tasks("WT…").reservations("WR…")``).

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _fetch = FETCH_TASK_RESERVATION
    _update = UPDATE_TASK_RESERVATION

    def update(self, **params: Unpack[UpdateTaskReservationParams]) -> Reservation:
        """Update the Reservation (UpdateTaskReservation): any status or instruction.

        Keywords: :class:`UpdateTaskReservationParams`. An instruction sent without what
        Twilio requires for it (``dequeue_from`` for dequeue; ``call_from`` and ``call_url``
        for call; ``redirect_call_sid`` and ``redirect_url`` for redirect; ``supervisor``
        for supervise) raises InvalidArgumentError before sending.
        """
        return self._runner.call(self._update, self._path, params)

    def supervise(self, **params: Unpack[SuperviseParams]) -> Reservation:
        """Join ``supervisor`` (required) to the Worker's call, as ``supervisor_mode``."""
        return self._send("supervise", params, instruction="supervise")


class WorkerReservationContext(_Flows[WorkerReservation]):
    """One Reservation of a Worker (``ws.workers("WK…").reservations("WR…")``).

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _fetch = FETCH_WORKER_RESERVATION
    _update = UPDATE_WORKER_RESERVATION

    def update(self, **params: Unpack[UpdateWorkerReservationParams]) -> WorkerReservation:
        """Update the Reservation (UpdateWorkerReservation).

        See :meth:`ReservationContext.update` (the worker path has no supervise instruction).
        """
        return self._runner.call(self._update, self._path, params)


class AsyncReservationContext(_AsyncFlows[Reservation]):
    """Async twin of :class:`ReservationContext`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _fetch = FETCH_TASK_RESERVATION
    _update = UPDATE_TASK_RESERVATION

    async def update(self, **params: Unpack[UpdateTaskReservationParams]) -> Reservation:
        """See :meth:`ReservationContext.update`."""
        return await self._runner.call(self._update, self._path, params)

    async def supervise(self, **params: Unpack[SuperviseParams]) -> Reservation:
        """See :meth:`ReservationContext.supervise`."""
        return await self._send("supervise", params, instruction="supervise")


class AsyncWorkerReservationContext(_AsyncFlows[WorkerReservation]):
    """Async twin of :class:`WorkerReservationContext`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()
    _fetch = FETCH_WORKER_RESERVATION
    _update = UPDATE_WORKER_RESERVATION

    async def update(self, **params: Unpack[UpdateWorkerReservationParams]) -> WorkerReservation:
        """See :meth:`WorkerReservationContext.update`."""
        return await self._runner.call(self._update, self._path, params)


class ReservationList(Resource[SyncRunner]):
    """A Task's Reservations (``ws.tasks("WT…").reservations``); call it with a SID for one.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, reservation_sid: str) -> ReservationContext:
        """The Reservation ``reservation_sid`` (checked against ``^WR[0-9a-fA-F]{32}$``)."""
        return ReservationContext(self._runner, _reservation(self._path, reservation_sid))

    list = Lister(
        LIST_TASK_RESERVATION,
        ListTaskReservationArguments,
        "The Task's Reservations, lazily (ListTaskReservation); see :meth:`TaskList.list`.",
    )


class WorkerReservationList(Resource[SyncRunner]):
    """A Worker's Reservations (``ws.workers("WK…").reservations``).

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, reservation_sid: str) -> WorkerReservationContext:
        """The Reservation ``reservation_sid`` (checked against ``^WR[0-9a-fA-F]{32}$``)."""
        path = _reservation(self._path, reservation_sid)
        return WorkerReservationContext(self._runner, path)

    list = Lister(
        LIST_WORKER_RESERVATION,
        ListWorkerReservationArguments,
        "The Worker's Reservations, lazily (ListWorkerReservation).",
    )


class AsyncReservationList(Resource[AsyncRunner]):
    """Async twin of :class:`ReservationList`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, reservation_sid: str) -> AsyncReservationContext:
        """See :meth:`ReservationList.__call__`."""
        path = _reservation(self._path, reservation_sid)
        return AsyncReservationContext(self._runner, path)

    list = Lister(
        LIST_TASK_RESERVATION,
        ListTaskReservationArguments,
        "See :meth:`ReservationList.list`; iterate with ``async for``.",
    )


class AsyncWorkerReservationList(Resource[AsyncRunner]):
    """Async twin of :class:`WorkerReservationList`.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    def __call__(self, reservation_sid: str) -> AsyncWorkerReservationContext:
        """See :meth:`WorkerReservationList.__call__`."""
        path = _reservation(self._path, reservation_sid)
        return AsyncWorkerReservationContext(self._runner, path)

    list = Lister(
        LIST_WORKER_RESERVATION,
        ListWorkerReservationArguments,
        "See :meth:`WorkerReservationList.list`; iterate with ``async for``.",
    )
